// Fault injection on the Hub path: the real `kept collect --sources hf` against the fake Hub (the
// recorded Kokoro-82M and bloom trees, answered at the collector's own page size of 500 but split
// by a server-side cap of 10, so listings paginate) behind the same seeded fault layer as the
// GitHub suite, with the Hub's RateLimit quota. Besides the shared checks (each run finishes, sends
// only reads, never exceeds the quota, and a clean rerun leaves exactly a clean run's rows), every
// part a faulty run reports as failed must be in the store as an unknown with that reason.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { UNKNOWN_FACT_PREFIX } from '../../src/domain/collected.js';
import { formatSubject } from '../../src/domain/subject.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { startFaultyUpstream } from '../helpers/faults.js';
import { loadRecordings } from '../helpers/recorded-http.js';
import { tempDir } from '../helpers/tmp.js';
import { runFaultSuite, type CollectJson } from './common.js';

const RUNS = Number(process.env.KEPT_FAULT_RUNS ?? 3);
const SEED = Number(process.env.KEPT_FAULT_SEED ?? 20261130);

/** Each failed part of the run is stored as an `unknown:` fact of its subject carrying the error. */
async function failuresAreStored(db: string, summary: CollectJson, label: string): Promise<void> {
  const store = await DuckDbStore.open(db, { readOnly: true });
  try {
    const unknowns = (await store.facts({ sources: ['hf-hub'] })).filter((f) => f.name.startsWith(UNKNOWN_FACT_PREFIX));
    for (const f of summary.failures) {
      assert.ok(
        unknowns.some((u) => formatSubject(u.subject) === f.subject && u.value.includes(f.error)),
        `${label}: the failure of ${f.subject} is stored with its reason (${f.error}); stored: ${unknowns.map((u) => `${formatSubject(u.subject)} ${u.value}`).join(' | ')}`,
      );
    }
  } finally {
    await store.close();
  }
}

test(
  `kept collect --sources hf under injected faults: ${RUNS} runs over two model trees and an organisation, nothing lost`,
  { timeout: 900_000 },
  async () => {
    const recordings = loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'hf'));
    const dir = tempDir();
    // A tight quota in a short window: the client must wait on the Hub's RateLimit header, never exceed it.
    const up = await startFaultyUpstream({ recordings, rateLimit: { limit: 100, windowMs: 1000 }, hubPageCap: 10 });
    const env = {
      HF_ENDPOINT: up.url,
      HF_TOKEN: 'hf_FaultSuiteTokenFaultSuiteToken000001',
      XDG_CONFIG_HOME: dir,
      XDG_DATA_HOME: dir,
      KEPT_HTTP_BACKOFF_MS: '20',
      KEPT_HTTP_TIMEOUT_MS: '5000',
      KEPT_HTTP_MAX_BODY_MB: '1',
    };
    // kokoro: hexgrad/Kokoro-82M (31 derivatives, each walked a level down); bloom: bigscience/bloom and the bigscience organisation.
    const args = (db: string, json = false): string[] => [
      '--db',
      db,
      'collect',
      '--sources',
      'hf',
      'kokoro',
      'bloom',
      '--concurrency',
      '2',
      ...(json ? ['--json'] : []),
    ];
    try {
      await runFaultSuite({
        suite: 'hub collect faults',
        up,
        runs: RUNS,
        seed: SEED,
        dir,
        env,
        args,
        minRows: 150,
        secret: env.HF_TOKEN,
        afterFaultyRun: failuresAreStored,
      });
    } finally {
      await up.close();
    }
  },
);
