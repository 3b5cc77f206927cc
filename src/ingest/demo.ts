// `kept demo`'s write side: builds a fresh database from the real data bundled in data/demo/ (no
// network; every signal family has a step) and says as of which date its figures are to be judged:
// the latest bundled PyPI snapshot.
import { importDemoHfMonthly, importDemoHfTrees } from './demo-hf.js';
import { importDemoPypiLogs, importDemoPypiTop } from './demo-pypi.js';
import { importDemoContributors, importDemoIssues } from './demo-repos.js';
import { shippedDataDir } from '../config/paths.js';
import { existsSync, rmSync } from 'node:fs';
import { StoreError } from '../domain/errors.js';
import { METRICS } from '../domain/metrics.js';
import { ClickHouseStore } from '../store/clickhouse/clickhouse-store.js';
import { isClickHouseLocation } from '../store/clickhouse/location.js';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { Store } from '../store/store.js';

const DEMO_MARKER = 'kept-demo-database';

export function demoDataDir(): string {
  return shippedDataDir('demo');
}

export interface DemoStep {
  readonly what: string;
  readonly file: string;
  readonly origin: string;
  readonly rows: number;
  readonly added: number;
}

export interface DemoResult {
  readonly dbPath: string;
  readonly asOf: Date;
  readonly steps: readonly DemoStep[];
}

/** Opens `path` as a fresh demo database, refusing to replace a database that is not a demo one. */
async function freshDemoStore(path: string, env?: NodeJS.ProcessEnv): Promise<Store> {
  if (isClickHouseLocation(path)) {
    // A ClickHouse demo store is a database: replaced (dropped) only if a demo made it or it is empty.
    const old = await ClickHouseStore.open(path, env ? { env } : {});
    const marker = await old.checkpointGet(DEMO_MARKER);
    const empty = (await old.stats()).batches === 0;
    if (marker === undefined && !empty) {
      await old.close();
      throw new StoreError(`${old.location} is not a kept demo database; refusing to replace it`, {
        hint: 'pass --db with a new database name for the demo',
      });
    }
    await old.dropDatabase();
    await old.close();
    const store = await ClickHouseStore.open(path, env ? { env } : {});
    await store.checkpointPut(DEMO_MARKER, 'true');
    return store;
  }
  if (existsSync(path)) {
    // Read-only: a database that is not kept's, or is damaged, is refused before anything is written.
    const old = await DuckDbStore.open(path, { readOnly: true });
    const marker = await old.checkpointGet(DEMO_MARKER);
    await old.close();
    if (marker === undefined) {
      throw new StoreError(`${path} is not a kept demo database; refusing to replace it`, {
        hint: 'pass --db with a new path for the demo',
      });
    }
    rmSync(path, { force: true });
    rmSync(`${path}.wal`, { force: true });
  }
  const store = await DuckDbStore.open(path);
  await store.checkpointPut(DEMO_MARKER, 'true');
  return store;
}

export async function runDemo(options: {
  dbPath: string;
  now: Date;
  onStep?: (what: string) => void;
  /** Environment for store settings (CLICKHOUSE_PASSWORD for a clickhouse:// dbPath). */
  env?: NodeJS.ProcessEnv;
}): Promise<DemoResult> {
  const dir = demoDataDir();
  const store = await freshDemoStore(options.dbPath, options.env);
  try {
    const steps: DemoStep[] = [];
    options.onStep?.('importing PyPI download snapshots');
    steps.push(...(await importDemoPypiTop(store, dir, options.now)));
    options.onStep?.('importing PyPI log lines');
    steps.push(...(await importDemoPypiLogs(store, dir, options.now)));
    options.onStep?.('importing Hub model trees');
    steps.push(...(await importDemoHfTrees(store, dir, options.now)));
    options.onStep?.('importing Hub monthly snapshots');
    steps.push(...(await importDemoHfMonthly(store, dir, options.now)));
    options.onStep?.('importing issue samples');
    steps.push(...(await importDemoIssues(store, dir, options.now)));
    options.onStep?.('storing contributor reports');
    steps.push(...(await importDemoContributors(store, dir)));
    const ends = await store.windowEnds('pypi', METRICS.downloads);
    const asOf = ends[ends.length - 1] ?? options.now;
    return { dbPath: store.location, asOf, steps };
  } finally {
    await store.close();
  }
}
