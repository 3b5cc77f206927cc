import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLICKHOUSE_SKIP, clickHouseServer } from './helpers/clickhouse-server.js';

test('the test ClickHouse server starts on a free port and answers as the test user', { skip: CLICKHOUSE_SKIP }, async () => {
  const server = await clickHouseServer();
  assert.match(server.version, /^\d+\.\d+/);
  assert.equal((await server.query('SELECT 1 + 1')).trim(), '2');
  assert.doesNotMatch(server.httpUrl, /kept-test-pw/);
});
