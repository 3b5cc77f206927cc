// Reads everything kept stores about one project: the verdict's inputs (download series, records,
// levels, fan-out), every download window of its packages, the observations and facts of each
// artifact, the GitHub contributor and release records, and the collection failures that still
// stand. The only I/O of the profile view; compute.ts judges it.
import { UNKNOWN_FACT_PREFIX } from '../../domain/collected.js';
import { METRICS } from '../../domain/metrics.js';
import { projectArtifacts, type Project } from '../../domain/project.js';
import { formatSubject, type Subject } from '../../domain/subject.js';
import type { Store, StoredFact, StoredObservation, StoredRecord } from '../../store/store.js';
import {
  loadVerdictInputs,
  projectAsOf,
  storeVerdictLoaders,
  type VerdictInputs,
  type VerdictSettings,
} from '../verdict/load.js';
import type { ViewRequest } from '../view.js';

export interface ProfileRequest extends ViewRequest {
  readonly project: Project;
  readonly settings?: VerdictSettings;
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
  const artifacts = projectArtifacts(project);
  const verdict = await loadVerdictInputs(storeVerdictLoaders(store, asOf), project, asOf);
  const downloads: { subject: Subject; observations: StoredObservation[] }[] = [];
  for (const a of artifacts.filter((x) => x.kind === 'pypi' || x.kind === 'npm'))
    downloads.push({
      subject: a,
      observations: await store.observations({ subjects: [a], metrics: [METRICS.downloads], to: asOf }),
    });
  const others: { subject: Subject; observations: StoredObservation[] }[] = [];
  for (const a of artifacts.filter((x) => x.kind !== 'pypi' && x.kind !== 'npm'))
    others.push({ subject: a, observations: await store.observations({ subjects: [a], to: asOf }) });
  const facts = artifacts.length ? await store.facts({ subjects: artifacts }) : [];
  const repo = artifacts.find((a) => a.kind === 'github');
  const githubRecords = repo ? await store.records({ subjects: [repo], kinds: GITHUB_PROFILE_RECORD_KINDS }) : [];
  return {
    project,
    verdict,
    downloads,
    artifacts: others,
    facts,
    githubRecords,
    failures: await standingFailures(store, facts, asOf),
  };
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
