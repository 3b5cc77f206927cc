// Chooses and opens a Store from a location: a file path (DuckDB, the default) or a
// clickhouse:// URL (when that backend is installed).
import { StoreError } from '../domain/errors.js';
import type { Store } from './store.js';
import { DuckDbStore } from './duckdb/duckdb-store.js';

export interface OpenStoreOptions {
  readonly readOnly?: boolean;
}

export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (/^clickhouse(\+https?)?:\/\//i.test(location)) {
    throw new StoreError('the ClickHouse backend is not available in this build', { hint: 'use a DuckDB file path with --db' });
  }
  const path = location.replace(/^duckdb:/i, '');
  return DuckDbStore.open(path, options);
}
