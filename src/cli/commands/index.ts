// Every command, in --help order. A command module exports one register function.
import type { Command } from 'commander';
import type { Wrap } from '../main.js';
import { registerCatalog } from './catalog.js';
import { registerDemo } from './demo.js';
import { registerDoctor } from './doctor.js';
import { registerFanout } from './fanout.js';
import { registerImport } from './import.js';
import { registerProfile } from './profile.js';
import { registerTop } from './top.js';
import { registerTrend } from './trend.js';
import { registerVerdict } from './verdict.js';

export const COMMANDS: readonly ((program: Command, wrap: Wrap) => void)[] = [
  registerDemo,
  registerProfile,
  registerTrend,
  registerVerdict,
  registerTop,
  registerFanout,
  registerImport,
  registerCatalog,
  registerDoctor,
];
