// Crash safety of `kept collect --sources hf`: kill -9 the real executable many times on one
// database against the fake Hub (the recorded Kokoro-82M and bloom trees and the bigscience
// organisation, listings split by a server-side cap of 10 so they paginate), in turn at a seeded
// request, a seeded time, and a seeded time after the run's last request (while it writes Kokoro's
// tree, the last to be fetched, and closes the store). After every kill
// `kept doctor --offline` finds the store intact and each model tree or organisation is stored
// whole or not at all; a last run ends with exactly the rows of a clean run.
// KEPT_CRASH_RUNS (default 1, so `npm test` pays a few seconds) / KEPT_CRASH_SEED scale it.
import { join } from 'node:path';
import { test } from 'node:test';
import { startFaultyUpstream } from '../helpers/faults.js';
import { loadRecordings } from '../helpers/recorded-http.js';
import { tempDir } from '../helpers/tmp.js';
import { runCrashSuite } from './common.js';

const RUNS = Number(process.env.KEPT_CRASH_RUNS ?? 1);
const SEED = Number(process.env.KEPT_CRASH_SEED ?? 20261130);

test(
  `kill -9 during kept collect --sources hf, ${RUNS} times: doctor passes and no batch is partial after each, the last run equals a clean run`,
  { timeout: 900_000 },
  async () => {
    const recordings = loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'hf'));
    const dir = tempDir();
    // A quota no run count spends (the Hub suite of faults covers waiting on it).
    const up = await startFaultyUpstream({
      recordings,
      hubPageCap: 10,
      rateLimit: { limit: 10_000_000, windowMs: 3_600_000 },
    });
    const env = {
      HF_ENDPOINT: up.url,
      HF_TOKEN: 'hf_CrashSuiteTokenCrashSuiteToken00001',
      XDG_CONFIG_HOME: dir,
      XDG_DATA_HOME: dir,
    };
    // kokoro: hexgrad/Kokoro-82M (31 derivatives, each walked a level down); bloom: bigscience/bloom and the bigscience organisation.
    const args = (db: string): string[] => [
      '--db',
      db,
      'collect',
      '--sources',
      'hf',
      'kokoro',
      'bloom',
      '--concurrency',
      '2',
    ];
    try {
      await runCrashSuite({
        suite: 'hub collect crash',
        up,
        runs: RUNS,
        seed: SEED,
        dir,
        env,
        args,
        minRows: 150,
        requestSpan: 1,
        modes: ['request', 'time', 'tail'],
        wholeBatches: true,
      });
    } finally {
      await up.close();
    }
  },
);
