#!/usr/bin/env node
// `npm run test:faults`: the fault-injection (GitHub and Hub), crash (GitHub and Hub collect,
// import) and damaged-store suites with larger counts than `npm test` runs, then one table of their
// figures. Counts: KEPT_FAULT_RUNS (default 15), KEPT_FAULT_PROJECTS (8), KEPT_CRASH_RUNS (25),
// KEPT_DAMAGED_FILES (8 cuts and 8 bit flips), KEPT_DAMAGED_FOREIGN (6); seeds: KEPT_FAULT_SEED,
// KEPT_CRASH_SEED, KEPT_DAMAGED_SEED.
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const dir = mkdtempSync(join(tmpdir(), 'kept-faults-'));
const report = join(dir, 'report.jsonl');
const env = {
  ...process.env,
  KEPT_FAULT_RUNS: process.env.KEPT_FAULT_RUNS ?? '15',
  KEPT_FAULT_PROJECTS: process.env.KEPT_FAULT_PROJECTS ?? '8',
  KEPT_CRASH_RUNS: process.env.KEPT_CRASH_RUNS ?? '25',
  KEPT_DAMAGED_FILES: process.env.KEPT_DAMAGED_FILES ?? '8',
  KEPT_DAMAGED_FOREIGN: process.env.KEPT_DAMAGED_FOREIGN ?? '6',
  KEPT_FAULT_REPORT: report,
};
const r = spawnSync(process.execPath, ['scripts/run-tests.mjs', 'test/faults/', 'test/crash-safety'], {
  stdio: 'inherit',
  env,
});
const rows = existsSync(report)
  ? readFileSync(report, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : [];
rmSync(dir, { recursive: true, force: true });
const cols = [
  'suite',
  'runs',
  'requests',
  'injected',
  'survived',
  'retries',
  'waits',
  'killed',
  'failedParts',
  'quotaExceeded',
  'lost',
  'crashes',
];
const head = [
  'suite',
  'runs',
  'requests',
  'faults injected',
  'faults survived',
  'retries',
  'rate-limit waits',
  'kill -9',
  'parts failed (then completed)',
  'quota exceeded',
  'rows lost',
  'crashes',
];
const cell = (v) => (v === undefined ? '-' : String(v));
console.log('\nkept reliability report');
console.log(`| ${head.join(' | ')} |`);
console.log(`|${head.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${cols.map((c) => cell(row[c])).join(' | ')} |`);
for (const row of rows.filter((x) => x.byKind))
  console.log(
    `\nfaults by kind (${row.suite}): ${Object.entries(row.byKind)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
for (const row of rows.filter((x) => x.files !== undefined))
  console.log(
    `\ndamaged store files (${row.suite}): ${row.files} (${row.truncated} cut short, ${row.flipped} with a bit flipped, ${row.foreign} not kept's) × ${row.commands} commands = ${row.runs} runs: exit 7 in ${row.exit7}, one error line and its hint in ${row.oneLine}, file and directory unchanged in ${row.unchanged}, written ${row.written}, internal errors ${row.crashes}`,
  );
for (const row of rows.filter((x) => x.killedBy))
  console.log(
    `\nkills mid-run by moment (${row.suite}): ${Object.entries(row.killedBy)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} (a seeded request; a seeded time after start; a seeded time after the last request)`,
  );
if (rows.length < 6) console.log(`\n(only ${rows.length} of 6 suites reported: see the failures above)`);
process.exit(r.status ?? 1);
