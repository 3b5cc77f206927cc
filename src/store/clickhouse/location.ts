// Parses a ClickHouse store location, clickhouse://user:pass@host:port/db (http) or
// clickhouse+https://…, into what the client needs and a printable location without credentials.
// The password is registered as a secret so no later message can carry it.
import { StoreError, registerSecret } from '../../domain/errors.js';

export interface ClickHouseLocation {
  /** http(s)://host:port, no credentials. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly database: string;
  /** clickhouse://host:port/db: safe to print. */
  readonly safe: string;
  /**
   * Cluster mode (`?cluster=NAME&shards=h1:8123,h2:8123`): the append-only tables are sharded
   * (`X_local` MergeTree on every shard, `X` Distributed on this node); `shards` are the HTTP
   * endpoints of every shard, this node included, for DDL and deletes.
   */
  readonly cluster?: { readonly name: string; readonly shards: readonly string[] };
}

export const CLICKHOUSE_URL_RE = /^clickhouse(\+https?)?:\/\//i;

export function isClickHouseLocation(location: string): boolean {
  return CLICKHOUSE_URL_RE.test(location);
}

export function parseClickHouseLocation(location: string, env: NodeJS.ProcessEnv = process.env): ClickHouseLocation {
  const m = CLICKHOUSE_URL_RE.exec(location);
  if (!m)
    throw new StoreError('not a clickhouse:// location', {
      hint: 'write clickhouse://user:password@host:8123/database',
    });
  const https = (m[1] ?? '').toLowerCase() === '+https';
  let u: URL;
  try {
    u = new URL(`${https ? 'https' : 'http'}://${location.slice(m[0].length)}`);
  } catch {
    // Never echo the location: it may hold a password.
    throw new StoreError('the ClickHouse store URL cannot be parsed', {
      hint: 'write clickhouse://user:password@host:8123/database (URL-encode special characters in the password)',
    });
  }
  const username = decodeURIComponent(u.username) || env.CLICKHOUSE_USER || 'default';
  const password = u.password ? decodeURIComponent(u.password) : (env.CLICKHOUSE_PASSWORD ?? '');
  registerSecret(password);
  registerSecret(u.password);
  const database = decodeURIComponent(u.pathname.replace(/^\/+/, '').replace(/\/+$/, '')) || 'kept';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(database)) {
    throw new StoreError(`"${database}" is not a usable ClickHouse database name`, {
      hint: 'use letters, digits and underscores, e.g. clickhouse://host:8123/kept',
    });
  }
  const port = u.port || (https ? '8443' : '8123');
  const scheme = https ? 'https' : 'http';
  const url = `${scheme}://${u.hostname}:${port}`;
  const safe = `clickhouse${https ? '+https' : ''}://${u.hostname}:${port}/${database}`;
  const clusterName = u.searchParams.get('cluster');
  if (!clusterName) return { url, username, password, database, safe };
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(clusterName)) {
    throw new StoreError(`"${clusterName}" is not a usable cluster name`, {
      hint: "name a cluster of the server's remote_servers, e.g. ?cluster=kept",
    });
  }
  const shards = (u.searchParams.get('shards') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  if (shards.length === 0 || shards.some((h) => !/^[A-Za-z0-9.-]+:\d+$/.test(h))) {
    throw new StoreError('a cluster store needs the HTTP endpoint of every shard', {
      hint: `add &shards=host1:8123,host2:8123 (this node included) to the store URL`,
    });
  }
  return {
    url,
    username,
    password,
    database,
    safe: `${safe}?cluster=${clusterName}`,
    cluster: { name: clusterName, shards: shards.map((h) => `${scheme}://${h}`) },
  };
}
