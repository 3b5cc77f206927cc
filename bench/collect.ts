// Requests spent collecting one large repository (120,000 stars, 1,200 contributors, 5,500 issues
// with 11,000 comments, 150 releases) from the fake upstream, against the minimum the APIs' page
// sizes allow, and what a second run on unchanged data costs (the goal: only 304s).
import { join } from 'node:path';
import { resolveUpstreams } from '../src/http/upstreams.js';
import { collectProjects } from '../src/ingest/collect/run.js';
import { TOP_CONTRIBUTORS } from '../src/ingest/collect/github.js';
import { PER_PAGE, STARGAZER_PAGE_CAP } from '../src/sources/github/fetch.js';
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
  from: '2021-01-01T00:00:00Z',
  until: '2025-07-15T00:00:00Z',
};

/** The fewest requests that can read everything, from the page sizes (100 per page everywhere). */
export function minimumRequests(r: SyntheticRepo): { total: number; parts: Record<string, number> } {
  const pages = (n: number): number => Math.max(1, Math.ceil(n / PER_PAGE));
  const restStars = Math.min(r.stars, STARGAZER_PAGE_CAP * PER_PAGE);
  const parts = {
    repository: 1,
    'stargazers (REST)': pages(restStars),
    'stargazers (GraphQL)': r.stars > restStars ? pages(r.stars - restStars) : 0,
    contributors: pages(r.contributors),
    'user profiles': Math.min(TOP_CONTRIBUTORS, r.contributors),
    releases: pages(r.releases),
    issues: pages(r.issues),
    comments: pages(r.issues * r.commentsPerIssue),
  };
  return { total: Object.values(parts).reduce((a, b) => a + b, 0), parts };
}

export async function run(): Promise<BenchResult[]> {
  const recordings = loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'github'));
  const fake = new FakeUpstream({ recordings, synthetic: [REPO] });
  const base = 'http://fake.invalid';
  const store = await DuckDbStore.open(join(tempDir('kept-bench-'), 'kept.duckdb'));
  const project = { id: 'large', name: 'Large', category: 'serving' as const, github: REPO.fullName };
  const opts = {
    upstreams: resolveUpstreams({ GITHUB_API_URL: base }),
    fetch: fake.fetch(base),
    asOf: new Date('2025-07-16T12:00:00Z'),
    since: new Date(REPO.from),
    budget: 5_000,
  };
  const first = await collectProjects(store, [project], opts);
  if (first.failures.length) throw new Error(`first run failed: ${first.failures.map((f) => f.error).join('; ')}`);
  const firstRequests = fake.stats.requests;
  fake.resetStats();
  const second = await collectProjects(store, [project], { ...opts, asOf: new Date('2025-07-16T18:00:00Z') });
  if (second.failures.length) throw new Error(`second run failed: ${second.failures.map((f) => f.error).join('; ')}`);
  await store.close();
  const min = minimumRequests(REPO);
  const not304 = fake.stats.requests - fake.stats.notModified;
  const label = `${REPO.stars.toLocaleString('en')} stars, ${REPO.contributors.toLocaleString('en')} contributors, ${REPO.issues.toLocaleString('en')} issues`;
  return [
    {
      name: `kept collect, one large repository (${label}): requests on the first run`,
      figure: firstRequests,
      unit: 'requests',
      baselineLabel: 'minimum the page sizes allow',
      baseline: min.total,
      goal: '≤ 1.2× the minimum',
      met: firstRequests <= 1.2 * min.total,
      note: `minimum = ${Object.entries(min.parts)
        .map(([k, v]) => `${k} ${v}`)
        .join(' + ')}; the Hub part of the profile is measured by the Hub source's bench`,
    },
    {
      name: 'second run on unchanged data: requests not answered 304',
      figure: not304,
      unit: 'requests',
      baselineLabel: 'requests sent',
      baseline: fake.stats.requests,
      goal: 'only 304s (0 others)',
      met: not304 === 0,
      note: `${fake.stats.requests} conditional requests, ${fake.stats.notModified} answered 304 (free against GitHub's limit); the star walk is skipped when the count is unchanged`,
    },
  ];
}
