// End to end, collection bounded in time: the real `kept collect vllm` against servers that accept
// connections and never answer, and against closed ports. Every upstream the project needs points at
// them (GitHub and the Hub at one, the registries at another), so nothing reaches the network. The
// run must end by itself (within 2 minutes, and 15 s when every connection is refused), with exit 6,
// "0 new rows; N parts failed", and one line per failed host naming the variables that set it.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { runBinAsync } from './helpers/run-cli.js';
import { tempDir } from './helpers/tmp.js';

/** A TCP server that accepts every connection and never sends a byte. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

/** Every base URL `kept collect vllm` may ask, GitHub's and the Hub's at `a`, the registries' at `b`. */
function upstreamEnv(a: string, b: string, dir: string): NodeJS.ProcessEnv {
  return {
    XDG_CONFIG_HOME: dir,
    XDG_DATA_HOME: dir,
    GITHUB_API_URL: a,
    HF_ENDPOINT: a,
    KEPT_PYPI_URL: b,
    KEPT_PYPISTATS_URL: b,
    KEPT_NPM_DOWNLOADS_URL: b,
    npm_config_registry: b,
    KEPT_DOCKERHUB_URL: b,
    KEPT_GITHUB_WEB_URL: b,
    KEPT_OLLAMA_URL: b,
    KEPT_DEPSDEV_URL: b,
    KEPT_ECOSYSTEMS_URL: b,
  };
}

function checkEnding(run: { code: number; stdout: string; stderr: string }, a: string, b: string): void {
  assert.equal(run.code, 6, run.stderr);
  assert.match(run.stdout, /collected 1 project\(s\): 0 new rows; 3 parts failed/);
  assert.match(run.stderr, /kept: error: 0 new rows; 3 parts failed\n/);
  const hostA = new URL(a).host;
  const hostB = new URL(b).host;
  const lines = run.stderr.split('\n').filter((l) => /^kept: 127\.0\.0\.1:\d+: \d+ parts? failed/.test(l));
  assert.deepEqual(
    lines.map((l) => l.replace(/ \(.*\); /, ' (…); ')),
    [
      `kept: ${hostA}: 1 part failed (…); check the connection or GITHUB_API_URL`,
      `kept: ${hostB}: 2 parts failed (…); check the connection or KEPT_PYPI_URL, KEPT_PYPISTATS_URL, KEPT_DEPSDEV_URL, KEPT_ECOSYSTEMS_URL, KEPT_DOCKERHUB_URL`,
    ],
    run.stderr,
  );
}

test(
  'against servers that accept connections and never answer, kept collect vllm ends by itself within 2 minutes',
  { timeout: 180_000 },
  async () => {
    const a = await silentServer();
    const b = await silentServer();
    const dir = tempDir();
    try {
      const started = Date.now();
      const run = await runBinAsync(['--db', join(dir, 'k.duckdb'), 'collect', 'vllm'], upstreamEnv(a.url, b.url, dir));
      const seconds = (Date.now() - started) / 1000;
      assert.ok(seconds < 120, `${seconds} s`);
      checkEnding(run, a.url, b.url);
      assert.match(run.stderr, /no answer to a connectivity check within 5 s/);
      // Progress moved while it waited (a line every few seconds on a pipe).
      assert.ok((run.stderr.match(/^collect: .*checking that 2 hosts answer/gm) ?? []).length >= 1, run.stderr);
      console.log(`never answers: ended in ${seconds.toFixed(1)} s`);
    } finally {
      await a.close();
      await b.close();
    }
  },
);

test('with every host refusing connections, kept collect vllm ends within 15 seconds', async () => {
  const a = await closedPort();
  const b = await closedPort();
  const dir = tempDir();
  const started = Date.now();
  const run = await runBinAsync(['--db', join(dir, 'k.duckdb'), 'collect', 'vllm'], upstreamEnv(a, b, dir));
  const seconds = (Date.now() - started) / 1000;
  assert.ok(seconds < 15, `${seconds} s`);
  checkEnding(run, a, b);
  assert.match(run.stderr, /connection refused \(ECONNREFUSED\)/);
  console.log(`refused: ended in ${seconds.toFixed(1)} s`);
});
