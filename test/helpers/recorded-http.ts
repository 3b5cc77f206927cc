// Recorded upstream responses, replayed with the network disabled. A recording is one JSON file:
//   { "request": { "method": "GET", "url": "https://api.github.com/repos/x/y" },
//     "response": { "status": 200, "headers": { "etag": "\"abc\"", "link": "<…>; rel=\"next\"" },
//                   "body": <JSON value or string> },
//     "origin": "where/when this shape was taken from" }
// kept in test/fixtures/http/<upstream>/. `replayFetch` is a `fetch` for the real HTTP client;
// any request without a recording fails loudly, so a test can never reach the network.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Recording {
  readonly request: { readonly method?: string; readonly url: string; readonly body?: unknown };
  readonly response: {
    readonly status: number;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body: unknown;
  };
  readonly origin?: string;
}

/** All recordings under a directory (recursively), in file-name order. */
export function loadRecordings(dir: string): Recording[] {
  const out: Recording[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) out.push(JSON.parse(readFileSync(p, 'utf8')) as Recording);
    }
  };
  walk(dir);
  return out;
}

export interface ReplayLog {
  readonly requests: { method: string; url: string; headers: Record<string, string> }[];
}

/**
 * A fetch that answers from recordings by method + exact URL (query order significant). Unmatched
 * requests throw, naming the URL, so a missing fixture is obvious and the network is never used.
 */
export function replayFetch(
  recordings: readonly Recording[],
  log: ReplayLog = { requests: [] },
): typeof fetch & { log: ReplayLog } {
  const byKey = new Map<string, Recording>();
  for (const r of recordings) byKey.set(`${(r.request.method ?? 'GET').toUpperCase()} ${r.request.url}`, r);
  const f = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)).forEach((v, k) => {
      headers[k] = v;
    });
    log.requests.push({ method, url, headers });
    const rec = byKey.get(`${method} ${url}`);
    if (!rec) throw new Error(`replayFetch: no recording for ${method} ${url}`);
    const body = rec.response.body;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const status = rec.response.status;
    const nullBody = status === 204 || status === 304;
    return new Response(nullBody ? null : text, {
      status,
      headers: {
        'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
        ...(rec.response.headers ?? {}),
      },
    });
  };
  return Object.assign(f as typeof fetch, { log });
}
