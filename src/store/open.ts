// Chooses and opens a Store from a location: a file path (DuckDB, the default) or a
// clickhouse:// URL (clickhouse://user:password@host:8123/database, or clickhouse+https://).
import type { Store } from './store.js';
import { DuckDbStore } from './duckdb/duckdb-store.js';
import { ClickHouseStore } from './clickhouse/clickhouse-store.js';
import { isClickHouseLocation } from './clickhouse/location.js';

export interface OpenStoreOptions {
  readonly readOnly?: boolean;
  /** Environment for backend settings (CLICKHOUSE_USER / CLICKHOUSE_PASSWORD); process.env when omitted. */
  readonly env?: NodeJS.ProcessEnv;
}

export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isClickHouseLocation(location)) return ClickHouseStore.open(location, options);
  const path = location.replace(/^duckdb:/i, '');
  return DuckDbStore.open(path, options);
}
