// The store contract on DuckDB (always runs).
import { join } from 'node:path';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { runStoreContract } from './store-contract.js';
import { tempDir } from './helpers/tmp.js';

runStoreContract('duckdb', {
  open: () => DuckDbStore.open(join(tempDir(), 'k.duckdb')),
  reopen: (s) => DuckDbStore.open(s.location),
});
