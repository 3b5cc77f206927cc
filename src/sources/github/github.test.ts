import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { isBotAccount } from '../../domain/bots.js';
import { subject } from '../../domain/subject.js';
import { createHttpClient } from '../../http/client.js';
import { loadRecordings, replayFetch } from '../../../test/helpers/recorded-http.js';
import type { ApiRepo } from './api-types.js';
import {
  fetchRepo,
  fetchStargazerPage,
  fetchStarHistoryPage,
  fetchUser,
  listContributors,
  listReleases,
  probeStargazerList,
} from './fetch.js';
import {
  computeStarDays,
  EMPTY_STAR_WALK,
  normalizeContributors,
  normalizeRepo,
  starCumulativeObservations,
  starHistoryDays,
} from './normalize.js';
import { starWalkPages } from './star-walk.js';

const recordings = loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'github'));
const EP = { apiUrl: 'https://api.github.com', graphqlUrl: 'https://api.github.com/graphql' };
const S = subject('github', 'sgl-project/sglang');
const AT = new Date('2025-07-17T12:00:00Z');

test('repository metadata from the recorded response', async () => {
  const f = replayFetch(recordings);
  const http = createHttpClient({ fetch: f });
  const repo = (await fetchRepo(http, EP, 'sgl-project/sglang')).body;
  const n = normalizeRepo(S, repo, AT);
  assert.deepEqual(Object.fromEntries(n.observations.map((o) => [o.metric, o.value])), {
    stars: 230,
    forks: 41,
    watchers: 19,
    open_issues_and_prs: 37,
  });
  assert.equal(f.log.requests[0]?.headers.accept, 'application/vnd.github+json');
  const noLicence = normalizeRepo(
    S,
    { ...repo, license: { key: 'other', name: 'Other', spdx_id: 'NOASSERTION' }, topics: [] } as ApiRepo,
    AT,
  );
  assert.equal(noLicence.facts.find((x) => x.name === 'license')?.value, 'Other');
  assert.equal(
    noLicence.facts.find((x) => x.name === 'topics'),
    undefined,
  );
});

test('the star history: weeks newest first, the API version asked, Link paging, days by UTC date', async () => {
  const f = replayFetch(recordings);
  const http = createHttpClient({ fetch: f });
  const pages = [];
  for (let p = 1; p <= 3; p++) pages.push(await fetchStarHistoryPage(http, EP, 'sgl-project/sglang', p));
  assert.equal(
    f.log.requests[0]?.url,
    'https://api.github.com/repos/sgl-project/sglang/stargazers/history?per_page=30&page=1',
  );
  assert.equal(f.log.requests[0]?.headers['x-github-api-version'], '2026-03-10');
  assert.deepEqual(
    pages.map((p) => [p.weeks.length, p.hasNext]),
    [
      [30, true],
      [30, true],
      [19, false],
    ],
  );
  const weeks = pages.flatMap((p) => p.weeks);
  assert.ok(
    weeks.every((w, i) => i === 0 || w.week < weeks[i - 1]!.week),
    'newest week first',
  );
  const days = starHistoryDays(weeks);
  // The buckets of the stars still held sum to today's count (230 in the recorded repository).
  assert.equal(
    days.reduce((n, d) => n + d.stars, 0),
    230,
  );
  assert.equal(days[0]?.day, '2024-01-14', 'the week of the first star, given on Sunday 2024-01-14');
  assert.equal(days[days.length - 1]?.day, '2025-07-19');
  await assert.rejects(fetchStarHistoryPage(http, EP, 'sgl-project/sglang', 101), /outside 1\.\.100/);
});

test('star history days: boundaries off UTC land on the nearest UTC midnight; the curve fills days with no stars', () => {
  // A week starting at 07:00 UTC (midnight in UTC-7) and one at 22:00 UTC (midnight in UTC+2).
  const west = starHistoryDays([{ week: Date.UTC(2026, 2, 8, 7) / 1000, total: 3, days: [1, 0, 0, 0, 0, 0, 2] }]);
  assert.deepEqual(
    [west[0], west[6]],
    [
      { day: '2026-03-08', stars: 1 },
      { day: '2026-03-14', stars: 2 },
    ],
  );
  const east = starHistoryDays([{ week: Date.UTC(2026, 2, 7, 22) / 1000, total: 1, days: [1, 0, 0, 0, 0, 0, 0] }]);
  assert.deepEqual(east[0], { day: '2026-03-08', stars: 1 });
  const curve = starCumulativeObservations(
    S,
    [
      { day: '2026-03-01', stars: 5 },
      { day: '2026-03-04', stars: 2 },
    ],
    100,
    AT,
  );
  assert.deepEqual(
    curve.observations.map((o) => `${o.windowEnd.toISOString().slice(0, 10)} ${o.value} ${JSON.stringify(o.dims)}`),
    [
      '2026-03-02 105 {"series":"history"}',
      '2026-03-03 105 {"series":"history"}',
      '2026-03-04 105 {"series":"history"}',
      '2026-03-05 107 {"series":"history"}',
    ],
  );
  assert.equal(curve.cumulative, 107);
});

test('the stargazer list, closed to outsiders: 404 and 403 are answers (restricted), with the reason', async () => {
  const f = replayFetch(recordings);
  const http = createHttpClient({ fetch: f });
  assert.deepEqual(await probeStargazerList(http, EP, 'sgl-project/sglang'), {
    open: false,
    status: 404,
    reason: '404 Not Found',
  });
  assert.deepEqual(await probeStargazerList(http, EP, 'abetlen/llama-cpp-python'), {
    open: false,
    status: 403,
    reason: '403 Forbidden: Resource not accessible by personal access token',
  });
  assert.equal(f.log.requests[0]?.headers.accept, 'application/vnd.github.star+json');
  assert.equal(f.log.requests.length, 2, 'asked once each, never retried');
});

test('stargazer pages (an admin view) ask for star+json and carry starred_at; contributors and users parse', async () => {
  const f = replayFetch(recordings);
  const http = createHttpClient({ fetch: f });
  const page = await fetchStargazerPage(http, EP, 'sgl-project/sglang', 3);
  assert.equal(f.log.requests[0]?.headers.accept, 'application/vnd.github.star+json');
  assert.equal(page.body.length, 30);
  assert.match(page.body[0]!.starred_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  await assert.rejects(fetchStargazerPage(http, EP, 'sgl-project/sglang', 401), /outside 1\.\.400/);
  const c = await listContributors(http, EP, 'sgl-project/sglang');
  const n = normalizeContributors(S, c.items, AT);
  assert.equal(n.rows.length, 12);
  assert.deepEqual(
    n.rows.filter((r) => r.bot).map((r) => r.login),
    ['dependabot[bot]', 'github-actions[bot]'],
  );
  assert.equal((await fetchUser(http, EP, 'zhyncs'))?.company, '@sgl-project');
  const rel = await listReleases(http, EP, 'sgl-project/sglang');
  assert.deepEqual(
    rel.items.map((r) => r.tag_name),
    ['v0.4.9.post2', 'v0.4.9rc1', 'v0.4.8'],
  );
});

test('bots: GitHub Apps by type, and well-known automation logins', () => {
  const cases: [string, string, boolean][] = [
    ['dependabot[bot]', 'Bot', true],
    ['renovate-bot', 'User', true],
    ['github-actions[bot]', 'Bot', true],
    ['pre-commit-ci[bot]', 'Bot', true],
    ['zhyncs', 'User', false],
    ['abbot', 'User', false],
    ['robotics-lab', 'Organization', false],
  ];
  for (const [login, type, bot] of cases) assert.equal(isBotAccount(login, type), bot, login);
});

test("the exact walk's days: complete days only, after the last emitted one, gains as differences", () => {
  const pts = [
    { position: 1, starredAt: '2025-07-01T10:00:00Z' },
    { position: 2, starredAt: '2025-07-01T23:59:59Z' },
    { position: 3, starredAt: '2025-07-03T08:00:00Z' },
    { position: 4, starredAt: '2025-07-05T08:00:00Z' },
  ];
  const r = computeStarDays(S, pts, EMPTY_STAR_WALK, new Date('2025-07-05T12:00:00Z'), AT);
  assert.equal(r.lastDay, '2025-07-03');
  assert.equal(r.lastCumulative, 3);
  assert.ok(
    r.observations.every((o) => o.dims?.series === 'exact'),
    'beside the history, never mixed with it',
  );
  const rows = r.observations.map(
    (o) =>
      `${o.metric} ${o.windowStart.toISOString().slice(0, 10)}→${o.windowEnd.toISOString().slice(0, 10)} ${o.value}`,
  );
  assert.deepEqual(rows, [
    'stars 2025-07-02→2025-07-02 2',
    'stars_gained 2025-07-01→2025-07-02 2',
    'stars 2025-07-04→2025-07-04 3',
    'stars_gained 2025-07-03→2025-07-04 1',
  ]);
  const again = computeStarDays(
    S,
    pts,
    { lastDay: r.lastDay, lastCumulative: r.lastCumulative },
    new Date('2025-07-06T00:00:00Z'),
    AT,
  );
  assert.deepEqual(
    again.observations.map((o) => `${o.metric} ${o.value}`),
    ['stars 4', 'stars_gained 1'],
  );
});

test('the exact walk needs one page per 100 stars, up to the 40,000 cap', () => {
  assert.equal(starWalkPages(230, EMPTY_STAR_WALK), 3);
  assert.equal(starWalkPages(120_000, EMPTY_STAR_WALK), 400);
  assert.equal(starWalkPages(120_500, { ...EMPTY_STAR_WALK, nextPage: 401, lastCumulative: 40_000 }), 0);
});
