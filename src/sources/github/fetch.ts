// GitHub REST requests for one repository, through the shared HttpClient (which adds auth, retries,
// rate limits and the ETag cache). Returns wire records; normalize.ts turns them into kept's shapes.
// Endpoint facts: ../shared/docs/api-sources.md §2 (read "Changed in 2026" first: the stargazer list
// is closed to outsiders, the star history comes from /stargazers/history).
import { HttpError } from '../../domain/errors.js';
import type { HttpClient, HttpResponse } from '../../http/http-client.js';
import { parseLinkHeader } from '../../http/client.js';
import type {
  ApiContributor,
  ApiIssue,
  ApiIssueComment,
  ApiRelease,
  ApiRepo,
  ApiStargazer,
  ApiStarHistoryWeek,
  ApiUser,
} from './api-types.js';

export interface GithubEndpoints {
  readonly apiUrl: string;
  readonly graphqlUrl: string;
}

/** `per_page` maximum for REST lists (api-sources.md §2, "Pagination"). */
export const PER_PAGE = 100;
/** REST stargazers stop at 400 pages × 100 = 40,000 (api-sources.md §2, "The 40k cap"); page 401 is a 422. */
export const STARGAZER_PAGE_CAP = 400;

/** `/stargazers/history`: at most 30 weeks a page, pages 1..100 (api-sources.md §2, "Changed in 2026"). */
export const STAR_HISTORY_PER_PAGE = 30;
export const STAR_HISTORY_PAGE_CAP = 100;
/** The API version the star-history endpoint is served under. */
export const STAR_HISTORY_API_VERSION = '2026-03-10';
export const STAR_HISTORY_PATH = '/stargazers/history';

export const GITHUB_JSON = 'application/vnd.github+json';
/** "Includes a timestamp of when the star was created" (docs.github.com/rest/activity/starring). */
export const GITHUB_STAR_JSON = 'application/vnd.github.star+json';

function repoPath(ep: GithubEndpoints, repo: string): string {
  const [owner, name] = repo.split('/');
  return `${ep.apiUrl}/repos/${encodeURIComponent(owner ?? '')}/${encodeURIComponent(name ?? '')}`;
}

export interface PagedResult<T> {
  readonly items: T[];
  readonly pages: number;
  /** Every page was answered 304 (nothing changed since the cached copy). */
  readonly unchanged: boolean;
}

export interface PageOptions {
  /**
   * Stop after the first page when it is unchanged (304). Only sound for lists ordered newest- or
   * most-recently-updated-first, where any change shows on page 1.
   */
  readonly stopWhenFirstPageUnchanged?: boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An answer of the wrong shape fails its part (recorded with this reason) instead of storing a wrong value. */
function shapeError(method: string, url: string, status: number, what: string): HttpError {
  return new HttpError(method, url, status, `unexpected answer: ${what}`, {
    hint: 'the upstream or a proxy answered something else; run kept collect again later',
  });
}

const userOrNull = (u: unknown): boolean =>
  u === null || u === undefined || (isObject(u) && typeof u.login === 'string');
const dateText = (v: unknown): boolean => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** Item checks of the list answers the normalisers read: a malformed item fails the part, with this name. */
export const ITEM_SHAPES = {
  contributor: (x: Record<string, unknown>): boolean =>
    typeof x.contributions === 'number' && (x.type === 'Anonymous' || typeof x.login === 'string'),
  release: (x: Record<string, unknown>): boolean => typeof x.tag_name === 'string' && x.tag_name !== '',
  issue: (x: Record<string, unknown>): boolean =>
    Number.isInteger(x.number) &&
    dateText(x.created_at) &&
    typeof x.updated_at === 'string' &&
    Array.isArray(x.labels) &&
    x.labels.every((l) => typeof l === 'string' || (isObject(l) && typeof l.name === 'string')) &&
    userOrNull(x.user) &&
    (x.pull_request === undefined || isObject(x.pull_request)),
  comment: (x: Record<string, unknown>): boolean =>
    typeof x.id === 'number' &&
    typeof x.issue_url === 'string' &&
    typeof x.created_at === 'string' &&
    userOrNull(x.user),
} as const;

async function collectPages<T>(
  http: HttpClient,
  url: string,
  o: PageOptions = {},
  accept = GITHUB_JSON,
  shape?: keyof typeof ITEM_SHAPES,
): Promise<PagedResult<T>> {
  const items: T[] = [];
  let pages = 0;
  let unchanged = true;
  for await (const page of http.paginate<T>(url, { headers: { accept } })) {
    pages++;
    if (!page.notModified) unchanged = false;
    if (pages === 1 && page.notModified && o.stopWhenFirstPageUnchanged) return { items: [], pages, unchanged: true };
    if (!Array.isArray(page.body) || !page.body.every(isObject))
      throw shapeError('GET', page.url, page.status, 'expected a JSON array of objects');
    const bad = shape
      ? (page.body as unknown as Record<string, unknown>[]).findIndex((x) => !ITEM_SHAPES[shape](x))
      : -1;
    if (bad >= 0) throw shapeError('GET', page.url, page.status, `item ${bad + 1} is not a ${shape}`);
    items.push(...page.body);
  }
  return { items, pages, unchanged };
}

export async function fetchRepo(http: HttpClient, ep: GithubEndpoints, repo: string): Promise<HttpResponse<ApiRepo>> {
  const res = await http.getJson<ApiRepo>(repoPath(ep, repo), { headers: { accept: GITHUB_JSON } });
  const b: unknown = res.body;
  if (
    !isObject(b) ||
    typeof b.full_name !== 'string' ||
    typeof b.stargazers_count !== 'number' ||
    typeof b.forks_count !== 'number'
  )
    throw shapeError('GET', res.url, res.status, 'expected a repository object');
  return res;
}

/**
 * Contributors with `anon=1`, sorted by commits. Only the first 500 author e-mails link to accounts;
 * very large repositories answer 403 "too large to list contributors" (api-sources.md §2, "Contributors").
 */
export async function listContributors(
  http: HttpClient,
  ep: GithubEndpoints,
  repo: string,
): Promise<PagedResult<ApiContributor>> {
  return collectPages<ApiContributor>(
    http,
    `${repoPath(ep, repo)}/contributors?anon=1&per_page=${PER_PAGE}`,
    {},
    GITHUB_JSON,
    'contributor',
  );
}

/** `company` is free text on the user (api-sources.md §2, "Commit author and company"). */
export async function fetchUser(http: HttpClient, ep: GithubEndpoints, login: string): Promise<ApiUser | null> {
  // A renamed or deleted account is a 404: read as "no such user", not a failure of the run.
  const res = await http.getJson<ApiUser>(`${ep.apiUrl}/users/${encodeURIComponent(login)}`, {
    headers: { accept: GITHUB_JSON },
    acceptStatus: [404],
  });
  if (res.status === 404) return null;
  const b: unknown = res.body;
  if (
    !isObject(b) ||
    typeof b.login !== 'string' ||
    !(b.company === null || b.company === undefined || typeof b.company === 'string')
  )
    throw shapeError('GET', res.url, res.status, 'expected a user object');
  return res.body;
}

/** Releases, newest first: an unchanged first page means no new release. */
export async function listReleases(
  http: HttpClient,
  ep: GithubEndpoints,
  repo: string,
  o: PageOptions = {},
): Promise<PagedResult<ApiRelease>> {
  return collectPages<ApiRelease>(
    http,
    `${repoPath(ep, repo)}/releases?per_page=${PER_PAGE}`,
    o,
    GITHUB_JSON,
    'release',
  );
}

/**
 * Issues AND pull requests updated since `since` (tell them apart by `pull_request`), most recently
 * updated first, so an unchanged first page means nothing changed (api-sources.md §2, "Time to first response").
 */
export async function listIssuesSince(
  http: HttpClient,
  ep: GithubEndpoints,
  repo: string,
  since: Date,
  o: PageOptions = {},
): Promise<PagedResult<ApiIssue>> {
  return collectPages<ApiIssue>(
    http,
    `${repoPath(ep, repo)}/issues?state=all&sort=updated&direction=desc&since=${since.toISOString().replace('.000Z', 'Z')}&per_page=${PER_PAGE}`,
    o,
    GITHUB_JSON,
    'issue',
  );
}

/** Repo-wide issue and PR comments updated since `since`, most recently updated first. */
export async function listIssueCommentsSince(
  http: HttpClient,
  ep: GithubEndpoints,
  repo: string,
  since: Date,
  o: PageOptions = {},
): Promise<PagedResult<ApiIssueComment>> {
  return collectPages<ApiIssueComment>(
    http,
    `${repoPath(ep, repo)}/issues/comments?sort=updated&direction=desc&since=${since.toISOString().replace('.000Z', 'Z')}&per_page=${PER_PAGE}`,
    o,
    GITHUB_JSON,
    'comment',
  );
}

export function stargazersPageUrl(ep: GithubEndpoints, repo: string, page: number): string {
  return `${repoPath(ep, repo)}/stargazers?per_page=${PER_PAGE}&page=${page}`;
}

/** One page of stargazers with timestamps, oldest first. */
export async function fetchStargazerPage(
  http: HttpClient,
  ep: GithubEndpoints,
  repo: string,
  page: number,
  conditional = true,
): Promise<HttpResponse<ApiStargazer[]>> {
  if (page < 1 || page > STARGAZER_PAGE_CAP)
    throw new RangeError(`stargazer page ${page} is outside 1..${STARGAZER_PAGE_CAP}`);
  const res = await http.getJson<ApiStargazer[]>(stargazersPageUrl(ep, repo, page), {
    headers: { accept: GITHUB_STAR_JSON },
    conditional,
  });
  const b: unknown = res.body;
  if (!Array.isArray(b) || !b.every((x) => isObject(x) && typeof x.starred_at === 'string'))
    throw shapeError('GET', res.url, res.status, 'expected a JSON array of stargazers with starred_at');
  return res;
}

const dayCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A week of the star history as documented: `week` in unix seconds, `total`, and seven day counts. */
export function isStarHistoryWeek(x: unknown): x is ApiStarHistoryWeek {
  return (
    isObject(x) &&
    typeof x.week === 'number' &&
    Number.isFinite(x.week) &&
    dayCount(x.total) &&
    Array.isArray(x.days) &&
    x.days.length === 7 &&
    x.days.every(dayCount)
  );
}

export function starHistoryPageUrl(ep: GithubEndpoints, repo: string, page: number): string {
  return `${repoPath(ep, repo)}${STAR_HISTORY_PATH}?per_page=${STAR_HISTORY_PER_PAGE}&page=${page}`;
}

export interface StarHistoryPage {
  readonly page: number;
  readonly weeks: readonly ApiStarHistoryWeek[];
  /** The answer's Link header names a next (older) page. */
  readonly hasNext: boolean;
  readonly notModified: boolean;
}

/**
 * One page of the star history, newest week first. A 404 on a repository that exists means the
 * server does not serve the endpoint (GitHub Enterprise Server, or github.com before 2026-09-04).
 */
export async function fetchStarHistoryPage(
  http: HttpClient,
  ep: GithubEndpoints,
  repo: string,
  page: number,
): Promise<StarHistoryPage> {
  if (page < 1 || page > STAR_HISTORY_PAGE_CAP)
    throw new RangeError(`star history page ${page} is outside 1..${STAR_HISTORY_PAGE_CAP}`);
  const url = starHistoryPageUrl(ep, repo, page);
  const res = await http.getJson<unknown>(url, {
    headers: { accept: GITHUB_JSON, 'x-github-api-version': STAR_HISTORY_API_VERSION },
    acceptStatus: [404],
  });
  if (res.status === 404)
    throw new HttpError('GET', res.url, 404, `Not Found: ${STAR_HISTORY_PATH} is not served here`, {
      hint: 'this GitHub does not serve the star history (GitHub Enterprise Server, or an API before 2026-09-04); the other parts are collected',
    });
  const b = res.body;
  if (!Array.isArray(b)) throw shapeError('GET', res.url, res.status, 'expected a JSON array of weeks');
  const bad = b.findIndex((w) => !isStarHistoryWeek(w));
  if (bad >= 0) throw shapeError('GET', res.url, res.status, `item ${bad + 1} is not a week {week, total, days[7]}`);
  return {
    page,
    weeks: b as ApiStarHistoryWeek[],
    hasNext: parseLinkHeader(res.headers.link).next !== undefined,
    notModified: res.notModified,
  };
}

/** What asking for the stargazer list showed: open to this token, or closed (404/403) and why. */
export type StargazerListAccess =
  { readonly open: true } | { readonly open: false; readonly status: number; readonly reason: string };

/**
 * One cheap question (one star, no ETag): may this token list the stargazers? Since July 2026 only a
 * repository's admins and collaborators may; anyone else gets 404 `Not Found` or 403 `Resource not
 * accessible by personal access token` (api-sources.md §2, "Changed in 2026"). Both are answers,
 * not errors, and are never retried (a 403 that is a rate limit is waited out by the client first).
 */
export async function probeStargazerList(
  http: HttpClient,
  ep: GithubEndpoints,
  repo: string,
): Promise<StargazerListAccess> {
  const res = await http.getJson<unknown>(`${repoPath(ep, repo)}/stargazers?per_page=1`, {
    headers: { accept: GITHUB_STAR_JSON },
    acceptStatus: [403, 404],
    conditional: false,
  });
  if (res.status === 403 || res.status === 404) {
    const message = isObject(res.body) && typeof res.body.message === 'string' ? res.body.message : '';
    return {
      open: false,
      status: res.status,
      reason: `${res.status} ${res.status === 404 ? 'Not Found' : 'Forbidden'}${message && message !== 'Not Found' ? `: ${message}` : ''}`,
    };
  }
  if (!Array.isArray(res.body)) throw shapeError('GET', res.url, res.status, 'expected a JSON array of stargazers');
  return { open: true };
}
