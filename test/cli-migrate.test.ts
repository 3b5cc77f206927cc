// kept migrate and kept doctor against a real ClickHouse server: a copy is complete and verified,
// running it again adds nothing, an interrupted copy resumes, a tampered copy is caught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { openStore } from '../src/store/open.js';
import { monthlyCsvPlan, PYPI_TOP_SOURCE } from '../src/files/pypi-top.js';
import { CLICKHOUSE_SKIP, clickHouseServer, freshDatabase } from './helpers/clickhouse-server.js';
import { runCli } from './helpers/run-cli.js';
import { SAMPLE_CSV } from './store-contract.js';
import { tempDir } from './helpers/tmp.js';
import { migrateRunSchema } from '../src/report/runs/migrate.js';
import { waitUntil } from './helpers/wait-until.js';

const day = (s: string) => new Date(`${s}T00:00:00Z`);

async function sourceStore(): Promise<string> {
  const path = join(tempDir(), 'src.duckdb');
  const s = await DuckDbStore.open(path);
  try {
    await s.bulkLoad(monthlyCsvPlan(SAMPLE_CSV, false), {
      source: PYPI_TOP_SOURCE,
      origin: SAMPLE_CSV,
      fetchedAt: new Date('2026-04-02T01:02:03.456Z'),
    });
    await s.write({
      provenance: { source: 'hub', origin: 'https://hub.test/api', fetchedAt: new Date('2026-04-03T00:00:00.789Z') },
      observations: [
        {
          subject: { kind: 'hf', id: 'Qwen/Qwen3-8B' },
          metric: 'likes',
          dims: { a: 'b c' },
          value: 0.1 + 0.2,
          windowStart: day('2026-04-03'),
          windowEnd: day('2026-04-03'),
          observedAt: day('2026-04-03'),
        },
      ],
      facts: [
        {
          subject: { kind: 'hf', id: 'Qwen/Qwen3-8B' },
          name: 'license',
          value: 'a,"b"\n\'c\'\\',
          observedAt: day('2026-04-03'),
        },
      ],
      relations: [
        {
          from: { kind: 'hf', id: 'x/y' },
          relation: 'finetune',
          to: { kind: 'hf', id: 'Qwen/Qwen3-8B' },
          observedAt: day('2026-04-03'),
        },
      ],
      records: [
        {
          subject: { kind: 'github', id: 'o/r' },
          kind: 'release',
          key: 'v1',
          observedAt: day('2026-04-03'),
          data: { body: 'line1\nline2, "q"' },
        },
      ],
    });
    await s.httpCachePut('https://hub.test/api', {
      etag: 'W/"x"',
      status: 200,
      body: '{}',
      headers: { a: 'b' },
      storedAt: day('2026-04-03'),
    });
    await s.checkpointPut('hub', 'cursor-2');
  } finally {
    await s.close();
  }
  return path;
}

test(
  'kept migrate copies a DuckDB store into ClickHouse, verified; again adds nothing; doctor agrees',
  { skip: CLICKHOUSE_SKIP },
  async () => {
    const server = await clickHouseServer();
    const from = await sourceStore();
    const to = server.url(freshDatabase('kept_mig'));
    const first = await runCli(['migrate', '--from', from, '--to', to, '--json']);
    assert.equal(first.code, 0, first.stderr);
    assert.doesNotMatch(first.stdout + first.stderr, new RegExp(server.password));
    const r = migrateRunSchema.parse(JSON.parse(first.stdout));
    assert.equal(r.copied, 2);
    assert.equal(r.rows, 21 + 4);
    assert.deepEqual(
      (r.verified ?? []).map((v) => [v.table, v.to, v.match]),
      [
        ['observations', 22, true],
        ['facts', 1, true],
        ['relations', 1, true],
        ['records', 1, true],
        ['batches', 2, true],
        ['http_cache', 1, true],
        ['checkpoints', 1, true],
      ],
    );
    const again = await runCli(['migrate', '--from', from, '--to', to, '--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual((JSON.parse(again.stdout) as { copied: number; skipped: number }).copied, 0);
    // The copy reads back like the source through the contract.
    const [a, b] = [await openStore(from, { readOnly: true }), await openStore(to)];
    try {
      assert.deepEqual(
        await b.observations({ subjects: [{ kind: 'pypi', id: 'vllm' }] }),
        await a.observations({ subjects: [{ kind: 'pypi', id: 'vllm' }] }),
      );
      assert.deepEqual(await b.facts({}), await a.facts({}));
      assert.deepEqual(await b.records({}), await a.records({}));
      assert.deepEqual(await b.httpCacheGet('https://hub.test/api'), await a.httpCacheGet('https://hub.test/api'));
      assert.equal(await b.checkpointGet('hub'), 'cursor-2');
    } finally {
      await a.close();
      await b.close();
    }
    const doctor = await runCli(['--db', to, 'doctor', '--json']);
    assert.equal(doctor.code, 0, doctor.stderr);
    const d = JSON.parse(doctor.stdout) as {
      backend: string;
      ok: boolean;
      tables: Record<string, number>;
      location: string;
    };
    assert.equal(d.backend, 'clickhouse');
    assert.equal(d.ok, true);
    assert.equal(d.tables.observations, 22);
    assert.doesNotMatch(d.location, /@/);
  },
);

test(
  'an interrupted migrate resumes; a copy that differs from its source is reported',
  { skip: CLICKHOUSE_SKIP },
  async () => {
    const server = await clickHouseServer();
    const from = await sourceStore();
    const db = freshDatabase('kept_mig');
    const to = server.url(db);
    assert.equal((await runCli(['migrate', '--from', from, '--to', to, '--no-verify'])).code, 0);
    // Un-commit the second batch, as if the copy had died before its commit marker.
    const batches = (await server.query(`SELECT batch_id FROM ${db}.batches ORDER BY batch_id`)).trim().split('\n');
    await server.query(`ALTER TABLE ${db}.batches DELETE WHERE batch_id = ${batches[1]}`);
    await waitUntil(async () => (await server.query(`SELECT count() FROM ${db}.batches`)).trim() === '1');
    const resumed = await runCli(['migrate', '--from', from, '--to', to, '--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    const r = JSON.parse(resumed.stdout) as { copied: number; skipped: number; verified: { match: boolean }[] };
    assert.deepEqual([r.copied, r.skipped], [1, 1]);
    assert.ok(r.verified.every((v) => v.match));
    // Tamper with one committed value: counts agree, the checksum does not.
    await server.query(
      `ALTER TABLE ${db}.observations UPDATE value = value + 1 WHERE subject_id = 'vllm' AND batch_id = ${batches[0]}`,
    );
    await waitUntil(
      async () =>
        (await server.query(`SELECT count() FROM system.mutations WHERE database = '${db}' AND is_done = 0`)).trim() ===
        '0',
    );
    const tampered = await runCli(['migrate', '--from', from, '--to', to]);
    assert.equal(tampered.code, 7);
    assert.match(tampered.stdout, /\| observations \| 22 \| 22 \| MISMATCH \|/);
    assert.match(tampered.stderr, /differs from the source in observations/);
  },
);
