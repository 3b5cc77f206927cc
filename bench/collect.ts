// Requests spent collecting one large repository (120,000 stars over 8 years, 1,200 contributors,
// 5,500 issues with 11,000 comments, 150 releases) from the fake upstream, which answers as GitHub
// does since July 2026 (the stargazer list closed, /stargazers/history served): against the minimum
// the APIs' page sizes allow, against the old per-star walk's count for the same repository, and what
// a second run on unchanged data costs (the goal: nothing but conditional requests).
import { join } from 'node:path';
import { resolveUpstreams } from '../src/http/upstreams.js';
import { TOP_CONTRIBUTORS } from '../src/ingest/collect/github.js';
import { collectProjects } from '../src/ingest/collect/run.js';
import { PER_PAGE, STAR_HISTORY_PER_PAGE, STARGAZER_PAGE_CAP } from '../src/sources/github/fetch.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { FakeUpstream, type SyntheticRepo } from '../test/helpers/fake-upstream.js';
import { loadRecordings } from '../test/helpers/recorded-http.js';
import { tempDir } from '../test/helpers/tmp.js';
import type { BenchResult } from './harness.js';

const REPO: SyntheticRepo = {
  fullName: 'kept-bench/large',
  stars: 120_000,
  contributors: 1_200,
  issues: 5_500,
  commentsPerIssue: 2,
  releases: 150,
  from: '2017-07-16T00:00:00Z',
  until: '2025-07-16T00:00:00Z',
};

const WEEK_MS = 7 * 86_400_000;
const pages = (n: number, per = PER_PAGE): number => Math.max(1, Math.ceil(n / per));

/** Weeks of the history: from the week (Sunday) of the first star to the week of the last day. */
function historyWeeks(r: SyntheticRepo): number {
  const sunday = (t: number): number => {
    const d = Math.floor(t / 86_400_000) * 86_400_000;
    return d - new Date(d).getUTCDay() * 86_400_000;
  };
  return Math.round((sunday(Date.parse(r.until)) - sunday(Date.parse(r.from))) / WEEK_MS) + 1;
}

/** The fewest requests that read everything: repository, star history ⌈weeks / 30⌉, and the lists at 100 a page. */
export function minimumRequests(r: SyntheticRepo): { total: number; parts: Record<string, number> } {
  const parts = {
    repository: 1,
    'star history': pages(historyWeeks(r), STAR_HISTORY_PER_PAGE),
    contributors: pages(r.contributors),
    'user profiles': Math.min(TOP_CONTRIBUTORS, r.contributors),
    releases: pages(r.releases),
    issues: pages(r.issues),
    comments: pages(r.issues * r.commentsPerIssue),
  };
  return { total: Object.values(parts).reduce((a, b) => a + b, 0), parts };
}

/** What the per-star walk needed for the same repository: REST pages to the 40,000 cap, then GraphQL. */
export function oldWalkRequests(r: SyntheticRepo): number {
  const min = minimumRequests(r);
  const rest = Math.min(STARGAZER_PAGE_CAP, pages(r.stars));
  const graphql = r.stars > STARGAZER_PAGE_CAP * PER_PAGE ? pages(r.stars - STARGAZER_PAGE_CAP * PER_PAGE) : 0;
  return min.total - min.parts['star history']! + rest + graphql;
}

export async function run(): Promise<BenchResult[]> {
  const recordings = loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'github'));
  const fake = new FakeUpstream({ recordings, synthetic: [REPO] });
  const base = 'http://fake.invalid';
  const inner = fake.fetch(base);
  const log: { path: string; page: string | null; status: number }[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const res = await inner(input, init);
    const url = new URL(String(input));
    log.push({ path: url.pathname, page: url.searchParams.get('page'), status: res.status });
    return res;
  }) as typeof globalThis.fetch;
  const store = await DuckDbStore.open(join(tempDir('kept-bench-'), 'kept.duckdb'));
  const project = { id: 'large', name: 'Large', category: 'serving' as const, github: REPO.fullName };
  const opts = {
    upstreams: resolveUpstreams({ GITHUB_API_URL: base }),
    fetch,
    asOf: new Date('2025-07-16T12:00:00Z'),
    since: new Date(REPO.from),
    budget: 1_000,
  };
  const first = await collectProjects(store, [project], opts);
  if (first.failures.length) throw new Error(`first run failed: ${first.failures.map((f) => f.error).join('; ')}`);
  const firstLog = log.splice(0);
  const second = await collectProjects(store, [project], { ...opts, asOf: new Date('2025-07-16T18:00:00Z') });
  if (second.failures.length) throw new Error(`second run failed: ${second.failures.map((f) => f.error).join('; ')}`);
  await store.close();

  const min = minimumRequests(REPO);
  const old = oldWalkRequests(REPO);
  const count = (l: typeof log, path: string): number => l.filter((x) => x.path === path).length;
  const check = count(firstLog, '/rate_limit');
  const probe = count(firstLog, `/repos/${REPO.fullName}/stargazers`);
  const history = count(firstLog, `/repos/${REPO.fullName}/stargazers/history`);
  // The second run: a 304, page 1 of the history, or the free connectivity check; anything else counts.
  const other = log.filter(
    (x) =>
      x.status !== 304 &&
      x.path !== '/rate_limit' &&
      !(x.path === `/repos/${REPO.fullName}/stargazers/history` && x.page === '1'),
  );
  const label = `${REPO.stars.toLocaleString('en')} stars over 8 years, ${REPO.contributors.toLocaleString('en')} contributors, ${REPO.issues.toLocaleString('en')} issues`;
  return [
    {
      name: `kept collect, one large repository (${label}): requests on the first run`,
      figure: firstLog.length,
      unit: 'requests',
      baselineLabel: 'the minimum the page sizes allow',
      baseline: min.total,
      goal: '≤ 1.1× the minimum',
      met: firstLog.length <= 1.1 * min.total,
      note: `minimum = ${Object.entries(min.parts)
        .map(([k, v]) => `${k} ${v}`)
        .join(
          ' + ',
        )}; kept also sent ${check} connectivity check (/rate_limit, free against GitHub's limit) and asked the stargazer list ${probe}× (404: restricted); ${history} star-history pages`,
    },
    {
      name: 'the same first run beside the per-star walk GitHub no longer answers',
      figure: firstLog.length,
      unit: 'requests',
      baselineLabel: 'the old walk (400 REST + 800 GraphQL star pages + the rest)',
      baseline: old,
      note: `the old walk's ${old.toLocaleString('en')} requests for this repository were its minimum; the star history now takes ${history}`,
    },
    {
      name: 'second run on unchanged data: requests neither answered 304 nor page 1 of the history',
      figure: other.length,
      unit: 'requests',
      baselineLabel: 'requests sent',
      baseline: log.length,
      goal: 'only conditional requests or page 1 of the history (0 others)',
      met: other.length === 0,
      note: `${log.length} requests: ${log.filter((x) => x.status === 304).length} answered 304 (free against GitHub's limit), ${count(log, '/rate_limit')} connectivity check; no day ended since the first run, so the history was not read, and the closed list is not asked again for 30 days`,
    },
  ];
}
