// Issue 9, the dashboard server's limits: loopback by default and no public bind without
// --allow-public; read-only; no directory traversal (plain, encoded, absolute); request size
// limits (bodies, long URLs, too many headers); a per-client rate limit (429).
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { clientRateLimiter, startDashboard, type Dashboard } from '../src/web/server.js';
import type { Project } from '../src/domain/project.js';
import { runBin } from './helpers/run-cli.js';
import { tempDir } from './helpers/tmp.js';

const PROJECTS: Project[] = [{ id: 'vllm', name: 'vLLM', category: 'serving', pypi: ['vllm'] }];
let store: DuckDbStore;
let dash: Dashboard;

before(async () => {
  store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  dash = await startDashboard({
    store,
    projects: PROJECTS,
    asOf: new Date('2026-04-01T00:00:00Z'),
    warmProfiles: false,
    rateLimit: { perSecond: 5, burst: 40 },
  });
});
after(async () => {
  await dash.close();
  await store.close();
});

/** A raw request, so paths reach the server unnormalised. */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(dash.port, '127.0.0.1', () => sock.end(text));
    let out = '';
    sock.on('data', (d: Buffer) => (out += d.toString('latin1')));
    sock.on('error', (e) => (out ? resolve(out) : reject(e)));
    sock.on('close', () => resolve(out));
  });
}
const statusOf = (reply: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0);

test('the dashboard binds loopback and refuses a public address without allowPublic', async () => {
  assert.match(dash.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  await assert.rejects(
    startDashboard({ store, projects: PROJECTS, asOf: new Date(), host: '0.0.0.0', warmProfiles: false }),
    /refusing to serve on 0\.0\.0\.0/,
  );
  const dir = tempDir();
  const r = runBin(['--db', join(dir, 'k.duckdb'), 'serve', '--host', '0.0.0.0'], {
    XDG_CONFIG_HOME: dir,
    XDG_DATA_HOME: dir,
  });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /refusing to serve on 0\.0\.0\.0.*\n.*--allow-public/);
});

test('no directory traversal: dot segments, encoded, backslashes and absolute targets', async () => {
  const targets = [
    '/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/project/..%2f..%2f..%2fetc%2fpasswd',
    '/project/%2e%2e%2f%2e%2e%2fpackage.json',
    '/api/project/..%2F..%2Fpackage.json.json',
    '/..\\..\\etc\\passwd',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/static/../../package.json',
    'http://127.0.0.1/etc/passwd',
    '/etc/passwd%00.json',
    '/api/project/%00.json',
  ];
  for (const t of targets) {
    const reply = await raw(`GET ${t} HTTP/1.1\r\nHost: 127.0.0.1:${dash.port}\r\nConnection: close\r\n\r\n`);
    const status = statusOf(reply);
    // An absolute-form target naming another port is another host: 421.
    assert.ok([400, 404, 421].includes(status), `${t}: ${status}`);
    assert.ok(!/root:x:0:0|"devDependencies"/.test(reply), `${t} leaked a file`);
  }
});

test('read-only: other methods are 405; bodies 413; long URLs 414; too many headers 431', async () => {
  for (const m of ['POST', 'PUT', 'DELETE', 'PATCH'])
    assert.equal(
      statusOf(
        await raw(`${m} / HTTP/1.1\r\nHost: 127.0.0.1:${dash.port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`),
      ),
      405,
      m,
    );
  assert.equal(
    statusOf(
      await raw(
        `GET / HTTP/1.1\r\nHost: 127.0.0.1:${dash.port}\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello`,
      ),
    ),
    413,
  );
  assert.equal(
    statusOf(
      await raw(
        `GET / HTTP/1.1\r\nHost: 127.0.0.1:${dash.port}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n`,
      ),
    ),
    413,
  );
  assert.equal(
    statusOf(
      await raw(`GET /?q=${'a'.repeat(3000)} HTTP/1.1\r\nHost: 127.0.0.1:${dash.port}\r\nConnection: close\r\n\r\n`),
    ),
    414,
  );
  const many = Array.from({ length: 80 }, (_, i) => `X-H${i}: v`).join('\r\n');
  assert.equal(
    statusOf(await raw(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${dash.port}\r\n${many}\r\nConnection: close\r\n\r\n`)),
    431,
  );
  // Headers past node's size limit are refused by the HTTP parser itself.
  assert.equal(
    statusOf(
      await raw(
        `GET / HTTP/1.1\r\nHost: 127.0.0.1:${dash.port}\r\nX-Big: ${'b'.repeat(10_000)}\r\nConnection: close\r\n\r\n`,
      ),
    ),
    431,
  );
});

test('a client over its rate gets 429 with retry-after', async () => {
  const get = (): Promise<{ status: number; retry: string | undefined }> =>
    new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: dash.port, path: '/api/projects.json', headers: { host: `127.0.0.1:${dash.port}` } },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, retry: res.headers['retry-after'] as string | undefined }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
  const replies = await Promise.all(Array.from({ length: 80 }, () => get()));
  const limited = replies.filter((r) => r.status === 429);
  assert.ok(limited.length >= 30, `${limited.length} of 80 refused`);
  assert.ok(replies.filter((r) => r.status === 200).length >= 5, 'the burst is served');
  assert.equal(limited[0]?.retry, '1');
});

test('the token bucket refills at its rate, per client', () => {
  let t = 0;
  const allow = clientRateLimiter(10, 3, () => t);
  assert.deepEqual([allow('a'), allow('a'), allow('a'), allow('a')], [true, true, true, false]);
  assert.equal(allow('b'), true);
  t += 100;
  assert.deepEqual([allow('a'), allow('a')], [true, false]);
});
