// Reads everything kept stores about one project: the verdict's inputs (download series, records,
// levels, fan-out), every download window of its packages, the observations and facts of each
// artifact, the GitHub contributor and release records, and the collection failures that still
// stand. The only I/O of the profile view; compute.ts judges it.
import { UNKNOWN_FACT_PREFIX } from '../../domain/collected.js';
import { METRICS } from '../../domain/metrics.js';
import { projectArtifacts, type Project } from '../../domain/project.js';
import { formatSubject, groupBySubject, type Subject } from '../../domain/subject.js';
import type { Store, StoredFact, StoredObservation, StoredRecord } from '../../store/store.js';
import { prefetchVerdictLoaders } from '../overview/load.js';
import type { ChartRange } from '../shared/chart-range.js';
import { seriesFromObservations, type DownloadSeries } from '../shared/download-series.js';
import { loadVerdictInputs, projectAsOf, type VerdictInputs, type VerdictSettings } from '../verdict/load.js';
import type { ViewRequest } from '../view.js';

export interface ProfileRequest extends ViewRequest {
  readonly project: Project;
  readonly settings?: VerdictSettings;
  /** The time range of the download charts (default every stored window). */
  readonly range?: ChartRange;
  /** Where the store's usage data ends, when the caller read it already (see VerdictRequest). */
  readonly latestData?: Date | undefined;
}

/** GitHub record kinds the profile reads (contributors with their companies, releases). */
export const GITHUB_PROFILE_RECORD_KINDS: readonly string[] = ['github-contributor', 'github-release'];

export interface ProfileInputs {
  readonly project: Project;
  readonly verdict: VerdictInputs;
  /** Every download observation of each PyPI and npm package (any window, any dims), up to asOf. */
  readonly downloads: readonly { readonly subject: Subject; readonly observations: readonly StoredObservation[] }[];
  /** Every observation of the repository, images, Ollama names, Hub organisations and models, up to asOf. */
  readonly artifacts: readonly { readonly subject: Subject; readonly observations: readonly StoredObservation[] }[];
  /** Every fact about the project's artifacts (any date: compute keeps those on or before asOf). */
  readonly facts: readonly StoredFact[];
  /** The repository's contributor and release records. */
  readonly githubRecords: readonly StoredRecord[];
  /**
   * Failures recorded by live collection (`unknown:<metric>` facts): the newest per subject,
   * metric and source on or before asOf, unless that source has since stored a level of the metric.
   */
  readonly failures: readonly StoredFact[];
  /** Where the store's usage data ends, read when no as-of date was asked for (the default). */
  readonly latestData?: Date | undefined;
}

export async function loadProfileInputs(store: Store, project: Project, asOf: Date): Promise<ProfileInputs> {
  return (await loadProfileInputsMany(store, [project], asOf))[0]!;
}

/** Rows by subject, read with one query per subject kind (DuckDB pushes `kind = x AND id IN (...)` into its scan). */
async function byKind(
  subjects: readonly Subject[],
  read: (subjects: readonly Subject[]) => Promise<StoredObservation[]>,
): Promise<Map<string, StoredObservation[]>> {
  const rows: StoredObservation[] = [];
  for (const kind of [...new Set(subjects.map((s) => s.kind))])
    rows.push(...(await read(subjects.filter((s) => s.kind === kind))));
  return groupBySubject(rows);
}

/**
 * Several projects' profile inputs at one date, read together: each package's downloads once (every
 * window and dims; the verdict's series is taken from the same rows) and one query per kind of
 * data for all projects, instead of a dozen queries per project (compare, and a profile page on a
 * big store, where each read of the downloads is a scan of the whole table).
 */
export async function loadProfileInputsMany(
  store: Store,
  projects: readonly Project[],
  asOf: Date,
): Promise<ProfileInputs[]> {
  const unique = (subjects: readonly Subject[]): Subject[] => [
    ...new Map(subjects.map((s) => [formatSubject(s), s])).values(),
  ];
  const all = unique(projects.flatMap(projectArtifacts));
  const packages = all.filter((x) => x.kind === 'pypi' || x.kind === 'npm');
  const others = all.filter((x) => x.kind !== 'pypi' && x.kind !== 'npm');
  const downloads = await byKind(packages, (subjects) =>
    store.observations({ subjects, metrics: [METRICS.downloads] }),
  );
  const series = new Map<string, DownloadSeries>();
  for (const p of packages) {
    const s = seriesFromObservations(p, downloads.get(formatSubject(p)) ?? []);
    if (s) series.set(formatSubject(p), s);
  }
  const loaders = await prefetchVerdictLoaders(store, projects, asOf, series);
  const otherRows = await byKind(others, (subjects) => store.observations({ subjects, to: asOf }));
  const facts = all.length ? await store.facts({ subjects: all }) : [];
  const repos = all.filter((a) => a.kind === 'github');
  const records = repos.length ? await store.records({ subjects: repos, kinds: GITHUB_PROFILE_RECORD_KINDS }) : [];
  const out: ProfileInputs[] = [];
  for (const project of projects) {
    const artifacts = projectArtifacts(project);
    const mine = new Set(artifacts.map(formatSubject));
    const projectFacts = facts.filter((f) => mine.has(formatSubject(f.subject)));
    out.push({
      project,
      verdict: await loadVerdictInputs(loaders, project, asOf),
      downloads: artifacts
        .filter((x) => x.kind === 'pypi' || x.kind === 'npm')
        .map((subject) => ({
          subject,
          observations: (downloads.get(formatSubject(subject)) ?? []).filter(
            (o) => o.windowEnd.getTime() <= asOf.getTime(),
          ),
        })),
      artifacts: artifacts
        .filter((x) => x.kind !== 'pypi' && x.kind !== 'npm')
        .map((subject) => ({ subject, observations: otherRows.get(formatSubject(subject)) ?? [] })),
      facts: projectFacts,
      githubRecords: records.filter((r) => mine.has(formatSubject(r.subject))),
      failures: await standingFailures(store, projectFacts, asOf),
    });
  }
  return out;
}

/** The recorded failures a later level of the same metric from the same source has not answered. */
async function standingFailures(store: Store, facts: readonly StoredFact[], asOf: Date): Promise<StoredFact[]> {
  const seen = new Set<string>();
  const out: StoredFact[] = [];
  for (const f of [...facts].sort((a, b) => b.observedAt.getTime() - a.observedAt.getTime())) {
    if (!f.name.startsWith(UNKNOWN_FACT_PREFIX) || f.observedAt.getTime() > asOf.getTime()) continue;
    const key = `${formatSubject(f.subject)} ${f.name} ${f.source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const later = await store.observations({
      subjects: [f.subject],
      metrics: [f.name.slice(UNKNOWN_FACT_PREFIX.length)],
      sources: [f.source],
      windowDays: 0,
      from: f.observedAt,
      to: asOf,
    });
    if (later.length === 0) out.push(f);
  }
  return out;
}

/** The profile view's load: at the date asked, else where the store's usage data ends. */
export async function loadProfile(store: Store, request: ProfileRequest): Promise<ProfileInputs> {
  const { asOf, latestData } = await projectAsOf(store, request);
  return { ...(await loadProfileInputs(store, request.project, asOf)), latestData };
}

/** Several projects' profile inputs at one date (asked, else where the store's usage data ends), read together. */
export async function loadProfiles(
  store: Store,
  request: Omit<ProfileRequest, 'project'> & { readonly projects: readonly Project[] },
): Promise<ProfileInputs[]> {
  const { asOf, latestData } = await projectAsOf(store, request);
  return (await loadProfileInputsMany(store, request.projects, asOf)).map((i) => ({ ...i, latestData }));
}
