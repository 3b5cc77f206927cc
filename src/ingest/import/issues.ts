// `kept import issues FILE`: a JSON-lines file of GitHub issues (REST issue objects, or the subset
// the shared samples carry) stored as `issue` records of the repository, in one transaction, so
// the issue-health signal and the verdict work offline. Records keep the JSON exactly as read.
import { resolve } from 'node:path';
import { InputError } from '../../domain/errors.js';
import type { IssuesImportSummary } from '../../domain/imports.js';
import { parseApiIssue } from '../../domain/issue.js';
import type { DocumentRecord, Fact } from '../../domain/observation.js';
import { parseSubject, subject, type Subject } from '../../domain/subject.js';
import type { Store } from '../../store/store.js';
import { ISSUES_SAMPLE_FACT, RECORD_KINDS } from '../../domain/records.js';
import { readLineBatches } from '../../files/read-lines.js';
import { badValueError, countProblem, dateProblem } from '../../files/values.js';
import { isoDate } from '../../domain/time.js';

export const ISSUES_FILE_SOURCE = 'issues-file';
export interface ImportIssuesOptions {
  /** owner/repo; taken from the issues' html_url when omitted. */
  readonly repo?: string;
  /** When the file was fetched; default: the latest timestamp inside it (a lower bound). */
  readonly at?: Date;
  /** Marks the file as a sample (e.g. "stratified by resolution time"): reports say so. */
  readonly sample?: string;
  readonly fetchedAt: Date;
}

function repoFromUrl(url: string | undefined): string | undefined {
  const m = /^https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\/(issues|pull)\/\d+/.exec(url ?? '');
  return m?.[1];
}

export async function importIssues(
  store: Store,
  file: string,
  options: ImportIssuesOptions,
): Promise<IssuesImportSummary> {
  const path = resolve(file);
  const rows: { data: unknown; number: number; repo: string | undefined; latest: number; pr: boolean }[] = [];
  // Streamed line by line: the parsed issues are held for the one-transaction write, the text not.
  let lineNo = 0;
  for await (const batch of readLineBatches(path)) {
    for (const raw of batch) {
      lineNo++;
      const line = raw.trim();
      if (!line) continue;
      let data: unknown;
      try {
        data = JSON.parse(line);
      } catch {
        throw new InputError(`${file}:${lineNo}: not valid JSON`, {
          hint: 'the file must hold one GitHub issue JSON object per line; nothing was imported',
        });
      }
      const issue = parseApiIssue(data);
      if ('error' in issue)
        throw new InputError(`${file}:${lineNo}: ${issue.error}`, {
          hint: 'each line must be a GitHub issue object (number, state, created_at); nothing was imported',
        });
      const badDate =
        dateProblem(isoDate(issue.createdAt), options.fetchedAt) ??
        (issue.closedAt ? dateProblem(isoDate(issue.closedAt), options.fetchedAt) : undefined);
      if (badDate) throw badValueError(file, lineNo, badDate, `issue #${issue.number}:`);
      if (issue.commentCount !== undefined && countProblem(issue.commentCount))
        throw badValueError(file, lineNo, countProblem(issue.commentCount)!, `issue #${issue.number}: comments`);
      rows.push({
        data,
        number: issue.number,
        repo: repoFromUrl(issue.url),
        latest: Math.max(issue.createdAt.getTime(), issue.closedAt?.getTime() ?? 0),
        pr: issue.isPullRequest,
      });
    }
  }
  if (rows.length === 0)
    throw new InputError(`${file}: no issues in the file`, { hint: 'pass a JSON-lines file of GitHub issues' });

  let repo: Subject;
  if (options.repo) {
    const s = parseSubject(`github:${options.repo}`);
    if ('error' in s) throw new InputError(`--repo ${options.repo}: ${s.error}`, { hint: 'write --repo owner/name' });
    repo = s;
  } else {
    const repos = [...new Set(rows.map((r) => r.repo).filter((r): r is string => r !== undefined))];
    if (repos.length !== 1) {
      throw new InputError(
        `${file}: ${repos.length === 0 ? 'no html_url tells which repository these issues belong to' : `issues from ${repos.length} repositories (${repos.slice(0, 3).join(', ')})`}`,
        { hint: 'pass --repo owner/name' },
      );
    }
    repo = subject('github', repos[0]!);
  }
  const observedAt = options.at ?? new Date(rows.reduce((m, r) => Math.max(m, r.latest), 0));
  const records: DocumentRecord[] = rows.map((r) => ({
    subject: repo,
    kind: RECORD_KINDS.issue,
    key: String(r.number),
    observedAt,
    data: r.data,
  }));
  const facts: Fact[] = options.sample
    ? [{ subject: repo, name: ISSUES_SAMPLE_FACT, value: options.sample, observedAt }]
    : [];
  const res = await store.write({
    provenance: { source: ISSUES_FILE_SOURCE, origin: path, fetchedAt: options.fetchedAt },
    records,
    facts,
  });
  return {
    repo: repo.id,
    issues: rows.filter((r) => !r.pr).length,
    pullRequests: rows.filter((r) => r.pr).length,
    added: res.added,
    observedAt,
  };
}
