// Issue-tracker health: time to first response (first comment by someone other than the author,
// not a bot) and time to close, p50/p90, share unanswered after N days, open backlog and its
// trend — for issues and pull requests, and for issues by topic. Pure; asOf passed in.
//
// Censoring: an issue still open at asOf has not "closed yet", it has not closed *so far*. Taking
// p50 over closed issues only drops the slow ones and reads too fast, so the headline quantiles
// are Kaplan–Meier estimates that count open issues as censored at their age; the closed-only
// quantiles are kept beside them for comparison. A close by a stale bot is no resolution either: it
// is censored at its close time the same way, and counted.
//
// What the data is: a tracker sample is detected from the issue numbers (issues and pull requests
// share one sequence from #1), and a rule that needs a field the records lack says it could not run.
import { isBotAccount } from '../domain/bots.js';
import { staleClosure, type Issue } from '../domain/issue.js';
import { DAY_MS, addMonths } from '../domain/time.js';
import { ALL_TOPICS, topicClassifier, type IssueTopic, type TopicRule } from '../domain/issue-topics.js';

export interface IssueHealthOptions {
  readonly asOf: Date;
  /** Only issues created on or after this date (default: all). */
  readonly since?: Date;
  /** "Unanswered after N days" (product.md: 30). */
  readonly unansweredAfterDays?: number;
  readonly topicRules?: readonly TopicRule[];
  /** Set when the issues are a sample (not every issue): shares describe the sample, not the tracker. */
  readonly sample?: string;
  /** Backlog trend months (default 6). */
  readonly backlogMonths?: number;
}

export interface Quantiles {
  /** Days; undefined when not reached (KM) or no data. */
  readonly p50: number | undefined;
  readonly p90: number | undefined;
}

/** Kaplan–Meier quantiles with the counts behind them. */
export interface SurvivalQuantiles extends Quantiles {
  /** Items with the event (responded / closed) by asOf. */
  readonly events: number;
  /** Items still waiting at asOf, counted as censored at their age. */
  readonly censored: number;
  /** Longest time observed (days): a quantile not reached is "more than" this. */
  readonly maxObserved: number | undefined;
}

export interface DurationFigure {
  /** 'measured' from timestamps; 'unknown' when the data lacks them (reason says which). */
  readonly basis: 'measured' | 'unknown';
  readonly reason: string | undefined;
  /** Kaplan–Meier over all items, open ones censored (the headline). */
  readonly km: SurvivalQuantiles | undefined;
  /** Over completed items only: biased low, shown for comparison. */
  readonly completedOnly: (Quantiles & { readonly n: number }) | undefined;
}

export interface UnansweredFigure {
  /**
   * 'first-response': no qualifying comment within N days (comment timestamps known);
   * 'comment-count': zero comments of any kind as fetched, a lower bound (author and bot
   * comments count as answers there); 'unknown': neither is available.
   */
  readonly basis: 'first-response' | 'comment-count' | 'unknown';
  readonly afterDays: number;
  /** Issues at least N days old at asOf with the data needed. */
  readonly eligible: number;
  readonly unanswered: number;
  readonly share: number | undefined;
}

export interface BacklogFigure {
  readonly open: number;
  readonly ageP50: number | undefined;
  readonly ageP90: number | undefined;
  readonly oldestDays: number | undefined;
}

export interface GroupHealth {
  readonly count: number;
  readonly open: number;
  /** Closed by asOf, stale closes included. */
  readonly closed: number;
  /** Of the closed, those closed as stale: censored at their close in time to close, not resolved. */
  readonly closedAsStale: number;
  readonly firstResponse: DurationFigure;
  readonly timeToClose: DurationFigure;
  readonly unanswered: UnansweredFigure;
  readonly backlog: BacklogFigure;
}

export interface BacklogPoint {
  /** End of month (exclusive bound, 00:00 UTC of the next month's first day) or asOf. */
  readonly at: string;
  readonly open: number;
}

/**
 * How much of the tracker the data holds. Issues and pull requests share one number sequence from
 * #1, so the highest number held estimates the tracker's size and the numbers missing below it
 * tell a sample from the whole.
 */
export interface TrackerCoverage {
  /**
   * 'complete': at least 90% of the numbers up to the highest are held (deleted and transferred
   * items leave gaps); 'sample': declared one, or fewer numbers held than a full tracker would
   * have; 'undetermined': issues only, and the missing numbers may all be pull requests.
   */
  readonly status: 'complete' | 'sample' | 'undetermined';
  /** The description the import gave (`kept import issues --sample`), if any. */
  readonly declared: string | undefined;
  /** Distinct issue and pull-request numbers held. */
  readonly held: number;
  readonly pullRequestsHeld: number;
  /** The highest number held: about how many issues and pull requests the tracker has. */
  readonly highestNumber: number;
  /**
   * "sample of 1,416 of ~21,004 issues and pull requests (…)", or what was found. A sample's
   * counts, shares and backlog describe the sample, not the whole tracker: faces show this first.
   */
  readonly statement: string;
}

/** Closes as stale, over issues (not pull requests), and which evidence the rule could use. */
export interface StaleClosures {
  /**
   * 'labels-and-closer': stale labels, and the closing account for every closed issue;
   * 'labels': stale labels, the closing account for some or none (a stale bot's close without a
   * label is then not seen); 'closer': closing accounts without labels; 'unavailable': neither.
   */
  readonly rule: 'labels-and-closer' | 'labels' | 'closer' | 'unavailable';
  readonly closed: number;
  readonly stale: number;
  /** stale / closed; undefined when nothing closed or the rule could not run. */
  readonly share: number | undefined;
  /** Closed issues whose record names the account that closed them (`closed_by`). */
  readonly closerRecorded: number;
}

/** Whether items opened by bots could be left out: it needs who opened each item. */
export interface BotOpened {
  /** 'applied': every item names its author; 'partial': some do; 'unavailable': none does. */
  readonly rule: 'applied' | 'partial' | 'unavailable';
  readonly left: number;
  readonly authorRecorded: number;
  readonly items: number;
}

export interface IssueHealth {
  readonly asOf: Date;
  readonly since: Date | undefined;
  /** Set when the issues are a sample (declared or detected): the coverage statement. */
  readonly sample: string | undefined;
  readonly coverage: TrackerCoverage;
  readonly staleClosures: StaleClosures;
  readonly botOpened: BotOpened;
  readonly issues: GroupHealth;
  readonly pullRequests: GroupHealth;
  /** Issues (not pull requests) by topic: an issue counts under every topic it matches; other: none. */
  readonly byTopic: Readonly<Record<IssueTopic, GroupHealth>>;
  /** Serving and memory issues together: the checklist's triage question. */
  readonly servingAndMemory: GroupHealth;
  readonly backlogTrend: readonly BacklogPoint[];
  readonly notes: readonly string[];
}

const days = (ms: number) => ms / DAY_MS;

/** Linear-interpolation quantile (type 7, as numpy and Python's statistics 'inclusive'). */
export function quantile(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Kaplan–Meier: the smallest time at which the survival curve falls to ≤ 1 - q. */
export function kaplanMeier(items: readonly { readonly t: number; readonly event: boolean }[]): SurvivalQuantiles {
  const sorted = [...items].sort((a, b) => a.t - b.t || Number(b.event) - Number(a.event));
  let atRisk = sorted.length;
  let s = 1;
  let p50: number | undefined;
  let p90: number | undefined;
  let i = 0;
  while (i < sorted.length) {
    const t = sorted[i]!.t;
    let d = 0;
    let c = 0;
    while (i < sorted.length && sorted[i]!.t === t) {
      if (sorted[i]!.event) d++;
      else c++;
      i++;
    }
    if (d > 0) {
      s *= 1 - d / atRisk;
      if (p50 === undefined && s <= 0.5 + 1e-12) p50 = t;
      if (p90 === undefined && s <= 0.1 + 1e-12) p90 = t;
    }
    atRisk -= d + c;
  }
  const events = items.filter((x) => x.event).length;
  return {
    p50,
    p90,
    events,
    censored: items.length - events,
    maxObserved: sorted.length ? sorted[sorted.length - 1]!.t : undefined,
  };
}

/** Whether the first response of an issue can be known: comments collected, or recorded by the collector. */
function responseKnowable(issue: Issue): boolean {
  return issue.comments !== undefined || issue.recordedFirstResponse?.known === true;
}

/**
 * The median as far as it is known: exact when the curve reached it; otherwise a lower bound
 * (more than half were still waiting at the longest time observed). Undefined without data.
 */
export function medianBound(
  km: SurvivalQuantiles | undefined,
): { readonly days: number; readonly exact: boolean } | undefined {
  if (!km) return undefined;
  if (km.p50 !== undefined) return { days: km.p50, exact: true };
  return km.maxObserved === undefined ? undefined : { days: km.maxObserved, exact: false };
}

/** The first comment by someone other than the author that is not a bot, on or before asOf. */
export function firstResponse(issue: Issue, asOf: Date): Date | undefined {
  if (issue.comments === undefined) {
    const at = issue.recordedFirstResponse?.known ? issue.recordedFirstResponse.at : undefined;
    return at && at.getTime() <= asOf.getTime() ? at : undefined;
  }
  for (const c of issue.comments) {
    if (c.createdAt.getTime() > asOf.getTime()) break;
    if (c.author !== undefined && c.author === issue.author) continue;
    if (isBotAccount(c.author, c.authorType)) continue;
    return c.createdAt;
  }
  return undefined;
}

function closedBy(issue: Issue, asOf: Date): boolean {
  return issue.state === 'closed' && issue.closedAt !== undefined && issue.closedAt.getTime() <= asOf.getTime();
}

function isOpenAt(issue: Issue, at: Date): boolean {
  if (issue.createdAt.getTime() > at.getTime()) return false;
  if (issue.closedAt !== undefined && issue.closedAt.getTime() <= at.getTime()) return false;
  // Closed without a recorded close time: we cannot place it; treat as closed (not backlog).
  return !(issue.state === 'closed' && issue.closedAt === undefined);
}

function group(items: readonly Issue[], asOf: Date, afterDays: number): GroupHealth {
  const now = asOf.getTime();
  const closed = items.filter((i) => closedBy(i, asOf));
  const stale = closed.filter((i) => staleClosure(i) !== undefined);
  const resolved = closed.filter((i) => staleClosure(i) === undefined);
  const openItems = items.filter((i) => isOpenAt(i, asOf));

  // Time to close: resolutions are events; open items are censored at their age and stale closes
  // at their close (the bot stopped the clock, nobody resolved them); closed-without-date dropped.
  const closeItems = [
    ...resolved.map((i) => ({ t: days(i.closedAt!.getTime() - i.createdAt.getTime()), event: true })),
    ...stale.map((i) => ({ t: days(i.closedAt!.getTime() - i.createdAt.getTime()), event: false })),
    ...openItems.map((i) => ({ t: days(now - i.createdAt.getTime()), event: false })),
  ];
  const closedDurations = resolved
    .map((i) => days(i.closedAt!.getTime() - i.createdAt.getTime()))
    .sort((a, b) => a - b);
  const timeToClose: DurationFigure = items.length
    ? {
        basis: 'measured',
        reason: undefined,
        km: kaplanMeier(closeItems),
        completedOnly: {
          n: closedDurations.length,
          p50: quantile(closedDurations, 0.5),
          p90: quantile(closedDurations, 0.9),
        },
      }
    : { basis: 'unknown', reason: 'no items', km: undefined, completedOnly: undefined };

  // First response: only where comments (with timestamps) were collected.
  const withComments = items.filter(responseKnowable);
  let firstResp: DurationFigure;
  if (withComments.length === 0) {
    const counts = items.some((i) => i.commentCount !== undefined);
    firstResp = {
      basis: 'unknown',
      reason:
        items.length === 0
          ? 'no items'
          : counts
            ? 'comment counts only, no comment timestamps'
            : 'comments not collected',
      km: undefined,
      completedOnly: undefined,
    };
  } else {
    const resp = withComments.map((i) => {
      const r = firstResponse(i, asOf);
      // An issue closed without a response stops waiting at its close; censor it there.
      const end = r ? r.getTime() : closedBy(i, asOf) ? i.closedAt!.getTime() : now;
      return { t: days(end - i.createdAt.getTime()), event: r !== undefined };
    });
    const done = resp
      .filter((r) => r.event)
      .map((r) => r.t)
      .sort((a, b) => a - b);
    firstResp = {
      basis: 'measured',
      reason:
        withComments.length < items.length
          ? `first response known for ${withComments.length} of ${items.length}`
          : undefined,
      km: kaplanMeier(resp),
      completedOnly: { n: done.length, p50: quantile(done, 0.5), p90: quantile(done, 0.9) },
    };
  }

  // Unanswered after N days, among items at least N days old.
  const cutoff = now - afterDays * DAY_MS;
  const old = items.filter((i) => i.createdAt.getTime() <= cutoff);
  let unanswered: UnansweredFigure;
  const oldWithComments = old.filter(responseKnowable);
  if (oldWithComments.length > 0) {
    const n = oldWithComments.filter((i) => {
      const r = firstResponse(i, asOf);
      return r === undefined || r.getTime() - i.createdAt.getTime() > afterDays * DAY_MS;
    }).length;
    unanswered = {
      basis: 'first-response',
      afterDays,
      eligible: oldWithComments.length,
      unanswered: n,
      share: n / oldWithComments.length,
    };
  } else {
    const counted = old.filter((i) => i.commentCount !== undefined);
    const n = counted.filter((i) => i.commentCount === 0).length;
    unanswered = counted.length
      ? { basis: 'comment-count', afterDays, eligible: counted.length, unanswered: n, share: n / counted.length }
      : { basis: 'unknown', afterDays, eligible: 0, unanswered: 0, share: undefined };
  }

  const ages = openItems.map((i) => days(now - i.createdAt.getTime())).sort((a, b) => a - b);
  return {
    count: items.length,
    open: openItems.length,
    closed: closed.length,
    closedAsStale: stale.length,
    firstResponse: firstResp,
    timeToClose,
    unanswered,
    backlog: {
      open: openItems.length,
      ageP50: quantile(ages, 0.5),
      ageP90: quantile(ages, 0.9),
      oldestDays: ages.length ? ages[ages.length - 1] : undefined,
    },
  };
}

/** 21004 → "21,004": exact counts in sentences (no locale). */
const int = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;

/** A full tracker holds at least this share of the numbers below its highest (deleted, transferred and spam items leave gaps). */
const COMPLETE_SHARE = 0.9;
/**
 * Issues only: below this share of the numbers the file cannot be every issue unless pull requests
 * outnumber issues three to one; above it, the missing numbers may all be pull requests.
 */
const ISSUES_ONLY_SAMPLE_SHARE = 0.25;

/** What share of the tracker the items are, from their numbers and what the import declared. */
export function trackerCoverage(items: readonly Issue[], declared: string | undefined): TrackerCoverage {
  const numbers = new Set(items.map((i) => i.number));
  const held = numbers.size;
  const pullRequestsHeld = new Set(items.filter((i) => i.isPullRequest).map((i) => i.number)).size;
  const highestNumber = [...numbers].reduce((m, n) => Math.max(m, n), 0);
  const share = highestNumber ? held / highestNumber : 0;
  const range = `numbers up to #${int(highestNumber)}`;
  let status: TrackerCoverage['status'];
  if (declared !== undefined) status = 'sample';
  else if (held === 0 || share >= COMPLETE_SHARE) status = 'complete';
  else if (pullRequestsHeld || share < ISSUES_ONLY_SAMPLE_SHARE) status = 'sample';
  else status = 'undetermined';
  let statement: string;
  if (status === 'sample')
    statement = `sample of ${int(held)} of ~${int(highestNumber)} issues and pull requests (${range}${
      pullRequestsHeld ? '' : ', no pull requests held'
    }${declared !== undefined ? `; declared: ${declared}` : ''})`;
  else if (status === 'complete')
    statement = held
      ? `${int(held)} of the issue and pull-request numbers #1–#${int(highestNumber)} held: the whole tracker`
      : 'no issues held';
  else
    statement = `${int(held)} issues over ${range}, no pull requests held: whether this is every issue cannot be told (issues and pull requests share the numbers)`;
  return { status, declared, held, pullRequestsHeld, highestNumber, statement };
}

export function computeIssueHealth(all: readonly Issue[], options: IssueHealthOptions): IssueHealth {
  const { asOf } = options;
  const afterDays = options.unansweredAfterDays ?? 30;
  const clf = topicClassifier(options.topicRules);
  const created = all.filter((i) => i.createdAt.getTime() <= asOf.getTime());
  const coverage = trackerCoverage(created, options.sample);
  const dated = created.filter((i) => options.since === undefined || i.createdAt.getTime() >= options.since.getTime());
  // Items opened by bots (dependency bumps, release bots) are not requests waiting for people.
  const inScope = dated.filter((i) => !isBotAccount(i.author, i.authorType));
  const authorRecorded = dated.filter((i) => i.recorded.author).length;
  const botOpened: BotOpened = {
    rule: authorRecorded === dated.length ? 'applied' : authorRecorded === 0 ? 'unavailable' : 'partial',
    left: dated.length - inScope.length,
    authorRecorded,
    items: dated.length,
  };
  const issues = inScope.filter((i) => !i.isPullRequest);
  const pulls = inScope.filter((i) => i.isPullRequest);
  const byTopicItems = new Map<IssueTopic, Issue[]>(ALL_TOPICS.map((t) => [t, []]));
  const servingMemory: Issue[] = [];
  for (const i of issues) {
    const c = clf.classify(i);
    for (const t of c.topics) byTopicItems.get(t)!.push(i);
    if (c.topics.includes('serving') || c.topics.includes('memory')) servingMemory.push(i);
  }
  const byTopic = Object.fromEntries(
    ALL_TOPICS.map((t) => [t, group(byTopicItems.get(t)!, asOf, afterDays)]),
  ) as Record<IssueTopic, GroupHealth>;
  const issueGroup = group(issues, asOf, afterDays);

  const closedIssues = issues.filter((i) => closedBy(i, asOf));
  const closerRecorded = closedIssues.filter((i) => i.recorded.closedBy).length;
  const labelsRecorded = issues.some((i) => i.recorded.labels);
  const staleRule: StaleClosures['rule'] = labelsRecorded
    ? closerRecorded === closedIssues.length
      ? 'labels-and-closer'
      : 'labels'
    : closerRecorded
      ? 'closer'
      : 'unavailable';
  const staleClosures: StaleClosures = {
    rule: staleRule,
    closed: closedIssues.length,
    stale: issueGroup.closedAsStale,
    share:
      closedIssues.length && staleRule !== 'unavailable' ? issueGroup.closedAsStale / closedIssues.length : undefined,
    closerRecorded,
  };

  const months = options.backlogMonths ?? 6;
  const backlogTrend: BacklogPoint[] = [];
  const firstOfMonth = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), 1));
  for (let k = months - 1; k >= 0; k--) {
    const at = addMonths(firstOfMonth, -k);
    if (at.getTime() >= asOf.getTime()) continue;
    backlogTrend.push({ at: at.toISOString(), open: issues.filter((i) => isOpenAt(i, at)).length });
  }
  backlogTrend.push({ at: asOf.toISOString(), open: issues.filter((i) => isOpenAt(i, asOf)).length });

  // The coverage statement is not repeated here: faces show it first, from `coverage`.
  const notes: string[] = [];
  notes.push(
    'time to close p50/p90 are Kaplan–Meier estimates with still-open items censored at their age and closes as stale at their close; closed-only quantiles (biased low, stale closes left out) are shown beside them',
  );
  notes.push(staleNote(staleClosures));
  if (botOpened.rule === 'unavailable')
    notes.push(`who opened each item is not in the records (no "user"): items opened by bots could not be left out`);
  else {
    if (botOpened.left) notes.push(`${botOpened.left} items opened by bots left out`);
    if (botOpened.rule === 'partial')
      notes.push(
        `who opened the item is recorded for ${int(authorRecorded)} of ${int(dated.length)} items: bots among the others could not be left out`,
      );
  }
  if (inScope.length && !inScope.some(responseKnowable))
    notes.push(
      'no comment timestamps: time to first response is unknown; "unanswered" falls back to items with zero comments (a lower bound)',
    );
  const undated = inScope.filter((i) => i.state === 'closed' && i.closedAt === undefined).length;
  if (undated) notes.push(`${undated} closed items have no close time and are left out of time to close`);
  if (pulls.length === 0) notes.push('no pull requests in the data');

  return {
    asOf,
    since: options.since,
    sample: coverage.status === 'sample' ? coverage.statement : undefined,
    coverage,
    staleClosures,
    botOpened,
    issues: issueGroup,
    pullRequests: group(pulls, asOf, afterDays),
    byTopic,
    servingAndMemory: group(servingMemory, asOf, afterDays),
    backlogTrend,
    notes,
  };
}

/** The sentence that says how many closes were stale and what the rule could see. */
function staleNote(s: StaleClosures): string {
  if (s.rule === 'unavailable')
    return 'closes as stale could not be told apart: the records carry neither labels nor the account that closed each issue';
  const counted =
    s.closed === 0
      ? 'no closed issues to check for stale closes'
      : `${int(s.stale)} of ${int(s.closed)} closed issues (${pct(s.share ?? 0)}) were closed as stale (a stale, no-activity or inactive label, or a bot closing as not planned): censored at their close in time to close, not counted as resolved`;
  if (s.rule === 'labels-and-closer' || s.closed === 0) return counted;
  if (s.rule === 'closer')
    return `${counted}; the records carry no labels, so only closes by a bot are seen (on ${int(s.closerRecorded)} of ${int(s.closed)} with a recorded closer)`;
  return `${counted}; the account that closed the issue is recorded for ${int(s.closerRecorded)} of ${int(s.closed)}, so a stale bot's close without a label cannot be seen on the others`;
}
