// Commits and authors' companies from the GitHub REST API, for contributor breadth without a
// clone (api-sources.md §2): list commits page by page (Link header), normalised to the same
// CommitRecord the git source yields; `company` from each author's user record.
import { parseIdent, type CommitRecord, type GitIdent } from '../../domain/contributors.js';
import { InputError } from '../../domain/errors.js';
import type { HttpClient } from '../../http/http-client.js';
import type { ApiCommit } from './api-types.js';
import { fetchUser, GITHUB_JSON, PER_PAGE, type GithubEndpoints } from './fetch.js';

/** `Co-authored-by` values of a commit message's trailer block (its last paragraph), as git reads them. */
export function parseCoAuthorTrailers(message: string): GitIdent[] {
  const paragraphs = message
    .replace(/\r\n/g, '\n')
    .trimEnd()
    .split(/\n\s*\n/);
  if (paragraphs.length < 2) return [];
  const out: GitIdent[] = [];
  for (const line of (paragraphs[paragraphs.length - 1] ?? '').split('\n')) {
    const m = /^co-authored-by\s*:\s*(.*)$/i.exec(line.trim());
    const ident = m?.[1] === undefined ? undefined : parseIdent(m[1]);
    if (ident) out.push(ident);
  }
  return out;
}

/** One API commit as a CommitRecord; undefined when it lacks a sha or dates. Pure. */
export function normalizeApiCommit(item: ApiCommit): CommitRecord | undefined {
  const sha = item.sha;
  const authoredAt = Date.parse(item.commit?.author?.date ?? '');
  const committedAt = Date.parse(item.commit?.committer?.date ?? item.commit?.author?.date ?? '');
  if (!sha || Number.isNaN(authoredAt) || Number.isNaN(committedAt)) return undefined;
  const login = item.author?.login;
  return {
    sha,
    parents: item.parents?.length ?? 0,
    author: {
      name: item.commit?.author?.name ?? '',
      email: item.commit?.author?.email ?? '',
      ...(login ? { login } : {}),
    },
    authoredAt,
    committedAt,
    coAuthors: parseCoAuthorTrailers(item.commit?.message ?? ''),
  };
}

export interface ListCommitsOptions {
  readonly since?: Date;
  readonly until?: Date;
  /** Skip merge commits (default true), like `git log --no-merges`. */
  readonly noMerges?: boolean;
}

/** The commits of the default branch, newest first, one page at a time. */
export async function* listRepositoryCommits(
  http: HttpClient,
  ep: GithubEndpoints,
  repo: string,
  options: ListCommitsOptions = {},
): AsyncGenerator<CommitRecord> {
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new InputError(`"${repo}" is not a GitHub owner/repo`);
  const q = new URLSearchParams({ per_page: String(PER_PAGE) });
  if (options.since) q.set('since', options.since.toISOString());
  if (options.until) q.set('until', options.until.toISOString());
  for await (const page of http.paginate<ApiCommit>(`${ep.apiUrl}/repos/${repo}/commits?${q.toString()}`, {
    headers: { accept: GITHUB_JSON },
  })) {
    if (!Array.isArray(page.body)) throw new InputError(`${page.url}: expected a JSON array of commits`);
    for (const item of page.body) {
      const c = normalizeApiCommit(item);
      if (!c) continue;
      if (options.noMerges !== false && c.parents > 1) continue;
      yield c;
    }
  }
}

/** `company` of each login (GET /users/{login}); logins without one, or unknown (404), are left out. */
export async function collectCompanies(
  http: HttpClient,
  ep: GithubEndpoints,
  logins: Iterable<string>,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const login of new Set([...logins].map((l) => l.toLowerCase()))) {
    if (login.endsWith('[bot]')) continue;
    const company = (await fetchUser(http, ep, login))?.company;
    if (typeof company === 'string' && company.trim() !== '') out[login] = company.trim();
  }
  return out;
}
