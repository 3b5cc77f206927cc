#!/usr/bin/env node
// Runs every compiled test file (dist/**/*.test.js) with node's test runner, in a fixed time zone
// so golden files and date arithmetic are reproducible. Extra arguments filter by path substring.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = 'dist';
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const passthrough = process.argv.slice(2).filter((a) => a.startsWith('-'));
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js') && (filters.length === 0 || filters.some((f) => p.includes(f)))) files.push(p);
  }
})(root);
if (files.length === 0) {
  console.error(`no test files matched under ${root}/ (did the build run?)`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...passthrough, ...files], {
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC', KEPT_TEST: '1' },
});
process.exit(r.status ?? 1);
