// How long the client waits, and why, for every refusal an upstream sends: the events (reason and
// delay) and the clock asserted on a fake clock, so a wait that is ignored, doubled or misread fails
// here in milliseconds rather than as a suite that runs for minutes. Upstream facts:
// ../shared/docs/api-sources.md §1 and §2 "Rate limits".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpError } from '../domain/errors.js';
import { createHttpClient } from './client.js';
import type { HttpEvent } from './http-client.js';

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
const GH = 'https://api.github.com/repos/o/r';
const HUB = 'https://huggingface.co/api/models/o/m';
const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

interface Refusal {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
}

/** One refusal, then 200; the clock moves only when the client sleeps. */
async function waitFor(url: string, refusal: Refusal) {
  let t = T0;
  const sleeps: number[] = [];
  const sentAt: number[] = [];
  const events: HttpEvent[] = [];
  const f = (async () => {
    sentAt.push(t);
    const r = sentAt.length === 1 ? refusal : { status: 200, body: { ok: true } };
    return new Response(JSON.stringify(r.body), { status: r.status, headers: r.headers ?? {} });
  }) as typeof fetch;
  const c = createHttpClient({
    fetch: f,
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
      await Promise.resolve();
    },
    random: () => 0.5,
    onEvent: (e) => events.push(e),
  });
  const outcome = await c.getJson(url).then(
    (r) => r,
    (err: unknown) => err,
  );
  const waits = events.flatMap((e) =>
    e.type === 'pause'
      ? [{ kind: 'pause', reason: e.reason, ms: e.until.getTime() - T0 }]
      : e.type === 'retry'
        ? [{ kind: 'retry', reason: e.reason, ms: e.delayMs }]
        : [],
  );
  return { outcome, sleeps, sentAt, waits };
}

const cases: readonly [name: string, url: string, refusal: Refusal, reason: string, ms: number][] = [
  [
    '429 with Retry-After (seconds)',
    GH,
    { status: 429, headers: { 'retry-after': '7' }, body: {} },
    '429 with retry-after',
    7_000,
  ],
  [
    '403 with Retry-After (seconds)',
    GH,
    { status: 403, headers: { 'retry-after': '5' }, body: {} },
    '403 with retry-after',
    5_000,
  ],
  [
    '429 with Retry-After as an HTTP date',
    GH,
    { status: 429, headers: { 'retry-after': new Date(T0 + 90_000).toUTCString() }, body: {} },
    '429 with retry-after',
    90_000,
  ],
  ['429 without Retry-After: the 60 s fallback', GH, { status: 429, body: {} }, '429 Too Many Requests', 60_000],
  [
    "GitHub's secondary limit (403) with Retry-After",
    GH,
    { status: 403, headers: { 'retry-after': '30' }, body: { message: SECONDARY } },
    'secondary rate limit',
    30_000,
  ],
  [
    "GitHub's secondary limit (429) without Retry-After: 60 s",
    GH,
    { status: 429, body: { message: SECONDARY } },
    'secondary rate limit',
    60_000,
  ],
  [
    'the primary limit: until x-ratelimit-reset + 1 s',
    GH,
    {
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-reset': String(T0 / 1000 + 120),
      },
      body: { message: 'API rate limit exceeded for user ID 1.' },
    },
    'primary rate limit',
    121_000,
  ],
  [
    "the Hub's RateLimit header: the window named by t= + 1 s",
    HUB,
    { status: 429, headers: { ratelimit: '"api";r=0;t=42' }, body: { error: 'rate limited' } },
    'Hub rate limit',
    43_000,
  ],
  [
    '503 with Retry-After: a retry after the named delay',
    GH,
    { status: 503, headers: { 'retry-after': '3' }, body: {} },
    '503',
    3_000,
  ],
  ['503 without: capped exponential backoff (base 1 s, equal jitter)', GH, { status: 503, body: {} }, '503', 750],
];

for (const [name, url, refusal, reason, ms] of cases)
  test(`rate-limit wait: ${name} waits ${ms} ms, says why, and retries once the wait is over`, async () => {
    const r = await waitFor(url, refusal);
    assert.ok(!(r.outcome instanceof Error), `failed: ${String(r.outcome)}`);
    assert.equal(r.waits.length, 1, JSON.stringify(r.waits));
    assert.deepEqual({ reason: r.waits[0]!.reason, ms: r.waits[0]!.ms }, { reason, ms });
    assert.deepEqual(r.sleeps, [ms], 'the client slept exactly the wait it announced');
    assert.deepEqual(r.sentAt, [T0, T0 + ms], 'the retry went out when the wait was over, not before');
  });

test('rate-limit wait: a plain 403 (no Retry-After, quota left) is a permission answer: no wait, one request, an HttpError', async () => {
  const r = await waitFor(GH, {
    status: 403,
    headers: { 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': String(T0 / 1000 + 3600) },
    body: { message: 'Resource not accessible by integration' },
  });
  assert.ok(r.outcome instanceof HttpError);
  assert.equal(r.outcome.status, 403);
  assert.deepEqual([r.waits, r.sleeps, r.sentAt], [[], [], [T0]]);
});

test('rate-limit wait: a Retry-After of 0 still retries, at once', async () => {
  const r = await waitFor(GH, { status: 429, headers: { 'retry-after': '0' }, body: {} });
  assert.ok(!(r.outcome instanceof Error));
  assert.deepEqual(r.sentAt, [T0, T0]);
});
