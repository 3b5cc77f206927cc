// The conditional-request (ETag) cache: the port a store implements (get and put of one entry by
// key), the key a request is cached under, the validators it is sent with, and what of a 200 is
// kept. An unchanged resource then costs a 304, which GitHub does not count against its limit
// (https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate).
import { redactSecrets, redactUrl } from '../domain/errors.js';

export interface HttpCacheEntry {
  readonly etag?: string;
  readonly lastModified?: string;
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly storedAt: Date;
}

/** Where entries live (the Store implements it); the client works without one, unconditionally. */
export interface HttpCache {
  httpCacheGet(key: string): Promise<HttpCacheEntry | undefined>;
  httpCachePut(key: string, entry: HttpCacheEntry): Promise<void>;
}

// Headers worth keeping with a cached body: enough to paginate and to read it back; nothing private.
const CACHED_HEADERS = ['content-type', 'etag', 'last-modified', 'link'];
// A 304's own headers that supersede the cached ones: the quota it reports is today's.
const FRESH_HEADERS = ['x-ratelimit-remaining', 'x-ratelimit-reset'];

/** A cache key: method, URL and the Accept header (star+json differs from json); never credentials. */
export function cacheKey(
  method: string,
  url: string,
  headers: Readonly<Record<string, string>>,
  authed: boolean,
  body?: string,
): string {
  const accept = headers.accept ?? headers.Accept ?? '';
  return redactSecrets(
    `${method} ${redactUrl(url)}${accept ? ` accept=${accept}` : ''}${authed ? ' auth' : ''}${body ? ` body=${body}` : ''}`,
  );
}

/** If-None-Match (preferred) or If-Modified-Since from a cached entry. */
export function validators(entry: HttpCacheEntry | undefined): Record<string, string> {
  if (entry?.etag) return { 'if-none-match': entry.etag };
  if (entry?.lastModified) return { 'if-modified-since': entry.lastModified };
  return {};
}

/** The entry to keep for a 200 that carries a validator; undefined when there is nothing to revalidate with. */
export function entryOf(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string,
  storedAt: Date,
): HttpCacheEntry | undefined {
  if (status !== 200 || !(headers.etag || headers['last-modified'])) return undefined;
  return {
    ...(headers.etag ? { etag: headers.etag } : {}),
    ...(headers['last-modified'] ? { lastModified: headers['last-modified'] } : {}),
    status,
    body,
    headers: pick(headers, CACHED_HEADERS),
    storedAt,
  };
}

/** The headers of a 304 answered from `entry`: the cached ones, with the 304's quota. */
export function revalidatedHeaders(
  entry: HttpCacheEntry,
  notModified: Readonly<Record<string, string>>,
): Record<string, string> {
  return { ...entry.headers, ...pick(notModified, FRESH_HEADERS) };
}

function pick(h: Readonly<Record<string, string>>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (h[k] !== undefined) out[k] = h[k];
  return out;
}
