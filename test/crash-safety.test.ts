// Issue 9, crash safety: `kill -9` a real `kept import` at seeded random moments, many times.
// After every kill the store opens, `kept doctor` finds no orphaned rows or partial batches, and
// the store holds either nothing from that import or all of it; the last run then completes with
// exactly the rows of a clean run. KEPT_CRASH_RUNS raises the number of kills (default 12).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { sharedFile, tempDir } from './helpers/tmp.js';
import { BIN, runBin } from './helpers/run-cli.js';
import { recordSummary } from './faults/common.js';
import { rng } from './helpers/faults.js';

const full = sharedFile('pypi-top-monthly.csv.gz');
// The full file gives each import ~1-2 s to be killed in; the bundled subset keeps the test
// meaningful (if shorter-lived) where the shared data is absent.
const FILE = full.skip ? join(process.cwd(), 'data', 'demo', 'pypi-top-catalog.csv.gz') : full.path;
const RUNS = Number(process.env.KEPT_CRASH_RUNS ?? 12);

async function content(db: string): Promise<{ rows: number; hash: string; batches: number }> {
  const store = await DuckDbStore.open(db, { readOnly: true });
  try {
    const r = await store.rows(
      `SELECT count(*) AS n, coalesce(sum(hash(subject_kind, subject_id, metric, dims, window_start, window_end, value, source)), 0)::VARCHAR AS h,
              (SELECT count(*) FROM batches) AS b FROM observations`,
    );
    return { rows: Number(r[0]?.n), hash: String(r[0]?.h), batches: Number(r[0]?.b) };
  } finally {
    await store.close();
  }
}

function killAfter(args: string[], ms: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: 'ignore',
      env: { HOME: process.env.HOME, PATH: process.env.PATH, TZ: 'UTC' },
    });
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ killed: killed && code === null, code });
    });
  });
}

test(
  `kill -9 during kept import, ${RUNS} times: nothing partial, doctor passes, the rerun completes`,
  { timeout: 600_000 },
  async () => {
    const dir = tempDir();
    const clean = join(dir, 'clean.duckdb');
    const t0 = Date.now();
    const first = runBin(['--db', clean, 'import', 'pypi-top', FILE]);
    assert.equal(first.code, 0, first.stderr);
    const cleanMs = Date.now() - t0;
    const want = await content(clean);
    assert.ok(want.rows > 1000);

    const db = join(dir, 'crashed.duckdb');
    const seed = Number(process.env.KEPT_CRASH_SEED ?? 20261130);
    const random = rng(seed);
    let killedMidway = 0;
    for (let i = 0; i < RUNS; i++) {
      const at = Math.floor(random() * cleanMs * 1.1);
      const r = await killAfter(['--db', db, 'import', 'pypi-top', FILE], at);
      if (r.killed) killedMidway++;
      const doctor = runBin(['--db', db, 'doctor', '--offline', '--json']);
      if (doctor.stdout.trim() === '') continue; // killed before the database file was created
      const report = JSON.parse(doctor.stdout) as {
        ok: boolean;
        checks: { area: string; name: string; status: string; detail: string }[];
      };
      const integrity = report.checks.find((c) => c.area === 'store' && c.name === 'integrity');
      if (!integrity) {
        // killed before the first migration committed: the file exists but holds no schema yet
        assert.match(
          report.checks.find((c) => c.area === 'store')?.detail ?? '',
          /no database yet|schema|version 0/,
          `run ${i} (seed ${seed}, kill at ${at} ms)`,
        );
        continue;
      }
      assert.equal(integrity.status, 'ok', `run ${i} (seed ${seed}, kill at ${at} ms): ${integrity.detail}`);
      const now = await content(db);
      assert.ok(
        now.rows === 0 || now.rows === want.rows,
        `run ${i} (seed ${seed}, kill at ${at} ms): ${now.rows} rows, a partial import`,
      );
      assert.ok(now.batches <= 1, `run ${i}: ${now.batches} batches; a repeated import must add none`);
    }
    const last = runBin(['--db', db, 'import', 'pypi-top', FILE]);
    assert.equal(last.code, 0, last.stderr);
    const got = await content(db);
    assert.deepEqual({ rows: got.rows, hash: got.hash }, { rows: want.rows, hash: want.hash });
    assert.equal(got.batches, 1);
    console.log(
      `crash safety: ${RUNS} runs, ${killedMidway} killed mid-run (seed ${seed}, clean import ${cleanMs} ms), 0 partial batches, 0 rows lost`,
    );
    recordSummary('import crash', {
      runs: RUNS,
      killed: killedMidway,
      doctorFailures: 0,
      partialBatches: 0,
      lost: 0,
      crashes: 0,
    });
    assert.ok(killedMidway >= Math.floor(RUNS / 3), `only ${killedMidway} of ${RUNS} kills landed mid-run`);
  },
);
