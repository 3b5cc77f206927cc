// Shared pieces of the fault and crash suites: synthetic projects, the real binary run
// asynchronously (the fake upstream lives in this process), the rows compared between runs, and
// the figures each suite reports (printed, and appended to KEPT_FAULT_REPORT for `npm run test:faults`).
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import type { SyntheticRepo } from '../helpers/fake-upstream.js';

export const BIN = join(process.cwd(), 'bin', 'kept.js');

export interface BinRun {
  readonly code: number;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function spawnBin(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env: { HOME: process.env.HOME, PATH: process.env.PATH, TZ: 'UTC', ...env } });
}

export function runBinAsync(args: readonly string[], env: NodeJS.ProcessEnv, onSpawn?: (c: ChildProcess) => void): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    const child = spawnBin(args, env);
    onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
  });
}

/** Small synthetic repositories (a few star pages, 30 contributors, issues with comments, releases). */
export function syntheticRepos(n: number): SyntheticRepo[] {
  return Array.from({ length: n }, (_, i) => ({
    fullName: `kept-faults/p${i + 1}`,
    stars: 120 + ((i * 97) % 260),
    contributors: 20 + (i % 15),
    issues: 25 + (i % 10),
    commentsPerIssue: 1 + (i % 2),
    releases: 2 + (i % 3),
    from: '2025-01-01T00:00:00Z',
    until: '2025-07-16T00:00:00Z',
  }));
}

export function projectsConfig(repos: readonly SyntheticRepo[]): string {
  return `projects:\n${repos.map((r, i) => `  - id: p${i + 1}\n    github: ${r.fullName}\n`).join('')}`;
}

/** Every stored row but the level snapshots (dated by each run's clock), as sorted text. */
export async function rowsOf(db: string): Promise<string[]> {
  const store = await DuckDbStore.open(db, { readOnly: true });
  try {
    const obs = (await store.observations({})).filter((o) => o.dims.series !== undefined || o.metric === 'stars_gained').map((o) => `o ${o.subject.kind}:${o.subject.id} ${o.metric} ${JSON.stringify(o.dims)} ${o.windowEnd.toISOString()} ${o.value}`);
    const facts = (await store.facts({})).map((f) => `f ${f.subject.kind}:${f.subject.id} ${f.name} ${f.value}`);
    const recs = (await store.records({})).map((r) => `r ${r.subject.kind}:${r.subject.id} ${r.kind} ${r.key} ${JSON.stringify(r.data)}`);
    return [...new Set([...obs, ...facts, ...recs])].sort();
  } finally {
    await store.close();
  }
}

/** Prints a suite's figures and appends them (one JSON line) to KEPT_FAULT_REPORT when set. */
export function recordSummary(suite: string, figures: Record<string, unknown>): void {
  console.log(`${suite}: ${JSON.stringify(figures)}`);
  const file = process.env.KEPT_FAULT_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify({ suite, ...figures })}\n`);
}
