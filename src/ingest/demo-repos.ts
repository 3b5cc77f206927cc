// The demo's repository steps: the llama.cpp and SGLang issue samples (data/demo/issues/), imported
// as `kept import issues --sample` does, and the contributor reports of Ollama, TGI and PEFT
// (data/demo/contributors/), precomputed from their replayed git histories by
// scripts/build-demo-data.mjs and stored as `kept contributors` stores a report, dated by its as-of.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { upgradeContributorReport, type ContributorReport } from '../domain/contributors.js';
import { InputError, errorMessage } from '../domain/errors.js';
import { isObj } from '../domain/json-values.js';
import type { Store } from '../store/store.js';
import { storeContributors } from './contributors.js';
import type { DemoStep } from './demo.js';
import { importIssues } from './import/issues.js';

/** What the issue samples are, in the words every face repeats. */
export const DEMO_ISSUES_SAMPLE = 'stratified sample from yunwei37/vllm-exp (drawn by resolution time and labels)';

export async function importDemoIssues(store: Store, dataDir: string, now: Date): Promise<DemoStep[]> {
  const dir = join(dataDir, 'issues');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl.gz'))
    .sort();
  let rows = 0;
  let added = 0;
  const repos: string[] = [];
  for (const f of files) {
    const r = await importIssues(store, join(dir, f), { fetchedAt: now, sample: DEMO_ISSUES_SAMPLE });
    rows += r.issues + r.pullRequests;
    added += r.added;
    repos.push(`${r.repo} ${r.issues + r.pullRequests}`);
  }
  return [
    {
      what: `GitHub issues, stratified samples, not whole trackers (${repos.join(', ')})`,
      file: 'data/demo/issues/*.jsonl.gz',
      origin: 'yunwei37/vllm-exp',
      rows,
      added,
    },
  ];
}

function readReport(path: string): ContributorReport {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new InputError(`${path}: not JSON (${errorMessage(err)})`, {
      hint: 'rebuild the demo data: npm run build && node scripts/build-demo-data.mjs',
      cause: err,
    });
  }
  // Reports of an older schema are upgraded as stored ones are (domain/contributors.ts).
  const report = upgradeContributorReport(data);
  if (
    !report ||
    !isObj(data) ||
    typeof data.asOf !== 'string' ||
    Number.isNaN(Date.parse(data.asOf)) ||
    !isObj(data.source) ||
    typeof data.source.project !== 'string' ||
    !Array.isArray(data.windows)
  )
    throw new InputError(`${path}: not a stored kept contributors report of a catalog project`, {
      hint: 'rebuild the demo data: npm run build && node scripts/build-demo-data.mjs',
    });
  return report;
}

export async function importDemoContributors(store: Store, dataDir: string): Promise<DemoStep[]> {
  const dir = join(dataDir, 'contributors');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  let added = 0;
  const parts: string[] = [];
  for (const f of files) {
    const report = readReport(join(dir, f));
    // Dated by the report's own as-of (its history's last commit, or the demo's date), not the run.
    added += (await storeContributors(store, report, new Date(report.asOf))).added;
    const all = report.windows.find((w) => w.window === 'all');
    parts.push(`${report.source.project ?? f} ${all?.commits ?? 0} commits to ${report.asOf.slice(0, 10)}`);
  }
  return [
    {
      what: `Contributor breadth from git histories, as kept contributors reports (${parts.join(', ')})`,
      file: 'data/demo/contributors/*.json',
      origin: 'the public repositories, names pseudonymised; replayed and analysed at build time',
      rows: files.length,
      added,
    },
  ];
}
