// Assembles the deployment verdict of a project from what the store holds: issue, comment,
// release and doc records of its repository (GitHub REST JSON, from the GitHub source or
// `kept import issues`), download series, stars, dependents, container pulls and Hub fan-out;
// then runs the pure signals and classifiers. Anything missing becomes an "unknown" with why.
import { METRICS } from '../domain/metrics.js';
import { attachComments, parseApiIssue, parseApiIssueComment, type Issue, type IssueComment } from '../domain/issue.js';
import {
  parseApiRelease,
  parseRegistryVersionRecord,
  releasesFromRegistry,
  type RegistryVersion,
  type Release,
  type RepoDoc,
} from '../domain/release.js';
import { projectArtifacts, type Project } from '../domain/project.js';
import { formatSubject, type Subject } from '../domain/subject.js';
import { addMonths, isoDate } from '../domain/time.js';
import { computeTrend } from '../signals/trend.js';
import { computeIssueHealth, type IssueHealth } from '../signals/issue-tracker-health.js';
import { computeUpgradeSafety, type UpgradeSafety } from '../signals/upgrade-safety.js';
import { computeAttentionUsage, type AttentionUsage } from '../signals/attention-usage.js';
import {
  classifyTier,
  downloadsFromTrend,
  DEFAULT_EXPECTED_SIGNALS,
  type ContributorBreadthInput,
  type SignalName,
  type TierInputs,
  type TierThresholds,
} from '../classify/tier.js';
import { buildChecklist } from '../classify/checklist.js';
import type { TopicRule } from '../classify/issue-topic.js';
import type { VerdictReport } from '../report/tier-md.js';
import type { Store, StoredFact, StoredObservation, StoredRecord } from '../store/store.js';
import { loadDownloadSeries } from '../views/shared/download-series.js';
import { tryFanout } from '../views/fanout/load.js';
import { CONTRIBUTORS_RECORD_KIND, latestContributorReport } from '../views/contributors/load.js';
import { contributorsFromReport } from '../classify/contributor-input.js';
import { ISSUES_SAMPLE_FACT, READ_KINDS } from '../domain/records.js';

/**
 * Everything the verdict reads from the store. A profile passes its own series and fan-out so each
 * loads once; the overview passes loaders answering from data prefetched for the whole catalog
 * (pipeline/verdict-bulk.ts). Each returns what the same store query would, in the store's order.
 */
export interface VerdictLoaders {
  series(subject: Subject): ReturnType<typeof loadDownloadSeries>;
  fanout(subject: Subject): ReturnType<typeof tryFanout>;
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

export interface VerdictOptions {
  readonly asOf: Date;
  /** Any loader not given reads the store directly (storeVerdictLoaders). */
  readonly loaders?: Partial<VerdictLoaders>;
  readonly topicRules?: readonly TopicRule[];
  readonly unansweredAfterDays?: number;
  /** Contributor breadth computed elsewhere (kept contributors); undefined = unknown. */
  readonly contributors?: ContributorBreadthInput;
  readonly thresholds?: TierThresholds;
}

/** The latest stored version of each (kind, key) document observed on or before asOf. */
export function latestRecords(records: readonly StoredRecord[], asOf: Date): StoredRecord[] {
  const by = new Map<string, StoredRecord>();
  for (const r of records) {
    if (r.observedAt.getTime() > asOf.getTime()) continue;
    const k = `${r.kind}\u0000${r.key}`;
    const prev = by.get(k);
    if (
      !prev ||
      r.observedAt.getTime() > prev.observedAt.getTime() ||
      (r.observedAt.getTime() === prev.observedAt.getTime() && r.batchId > prev.batchId)
    )
      by.set(k, r);
  }
  return [...by.values()];
}

/** The record kinds the verdict reads about a repository and about its packages. */
export const REPO_RECORD_KINDS: readonly string[] = Object.values(READ_KINDS).flat();
export const REGISTRY_RECORD_KINDS: readonly string[] = ['npm-version', 'pypi-release'];

interface RepoData {
  readonly issueHealth: IssueHealth | undefined;
  readonly upgrade: UpgradeSafety | undefined;
  readonly stars: { at: Date; value: number }[];
}

async function readRepo(
  load: VerdictLoaders,
  gh: Subject,
  packages: readonly Subject[],
  options: VerdictOptions,
  inputs: string[],
): Promise<RepoData> {
  const { asOf } = options;
  const recs = latestRecords(await load.records([gh], REPO_RECORD_KINDS), asOf);
  const of = (role: keyof typeof READ_KINDS) =>
    recs.filter((r) => (READ_KINDS[role] as readonly string[]).includes(r.kind));
  const bad: string[] = [];

  let issueHealth: IssueHealth | undefined;
  const issueRecs = of('issue');
  if (issueRecs.length) {
    // One issue per number: an imported file and the GitHub source may both hold it; the later wins.
    const byNumber = new Map<number, { issue: Issue; at: number }>();
    for (const r of issueRecs) {
      const p = parseApiIssue(r.data);
      if ('error' in p) bad.push(`issue ${r.key}: ${p.error}`);
      else if ((byNumber.get(p.number)?.at ?? -Infinity) <= r.observedAt.getTime())
        byNumber.set(p.number, { issue: p, at: r.observedAt.getTime() });
    }
    let issues: Issue[] = [...byNumber.values()].map((x) => x.issue);
    const commentRecs = of('issueComment');
    const comments: { issueNumber: number; comment: IssueComment }[] = [];
    for (const r of commentRecs) {
      const p = parseApiIssueComment(r.data);
      if ('error' in p) bad.push(`comment ${r.key}: ${p.error}`);
      else comments.push(p);
    }
    if (comments.length) issues = attachComments(issues, comments);
    // States are as of the last fetch: judging ages at a later asOf would invent waiting time.
    const seen = new Date(Math.max(...issueRecs.map((r) => r.observedAt.getTime())));
    const issueAsOf = seen.getTime() < asOf.getTime() ? seen : asOf;
    const sample = (await load.facts([gh], [ISSUES_SAMPLE_FACT]))
      .filter((f) => f.observedAt.getTime() <= asOf.getTime())
      .pop();
    issueHealth = computeIssueHealth(issues, {
      asOf: issueAsOf,
      ...(sample ? { sample: sample.value } : {}),
      ...(options.topicRules ? { topicRules: options.topicRules } : {}),
      ...(options.unansweredAfterDays ? { unansweredAfterDays: options.unansweredAfterDays } : {}),
    });
    inputs.push(
      `${formatSubject(gh)}: ${issues.length} issues and pull requests from ${issueRecs.length} records, ${commentRecs.length} comment records (${[...new Set(issueRecs.map((r) => r.source))].join(', ')}; states as of ${isoDate(issueAsOf)})`,
    );
  }

  // Registry version states (npm deprecated, PyPI yanked) from the registry sources' records.
  const registryVersions: RegistryVersion[] = [];
  if (packages.length) {
    const regRecs = latestRecords(await load.records(packages, REGISTRY_RECORD_KINDS), asOf);
    for (const r of regRecs) {
      const p = parseRegistryVersionRecord(r.kind, r.data);
      if ('error' in p) bad.push(`${r.kind} ${r.key}: ${p.error}`);
      else registryVersions.push(p);
    }
    if (regRecs.length)
      inputs.push(`${packages.map(formatSubject).join(', ')}: ${regRecs.length} registry version records`);
  }

  let upgrade: UpgradeSafety | undefined;
  const relRecs = of('release');
  const docRecs = of('repoDoc');
  const docs: RepoDoc[] = docRecs.flatMap((r) => {
    const d = r.data as { path?: unknown; text?: unknown } | null;
    return d && typeof d.path === 'string'
      ? [{ path: d.path, text: typeof d.text === 'string' ? d.text : undefined }]
      : [];
  });
  if (relRecs.length || registryVersions.length) {
    const byTag = new Map<string, { release: Release; at: number }>();
    for (const r of relRecs) {
      const p = parseApiRelease(r.data);
      if ('error' in p) bad.push(`release ${r.key}: ${p.error}`);
      else if ((byTag.get(p.tag)?.at ?? -Infinity) <= r.observedAt.getTime())
        byTag.set(p.tag, { release: p, at: r.observedAt.getTime() });
    }
    // Without GitHub releases, the registry's versions give cadence and version jumps (no notes).
    const fromRegistry = byTag.size === 0;
    const releases = fromRegistry ? releasesFromRegistry(registryVersions) : [...byTag.values()].map((x) => x.release);
    upgrade = computeUpgradeSafety(
      { releases, ...(docRecs.length ? { docs } : {}), ...(registryVersions.length ? { registryVersions } : {}) },
      asOf,
    );
    if (fromRegistry)
      upgrade = {
        ...upgrade,
        notes: [
          ...upgrade.notes,
          'no GitHub releases stored: releases are the registry versions, without release notes',
        ],
      };
    inputs.push(`${formatSubject(gh)}: ${relRecs.length} release records, ${docRecs.length} docs records`);
  }
  if (bad.length) inputs.push(`${formatSubject(gh)}: ${bad.length} records could not be read (first: ${bad[0]})`);

  const stars = (await load.observations([gh], METRICS.stars, asOf)).map((o) => ({ at: o.windowEnd, value: o.value }));
  if (stars.length) inputs.push(`${formatSubject(gh)}: ${stars.length} star counts`);
  return { issueHealth, upgrade, stars };
}

/** The latest value of a level metric on or before `at`, across subjects (summed). */
async function latestLevel(
  load: VerdictLoaders,
  subjects: readonly Subject[],
  metric: string,
  at: Date,
): Promise<{ value: number; sources: string[] } | undefined> {
  if (subjects.length === 0) return undefined;
  const obs = await load.observations(subjects, metric, at);
  const bySubject = new Map<string, (typeof obs)[number]>();
  for (const o of obs) {
    const k = formatSubject(o.subject);
    const prev = bySubject.get(k);
    if (!prev || o.windowEnd.getTime() > prev.windowEnd.getTime()) bySubject.set(k, o);
  }
  if (bySubject.size === 0) return undefined;
  const latest = [...bySubject.values()];
  return { value: latest.reduce((s, o) => s + o.value, 0), sources: [...new Set(latest.map((o) => o.source))] };
}

export async function buildVerdict(store: Store, project: Project, options: VerdictOptions): Promise<VerdictReport> {
  const { asOf } = options;
  const load: VerdictLoaders = { ...storeVerdictLoaders(store, asOf), ...options.loaders };
  const artifacts = projectArtifacts(project);
  const lines: string[] = [];
  const tierInputs: { -readonly [K in keyof TierInputs]: TierInputs[K] } = {};

  const gh = artifacts.find((a) => a.kind === 'github');
  const repo = gh
    ? await readRepo(
        load,
        gh,
        artifacts.filter((x) => x.kind === 'pypi' || x.kind === 'npm'),
        options,
        lines,
      )
    : { issueHealth: undefined, upgrade: undefined, stars: [] };
  if (repo.issueHealth) tierInputs.issueHealth = repo.issueHealth;
  if (repo.upgrade) tierInputs.upgrade = repo.upgrade;

  // Downloads: the package with the largest latest month stands for the project.
  let best: { subject: Subject; trend: ReturnType<typeof computeTrend>; sources: string[] } | undefined;
  for (const a of artifacts.filter((x) => x.kind === 'pypi' || x.kind === 'npm')) {
    const series = await load.series(a);
    if (!series) continue;
    const trend = computeTrend(series.points, asOf);
    const last = trend.months[trend.months.length - 1]?.value;
    if (last === undefined) continue;
    lines.push(
      `${formatSubject(a)}: ${series.points.length} download windows (${series.basis}; ${series.sources.join(', ')})`,
    );
    if (!best || last > (best.trend.months[best.trend.months.length - 1]?.value ?? 0))
      best = { subject: a, trend, sources: series.sources };
  }
  if (best) {
    // No stored series filters CI yet: say so rather than pretend (product.md §2).
    const d = downloadsFromTrend(best.trend, `${formatSubject(best.subject)}, ${best.sources.join(', ')}`, 'raw');
    if (d) tierInputs.downloads = d;
  }

  const pkgs = artifacts.filter((x) => x.kind === 'pypi' || x.kind === 'npm');
  const dep = await latestLevel(load, pkgs, METRICS.dependents, asOf);
  if (dep) {
    const before = await latestLevel(load, pkgs, METRICS.dependents, addMonths(asOf, -6));
    tierInputs.dependents = {
      count: dep.value,
      ...(before && before.value > 0 ? { growth: dep.value / before.value - 1 } : {}),
      source: dep.sources.join(', '),
    };
    lines.push(`dependents: ${dep.value} (${dep.sources.join(', ')})`);
  }
  const pulls = await latestLevel(
    load,
    artifacts.filter((x) => x.kind === 'docker' || x.kind === 'ghcr'),
    METRICS.pullsTotal,
    asOf,
  );
  if (pulls) {
    tierInputs.containerPulls = { total: pulls.value, source: pulls.sources.join(', ') };
    lines.push(`container pulls: ${pulls.value} (${pulls.sources.join(', ')})`);
  }
  // Fan-out: derivatives that are new work (re-uploads of the same weights counted apart, signals/fanout.ts).
  const models = artifacts.filter((x) => x.kind === 'hf');
  let effective = 0;
  let reuploads = 0;
  let withTree = 0;
  for (const m of models) {
    const f = await load.fanout(m);
    if (!f) continue;
    withTree++;
    effective += f.effective.tree;
    reuploads += f.reuploads.tree;
  }
  if (withTree) {
    tierInputs.fanOut = {
      derivatives: effective,
      source: `Hub model tree of ${withTree} of ${models.length} base models; ${reuploads} re-uploads not counted`,
    };
    lines.push(`fan-out: ${effective} derivative models (${reuploads} re-uploads apart) of ${withTree} base models`);
  }
  // Contributor breadth: given (--contributors FILE), else the latest `kept contributors` report
  // stored for the project (a clone whose origin is the catalog repository, or --github).
  let contributors = options.contributors;
  if (!contributors) {
    const stored = latestContributorReport(
      await load.records([{ kind: 'project', id: project.id }], [CONTRIBUTORS_RECORD_KIND]),
    );
    const parsed = stored ? contributorsFromReport(stored) : undefined;
    if (parsed && !('error' in parsed)) {
      contributors = parsed;
      lines.push(`contributors: kept contributors report of ${stored?.source.path ?? project.id} (stored)`);
    }
  }
  if (contributors) tierInputs.contributors = contributors;

  let attention: AttentionUsage | undefined;
  if (repo.stars.length || best) {
    attention = computeAttentionUsage(
      {
        stars: repo.stars,
        downloadTrend: best?.trend,
        downloads30d: tierInputs.downloads?.monthly,
        dependents: tierInputs.dependents?.count,
      },
      asOf,
    );
    tierInputs.attention = attention;
  }

  const expected: SignalName[] = [...DEFAULT_EXPECTED_SIGNALS];
  if (project.docker?.length || project.ghcr?.length) expected.push('container-pulls');
  if (project.hfModels?.length) expected.push('fan-out');
  const tier = classifyTier(tierInputs, {
    expected,
    ...(options.thresholds ? { thresholds: options.thresholds } : {}),
  });
  return {
    schema: 'kept.verdict/v1',
    project: { id: project.id, name: project.name, category: project.category },
    asOf: isoDate(asOf),
    tier,
    checklist: buildChecklist(tierInputs, options.thresholds),
    attention,
    issueHealth: repo.issueHealth,
    upgrade: repo.upgrade,
    inputs: lines,
  };
}
