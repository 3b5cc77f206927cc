// Issue 9, crash safety of `kept collect`: kill -9 the real executable at seeded random requests,
// many times, against the fake upstream. After every kill the store opens and `kept doctor --offline`
// finds it intact (no orphaned rows, no partial batch); the runs resume one another, and a last
// run ends with exactly the rows of a clean run. KEPT_CRASH_RUNS / KEPT_CRASH_SEED scale it.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { rng, startFaultyUpstream } from '../helpers/faults.js';
import { loadRecordings } from '../helpers/recorded-http.js';
import { runBin } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';
import { projectsConfig, recordSummary, rowsOf, runBinAsync, syntheticRepos } from './common.js';

const RUNS = Number(process.env.KEPT_CRASH_RUNS ?? 5);
const SEED = Number(process.env.KEPT_CRASH_SEED ?? 20261130);

test(`kill -9 during kept collect, ${RUNS} times: doctor passes after each, the last run equals a clean run`, { timeout: 900_000 }, async () => {
  const recordings = loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'github'));
  const repos = syntheticRepos(3);
  const dir = tempDir();
  const config = join(dir, 'kept.yaml');
  writeFileSync(config, projectsConfig(repos));
  const up = await startFaultyUpstream({ recordings, synthetic: repos });
  const env = { GITHUB_API_URL: up.url, HF_ENDPOINT: up.url, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir };
  const args = (db: string): string[] => ['--db', db, '--config', config, 'collect', '--sources', 'github', ...repos.map((_, k) => `p${k + 1}`), '--since', '2025-05-01', '--concurrency', '2'];
  try {
    const clean = join(dir, 'clean.duckdb');
    const before = up.log.length;
    const c = await runBinAsync(args(clean), env);
    assert.equal(c.code, 0, c.stderr);
    const cleanRequests = up.log.length - before;
    const expected = await rowsOf(clean);
    assert.ok(expected.length > 300);

    const db = join(dir, 'crashed.duckdb');
    const random = rng(SEED);
    let killed = 0;
    let doctorRuns = 0;
    for (let i = 0; i < RUNS; i++) {
      // Kill at a request of this run drawn over the length of a clean run (a later run has less to do,
      // so some finish before their kill: that is the resume working).
      const at = 1 + Math.floor(random() * cleanRequests * 0.6);
      const start = up.log.length;
      let child: ChildProcess | undefined;
      up.onRequest = (n) => {
        if (n - start === at) child?.kill('SIGKILL');
      };
      const r = await runBinAsync(args(db), env, (c) => (child = c));
      up.onRequest = undefined;
      const label = `run ${i} (seed ${SEED}, kill at request ${at})`;
      if (r.signal === 'SIGKILL') killed++;
      else assert.equal(r.code, 0, `${label}: ${r.stderr}`);
      const doctor = runBin(['--db', db, 'doctor', '--offline', '--json'], { XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir });
      if (doctor.stdout.trim() === '') continue; // killed before the database existed
      doctorRuns++;
      const report = JSON.parse(doctor.stdout) as { checks: { area: string; name: string; status: string; detail: string }[] };
      const integrity = report.checks.find((x) => x.area === 'store' && x.name === 'integrity');
      if (!integrity) continue; // killed before the schema was created
      assert.equal(integrity.status, 'ok', `${label}: ${integrity.detail}`);
    }
    const last = await runBinAsync(args(db), env);
    assert.equal(last.code, 0, last.stderr);
    const got = await rowsOf(db);
    const have = new Set(got);
    const lost = expected.filter((x) => !have.has(x)).length;
    assert.equal(lost, 0, `${lost} rows lost`);
    assert.deepEqual(got, expected);
    assert.ok(killed >= Math.ceil(RUNS / 3), `only ${killed} of ${RUNS} kills landed mid-run`);
    recordSummary('collect crash', { runs: RUNS, killed, doctorChecks: doctorRuns, doctorFailures: 0, lost, crashes: 0 });
  } finally {
    await up.close();
  }
});
