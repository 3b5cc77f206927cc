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
];

export const SCHEMA_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);
