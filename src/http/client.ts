// The one HTTP client every source uses: injectable fetch, clock and sleep; per-upstream auth that
// never leaves its base URL; timeouts and a body-size cap; Link pagination. It composes the host
// limiter (per-host concurrency, quotas, one shared pause), the retry policy and the conditional
// (ETag) cache, whose port the store implements.
// Upstream facts: docs/api-sources.md (../shared/docs/api-sources.md) §1 "Rate limits", §2 "Rate limits".
import { HttpError, errorMessage, redactUrl } from '../domain/errors.js';
import { VERSION } from '../version.js';
import { cacheKey, entryOf, revalidatedHeaders, validators, type HttpCache } from './conditional-cache.js';
import { HostLimiter, PauseBeyondDeadline, type HostStats } from './host-limiter.js';
import type { Deadline, HttpClient, HttpEvent, HttpRequestOptions, HttpResponse } from './http-client.js';
import { apiMessage, createRetryPolicy, type RetryPolicyOptions } from './retry-policy.js';
import type { UpstreamAuth } from './upstreams.js';

export interface HttpClientOptions extends RetryPolicyOptions {
  readonly fetch?: typeof fetch;
  /** ETag cache (the Store satisfies this). Without it, requests are unconditional. */
  readonly cache?: HttpCache;
  readonly auth?: readonly UpstreamAuth[];
  readonly userAgent?: string;
  /** Per-request timeout in ms (default 30 s). */
  readonly timeoutMs?: number;
  /** Largest response body read (default 64 MB); a larger one is cut off and fails like a network error. */
  readonly maxBodyBytes?: number;
  /** Concurrent requests per host (default 4; GitHub's secondary limit allows 100). */
  readonly concurrencyPerHost?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** The signal that aborts a request after `ms` (default AbortSignal.timeout), for a fake clock. */
  readonly timeoutSignal?: (ms: number) => AbortSignal;
  readonly onEvent?: (event: HttpEvent) => void;
}

export interface KeptHttpClient extends HttpClient {
  /** Requests sent, 304s, retries and waits per host, since the client was made. */
  stats(): Readonly<Record<string, Readonly<HostStats>>>;
  /**
   * One cheap request to see whether the host of `url` answers at all (any status, even 404, is an
   * answer). When it does not, after `attempts` tries of `timeoutMs` each, the host is taken as
   * unreachable for the rest of the run: its requests fail at once with the reason.
   */
  checkHost(url: string, o?: { readonly timeoutMs?: number; readonly attempts?: number }): Promise<HostCheck>;
  /** Requests in flight per host, for progress while waiting. */
  inFlight(): Readonly<Record<string, number>>;
}

export type HostCheck =
  { readonly host: string; readonly ok: true } | { readonly host: string; readonly ok: false; readonly reason: string };

/** Default timeout of one connectivity check. */
export const CHECK_TIMEOUT_MS = 5_000;

/** A failed fetch with its system cause: "fetch failed" says little, ECONNREFUSED says what to check. */
function networkDetail(err: unknown): string {
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const what = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' ? 'host not found' : undefined;
  return code ? `${errorMessage(err)}: ${what ? `${what} (${code})` : code}` : errorMessage(err);
}

/** "the project's deadline (…)" as a clock time, for messages. */
function untilText(d: Deadline): string {
  return `${d.label}, ${new Date(d.at).toISOString().slice(11, 19)} UTC`;
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

function statusHint(status: number, url: string): string | undefined {
  if (status === 401)
    return 'the upstream refused the credentials or needs some: set GITHUB_TOKEN / HF_TOKEN (the Hub also answers 401 for a repository that does not exist)';
  if (status === 404) return 'it does not exist, or it is private and needs a token';
  if (status === 403 || status === 429)
    return `rate limited by ${new URL(url).host}: set a token for a higher limit, or retry later`;
  if (status >= 500) return 'the upstream is failing; retry later';
  return undefined;
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
  const timeoutSignal = options.timeoutSignal ?? ((ms: number) => AbortSignal.timeout(ms));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const userAgent = options.userAgent ?? `kept/${VERSION} (+https://github.com/kept-dev/kept)`;
  const emit = options.onEvent ?? (() => undefined);
  const cache = options.cache;
  const policy = createRetryPolicy(options);
  const limiter = new HostLimiter({ concurrencyPerHost: options.concurrencyPerHost ?? 4, now, sleep, emit });

  function authFor(url: string): UpstreamAuth | undefined {
    return (options.auth ?? [])
      .filter((a) => url === a.prefix || url.startsWith(`${a.prefix}/`) || url.startsWith(`${a.prefix}?`))
      .sort((a, b) => b.prefix.length - a.prefix.length)[0];
  }

  async function send(a: Attempt): Promise<HttpResponse<unknown>> {
    const name = new URL(a.url).host;
    const stats = limiter.stats(name);
    const auth = authFor(a.url);
    const deadline = a.options.deadline;
    const useCache = cache !== undefined && (a.options.conditional ?? a.method === 'GET') && a.method === 'GET';
    const key = useCache ? cacheKey(a.method, a.url, a.headers, auth !== undefined) : '';
    const cached = useCache ? await cache.httpCacheGet(key) : undefined;
    let failures = 0;
    let waits = 0;
    /** Counts a failed attempt, says so, and waits before the next. */
    const retryAfter = async (delayMs: number, reason: string): Promise<void> => {
      failures++;
      stats.retries++;
      emit({ type: 'retry', host: name, url: redactUrl(a.url), attempt: failures, delayMs, reason });
      await sleep(delayMs);
    };
    /** A wait of `ms` ends before the deadline (no deadline: always). */
    const fits = (ms: number): boolean => deadline === undefined || now() + ms < deadline.at;
    const deadlineError = (detail: string): HttpError =>
      new HttpError(a.method, a.url, undefined, detail, {
        hint: 'the collection ran out of time: run kept collect again (it continues where it stopped), or allow more with --deadline / --project-deadline',
      });
    for (;;) {
      const down = limiter.downReason(name);
      if (down)
        throw new HttpError(a.method, a.url, undefined, `not sent: ${name} is unreachable (${down})`, {
          hint: 'check the connection, or the base URL of this upstream',
        });
      if (deadline && now() >= deadline.at) throw deadlineError(`not sent: ${untilText(deadline)}, has passed`);
      const headers: Record<string, string> = { 'user-agent': userAgent, ...a.headers, ...validators(cached) };
      if (auth) headers[auth.header] = auth.value;
      let release: () => void;
      try {
        release = await limiter.acquire(name, a.url, deadline?.at);
      } catch (err) {
        if (!(err instanceof PauseBeyondDeadline) || !deadline) throw err;
        // Waiting out the limit would pass the deadline: fail now, saying when to come back.
        throw deadlineError(
          `not sent: ${name} is rate limited until ${new Date(err.until).toISOString().slice(11, 19)} UTC, after ${untilText(deadline)}`,
        );
      }
      let res: Response | undefined;
      let text = '';
      let netError: unknown;
      const configured = a.options.timeoutMs ?? timeoutMs;
      // The deadline cuts the wait for an answer short: the request ends when the work must.
      const left = deadline ? deadline.at - now() : Number.POSITIVE_INFINITY;
      const timeout = Math.max(1, Math.min(configured, left));
      const cutByDeadline = left < configured;
      if (deadline && left <= 0) {
        release();
        throw deadlineError(`not sent: ${untilText(deadline)}, has passed`);
      }
      try {
        stats.requests++;
        const signals = [timeoutSignal(timeout), ...(a.options.signal ? [a.options.signal] : [])];
        res = await fetchFn(a.url, {
          method: a.method,
          headers,
          signal: AbortSignal.any(signals),
          ...(a.body === undefined ? {} : { body: a.body }),
        });
        // Read before the body: a body cut short still came with the server's count.
        limiter.noteRateLimit(name, headerRecord(res.headers));
        text = res.status === 304 ? '' : await readCapped(res, maxBodyBytes);
      } catch (err) {
        netError = err;
        // No answer at all (dropped, timed out): the server may still have counted the request.
        if (!res) limiter.spendOne(name, a.url);
      } finally {
        release();
      }
      if (a.options.signal?.aborted)
        throw new HttpError(a.method, a.url, undefined, 'aborted', { cause: a.options.signal.reason });
      if (netError !== undefined || !res) {
        const timedOut =
          netError instanceof Error && (netError.name === 'TimeoutError' || netError.name === 'AbortError');
        if (timedOut && cutByDeadline)
          throw deadlineError(`no answer before ${untilText(deadline!)}, passed (${Math.round(timeout / 1000)} s)`);
        const detail = timedOut
          ? `timed out after ${Math.round(timeout / 1000)} s`
          : `network error: ${networkDetail(netError)}`;
        const delay = policy.afterFailure(a, failures);
        if (delay !== undefined && fits(delay)) {
          await retryAfter(delay, detail);
          continue;
        }
        // Only an answer-less request that had every try it may counts against the host.
        if (!res && delay === undefined) limiter.noteAnswered(name, false, detail);
        throw new HttpError(
          a.method,
          a.url,
          undefined,
          `${detail}${delay !== undefined ? `; not retried: ${untilText(deadline!)}, comes first` : ''}`,
          {
            hint: 'check the connection or the base URL of this upstream',
            cause: netError,
          },
        );
      }
      limiter.noteAnswered(name, true);
      const resHeaders = headerRecord(res.headers);
      if (res.status === 304 && cached) {
        stats.notModified++;
        emit({ type: 'response', host: name, method: a.method, url: redactUrl(a.url), status: 304, notModified: true });
        return {
          status: cached.status,
          url: redactUrl(a.url),
          headers: revalidatedHeaders(cached, resHeaders),
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
      const limit = policy.rateLimit(a, res.status, resHeaders, text, now());
      if (limit) {
        const until = now() + limit.ms;
        if (deadline && until > deadline.at)
          throw new HttpError(a.method, a.url, res.status, `${statusText(res)}: ${apiMessage(text)}`, {
            hint: `${limit.reason} until ${new Date(until).toISOString().slice(11, 19)} UTC, after ${untilText(deadline)}: run kept collect again after that, or set a token for a higher limit`,
          });
        if (!policy.mayWait(a, limit, waits)) {
          throw new HttpError(a.method, a.url, res.status, `${statusText(res)}: ${apiMessage(text)}`, {
            hint: `${limit.reason}: retry after ${new Date(until).toISOString().slice(11, 16)} UTC, or set a token for a higher limit`,
          });
        }
        waits++;
        limiter.pause(name, until, limit.reason);
        await limiter.waitFor(name);
        continue;
      }
      const statusDelay = policy.afterStatus(a, failures, res.status, resHeaders, now());
      if (statusDelay !== undefined && fits(statusDelay)) {
        await retryAfter(statusDelay, `${res.status}`);
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
        const delay = policy.afterFailure(a, failures);
        if (delay !== undefined && fits(delay)) {
          await retryAfter(delay, errorMessage(err));
          continue;
        }
        throw err;
      }
      const entry = useCache ? entryOf(res.status, resHeaders, text, new Date(now())) : undefined;
      if (entry) await cache!.httpCachePut(key, entry);
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
    stats: () => limiter.allStats(),
    inFlight: () => limiter.allInFlight(),
    async checkHost(url, o = {}) {
      const host = new URL(url).host;
      const attempts = Math.max(1, o.attempts ?? 2);
      let reason = '';
      for (let i = 0; i < attempts; i++) {
        const ms = o.timeoutMs ?? CHECK_TIMEOUT_MS;
        try {
          const auth = authFor(url);
          const res = await fetchFn(url, {
            method: 'GET',
            headers: { 'user-agent': userAgent, ...(auth ? { [auth.header]: auth.value } : {}) },
            // A redirect is an answer; following a loop of them is not a connectivity question.
            redirect: 'manual',
            signal: timeoutSignal(ms),
          });
          await res.body?.cancel().catch(() => undefined);
          return { host, ok: true };
        } catch (err) {
          const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
          reason = timedOut
            ? `no answer to a connectivity check within ${Math.round(ms / 1000)} s`
            : `connectivity check failed: ${networkDetail(err)}`;
        }
      }
      limiter.markDown(host, reason);
      return { host, ok: false, reason };
    },
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
