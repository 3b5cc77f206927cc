// The append-only tables both backends hold (DuckDB and ClickHouse define them in their own DDL):
// each table's columns in insert order, the columns that make a row's identity, and the order every
// read sorts by.

/** Every append-only row's provenance: where it came from, when, and the batch that committed it. */
const PROVENANCE = ['source', 'origin', 'fetched_at', 'batch_id'] as const;

/**
 * Columns of each append-only table, in insert order, and the columns that make a row's identity.
 * `coarse`: identity columns with few distinct values per batch (a snapshot's metric and window);
 * a batch whose coarse keys are new for its source cannot repeat a stored row. `order`: how every
 * read of the table sorts its rows, on both backends; it covers the identity, so it is total and
 * no read depends on insertion order (DuckDB inserts with preserve_insertion_order off).
 */
export const TABLES = {
  observations: {
    columns: [
      'subject_kind',
      'subject_id',
      'metric',
      'dims',
      'value',
      'window_start',
      'window_end',
      'observed_at',
      ...PROVENANCE,
    ],
    identity: ['subject_kind', 'subject_id', 'metric', 'dims', 'window_start', 'window_end', 'source'],
    coarse: ['metric', 'window_start', 'window_end'],
    order: ['subject_kind', 'subject_id', 'metric', 'dims', 'window_end', 'source', 'window_start', 'batch_id'],
  },
  facts: {
    columns: ['subject_kind', 'subject_id', 'name', 'value', 'observed_at', ...PROVENANCE],
    identity: ['subject_kind', 'subject_id', 'name', 'value', 'source'],
    order: ['subject_kind', 'subject_id', 'name', 'observed_at', 'value', 'source'],
  },
  relations: {
    columns: ['from_kind', 'from_id', 'relation', 'to_kind', 'to_id', 'observed_at', ...PROVENANCE],
    identity: ['from_kind', 'from_id', 'relation', 'to_kind', 'to_id', 'source'],
    order: ['to_kind', 'to_id', 'relation', 'from_kind', 'from_id', 'observed_at', 'source'],
  },
  records: {
    columns: ['subject_kind', 'subject_id', 'kind', 'key', 'data_hash', 'data', 'observed_at', ...PROVENANCE],
    identity: ['subject_kind', 'subject_id', 'kind', 'key', 'data_hash', 'source'],
    order: ['subject_kind', 'subject_id', 'kind', 'key', 'observed_at', 'source', 'data_hash'],
  },
} as const;

export type AppendTable = keyof typeof TABLES;

export const APPEND_TABLES = Object.keys(TABLES) as AppendTable[];

/** Timestamps: `*_at` and `window_*` columns (DuckDB TIMESTAMP, ClickHouse Int64 milliseconds). */
export function isTimeColumn(column: string): boolean {
  return column.endsWith('_at') || column.startsWith('window_');
}
