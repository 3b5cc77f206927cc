// The store contract on two ClickHouse shards (two servers on this machine, one remote_servers
// config): append-only tables are Distributed over per-shard MergeTree tables. Plus: the rows
// really are spread over both shards, and an interrupted batch stays invisible there too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClickHouseStore } from '../src/store/clickhouse/clickhouse-store.js';
import { monthlyCsvPlan, PYPI_TOP_SOURCE } from '../src/files/pypi-top.js';
import { openStore } from '../src/store/open.js';
import { CLICKHOUSE_SKIP, clickHouseCluster, freshDatabase } from './helpers/clickhouse-server.js';
import { runStoreContract, SAMPLE_CSV } from './store-contract.js';
import { waitUntil } from './helpers/wait-until.js';

const skip =
  CLICKHOUSE_SKIP || (process.env.KEPT_CLICKHOUSE_URL ? 'the two-shard tests start their own servers' : false);
const urls = new WeakMap<object, string>();

runStoreContract('clickhouse-2-shards', {
  skip,
  open: async () => {
    const url = (await clickHouseCluster()).url(freshDatabase('kept_c'));
    const store = await openStore(url);
    urls.set(store, url);
    return store;
  },
  reopen: (s) => openStore(urls.get(s)!),
});

test(
  '[clickhouse-2-shards] rows are spread over both shards; an interrupted load is invisible and leaves nothing after purge',
  { skip },
  async () => {
    const cluster = await clickHouseCluster();
    const db = freshDatabase('kept_c');
    let fail = true;
    const store = await ClickHouseStore.open(cluster.url(db), {
      afterTableInsert: async () => {
        if (fail) throw new Error('simulated crash before the commit');
      },
    });
    const local = async () =>
      Promise.all(
        cluster.shards.map(async (s) => Number((await s.query(`SELECT count() FROM ${db}.observations_local`)).trim())),
      );
    try {
      assert.match(store.location, /\?cluster=kept_two$/);
      const prov = { source: PYPI_TOP_SOURCE, origin: SAMPLE_CSV, fetchedAt: new Date('2026-04-02T00:00:00Z') };
      await assert.rejects(store.bulkLoad(monthlyCsvPlan(SAMPLE_CSV, false), prov), /simulated crash/);
      assert.deepEqual(await store.observations({}), []);
      await waitUntil(async () => (await local()).every((n) => n === 0));
      assert.deepEqual(await local(), [0, 0], 'the failed load was deleted on both shards');
      fail = false;
      const r = await store.bulkLoad(monthlyCsvPlan(SAMPLE_CSV, false), prov);
      assert.equal(r.added, 21);
      const [a, b] = await local();
      assert.equal(a! + b!, 21);
      assert.ok(a! > 0 && b! > 0, `both shards hold rows (${a}, ${b})`);
      const top = await store.top({
        subjectKind: 'pypi',
        metric: 'downloads',
        windowEnd: new Date('2026-04-01T00:00:00Z'),
        limit: 3,
      });
      assert.deepEqual(
        top.map((x) => [x.subject.id, x.value]),
        [
          ['boto3', 1880218825],
          ['numpy', 871842108],
          ['transformers', 128637153],
        ],
      );
      assert.deepEqual((await store.integrity()).problems, []);
    } finally {
      await store.close();
    }
  },
);

test(
  '[clickhouse-2-shards] kept migrate copies a DuckDB store onto two shards, verified; doctor agrees',
  { skip },
  async () => {
    const { join } = await import('node:path');
    const { DuckDbStore } = await import('../src/store/duckdb/duckdb-store.js');
    const { runCli } = await import('./helpers/run-cli.js');
    const { tempDir } = await import('./helpers/tmp.js');
    const from = join(tempDir(), 'src.duckdb');
    const s = await DuckDbStore.open(from);
    await s.bulkLoad(monthlyCsvPlan(SAMPLE_CSV, false), {
      source: PYPI_TOP_SOURCE,
      origin: SAMPLE_CSV,
      fetchedAt: new Date('2026-04-02T00:00:00.123Z'),
    });
    await s.write({
      provenance: { source: 'hub', origin: 'o', fetchedAt: new Date('2026-04-03T00:00:00Z') },
      facts: [
        {
          subject: { kind: 'hf', id: 'a/b' },
          name: 'license',
          value: 'mit',
          observedAt: new Date('2026-04-03T00:00:00Z'),
        },
      ],
    });
    await s.close();
    const to = (await clickHouseCluster()).url(freshDatabase('kept_cm'));
    const r = await runCli(['migrate', '--from', from, '--to', to, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { copied: number; verified: { table: string; to: number; match: boolean }[] };
    assert.equal(out.copied, 2);
    assert.deepEqual(
      out.verified.filter((v) => v.to > 0).map((v) => [v.table, v.to, v.match]),
      [
        ['observations', 21, true],
        ['facts', 1, true],
        ['batches', 2, true],
      ],
    );
    const doctor = await runCli(['--db', to, 'doctor', '--json']);
    assert.equal(doctor.code, 0, doctor.stderr);
    assert.equal((JSON.parse(doctor.stdout) as { ok: boolean }).ok, true);
  },
);

test('[clickhouse-2-shards] kept ecosystem over two shards is byte-identical to DuckDB', { skip }, async () => {
  const { join } = await import('node:path');
  const { DuckDbStore } = await import('../src/store/duckdb/duckdb-store.js');
  const { syntheticFiles, writeSyntheticAttributes } = await import('./helpers/hub-synthetic.js');
  const { runCli } = await import('./helpers/run-cli.js');
  const { tempDir } = await import('./helpers/tmp.js');
  const dir = tempDir();
  const duck = join(dir, 'eco.duckdb');
  assert.equal((await runCli(['--db', duck, 'import', 'hf-snapshot', syntheticFiles(dir)])).code, 0);
  const s = await DuckDbStore.open(duck);
  await writeSyntheticAttributes(s);
  await s.close();
  const to = (await clickHouseCluster()).url(freshDatabase('kept_ce'));
  assert.equal((await runCli(['migrate', '--from', duck, '--to', to])).code, 0);
  const args = ['ecosystem', '--as-of', '2026-04-15', '--format', 'json'];
  const [a, b] = [await runCli(['--db', duck, ...args]), await runCli(['--db', to, ...args])];
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /"key": "china",\n\s+"models": 3,\n\s+"downloads": 1000,\n\s+"share": 0\.5,/);
  assert.equal(b.stdout, a.stdout);
});
