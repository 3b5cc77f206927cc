// GitHub wire records -> kept observations, facts and documents. Pure: no I/O, no clock (`at` and
// `asOf` are passed in). Quirks are from ../shared/docs/api-sources.md §2 (GitHub).
import { isBotAccount } from '../../domain/bots.js';
import { METRICS } from '../../domain/metrics.js';
import type { DocumentRecord, Fact, Observation } from '../../domain/observation.js';
import type { Subject } from '../../domain/subject.js';
import { DAY_MS, isoDate, utcDay } from '../../domain/time.js';
import type {
  ApiContributor,
  ApiIssue,
  ApiIssueComment,
  ApiRelease,
  ApiRepo,
  ApiSimpleUser,
  ApiStarHistoryWeek,
} from './api-types.js';

export interface Normalized {
  readonly observations: Observation[];
  readonly facts: Fact[];
  readonly records: DocumentRecord[];
}

/** Repository metadata: counters as levels at `at`, attributes as facts. */
export function normalizeRepo(s: Subject, repo: ApiRepo, at: Date): Normalized {
  const level = (metric: string, value: number | undefined): Observation[] =>
    typeof value === 'number' && Number.isFinite(value)
      ? [{ subject: s, metric, value, windowStart: at, windowEnd: at, observedAt: at }]
      : [];
  const observations = [
    ...level(METRICS.stars, repo.stargazers_count),
    ...level(METRICS.forks, repo.forks_count),
    // `watchers_count` is a legacy alias of stargazers_count; subscribers_count is the real watchers.
    ...level(METRICS.watchers, repo.subscribers_count),
    // GitHub's open_issues_count counts open pull requests too.
    ...level(METRICS.openIssuesAndPrs, repo.open_issues_count),
  ];
  const fact = (name: string, value: string | null | undefined): Fact[] =>
    value === null || value === undefined || value === '' ? [] : [{ subject: s, name, value, observedAt: at }];
  const facts = [
    ...fact(
      'license',
      repo.license?.spdx_id && repo.license.spdx_id !== 'NOASSERTION' ? repo.license.spdx_id : repo.license?.name,
    ),
    ...fact('archived', String(repo.archived)),
    ...fact('fork', String(repo.fork)),
    ...fact('created_at', repo.created_at),
    ...fact('pushed_at', repo.pushed_at),
    ...fact('default_branch', repo.default_branch),
    ...fact('language', repo.language),
    ...fact('topics', (repo.topics ?? []).length ? [...(repo.topics ?? [])].sort().join(',') : undefined),
    ...fact('full_name', repo.full_name),
  ];
  return { observations, facts, records: [] };
}

/** A bot account: GitHub's own `type: "Bot"` (Apps), or an automation login (domain/bots.ts). */
function isBot(user: Pick<ApiSimpleUser, 'login' | 'type'> | null | undefined): boolean {
  return isBotAccount(user?.login, user?.type);
}

export interface ContributorRow {
  readonly key: string;
  readonly login: string | null;
  readonly anonymous: boolean;
  readonly bot: boolean;
  readonly contributions: number;
  /** For anonymous contributors only the e-mail domain is kept (organisation attribution), never the address. */
  readonly emailDomain: string | null;
  readonly company?: string | null;
}

/** Contributors (`anon=1`, sorted by commits): the count as an observation, one record each. */
export function normalizeContributors(
  s: Subject,
  items: readonly ApiContributor[],
  at: Date,
  companies: ReadonlyMap<string, string | null> = new Map(),
): Normalized & { rows: ContributorRow[] } {
  const rows: ContributorRow[] = [];
  for (const c of items) {
    if (c.type === 'Anonymous' || !('login' in c)) {
      const email = 'email' in c && typeof c.email === 'string' ? c.email : '';
      const domain = email.includes('@') ? email.slice(email.lastIndexOf('@') + 1).toLowerCase() : null;
      rows.push({
        key: `anon:${rows.length + 1}`,
        login: null,
        anonymous: true,
        bot: false,
        contributions: c.contributions,
        emailDomain: domain,
      });
    } else {
      const company = companies.get(c.login.toLowerCase());
      rows.push({
        key: c.login.toLowerCase(),
        login: c.login,
        anonymous: false,
        bot: isBot(c),
        contributions: c.contributions,
        emailDomain: null,
        ...(company === undefined ? {} : { company }),
      });
    }
  }
  const observations: Observation[] = [
    { subject: s, metric: METRICS.contributors, value: rows.length, windowStart: at, windowEnd: at, observedAt: at },
    {
      subject: s,
      metric: METRICS.contributors,
      value: rows.filter((r) => !r.anonymous && !r.bot).length,
      dims: { kind: 'account' },
      windowStart: at,
      windowEnd: at,
      observedAt: at,
    },
  ];
  // Anonymous keys are positional, so they are snapshot-scoped: the date makes them unambiguous.
  const records = rows.map((r) => ({
    subject: s,
    kind: 'github-contributor',
    key: r.anonymous ? `${isoDate(at)}:${r.key}` : r.key,
    observedAt: at,
    data: r,
  }));
  return { observations, facts: [], records, rows };
}

/** Top contributors whose `company` is worth a /users/{login} lookup: accounts, not bots, most commits first. */
export function topContributorLogins(rows: readonly ContributorRow[], n: number): string[] {
  return rows
    .filter((r) => !r.anonymous && !r.bot && r.login)
    .slice(0, n)
    .map((r) => r.login!);
}

const MAX_BODY = 20_000;

export function normalizeRelease(s: Subject, r: ApiRelease, at: Date): DocumentRecord {
  const body = r.body ?? '';
  return {
    subject: s,
    kind: 'github-release',
    key: r.tag_name,
    observedAt: at,
    origin: r.html_url,
    data: {
      tag: r.tag_name,
      name: r.name,
      createdAt: r.created_at,
      publishedAt: r.published_at,
      prerelease: r.prerelease,
      draft: r.draft,
      author: r.author?.login ?? null,
      body: body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}…` : body,
      bodyTruncated: body.length > MAX_BODY,
    },
  };
}

export interface IssueRecordData {
  readonly number: number;
  readonly pullRequest: boolean;
  readonly title: string;
  readonly state: string;
  readonly stateReason: string | null;
  readonly createdAt: string;
  readonly closedAt: string | null;
  readonly mergedAt: string | null;
  readonly author: string | null;
  readonly authorBot: boolean;
  readonly authorAssociation: string;
  readonly labels: string[];
  readonly comments: number;
  /** First comment by someone other than the author who is not a bot; null when none (yet) or unknown. */
  readonly firstResponseAt: string | null;
  readonly firstResponseBy: string | null;
  readonly firstResponseAssociation: string | null;
  /** First such comment by an OWNER, MEMBER or COLLABORATOR (the maintainers' response). */
  readonly firstMaintainerResponseAt: string | null;
  /** False when comments before the collected window may exist, so the first response may be earlier. */
  readonly firstResponseKnown: boolean;
}

const MAINTAINER = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

function issueNumberFromUrl(url: string): number | undefined {
  const m = /\/issues\/(\d+)$/.exec(url);
  return m?.[1] ? Number(m[1]) : undefined;
}

/**
 * Issues and pull requests with their first response. `comments` are the repo-wide comments
 * created since `commentsSince` (GET /repos/{o}/{r}/issues/comments, api-sources.md §2 "Time to
 * first response"): the first response is exact for items created on or after that time, and
 * only an upper bound before it (then `firstResponseKnown` is false and the times stay null).
 */
export function normalizeIssues(
  s: Subject,
  issues: readonly ApiIssue[],
  comments: readonly ApiIssueComment[],
  commentsSince: Date,
  at: Date,
  previous: ReadonlyMap<number, IssueRecordData> = new Map(),
): DocumentRecord[] {
  const byIssue = new Map<number, ApiIssueComment[]>();
  for (const c of comments) {
    const n = issueNumberFromUrl(c.issue_url);
    if (n === undefined) continue;
    const list = byIssue.get(n) ?? [];
    list.push(c);
    byIssue.set(n, list);
  }
  const out: DocumentRecord[] = [];
  for (const i of issues) {
    const author = i.user?.login ?? null;
    const list = (byIssue.get(i.number) ?? [])
      .slice()
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
    const responders = list.filter((c) => c.user && c.user.login !== author && !isBot(c.user));
    const first = responders[0];
    const firstMaintainer = responders.find((c) => MAINTAINER.has(c.author_association));
    // Known when every comment is in the window, or when an earlier run saw the issue with no
    // response yet and this window starts no later than that run (it has all comments since).
    const prev = previous.get(i.number);
    if (prev?.firstResponseKnown && prev.firstResponseAt !== null) {
      out.push(issueRecord(s, i, at, { ...issueData(i, author), ...pickResponse(prev) }));
      continue;
    }
    const known =
      Date.parse(i.created_at) >= commentsSince.getTime() ||
      (prev?.firstResponseKnown === true && prev.firstResponseAt === null);
    const data: IssueRecordData = {
      ...issueData(i, author),
      firstResponseAt: known ? (first?.created_at ?? null) : null,
      firstResponseBy: known ? (first?.user?.login ?? null) : null,
      firstResponseAssociation: known ? (first?.author_association ?? null) : null,
      firstMaintainerResponseAt: known ? (firstMaintainer?.created_at ?? null) : null,
      firstResponseKnown: known,
    };
    out.push(issueRecord(s, i, at, data));
  }
  return out;
}

function issueRecord(s: Subject, i: ApiIssue, at: Date, data: IssueRecordData): DocumentRecord {
  return {
    subject: s,
    kind: i.pull_request ? 'github-pull' : 'github-issue',
    key: String(i.number),
    observedAt: at,
    origin: i.html_url,
    data,
  };
}

function issueData(i: ApiIssue, author: string | null) {
  return {
    number: i.number,
    pullRequest: i.pull_request !== undefined,
    title: i.title,
    state: i.state,
    stateReason: i.state_reason ?? null,
    createdAt: i.created_at,
    closedAt: i.closed_at,
    mergedAt: i.pull_request?.merged_at ?? null,
    author,
    authorBot: isBot(i.user),
    authorAssociation: i.author_association,
    labels: i.labels.map((l) => (typeof l === 'string' ? l : l.name)).sort(),
    comments: i.comments,
  };
}

function pickResponse(d: IssueRecordData) {
  return {
    firstResponseAt: d.firstResponseAt,
    firstResponseBy: d.firstResponseBy,
    firstResponseAssociation: d.firstResponseAssociation,
    firstMaintainerResponseAt: d.firstMaintainerResponseAt,
    firstResponseKnown: d.firstResponseKnown,
  };
}

// ---------------------------------------------------------------- star history

/** Stars gained on one UTC day (`YYYY-MM-DD`). */
export interface DayGain {
  readonly day: string;
  readonly stars: number;
}

/**
 * The days of star-history weeks, oldest first. Day k of a week starts `week + k × 86,400` seconds;
 * GitHub does not promise UTC boundaries, so each day is named by the UTC midnight nearest its start
 * (exact for UTC weeks, right for any offset within ±12 hours). A day listed twice (pages read while
 * a new week began, so one week shows on two pages) keeps the count of the later page read.
 */
export function starHistoryDays(weeks: readonly ApiStarHistoryWeek[]): DayGain[] {
  const byDay = new Map<string, number>();
  for (const w of weeks)
    w.days.forEach((stars, k) => {
      const day = isoDate(new Date(Math.round((w.week + k * 86_400) / 86_400) * DAY_MS));
      byDay.set(day, stars);
    });
  return [...byDay]
    .map(([day, stars]) => ({ day, stars }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** `stars_gained` for each day: a one-day window, the stars given that day that are still held. */
export function starGainObservations(s: Subject, days: readonly DayGain[], at: Date): Observation[] {
  return days.map((d) => {
    const start = new Date(`${d.day}T00:00:00Z`);
    return {
      subject: s,
      metric: METRICS.starsGained,
      value: d.stars,
      windowStart: start,
      windowEnd: new Date(start.getTime() + DAY_MS),
      observedAt: at,
    };
  });
}

/**
 * The cumulative curve from daily gains: for every day from the first to the last given (a day the
 * history does not list gained none), `stars` (dims `series=history`) as a level at the next
 * midnight, counting from `start` stars before the first day. Returns the count at the last day's end.
 */
export function starCumulativeObservations(
  s: Subject,
  days: readonly DayGain[],
  start: number,
  at: Date,
): { observations: Observation[]; cumulative: number } {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return { observations: [], cumulative: start };
  const gains = new Map(days.map((d) => [d.day, d.stars]));
  const observations: Observation[] = [];
  let cumulative = start;
  for (let t = Date.parse(`${first.day}T00:00:00Z`); t <= Date.parse(`${last.day}T00:00:00Z`); t += DAY_MS) {
    cumulative += gains.get(isoDate(new Date(t))) ?? 0;
    const end = new Date(t + DAY_MS);
    observations.push({
      subject: s,
      metric: METRICS.stars,
      value: cumulative,
      dims: { series: 'history' },
      windowStart: end,
      windowEnd: end,
      observedAt: at,
    });
  }
  return { observations, cumulative };
}

// ---------------------------------------------------------------- the exact walk (admins only)

/** One star with its 1-based position in the ascending stargazer list. */
export interface StarPoint {
  readonly position: number;
  readonly starredAt: string;
}

/** Where the exact per-star walk stands between runs (stored as a checkpoint by the GitHub collector). */
export interface StarWalkState {
  /** The last day emitted and the cumulative count at its end. */
  readonly lastDay: string | null;
  readonly lastCumulative: number;
  /** The next REST page to fetch (1-based); the last page is re-read while it is partial. */
  readonly nextPage: number;
  /** Stars counted when the walk last finished, so an unchanged count skips the walk. */
  readonly total: number | null;
}

export const EMPTY_STAR_WALK: StarWalkState = { lastDay: null, lastCumulative: 0, nextPage: 1, total: null };

/** The exact walk's series: beside the history, never mixed with it. */
export const EXACT_SERIES = 'exact';

/**
 * The exact walk's daily series from stars in ascending order: for each complete UTC day after
 * `state.lastDay` and before `before` (exclusive: the day still running, or the day the next chunk
 * continues), the cumulative count at the day's end (`stars`, dims `series=exact`, a level at the next
 * midnight) and the stars gained that day (`stars_gained`, dims `series=exact`). Positions are
 * today's order, so this too counts stars still held.
 */
export function computeStarDays(
  s: Subject,
  points: readonly StarPoint[],
  state: Pick<StarWalkState, 'lastDay' | 'lastCumulative'>,
  before: Date,
  at: Date,
): { observations: Observation[]; lastDay: string | null; lastCumulative: number } {
  const dayEnd = new Map<string, number>();
  for (const p of points) {
    const d = p.starredAt.slice(0, 10);
    dayEnd.set(d, Math.max(dayEnd.get(d) ?? 0, p.position));
  }
  const cutoff = isoDate(utcDay(before));
  const days = [...dayEnd.keys()].filter((d) => (state.lastDay === null || d > state.lastDay) && d < cutoff).sort();
  const observations: Observation[] = [];
  let prev = state.lastCumulative;
  let lastDay = state.lastDay;
  const dims = { series: EXACT_SERIES };
  for (const d of days) {
    const cumulative = dayEnd.get(d)!;
    const start = new Date(`${d}T00:00:00Z`);
    const end = new Date(start.getTime() + DAY_MS);
    observations.push({
      subject: s,
      metric: METRICS.stars,
      value: cumulative,
      dims,
      windowStart: end,
      windowEnd: end,
      observedAt: at,
    });
    observations.push({
      subject: s,
      metric: METRICS.starsGained,
      value: cumulative - prev,
      dims,
      windowStart: start,
      windowEnd: end,
      observedAt: at,
    });
    prev = cumulative;
    lastDay = d;
  }
  return { observations, lastDay, lastCumulative: prev };
}
