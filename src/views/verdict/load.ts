// Reads what a project's deployment verdict weighs: the issue, comment, release and doc records
// of its repository (GitHub REST JSON or the GitHub source's records), registry version states,
// download series, stars, dependents, container pulls, Hub fan-out and a stored contributor
// report. The only I/O of the verdict view; everything is judged in compute.ts.
import type { ContributorReportScope } from '../../classify/contributor-input.js';
import type { ContributorBreadthInput, TierThresholds } from '../../classify/tier.js';
import type { TopicRule } from '../../domain/issue-topics.js';
import type { ContributorReport } from '../../domain/contributors.js';
import { METRICS } from '../../domain/metrics.js';
import { projectArtifacts, type Project } from '../../domain/project.js';
import { ISSUES_SAMPLE_FACT, READ_KINDS } from '../../domain/records.js';
import type { Subject } from '../../domain/subject.js';
import type { Store, StoredFact, StoredObservation, StoredRecord } from '../../store/store.js';
import { CONTRIBUTORS_RECORD_KIND, latestContributorReport } from '../contributors/load.js';
import { tryFanout, type StoredFanout } from '../fanout/load.js';
import { loadDownloadSeries, type DownloadSeries } from '../shared/download-series.js';
import { resolveAsOf } from '../shared/freshness.js';
import { latestWindowEnd, PROJECT_USAGE_READS } from '../shared/latest-data.js';
import type { ViewRequest } from '../view.js';

/** The verdict's settings from kept.yaml (`verdict:`): thresholds, topic rules, the unanswered window. */
export interface VerdictSettings {
  readonly thresholds?: TierThresholds;
  readonly topicRules?: readonly TopicRule[];
  readonly unansweredAfterDays?: number;
}

export interface VerdictRequest extends ViewRequest {
  readonly project: Project;
  readonly settings?: VerdictSettings;
  /** Contributor breadth computed elsewhere (kept verdict --contributors FILE); else the stored report. */
  readonly contributors?: ContributorBreadthInput;
  /** Where the given contributors come from and the end of their window, so the verdict can state it. */
  readonly contributorsScope?: ContributorReportScope;
  /**
   * Where the store's usage data ends, when the caller read it already (the dashboard reads it
   * once for every page); without it and without asOf, load reads it (the default as-of date).
   */
  readonly latestData?: Date | undefined;
}

/** The as-of date a project view judges at: asked, else the end of the store's usage data, else today. */
export async function projectAsOf(
  store: Store,
  request: Pick<VerdictRequest, 'asOf' | 'today' | 'latestData'>,
): Promise<{ asOf: Date; latestData: Date | undefined }> {
  const latestData = request.asOf
    ? undefined
    : (request.latestData ?? (await latestWindowEnd(store, PROJECT_USAGE_READS)));
  return { asOf: resolveAsOf(request.asOf, latestData, request.today).asOf, latestData };
}

/**
 * Everything the verdict reads from the store. A profile passes its own series and fan-out so each
 * loads once; the overview passes loaders answering from data prefetched for the whole catalog
 * (views/overview/load.ts). Each returns what the same store query would, in the store's order.
 */
export interface VerdictLoaders {
  series(subject: Subject): Promise<DownloadSeries | undefined>;
  fanout(subject: Subject): Promise<StoredFanout | null>;
  /** Stored records of these kinds about these subjects. */
  records(subjects: readonly Subject[], kinds: readonly string[]): Promise<StoredRecord[]>;
  /** Stored facts of these names about these subjects. */
  facts(subjects: readonly Subject[], names: readonly string[]): Promise<StoredFact[]>;
  /** Observations of one metric about these subjects whose window ends on or before `to`. */
  observations(subjects: readonly Subject[], metric: string, to: Date): Promise<StoredObservation[]>;
}

/** The loaders that query the store directly, one query per call. */
export function storeVerdictLoaders(store: Store, asOf: Date): VerdictLoaders {
  return {
    series: (s) => loadDownloadSeries(store, s),
    fanout: (s) => tryFanout(store, s, asOf),
    records: (subjects, kinds) => store.records({ subjects, kinds }),
    facts: (subjects, names) => store.facts({ subjects, names }),
    observations: (subjects, metric, to) => store.observations({ subjects, metrics: [metric], to }),
  };
}

/** The record kinds the verdict reads about a repository and about its packages. */
export const REPO_RECORD_KINDS: readonly string[] = Object.values(READ_KINDS).flat();
export const REGISTRY_RECORD_KINDS: readonly string[] = ['npm-version', 'pypi-release'];

/** What the verdict of one project is computed from: the store's rows, as read. */
export interface VerdictInputs {
  readonly project: Project;
  /** The project's repository, when it has one. */
  readonly repo: Subject | undefined;
  /** Issue, comment, release and doc records of the repository (every stored version). */
  readonly repoRecords: readonly StoredRecord[];
  /** Facts naming the stored issues a sample. */
  readonly sampleFacts: readonly StoredFact[];
  /** Star counts of the repository, up to asOf. */
  readonly stars: readonly StoredObservation[];
  /** Fork counts of the repository, up to asOf (usage around a star burst when nothing else tells). */
  readonly forks: readonly StoredObservation[];
  /** npm-version and pypi-release records of the packages. */
  readonly registryRecords: readonly StoredRecord[];
  /** The PyPI and npm packages with their download series (undefined: none stored). */
  readonly series: readonly { readonly subject: Subject; readonly series: DownloadSeries | undefined }[];
  /** Dependents counts of the packages, up to asOf. */
  readonly dependents: readonly StoredObservation[];
  /** Cumulative pulls of the Docker Hub and GHCR images, up to asOf. */
  readonly containerPulls: readonly StoredObservation[];
  /** The Hub base models with their fan-out (null: nothing stored). */
  readonly fanouts: readonly { readonly subject: Subject; readonly fanout: StoredFanout | null }[];
  /** The latest `kept contributors` report stored for the project, unless contributors were given. */
  readonly storedContributors: ContributorReport | undefined;
  readonly givenContributors: ContributorBreadthInput | undefined;
  /** The given report's project, repository and window end (kept verdict --contributors FILE). */
  readonly givenContributorsScope?: ContributorReportScope | undefined;
  /** Where the store's usage data ends, read when no as-of date was asked for (the default). */
  readonly latestData?: Date | undefined;
}

/** Reads one project's verdict inputs through `load` (the store, or data prefetched for many projects). */
export async function loadVerdictInputs(
  load: VerdictLoaders,
  project: Project,
  asOf: Date,
  givenContributors?: ContributorBreadthInput,
): Promise<VerdictInputs> {
  const artifacts = projectArtifacts(project);
  const repo = artifacts.find((a) => a.kind === 'github');
  const packages = artifacts.filter((x) => x.kind === 'pypi' || x.kind === 'npm');
  const images = artifacts.filter((x) => x.kind === 'docker' || x.kind === 'ghcr');
  const models = artifacts.filter((x) => x.kind === 'hf');
  const repoRecords = repo ? await load.records([repo], REPO_RECORD_KINDS) : [];
  const sampleFacts = repo ? await load.facts([repo], [ISSUES_SAMPLE_FACT]) : [];
  const registryRecords = repo && packages.length ? await load.records(packages, REGISTRY_RECORD_KINDS) : [];
  const stars = repo ? await load.observations([repo], METRICS.stars, asOf) : [];
  const forks = repo ? await load.observations([repo], METRICS.forks, asOf) : [];
  const series: { subject: Subject; series: DownloadSeries | undefined }[] = [];
  for (const p of packages) series.push({ subject: p, series: await load.series(p) });
  const dependents = packages.length ? await load.observations(packages, METRICS.dependents, asOf) : [];
  const containerPulls = images.length ? await load.observations(images, METRICS.pullsTotal, asOf) : [];
  const fanouts: { subject: Subject; fanout: StoredFanout | null }[] = [];
  for (const m of models) fanouts.push({ subject: m, fanout: await load.fanout(m) });
  const storedContributors = givenContributors
    ? undefined
    : latestContributorReport(await load.records([{ kind: 'project', id: project.id }], [CONTRIBUTORS_RECORD_KIND]));
  return {
    project,
    repo,
    repoRecords,
    sampleFacts,
    stars,
    forks,
    registryRecords,
    series,
    dependents,
    containerPulls,
    fanouts,
    storedContributors,
    givenContributors,
  };
}

/** The verdict view's load: one project's inputs, straight from the store. */
export async function loadVerdict(store: Store, request: VerdictRequest): Promise<VerdictInputs> {
  const { asOf, latestData } = await projectAsOf(store, request);
  const inputs = await loadVerdictInputs(storeVerdictLoaders(store, asOf), request.project, asOf, request.contributors);
  return {
    ...inputs,
    latestData,
    ...(request.contributorsScope ? { givenContributorsScope: request.contributorsScope } : {}),
  };
}
