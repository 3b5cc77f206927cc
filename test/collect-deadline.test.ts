// Bounded collection in-process, on a fake clock: the project's time limit that no request, wait or
// retry passes, a rate-limit wait that would end after it failing at once, the run's own limit for
// work not started, the connectivity check failing a host's parts without waiting, and progress that
// moves while the run waits for an answer.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { CATALOG } from '../src/config/catalog.js';
import { resolveUpstreams } from '../src/http/upstreams.js';
import { githubCollector } from '../src/ingest/collect/github.js';
import { registriesCollector } from '../src/ingest/collect/registries.js';
import { collectProjects, type CollectRunOptions, type IntervalTimers } from '../src/ingest/collect/run.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import type { Store } from '../src/store/store.js';
import { FakeUpstream } from './helpers/fake-upstream.js';
import { loadRecordings } from './helpers/recorded-http.js';
import { tempDir } from './helpers/tmp.js';

const recordings = loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'github'));
const BASE = 'http://fake.invalid';
const sglang = CATALOG.find((p) => p.id === 'sglang')!;
const llamaCppPython = CATALOG.find((p) => p.id === 'llama-cpp-python')!;
const MIN = 60_000;

/** A fake clock the client sleeps on, and timers that only tick when the test says. */
function clock(): { t: number; now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  const c = {
    t: Date.UTC(2025, 6, 17, 12, 0, 0),
    now: () => c.t,
    sleep: async (ms: number) => {
      c.slept.push(ms);
      c.t += ms;
    },
    slept: [] as number[],
  };
  return c;
}

const noTimers: IntervalTimers = { setInterval: () => 0, clearInterval: () => undefined };

function options(
  fetch: typeof globalThis.fetch,
  c: ReturnType<typeof clock>,
  extra: Partial<CollectRunOptions> = {},
): CollectRunOptions {
  return {
    upstreams: resolveUpstreams({ GITHUB_API_URL: BASE }),
    fetch,
    asOf: new Date(c.t),
    since: new Date('2025-07-10T00:00:00Z'),
    budget: 1000,
    http: { now: c.now, sleep: c.sleep, retries: 2, backoffBaseMs: 1000 },
    collectors: [githubCollector],
    timers: noTimers,
    ...extra,
  };
}

async function openStore(): Promise<Store> {
  return DuckDbStore.open(join(tempDir(), 'kept.duckdb'));
}

test("a slow upstream: the project's time limit ends its parts, each failing with the reason, and the run returns", async () => {
  const c = clock();
  const fake = new FakeUpstream({ recordings, now: c.now });
  const inner = fake.fetch(BASE);
  // Every answer takes 4 minutes of the fake clock.
  const slow = (async (input: string | URL | Request, init?: RequestInit) => {
    c.t += 4 * MIN;
    return inner(input, init);
  }) as typeof fetch;
  const store = await openStore();
  const summary = await collectProjects(store, [sglang], options(slow, c, { projectDeadlineMs: 10 * MIN }));
  const parts = summary.failures.map((f) => f.part);
  assert.ok(parts.includes('stars') && parts.includes('contributors') && parts.includes('issues'), parts.join(', '));
  for (const f of summary.failures) {
    assert.match(f.error, /the project's time limit \(10 min\), \d\d:\d\d:\d\d UTC, has passed/);
    assert.match(f.hint ?? '', /--deadline \/ --project-deadline/);
  }
  // The limit began after the connectivity check (4 min): the last request was sent before 12:14.
  assert.ok(c.t <= Date.UTC(2025, 6, 17, 12, 18, 0), new Date(c.t).toISOString());
  assert.ok(fake.stats.requests <= 4, `${fake.stats.requests} requests`);
  assert.equal(summary.limits.projectMs, 10 * MIN);
  await store.close();
});

test('a rate-limit wait that would end after the time limit fails at once, saying until when', async () => {
  const c = clock();
  const fake = new FakeUpstream({ recordings, now: c.now, rateLimit: { limit: 3, windowMs: 60 * MIN } });
  const store = await openStore();
  const summary = await collectProjects(store, [sglang], options(fake.fetch(BASE), c, { projectDeadlineMs: 10 * MIN }));
  const stars = summary.failures.find((f) => f.part === 'stars');
  assert.match(
    stars?.error ?? '',
    /not sent: fake\.invalid is rate limited until 13:00:01 UTC, after the project's time limit \(10 min\), 12:10:00 UTC/,
  );
  assert.deepEqual(c.slept, [], 'nothing was waited out');
  assert.equal(fake.stats.primaryRefusals, 0);
  await store.close();
});

test("the run's time limit: work not started by then fails as not started; work under way stops at it", async () => {
  const c = clock();
  const fake = new FakeUpstream({ recordings, now: c.now });
  const inner = fake.fetch(BASE);
  const slow = (async (input: string | URL | Request, init?: RequestInit) => {
    c.t += 2 * MIN;
    return inner(input, init);
  }) as typeof fetch;
  const store = await openStore();
  const summary = await collectProjects(
    store,
    [sglang, llamaCppPython],
    options(slow, c, { deadlineMs: 5 * MIN, concurrency: 1, checkTimeoutMs: 0 }),
  );
  const notStarted = summary.failures.filter((f) => f.part === 'all');
  assert.deepEqual(
    notStarted.map((f) => `${f.project}: ${f.error}`),
    ["llama-cpp-python: not started: the run's time limit (5 min) passed first"],
  );
  assert.ok(summary.failures.some((f) => f.project === 'sglang' && /the run's time limit \(5 min\)/.test(f.error)));
  assert.deepEqual(
    summary.bySource.map((s) => [s.collector, s.done, s.total, s.failed > 0]),
    [['github', 2, 2, true]],
  );
  await store.close();
});

test('a host that does not answer the connectivity check fails its parts at once, named with its variable', async () => {
  const c = clock();
  const fake = new FakeUpstream({ recordings, now: c.now });
  const inner = fake.fetch(BASE);
  let pypiRequests = 0;
  // PyPI's host refuses every connection; GitHub answers.
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.startsWith('http://pypi.invalid')) {
      pypiRequests++;
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
    }
    return inner(input, init);
  }) as typeof globalThis.fetch;
  const store = await openStore();
  const registries = registriesCollector({
    pypi: 'http://pypi.invalid',
    pypistats: 'http://pypi.invalid',
    depsdev: 'http://pypi.invalid',
    ecosystems: 'http://pypi.invalid',
    dockerhub: 'http://pypi.invalid',
  });
  const summary = await collectProjects(
    store,
    [sglang],
    options(fetch, c, { collectors: [githubCollector, registries] }),
  );
  assert.equal(pypiRequests, 2, 'the check, tried twice; no request of the plan was sent');
  assert.deepEqual(
    summary.failures.filter((f) => f.collector === 'registries').map((f) => `${f.part} ${f.host}`),
    ['pypi pypi.invalid', 'docker pypi.invalid'],
  );
  assert.deepEqual(summary.failedHosts, [
    {
      host: 'pypi.invalid',
      parts: 2,
      reason: 'connectivity check failed: fetch failed: connection refused (ECONNREFUSED)',
      variables: [
        'KEPT_PYPI_URL',
        'KEPT_PYPISTATS_URL',
        'KEPT_DEPSDEV_URL',
        'KEPT_ECOSYSTEMS_URL',
        'KEPT_DOCKERHUB_URL',
      ],
    },
  ]);
  assert.equal(summary.failures.filter((f) => f.collector === 'github').length, 0, 'GitHub was collected');
  assert.ok(summary.explained > 0, 'the registries stored why their figures are unknown');
  assert.ok(summary.added > 0);
  await store.close();
});

test('progress moves while the run waits for an answer', async () => {
  const c = clock();
  const fake = new FakeUpstream({ recordings, now: c.now });
  const inner = fake.fetch(BASE);
  let tick: (() => void) | undefined;
  const timers: IntervalTimers = {
    setInterval: (fn) => {
      tick = fn;
      return 1;
    },
    clearInterval: () => (tick = undefined),
  };
  let release: (() => void) | undefined;
  const lines: string[] = [];
  // The repository's answer is held until the test has seen a tick.
  const held = (async (input: string | URL | Request, init?: RequestInit) => {
    if (String(input).endsWith('/repos/sgl-project/sglang')) await new Promise<void>((r) => (release = r));
    return inner(input, init);
  }) as typeof fetch;
  const store = await openStore();
  const run = collectProjects(store, [sglang], {
    ...options(held, c, { timers }),
    onProgress: (l) => lines.push(l),
  });
  while (!release) await new Promise((r) => setImmediate(r));
  const before = lines.length;
  tick!();
  tick!();
  assert.equal(lines.length, before + 2, 'each tick redraws the line');
  assert.match(
    lines[lines.length - 1]!,
    /fake\.invalid: 1 req \(0 × 304\), 1 waiting for an answer \| sglang repository 0\/1/,
  );
  release();
  const summary = await run;
  assert.deepEqual(summary.failures, []);
  assert.equal(tick, undefined, 'the timer is cleared at the end');
  await store.close();
});
