import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { HttpError } from '../domain/errors.js';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { HttpCacheEntry } from './conditional-cache.js';
import { replayFetch, type Recording } from '../../test/helpers/recorded-http.js';
import { tempDir } from '../../test/helpers/tmp.js';
import { createHttpClient, parseLinkHeader, type HttpClientOptions } from './client.js';
import { nextQuota } from './host-limiter.js';
import type { HttpEvent } from './http-client.js';
import { parseRetryAfter } from './retry-policy.js';
import { resolveUpstreams, upstreamAuth } from './upstreams.js';

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
}

type Reply = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang' | 'network';

/** A fetch answering from a script: `replies(call, n)` where n counts calls to that URL. */
function scripted(replies: (call: Call, n: number) => Reply): typeof fetch & { calls: Call[] } {
  const calls: Call[] = [];
  const counts = new Map<string, number>();
  const f = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const call = { method: init?.method ?? 'GET', url, headers };
    calls.push(call);
    const n = (counts.get(url) ?? 0) + 1;
    counts.set(url, n);
    const r = replies(call, n);
    if (r === 'network') throw new TypeError('fetch failed');
    if (r === 'hang') {
      // A socket would keep the process alive; AbortSignal.timeout's timer does not, so hold a timer.
      const keepAlive = setInterval(() => undefined, 1000);
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => {
          clearInterval(keepAlive);
          reject(init.signal?.reason as Error);
        });
      });
    }
    const text = r.body === undefined ? null : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    return new Response(r.status === 304 ? null : text, { status: r.status, headers: r.headers ?? {} });
  };
  return Object.assign(f as typeof fetch, { calls });
}

function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; sleeps: number[] } {
  let t = Date.UTC(2026, 10, 30, 12, 0, 0);
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      await new Promise((r) => setImmediate(r));
      t += ms;
    },
  };
}

function client(fetchFn: typeof fetch, extra: Partial<HttpClientOptions> = {}) {
  const clock = fakeClock();
  const events: HttpEvent[] = [];
  const c = createHttpClient({
    fetch: fetchFn,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { c, clock, events };
}

const U = 'https://api.github.com/repos/o/r';

test('retries an idempotent GET on a listed status (503), then succeeds', async () => {
  const f = scripted((_, n) => (n < 3 ? { status: 503, body: { message: 'busy' } } : { status: 200, body: { ok: 1 } }));
  const { c, clock } = client(f);
  const r = await c.getJson<{ ok: number }>(U);
  assert.equal(r.body.ok, 1);
  assert.equal(f.calls.length, 3);
  // capped exponential backoff with jitter: base 1 s → 750 ms then 1,500 ms at random()=0.5
  assert.deepEqual(clock.sleeps, [750, 1500]);
});

test('does not retry statuses off the list (400, 404, 422) and says what to do', async () => {
  for (const status of [400, 404, 422]) {
    const f = scripted(() => ({ status, body: { message: `no ${status}` } }));
    const { c } = client(f);
    await assert.rejects(c.getJson(U), (err: unknown) => {
      assert.ok(err instanceof HttpError);
      assert.equal(err.status, status);
      assert.match(err.message, new RegExp(`^\\[GET\\] ${U.replace(/[/.]/g, '\\$&')}: ${status} .*no ${status}`));
      return true;
    });
    assert.equal(f.calls.length, 1, `status ${status} is not retried`);
  }
});

test('gives up after the retry budget, naming the URL and status', async () => {
  const f = scripted(() => ({ status: 502, body: '<html>bad gateway</html>' }));
  const { c } = client(f, { retries: 2 });
  await assert.rejects(c.getJson(U), /\[GET\] https:\/\/api\.github\.com\/repos\/o\/r: 502 .*bad gateway/);
  assert.equal(f.calls.length, 3);
});

test('a POST is not retried unless marked idempotent (a GraphQL query is)', async () => {
  const f = scripted((_, n) => (n === 1 ? { status: 502, body: {} } : { status: 200, body: { data: {} } }));
  const { c } = client(f);
  await assert.rejects(c.postJson(`${U}/x`, { q: 1 }), /502/);
  assert.equal(f.calls.length, 1);
  const g = scripted((_, n) => (n === 1 ? { status: 502, body: {} } : { status: 200, body: { data: {} } }));
  const { c: c2 } = client(g);
  await c2.postJson('https://api.github.com/graphql', { query: '{}' }, { idempotent: true });
  assert.equal(g.calls.length, 2);
});

test('network errors and timeouts are retried for GETs, then reported with the URL', async () => {
  const f = scripted((_, n) => (n === 1 ? 'network' : { status: 200, body: [] }));
  const { c } = client(f);
  assert.deepEqual((await c.getJson(U)).body, []);
  const h = scripted(() => 'hang');
  const { c: c2 } = client(h, { timeoutMs: 20, retries: 1 });
  await assert.rejects(c2.getJson(U), /\[GET\] https:\/\/api\.github\.com\/repos\/o\/r: timed out after 0 s/);
  assert.equal(h.calls.length, 2);
});

test('truncated and non-JSON bodies give a clear error naming the URL', async () => {
  for (const body of ['{"id": 1, "name": "tru', '<!DOCTYPE html><p>Unicorn!</p>']) {
    const f = scripted(() => ({ status: 200, body }));
    const { c } = client(f);
    await assert.rejects(c.getJson(U), (err: unknown) => {
      assert.ok(err instanceof HttpError);
      assert.match(err.message, /api\.github\.com\/repos\/o\/r: 200 the response is not JSON/);
      return true;
    });
  }
});

test('secondary limit: all concurrent callers wait on ONE shared pause, then succeed', async () => {
  let refused = 0;
  const f = scripted((_, n) => {
    if (n === 1) {
      refused++;
      return {
        status: 403,
        headers: { 'retry-after': '30', 'content-type': 'application/json' },
        body: {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        },
      };
    }
    return { status: 200, body: { ok: true } };
  });
  const { c, clock, events } = client(f, { concurrencyPerHost: 10 });
  const urls = Array.from({ length: 6 }, (_, i) => `${U}/issues/${i}`);
  const rs = await Promise.all(urls.map((u) => c.getJson(u)));
  assert.equal(rs.length, 6);
  assert.equal(refused, 6);
  assert.deepEqual(clock.sleeps, [30_000], 'one 30 s pause shared by six callers');
  assert.equal(events.filter((e) => e.type === 'pause').length, 1);
  assert.equal(c.stats()['api.github.com']?.pauses, 1);
});

test('secondary limit without retry-after waits the 60 s fallback', async () => {
  const f = scripted((_, n) =>
    n === 1 ? { status: 429, body: { message: 'secondary rate limit' } } : { status: 200, body: {} },
  );
  const { c, clock } = client(f);
  await c.getJson(U);
  assert.deepEqual(clock.sleeps, [60_000]);
});

test('primary limit: waits until x-ratelimit-reset + 1 s, then succeeds; a spent quota pauses the next request', async () => {
  const clock0 = fakeClock();
  const reset = Math.floor(clock0.now() / 1000) + 120;
  const f = scripted((_, n) =>
    n === 1
      ? {
          status: 403,
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '60', 'x-ratelimit-reset': String(reset) },
          body: { message: 'API rate limit exceeded for 1.2.3.4.' },
        }
      : {
          status: 200,
          headers: { 'x-ratelimit-remaining': '59', 'x-ratelimit-reset': String(reset + 3600) },
          body: { ok: 1 },
        },
  );
  const c = createHttpClient({ fetch: f, now: clock0.now, sleep: clock0.sleep });
  await c.getJson(U);
  assert.deepEqual(clock0.sleeps, [121_000]);
  // remaining 0 on a success pauses the host before the next request is sent (never exceed the limit)
  const clock1 = fakeClock();
  const sentAt: number[] = [];
  const reset1 = Math.floor(clock1.now() / 1000) + 10;
  const g = scripted(() => {
    sentAt.push(clock1.now());
    return { status: 200, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset1) }, body: {} };
  });
  const c2 = createHttpClient({ fetch: g, now: clock1.now, sleep: clock1.sleep });
  await c2.getJson(U);
  await c2.getJson(`${U}/x`);
  assert.deepEqual(clock1.sleeps, [11_000]);
  assert.ok(sentAt[1]! >= reset1 * 1000 + 1000, 'the second request waits for the reset');
});

test('a limit that would need a longer wait than allowed fails with the time to retry', async () => {
  const clock = fakeClock();
  const reset = Math.floor(clock.now() / 1000) + 3 * 3600;
  const f = scripted(() => ({
    status: 429,
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
    body: { message: 'API rate limit exceeded' },
  }));
  const c = createHttpClient({ fetch: f, now: clock.now, sleep: clock.sleep });
  await assert.rejects(c.getJson(U), (err: unknown) => {
    assert.ok(err instanceof HttpError);
    assert.match(err.hint ?? '', /retry after 15:00 UTC/);
    return true;
  });
});

test('Hub 429 with RateLimit headers waits the window named by t=', async () => {
  const f = scripted((_, n) =>
    n === 1
      ? {
          status: 429,
          headers: { ratelimit: '"api";r=0;t=42', 'ratelimit-policy': '"fixed window";"api";q=500;w=300' },
          body: { error: 'rate limited' },
        }
      : { status: 200, headers: { ratelimit: '"api";r=499;t=300' }, body: { id: 'x' } },
  );
  const { c, clock } = client(f);
  await c.getJson('https://huggingface.co/api/models/x');
  assert.deepEqual(clock.sleeps, [43_000]);
  assert.equal(c.stats()['huggingface.co']?.rateRemaining, 499);
});

test('per-host concurrency is capped', async () => {
  let active = 0;
  let peak = 0;
  const f = (async () => {
    active++;
    peak = Math.max(peak, active);
    await new Promise((r) => setTimeout(r, 2));
    active--;
    return new Response('{}', { status: 200 });
  }) as typeof fetch;
  const c = createHttpClient({ fetch: f, concurrencyPerHost: 3 });
  await Promise.all(Array.from({ length: 12 }, (_, i) => c.getJson(`${U}/${i}`)));
  assert.equal(peak, 3);
});

function memoryCache(): Map<string, HttpCacheEntry> & {
  httpCacheGet(k: string): Promise<HttpCacheEntry | undefined>;
  httpCachePut(k: string, e: HttpCacheEntry): Promise<void>;
} {
  const m = new Map<string, HttpCacheEntry>();
  return Object.assign(m, {
    httpCacheGet: async (k: string) => m.get(k),
    httpCachePut: async (k: string, e: HttpCacheEntry) => void m.set(k, e),
  });
}

/** A GitHub-like upstream that counts its quota: 200s cost one, 304s cost nothing (api-sources.md §2). */
function quotaUpstream(limit: number) {
  let remaining = limit;
  return scripted((call) => {
    const etag = `W/"${Buffer.from(call.url).toString('hex').slice(-12)}"`;
    if (call.headers['if-none-match'] === etag)
      return {
        status: 304,
        headers: { etag, 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': '9999999999' },
      };
    remaining--;
    return {
      status: 200,
      headers: {
        etag,
        'content-type': 'application/json',
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-reset': '9999999999',
      },
      body: { url: call.url },
    };
  });
}

test('an unchanged resource is answered 304 from the cache and costs no quota', async () => {
  const cache = memoryCache();
  const f = quotaUpstream(10);
  const { c } = client(f, { cache });
  const urls = [`${U}`, `${U}/releases?per_page=100`, `${U}/contributors?anon=1&per_page=100`];
  for (const u of urls) assert.equal((await c.getJson(u)).notModified, false);
  const remainingAfterFirst = c.stats()['api.github.com']?.rateRemaining;
  assert.equal(remainingAfterFirst, 7);
  for (const u of urls) {
    const r = await c.getJson<{ url: string }>(u);
    assert.equal(r.notModified, true);
    assert.equal(r.body.url, u, 'the body comes from the cache');
  }
  assert.equal(c.stats()['api.github.com']?.rateRemaining, 7, 'the 304s spent nothing');
  assert.equal(c.stats()['api.github.com']?.notModified, 3);
  assert.ok(f.calls.slice(3).every((x) => x.headers['if-none-match']?.startsWith('W/"')));
});

test('pagination follows Link rel="next" across recorded pages', async () => {
  const page = (n: number, next?: number): Recording => ({
    request: { url: `https://api.github.com/repositories/1/releases?per_page=2&page=${n}` },
    response: {
      status: 200,
      headers: next
        ? {
            link: `<https://api.github.com/repositories/1/releases?per_page=2&page=${next}>; rel="next", <https://api.github.com/repositories/1/releases?per_page=2&page=3>; rel="last"`,
          }
        : {},
      body: [{ id: n * 10 }, { id: n * 10 + 1 }].slice(0, next ? 2 : 1),
    },
  });
  const rec = [page(1, 2), page(2, 3), page(3)];
  const f = replayFetch(rec);
  const c = createHttpClient({ fetch: f });
  const ids: number[] = [];
  for await (const p of c.paginate<{ id: number }>('https://api.github.com/repositories/1/releases?per_page=2&page=1'))
    ids.push(...p.body.map((x) => x.id));
  assert.deepEqual(ids, [10, 11, 20, 21, 30]);
  assert.equal(f.log.requests.length, 3);
  assert.ok(f.log.requests.every((r) => /^kept\//.test(r.headers['user-agent'] ?? '')));
});

test('parses Link, Retry-After (seconds and dates)', () => {
  assert.deepEqual(parseLinkHeader('<https://a/x?page=2>; rel="next", <https://a/x?page=9>; rel="last"'), {
    next: 'https://a/x?page=2',
    last: 'https://a/x?page=9',
  });
  assert.equal(parseRetryAfter('7', 0), 7000);
  assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.UTC(2015, 9, 21, 7, 27, 0)), 60_000);
  assert.equal(parseRetryAfter('soon', 0), undefined);
});

test('a planted token is sent only to its upstream and never appears in errors, cache keys or the database', async () => {
  const token = 'ghp_PLANTEDplantedPLANTED0123456789abcd';
  const up = resolveUpstreams({ GITHUB_TOKEN: token, GITHUB_API_URL: 'http://127.0.0.1:9/api' });
  const dir = tempDir();
  const dbPath = join(dir, 'k.duckdb');
  const store = await DuckDbStore.open(dbPath);
  const f = scripted((call) => {
    if (call.url.endsWith('/echo'))
      return { status: 500, body: { message: `bad credentials ${call.headers.authorization ?? ''}` } };
    return {
      status: 200,
      headers: { etag: '"e1"', 'x-echo': call.headers.authorization ?? '' },
      body: { seen: call.headers.authorization ?? null },
    };
  });
  const { c } = client(f, { auth: upstreamAuth(up), cache: store, retries: 0 });
  const r = await c.getJson<{ seen: string | null }>('http://127.0.0.1:9/api/repos/o/r');
  assert.equal(f.calls[0]?.headers.authorization, `Bearer ${token}`, 'the token is sent to its upstream');
  assert.ok(r.body.seen);
  await c.getJson('http://127.0.0.1:9/elsewhere');
  assert.equal(f.calls[1]?.headers.authorization, undefined, 'and to nothing else');
  await assert.rejects(c.getJson('http://127.0.0.1:9/api/echo'), (err: unknown) => {
    assert.ok(err instanceof HttpError);
    assert.ok(!err.message.includes(token), err.message);
    assert.match(err.message, /\[REDACTED\]/);
    return true;
  });
  const stats = await store.stats();
  assert.equal(stats.tables.http_cache, 2);
  await store.close();
  const bytes = readFileSync(dbPath).toString('latin1');
  assert.ok(!bytes.includes(token), 'the database file does not contain the token');
  assert.ok(!bytes.includes('PLANTEDplanted'), 'nor a part of it');
});

test('GitHub REST and GraphQL quotas are separate buckets: a spent GraphQL quota does not hold REST requests', async () => {
  const clock = fakeClock();
  const reset = String(Math.floor(clock.now() / 1000) + 600);
  const f = scripted((call) =>
    call.url.endsWith('/graphql')
      ? {
          status: 200,
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset, 'x-ratelimit-resource': 'graphql' },
          body: { data: {} },
        }
      : {
          status: 200,
          headers: { 'x-ratelimit-remaining': '4000', 'x-ratelimit-reset': reset, 'x-ratelimit-resource': 'core' },
          body: {},
        },
  );
  const c = createHttpClient({ fetch: f, now: clock.now, sleep: clock.sleep });
  await c.postJson('https://api.github.com/graphql', { query: '{}' }, { idempotent: true });
  await c.getJson(U);
  await c.getJson(`${U}/releases`);
  assert.deepEqual(clock.sleeps, [], 'REST went ahead');
  await c.postJson('https://api.github.com/graphql', { query: '{}' }, { idempotent: true });
  assert.deepEqual(clock.sleeps, [601_000], 'the next GraphQL query waited for its reset');
});

// Faults: a 200 whose body is not JSON is retried for reads only; bodies are capped.
test('a truncated or HTML 200 is retried for a GET, not for a plain POST', async () => {
  const f = scripted((_c, n) =>
    n === 1
      ? { status: 200, headers: { 'content-type': 'application/json' }, body: '{"full_name":"o/r","star' }
      : n === 2
        ? { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>502</html>' }
        : { status: 200, body: { full_name: 'o/r' } },
  );
  const res = await client(f).c.getJson<{ full_name: string }>(U);
  assert.equal(res.body.full_name, 'o/r');
  assert.equal(f.calls.length, 3);
  const p = scripted(() => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>502</html>' }));
  await assert.rejects(
    client(p).c.postJson(`${U}/things`, { a: 1 }),
    (e: unknown) => e instanceof HttpError && /not JSON/.test(e.message),
  );
  assert.equal(p.calls.length, 1, 'a POST that may change something is sent once');
});

test('a body over the cap fails like a network error, and is retried', async () => {
  const f = scripted((_c, n) => (n === 1 ? { status: 200, body: `[${' '.repeat(5000)}]` } : { status: 200, body: [] }));
  const res = await client(f, { maxBodyBytes: 1000 }).c.getJson<unknown[]>(U);
  assert.deepEqual(res.body, []);
  assert.equal(f.calls.length, 2);
});

test('a quota only goes down within a window: a late answer to an earlier request does not raise it', () => {
  const reset = new Date(10_000);
  const q = { remaining: 5, reset };
  // Same window (same reset, or within the headers' one-second granularity): the lower count wins.
  assert.deepEqual(nextQuota(q, 6, reset, 1_000), { remaining: 5, reset });
  assert.deepEqual(nextQuota(q, 4, new Date(10_400), 1_000), { remaining: 4, reset: new Date(10_400) });
  assert.deepEqual(nextQuota(q, 9, new Date(9_500), 1_000), { remaining: 5, reset });
  // A clearly later reset is a new window; a clearly earlier one an old window's answer.
  assert.deepEqual(nextQuota(q, 100, new Date(70_000), 1_000), { remaining: 100, reset: new Date(70_000) });
  assert.deepEqual(nextQuota(q, 100, new Date(5_000), 1_000), q);
  // Past its reset the old quota says nothing.
  assert.deepEqual(nextQuota(q, 100, new Date(10_500), 10_001), { remaining: 100, reset: new Date(10_500) });
  assert.deepEqual(nextQuota(undefined, 7, reset, 0), { remaining: 7, reset });
});

test('a request that got no answer counts against the quota: the next one waits instead of exceeding it', async () => {
  const clock = fakeClock();
  const reset = Math.floor(clock.now() / 1000) + 10;
  const sentAt: number[] = [];
  // The server counts every request, the dropped one too: one left after the first answer.
  const f = scripted((call) => {
    sentAt.push(clock.now());
    if (call.url.endsWith('/dropped')) return 'network';
    return { status: 200, headers: { 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': String(reset) }, body: {} };
  });
  const c = createHttpClient({ fetch: f, now: clock.now, sleep: clock.sleep, retries: 0 });
  await c.getJson(U);
  await assert.rejects(c.getJson(`${U}/dropped`), /network error/);
  await c.getJson(`${U}/next`);
  assert.ok(
    sentAt[2]! >= reset * 1000 + 1000,
    `the third request waits for the reset (sent at +${sentAt[2]! - sentAt[0]!} ms)`,
  );
});

test('an answer whose body is refused (over the size cap) still updates the quota from its headers', async () => {
  const clock = fakeClock();
  const reset = Math.floor(clock.now() / 1000) + 10;
  const sentAt: number[] = [];
  const f = scripted((call) => {
    sentAt.push(clock.now());
    return call.url.endsWith('/huge')
      ? {
          status: 200,
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
          body: { pad: 'x'.repeat(4096) },
        }
      : { status: 200, headers: { 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': String(reset + 3600) }, body: {} };
  });
  const c = createHttpClient({ fetch: f, now: clock.now, sleep: clock.sleep, retries: 0, maxBodyBytes: 1024 });
  await assert.rejects(c.getJson(`${U}/huge`));
  await c.getJson(`${U}/next`);
  assert.ok(sentAt[1]! >= reset * 1000 + 1000, 'the next request waits for the reset the refused answer announced');
});
