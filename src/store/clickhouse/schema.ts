// ClickHouse schema, as numbered migrations (same numbering as the DuckDB schema's contract
// version). ClickHouse has no transactional DDL, so every statement is idempotent (IF NOT EXISTS):
// a migration interrupted half-way is simply applied again, and its row in schema_migrations is
// written last. `{db}` is replaced by the quoted database name.
//
// Timestamps are Int64 milliseconds since the epoch (UTC): DateTime in this server generation has
// one-second precision and a server time zone; kept's dates are exact to the millisecond.
//
// Append-only tables are plain MergeTree with insert-side deduplication on the same identity
// columns as DuckDB (store/duckdb/schema.ts TABLES), and every read sees only rows whose batch_id
// is in `batches` (the commit marker). ReplacingMergeTree is not used for them on purpose: a
// background merge could replace a committed row by an uncommitted one of an interrupted batch with
// the same identity, and a reader would lose it. Small mutable tables (http_cache, checkpoints) are
// ReplacingMergeTree and read with FINAL.

export interface ClickHouseMigration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

const prov = 'source String, origin String, fetched_at Int64, batch_id UInt64';

export const CLICKHOUSE_MIGRATIONS: readonly ClickHouseMigration[] = [
  {
    version: 1,
    name: 'observations, facts, relations, records, batches, http cache, checkpoints',
    statements: [
      // One row per committed batch: the commit marker readers join on.
      `CREATE TABLE IF NOT EXISTS {db}.batches (batch_id UInt64, source String, origin String, fetched_at Int64,
        committed_at Int64, offered UInt64, added UInt64) ENGINE = MergeTree ORDER BY batch_id`,
      // Batch ids handed out (committed or not): the next id is above all of them.
      `CREATE TABLE IF NOT EXISTS {db}.batch_claims (batch_id UInt64, claimed_at Int64) ENGINE = MergeTree ORDER BY batch_id`,
      // Order key serves per-subject time-series reads. Partitions are years of window_end: a
      // subject's series is one range per part, so monthly partitions made a 158-month series read
      // a granule in each of ~100 parts (0.5 M rows for 150); years still prune a new snapshot's
      // dedup and a snapshot's top-N to one year. Small granules: a series is a few dozen rows.
      // Partitioning is physical layout only (every read and write is the same on any layout), so
      // stores made with monthly partitions keep working unchanged.
      `CREATE TABLE IF NOT EXISTS {db}.observations (subject_kind String, subject_id String, metric String, dims String,
        value Float64, window_start Int64, window_end Int64, observed_at Int64, ${prov})
        ENGINE = MergeTree PARTITION BY toYear(toDateTime(intDiv(window_end, 1000), 'UTC'))
        ORDER BY (subject_kind, subject_id, metric, dims, window_end, window_start, source)
        SETTINGS index_granularity = 1024`,
      `CREATE TABLE IF NOT EXISTS {db}.facts (subject_kind String, subject_id String, name String, value String,
        observed_at Int64, ${prov}) ENGINE = MergeTree ORDER BY (subject_kind, subject_id, name, value, source)`,
      `CREATE TABLE IF NOT EXISTS {db}.relations (from_kind String, from_id String, relation String, to_kind String,
        to_id String, observed_at Int64, ${prov}) ENGINE = MergeTree ORDER BY (to_kind, to_id, relation, from_kind, from_id, source)`,
      `CREATE TABLE IF NOT EXISTS {db}.records (subject_kind String, subject_id String, kind String, key String,
        data_hash String, data String, observed_at Int64, ${prov})
        ENGINE = MergeTree ORDER BY (subject_kind, subject_id, kind, key, data_hash, source)`,
      `CREATE TABLE IF NOT EXISTS {db}.http_cache (key String, etag Nullable(String), last_modified Nullable(String),
        status UInt16, headers String, body String, stored_at Int64, ver UInt64) ENGINE = ReplacingMergeTree(ver) ORDER BY key`,
      `CREATE TABLE IF NOT EXISTS {db}.checkpoints (scope String, value String, updated_at Int64, ver UInt64)
        ENGINE = ReplacingMergeTree(ver) ORDER BY scope`,
    ],
  },
];

export const CLICKHOUSE_SCHEMA_VERSION = CLICKHOUSE_MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);
