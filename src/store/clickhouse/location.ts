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
}

export const CLICKHOUSE_URL_RE = /^clickhouse(\+https?)?:\/\//i;

export function isClickHouseLocation(location: string): boolean {
  return CLICKHOUSE_URL_RE.test(location);
}

export function parseClickHouseLocation(location: string, env: NodeJS.ProcessEnv = process.env): ClickHouseLocation {
  const m = CLICKHOUSE_URL_RE.exec(location);
  if (!m) throw new StoreError('not a clickhouse:// location', { hint: 'write clickhouse://user:password@host:8123/database' });
  const https = (m[1] ?? '').toLowerCase() === '+https';
  let u: URL;
  try {
    u = new URL(`${https ? 'https' : 'http'}://${location.slice(m[0].length)}`);
  } catch {
    // Never echo the location: it may hold a password.
    throw new StoreError('the ClickHouse store URL cannot be parsed', { hint: 'write clickhouse://user:password@host:8123/database (URL-encode special characters in the password)' });
  }
  const username = decodeURIComponent(u.username) || env.CLICKHOUSE_USER || 'default';
  const password = u.password ? decodeURIComponent(u.password) : (env.CLICKHOUSE_PASSWORD ?? '');
  registerSecret(password);
  registerSecret(u.password);
  const database = decodeURIComponent(u.pathname.replace(/^\/+/, '').replace(/\/+$/, '')) || 'kept';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(database)) {
    throw new StoreError(`"${database}" is not a usable ClickHouse database name`, { hint: 'use letters, digits and underscores, e.g. clickhouse://host:8123/kept' });
  }
  const port = u.port || (https ? '8443' : '8123');
  const url = `${https ? 'https' : 'http'}://${u.hostname}:${port}`;
  return { url, username, password, database, safe: `clickhouse${https ? '+https' : ''}://${u.hostname}:${port}/${database}` };
}
