// Issues and pull requests as kept reads them: the subset of the GitHub REST issue (and issue
// comment) JSON that the issue-health signal needs, read tolerantly from stored records, and the
// rule that tells a close by a stale bot from a resolution. Pure.
import { isBotAccount } from './bots.js';
import { isObj, str, date } from './json-values.js';

/** One comment, as far as triage is concerned: who wrote it, when, and in what role. */
export interface IssueComment {
  readonly author: string | undefined;
  /** GitHub `user.type`: 'User', 'Bot', 'Organization'…; undefined when not recorded. */
  readonly authorType: string | undefined;
  /** GitHub `author_association`: OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE… */
  readonly authorAssociation: string | undefined;
  readonly createdAt: Date;
}

/**
 * Which of the fields a rule depends on the record carries at all: a rule that needs one the data
 * lacks says it could not run instead of reading the absence as "no".
 */
export interface IssueFieldsRecorded {
  /** A `labels` list (possibly empty). */
  readonly labels: boolean;
  /** Who opened it (`user` in the REST shape, `author` in the GitHub source's record). */
  readonly author: boolean;
  /** Who closed it: set only for closed issues whose record names the account (`closed_by`). */
  readonly closedBy: boolean;
  /** GitHub's `state_reason` (completed, not_planned, …), for closed issues. */
  readonly stateReason: boolean;
}

export interface Issue {
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
  readonly state: 'open' | 'closed';
  readonly createdAt: Date;
  /** undefined while open (and for closed issues whose close time was not recorded). */
  readonly closedAt: Date | undefined;
  readonly author: string | undefined;
  readonly authorType: string | undefined;
  readonly authorAssociation: string | undefined;
  /** GitHub lists pull requests among issues; they carry a `pull_request` key. */
  readonly isPullRequest: boolean;
  /** The `comments` count as fetched (all authors, bots included); undefined when absent. */
  readonly commentCount: number | undefined;
  /** The comments with timestamps, when they were collected; undefined means "not collected". */
  readonly comments: readonly IssueComment[] | undefined;
  /**
   * A first response computed by the collector (the GitHub source stores `firstResponseAt` with
   * `firstResponseKnown`); undefined when the record carries none. `at` undefined + known = none yet.
   */
  readonly recordedFirstResponse: { readonly at: Date | undefined; readonly known: boolean } | undefined;
  readonly url: string | undefined;
  /** The account that closed it (REST `closed_by.login`); undefined when open or not recorded. */
  readonly closedBy: string | undefined;
  /** `closed_by.type` ('User', 'Bot'); undefined when not recorded. */
  readonly closedByType: string | undefined;
  /** REST `state_reason` (completed, not_planned, duplicate, reopened); undefined when not recorded. */
  readonly stateReason: string | undefined;
  readonly recorded: IssueFieldsRecorded;
}

/** Labels arrive as names (exports) or as `{name, …}` objects (the REST API). */
function labelNames(x: unknown): string[] {
  if (!Array.isArray(x)) return [];
  const out: string[] = [];
  for (const l of x) {
    const name = typeof l === 'string' ? l : isObj(l) ? str(l.name) : undefined;
    if (name) out.push(name);
  }
  return out;
}

/** The fields every issue must have, in either shape (`created_at` or `createdAt`). */
function requiredFields(
  data: Record<string, unknown>,
  createdField: 'created_at' | 'createdAt',
): { number: number; createdAt: Date; state: 'open' | 'closed' } | { error: string } {
  const number = data.number;
  if (typeof number !== 'number' || !Number.isInteger(number) || number <= 0)
    return { error: 'missing or invalid "number"' };
  const createdAt = date(data[createdField]);
  if (!createdAt) return { error: `issue #${number}: missing or invalid "${createdField}"` };
  const state = data.state === 'open' || data.state === 'closed' ? data.state : undefined;
  if (!state) return { error: `issue #${number}: "state" must be "open" or "closed"` };
  return { number, createdAt, state };
}

/**
 * Reads one GitHub REST issue object (or the sample export's subset of it), or the normalised
 * record the GitHub source stores (`github-issue` / `github-pull`: camelCase fields with
 * `firstResponseAt` / `firstResponseKnown`). Returns a reason string instead of throwing when a
 * required field (number, created time, state) is missing.
 */
export function parseApiIssue(data: unknown): Issue | { error: string } {
  if (!isObj(data)) return { error: 'not a JSON object' };
  if (data.created_at === undefined && data.createdAt !== undefined) return parseIssueRecordData(data);
  const core = requiredFields(data, 'created_at');
  if ('error' in core) return core;
  const { number, createdAt, state } = core;
  const user = isObj(data.user) ? data.user : undefined;
  const closer = state === 'closed' && isObj(data.closed_by) ? data.closed_by : undefined;
  const stateReason = str(data.state_reason);
  const url = str(data.html_url);
  return {
    number,
    title: str(data.title) ?? '',
    body: str(data.body) ?? '',
    labels: labelNames(data.labels),
    state,
    createdAt,
    closedAt: date(data.closed_at),
    author: user ? str(user.login) : undefined,
    authorType: user ? str(user.type) : undefined,
    authorAssociation: str(data.author_association),
    isPullRequest:
      data.pull_request !== undefined && data.pull_request !== null ? true : (url?.includes('/pull/') ?? false),
    commentCount: typeof data.comments === 'number' ? data.comments : undefined,
    comments: undefined,
    recordedFirstResponse: undefined,
    url,
    closedBy: closer ? str(closer.login) : undefined,
    closedByType: closer ? str(closer.type) : undefined,
    stateReason,
    recorded: {
      labels: Array.isArray(data.labels),
      // `user: null` is a deleted account (GitHub's "ghost"): recorded, just not a bot.
      author: data.user !== undefined,
      closedBy: closer !== undefined && str(closer.login) !== undefined,
      stateReason: stateReason !== undefined,
    },
  };
}

/** The GitHub source's normalised issue record (src/sources/github/normalize.ts IssueRecordData). */
function parseIssueRecordData(data: Record<string, unknown>): Issue | { error: string } {
  const core = requiredFields(data, 'createdAt');
  if ('error' in core) return core;
  const { number, createdAt, state } = core;
  const known = data.firstResponseKnown === true;
  return {
    number,
    title: str(data.title) ?? '',
    body: str(data.body) ?? '',
    labels: labelNames(data.labels),
    state,
    createdAt,
    closedAt: date(data.closedAt),
    author: str(data.author),
    authorType: data.authorBot === true ? 'Bot' : undefined,
    authorAssociation: str(data.authorAssociation),
    isPullRequest: data.pullRequest === true,
    commentCount: typeof data.comments === 'number' ? data.comments : undefined,
    comments: undefined,
    recordedFirstResponse:
      data.firstResponseKnown === undefined ? undefined : { at: known ? date(data.firstResponseAt) : undefined, known },
    url: str(data.html_url) ?? str(data.url),
    closedBy: state === 'closed' ? str(data.closedBy) : undefined,
    closedByType: state === 'closed' && data.closedByBot === true ? 'Bot' : undefined,
    stateReason: str(data.stateReason),
    recorded: {
      labels: Array.isArray(data.labels),
      author: data.author !== undefined,
      closedBy: state === 'closed' && str(data.closedBy) !== undefined,
      stateReason: str(data.stateReason) !== undefined,
    },
  };
}

/** Reads one GitHub REST issue-comment object; the issue number comes from its `issue_url`. */
export function parseApiIssueComment(
  data: unknown,
): { issueNumber: number; comment: IssueComment } | { error: string } {
  if (!isObj(data)) return { error: 'not a JSON object' };
  const createdAt = date(data.created_at);
  if (!createdAt) return { error: 'missing or invalid "created_at"' };
  const m = /\/issues\/(\d+)$/.exec(str(data.issue_url) ?? '');
  const issueNumber = m ? Number(m[1]) : typeof data.issue_number === 'number' ? data.issue_number : undefined;
  if (issueNumber === undefined) return { error: 'no "issue_url" to tell which issue the comment belongs to' };
  const user = isObj(data.user) ? data.user : undefined;
  return {
    issueNumber,
    comment: {
      author: user ? str(user.login) : undefined,
      authorType: user ? str(user.type) : undefined,
      authorAssociation: str(data.author_association),
      createdAt,
    },
  };
}

/**
 * Attaches comments to their issues (sorted by time). Calling it says comments were collected for
 * these issues, so an issue with none gets `[]` (answered by nobody), not undefined (not known).
 */
export function attachComments(
  issues: readonly Issue[],
  comments: readonly { issueNumber: number; comment: IssueComment }[],
): Issue[] {
  const by = new Map<number, IssueComment[]>();
  for (const c of comments) {
    const list = by.get(c.issueNumber) ?? [];
    list.push(c.comment);
    by.set(c.issueNumber, list);
  }
  return issues.map((i) => {
    const list = by.get(i.number) ?? [];
    return {
      ...i,
      comments: [...(i.comments ?? []), ...list].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
    };
  });
}

/**
 * Labels stale bots put on an issue before closing it (actions/stale "Stale", llama.cpp "stale",
 * SGLang "inactive", Kubernetes "lifecycle/stale", "no-activity", "no-recent-activity"), as words
 * of the label name, case-insensitive. Labels that exempt an issue from the bot are not stale.
 */
const STALE_LABEL = /\b(stale|inactive|no[- _]?(recent[- _])?activity)\b/i;
const STALE_EXEMPT = /exempt|\b(no|not|never)[- _]?stale\b/i;

/** A label that marks an issue stale (not one that exempts it from the stale bot). */
export function isStaleLabel(name: string): boolean {
  return STALE_LABEL.test(name) && !STALE_EXEMPT.test(name);
}

/**
 * Why a closed issue counts as closed as stale, or undefined when it does not: a stale label on it
 * ('label'), or the account that closed it is a bot that either is a stale bot by name or closed
 * the issue as not planned ('closer'). A stale close is the bot giving up, not a resolution.
 */
export function staleClosure(issue: Issue): 'label' | 'closer' | undefined {
  if (issue.state !== 'closed') return undefined;
  if (issue.labels.some(isStaleLabel)) return 'label';
  if (
    issue.closedBy !== undefined &&
    isBotAccount(issue.closedBy, issue.closedByType) &&
    (/stale/i.test(issue.closedBy) || issue.stateReason === 'not_planned')
  )
    return 'closer';
  return undefined;
}
