import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { isBotAccount } from '../../domain/bots.js';
import { subject } from '../../domain/subject.js';
import { createHttpClient } from '../../http/client.js';
import { loadRecordings, replayFetch } from '../../../test/helpers/recorded-http.js';
import type { ApiRepo } from './api-types.js';
import { fetchRepo, fetchStargazerPage, fetchUser, listContributors, listReleases } from './fetch.js';
import {
  computeStarDays,
  EMPTY_STAR_STATE,
  evenlySpacedPages,
  normalizeContributors,
  normalizeRepo,
} from './normalize.js';
import { starWalkCost } from './star-history.js';

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

test('stargazer pages ask for star+json and carry starred_at; contributors and users parse', async () => {
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

test('evenly spaced pages include the first and the last', () => {
  assert.deepEqual(evenlySpacedPages(400, 5), [1, 101, 201, 300, 400]);
  assert.deepEqual(evenlySpacedPages(3, 10), [1, 2, 3]);
  assert.deepEqual(evenlySpacedPages(10, 1), [10]);
  assert.deepEqual(evenlySpacedPages(0, 5), []);
});

test('star days: complete days only, after the last emitted one, gains as differences', () => {
  const pts = [
    { position: 1, starredAt: '2025-07-01T10:00:00Z' },
    { position: 2, starredAt: '2025-07-01T23:59:59Z' },
    { position: 3, starredAt: '2025-07-03T08:00:00Z' },
    { position: 4, starredAt: '2025-07-05T08:00:00Z' },
  ];
  const r = computeStarDays(S, pts, EMPTY_STAR_STATE, new Date('2025-07-05T12:00:00Z'), AT);
  assert.equal(r.lastDay, '2025-07-03');
  assert.equal(r.lastCumulative, 3);
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

test('the walk cost counts REST pages to the cap and GraphQL pages beyond it', () => {
  assert.deepEqual(starWalkCost(230, EMPTY_STAR_STATE), { rest: 3, graphql: 0 });
  assert.deepEqual(starWalkCost(120_000, EMPTY_STAR_STATE), { rest: 400, graphql: 800 });
  assert.deepEqual(
    starWalkCost(120_500, { ...EMPTY_STAR_STATE, nextPage: 401, lastCumulative: 120_000, total: 120_000 }),
    { rest: 0, graphql: 5 },
  );
});
