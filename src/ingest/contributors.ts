// The write side of contributor breadth: streams a clone's `git log` (or lists the GitHub API's
// commits) into the pure tally, then stores the figures as observations (origin = repository path
// @ HEAD sha) and the whole report as a record, which views/contributors reads back.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { CommitRecord, ContributorReport, ContributorWindow } from '../domain/contributors.js';
import { InputError, errorMessage } from '../domain/errors.js';
import { METRICS } from '../domain/metrics.js';
import type { BatchResult, Observation, WriteBatch } from '../domain/observation.js';
import type { Project } from '../domain/project.js';
import { subject, type Subject } from '../domain/subject.js';
import { AffiliationResolver, parseAffiliationFile } from '../signals/affiliation.js';
import { ContributorTally } from '../signals/contributors.js';
import { resolveRepository, streamGitLog } from '../sources/git/log.js';
import { collectCompanies, listRepositoryCommits } from '../sources/github/commits.js';
import type { GithubEndpoints } from '../sources/github/fetch.js';
import type { HttpClient } from '../http/http-client.js';
import type { Store } from '../store/store.js';
import { CONTRIBUTORS_RECORD_KIND } from '../domain/records.js';

export const CONTRIBUTORS_SOURCE = 'git';

export interface ContributorRunOptions {
  readonly asOf: Date;
  readonly since?: Date;
  readonly until?: Date;
  /** Count merge commits too (default false). */
  readonly merges?: boolean;
  /** Apply .mailmap (default true). */
  readonly mailmap?: boolean;
  /** A gitdm-style affiliation file (signals/affiliation.ts parseAffiliationFile). */
  readonly affiliationFile?: string;
  /** A JSON object: GitHub login or e-mail address → `company`. */
  readonly companiesFile?: string;
  readonly bots?: readonly string[];
  readonly activeMinCommits?: number;
  /** The catalog project, by id; otherwise guessed from the `origin` remote. */
  readonly project?: string;
  /** Catalog projects, to recognise the clone's GitHub remote. */
  readonly projects?: readonly Project[];
  readonly git?: string;
  /** Called every few thousand commits with the count so far. */
  readonly onProgress?: (commits: number) => void;
}

/** Reads the clone's history once, streaming, and computes every contributor figure. */
export async function collectRepositoryContributors(
  path: string,
  options: ContributorRunOptions,
): Promise<ContributorReport> {
  const git = options.git ?? 'git';
  const repo = await resolveRepository(path, git);
  const affiliation = new AffiliationResolver({
    ...(options.affiliationFile ? { rules: readAffiliationFile(options.affiliationFile) } : {}),
    ...(options.companiesFile ? { companies: readCompaniesFile(options.companiesFile) } : {}),
  });
  const tally = new ContributorTally({
    asOf: options.asOf,
    affiliation,
    ...(options.bots ? { bots: options.bots } : {}),
    ...(options.activeMinCommits === undefined ? {} : { activeMinCommits: options.activeMinCommits }),
  });
  let n = 0;
  for await (const c of streamGitLog(repo.root, {
    rev: repo.head,
    noMerges: options.merges !== true,
    useMailmap: options.mailmap !== false,
    git,
    ...(options.since ? { since: options.since } : {}),
    ...(options.until ? { until: options.until } : {}),
  })) {
    tally.add(c);
    if (++n % 5000 === 0) options.onProgress?.(n);
  }
  const project = options.project ?? (await guessProject(repo.root, git, options.projects ?? []));
  return {
    ...tally.result(),
    source: {
      kind: 'git',
      path: repo.root,
      head: repo.head,
      since: options.since?.toISOString() ?? null,
      until: options.until?.toISOString() ?? null,
      merges: options.merges === true,
      mailmap: options.mailmap !== false,
      project: project ?? null,
    },
  };
}

function readAffiliationFile(file: string): ReturnType<typeof parseAffiliationFile>['rules'] {
  if (!existsSync(file))
    throw new InputError(`${file}: no such affiliation file`, { hint: 'check the --affiliations path' });
  const { rules, problems } = parseAffiliationFile(readFileSync(file, 'utf8'));
  if (problems.length > 0) {
    throw new InputError(
      `${file}: ${problems[0] ?? ''}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
      {
        hint: 'each line is "address-or-domain Organisation [< YYYY-MM-DD]"; # starts a comment',
      },
    );
  }
  return rules;
}

function readCompaniesFile(file: string): Record<string, string> {
  if (!existsSync(file))
    throw new InputError(`${file}: no such companies file`, { hint: 'check the --companies path' });
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`${file}: not JSON (${errorMessage(err)})`, {
      hint: 'write {"login-or-address": "Company", …}',
      cause: err,
    });
  }
  if (
    typeof data !== 'object' ||
    data === null ||
    Array.isArray(data) ||
    !Object.values(data).every((v) => typeof v === 'string')
  ) {
    throw new InputError(`${file}: expected an object of strings`, {
      hint: 'write {"login-or-address": "Company", …}',
    });
  }
  return data as Record<string, string>;
}

/** The catalog project whose GitHub repository is the clone's `origin`, if any. */
async function guessProject(root: string, git: string, projects: readonly Project[]): Promise<string | undefined> {
  if (projects.length === 0) return undefined;
  const url = await new Promise<string>((res) => {
    execFile(git, ['remote', 'get-url', 'origin'], { cwd: root, encoding: 'utf8' }, (err, out) =>
      res(err ? '' : out.trim()),
    );
  });
  const m = /github\.com[:/]([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/i.exec(url);
  if (!m?.[1]) return undefined;
  const slug = m[1].toLowerCase();
  return projects.find((p) => p.github?.toLowerCase() === slug)?.id;
}

/** The subjects a report is stored under: the clone, and its project when known. */
export function contributorSubjects(report: ContributorReport): Subject[] {
  const out = [
    report.source.kind === 'github' ? subject('github', report.source.path) : subject('git', report.source.path),
  ];
  if (report.source.project) out.push(subject('project', report.source.project));
  return out;
}

/** Observations per window (null figures are unknown, so not stored) and the report as a record. */
export function contributorBatch(report: ContributorReport, fetchedAt: Date): WriteBatch {
  const observations: Observation[] = [];
  const windowEnd = new Date(report.asOf);
  for (const s of contributorSubjects(report)) {
    for (const w of report.windows) {
      const windowStart = new Date(w.start ?? report.range.first ?? report.asOf);
      const push = (metric: string, value: number | null, extra: Record<string, string> = {}): void => {
        if (value === null) return;
        observations.push({
          subject: s,
          metric,
          value,
          dims: { window: w.window, ...extra },
          windowStart,
          windowEnd,
          observedAt: fetchedAt,
        });
      };
      for (const [metric, value] of windowFigures(w)) push(metric, value);
      for (const o of w.organizations) push(METRICS.organizationCommits, o.contributions, { organization: o.name });
    }
  }
  return {
    provenance: {
      source: report.source.kind === 'github' ? 'github' : CONTRIBUTORS_SOURCE,
      origin:
        report.source.kind === 'github'
          ? `https://github.com/${report.source.path}@${report.source.head}`
          : `${report.source.path}@${report.source.head}`,
      fetchedAt,
    },
    observations,
    records: contributorSubjects(report).map((s) => ({
      subject: s,
      kind: CONTRIBUTORS_RECORD_KIND,
      key: `${report.source.head}|${report.asOf}|${report.source.since ?? ''}|${report.source.until ?? ''}|${report.source.merges ? 'merges' : ''}`,
      observedAt: fetchedAt,
      data: report,
    })),
  };
}

function windowFigures(w: ContributorWindow): [string, number | null][] {
  return [
    [METRICS.commits, w.commits],
    [METRICS.contributors, w.contributors],
    [METRICS.activeContributors, w.activeContributors],
    [METRICS.newContributors, w.newContributors],
    [METRICS.botCommits, w.bots.commits],
    [METRICS.elephantFactor, w.elephantFactor],
    [METRICS.busFactor, w.busFactor],
    [METRICS.topOrganizationShare, w.topOrganizationShare],
    [METRICS.unattributedShare, w.unattributedShare],
  ];
}

export async function storeContributors(
  store: Store,
  report: ContributorReport,
  fetchedAt: Date,
): Promise<BatchResult> {
  return store.write(contributorBatch(report, fetchedAt));
}

export interface GithubContributorOptions extends Omit<
  ContributorRunOptions,
  'mailmap' | 'git' | 'affiliationFile' | 'companiesFile'
> {
  /** Look up each author's GitHub `company` (one request per login; default false). */
  readonly companies?: boolean;
  readonly affiliationFile?: string;
  /** API endpoints (default api.github.com; the CLI takes them from the configured upstreams). */
  readonly endpoints?: GithubEndpoints;
}

/**
 * The same figures from the GitHub API when there is no clone. Commits are held in memory (the
 * API's rate limit bounds them, and companies must be known before attribution); .mailmap is not
 * applied, but the API's login links merge a person's addresses.
 */
export async function collectGithubContributors(
  http: HttpClient,
  repo: string,
  options: GithubContributorOptions,
): Promise<ContributorReport> {
  const commits: CommitRecord[] = [];
  const ep = options.endpoints ?? { apiUrl: 'https://api.github.com', graphqlUrl: 'https://api.github.com/graphql' };
  for await (const c of listRepositoryCommits(http, ep, repo, {
    noMerges: options.merges !== true,
    ...(options.since ? { since: options.since } : {}),
    ...(options.until ? { until: options.until } : {}),
  })) {
    commits.push(c);
    if (commits.length % 5000 === 0) options.onProgress?.(commits.length);
  }
  const logins = commits.flatMap((c) => (c.author.login ? [c.author.login] : []));
  const companies = options.companies ? await collectCompanies(http, ep, logins) : {};
  const affiliation = new AffiliationResolver({
    ...(options.affiliationFile ? { rules: readAffiliationFile(options.affiliationFile) } : {}),
    companies,
  });
  const tally = new ContributorTally({
    asOf: options.asOf,
    affiliation,
    ...(options.bots ? { bots: options.bots } : {}),
    ...(options.activeMinCommits === undefined ? {} : { activeMinCommits: options.activeMinCommits }),
  });
  for (const c of commits) tally.add(c);
  const slug = repo.toLowerCase();
  const project = options.project ?? options.projects?.find((p) => p.github?.toLowerCase() === slug)?.id;
  return {
    ...tally.result(),
    source: {
      kind: 'github',
      path: repo,
      head: commits[0]?.sha ?? '',
      since: options.since?.toISOString() ?? null,
      until: options.until?.toISOString() ?? null,
      merges: options.merges === true,
      mailmap: false,
      project: project ?? null,
    },
  };
}
