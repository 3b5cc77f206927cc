// Contributor breadth: the commit shape sources yield and the result the contributor signal
// returns. Other signals (the deployment tier, the checklist) consume ContributorBreadth only.

/** A person as git records them: the name and address of an author or a Co-authored-by trailer. */
export interface GitIdent {
  readonly name: string;
  readonly email: string;
  /** The GitHub account the address is linked to, when the source knows it (the API's `author.login`). */
  readonly login?: string;
}

/** Splits a trailer value `Name <email>` (either part may be missing) into an identity. */
export function parseIdent(value: string): GitIdent | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  const lt = text.lastIndexOf('<');
  const gt = text.lastIndexOf('>');
  if (lt >= 0 && gt > lt) return { name: text.slice(0, lt).trim(), email: text.slice(lt + 1, gt).trim() };
  return text.includes('@') && !/\s/.test(text) ? { name: '', email: text } : { name: text, email: '' };
}

/** One commit, as read from `git log` (mailmap applied to the author when the source does so). */
export interface CommitRecord {
  readonly sha: string;
  /** Number of parents: 0 for a root, 2+ for a merge. */
  readonly parents: number;
  readonly author: GitIdent;
  /** Author time, epoch milliseconds. */
  readonly authoredAt: number;
  /** Committer time, epoch milliseconds: when the change landed; windows are judged on it. */
  readonly committedAt: number;
  /** People credited by `Co-authored-by` trailers, as written (not deduplicated). */
  readonly coAuthors: readonly GitIdent[];
}

/** A window a figure is computed over. `all` has no start. */
export type ContributorWindowName = 'all' | '12m' | '6m';

export interface OrganizationShare {
  readonly name: string;
  /** Credited contributions (commit × person: authors and co-authors) attributed to the organisation in the window. */
  readonly contributions: number;
  /** Of all human contributions in the window (so shares + unattributedShare = 1). */
  readonly share: number;
  /** Of attributed contributions only. */
  readonly shareOfAttributed: number;
  /** People contributing under this organisation in the window. */
  readonly contributors: number;
  /** Region from the organisation → region catalog, when known. */
  readonly region?: string;
}

/** Why a contribution has no organisation: the honest breakdown behind unattributedShare. */
export interface UnattributedBreakdown {
  /** gmail.com, outlook.com, pm.me, qq.com… */
  readonly freemail: number;
  /** users.noreply.github.com with no known company for the login. */
  readonly noreply: number;
  /** A domain only one person ever used and no list names as a company: likely a personal domain. */
  readonly personalDomain: number;
  /** No usable address (empty, no domain, localhost). */
  readonly unknown: number;
}

export interface ContributorWindow {
  readonly window: ContributorWindowName;
  /** Inclusive start (ISO timestamp) or null for all time. */
  readonly start: string | null;
  /** Exclusive end (ISO timestamp): asOf. */
  readonly end: string;
  /** Non-merge (unless merges were asked for) human commits landed in the window. */
  readonly commits: number;
  /** Commits × distinct credited people (author + co-authors): the base of every share below. */
  readonly contributions: number;
  /** Distinct people credited at least once. */
  readonly contributors: number;
  /** People credited with at least `activeMinCommits` commits in the window. */
  readonly activeContributors: number;
  /** People whose first contribution ever falls in this window. */
  readonly newContributors: number;
  readonly bots: { readonly accounts: number; readonly commits: number };
  readonly organizations: readonly OrganizationShare[];
  /** Share of the largest organisation among attributed contributions; null when none is attributed. */
  readonly topOrganizationShare: number | null;
  /** Fewest organisations covering 50% of attributed contributions; null when none is attributed. */
  readonly elephantFactor: number | null;
  /** Fewest people covering 50% of contributions; null when there are none. */
  readonly busFactor: number | null;
  /** Contributions without an organisation / all contributions; null when there are none. */
  readonly unattributedShare: number | null;
  readonly unattributed: UnattributedBreakdown;
  /** The people covering the bus factor, most active first (display names after merging). */
  readonly topContributors: readonly {
    readonly name: string;
    /** Commits credited to the person in the window, as author or co-author. */
    readonly contributions: number;
    /** Commits the person authored in the window; null in a report stored before it was counted. */
    readonly authoredCommits: number | null;
    readonly organization: string | null;
  }[];
}

/** New people per calendar quarter (by their first contribution), oldest first. */
export interface NewContributorPoint {
  readonly period: string;
  readonly newContributors: number;
}

/**
 * The stored report's schema. v2 (from v1): organisations and people hold `contributions`
 * (commits credited as author or co-author; v1 called them `commits`) and people their
 * `authoredCommits`.
 */
export const CONTRIBUTOR_REPORT_SCHEMA = 'kept.contributors/v2';

export interface ContributorBreadth {
  readonly schema: typeof CONTRIBUTOR_REPORT_SCHEMA;
  readonly asOf: string;
  readonly activeMinCommits: number;
  readonly windows: readonly ContributorWindow[];
  readonly newContributorTrend: readonly NewContributorPoint[];
  /** Identities (distinct addresses) merged into people, and how many people resulted. */
  readonly identities: { readonly addresses: number; readonly people: number };
  /** Commits seen but not counted because they landed at or after asOf. */
  readonly skipped: { readonly afterAsOf: number };
  /** Landing time of the first and last human commit counted (ISO), null when none. */
  readonly range: { readonly first: string | null; readonly last: string | null };
}

/** Where a breadth was computed from: a clone (or the GitHub API) at a commit, with the options that shaped the walk. */
export interface ContributorSource {
  readonly kind: 'git' | 'github';
  /** Absolute path of the work tree, or `owner/repo` for the GitHub API. */
  readonly path: string;
  /** Newest commit walked (HEAD of the clone, or the first commit the API listed). */
  readonly head: string;
  readonly since: string | null;
  readonly until: string | null;
  readonly merges: boolean;
  readonly mailmap: boolean;
  /** The catalog project the clone belongs to, when known. */
  readonly project: string | null;
}

/** What `kept contributors --json` prints and what is stored as a record. */
export type ContributorReport = ContributorBreadth & { readonly source: ContributorSource };

/** The checklist point "more than one organisation contributing", judged from a breadth. */
export interface MultiOrganizationJudgement {
  readonly verdict: 'pass' | 'fail' | 'unknown';
  readonly window: ContributorWindowName;
  /** Organisations with at least `minShare` of all contributions in the window. */
  readonly organizations: number;
  readonly minShare: number;
  readonly elephantFactor: number | null;
  readonly topOrganizationShare: number | null;
  readonly unattributedShare: number | null;
  /** One sentence with the numbers behind the verdict. */
  readonly reason: string;
}

/**
 * A stored report in the current shape: v1 reports (organisations' and people's `commits`, which
 * held contributions) are renamed; their people's authored commits are unknown (null).
 */
export function upgradeContributorReport(data: unknown): ContributorReport | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const r = data as { schema?: unknown; windows?: unknown };
  if (r.schema === CONTRIBUTOR_REPORT_SCHEMA) return data as ContributorReport;
  if (r.schema !== 'kept.contributors/v1' || !Array.isArray(r.windows)) return undefined;
  type V1Window = Omit<ContributorWindow, 'organizations' | 'topContributors'> & {
    organizations?: (Omit<OrganizationShare, 'contributions'> & { commits: number })[];
    topContributors?: { name: string; commits: number; organization: string | null }[];
  };
  const v1 = data as Omit<ContributorReport, 'schema' | 'windows'> & { windows: V1Window[] };
  return {
    ...v1,
    schema: CONTRIBUTOR_REPORT_SCHEMA,
    windows: v1.windows.map(({ organizations, topContributors, ...w }) => ({
      ...w,
      // A v1 report written by hand or by an older tool may lack either list: read as empty.
      organizations: (organizations ?? []).map(({ commits, ...o }) => ({ ...o, contributions: commits })),
      topContributors: (topContributors ?? []).map(({ commits, ...p }) => ({
        ...p,
        contributions: commits,
        authoredCommits: null,
      })),
    })),
  };
}
