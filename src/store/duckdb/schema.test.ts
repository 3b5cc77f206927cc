// Migration 2 on a real DuckDB file made at schema version 1: every observation reads back as it
// was stored (every column), its four key columns now held once in observation_keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DuckDbStore } from './duckdb-store.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { tempDir } from '../../../test/helpers/tmp.js';

const V1_ROWS = [
  // subject_kind, subject_id, metric, dims, value, window_start, window_end, source, batch
  ['pypi', 'vllm', 'downloads', '', 120, '2026-01-01', '2026-02-01', 'pypi-top', 1],
  ['pypi', 'torch', 'downloads', '', 950, '2026-01-01', '2026-02-01', 'pypi-top', 1],
  ['pypi', 'vllm', 'downloads', '{"installer":"pip"}', 80, '2026-01-01', '2026-01-02', 'pypi-logs', 2],
  ['hf', 'Qwen/Qwen3-8B', 'downloads_30d', '', 7, '2026-01-01', '2026-01-31', 'hf-snapshot', 2],
] as const;

async function storeAtVersion1(path: string): Promise<void> {
  const db = await DuckDBInstance.create(path);
  const c = await db.connect();
  await c.run(
    `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`,
  );
  for (const sql of MIGRATIONS[0]!.statements) await c.run(sql);
  await c.run(`INSERT INTO schema_migrations VALUES (1, 'v1', now()::TIMESTAMP)`);
  for (let b = 1; b <= 2; b++)
    await c.run(
      `INSERT INTO batches VALUES (nextval('batch_seq'), 'mixed', 'fixture', '2026-02-02', '2026-02-02', 2, 2)`,
    );
  for (const [kind, id, metric, dims, value, start, end, source, batch] of V1_ROWS)
    await c.run(
      `INSERT INTO observations VALUES ('${kind}', '${id}', '${metric}', '${dims}', ${value}, '${start}', '${end}',
        '${end}', '${source}', 'fixture', '2026-02-02', ${batch})`,
    );
  c.closeSync();
  db.closeSync();
}

test('migration 2 keeps every observation of a version-1 store and stores each key once', async () => {
  const path = join(tempDir(), 'v1.duckdb');
  await storeAtVersion1(path);
  const store = await DuckDbStore.open(path);
  try {
    const integrity = await store.integrity();
    assert.deepEqual(integrity.problems, []);
    assert.equal(integrity.schemaVersion, SCHEMA_VERSION);
    const rows = await store.rows(
      `SELECT subject_kind, subject_id, metric, dims, value, strftime(window_start, '%Y-%m-%d') AS ws,
        strftime(window_end, '%Y-%m-%d') AS we, strftime(observed_at, '%Y-%m-%d') AS seen, source, origin,
        strftime(fetched_at, '%Y-%m-%d') AS fetched, batch_id FROM observations ORDER BY subject_id, source`,
    );
    const expected = [...V1_ROWS]
      .sort((a, b) => a[1].localeCompare(b[1]) || a[7].localeCompare(b[7]))
      .map(([kind, id, metric, dims, value, start, end, source, batch]) => ({
        subject_kind: kind,
        subject_id: id,
        metric,
        dims,
        value,
        ws: start,
        we: end,
        seen: end,
        source,
        origin: 'fixture',
        fetched: '2026-02-02',
        batch_id: BigInt(batch),
      }));
    assert.deepEqual(rows, expected);
    // Three distinct (kind, metric, dims, source) among four rows.
    assert.deepEqual(await store.rows(`SELECT count(*)::INTEGER AS n FROM observation_keys`), [{ n: 3 }]);

    // A write after the migration reuses a stored key, adds a new one, and is idempotent.
    const batch = {
      provenance: { source: 'pypi-top', origin: 'after', fetchedAt: new Date('2026-03-02T00:00:00Z') },
      observations: ['downloads', 'downloads_7d'].map((metric) => ({
        subject: { kind: 'pypi' as const, id: 'vllm' },
        metric,
        value: 5,
        windowStart: new Date('2026-02-01T00:00:00Z'),
        windowEnd: new Date('2026-03-01T00:00:00Z'),
        observedAt: new Date('2026-03-01T00:00:00Z'),
      })),
    };
    assert.equal((await store.write(batch)).added, 2);
    assert.equal((await store.write(batch)).added, 0);
    assert.deepEqual(await store.rows(`SELECT count(*)::INTEGER AS n FROM observation_keys`), [{ n: 4 }]);
    assert.equal((await store.observations({ subjects: [{ kind: 'pypi', id: 'vllm' }] })).length, 4);
    assert.deepEqual((await store.integrity()).problems, []);
  } finally {
    await store.close();
  }
});

test('a version-1 store opened for reading is brought up to date first, then read', async () => {
  const path = join(tempDir(), 'v1-read.duckdb');
  await storeAtVersion1(path);
  const store = await DuckDbStore.open(path, { readOnly: true });
  try {
    assert.equal(await store.schemaVersion(), SCHEMA_VERSION);
    assert.equal((await store.observations({ subjects: [{ kind: 'pypi', id: 'vllm' }] })).length, 2);
    await assert.rejects(store.rows(`CREATE TABLE x (a INTEGER)`), /read-only/i);
  } finally {
    await store.close();
  }
});
