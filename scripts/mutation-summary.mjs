#!/usr/bin/env node
// Prints the mutation score per directory and per file of the pure core from a Stryker report
// (default: the incremental file, which keeps every file's latest result even when a run was
// limited to one directory with --mutate), as the Markdown tables docs/testing.md shows.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'reports/stryker-incremental.json';
const report = JSON.parse(readFileSync(file, 'utf8'));
const COUNTED = ['Killed', 'Timeout', 'Survived', 'NoCoverage'];

function tally(mutants) {
  const t = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
  for (const m of mutants) if (COUNTED.includes(m.status)) t[m.status]++;
  return t;
}
function add(a, b) {
  for (const k of COUNTED) a[k] += b[k];
  return a;
}
function row(name, t) {
  const total = COUNTED.reduce((s, k) => s + t[k], 0);
  const score = total ? (100 * (t.Killed + t.Timeout)) / total : 0;
  return `| ${name} | ${score.toFixed(1)} % | ${t.Killed} | ${t.Timeout} | ${t.Survived} | ${t.NoCoverage} | ${total} |`;
}
/** The scope a file belongs to: signals, classify, views/*\/compute or report/escape. */
function scope(rel) {
  if (rel.startsWith('views/')) return 'views/*/compute';
  if (rel.startsWith('report/')) return 'report/escape';
  return rel.split('/')[0];
}

const files = Object.entries(report.files)
  .map(([path, f]) => [path.replace(/^.*?dist\/src\//, '').replace(/\.js$/, ''), tally(f.mutants)])
  .sort((a, b) => a[0].localeCompare(b[0]));
const scopes = new Map();
for (const [rel, t] of files) scopes.set(scope(rel), add(scopes.get(scope(rel)) ?? tally([]), t));
const head = [
  '| scope | score | killed | timeout | survived | no coverage | mutants |',
  '|---|---:|---:|---:|---:|---:|---:|',
];
const all = [...scopes.values()].reduce(add, tally([]));
console.log([...head, ...[...scopes].map(([s, t]) => row(s, t)), row('**all**', all)].join('\n'));
console.log();
console.log([...head.map((h) => h.replace('scope', 'file')), ...files.map(([rel, t]) => row(rel, t))].join('\n'));
