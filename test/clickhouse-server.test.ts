import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLICKHOUSE_SKIP, clickHouseServer } from './helpers/clickhouse-server.js';

test(
  'the test ClickHouse server starts on a free port and answers as the test user',
  { skip: CLICKHOUSE_SKIP },
  async () => {
    const server = await clickHouseServer();
    assert.match(server.version, /^\d+\.\d+/);
    assert.equal((await server.query('SELECT 1 + 1')).trim(), '2');
    assert.doesNotMatch(server.httpUrl, /kept-test-pw/);
  },
);

test(
  'a test server does not outlive a test process that is killed',
  { skip: CLICKHOUSE_SKIP || (process.env.KEPT_CLICKHOUSE_URL ? 'uses an external server' : false) },
  async () => {
    const { spawn } = await import('node:child_process');
    const helper = new URL('./helpers/clickhouse-server.js', import.meta.url).href;
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
    const { startClickHouseServer } = await import(${JSON.stringify(helper)});
    const s = await startClickHouseServer();
    console.log(s.httpUrl);
    setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const url = await new Promise<string>((resolve) =>
      child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())),
    );
    assert.equal((await (await fetch(`${url}/ping`)).text()).trim(), 'Ok.');
    child.kill('SIGKILL');
    let alive = true;
    for (let i = 0; i < 200 && alive; i++) {
      await new Promise((r) => setTimeout(r, 100));
      alive = await fetch(`${url}/ping`).then(
        () => true,
        () => false,
      );
    }
    assert.equal(alive, false, 'the server still answers 20 s after its test process was killed');
  },
);

test('without a server binary the ClickHouse tests skip with the install hint', async () => {
  const { spawnSync } = await import('node:child_process');
  const helper = new URL('./helpers/clickhouse-server.js', import.meta.url).href;
  const r = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `const m = await import(${JSON.stringify(helper)}); console.log(m.CLICKHOUSE_SKIP);`],
    {
      encoding: 'utf8',
      env: { ...process.env, KEPT_CLICKHOUSE_SERVER: '/nonexistent/clickhouse-server', KEPT_CLICKHOUSE_URL: '' },
    },
  );
  assert.equal(
    r.stdout.trim(),
    'needs a ClickHouse server: install clickhouse-server (apt-get install clickhouse-server)',
  );
});
