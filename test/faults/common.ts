// Shared pieces of the fault and crash suites: synthetic projects, the real binary run
// asynchronously (the fake upstream lives in this process), the rows compared between runs, and
// the figures each suite reports (printed, and appended to KEPT_FAULT_REPORT for `npm run test:faults`).
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNKNOWN_FACT_PREFIX } from '../../src/domain/collected.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import type { SyntheticRepo } from '../helpers/fake-upstream.js';
import { FAULT_MIXES, type FaultKind, type FaultyUpstream } from '../helpers/faults.js';
import { runBinAsync } from '../helpers/run-cli.js';

export { runBinAsync };

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

/**
 * Every stored row but the level snapshots dated by each run's clock, as sorted text. Hub levels
 * are dated by the run's UTC day, so they are kept without their dates (runs either side of
 * midnight store the same figures under two days). Recorded failures (`unknown:` facts) are a
 * run's history, not its data, and are left out: the suites check them apart.
 */
export async function rowsOf(db: string): Promise<string[]> {
  const store = await DuckDbStore.open(db, { readOnly: true });
  try {
    const hub = (kind: string): boolean => kind === 'hf' || kind === 'hf-org';
    const obs = (await store.observations({}))
      .filter((o) => o.dims.series !== undefined || o.metric === 'stars_gained' || hub(o.subject.kind))
      .map((o) => `o ${o.subject.kind}:${o.subject.id} ${o.metric} ${JSON.stringify(o.dims)} ${hub(o.subject.kind) ? '' : o.windowEnd.toISOString()} ${o.value}`);
    const facts = (await store.facts({})).filter((f) => !f.name.startsWith(UNKNOWN_FACT_PREFIX)).map((f) => `f ${f.subject.kind}:${f.subject.id} ${f.name} ${f.value}`);
    const rels = (await store.relations({})).map((r) => `l ${r.from.kind}:${r.from.id} ${r.relation} ${r.to.kind}:${r.to.id} ${r.source}`);
    const recs = (await store.records({})).map((r) => `r ${r.subject.kind}:${r.subject.id} ${r.kind} ${r.key} ${JSON.stringify(r.data)}`);
    return [...new Set([...obs, ...facts, ...rels, ...recs])].sort();
  } finally {
    await store.close();
  }
}

/** The `kept collect --json` summary, as far as the suites read it. */
export interface CollectJson {
  readonly failures: readonly { readonly project: string; readonly part: string; readonly subject: string; readonly error: string }[];
  readonly hosts: Readonly<Record<string, { readonly retries: number; readonly pauses: number }>>;
}

export interface FaultSuite {
  /** The name in the reliability report. */
  readonly suite: string;
  readonly up: FaultyUpstream;
  readonly runs: number;
  readonly seed: number;
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  /** `kept collect` arguments for a database (with --json for the faulty runs). */
  readonly args: (db: string, json?: boolean) => string[];
  /** Fewest rows a clean run must store (proof the world is not empty). */
  readonly minRows: number;
  /** A value that must never show in output (a planted token). */
  readonly secret?: string;
  /** More checks of a faulty run's database, before the clean rerun. */
  readonly afterFaultyRun?: (db: string, summary: CollectJson, label: string) => Promise<void>;
}

/**
 * Runs the suite: a clean run for the expected rows, then `runs` runs under the fault mixes in turn,
 * each followed by a run without faults. Each faulty run must finish (exit 0, or 6 naming every
 * failed part with a reason) and send only reads; each rerun must leave exactly the clean rows; the
 * fake's quota must never be exceeded. Records the suite's figures for the reliability report.
 */
export async function runFaultSuite(o: FaultSuite): Promise<void> {
  const { up, env } = o;
  const clean = join(o.dir, 'clean.duckdb');
  const c = await runBinAsync(o.args(clean), env);
  assert.equal(c.code, 0, c.stderr);
  const expected = await rowsOf(clean);
  assert.ok(expected.length > o.minRows, `a clean run stores the world (${expected.length} rows)`);

  const totals = { runs: 0, requests: 0, injected: 0, survived: 0, retries: 0, waits: 0, lost: 0, crashes: 0, failedParts: 0 };
  const byKind = new Map<FaultKind, number>();
  for (let i = 0; i < o.runs; i++) {
    const mix = FAULT_MIXES[i % FAULT_MIXES.length]!;
    const seed = o.seed + i;
    const db = join(o.dir, `run-${i}.duckdb`);
    const before = up.log.length;
    up.injected.clear();
    up.setMix(mix, seed);
    const r = await runBinAsync(o.args(db, true), env);
    up.setMix(undefined);
    const label = `${o.suite} run ${i} (mix ${mix.name}, seed ${seed})`;
    const injected = [...up.injected.values()].reduce((a, b) => a + b, 0);
    for (const [k, v] of up.injected) byKind.set(k, (byKind.get(k) ?? 0) + v);
    const crashed = r.signal !== null || ![0, 6].includes(r.code) || /internal error/.test(r.stderr);
    if (crashed) totals.crashes++;
    assert.ok(!crashed, `${label} finished: exit ${r.code} ${r.signal ?? ''}\n${r.stderr}`);
    const summary = JSON.parse(r.stdout) as CollectJson;
    for (const h of Object.values(summary.hosts)) {
      totals.retries += h.retries;
      totals.waits += h.pauses;
    }
    if (r.code === 6) assert.ok(summary.failures.length > 0, `${label}: exit 6 names its failures`);
    for (const f of summary.failures) assert.ok(f.error.trim().length > 5 && f.part && f.project, `${label}: a failure has a reason: ${JSON.stringify(f)}`);
    if (o.secret) for (const text of [r.stdout, r.stderr]) assert.ok(!text.includes(o.secret), `${label}: the token never shows`);
    totals.failedParts += summary.failures.length;
    await o.afterFaultyRun?.(db, summary, label);

    // Then a run without faults completes the data.
    const again = await runBinAsync(o.args(db), env);
    assert.equal(again.code, 0, `${label}, the clean rerun: ${again.stderr}`);
    const got = await rowsOf(db);
    const have = new Set(got);
    const lost = expected.filter((x) => !have.has(x)).length;
    const extra = got.filter((x) => !expected.includes(x));
    totals.lost += lost;
    assert.equal(lost, 0, `${label}: ${lost} rows lost`);
    assert.deepEqual(extra, [], `${label}: rows a clean run does not have`);

    // Only reads were sent: GETs and GraphQL queries (no mutation).
    for (const e of up.log.slice(before)) {
      assert.ok(e.method === 'GET' || (e.method === 'POST' && e.path.endsWith('/graphql') && !/\bmutation\b/.test(e.body)), `${label}: ${e.method} ${e.path}`);
    }
    totals.runs++;
    totals.requests += up.log.length - before;
    totals.injected += injected;
    totals.survived += crashed ? 0 : injected;
  }
  assert.equal(up.fake.stats.primaryRefusals, 0, 'the fake quota was never exceeded');
  assert.ok(totals.injected > o.runs * 5, `faults were injected (${totals.injected})`);
  assert.ok(totals.retries > 0 && totals.waits > 0, 'faults were retried and limits waited out');
  recordSummary(o.suite, { ...totals, quotaExceeded: up.fake.stats.primaryRefusals, byKind: Object.fromEntries(byKind) });
}

/** Prints a suite's figures and appends them (one JSON line) to KEPT_FAULT_REPORT when set. */
export function recordSummary(suite: string, figures: Record<string, unknown>): void {
  console.log(`${suite}: ${JSON.stringify(figures)}`);
  const file = process.env.KEPT_FAULT_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify({ suite, ...figures })}\n`);
}
