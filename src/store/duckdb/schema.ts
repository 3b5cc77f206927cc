// DuckDB schema, as numbered migrations. A migration is applied once, in one transaction, and
// recorded in schema_migrations; never edit a released migration: add the next one.

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

const provenanceColumns = `source VARCHAR NOT NULL, origin VARCHAR NOT NULL, fetched_at TIMESTAMP NOT NULL, batch_id BIGINT NOT NULL`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'observations, facts, relations, records, batches, http cache, checkpoints',
    statements: [
      `CREATE SEQUENCE IF NOT EXISTS batch_seq START 1`,
      `CREATE TABLE batches (batch_id BIGINT PRIMARY KEY, source VARCHAR NOT NULL, origin VARCHAR NOT NULL,
        fetched_at TIMESTAMP NOT NULL, committed_at TIMESTAMP NOT NULL, offered BIGINT NOT NULL, added BIGINT NOT NULL)`,
      // Identity (idempotency key): subject, metric, dims, window, source.
      `CREATE TABLE observations (subject_kind VARCHAR NOT NULL, subject_id VARCHAR NOT NULL, metric VARCHAR NOT NULL,
        dims VARCHAR NOT NULL, value DOUBLE NOT NULL, window_start TIMESTAMP NOT NULL, window_end TIMESTAMP NOT NULL,
        observed_at TIMESTAMP NOT NULL, ${provenanceColumns})`,
      // Identity: subject, name, value, source. observed_at is when the value was first seen.
      `CREATE TABLE facts (subject_kind VARCHAR NOT NULL, subject_id VARCHAR NOT NULL, name VARCHAR NOT NULL,
        value VARCHAR NOT NULL, observed_at TIMESTAMP NOT NULL, ${provenanceColumns})`,
      // Identity: from, relation, to, source. observed_at is when the relation was first seen.
      `CREATE TABLE relations (from_kind VARCHAR NOT NULL, from_id VARCHAR NOT NULL, relation VARCHAR NOT NULL,
        to_kind VARCHAR NOT NULL, to_id VARCHAR NOT NULL, observed_at TIMESTAMP NOT NULL, ${provenanceColumns})`,
      // Identity: subject, kind, key, source, data_hash: an unchanged document adds nothing.
      `CREATE TABLE records (subject_kind VARCHAR NOT NULL, subject_id VARCHAR NOT NULL, kind VARCHAR NOT NULL,
        key VARCHAR NOT NULL, data_hash VARCHAR NOT NULL, data VARCHAR NOT NULL, observed_at TIMESTAMP NOT NULL, ${provenanceColumns})`,
      `CREATE TABLE http_cache (key VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR, status INTEGER NOT NULL,
        headers VARCHAR NOT NULL, body VARCHAR NOT NULL, stored_at TIMESTAMP NOT NULL)`,
      `CREATE TABLE checkpoints (scope VARCHAR PRIMARY KEY, value VARCHAR NOT NULL, updated_at TIMESTAMP NOT NULL)`,
    ],
  },
  {
    version: 2,
    name: 'observations stored as keys and rows',
    // A load writes thousands of rows that share one subject kind, metric, dims and source. Stored
    // per row, those four text columns cost a third of a bulk insert (DuckDB appends and checks each
    // string); stored once in observation_keys, each row carries only its key's number. The
    // observations view joins them back, so every read sees the columns it always saw.
    statements: [
      `CREATE TABLE observation_keys (key_id INTEGER PRIMARY KEY, subject_kind VARCHAR NOT NULL, metric VARCHAR NOT NULL,
        dims VARCHAR NOT NULL, source VARCHAR NOT NULL, UNIQUE (subject_kind, metric, dims, source))`,
      `CREATE TABLE observation_rows (key_id INTEGER NOT NULL, subject_id VARCHAR NOT NULL, value DOUBLE NOT NULL,
        window_start TIMESTAMP NOT NULL, window_end TIMESTAMP NOT NULL, observed_at TIMESTAMP NOT NULL,
        origin VARCHAR NOT NULL, fetched_at TIMESTAMP NOT NULL, batch_id BIGINT NOT NULL)`,
      `INSERT INTO observation_keys
        SELECT row_number() OVER (ORDER BY subject_kind, metric, dims, source), subject_kind, metric, dims, source
        FROM (SELECT DISTINCT subject_kind, metric, dims, source FROM observations)`,
      `INSERT INTO observation_rows
        SELECT k.key_id, o.subject_id, o.value, o.window_start, o.window_end, o.observed_at, o.origin, o.fetched_at, o.batch_id
        FROM observations o JOIN observation_keys k USING (subject_kind, metric, dims, source)`,
      `DROP TABLE observations`,
      `CREATE VIEW observations AS
        SELECT k.subject_kind, r.subject_id, k.metric, k.dims, r.value, r.window_start, r.window_end, r.observed_at,
          k.source, r.origin, r.fetched_at, r.batch_id
        FROM observation_rows r JOIN observation_keys k USING (key_id)`,
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);

/** The columns of an observation stored once in observation_keys (migration 2). */
export const OBSERVATION_KEY_COLUMNS = ['subject_kind', 'metric', 'dims', 'source'] as const;

export type ObservationKey = Readonly<Record<(typeof OBSERVATION_KEY_COLUMNS)[number], string>>;

/**
 * Where observations are written: observation_rows, its columns in insert order, and the columns of
 * a row's identity (the observations identity, its key columns replaced by the key's number).
 */
export const OBSERVATION_ROWS = {
  table: 'observation_rows',
  columns: [
    'key_id',
    'subject_id',
    'value',
    'window_start',
    'window_end',
    'observed_at',
    'origin',
    'fetched_at',
    'batch_id',
  ],
  identity: ['key_id', 'subject_id', 'window_start', 'window_end'],
} as const;
