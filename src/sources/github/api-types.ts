// Raw GitHub REST and GraphQL wire types, only the fields kept reads (docs.github.com/rest;
// ../shared/docs/api-sources.md §2). Optional where GitHub documents null or omits the field.

export interface ApiSimpleUser {
  readonly login: string;
  readonly id: number;
  readonly type: 'User' | 'Bot' | 'Organization' | string;
  readonly site_admin?: boolean;
}

export interface ApiLicense {
  readonly key: string;
  readonly name: string;
  readonly spdx_id: string | null;
}

/** GET /repos/{owner}/{repo} */
export interface ApiRepo {
  readonly id: number;
  readonly full_name: string;
  readonly private: boolean;
  readonly fork: boolean;
  readonly archived: boolean;
  readonly disabled?: boolean;
  readonly created_at: string;
  readonly pushed_at: string | null;
  readonly updated_at: string;
  readonly stargazers_count: number;
  readonly forks_count: number;
  /** The real watcher count; `watchers_count` is a legacy alias of stargazers_count. */
  readonly subscribers_count?: number;
  readonly watchers_count?: number;
  /** Issues AND pull requests that are open. */
  readonly open_issues_count: number;
  readonly license: ApiLicense | null;
  readonly topics?: readonly string[];
  readonly default_branch: string;
  readonly language: string | null;
  readonly homepage?: string | null;
  readonly description: string | null;
}

/** An item of GET /repos/{o}/{r}/stargazers with `Accept: application/vnd.github.star+json`. */
export interface ApiStargazer {
  readonly starred_at: string;
  readonly user: ApiSimpleUser | null;
}

/** An item of GET /repos/{o}/{r}/contributors?anon=1: a user, or an anonymous e-mail identity. */
export type ApiContributor =
  | (ApiSimpleUser & { readonly contributions: number })
  | { readonly type: 'Anonymous'; readonly email?: string; readonly name?: string; readonly contributions: number };

/** GET /users/{login} (only what attribution needs). */
export interface ApiUser extends ApiSimpleUser {
  readonly company: string | null;
  readonly name?: string | null;
  readonly blog?: string | null;
  readonly location?: string | null;
}

/** An item of GET /repos/{o}/{r}/releases */
export interface ApiRelease {
  readonly id: number;
  readonly tag_name: string;
  readonly name: string | null;
  readonly draft: boolean;
  readonly prerelease: boolean;
  readonly created_at: string;
  readonly published_at: string | null;
  readonly body?: string | null;
  readonly html_url: string;
  readonly author?: ApiSimpleUser | null;
}

export interface ApiLabel {
  readonly name: string;
}

/** An item of GET /repos/{o}/{r}/issues (pull requests carry a `pull_request` key). */
export interface ApiIssue {
  readonly id: number;
  readonly number: number;
  readonly title: string;
  readonly state: 'open' | 'closed';
  readonly state_reason?: string | null;
  readonly user: ApiSimpleUser | null;
  readonly labels: readonly (ApiLabel | string)[];
  readonly comments: number;
  readonly created_at: string;
  readonly updated_at: string;
  readonly closed_at: string | null;
  readonly author_association: string;
  readonly html_url: string;
  readonly pull_request?: { readonly url: string; readonly merged_at?: string | null };
}

/** An item of GET /repos/{o}/{r}/issues/comments */
export interface ApiIssueComment {
  readonly id: number;
  readonly issue_url: string;
  readonly user: ApiSimpleUser | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly author_association: string;
}

/**
 * A week of GET /repos/{o}/{r}/stargazers/history (api-sources.md §2, "Changed in 2026"): the stars
 * still held today, bucketed by the day they were given. Pages list weeks newest first.
 */
export interface ApiStarHistoryWeek {
  /** Unix seconds of the week's start (GitHub does not promise UTC week or day boundaries). */
  readonly week: number;
  /** Stars of the week still held. */
  readonly total: number;
  /** Seven integers, one per day from `week`. */
  readonly days: readonly number[];
}

// ---- commits, for contributor breadth without a clone (src/sources/github/commits.ts)

export interface ApiGitActor {
  readonly name?: string | null;
  readonly email?: string | null;
  readonly date?: string | null;
}

/** An item of GET /repos/{owner}/{repo}/commits. */
export interface ApiCommit {
  readonly sha?: string;
  readonly commit?: {
    readonly author?: ApiGitActor | null;
    readonly committer?: ApiGitActor | null;
    readonly message?: string;
  };
  /** The GitHub account linked to the author's address; null when none is. */
  readonly author?: ApiSimpleUser | null;
  readonly committer?: ApiSimpleUser | null;
  readonly parents?: readonly { readonly sha?: string }[];
}
