// A real, throw-away ClickHouse server for tests: started from the system's clickhouse-server
// (Debian package `clickhouse-server`) in a temporary directory on free ports, stopped by pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './tmp.js';

const CANDIDATES = ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server', '/usr/bin/clickhouse', '/usr/local/bin/clickhouse'];

export function clickhouseBinary(): { path: string; args: string[] } | undefined {
  for (const p of CANDIDATES) {
    if (!existsSync(p)) continue;
    return p.endsWith('clickhouse') ? { path: p, args: ['server'] } : { path: p, args: [] };
  }
  return undefined;
}

export const CLICKHOUSE_SKIP = clickhouseBinary() ? false : 'needs clickhouse-server: apt-get install clickhouse-server (or put the clickhouse binary in /usr/local/bin)';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export interface RunningClickHouse {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startClickHouse(): Promise<RunningClickHouse> {
  const bin = clickhouseBinary();
  if (!bin) throw new Error(String(CLICKHOUSE_SKIP));
  const dir = tempDir('kept-ch-');
  for (const d of ['data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, d), { recursive: true });
  const http = await freePort();
  const tcp = await freePort();
  writeFileSync(
    join(dir, 'users.xml'),
    `<clickhouse><profiles><default/></profiles><users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users><quotas><default/></quotas></clickhouse>`,
  );
  writeFileSync(
    join(dir, 'config.xml'),
    `<clickhouse><logger><level>warning</level><console>1</console></logger><http_port>${http}</http_port><tcp_port>${tcp}</tcp_port>
     <listen_host>127.0.0.1</listen_host><path>${dir}/data/</path><tmp_path>${dir}/tmp/</tmp_path><user_files_path>${dir}/user_files/</user_files_path>
     <format_schema_path>${dir}/format_schemas/</format_schema_path><users_config>${dir}/users.xml</users_config><mark_cache_size>67108864</mark_cache_size></clickhouse>`,
  );
  const child: ChildProcess = spawn(bin.path, [...bin.args, `--config-file=${join(dir, 'config.xml')}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => void (stderr += d.toString()));
  const url = `http://127.0.0.1:${http}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    process.kill(child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`clickhouse-server exited (${child.exitCode}): ${stderr.slice(-500)}`);
    try {
      const r = await fetch(`${url}/ping`);
      if (r.ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`clickhouse-server did not answer on ${url} within 30 s: ${stderr.slice(-500)}`);
}
