// ClickHouse-only behaviour beyond the shared contract: a batch interrupted between tables is
// invisible and does not block its retry, credentials never reach locations or errors, schema
// migrations run forward. Runs against a real server started by the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClickHouseStore } from './clickhouse-store.js';
import { parseClickHouseLocation } from './location.js';
import { CLICKHOUSE_MIGRATIONS } from './schema.js';
import { openStore } from '../open.js';
import { CLICKHOUSE_SKIP, clickHouseServer, freshDatabase } from '../../../test/helpers/clickhouse-server.js';
import type { WriteBatch } from '../../domain/observation.js';
import { waitUntil } from '../../../test/helpers/wait-until.js';

const skip = CLICKHOUSE_SKIP;
const day = (s: string) => new Date(`${s}T00:00:00Z`);
const batch: WriteBatch = {
  provenance: { source: 's', origin: 'o', fetchedAt: day('2026-01-02') },
  observations: [1, 2, 3].map((v, i) => ({
    subject: { kind: 'pypi', id: 'vllm' },
    metric: 'downloads',
    value: v,
    windowStart: day(`2026-01-0${i + 1}`),
    windowEnd: day(`2026-01-0${i + 2}`),
    observedAt: day('2026-01-10'),
  })),
  facts: [{ subject: { kind: 'hf', id: 'a/b' }, name: 'license', value: 'mit', observedAt: day('2026-01-02') }],
};

test('location: credentials are parsed but never printable', () => {
  const loc = parseClickHouseLocation('clickhouse://alice:p%40ss-w0rd-xyz@db.example:9000/kept_prod', {});
  assert.deepEqual(loc, {
    url: 'http://db.example:9000',
    username: 'alice',
    password: 'p@ss-w0rd-xyz',
    database: 'kept_prod',
    safe: 'clickhouse://db.example:9000/kept_prod',
  });
  assert.equal(parseClickHouseLocation('clickhouse+https://h/', {}).url, 'https://h:8443');
  assert.equal(
    parseClickHouseLocation('clickhouse://h', { CLICKHOUSE_USER: 'u', CLICKHOUSE_PASSWORD: 'pw-env-1234' }).password,
    'pw-env-1234',
  );
  assert.throws(
    () => parseClickHouseLocation('clickhouse://u:secret-pw-77@h/bad-name;drop', {}),
    (e: Error) => !e.message.includes('secret-pw-77') && /database name/.test(e.message),
  );
  const c = parseClickHouseLocation('clickhouse://u:pw-cluster-55@a:8123/k?cluster=two&shards=a:8123,b:8124', {});
  assert.deepEqual(c.cluster, { name: 'two', shards: ['http://a:8123', 'http://b:8124'] });
  assert.equal(c.safe, 'clickhouse://a:8123/k?cluster=two');
  assert.throws(() => parseClickHouseLocation('clickhouse://a/k?cluster=two', {}), /HTTP endpoint of every shard/);
});

test('a batch interrupted after its first table is invisible, and its retry stores everything', { skip }, async () => {
  const url = (await clickHouseServer()).url(freshDatabase());
  let fail = true;
  const store = await ClickHouseStore.open(url, {
    afterTableInsert: async (table) => {
      if (fail && table === 'observations') throw new Error('simulated crash between tables');
    },
  });
  try {
    await assert.rejects(store.write(batch), /simulated crash/);
    assert.deepEqual(await store.observations({}), []);
    assert.deepEqual(await store.subjects(), []);
    assert.equal((await store.stats()).batches, 0);
    assert.deepEqual((await store.integrity()).problems, []);
    fail = false;
    const r = await store.write(batch);
    assert.equal(r.added, 4);
    assert.deepEqual(
      (await store.observations({})).map((o) => o.value),
      [1, 2, 3],
    );
    assert.deepEqual((await store.integrity()).problems, []);
    await store.purgeUncommitted(new Date(Date.now() + 1000));
    assert.deepEqual(
      (await store.observations({})).map((o) => o.value),
      [1, 2, 3],
    );
  } finally {
    await store.close();
  }
});

test('rows left by a writer that died before committing stay invisible until purged', { skip }, async () => {
  const server = await clickHouseServer();
  const db = freshDatabase();
  const url = server.url(db);
  const stages = async () =>
    Number(
      (
        await server.query(
          `SELECT count() FROM system.tables WHERE database = '${db}' AND startsWith(name, 'kept_stage_')`,
        )
      ).trim(),
    );
  // A writer that "dies": its abandon step cannot run because the hook never returns control.
  const dying = await ClickHouseStore.open(url, { afterTableInsert: () => new Promise(() => undefined) });
  void dying.write(batch);
  const reader = await ClickHouseStore.open(url);
  try {
    await waitUntil(async () => (await reader.uncommittedRows()) >= 3);
    assert.equal(await reader.uncommittedRows(), 3);
    assert.equal(await stages(), 1);
    assert.deepEqual(await reader.observations({}), []);
    assert.deepEqual((await reader.integrity()).problems, []);
    const retry = await reader.write(batch);
    assert.equal(retry.added, 4);
    await reader.purgeUncommitted(new Date(Date.now() + 1000));
    await waitUntil(async () => (await reader.uncommittedRows()) === 0);
    assert.equal(await reader.uncommittedRows(), 0);
    assert.equal(await stages(), 0);
    assert.equal((await reader.observations({})).length, 3);
  } finally {
    await reader.close();
  }
});

test(
  'a wrong password gives a clear error without the password; location carries no credentials',
  { skip },
  async () => {
    const server = await clickHouseServer();
    const good = await openStore(server.url(freshDatabase()));
    try {
      assert.doesNotMatch(good.location, new RegExp(server.password));
      assert.doesNotMatch(good.location, new RegExp(server.user));
    } finally {
      await good.close();
    }
    const bad = server.url('kept_x').replace(encodeURIComponent(server.password), 'wrong-pw-31337');
    await assert.rejects(
      openStore(bad),
      (e: Error) => /refused the credentials|cannot open/.test(e.message) && !e.message.includes('wrong-pw-31337'),
    );
    await assert.rejects(
      openStore('clickhouse://u:pw-unreachable-9@127.0.0.1:1/kept'),
      (e: Error) => /cannot reach/.test(e.message) && !e.message.includes('pw-unreachable-9'),
    );
  },
);

test('migrations run forward from the previous version; a newer store is refused', { skip }, async () => {
  const url = (await clickHouseServer()).url(freshDatabase());
  const v1 = await ClickHouseStore.open(url, { migrations: CLICKHOUSE_MIGRATIONS.slice(0, 1) });
  await v1.write(batch);
  await v1.close();
  const next = [
    ...CLICKHOUSE_MIGRATIONS,
    {
      version: 99,
      name: 'test: extra table',
      statements: ['CREATE TABLE IF NOT EXISTS {db}.extra (x UInt8) ENGINE = MergeTree ORDER BY x'],
    },
  ];
  const v2 = await ClickHouseStore.open(url, { migrations: next });
  try {
    assert.equal(await v2.schemaVersion(), 99);
    assert.deepEqual((await v2.integrity()).problems, []);
    assert.equal((await v2.observations({})).length, 3);
  } finally {
    await v2.close();
  }
  await assert.rejects(ClickHouseStore.open(url), /schema version 99, newer than this kept/);
});
