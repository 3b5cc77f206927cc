// Every command, in --help order. A command module exports one register function.
import type { Command } from 'commander';
import type { Wrap } from '../context.js';
import { registerBadge } from './badge.js';
import { registerCatalog } from './catalog.js';
import { registerCollect } from './collect.js';
import { registerCompare } from './compare.js';
import { registerContributors } from './contributors.js';
import { registerDemo } from './demo.js';
import { registerDigest } from './digest.js';
import { registerDoctor } from './doctor.js';
import { registerFanout } from './fanout.js';
import { registerGap } from './gap.js';
import { registerEcosystem } from './ecosystem.js';
import { registerImport } from './import.js';
import { registerMigrate } from './migrate.js';
import { registerGrowth } from './growth.js';
import { registerLink } from './link.js';
import { registerMcp } from './mcp.js';
import { registerProfile } from './profile.js';
import { registerServe } from './serve.js';
import { registerTop } from './top.js';
import { registerTrend } from './trend.js';
import { registerVerdict } from './verdict.js';

export const COMMANDS: readonly ((program: Command, wrap: Wrap) => void)[] = [
  registerDemo,
  registerProfile,
  registerCompare,
  registerServe,
  registerMcp,
  registerTrend,
  registerGrowth,
  registerVerdict,
  registerBadge,
  registerTop,
  registerFanout,
  registerEcosystem,
  registerGap,
  registerContributors,
  registerDigest,
  registerImport,
  registerCollect,
  registerLink,
  registerCatalog,
  registerDoctor,
  registerMigrate,
];
