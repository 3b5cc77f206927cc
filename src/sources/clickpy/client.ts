// A ClickHouseQuerier over @clickhouse/client (HTTP interface), read-only. ClickPy's public
// instance takes user `demo` with an empty password; a self-hosted mirror takes its own URL.
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { redactUrl } from '../../domain/errors.js';
import type { ClickHouseQuerier } from './clickpy.js';
import { CLICKPY_URL } from './clickpy.js';

export interface ClickpyConnection {
  readonly url?: string;
  readonly username?: string;
  readonly password?: string;
  readonly requestTimeoutMs?: number;
}

export function clickpyQuerier(conn: ClickpyConnection = {}): ClickHouseQuerier & { close(): Promise<void> } {
  const url = conn.url ?? CLICKPY_URL;
  const client = createClient({
    url,
    username: conn.username ?? 'demo',
    password: conn.password ?? '',
    request_timeout: conn.requestTimeoutMs ?? 60_000,
    // Failures are returned as unknowns with their reason; the client's own console logging would duplicate them.
    log: { level: ClickHouseLogLevel.OFF },
  });
  return {
    origin: redactUrl(url),
    async queryRows(sql: string) {
      const rs = await client.query({ query: sql, format: 'JSONEachRow' });
      return (await rs.json()) as Record<string, unknown>[];
    },
    close: () => client.close(),
  };
}
