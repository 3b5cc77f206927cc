// The GitHub collector: repository metadata, the star history (github-stars.ts), contributors (with
// the company of the top ones), releases, and issues/PRs with their first response, for a project's
// repository. Each part is written in its own batches and checkpointed, so a killed run resumes and a
// repeated run costs (almost) only conditional requests. Upstream facts: ../shared/docs/api-sources.md §2.
import type { DocumentRecord, WriteBatch } from '../../domain/observation.js';
import { subject } from '../../domain/subject.js';
import { addDays, DAY_MS, isoDate, utcDay } from '../../domain/time.js';
import type { ApiRepo } from '../../sources/github/api-types.js';
import {
  fetchRepo,
  fetchUser,
  listContributors,
  listIssueCommentsSince,
  listIssuesSince,
  listReleases,
  type GithubEndpoints,
} from '../../sources/github/fetch.js';
import {
  normalizeContributors,
  normalizeIssues,
  normalizeRelease,
  normalizeRepo,
  topContributorLogins,
  type IssueRecordData,
} from '../../sources/github/normalize.js';
import {
  checkStargazerList,
  collectExactStars,
  collectStarHistory,
  GITHUB_SOURCE,
  readCheckpoint,
  type ListAccess,
  type RepoWalk,
} from './github-stars.js';
import {
  collectFailure,
  type CollectContext,
  type CollectFailure,
  type CollectNote,
  type CollectOutcome,
  type Collector,
} from './contract.js';

export { GITHUB_SOURCE };
/** How many top contributors get a /users/{login} lookup for their company. */
export const TOP_CONTRIBUTORS = 25;
/** A user's company is re-read after this long. */
const COMPANY_TTL_MS = 30 * DAY_MS;
/** The first run's issue window when --since is not given. */
export const DEFAULT_ISSUE_WINDOW_DAYS = 90;

interface IssueCheckpoint {
  readonly since: string;
  readonly walkedAt: string;
}

/** The issue window: changes since the last walk on an earlier day; the same URL again on the same day (so it is a 304). */
export function issueWindow(asOf: Date, explicit: Date | undefined, cp: IssueCheckpoint | undefined): Date {
  if (explicit) return explicit;
  if (!cp) return addDays(utcDay(asOf), -DEFAULT_ISSUE_WINDOW_DAYS);
  const walked = new Date(cp.walkedAt);
  if (isoDate(walked) === isoDate(asOf)) return new Date(cp.since);
  // One day of overlap: updates near the last walk are not lost to clock skew.
  return new Date(Math.max(new Date(cp.since).getTime(), utcDay(walked).getTime() - DAY_MS));
}

function latestIssueData(
  records: readonly { key: string; observedAt: Date; data: unknown }[],
): Map<number, IssueRecordData> {
  const out = new Map<number, { at: number; d: IssueRecordData }>();
  for (const r of records) {
    const n = Number(r.key);
    const prev = out.get(n);
    if (!prev || r.observedAt.getTime() >= prev.at)
      out.set(n, { at: r.observedAt.getTime(), d: r.data as IssueRecordData });
  }
  return new Map([...out].map(([k, v]) => [k, v.d]));
}

export const githubCollector: Collector = {
  name: GITHUB_SOURCE,
  appliesTo: (p) => typeof p.github === 'string' && p.github.includes('/'),
  baseUrls: (_p, upstreams) => [{ url: upstreams.github.apiUrl, variable: 'GITHUB_API_URL' }],
  async collect(ctx: CollectContext): Promise<CollectOutcome> {
    const repo = ctx.project.github!;
    const s = subject('github', repo);
    const ep: GithubEndpoints = { apiUrl: ctx.upstreams.github.apiUrl, graphqlUrl: ctx.upstreams.github.graphqlUrl };
    const at = ctx.options.asOf;
    const failures: CollectFailure[] = [];
    const notes: CollectNote[] = [];
    let added = 0;
    const write = async (origin: string, b: Omit<WriteBatch, 'provenance'>): Promise<void> => {
      added += (await ctx.store.write({ provenance: { source: GITHUB_SOURCE, origin, fetchedAt: at }, ...b })).added;
    };
    const part = async (name: string, work: () => Promise<void>): Promise<boolean> => {
      try {
        await work();
        return true;
      } catch (err) {
        failures.push(collectFailure(GITHUB_SOURCE, ctx.project.id, name, `github:${s.id}`, err));
        return false;
      }
    };

    let meta: ApiRepo | undefined;
    const repoUrl = `${ep.apiUrl}/repos/${repo}`;
    await part('repository', async () => {
      ctx.progress('repository', 0, 1);
      const res = await fetchRepo(ctx.http, ep, repo);
      meta = res.body;
      const n = normalizeRepo(s, res.body, at);
      await write(repoUrl, { observations: n.observations, facts: n.facts });
      ctx.progress('repository', 1, 1);
    });
    if (!meta) return { added, failures }; // missing or private: the other parts would fail the same way
    const repoMeta = meta;

    const r: RepoWalk = {
      ctx,
      ep,
      s,
      repo,
      write,
      note: (part, text) =>
        notes.push({ collector: GITHUB_SOURCE, project: ctx.project.id, part, subject: `github:${s.id}`, text }),
    };
    await part('stars', () => collectStarHistory(r, repoMeta.stargazers_count));
    let list: ListAccess | undefined;
    await part('stargazer list', async () => {
      list = await checkStargazerList(r);
    });
    if (list) {
      const access = list;
      await part('exact stars', () => collectExactStars(r, repoMeta.stargazers_count, access));
    }
    await part('contributors', () => collectContributors(r));
    await part('releases', async () => {
      const scope = `github:${s.id}:releases`;
      const seen = (await ctx.store.checkpointGet(scope)) !== undefined;
      const r = await listReleases(ctx.http, ep, repo, { stopWhenFirstPageUnchanged: seen });
      ctx.progress('releases', r.pages);
      if (!r.unchanged || !seen)
        await write(`${repoUrl}/releases`, {
          records: r.items.filter((x) => !x.draft).map((x) => normalizeRelease(s, x, at)),
        });
      await ctx.store.checkpointPut(scope, JSON.stringify({ walkedAt: at.toISOString(), count: r.items.length }));
    });
    await part('issues', () => collectIssues(r));
    return { added, failures, notes };
  },
};

interface CompanyEntry {
  readonly company: string | null;
  readonly at: string;
}

async function collectContributors({ ctx, ep, s, repo, write }: RepoWalk): Promise<void> {
  const list = await listContributors(ctx.http, ep, repo);
  ctx.progress('contributors', list.pages);
  const first = normalizeContributors(s, list.items, ctx.options.asOf);
  const companies = new Map<string, string | null>();
  const logins = topContributorLogins(first.rows, TOP_CONTRIBUTORS);
  let done = 0;
  for (const login of logins) {
    // Cached per login: a company changes rarely, and a lookup is one request per person.
    const scope = `github-user:${login.toLowerCase()}:company`;
    const cached = await readCheckpoint<CompanyEntry>(ctx.store, scope);
    if (cached && ctx.options.asOf.getTime() - Date.parse(cached.at) < COMPANY_TTL_MS) {
      companies.set(login.toLowerCase(), cached.company);
    } else {
      const user = await fetchUser(ctx.http, ep, login);
      const company = user?.company?.trim() || null;
      companies.set(login.toLowerCase(), company);
      await ctx.store.checkpointPut(
        scope,
        JSON.stringify({ company, at: ctx.options.asOf.toISOString() } satisfies CompanyEntry),
      );
    }
    ctx.progress('companies', ++done, logins.length);
  }
  const n = normalizeContributors(s, list.items, ctx.options.asOf, companies);
  await write(`${ep.apiUrl}/repos/${repo}/contributors?anon=1`, { observations: n.observations, records: n.records });
}

async function collectIssues({ ctx, ep, s, repo, write }: RepoWalk): Promise<void> {
  const scope = `github:${s.id}:issues`;
  const cp = await readCheckpoint<IssueCheckpoint>(ctx.store, scope);
  const since = issueWindow(ctx.options.asOf, ctx.options.since, cp);
  const sameWindow = cp !== undefined && cp.since === since.toISOString();
  // Most recently updated first: an unchanged first page means nothing changed in the window.
  let issues = await listIssuesSince(ctx.http, ep, repo, since, { stopWhenFirstPageUnchanged: sameWindow });
  let comments = await listIssueCommentsSince(ctx.http, ep, repo, since, { stopWhenFirstPageUnchanged: sameWindow });
  ctx.progress('issues', issues.pages + comments.pages);
  if (sameWindow && issues.unchanged && comments.unchanged) return;
  // One changed, the other stopped early: read the other whole (its pages come from the cache).
  if (issues.unchanged && issues.items.length === 0) issues = await listIssuesSince(ctx.http, ep, repo, since);
  if (comments.unchanged && comments.items.length === 0)
    comments = await listIssueCommentsSince(ctx.http, ep, repo, since);
  const stored = await ctx.store.records({ subjects: [s], kinds: ['github-issue', 'github-pull'] });
  const previous = latestIssueData(stored);
  const records: DocumentRecord[] = normalizeIssues(s, issues.items, comments.items, since, ctx.options.asOf, previous);
  await write(`${ep.apiUrl}/repos/${repo}/issues?since=${since.toISOString()}`, { records });
  await ctx.store.checkpointPut(
    scope,
    JSON.stringify({ since: since.toISOString(), walkedAt: ctx.options.asOf.toISOString() } satisfies IssueCheckpoint),
  );
}
