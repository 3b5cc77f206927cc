// Issue 9, crash safety of `kept collect`: kill -9 the real executable at seeded random requests,
// many times, against the fake upstream. After every kill the store opens and `kept doctor --offline`
// finds it intact (no orphaned rows, no partial batch); the runs resume one another, and a last
// run ends with exactly the rows of a clean run. KEPT_CRASH_RUNS / KEPT_CRASH_SEED scale it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startFaultyUpstream } from '../helpers/faults.js';
import { loadRecordings } from '../helpers/recorded-http.js';
import { tempDir } from '../helpers/tmp.js';
import { projectsConfig, runCrashSuite, syntheticRepos } from './common.js';

const RUNS = Number(process.env.KEPT_CRASH_RUNS ?? 5);
const SEED = Number(process.env.KEPT_CRASH_SEED ?? 20261130);

test(
  `kill -9 during kept collect, ${RUNS} times: doctor passes after each, the last run equals a clean run`,
  { timeout: 900_000 },
  async () => {
    const recordings = loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'github'));
    const repos = syntheticRepos(3);
    const dir = tempDir();
    const config = join(dir, 'kept.yaml');
    writeFileSync(config, projectsConfig(repos));
    const up = await startFaultyUpstream({ recordings, synthetic: repos });
    const env = { GITHUB_API_URL: up.url, HF_ENDPOINT: up.url, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir };
    const args = (db: string): string[] => [
      '--db',
      db,
      '--config',
      config,
      'collect',
      '--sources',
      'github',
      ...repos.map((_, k) => `p${k + 1}`),
      '--since',
      '2025-05-01',
      '--concurrency',
      '2',
    ];
    try {
      await runCrashSuite({
        suite: 'collect crash',
        up,
        runs: RUNS,
        seed: SEED,
        dir,
        env,
        args,
        minRows: 300,
        requestSpan: 0.6,
      });
    } finally {
      await up.close();
    }
  },
);
