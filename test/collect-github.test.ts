// The GitHub collector end to end in-process: the real HTTP client and a real DuckDB store against
// the fake upstream serving the recorded responses and synthetic repositories, answering as GitHub
// does since July 2026: the stargazer list closed, the star history from /stargazers/history.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { githubCollector } from '../src/ingest/collect/github.js';
import { CATALOG } from '../src/config/catalog.js';
import type { Project } from '../src/domain/project.js';
import { resolveUpstreams } from '../src/http/upstreams.js';
import { collectProjects, type CollectRunOptions } from '../src/ingest/collect/run.js';
import type { IssueRecordData } from '../src/sources/github/normalize.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import type { Store } from '../src/store/store.js';
import { FakeUpstream, type SyntheticRepo } from './helpers/fake-upstream.js';
import { loadRecordings } from './helpers/recorded-http.js';
import { tempDir } from './helpers/tmp.js';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'http', 'github');
const recordings = loadRecordings(FIXTURES);
const AS_OF = new Date('2025-07-17T12:00:00Z');
const SINCE = new Date('2025-07-10T00:00:00Z');
const BASE = 'http://fake.invalid';

const sglang = CATALOG.find((p) => p.id === 'sglang')!;
const llamaCppPython = CATALOG.find((p) => p.id === 'llama-cpp-python')!;
const missing: Project = { id: 'missing', name: 'Missing', category: 'tooling', github: 'kept-test/no-such-repo' };

function options(fake: FakeUpstream, extra: Partial<CollectRunOptions> = {}): CollectRunOptions {
  return {
    upstreams: resolveUpstreams({ GITHUB_API_URL: BASE }),
    fetch: fake.fetch(BASE),
    asOf: AS_OF,
    since: SINCE,
    budget: 1000,
    http: { sleep: async () => undefined, retries: 0 },
    collectors: [githubCollector],
    ...extra,
  };
}

async function openStore(): Promise<Store> {
  return DuckDbStore.open(join(tempDir(), 'kept.duckdb'));
}

async function latest(store: Store, id: string, metric: string, dims = ''): Promise<number | undefined> {
  const rows = await store.observations({ subjects: [{ kind: 'github', id }], metrics: [metric], dims });
  rows.sort((a, b) => a.windowEnd.getTime() - b.windowEnd.getTime());
  return rows[rows.length - 1]?.value;
}

test('collects repository metadata, star history, contributors, releases and issues from recorded responses', async () => {
  const store = await openStore();
  const fake = new FakeUpstream({ recordings });
  const summary = await collectProjects(store, [sglang, llamaCppPython, missing], options(fake));
  const id = 'sgl-project/sglang';

  assert.equal(await latest(store, id, 'stars'), 230);
  assert.equal(await latest(store, id, 'forks'), 41);
  assert.equal(await latest(store, id, 'watchers'), 19, 'subscribers_count, not the legacy watchers_count alias');
  assert.equal(await latest(store, id, 'open_issues_and_prs'), 37);
  const facts = Object.fromEntries(
    (await store.facts({ subjects: [{ kind: 'github', id }] })).map((f) => [f.name, f.value]),
  );
  assert.equal(facts.license, 'Apache-2.0');
  assert.equal(facts.archived, 'false');
  assert.equal(facts.created_at, '2024-01-08T03:25:48Z');
  assert.equal(facts.topics, 'cuda,deepseek,inference,llm,serving,vlm');

  // Star history from /stargazers/history: every day before AS_OF, cumulative up to all 230 stars,
  // gains summing to it; the closed stargazer list asked once, recorded as restricted, not failed.
  const history = await store.observations({
    subjects: [{ kind: 'github', id }],
    metrics: ['stars'],
    dims: 'series=history',
  });
  const gained = await store.observations({ subjects: [{ kind: 'github', id }], metrics: ['stars_gained'] });
  assert.equal(Math.max(...history.map((o) => o.value)), 230);
  assert.equal(
    gained.reduce((n, o) => n + o.value, 0),
    230,
  );
  assert.equal(history.length, gained.length, 'one point of the curve for each day, stars or none');
  assert.ok(history.every((o) => o.windowEnd.getTime() <= AS_OF.getTime()));
  assert.ok(history.every((o) => o.origin === `${BASE}/repos/${id}/stargazers/history`));
  const firstDay = gained
    .filter((o) => o.value > 0)
    .sort((a, b) => a.windowStart.getTime() - b.windowStart.getTime())[0]!;
  const firstStar = (
    recordings.find((r) => r.request.url.endsWith('sglang/stargazers?per_page=100&page=1'))!.response.body as {
      starred_at: string;
    }[]
  )[0]!;
  assert.equal(firstDay.windowStart.toISOString().slice(0, 10), firstStar.starred_at.slice(0, 10));
  assert.equal(fake.stats.byPath.get(`/repos/${id}/stargazers/history`), 3, '79 weeks: 3 pages of 30');
  assert.equal(fake.stats.byPath.get(`/repos/${id}/stargazers`), 1, 'the closed list, asked once');
  assert.equal(fake.stats.byPath.get('/graphql'), undefined, 'no GraphQL stargazers query');
  const notes = summary.notes.map((n) => `${n.subject} ${n.part}: ${n.text}`);
  assert.ok(
    notes.some((n) =>
      /^github:sgl-project\/sglang stars: star history from \/stargazers\/history \(stars still held, by the day they were given\): 3 pages, 550 days from 2024-01-14 to 2025-07-16, 230 stars held at its end \(230 today\)$/.test(
        n,
      ),
    ),
    notes.join('\n'),
  );
  assert.ok(
    notes.includes(
      "github:sgl-project/sglang stargazer list: the stargazer list is restricted to the repository's admins and collaborators (404 Not Found): asked once on 2025-07-17, not again before 2025-08-16; the star history does not need it",
    ),
    notes.join('\n'),
  );
  assert.ok(
    notes.some((n) =>
      n.startsWith(
        "github:abetlen/llama-cpp-python stargazer list: the stargazer list is restricted to the repository's admins and collaborators (403 Forbidden: Resource not accessible by personal access token)",
      ),
    ),
  );

  // Contributors: 12 (8 accounts, 2 bots, 2 anonymous), companies of the top accounts.
  assert.equal(await latest(store, id, 'contributors'), 12);
  assert.equal(await latest(store, id, 'contributors', 'kind=account'), 8);
  const contributors = await store.records({ subjects: [{ kind: 'github', id }], kinds: ['github-contributor'] });
  const byKey = new Map(
    contributors.map((r) => [r.key, r.data as { company?: string | null; bot: boolean; emailDomain: string | null }]),
  );
  assert.equal(byKey.get('zhyncs')?.company, '@sgl-project');
  assert.equal(byKey.get('merrymercy')?.company, 'xAI');
  assert.equal(byKey.get('ying1123')?.company, null);
  assert.equal(byKey.get('dependabot[bot]')?.bot, true);
  const anon = contributors
    .filter((r) => r.key.includes(':anon:'))
    .map((r) => (r.data as { emailDomain: string }).emailDomain);
  assert.deepEqual(anon.sort(), ['example-inference.ai', 'users.noreply.github.com']);
  assert.ok(
    !JSON.stringify(contributors.map((r) => r.data)).includes('dev@example-inference.ai'),
    'e-mail addresses are not stored',
  );

  // Releases with tag, date, prerelease and body.
  const releases = await store.records({ subjects: [{ kind: 'github', id }], kinds: ['github-release'] });
  assert.deepEqual(releases.map((r) => r.key).sort(), ['v0.4.8', 'v0.4.9.post2', 'v0.4.9rc1']);
  const rc = releases.find((r) => r.key === 'v0.4.9rc1')!.data as { prerelease: boolean; publishedAt: string };
  assert.equal(rc.prerelease, true);
  assert.equal(rc.publishedAt, '2025-07-05T08:00:00Z');

  // Issues and pull requests: real sample rows, first responses by the rule (not the author, not a bot).
  const issues = await store.records({ subjects: [{ kind: 'github', id }], kinds: ['github-issue', 'github-pull'] });
  assert.equal(issues.length, 20);
  assert.equal(issues.filter((r) => r.kind === 'github-pull').length, 2);
  const data = new Map(issues.map((r) => [Number(r.key), r.data as IssueRecordData]));
  assert.equal(data.get(8110)?.authorBot, true);
  assert.equal(data.get(8089)?.closedAt, '2025-07-17T02:50:18Z');
  assert.deepEqual(data.get(8072)?.labels, ['MLLM', 'good first issue', 'help wanted']);
  for (const d of data.values()) {
    assert.equal(d.firstResponseKnown, true, `#${d.number} was created inside the window`);
    if (d.firstResponseBy) {
      assert.notEqual(d.firstResponseBy, d.author, `#${d.number}: the author's own comment is not a response`);
      assert.ok(!d.firstResponseBy.endsWith('[bot]'), `#${d.number}: a bot is not a response`);
    }
  }
  // #8054: the author commented first; the first response is the next person's.
  assert.equal(data.get(8054)?.firstResponseAt, '2025-07-16T10:23:49Z');
  assert.equal(data.get(8054)?.firstResponseBy, 'yizhang2077');
  assert.equal(data.get(8054)?.firstMaintainerResponseAt, '2025-07-16T10:23:49Z');
  // #8110 (a dependabot PR): only a bot commented, so no response yet.
  assert.equal(data.get(8110)?.firstResponseAt, null);
  assert.equal(data.get(7919)?.firstResponseAt, '2025-07-11T05:16:13Z');
  assert.equal(data.get(8055)?.firstResponseAt, null, '#8055 had no comments');

  // The small repository is complete too; the missing one is a recorded failure, not a crash.
  assert.equal(await latest(store, 'abetlen/llama-cpp-python', 'stars'), 42);
  assert.equal(summary.failures.length, 1);
  const f = summary.failures[0]!;
  assert.equal(f.project, 'missing');
  assert.equal(f.part, 'repository');
  assert.match(f.error, /\[GET\] http:\/\/fake\.invalid\/repos\/kept-test\/no-such-repo: 404 Not Found: Not Found/);
  assert.match(f.hint ?? '', /does not exist, or it is private/);
  await store.close();
});

test('a second run with nothing changed spends only conditional requests (all 304) and adds nothing', async () => {
  const store = await openStore();
  const fake = new FakeUpstream({ recordings });
  const first = await collectProjects(store, [sglang, llamaCppPython], options(fake));
  assert.ok(first.added > 0);
  const firstRequests = fake.stats.requests;
  fake.resetStats();
  const second = await collectProjects(store, [sglang, llamaCppPython], options(fake));
  assert.equal(second.added, 0);
  assert.equal(second.failures.length, 0);
  // Beside the connectivity check (GitHub's /rate_limit, free against its limit).
  assert.equal(fake.stats.byPath.get('/rate_limit'), 1);
  assert.equal(
    fake.stats.requests - 1,
    fake.stats.notModified,
    'every other request of the second run was answered 304',
  );
  assert.equal(
    fake.stats.byPath.get('/repos/sgl-project/sglang/stargazers'),
    undefined,
    'the closed list is not asked again',
  );
  assert.ok(
    fake.stats.requests < firstRequests / 2,
    `second run ${fake.stats.requests} requests vs first ${firstRequests}`,
  );
  await store.close();
});

async function rows(store: Store): Promise<string[]> {
  const subjects = [{ kind: 'github' as const, id: 'kept-test/big' }];
  const obs = (await store.observations({ subjects })).map(
    (o) =>
      `o ${o.metric} ${JSON.stringify(o.dims)} ${o.windowStart.toISOString()} ${o.windowEnd.toISOString()} ${o.value}`,
  );
  const facts = (await store.facts({ subjects })).map((f) => `f ${f.name} ${f.value}`);
  const recs = (await store.records({ subjects })).map((r) => `r ${r.kind} ${r.key} ${JSON.stringify(r.data)}`);
  return [...obs, ...facts, ...recs].sort();
}

const BIG: SyntheticRepo = {
  fullName: 'kept-test/big',
  stars: 5_050,
  contributors: 130,
  issues: 260,
  commentsPerIssue: 2,
  releases: 4,
  from: '2023-01-01T00:00:00Z',
  until: '2025-07-16T00:00:00Z',
};
const bigProject: Project = { id: 'big', name: 'Big', category: 'tooling', github: 'kept-test/big' };

test('a run interrupted mid-walk and restarted ends with the same rows as an uninterrupted run', async () => {
  const whole = await openStore();
  await collectProjects(
    whole,
    [bigProject],
    options(new FakeUpstream({ recordings, synthetic: [BIG] }), { since: new Date('2025-05-01T00:00:00Z') }),
  );
  const expected = await rows(whole);
  assert.ok(expected.length > 500);

  // Requests: the connectivity check, the repository, the history's 5 pages, the list, contributors…
  for (const cut of [4, 9, 20, 33]) {
    const store = await openStore();
    const fake = new FakeUpstream({ recordings, synthetic: [BIG] });
    const inner = fake.fetch(BASE);
    let n = 0;
    // The "kill": from request `cut` on, every request fails, as if the process died there.
    const dying = (async (input: string | URL | Request, init?: RequestInit) => {
      if (++n >= cut) throw new TypeError('fetch failed: the process was killed');
      return inner(input, init);
    }) as typeof fetch;
    const broken = await collectProjects(store, [bigProject], {
      ...options(fake, { since: new Date('2025-05-01T00:00:00Z') }),
      fetch: dying,
    });
    assert.ok(broken.failures.length > 0);
    const resumed = await collectProjects(
      store,
      [bigProject],
      options(fake, { since: new Date('2025-05-01T00:00:00Z') }),
    );
    assert.equal(resumed.failures.length, 0);
    assert.deepEqual(await rows(store), expected, `interrupted at request ${cut}`);
    await store.close();
  }
  await whole.close();
});

test('star history: the next run reads page 1 of the history only and ends as a fresh run would', async () => {
  // Star 250 lands at 2025-07-02T04:30, star 251 after the first run's asOf (07:00): as in life,
  // the stars a later run finds are newer than the earlier run.
  const step = 3 * 3_600_000;
  const older: SyntheticRepo = { ...BIG, stars: 250, starEveryMs: step, from: '2025-06-01T00:00:00Z' };
  const newer: SyntheticRepo = { ...older, stars: 480 };
  const asOf2 = new Date('2025-07-20T12:00:00Z');
  const store = await openStore();
  await collectProjects(
    store,
    [bigProject],
    options(new FakeUpstream({ recordings, synthetic: [older] }), { asOf: new Date('2025-07-02T07:00:00Z') }),
  );
  const fake = new FakeUpstream({ recordings, synthetic: [newer] });
  const second = await collectProjects(store, [bigProject], options(fake, { asOf: asOf2 }));
  assert.equal(fake.stats.byPath.get('/repos/kept-test/big/stargazers/history'), 1, 'page 1 only');
  assert.ok(
    second.notes.some(
      (n) =>
        n.text ===
        'star history from /stargazers/history (stars still held, by the day they were given): 1 page, 18 new days to 2025-07-19',
    ),
    second.notes.map((n) => n.text).join('\n'),
  );
  const fresh = await openStore();
  await collectProjects(
    fresh,
    [bigProject],
    options(new FakeUpstream({ recordings, synthetic: [newer] }), { asOf: asOf2 }),
  );
  const history = async (s: Store): Promise<string[]> =>
    (await s.observations({ subjects: [{ kind: 'github', id: 'kept-test/big' }], metrics: ['stars', 'stars_gained'] }))
      .filter((o) => o.metric === 'stars_gained' || o.dims.series === 'history')
      .map((o) => `${o.metric} ${o.windowEnd.toISOString()} ${o.value}`)
      .sort();
  assert.deepEqual(await history(store), await history(fresh));
  await store.close();
  await fresh.close();
});

const LARGE: SyntheticRepo = {
  ...BIG,
  stars: 120_000,
  issues: 0,
  contributors: 1,
  releases: 1,
  from: '2017-07-16T00:00:00Z',
  until: '2025-07-16T00:00:00Z',
};

test('120,000 stars over 8 years: the whole history in ⌈weeks / 30⌉ requests, month ends as the upstream counts them', async () => {
  const store = await openStore();
  const fake = new FakeUpstream({ recordings, synthetic: [LARGE] });
  const summary = await collectProjects(store, [bigProject], options(fake));
  assert.deepEqual(summary.failures, []);
  const weeks =
    Math.ceil(new Date(LARGE.until).getTime() / 604_800_000) -
    Math.floor(new Date(LARGE.from).getTime() / 604_800_000) +
    1;
  assert.equal(fake.stats.byPath.get('/repos/kept-test/big/stargazers/history'), Math.ceil(weeks / 30));
  assert.equal(fake.stats.byPath.get('/repos/kept-test/big/stargazers'), 1);
  assert.equal(fake.stats.byPath.get('/graphql'), undefined);
  // Month ends of the stored curve are the upstream's own cumulative counts (every star before the month's end).
  const history = await store.observations({
    subjects: [{ kind: 'github', id: 'kept-test/big' }],
    metrics: ['stars'],
    dims: 'series=history',
  });
  const at = new Map(history.map((o) => [o.windowEnd.toISOString().slice(0, 10), o.value]));
  const step = (Date.parse(LARGE.until) - Date.parse(LARGE.from)) / LARGE.stars;
  const upstreamCount = (end: number): number => {
    // star i is given at from + floor((i + 0.5) × step), to the second (the fake's rule)
    let n = 0;
    for (let i = 0; i < LARGE.stars; i++)
      if (Math.floor((Date.parse(LARGE.from) + Math.floor((i + 0.5) * step)) / 1000) * 1000 < end) n++;
    return n;
  };
  for (const month of ['2018-01-01', '2021-07-01', '2025-07-01'])
    assert.equal(at.get(month), upstreamCount(Date.parse(`${month}T00:00:00Z`)), month);
  assert.equal(Math.max(...history.map((o) => o.value)), 120_000);
  await store.close();
});

test("an admin's token with --exact-stars: the per-star walk, a refinement beside the history, continues run after run", async () => {
  const repo: SyntheticRepo = { ...BIG, stars: 2_550, issues: 0, contributors: 1, releases: 1 };
  const store = await openStore();
  const fake = new FakeUpstream({ recordings, synthetic: [repo], stargazerList: 'open' });
  const first = await collectProjects(store, [bigProject], options(fake, { exactStars: true, budget: 20 }));
  assert.deepEqual(first.failures, []);
  assert.equal(
    fake.stats.byPath.get('/repos/kept-test/big/stargazers'),
    1 + 20,
    'the question, then 20 pages (the budget)',
  );
  assert.ok(first.notes.some((n) => /the stargazer list is open to this token/.test(n.text)));
  assert.ok(first.notes.some((n) => /exact walk .*: 20 pages, .*continues on the next run \(--budget 20/.test(n.text)));
  // The second run re-reads page 20 (its last day was still open) and reads the 6 after it.
  const second = await collectProjects(store, [bigProject], options(fake, { exactStars: true, budget: 20 }));
  assert.ok(
    second.notes.some((n) => /exact walk .*: 7 pages, to 2025-07-15$/.test(n.text)),
    second.notes.map((n) => n.text).join('\n'),
  );
  const rowsOf = async (series: string): Promise<Map<string, number>> =>
    new Map(
      (
        await store.observations({
          subjects: [{ kind: 'github', id: 'kept-test/big' }],
          metrics: ['stars_gained'],
          dims: series,
        })
      ).map((o) => [o.windowStart.toISOString().slice(0, 10), o.value]),
    );
  const exact = await rowsOf('series=exact');
  const history = await rowsOf('');
  assert.ok(exact.size > 100);
  // The same stars by the same UTC days: the history and the walk agree wherever both have a day.
  for (const [day, v] of exact) assert.equal(history.get(day), v, day);
  // Without --exact-stars, an open list is noted and not walked.
  const plain = new FakeUpstream({ recordings, synthetic: [repo], stargazerList: 'open' });
  const third = await collectProjects(await openStore(), [bigProject], options(plain));
  assert.equal(plain.stats.byPath.get('/repos/kept-test/big/stargazers'), 1);
  assert.ok(third.notes.some((n) => /--exact-stars would walk it as a refinement/.test(n.text)));
  await store.close();
});

test('--exact-stars where the list is closed: noted, not walked, not a failure; a 403 answer is the same', async () => {
  const repo: SyntheticRepo = { ...BIG, stars: 500, issues: 0, contributors: 1, releases: 1 };
  const fake = new FakeUpstream({ recordings, synthetic: [repo], stargazerList: 'closed-403' });
  const summary = await collectProjects(await openStore(), [bigProject], options(fake, { exactStars: true }));
  assert.deepEqual(summary.failures, []);
  assert.equal(fake.stats.byPath.get('/repos/kept-test/big/stargazers'), 1);
  assert.ok(
    summary.notes.some(
      (n) =>
        n.text ===
        '--exact-stars: not walked, the stargazer list is restricted (403 Forbidden: Resource not accessible by personal access token)',
    ),
  );
});

test('an injected primary limit pauses the run (saying until when) and it completes without exceeding the quota', async () => {
  let t = Date.UTC(2025, 6, 17, 12, 0, 0);
  const fake = new FakeUpstream({
    recordings,
    rateLimit: { limit: 10, windowMs: 60_000 },
    secondaryAt: [4],
    now: () => t,
  });
  const store = await openStore();
  const notices: string[] = [];
  const summary = await collectProjects(store, [sglang, llamaCppPython], {
    ...options(fake),
    http: { now: () => t, sleep: async (ms) => void (t += ms), retries: 0 },
    onNotice: (l) => notices.push(l),
  });
  assert.deepEqual(summary.failures, []);
  assert.equal(fake.stats.primaryRefusals, 0, 'the client never sent more than the quota');
  assert.equal(fake.stats.secondaryRefusals, 1);
  assert.ok(
    notices.some((l) => /secondary rate limit, waiting until \d\d:\d\d:\d\d UTC/.test(l)),
    notices.join('\n'),
  );
  assert.ok(
    notices.some((l) => /rate limit spent, waiting until/.test(l)),
    notices.join('\n'),
  );
  assert.equal(await latest(store, 'sgl-project/sglang', 'stars'), 230);
  await store.close();
});

test('a truncated body, a 401 and a 5xx storm fail their project with the URL named; the other projects are stored', async () => {
  const extra = [
    {
      request: { url: 'https://api.github.com/repos/kept-test/truncated' },
      response: {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: '{"id": 1, "full_name": "kept-test/trunc',
      },
    },
    {
      request: { url: 'https://api.github.com/repos/kept-test/private' },
      response: {
        status: 401,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' },
      },
    },
    {
      request: { url: 'https://api.github.com/repos/kept-test/down' },
      response: {
        status: 502,
        headers: { 'content-type': 'text/html' },
        body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
      },
    },
  ];
  const fake = new FakeUpstream({ recordings: [...recordings, ...extra] });
  const store = await openStore();
  const mk = (id: string): Project => ({ id, name: id, category: 'tooling', github: `kept-test/${id}` });
  const summary = await collectProjects(
    store,
    [mk('truncated'), mk('private'), mk('down'), llamaCppPython],
    options(fake, { http: { sleep: async () => undefined, retries: 2 } }),
  );
  const byProject = new Map(summary.failures.map((f) => [f.project, f]));
  assert.equal(summary.failures.length, 3);
  assert.match(
    byProject.get('truncated')!.error,
    /\[GET\] http:\/\/fake\.invalid\/repos\/kept-test\/truncated: 200 the response is not JSON \(truncated or HTML\? it starts "\{"id": 1/,
  );
  assert.match(byProject.get('private')!.error, /401 Unauthorized: Bad credentials/);
  assert.match(byProject.get('private')!.hint ?? '', /GITHUB_TOKEN/);
  assert.match(byProject.get('down')!.error, /502 Bad Gateway: <html><body><h1>502 Bad Gateway/);
  assert.equal(fake.stats.byPath.get('/repos/kept-test/down'), 3, 'a 502 is retried twice, then reported');
  assert.equal(await latest(store, 'abetlen/llama-cpp-python', 'stars'), 42);
  await store.close();
});
