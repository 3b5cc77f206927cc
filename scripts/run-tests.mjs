#!/usr/bin/env node
// Runs every compiled test file (dist/**/*.test.js) with node's test runner, in a fixed time zone
// so golden files and date arithmetic are reproducible. Extra arguments filter by path substring.
// After the run it says how many tests skipped and why (the shared data, Chromium, ClickHouse);
// with CI=true a skip for a dependency CI installs (Chromium, ClickHouse) fails the run.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const tmp = mkdtempSync(join(tmpdir(), 'kept-skips-'));
const skipsFile = join(tmp, 'skips.jsonl');
const r = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/skip-reporter.mjs',
    `--test-reporter-destination=${skipsFile}`,
    ...passthrough,
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, TZ: 'UTC', KEPT_TEST: '1' } },
);

/** The missing dependency a skip names; CI installs the first two, the shared data is local only. */
function skipCategory(reason) {
  if (/clickhouse/i.test(reason)) return 'ClickHouse';
  if (/chromium/i.test(reason)) return 'Chromium';
  if (/shared\/data|shared real data|KEPT_SHARED_DATA/i.test(reason)) return 'data';
  return 'other';
}
const CI_INSTALLS = new Set(['ClickHouse', 'Chromium']);

let skips = [];
try {
  skips = readFileSync(skipsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
} catch {
  // no skips file: the runner did not start (its own error is above)
}
rmSync(tmp, { recursive: true, force: true });
let status = r.status ?? 1;
if (skips.length > 0) {
  const by = new Map();
  for (const s of skips) {
    const c = skipCategory(s.reason);
    by.set(c, [...(by.get(c) ?? []), s]);
  }
  console.log(`\nskipped ${skips.length} test${skips.length === 1 ? '' : 's'}:`);
  for (const [c, list] of [...by].sort((a, b) => b[1].length - a[1].length)) {
    const reasons = [...new Set(list.map((s) => s.reason || '(no reason given)'))];
    console.log(`  ${c}: ${list.length} — ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? '; …' : ''}`);
  }
  const missing = [...by].filter(([c]) => CI_INSTALLS.has(c));
  if (process.env.CI === 'true' && missing.length > 0) {
    console.error(
      `\nCI=true: ${missing.map(([c, l]) => `${l.length} test(s) skipped for ${c}`).join(', ')}; CI installs it (.ci/run), so a skip here means the install failed: fix it rather than skip`,
    );
    for (const [, list] of missing) for (const s of list) console.error(`  ${s.file}: ${s.name}`);
    if (status === 0) status = 1;
  }
} else console.log('\nskipped 0 tests');
process.exit(status);
