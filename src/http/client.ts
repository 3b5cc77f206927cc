// The one HTTP client every source uses: injectable fetch, per-upstream auth that never leaves its
// base URL, timeouts, retries of idempotent requests on an explicit status list, rate limits with one
// shared pause per host, per-host concurrency, an ETag cache in the store, and Link pagination.
// Upstream facts: docs/api-sources.md (../shared/docs/api-sources.md) §1 "Rate limits", §2 "Rate limits".
import { HttpError, errorMessage, redactSecrets, redactUrl } from '../domain/errors.js';
import type { HttpCacheEntry } from '../store/store.js';
import type { HttpClient, HttpRequestOptions, HttpResponse } from './http-client.js';
import type { UpstreamAuth } from './upstreams.js';
import { VERSION } from '../version.js';

export interface HttpCache {
  httpCacheGet(key: string): Promise<HttpCacheEntry | undefined>;
  httpCachePut(key: string, entry: HttpCacheEntry): Promise<void>;
}

/** What the client tells its caller about, for progress lines and summaries. */
export type HttpEvent =
  | {
      readonly type: 'response';
      readonly host: string;
      readonly method: string;
      readonly url: string;
      readonly status: number;
      readonly notModified: boolean;
    }
  | {
      readonly type: 'retry';
      readonly host: string;
      readonly url: string;
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
    }
  | { readonly type: 'pause'; readonly host: string; readonly until: Date; readonly reason: string }
  | {
      readonly type: 'rate';
      readonly host: string;
      readonly remaining: number;
      readonly limit: number | undefined;
      readonly reset: Date | undefined;
    };

export interface HttpClientOptions {
  readonly fetch?: typeof fetch;
  /** ETag cache (the Store satisfies this). Without it, requests are unconditional. */
  readonly cache?: HttpCache;
  readonly auth?: readonly UpstreamAuth[];
  readonly userAgent?: string;
  /** Per-request timeout in ms (default 30 s). */
  readonly timeoutMs?: number;
  /** Largest response body read (default 64 MB); a larger one is cut off and fails like a network error. */
  readonly maxBodyBytes?: number;
  /** Retries after the first attempt for 5xx-type failures and network errors (default 3). */
  readonly retries?: number;
  /** Statuses retried for idempotent requests. Rate-limit answers (403/429) are handled apart. */
  readonly retryStatuses?: readonly number[];
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** Rate-limit waits longer than this fail the request instead (default 65 min: one GitHub window). */
  readonly maxPauseMs?: number;
  /** How many times one request may wait out a rate limit before giving up (default 3). */
  readonly rateLimitRetries?: number;
  /** Secondary-limit wait when the upstream names none (octokit's fallbackSecondaryRateRetryAfter). */
  readonly secondaryFallbackMs?: number;
  /** Concurrent requests per host (default 4; GitHub's secondary limit allows 100). */
  readonly concurrencyPerHost?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly onEvent?: (event: HttpEvent) => void;
}

export interface HostStats {
  requests: number;
  notModified: number;
  retries: number;
  pauses: number;
  pausedMs: number;
  rateRemaining: number | undefined;
  rateLimit: number | undefined;
  rateReset: Date | undefined;
}

export interface KeptHttpClient extends HttpClient {
  /** Requests sent, 304s, retries and waits per host, since the client was made. */
  stats(): Readonly<Record<string, Readonly<HostStats>>>;
}

export const DEFAULT_RETRY_STATUSES: readonly number[] = [408, 500, 502, 503, 504];
// GitHub answers a secondary limit with 403 or 429 and a message naming it (octokit plugin-throttling).
const SECONDARY_RE = /\bsecondary rate\b|abuse detection/i;
// Headers worth keeping with a cached body: enough to paginate and to read it back; nothing private.
const CACHED_HEADERS = ['content-type', 'etag', 'last-modified', 'link'];

interface Quota {
  remaining: number;
  reset: Date;
  /** Requests of this resource in flight (each may spend one). */
  active: number;
}

/** Rate-limit headers give their reset in whole seconds: resets closer than this are one window. */
const RESET_GRANULARITY_MS = 1000;

/**
 * A quota after a response's rate-limit headers. Responses can arrive out of order: one sent
 * earlier but answered later reports more remaining than the server has left, so within one
 * window the quota only goes down; a reset clearly earlier is an older window's answer (ignored),
 * one clearly later a new window (taken). When the two cannot be told apart (resets within the
 * headers' one-second granularity) the lower count wins: waiting too long is safe, exceeding the
 * quota is not. Pure.
 */
export function nextQuota(
  current: { remaining: number; reset: Date } | undefined,
  remaining: number,
  reset: Date,
  nowMs: number,
): { remaining: number; reset: Date } {
  if (!current || nowMs >= current.reset.getTime()) return { remaining, reset };
  const delta = reset.getTime() - current.reset.getTime();
  if (delta > RESET_GRANULARITY_MS) return { remaining, reset };
  if (delta < -RESET_GRANULARITY_MS) return current;
  return { remaining: Math.min(current.remaining, remaining), reset: delta > 0 ? reset : current.reset };
}

interface HostState {
  stats: HostStats;
  /** Quota per rate-limit resource: GitHub's REST `core` and `graphql` are separate buckets on one host. */
  quotas: Map<string, Quota>;
  pauseUntil: number;
  pause: Promise<void> | undefined;
  active: number;
  queue: (() => void)[];
}

interface Attempt {
  readonly method: string;
  readonly url: string;
  readonly body: string | undefined;
  readonly headers: Record<string, string>;
  readonly options: HttpRequestOptions;
  readonly idempotent: boolean;
  readonly parse: 'json' | 'text';
}

function headerRecord(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((v, k) => {
    out[k.toLowerCase()] = v;
  });
  return out;
}

/** `Link: <url>; rel="next", <url>; rel="last"` (GitHub and the Hub use the same format). */
export function parseLinkHeader(link: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!link) return out;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /<([^>]+)>\s*;(.*)$/.exec(part.trim());
    if (!m?.[1]) continue;
    const rel = /rel="?([^";]+)"?/.exec(m[2] ?? '');
    for (const r of (rel?.[1] ?? '').split(/\s+/)) if (r) out[r] = m[1];
  }
  return out;
}

/** `Retry-After` as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, t - nowMs);
}

/**
 * The Hub's IETF-draft header `RateLimit: "api";r=<remaining>;t=<seconds>` (api-sources.md §1
 * "Rate limits"), as {remaining, resetMs}.
 */
export function parseHfRateLimit(value: string | undefined): { remaining: number; resetMs: number } | undefined {
  if (!value) return undefined;
  const r = /(?:^|;)\s*r=(\d+)/.exec(value);
  const t = /(?:^|;)\s*t=(\d+)/.exec(value);
  if (!r?.[1] || !t?.[1]) return undefined;
  return { remaining: Number(r[1]), resetMs: Number(t[1]) * 1000 };
}

function apiMessage(text: string): string {
  try {
    const j = JSON.parse(text) as { message?: unknown; error?: unknown; errors?: unknown };
    if (typeof j.message === 'string') return j.message;
    if (typeof j.error === 'string') return j.error;
  } catch {
    // not JSON: fall through to the text itself
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

function statusHint(status: number, url: string): string | undefined {
  if (status === 401)
    return 'the upstream refused the credentials or needs some: set GITHUB_TOKEN / HF_TOKEN (the Hub also answers 401 for a repository that does not exist)';
  if (status === 404) return 'it does not exist, or it is private and needs a token';
  if (status === 403 || status === 429)
    return `rate limited by ${new URL(url).host}: set a token for a higher limit, or retry later`;
  if (status >= 500) return 'the upstream is failing; retry later';
  return undefined;
}

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

/**
 * Client tuning from the environment (for slow links, proxies and tests): KEPT_HTTP_TIMEOUT_MS,
 * KEPT_HTTP_BACKOFF_MS (first retry's backoff; later ones double, capped at 30 s) and
 * KEPT_HTTP_MAX_BODY_MB. Unset or unreadable values keep the defaults.
 */
export function httpOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Pick<HttpClientOptions, 'timeoutMs' | 'backoffBaseMs' | 'maxBodyBytes'> {
  const num = (name: string): number | undefined => {
    const v = env[name];
    return v !== undefined && /^\d+(\.\d+)?$/.test(v.trim()) && Number(v) > 0 ? Number(v) : undefined;
  };
  const timeoutMs = num('KEPT_HTTP_TIMEOUT_MS');
  const backoffBaseMs = num('KEPT_HTTP_BACKOFF_MS');
  const maxMb = num('KEPT_HTTP_MAX_BODY_MB');
  return {
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(backoffBaseMs ? { backoffBaseMs } : {}),
    ...(maxMb ? { maxBodyBytes: Math.round(maxMb * 1024 * 1024) } : {}),
  };
}

export function createHttpClient(options: HttpClientOptions = {}): KeptHttpClient {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const retries = options.retries ?? 3;
  const retryStatuses = new Set(options.retryStatuses ?? DEFAULT_RETRY_STATUSES);
  const backoffBase = options.backoffBaseMs ?? 1000;
  const backoffMax = options.backoffMaxMs ?? 30_000;
  const maxPause = options.maxPauseMs ?? 65 * 60_000;
  const rateLimitRetries = options.rateLimitRetries ?? 3;
  const secondaryFallback = options.secondaryFallbackMs ?? 60_000;
  const perHost = Math.max(1, options.concurrencyPerHost ?? 4);
  const userAgent = options.userAgent ?? `kept/${VERSION} (+https://github.com/kept-dev/kept)`;
  const emit = options.onEvent ?? (() => undefined);
  const hosts = new Map<string, HostState>();

  function host(name: string): HostState {
    let h = hosts.get(name);
    if (!h) {
      h = {
        stats: {
          requests: 0,
          notModified: 0,
          retries: 0,
          pauses: 0,
          pausedMs: 0,
          rateRemaining: undefined,
          rateLimit: undefined,
          rateReset: undefined,
        },
        quotas: new Map(),
        pauseUntil: 0,
        pause: undefined,
        active: 0,
        queue: [],
      };
      hosts.set(name, h);
    }
    return h;
  }

  /**
   * Pauses every request to a host until `until` (ms). Concurrent callers share ONE pause: a later
   * deadline replaces it, an earlier one is absorbed (observablehq/framework's shared 429 promise).
   */
  function pauseHost(name: string, until: number, reason: string): void {
    const h = host(name);
    // A refusal that arrives while a pause is on joins it unless it asks for clearly longer.
    if (until <= h.pauseUntil || (now() < h.pauseUntil && until <= h.pauseUntil + 1000)) return;
    const waitMs = until - now();
    if (waitMs <= 0) return;
    h.pauseUntil = until;
    h.stats.pauses++;
    h.stats.pausedMs += waitMs;
    h.pause = sleep(waitMs);
    emit({ type: 'pause', host: name, until: new Date(until), reason });
  }

  async function waitForHost(name: string): Promise<void> {
    const h = host(name);
    while (h.pause && now() < h.pauseUntil) {
      const p: Promise<void> = h.pause;
      await p;
      if (h.pause === p) break; // slept the whole pause; a fake clock may not have moved
    }
  }

  async function acquire(name: string, resource: string): Promise<() => void> {
    const h = host(name);
    for (;;) {
      await waitForHost(name);
      // Never send more than the quota left: requests in flight may each spend one.
      const q = h.quotas.get(resource);
      const quotaKnown = q !== undefined && now() < q.reset.getTime();
      const quotaLeft = quotaKnown ? q.remaining - q.active : Number.POSITIVE_INFINITY;
      if (h.active < perHost && quotaLeft > 0) {
        h.active++;
        if (q) q.active++;
        break;
      }
      if (quotaLeft <= 0 && q && q.active === 0) {
        const until = q.reset.getTime() + 1000;
        // The shared pause already covers it but the clock has not moved past the reset: wait it out.
        if (h.pause && h.pauseUntil >= until) await sleep(Math.max(1, until - now()));
        else pauseHost(name, until, 'rate limit spent');
        continue;
      }
      await new Promise<void>((r) => h.queue.push(r));
    }
    return () => {
      h.active--;
      const q = h.quotas.get(resource);
      if (q && q.active > 0) q.active--;
      // Wake everyone waiting: a freed slot or a fresh quota may let several through.
      const waiting = h.queue.splice(0);
      for (const w of waiting) w();
    };
  }

  /** Which rate-limit bucket a request spends (GitHub: x-ratelimit-resource). */
  function resourceOf(url: string): string {
    const path = new URL(url).pathname;
    if (path.endsWith('/graphql')) return 'graphql';
    if (/\/search\//.test(path)) return 'search';
    return 'core';
  }

  function authFor(url: string): UpstreamAuth | undefined {
    return (options.auth ?? [])
      .filter((a) => url === a.prefix || url.startsWith(`${a.prefix}/`) || url.startsWith(`${a.prefix}?`))
      .sort((a, b) => b.prefix.length - a.prefix.length)[0];
  }

  function backoff(attempt: number): number {
    const cap = Math.min(backoffMax, backoffBase * 2 ** attempt);
    return Math.round(cap / 2 + (random() * cap) / 2); // capped exponential with "equal jitter"
  }

  /** Reads rate-limit headers into the host's state; pauses the host when the quota is spent. */
  function noteRateLimit(name: string, headers: Record<string, string>): void {
    const h = host(name);
    const setQuota = (resource: string, remaining: number, reset: Date): void => {
      const q = h.quotas.get(resource);
      const next = nextQuota(q, remaining, reset, now());
      if (q) {
        q.remaining = next.remaining;
        q.reset = next.reset;
      } else h.quotas.set(resource, { ...next, active: 0 });
    };
    const remaining = headers['x-ratelimit-remaining'];
    if (remaining !== undefined && /^\d+$/.test(remaining)) {
      const reset = headers['x-ratelimit-reset'] ? new Date(Number(headers['x-ratelimit-reset']) * 1000) : undefined;
      const limit = headers['x-ratelimit-limit'] ? Number(headers['x-ratelimit-limit']) : undefined;
      h.stats.rateRemaining = Number(remaining);
      h.stats.rateLimit = limit;
      h.stats.rateReset = reset;
      if (reset) setQuota(headers['x-ratelimit-resource'] ?? 'core', Number(remaining), reset);
      emit({ type: 'rate', host: name, remaining: Number(remaining), limit, reset });
      return;
    }
    const hf = parseHfRateLimit(headers.ratelimit);
    if (hf) {
      h.stats.rateRemaining = hf.remaining;
      h.stats.rateReset = new Date(now() + hf.resetMs);
      const policy = /q=(\d+)/.exec(headers['ratelimit-policy'] ?? '');
      h.stats.rateLimit = policy?.[1] ? Number(policy[1]) : undefined;
      setQuota('core', hf.remaining, h.stats.rateReset);
      emit({ type: 'rate', host: name, remaining: hf.remaining, limit: h.stats.rateLimit, reset: h.stats.rateReset });
    }
  }

  /** Counts a request that got no answer against its known quota. */
  function spendOne(name: string, resource: string): void {
    const q = host(name).quotas.get(resource);
    if (q && now() < q.reset.getTime()) q.remaining = Math.max(0, q.remaining - 1);
  }

  /** When a response is a rate-limit refusal, the ms to wait and why; undefined otherwise. */
  function rateLimitWait(
    status: number,
    headers: Record<string, string>,
    text: string,
  ): { ms: number; reason: string } | undefined {
    if (status !== 403 && status !== 429) return undefined;
    const t = now();
    const retryAfter = parseRetryAfter(headers['retry-after'], t);
    const message = apiMessage(text);
    if (SECONDARY_RE.test(message)) return { ms: retryAfter ?? secondaryFallback, reason: 'secondary rate limit' };
    if (headers['x-ratelimit-remaining'] === '0' && headers['x-ratelimit-reset']) {
      return { ms: Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - t) + 1000, reason: 'primary rate limit' };
    }
    if (retryAfter !== undefined) return { ms: retryAfter, reason: `${status} with retry-after` };
    const hf = parseHfRateLimit(headers.ratelimit);
    if (hf) return { ms: hf.resetMs + 1000, reason: 'Hub rate limit' };
    if (status === 429) return { ms: secondaryFallback, reason: '429 Too Many Requests' };
    return undefined; // a plain 403 is a permission answer, not a limit
  }

  /** GraphQL signals its primary limit with HTTP 200 and errors[].type RATE_LIMITED (api-sources.md §2). */
  function graphqlRateLimited(text: string): boolean {
    if (!text.includes('RATE_LIMITED')) return false;
    try {
      const j = JSON.parse(text) as { errors?: { type?: string }[] };
      return (j.errors ?? []).some((e) => e.type === 'RATE_LIMITED');
    } catch {
      return false;
    }
  }

  async function send(a: Attempt): Promise<HttpResponse<unknown>> {
    const name = new URL(a.url).host;
    const h = host(name);
    const auth = authFor(a.url);
    const useCache = options.cache !== undefined && (a.options.conditional ?? a.method === 'GET') && a.method === 'GET';
    const key = useCache ? cacheKey(a.method, a.url, a.headers, auth !== undefined) : '';
    const cached = useCache ? await options.cache!.httpCacheGet(key) : undefined;
    let failures = 0;
    let limited = 0;
    for (;;) {
      const headers: Record<string, string> = { 'user-agent': userAgent, ...a.headers };
      if (auth) headers[auth.header] = auth.value;
      if (cached?.etag) headers['if-none-match'] = cached.etag;
      else if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
      const release = await acquire(name, resourceOf(a.url));
      let res: Response | undefined;
      let text = '';
      let netError: unknown;
      const timeout = a.options.timeoutMs ?? timeoutMs;
      try {
        h.stats.requests++;
        const signals = [AbortSignal.timeout(timeout), ...(a.options.signal ? [a.options.signal] : [])];
        res = await fetchFn(a.url, {
          method: a.method,
          headers,
          signal: AbortSignal.any(signals),
          ...(a.body === undefined ? {} : { body: a.body }),
        });
        // Read before the body: a body cut short still came with the server's count.
        noteRateLimit(name, headerRecord(res.headers));
        text = res.status === 304 ? '' : await readCapped(res, maxBodyBytes);
      } catch (err) {
        netError = err;
        // No answer at all (dropped, timed out): the server may still have counted the request.
        if (!res) spendOne(name, resourceOf(a.url));
      } finally {
        release();
      }
      if (a.options.signal?.aborted)
        throw new HttpError(a.method, a.url, undefined, 'aborted', { cause: a.options.signal.reason });
      if (netError !== undefined || !res) {
        const timedOut =
          netError instanceof Error && (netError.name === 'TimeoutError' || netError.name === 'AbortError');
        const detail = timedOut
          ? `timed out after ${Math.round(timeout / 1000)} s`
          : `network error: ${errorMessage(netError)}`;
        if (a.idempotent && failures < retries) {
          const delay = backoff(failures++);
          h.stats.retries++;
          emit({ type: 'retry', host: name, url: redactUrl(a.url), attempt: failures, delayMs: delay, reason: detail });
          await sleep(delay);
          continue;
        }
        throw new HttpError(a.method, a.url, undefined, detail, {
          hint: 'check the connection or the base URL (GITHUB_API_URL, HF_ENDPOINT)',
          cause: netError,
        });
      }
      const resHeaders = headerRecord(res.headers);
      if (res.status === 304 && cached) {
        h.stats.notModified++;
        emit({ type: 'response', host: name, method: a.method, url: redactUrl(a.url), status: 304, notModified: true });
        return {
          status: cached.status,
          url: redactUrl(a.url),
          headers: { ...cached.headers, ...pick(resHeaders, ['x-ratelimit-remaining', 'x-ratelimit-reset']) },
          body: parseBody(a, cached.status, cached.body),
          notModified: true,
        };
      }
      emit({
        type: 'response',
        host: name,
        method: a.method,
        url: redactUrl(a.url),
        status: res.status,
        notModified: false,
      });
      const limit =
        rateLimitWait(res.status, resHeaders, text) ??
        (res.status === 200 && a.method === 'POST' && graphqlRateLimited(text) && resHeaders['x-ratelimit-reset']
          ? {
              ms: Math.max(0, Number(resHeaders['x-ratelimit-reset']) * 1000 - now()) + 1000,
              reason: 'GraphQL rate limit',
            }
          : undefined);
      if (limit) {
        const until = now() + limit.ms;
        if (limit.ms > maxPause || limited >= rateLimitRetries || (!a.idempotent && a.method !== 'GET')) {
          throw new HttpError(a.method, a.url, res.status, `${statusText(res)}: ${apiMessage(text)}`, {
            hint: `${limit.reason}: retry after ${new Date(until).toISOString().slice(11, 16)} UTC, or set a token for a higher limit`,
          });
        }
        limited++;
        pauseHost(name, until, limit.reason);
        await waitForHost(name);
        continue;
      }
      if (retryStatuses.has(res.status) && a.idempotent && failures < retries) {
        const delay = Math.min(backoffMax, parseRetryAfter(resHeaders['retry-after'], now()) ?? backoff(failures));
        failures++;
        h.stats.retries++;
        emit({
          type: 'retry',
          host: name,
          url: redactUrl(a.url),
          attempt: failures,
          delayMs: delay,
          reason: `${res.status}`,
        });
        await sleep(delay);
        continue;
      }
      const accepted = (res.status >= 200 && res.status < 300) || (a.options.acceptStatus ?? []).includes(res.status);
      if (!accepted) {
        const hint = statusHint(res.status, a.url);
        throw new HttpError(
          a.method,
          a.url,
          res.status,
          `${statusText(res)}: ${apiMessage(text)}`,
          hint ? { hint } : {},
        );
      }
      let body: unknown;
      try {
        body = parseBody(a, res.status, text);
      } catch (err) {
        // A cut-off body, or a proxy's HTML page, on a read: worth another try, like a network error.
        if (a.idempotent && failures < retries) {
          const delay = backoff(failures++);
          h.stats.retries++;
          emit({
            type: 'retry',
            host: name,
            url: redactUrl(a.url),
            attempt: failures,
            delayMs: delay,
            reason: errorMessage(err),
          });
          await sleep(delay);
          continue;
        }
        throw err;
      }
      if (useCache && res.status === 200 && (resHeaders.etag || resHeaders['last-modified'])) {
        await options.cache!.httpCachePut(key, {
          ...(resHeaders.etag ? { etag: resHeaders.etag } : {}),
          ...(resHeaders['last-modified'] ? { lastModified: resHeaders['last-modified'] } : {}),
          status: res.status,
          body: text,
          headers: pick(resHeaders, CACHED_HEADERS),
          storedAt: new Date(now()),
        });
      }
      return { status: res.status, url: redactUrl(a.url), headers: resHeaders, body, notModified: false };
    }
  }

  function parseBody(a: Attempt, status: number, text: string): unknown {
    if (a.parse === 'text') return text;
    if (text === '' && (status === 204 || status === 404 || status === 202)) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      const head = text.slice(0, 60).replace(/\s+/g, ' ');
      throw new HttpError(
        a.method,
        a.url,
        status,
        `the response is not JSON${text.length === 0 ? ' (empty body)' : ` (truncated or HTML? it starts "${head}")`}`,
        {
          hint: 'the upstream or a proxy answered something else; retry later, or check the base URL',
          cause: err,
        },
      );
    }
  }

  function attempt(
    method: string,
    url: string,
    body: unknown,
    o: HttpRequestOptions & { idempotent?: boolean },
    parse: 'json' | 'text',
  ): Promise<HttpResponse<unknown>> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(o.headers ?? {})) headers[k.toLowerCase()] = v;
    if (parse === 'json' && !headers.accept) headers.accept = 'application/json';
    if (body !== undefined) headers['content-type'] = 'application/json';
    return send({
      method,
      url,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers,
      options: o,
      idempotent: method === 'GET' || method === 'HEAD' || o.idempotent === true,
      parse,
    });
  }

  return {
    getJson: async <T>(url: string, o: HttpRequestOptions = {}) =>
      (await attempt('GET', url, undefined, o, 'json')) as HttpResponse<T>,
    getText: async (url: string, o: HttpRequestOptions = {}) =>
      (await attempt('GET', url, undefined, o, 'text')) as HttpResponse<string>,
    postJson: async <T>(url: string, body: unknown, o: HttpRequestOptions & { readonly idempotent?: boolean } = {}) =>
      (await attempt('POST', url, body, o, 'json')) as HttpResponse<T>,
    async *paginate<T>(url: string, o: HttpRequestOptions = {}): AsyncGenerator<HttpResponse<T[]>> {
      let next: string | undefined = url;
      const seen = new Set<string>();
      while (next && !seen.has(next)) {
        seen.add(next);
        const page = (await attempt('GET', next, undefined, o, 'json')) as HttpResponse<T[]>;
        yield page;
        next = parseLinkHeader(page.headers.link).next;
      }
    },
    stats: () => Object.fromEntries([...hosts].map(([k, v]) => [k, { ...v.stats }])),
  };
}

/** The body as text, refusing (and cancelling) one larger than `max` bytes. */
async function readCapped(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`the response body is ${declared} bytes, more than the ${max}-byte limit`);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`the response body passed the ${max}-byte limit`);
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString('utf8');
}

function pick(h: Record<string, string>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (h[k] !== undefined) out[k] = h[k];
  return out;
}

function statusText(res: Response): string {
  return res.statusText || STATUS_TEXT[res.status] || 'error';
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
