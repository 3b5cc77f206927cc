// The one retry policy: which answers are tried again and after how long. Idempotent requests are
// retried on an explicit status list, after network errors and after unreadable bodies, with capped
// exponential backoff (octokit plugin-retry); rate-limit refusals wait as the upstream says
// (octokit plugin-throttling): the primary limit until x-ratelimit-reset + 1 s, the secondary
// limit for retry-after (60 s when it names none), the Hub for its RateLimit window.
// Upstream facts: ../shared/docs/api-sources.md §1 and §2 "Rate limits".

export const DEFAULT_RETRY_STATUSES: readonly number[] = [408, 500, 502, 503, 504];
// GitHub answers a secondary limit with 403 or 429 and a message naming it
// (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits).
const SECONDARY_RE = /\bsecondary rate\b|abuse detection/i;

export interface RetryPolicyOptions {
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
  readonly random?: () => number;
}

/** A rate-limit refusal: how long to wait, and which limit it was. */
export interface RateLimitWait {
  readonly ms: number;
  readonly reason: string;
}

/** What the policy needs of a request to decide. */
export interface RetryRequest {
  readonly method: string;
  readonly idempotent: boolean;
}

export interface RetryPolicy {
  /** The wait before retrying a request that got no answer or an unreadable body; undefined: give up. */
  afterFailure(request: RetryRequest, failures: number): number | undefined;
  /** The wait before retrying an answer with this status; undefined when it is not retried. */
  afterStatus(
    request: RetryRequest,
    failures: number,
    status: number,
    headers: Readonly<Record<string, string>>,
    nowMs: number,
  ): number | undefined;
  /** When an answer is a rate-limit refusal, the wait and why; undefined otherwise. */
  rateLimit(
    request: RetryRequest,
    status: number,
    headers: Readonly<Record<string, string>>,
    text: string,
    nowMs: number,
  ): RateLimitWait | undefined;
  /** Whether the request may wait out this refusal (its `waits`-th), or must fail with it. */
  mayWait(request: RetryRequest, limit: RateLimitWait, waits: number): boolean;
}

export function createRetryPolicy(o: RetryPolicyOptions = {}): RetryPolicy {
  const retries = o.retries ?? 3;
  const statuses = new Set(o.retryStatuses ?? DEFAULT_RETRY_STATUSES);
  const base = o.backoffBaseMs ?? 1000;
  const max = o.backoffMaxMs ?? 30_000;
  const maxPause = o.maxPauseMs ?? 65 * 60_000;
  const rateLimitRetries = o.rateLimitRetries ?? 3;
  const secondaryFallback = o.secondaryFallbackMs ?? 60_000;
  const random = o.random ?? Math.random;
  const backoff = (attempt: number): number => {
    const cap = Math.min(max, base * 2 ** attempt);
    return Math.round(cap / 2 + (random() * cap) / 2); // capped exponential with "equal jitter"
  };
  return {
    afterFailure: (r, failures) => (r.idempotent && failures < retries ? backoff(failures) : undefined),
    afterStatus(r, failures, status, headers, nowMs) {
      if (!statuses.has(status) || !r.idempotent || failures >= retries) return undefined;
      return Math.min(max, parseRetryAfter(headers['retry-after'], nowMs) ?? backoff(failures));
    },
    rateLimit(r, status, headers, text, nowMs) {
      const resetWait = (): number => Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - nowMs) + 1000;
      if (status === 403 || status === 429) {
        const retryAfter = parseRetryAfter(headers['retry-after'], nowMs);
        if (SECONDARY_RE.test(apiMessage(text)))
          return { ms: retryAfter ?? secondaryFallback, reason: 'secondary rate limit' };
        if (headers['x-ratelimit-remaining'] === '0' && headers['x-ratelimit-reset'])
          return { ms: resetWait(), reason: 'primary rate limit' };
        if (retryAfter !== undefined) return { ms: retryAfter, reason: `${status} with retry-after` };
        const hf = parseHfRateLimit(headers.ratelimit);
        if (hf) return { ms: hf.resetMs + 1000, reason: 'Hub rate limit' };
        if (status === 429) return { ms: secondaryFallback, reason: '429 Too Many Requests' };
        return undefined; // a plain 403 is a permission answer, not a limit
      }
      // GraphQL signals its primary limit with HTTP 200 and errors[].type RATE_LIMITED (api-sources.md §2).
      if (status === 200 && r.method === 'POST' && headers['x-ratelimit-reset'] && graphqlRateLimited(text))
        return { ms: resetWait(), reason: 'GraphQL rate limit' };
      return undefined;
    },
    mayWait: (r, limit, waits) =>
      limit.ms <= maxPause && waits < rateLimitRetries && (r.idempotent || r.method === 'GET'),
  };
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

/** The upstream's own message in an error body (`message` or `error`), else the text itself, shortened. */
export function apiMessage(text: string): string {
  try {
    const j = JSON.parse(text) as { message?: unknown; error?: unknown; errors?: unknown };
    if (typeof j.message === 'string') return j.message;
    if (typeof j.error === 'string') return j.error;
  } catch {
    // not JSON: fall through to the text itself
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

function graphqlRateLimited(text: string): boolean {
  if (!text.includes('RATE_LIMITED')) return false;
  try {
    const j = JSON.parse(text) as { errors?: { type?: string }[] };
    return (j.errors ?? []).some((e) => e.type === 'RATE_LIMITED');
  } catch {
    return false;
  }
}
