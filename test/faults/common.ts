// Shared pieces of the fault and crash suites: synthetic projects, the real binary run
// asynchronously (the fake upstream lives in this process), the rows compared between runs, the
// fault and kill loops, and the figures each suite reports (printed, and appended to
// KEPT_FAULT_REPORT for `npm run test:faults`).
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNKNOWN_FACT_PREFIX } from '../../src/domain/collected.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import type { SyntheticRepo } from '../helpers/fake-upstream.js';
import { FAULT_MIXES, rng, type FaultKind, type FaultyUpstream } from '../helpers/faults.js';
import { runBin, runBinAsync } from '../helpers/run-cli.js';

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

/** One stored row as the suites compare it, with the batch that wrote it. */
interface ComparedRow {
  readonly text: string;
  readonly batchId: number;
}

/**
 * Every stored row but the level snapshots dated by each run's clock. Hub levels are dated by the
 * run's UTC day, so they are kept without their dates (runs either side of midnight store the same
 * figures under two days). Recorded failures (`unknown:` facts) are a run's history, not its data,
 * and are left out: the suites check them apart.
 */
async function comparedRows(store: DuckDbStore): Promise<ComparedRow[]> {
  const hub = (kind: string): boolean => kind === 'hf' || kind === 'hf-org';
  const obs = (await store.observations({}))
    .filter((o) => o.dims.series !== undefined || o.metric === 'stars_gained' || hub(o.subject.kind))
    .map((o) => ({
      text: `o ${o.subject.kind}:${o.subject.id} ${o.metric} ${JSON.stringify(o.dims)} ${hub(o.subject.kind) ? '' : o.windowEnd.toISOString()} ${o.value}`,
      batchId: o.batchId,
    }));
  const facts = (await store.facts({}))
    .filter((f) => !f.name.startsWith(UNKNOWN_FACT_PREFIX))
    .map((f) => ({ text: `f ${f.subject.kind}:${f.subject.id} ${f.name} ${f.value}`, batchId: f.batchId }));
  const rels = (await store.relations({})).map((r) => ({
    text: `l ${r.from.kind}:${r.from.id} ${r.relation} ${r.to.kind}:${r.to.id} ${r.source}`,
    batchId: r.batchId,
  }));
  const recs = (await store.records({})).map((r) => ({
    text: `r ${r.subject.kind}:${r.subject.id} ${r.kind} ${r.key} ${JSON.stringify(r.data)}`,
    batchId: r.batchId,
  }));
  return [...obs, ...facts, ...rels, ...recs];
}

/** The compared rows of a database (see comparedRows), distinct and sorted. */
export async function rowsOf(db: string): Promise<string[]> {
  const store = await DuckDbStore.open(db, { readOnly: true });
  try {
    return [...new Set((await comparedRows(store)).map((r) => r.text))].sort();
  } finally {
    await store.close();
  }
}

/** The compared rows of a database grouped by the origin of the batch that wrote them. */
export async function rowsByOrigin(db: string): Promise<Map<string, Set<string>>> {
  const store = await DuckDbStore.open(db, { readOnly: true });
  try {
    const origins = new Map((await store.batches(1_000_000)).map((b) => [b.batchId, b.origin]));
    const out = new Map<string, Set<string>>();
    for (const r of await comparedRows(store)) {
      const origin = origins.get(r.batchId) ?? `batch ${r.batchId}`;
      out.set(origin, (out.get(origin) ?? new Set()).add(r.text));
    }
    return out;
  } finally {
    await store.close();
  }
}

/** The `kept collect --json` summary, as far as the suites read it. */
export interface CollectJson {
  readonly failures: readonly {
    readonly project: string;
    readonly part: string;
    readonly subject: string;
    readonly error: string;
  }[];
  readonly hosts: Readonly<Record<string, { readonly retries: number; readonly pauses: number }>>;
}

/** What the fault and crash suites share: the fake world, the run count and where runs happen. */
interface Suite {
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
}

/** A run without faults or kills into clean.duckdb: its rows are what every suite compares with. */
async function cleanRun(
  o: Suite,
): Promise<{ readonly db: string; readonly expected: string[]; readonly requests: number }> {
  const db = join(o.dir, 'clean.duckdb');
  const before = o.up.log.length;
  const c = await runBinAsync(o.args(db), o.env);
  assert.equal(c.code, 0, c.stderr);
  const expected = await rowsOf(db);
  assert.ok(expected.length > o.minRows, `a clean run stores the world (${expected.length} rows)`);
  return { db, expected, requests: o.up.log.length - before };
}

export interface FaultSuite extends Suite {
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
  const { expected } = await cleanRun(o);

  const totals = {
    runs: 0,
    requests: 0,
    injected: 0,
    survived: 0,
    retries: 0,
    waits: 0,
    lost: 0,
    crashes: 0,
    failedParts: 0,
  };
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
    for (const f of summary.failures)
      assert.ok(
        f.error.trim().length > 5 && f.part && f.project,
        `${label}: a failure has a reason: ${JSON.stringify(f)}`,
      );
    if (o.secret)
      for (const text of [r.stdout, r.stderr]) assert.ok(!text.includes(o.secret), `${label}: the token never shows`);
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
      assert.ok(
        e.method === 'GET' || (e.method === 'POST' && e.path.endsWith('/graphql') && !/\bmutation\b/.test(e.body)),
        `${label}: ${e.method} ${e.path}`,
      );
    }
    totals.runs++;
    totals.requests += up.log.length - before;
    totals.injected += injected;
    totals.survived += crashed ? 0 : injected;
  }
  assert.equal(up.fake.stats.primaryRefusals, 0, 'the fake quota was never exceeded');
  assert.ok(totals.injected > o.runs * 5, `faults were injected (${totals.injected})`);
  assert.ok(totals.retries > 0 && totals.waits > 0, 'faults were retried and limits waited out');
  recordSummary(o.suite, {
    ...totals,
    quotaExceeded: up.fake.stats.primaryRefusals,
    byKind: Object.fromEntries(byKind),
  });
}

/** Prints a suite's figures and appends them (one JSON line) to KEPT_FAULT_REPORT when set. */
export function recordSummary(suite: string, figures: Record<string, unknown>): void {
  console.log(`${suite}: ${JSON.stringify(figures)}`);
  const file = process.env.KEPT_FAULT_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify({ suite, ...figures })}\n`);
}

/**
 * Where a crash suite's run is killed: at a seeded request (from inside the fake, so the moment is
 * exact), at a seeded time after start, or a seeded time after a run's last request, while it
 * writes what it fetched and closes the store.
 */
export type KillMode = 'request' | 'time' | 'tail';

export interface CrashSuite extends Suite {
  /** The kill request is drawn from the first `requestSpan` of a clean run's requests. */
  readonly requestSpan: number;
  /** The kill modes, run i using modes[i % length] (default: requests only). */
  readonly modes?: readonly KillMode[];
  /** After each kill, each batch of the clean run is in the store whole or not at all. */
  readonly wholeBatches?: boolean;
}

/**
 * Runs the suite: a clean run for the expected rows, then `runs` runs on one database, each killed
 * (SIGKILL) at a seeded moment; after each, `kept doctor --offline` must find the store intact. A
 * last run must end with exactly the clean rows, and at least a third of the kills must have landed
 * mid-run. Records the suite's figures for the reliability report.
 */
export async function runCrashSuite(o: CrashSuite): Promise<void> {
  const { up, env } = o;
  const modes = o.modes ?? ['request'];
  const { db: clean, expected, requests: cleanRequests } = await cleanRun(o);
  const cleanBatches = o.wholeBatches ? await rowsByOrigin(clean) : new Map<string, Set<string>>();
  // Timed kills are drawn over a repeated run (its answers 304s, faster than the first run), which
  // is what every crashed run after the first is: its length, and the time from its last request
  // to its exit.
  const timing = { runMs: 0, tailMs: 0 };
  if (modes.some((m) => m !== 'request') && o.runs > 1) {
    const t0 = Date.now();
    let last = t0;
    up.onRequest = () => (last = Date.now());
    const again = await runBinAsync(o.args(clean), env);
    up.onRequest = undefined;
    assert.equal(again.code, 0, again.stderr);
    timing.runMs = Date.now() - t0;
    timing.tailMs = Date.now() - last;
    assert.deepEqual(await rowsOf(clean), expected, 'a repeated run changes nothing');
  }

  const db = join(o.dir, 'crashed.duckdb');
  const random = rng(o.seed);
  const killed: Record<KillMode, number> = { request: 0, time: 0, tail: 0 };
  let doctorChecks = 0;
  let wholeBatchChecks = 0;
  for (let i = 0; i < o.runs; i++) {
    const mode = modes[i % modes.length]!;
    // A request drawn over the length of a clean run, or a time (a later run may have less to do,
    // so some finish before their kill: that is the resume working).
    const at =
      mode === 'request'
        ? 1 + Math.floor(random() * cleanRequests * o.requestSpan)
        : Math.floor(random() * (mode === 'time' ? timing.runMs : timing.tailMs) * 1.1);
    const label = `${o.suite} run ${i} (seed ${o.seed}, kill at ${mode === 'request' ? `request ${at}` : mode === 'time' ? `${at} ms` : `${at} ms after request ${cleanRequests}`})`;
    const start = up.log.length;
    let child: ChildProcess | undefined;
    let timer: NodeJS.Timeout | undefined;
    const kill = (): boolean | undefined => child?.kill('SIGKILL');
    if (mode === 'request') up.onRequest = (n) => n - start === at && kill();
    if (mode === 'tail') up.onRequest = (n) => n - start === cleanRequests && (timer = setTimeout(kill, at));
    const r = await runBinAsync(o.args(db), env, (spawned) => {
      child = spawned;
      if (mode === 'time') timer = setTimeout(kill, at);
    });
    clearTimeout(timer);
    up.onRequest = undefined;
    if (r.signal === 'SIGKILL') killed[mode]++;
    else assert.equal(r.code, 0, `${label}: ${r.stderr}`);
    const doctor = runBin(['--db', db, 'doctor', '--offline', '--json'], {
      XDG_CONFIG_HOME: o.dir,
      XDG_DATA_HOME: o.dir,
    });
    if (doctor.stdout.trim() === '') continue; // killed before the database existed
    doctorChecks++;
    const report = JSON.parse(doctor.stdout) as {
      checks: { area: string; name: string; status: string; detail: string }[];
    };
    const integrity = report.checks.find((x) => x.area === 'store' && x.name === 'integrity');
    if (!integrity) continue; // killed before the schema was created
    assert.equal(integrity.status, 'ok', `${label}: ${integrity.detail}`);
    if (!o.wholeBatches) continue;
    const stored = new Set(await rowsOf(db));
    for (const [origin, rows] of cleanBatches) {
      const present = [...rows].filter((x) => stored.has(x)).length;
      assert.ok(
        present === 0 || present === rows.size,
        `${label}: ${present} of the ${rows.size} rows of the batch from ${origin} are stored, a partial batch`,
      );
    }
    wholeBatchChecks++;
  }
  const last = await runBinAsync(o.args(db), env);
  assert.equal(last.code, 0, last.stderr);
  const got = await rowsOf(db);
  const have = new Set(got);
  const lost = expected.filter((x) => !have.has(x)).length;
  assert.equal(lost, 0, `${o.suite}: ${lost} rows lost`);
  assert.deepEqual(got, expected);
  const total = killed.request + killed.time + killed.tail;
  assert.ok(total >= Math.ceil(o.runs / 3), `${o.suite}: only ${total} of ${o.runs} kills landed mid-run`);
  recordSummary(o.suite, {
    runs: o.runs,
    killed: total,
    ...(modes.length > 1 ? { killedBy: killed, cleanRequests, ...(timing.runMs > 0 ? timing : {}) } : {}),
    doctorChecks,
    ...(o.wholeBatches ? { wholeBatchChecks, partialBatches: 0 } : {}),
    doctorFailures: 0,
    lost,
    crashes: 0,
  });
}
