// Issue 9, fault injection: the real `kept collect` executable against the fake upstream behind a
// seeded fault layer (test/helpers/faults.ts), over many synthetic projects and several fault mixes.
// Each run must finish (exit 0, or 6 with every failed part named with its reason), send only reads,
// never exceed the fake's quota, and a second run without faults must complete the data so the
// final rows equal a clean run's. KEPT_FAULT_RUNS / KEPT_FAULT_PROJECTS / KEPT_FAULT_SEED scale it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startFaultyUpstream } from '../helpers/faults.js';
import { loadRecordings } from '../helpers/recorded-http.js';
import { tempDir } from '../helpers/tmp.js';
import { projectsConfig, runFaultSuite, syntheticRepos } from './common.js';

const RUNS = Number(process.env.KEPT_FAULT_RUNS ?? 3);
const PROJECTS = Number(process.env.KEPT_FAULT_PROJECTS ?? 4);
const SEED = Number(process.env.KEPT_FAULT_SEED ?? 20261130);

test(
  `kept collect under injected faults: ${RUNS} runs over ${PROJECTS} projects, nothing lost`,
  { timeout: 900_000 },
  async () => {
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
    const args = (db: string, json = false): string[] => [
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
      '3',
      ...(json ? ['--json'] : []),
    ];
    try {
      await runFaultSuite({
        suite: 'collect faults',
        up,
        runs: RUNS,
        seed: SEED,
        dir,
        env,
        args,
        minRows: PROJECTS * 100,
        secret: env.GITHUB_TOKEN,
      });
    } finally {
      await up.close();
    }
  },
);
