// A real clickhouse-server for tests: started as this test process's own child on free ports, with a
// temporary data directory and a minimal config (never the system-wide service), and stopped when
// the process exits. The server runs under a tiny shell watchdog that reads our stdin: if the test
// process dies without running its exit handlers (SIGKILL), the pipe closes and the watchdog stops
// the server, so no server outlives its test.
//
// Tests skip with CLICKHOUSE_SKIP when no server binary is installed. KEPT_CLICKHOUSE_URL
// (clickhouse://user:password@host:port) points the tests at an existing server instead; each test
// then creates its own database there (kept_t_<pid>_<n>, left in place for inspection).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLICKHOUSE_INSTALL_HINT = 'install clickhouse-server (apt-get install clickhouse-server)';

export interface ClickHouseServer {
  /** http://127.0.0.1:PORT, no credentials. */
  readonly httpUrl: string;
  readonly user: string;
  readonly password: string;
  /** A clickhouse:// store URL with credentials for `database`. */
  url(database: string): string;
  /** Runs one statement over HTTP as the test user and returns the body (for assertions and setup). */
  query(sql: string, body?: string): Promise<string>;
  readonly version: string;
  /** Native-protocol port (clickhouse-client), when this process started the server. */
  readonly tcpPort?: number;
  stop(): void;
}

/** The command that runs a server with a config file, or undefined when none is installed. */
export function findClickHouseServer(): { cmd: string; args: string[] } | undefined {
  const env = process.env.KEPT_CLICKHOUSE_SERVER;
  if (env) return existsSync(env) ? { cmd: env, args: [] } : undefined;
  for (const p of ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server', '/usr/local/bin/clickhouse-server']) {
    if (existsSync(p)) return { cmd: p, args: [] };
  }
  for (const p of ['/usr/bin/clickhouse', '/usr/local/bin/clickhouse']) {
    if (existsSync(p)) return { cmd: p, args: ['server'] };
  }
  return undefined;
}

/** A skip reason for node:test, or false when a server can be started (or one is given). */
export const CLICKHOUSE_SKIP: string | false =
  process.env.KEPT_CLICKHOUSE_URL || findClickHouseServer()
    ? false
    : `needs a ClickHouse server: ${CLICKHOUSE_INSTALL_HINT}`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const TEST_USER = 'kept_test';
const TEST_PASSWORD = 'kept-test-pw-9c1e7a';

function configXml(dir: string, http: number, tcp: number, extra = ''): string {
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><console>0</console></logger>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
${extra}
</yandex>
`;
}

function usersXml(): string {
  const local = '<networks><ip>::1</ip><ip>127.0.0.1</ip></networks>';
  return `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users>
    <default><password></password>${local}<profile>default</profile><quota>default</quota></default>
    <${TEST_USER}><password>${TEST_PASSWORD}</password>${local}<profile>default</profile><quota>default</quota></${TEST_USER}>
  </users>
  <quotas><default></default></quotas>
</yandex>
`;
}

let shared: Promise<ClickHouseServer> | undefined;

/** The process-wide test server, started on first use. */
export function clickHouseServer(): Promise<ClickHouseServer> {
  shared ??= process.env.KEPT_CLICKHOUSE_URL ? external(process.env.KEPT_CLICKHOUSE_URL) : startClickHouseServer();
  return shared;
}

async function external(url: string): Promise<ClickHouseServer> {
  const u = new URL(url.replace(/^clickhouse:/, 'http:'));
  const user = decodeURIComponent(u.username) || 'default';
  const password = decodeURIComponent(u.password);
  const httpUrl = `http://${u.host}`;
  const handle = makeHandle(httpUrl, user, password, '', () => undefined);
  return { ...handle, version: (await handle.query('SELECT version()')).trim() };
}

function makeHandle(
  httpUrl: string,
  user: string,
  password: string,
  version: string,
  stop: () => void,
): ClickHouseServer {
  const query = async (sql: string, body?: string): Promise<string> => {
    const target = body === undefined ? httpUrl : `${httpUrl}/?query=${encodeURIComponent(sql)}`;
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'X-ClickHouse-User': user, 'X-ClickHouse-Key': password },
      body: body ?? sql,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`ClickHouse ${res.status}: ${text.split('\n')[0]}`);
    return text;
  };
  const host = new URL(httpUrl).host;
  return {
    httpUrl,
    user,
    password,
    version,
    url: (database) => `clickhouse://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}/${database}`,
    query,
    stop,
  };
}

async function freePorts(n: number): Promise<number[]> {
  const out: number[] = [];
  while (out.length < n) {
    const p = await freePort();
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

export interface StartOptions {
  readonly http?: number;
  readonly tcp?: number;
  /** Extra top-level config XML (e.g. remote_servers). */
  readonly extraConfig?: string;
}

/** Starts a fresh server; resolves when it answers /ping and a query. */
export async function startClickHouseServer(options: StartOptions = {}): Promise<ClickHouseServer> {
  const bin = findClickHouseServer();
  if (!bin) throw new Error(`no ClickHouse server binary: ${CLICKHOUSE_INSTALL_HINT}`);
  const dir = mkdtempSync(join(tmpdir(), 'kept-clickhouse-'));
  for (const d of ['data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, d));
  const [http, tcp] =
    options.http && options.tcp ? [options.http, options.tcp] : ((await freePorts(2)) as [number, number]);
  writeFileSync(join(dir, 'config.xml'), configXml(dir, http, tcp, options.extraConfig));
  writeFileSync(join(dir, 'users.xml'), usersXml());
  const argv = [bin.cmd, ...bin.args, `--config-file=${join(dir, 'config.xml')}`]
    .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  // Watchdog: the server stops when our stdin closes (normal exit or not).
  // The data is disposable, so the server is killed outright (a graceful stop of an 18.x server
  // takes ~15 s), then the watchdog removes the directory even if the test process could not.
  const cleanup = process.env.KEPT_KEEP_TMP ? 'true' : 'rm -rf "$KEPT_CH_DIR"';
  const script = `${argv} >"$KEPT_CH_DIR/stdout.log" 2>&1 & pid=$!; trap 'kill -9 $pid 2>/dev/null; wait $pid; ${cleanup}; exit 0' TERM INT; cat >/dev/null; kill -9 $pid 2>/dev/null; wait $pid; ${cleanup}`;
  const child: ChildProcess = spawn('/bin/sh', ['-c', script], {
    stdio: ['pipe', 'ignore', 'ignore'],
    env: { ...process.env, KEPT_CH_DIR: dir },
  });
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    try {
      child.stdin?.end();
      child.kill('SIGTERM');
    } catch {
      // already gone
    }
    if (!process.env.KEPT_KEEP_TMP) {
      // The server may still be flushing; its files go with the directory either way.
      setTimeout(() => rmSync(dir, { recursive: true, force: true }), 0).unref();
    }
  };
  process.on('exit', () => {
    stop();
    if (!process.env.KEPT_KEEP_TMP) {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // best effort: the watchdog stops the server; a stale temp dir is harmless
      }
    }
  });
  const httpUrl = `http://127.0.0.1:${http}`;
  const handle = makeHandle(httpUrl, TEST_USER, TEST_PASSWORD, '', stop);
  const deadline = Date.now() + 30_000;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  for (;;) {
    if (exited)
      throw new Error(
        `clickhouse-server exited at start: ${tail(join(dir, 'error.log'))}${tail(join(dir, 'stdout.log'))}`,
      );
    try {
      const version = (await handle.query('SELECT version()')).trim();
      return { ...handle, version, tcpPort: tcp };
    } catch {
      if (Date.now() > deadline) {
        stop();
        throw new Error(`clickhouse-server did not answer within 30 s: ${tail(join(dir, 'error.log'))}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function tail(path: string): string {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean).slice(-3).join(' | ');
  } catch {
    return '';
  }
}

let dbCounter = 0;
/** A fresh database name for one test (created by the store on open). */
export function freshDatabase(prefix = 'kept_t'): string {
  dbCounter += 1;
  return `${prefix}_${process.pid}_${dbCounter}`;
}

export const CLUSTER_NAME = 'kept_two';

export interface ClickHouseCluster {
  readonly shards: readonly ClickHouseServer[];
  /** A clickhouse:// cluster store URL for `database`, coordinated by the first shard. */
  url(database: string): string;
}

let sharedCluster: Promise<ClickHouseCluster> | undefined;

/**
 * Two servers on this machine, each with a remote_servers config naming both as the two shards of
 * cluster `kept_two` (the distributed path; no ZooKeeper, so no ON CLUSTER DDL).
 */
export function clickHouseCluster(): Promise<ClickHouseCluster> {
  sharedCluster ??= (async () => {
    const [h1, t1, h2, t2] = (await freePorts(4)) as [number, number, number, number];
    const replica = (tcp: number) =>
      `<shard><replica><host>127.0.0.1</host><port>${tcp}</port><user>${TEST_USER}</user><password>${TEST_PASSWORD}</password></replica></shard>`;
    const extraConfig = `<remote_servers><${CLUSTER_NAME}>${replica(t1)}${replica(t2)}</${CLUSTER_NAME}></remote_servers>`;
    const shards = await Promise.all([
      startClickHouseServer({ http: h1, tcp: t1, extraConfig }),
      startClickHouseServer({ http: h2, tcp: t2, extraConfig }),
    ]);
    const [a] = shards;
    return {
      shards,
      url: (database: string) =>
        `${a.url(database)}?cluster=${CLUSTER_NAME}&shards=${shards.map((s) => new URL(s.httpUrl).host).join(',')}`,
    };
  })();
  return sharedCluster;
}
