// Issue 9, fault injection: the real `kept collect` executable against the fake upstream behind a
// seeded fault layer (test/helpers/faults.ts), over many synthetic projects and several fault mixes.
// Each run must finish (exit 0, or 6 with every failed part named with its reason), send only reads,
// never exceed the fake's quota, and a second run without faults must complete the data so the
// final rows equal a clean run's. KEPT_FAULT_RUNS / KEPT_FAULT_PROJECTS / KEPT_FAULT_SEED scale it.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FAULT_MIXES, startFaultyUpstream, type FaultKind } from '../helpers/faults.js';
import { loadRecordings } from '../helpers/recorded-http.js';
import { tempDir } from '../helpers/tmp.js';
import { projectsConfig, recordSummary, rowsOf, runBinAsync, syntheticRepos } from './common.js';

const RUNS = Number(process.env.KEPT_FAULT_RUNS ?? 3);
const PROJECTS = Number(process.env.KEPT_FAULT_PROJECTS ?? 4);
const SEED = Number(process.env.KEPT_FAULT_SEED ?? 20261130);

test(`kept collect under injected faults: ${RUNS} runs over ${PROJECTS} projects, nothing lost`, { timeout: 900_000 }, async () => {
  const recordings = loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'github'));
  const repos = syntheticRepos(PROJECTS);
  const dir = tempDir();
  const config = join(dir, 'kept.yaml');
  writeFileSync(config, projectsConfig(repos));
  // A tight quota (a short window, so waits stay short): the client must wait, never exceed it.
  const up = await startFaultyUpstream({ recordings, synthetic: repos, rateLimit: { limit: 120, windowMs: 2000 } });
  const env = {
    GITHUB_API_URL: up.url,
    HF_ENDPOINT: up.url,
    GITHUB_TOKEN: 'ghp_FaultSuiteTokenFaultSuiteToken0000001',
    XDG_CONFIG_HOME: dir,
    XDG_DATA_HOME: dir,
    KEPT_HTTP_BACKOFF_MS: '20',
    KEPT_HTTP_TIMEOUT_MS: '5000',
    KEPT_HTTP_MAX_BODY_MB: '1',
  };
  const args = (db: string, json = false): string[] => ['--db', db, '--config', config, 'collect', '--sources', 'github', ...repos.map((_, k) => `p${k + 1}`), '--since', '2025-05-01', '--concurrency', '3', ...(json ? ['--json'] : [])];
  try {
    const clean = join(dir, 'clean.duckdb');
    const c = await runBinAsync(args(clean), env);
    assert.equal(c.code, 0, c.stderr);
    const expected = await rowsOf(clean);
    assert.ok(expected.length > PROJECTS * 100, `a clean run stores the synthetic data (${expected.length} rows)`);

    const totals = { runs: 0, requests: 0, injected: 0, survived: 0, retries: 0, waits: 0, lost: 0, crashes: 0, failedParts: 0 };
    const byKind = new Map<FaultKind, number>();
    for (let i = 0; i < RUNS; i++) {
      const mix = FAULT_MIXES[i % FAULT_MIXES.length]!;
      const seed = SEED + i;
      const db = join(dir, `run-${i}.duckdb`);
      const before = up.log.length;
      up.injected.clear();
      up.setMix(mix, seed);
      const r = await runBinAsync(args(db, true), env);
      up.setMix(undefined);
      const label = `run ${i} (mix ${mix.name}, seed ${seed})`;
      const injected = [...up.injected.values()].reduce((a, b) => a + b, 0);
      for (const [k, v] of up.injected) byKind.set(k, (byKind.get(k) ?? 0) + v);
      const crashed = r.signal !== null || ![0, 6].includes(r.code) || /internal error/.test(r.stderr);
      if (crashed) totals.crashes++;
      assert.ok(!crashed, `${label} finished: exit ${r.code} ${r.signal ?? ''}\n${r.stderr}`);
      const summary = JSON.parse(r.stdout) as { failures: { project: string; part: string; error: string }[]; hosts: Record<string, { retries: number; pauses: number }> };
      for (const h of Object.values(summary.hosts)) {
        totals.retries += h.retries;
        totals.waits += h.pauses;
      }
      if (r.code === 6) assert.ok(summary.failures.length > 0, `${label}: exit 6 names its failures`);
      for (const f of summary.failures) assert.ok(f.error.trim().length > 5 && f.part && f.project, `${label}: a failure has a reason: ${JSON.stringify(f)}`);
      for (const text of [r.stdout, r.stderr]) assert.ok(!text.includes(env.GITHUB_TOKEN), `${label}: the token never shows`);
      totals.failedParts += summary.failures.length;

      // Then a run without faults completes the data.
      const again = await runBinAsync(args(db), env);
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
    assert.ok(totals.injected > RUNS * 5, `faults were injected (${totals.injected})`);
    assert.ok(totals.retries > 0 && totals.waits > 0, 'faults were retried and limits waited out');
    recordSummary('collect faults', { ...totals, quotaExceeded: up.fake.stats.primaryRefusals, byKind: Object.fromEntries(byKind) });
  } finally {
    await up.close();
  }
});
