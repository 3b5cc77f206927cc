// Computes a project's deployment verdict from what load.ts read: parses the stored issue,
// comment, release and registry records, runs the signals (trend, issue health, upgrade safety,
// attention vs usage) and the classifiers (tier, checklist), and states every unknown once with
// why. Pure: asOf comes in the request.
import { buildChecklist, type CheckItem } from '../../classify/checklist.js';
import { contributorsFromReport, type ContributorReportScope } from '../../classify/contributor-input.js';
import { applyUsageStaleness } from '../../classify/staleness.js';
import {
  classifyTier,
  DEFAULT_EXPECTED_SIGNALS,
  downloadsFromTrend,
  FAMILY_LABELS,
  type ContributorBreadthInput,
  type SignalName,
  type TierInputs,
  type TierResult,
  type TierVerdict,
} from '../../classify/tier.js';
import { formatCount } from '../../domain/format.js';
import { isClientArtifact, projectArtifacts, type Project } from '../../domain/project.js';
import { formatSubject, type Subject } from '../../domain/subject.js';
import {
  attachComments,
  parseApiIssue,
  parseApiIssueComment,
  type Issue,
  type IssueComment,
} from '../../domain/issue.js';
import { ISSUES_SAMPLE_FACT, READ_KINDS } from '../../domain/records.js';
import {
  parseApiRelease,
  parseRegistryVersionRecord,
  releasesFromRegistry,
  type RegistryVersion,
  type Release,
  type RepoDoc,
} from '../../domain/release.js';
import { addMonths, isoDate } from '../../domain/time.js';
import { computeAttentionUsage, type AttentionUsage } from '../../signals/attention-usage.js';
import { computeIssueHealth, type IssueHealth } from '../../signals/issue-tracker-health.js';
import { gainsFromCumulative, type DailyGain } from '../../signals/star-bursts.js';
import { computeTrend, type Trend } from '../../signals/trend.js';
import { computeUpgradeSafety, type UpgradeSafety } from '../../signals/upgrade-safety.js';
import {
  ageInDays,
  computeFreshness,
  latestOf,
  resolveAsOf,
  STALE_AFTER_DAYS,
  type AsOfBasis,
} from '../shared/freshness.js';
import type { Freshness } from '../shared/freshness.js';
import type { VerdictInputs, VerdictRequest, VerdictSettings } from './load.js';
import type { TierRef, UnknownItem, VerdictCore, VerdictView } from './model.js';
import { attentionModel, issueHealthModel, upgradeSafetyModel } from './signal-models.js';

/** A stored observation and a stored record, as the inputs carry them. */
type StoredObservation = VerdictInputs['stars'][number];
type StoredRecord = VerdictInputs['repoRecords'][number];

const TIER_LABELS: Readonly<Record<TierVerdict, string>> = {
  experiment: 'experiment',
  'internal-tooling': 'internal tooling',
  'production-facing': 'production-facing',
  'load-bearing-infrastructure': 'load-bearing infrastructure',
  unknown: 'unknown',
};

/** A tier as the model states it: its id and the label people read. */
export function tierRef(id: TierVerdict): TierRef {
  return { id, label: TIER_LABELS[id] };
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

interface RepoSignals {
  readonly issueHealth: IssueHealth | undefined;
  readonly upgrade: UpgradeSafety | undefined;
  readonly stars: { at: Date; value: number }[];
  /** Daily gains from the star history's day-end curve (stars still held, by the day they were given). */
  readonly starGains: DailyGain[];
}

function repoSignals(
  inputs: VerdictInputs,
  gh: Subject,
  asOf: Date,
  settings: VerdictSettings,
  lines: string[],
): RepoSignals {
  const packages = inputs.series.map((s) => s.subject);
  const recs = latestRecords(inputs.repoRecords, asOf);
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
    const sample = inputs.sampleFacts
      .filter((f) => f.name === ISSUES_SAMPLE_FACT && f.observedAt.getTime() <= asOf.getTime())
      .pop();
    issueHealth = computeIssueHealth(issues, {
      asOf: issueAsOf,
      ...(sample ? { sample: sample.value } : {}),
      ...(settings.topicRules ? { topicRules: settings.topicRules } : {}),
      ...(settings.unansweredAfterDays ? { unansweredAfterDays: settings.unansweredAfterDays } : {}),
    });
    lines.push(
      `${formatSubject(gh)}: ${issues.length} issues and pull requests from ${issueRecs.length} records, ${commentRecs.length} comment records (${[...new Set(issueRecs.map((r) => r.source))].join(', ')}; states as of ${isoDate(issueAsOf)})`,
    );
  }

  // Registry version states (npm deprecated, PyPI yanked) from the registry sources' records.
  const registryVersions: RegistryVersion[] = [];
  if (packages.length) {
    const regRecs = latestRecords(inputs.registryRecords, asOf);
    for (const r of regRecs) {
      const p = parseRegistryVersionRecord(r.kind, r.data);
      if ('error' in p) bad.push(`${r.kind} ${r.key}: ${p.error}`);
      else registryVersions.push(p);
    }
    if (regRecs.length)
      lines.push(`${packages.map(formatSubject).join(', ')}: ${regRecs.length} registry version records`);
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
    lines.push(`${formatSubject(gh)}: ${relRecs.length} release records, ${docRecs.length} docs records`);
  }
  if (bad.length) lines.push(`${formatSubject(gh)}: ${bad.length} records could not be read (first: ${bad[0]})`);

  const stars = inputs.stars
    .filter((o) => o.windowEnd.getTime() <= asOf.getTime())
    .map((o) => ({ at: o.windowEnd, value: o.value }));
  if (stars.length) lines.push(`${formatSubject(gh)}: ${stars.length} star counts`);
  const starGains = gainsFromCumulative(
    inputs.stars
      .filter((o) => o.dims.series === 'history' && o.windowEnd.getTime() <= asOf.getTime())
      .map((o) => ({ at: o.windowEnd, value: o.value })),
  );
  return { issueHealth, upgrade, stars, starGains };
}

/** The latest value of a level metric on or before `at`, per subject, summed over subjects. */
function latestLevel(obs: readonly StoredObservation[], at: Date): { value: number; sources: string[] } | undefined {
  const bySubject = new Map<string, StoredObservation>();
  for (const o of obs) {
    if (o.windowEnd.getTime() > at.getTime()) continue;
    const k = formatSubject(o.subject);
    const prev = bySubject.get(k);
    if (!prev || o.windowEnd.getTime() > prev.windowEnd.getTime()) bySubject.set(k, o);
  }
  if (bySubject.size === 0) return undefined;
  const latest = [...bySubject.values()];
  return { value: latest.reduce((s, o) => s + o.value, 0), sources: [...new Set(latest.map((o) => o.source))] };
}

/** End of the latest window of a level metric on or before `at`, over every subject. */
function latestEnd(obs: readonly StoredObservation[], at: Date): Date | undefined {
  return latestOf(obs.filter((o) => o.windowEnd.getTime() <= at.getTime()).map((o) => o.windowEnd));
}

/** A verdict's core and the tier's unknown signals, for the verdict view and the profile that embeds it. */
export interface VerdictParts {
  readonly core: VerdictCore;
  readonly unknowns: UnknownItem[];
  /** The classifier's result, for sentences that name the tier. */
  readonly tier: TierResult;
  /** End of the latest usage data the tier weighed (downloads, dependents, pulls, Hub counts); undefined without any. */
  readonly usageEnds: Date | undefined;
}

/** The freshness of a verdict's usage data at its as-of date. */
export function verdictFreshness(
  parts: Pick<VerdictParts, 'usageEnds'>,
  asOf: Date,
  basis: AsOfBasis,
  today: Date,
): Freshness {
  return computeFreshness({ asOf, basis, today, dataEnds: parts.usageEnds, what: 'the usage data the tier weighs' });
}

/** The artifacts each verdict signal is measured on: an unknown names them when there is exactly one. */
function signalSubjects(project: Project): Readonly<Record<SignalName, Subject[]>> {
  const artifacts = projectArtifacts(project);
  const of = (...kinds: Subject['kind'][]): Subject[] => artifacts.filter((s) => kinds.includes(s.kind));
  return {
    downloads: of('pypi', 'npm'),
    dependents: of('pypi', 'npm'),
    'container-pulls': of('docker', 'ghcr'),
    'fan-out': of('hf'),
    'hub-downloads': of('hf'),
    'serving-runtimes': [],
    contributors: of('github'),
    triage: of('github'),
    'upgrade-safety': of('github'),
  };
}

export function computeVerdictParts(inputs: VerdictInputs, asOf: Date, settings: VerdictSettings = {}): VerdictParts {
  const project = inputs.project;
  const lines: string[] = [];
  const tierInputs: { -readonly [K in keyof TierInputs]: TierInputs[K] } = {};

  const repo = inputs.repo
    ? repoSignals(inputs, inputs.repo, asOf, settings, lines)
    : { issueHealth: undefined, upgrade: undefined, stars: [], starGains: [] };
  if (repo.issueHealth) tierInputs.issueHealth = repo.issueHealth;
  if (repo.upgrade) tierInputs.upgrade = repo.upgrade;

  // Downloads: the package with the largest latest month stands for the project; the project's
  // own packages before client libraries of its server, which count only as client evidence.
  let best: { subject: Subject; trend: Trend; sources: string[]; client: boolean } | undefined;
  const usageDates: (Date | undefined)[] = [];
  for (const { subject: a, series } of inputs.series) {
    if (!series) continue;
    usageDates.push(
      latestOf(series.points.filter((p) => p.windowEnd.getTime() <= asOf.getTime()).map((p) => p.windowEnd)),
    );
    const trend = computeTrend(series.points, asOf);
    const last = trend.months[trend.months.length - 1]?.value;
    if (last === undefined) continue;
    const client = isClientArtifact(project, a);
    lines.push(
      `${formatSubject(a)}${client ? ' (client library)' : ''}: ${series.points.length} download windows (${series.basis}; ${series.sources.join(', ')}${
        series.sameMonth ? `; ${series.sameMonth} more ending in a month already counted, left out` : ''
      })`,
    );
    if (
      !best ||
      (best.client && !client) ||
      (best.client === client && last > (best.trend.months[best.trend.months.length - 1]?.value ?? 0))
    )
      best = { subject: a, trend, sources: series.sources, client };
  }
  if (best) {
    // No stored series filters CI yet: say so rather than pretend (product.md §2).
    const d = downloadsFromTrend(
      best.trend,
      `${formatSubject(best.subject)}${best.client ? ', a client library' : ''}, ${best.sources.join(', ')}`,
      'raw',
    );
    if (d) tierInputs.downloads = best.client ? { ...d, client: true } : d;
  }

  usageDates.push(latestEnd(inputs.dependents, asOf), latestEnd(inputs.containerPulls, asOf));
  for (const { fanout: f } of inputs.fanouts) usageDates.push(f?.dataEnds);
  const usageEnds = latestOf(usageDates);
  const dep = latestLevel(inputs.dependents, asOf);
  if (dep) {
    const before = latestLevel(inputs.dependents, addMonths(asOf, -6));
    tierInputs.dependents = {
      count: dep.value,
      ...(before && before.value > 0 ? { growth: dep.value / before.value - 1 } : {}),
      source: dep.sources.join(', '),
    };
    lines.push(`dependents: ${dep.value} (${dep.sources.join(', ')})`);
  }
  const pulls = latestLevel(inputs.containerPulls, asOf);
  if (pulls) {
    tierInputs.containerPulls = { total: pulls.value, source: pulls.sources.join(', ') };
    lines.push(`container pulls: ${pulls.value} (${pulls.sources.join(', ')})`);
  }
  // Fan-out: derivatives that are new work (re-uploads of the same weights counted apart) and
  // used (downloads, or derivatives of their own); empty uploads are counted apart (signals/fanout.ts).
  let effective = 0;
  let reuploads = 0;
  let used = 0;
  let empty = 0;
  let noDownloads = 0;
  let withTree = 0;
  const hubDownloads: string[] = [];
  let hubTotal = 0;
  for (const { subject: m, fanout: f } of inputs.fanouts) {
    if (!f) continue;
    withTree++;
    effective += f.effective.tree;
    reuploads += f.reuploads.tree;
    used += f.used.tree;
    empty += f.used.empty;
    noDownloads += f.used.unknown;
    if (f.downloads.base !== null) {
      hubTotal += f.downloads.base;
      hubDownloads.push(`${m.id} ${formatCount(f.downloads.base)}`);
    }
  }
  if (withTree) {
    tierInputs.fanOut = {
      derivatives: used,
      source: `Hub model tree of ${withTree} of ${inputs.fanouts.length} base models: ${effective} new-work derivatives, of which ${used} used, ${empty} empty uploads (0 downloads, no derivatives), ${noDownloads} without downloads recorded; ${reuploads} re-uploads not counted`,
    };
    lines.push(
      `fan-out: ${effective} derivative models (${reuploads} re-uploads apart), ${used} of them used, of ${withTree} base models`,
    );
  }
  if (hubDownloads.length) {
    tierInputs.hubDownloads = { monthly: hubTotal, source: `Hub 30-day downloads: ${hubDownloads.join(', ')}` };
    lines.push(`Hub downloads: ${hubTotal} in 30 days over ${hubDownloads.length} base models`);
  }
  // Contributor breadth: given (--contributors FILE), else the latest `kept contributors` report
  // stored for the project (a clone whose origin is the catalog repository, or --github).
  let contributors: ContributorBreadthInput | undefined = inputs.givenContributors;
  const given = inputs.givenContributorsScope;
  if (contributors && given) lines.push(givenContributorsLine(given, asOf));
  if (!contributors && inputs.storedContributors) {
    const parsed = contributorsFromReport(inputs.storedContributors);
    if (!('error' in parsed)) {
      contributors = parsed;
      lines.push(
        `contributors: kept contributors report of ${inputs.storedContributors.source.path ?? project.id} (stored)`,
      );
    }
  }
  if (contributors) tierInputs.contributors = contributors;

  let attention: AttentionUsage | undefined;
  if (repo.stars.length || best) {
    const bestPoints = best ? inputs.series.find((x) => x.subject === best!.subject)?.series?.points : undefined;
    // Usage around a star burst: one package's dependents (the one with the most), never a sum of several.
    const depBy = new Map<string, StoredObservation[]>();
    for (const o of inputs.dependents)
      depBy.set(formatSubject(o.subject), [...(depBy.get(formatSubject(o.subject)) ?? []), o]);
    const depMain = [...depBy.values()].sort(
      (a, b) => Math.max(...b.map((o) => o.value)) - Math.max(...a.map((o) => o.value)),
    )[0];
    const dependentLevels = (depMain ?? []).map((o) => ({ at: o.windowEnd, value: o.value }));
    const forkLevels = inputs.forks.map((o) => ({ at: o.windowEnd, value: o.value }));
    attention = computeAttentionUsage(
      {
        stars: repo.stars,
        downloadTrend: best?.trend,
        downloads30d: tierInputs.downloads?.monthly,
        dependents: tierInputs.dependents?.count,
        ...(repo.starGains.length ? { starGains: repo.starGains } : {}),
        ...(bestPoints?.length ? { downloadPoints: bestPoints } : {}),
        ...(dependentLevels.length ? { dependentLevels } : {}),
        ...(forkLevels.length ? { forkLevels } : {}),
      },
      asOf,
    );
    tierInputs.attention = attention;
  }

  const expected: SignalName[] = [...DEFAULT_EXPECTED_SIGNALS];
  if (project.docker?.length || project.ghcr?.length) expected.push('container-pulls');
  if (project.hfModels?.length) expected.push('fan-out', 'hub-downloads');
  const classified = classifyTier(tierInputs, {
    expected,
    category: project.category,
    ...(settings.thresholds ? { thresholds: settings.thresholds } : {}),
  });
  // Usage data that ends long before asOf lowers the confidence one step (classify/staleness.ts).
  const tier = applyUsageStaleness(
    classified,
    usageEnds
      ? {
          dataEnds: isoDate(usageEnds),
          asOf: isoDate(asOf),
          ageDays: ageInDays(usageEnds, asOf),
          staleAfterDays: STALE_AFTER_DAYS,
        }
      : undefined,
  );
  const subjects = signalSubjects(project);
  const unknowns: UnknownItem[] = tier.unknown.map((u) => {
    const on = subjects[u.signal === 'contributor-organisations' ? 'contributors' : u.signal];
    return { signal: u.signal, subject: on.length === 1 ? formatSubject(on[0]!) : null, reason: u.reason, tier: true };
  });
  const core = verdictCore({
    tier,
    checklist: buildChecklist(tierInputs, settings.thresholds),
    attention,
    issueHealth: repo.issueHealth,
    upgrade: repo.upgrade,
    inputs: lines,
  });
  return { core, unknowns, tier, usageEnds };
}

/**
 * What a given contributors report is used for: its window's breadth stands for the date judged,
 * which the line says when the two dates differ.
 */
function givenContributorsLine(scope: ContributorReportScope, asOf: Date): string {
  const of = `contributors: given report${scope.project ? ` of ${scope.project}` : ''}${scope.path ? ` (${scope.path})` : ''}`;
  if (!scope.end) return `${of}, window end unknown: its breadth stands for ${isoDate(asOf)}`;
  const days = ageInDays(new Date(`${scope.end}T00:00:00Z`), asOf);
  if (days === 0) return `${of}, window ending ${scope.end}, the date judged`;
  return days > 0
    ? `${of}, window ending ${scope.end}, ${days} days before the date judged: that window's breadth stands for ${isoDate(asOf)}`
    : `${of}, window ending ${scope.end}, ${-days} days after the date judged: it counts commits ${isoDate(asOf)} had not seen`;
}

/** What the verdict's signals and classifiers found, before it is stated as model data. */
export interface VerdictFindings {
  readonly tier: TierResult;
  readonly checklist: readonly CheckItem[];
  readonly attention: AttentionUsage | undefined;
  readonly issueHealth: IssueHealth | undefined;
  readonly upgrade: UpgradeSafety | undefined;
  readonly inputs: readonly string[];
}

/** The verdict's findings as model data: tiers with their labels, ISO days, null for unknown. */
export function verdictCore(f: VerdictFindings): VerdictCore {
  const tier = f.tier;
  return {
    tier: {
      ...tierJudgement(tier),
      coverage: tier.coverage,
      usageTier: tierRef(tier.usageTier),
      families: tier.families.map((f) => ({ id: f.family, label: FAMILY_LABELS[f.family], status: f.status })),
      confidenceSteps: tier.confidenceSteps.map((c) => ({ ...c })),
    },
    evidence: tier.evidence.map((e) => ({
      rule: e.rule,
      signal: e.signal,
      direction: e.direction,
      tier: e.tier === 'unknown' ? null : tierRef(e.tier),
      detail: e.detail,
    })),
    wouldMove: [...tier.wouldMove],
    checklist: f.checklist.map((c) => ({ ...c })),
    attention: f.attention ? attentionModel(f.attention) : null,
    issueHealth: f.issueHealth ? issueHealthModel(f.issueHealth) : null,
    upgrade: f.upgrade ? upgradeSafetyModel(f.upgrade) : null,
    inputs: [...f.inputs],
  };
}

/** "load-bearing infrastructure · low · 1 of 6 signal families": the tier as one label. */
export function tierHeadline(id: TierVerdict, confidence: TierResult['confidence'], backing: number): string {
  return `${TIER_LABELS[id]} · ${confidence} · ${backing} of 6 signal families`;
}

/** The tier with its confidence, the families behind it and its one-label headline (overview, compare). */
export function tierJudgement(t: TierResult): {
  id: TierVerdict;
  label: string;
  confidence: TierResult['confidence'];
  familiesBacking: number;
  headline: string;
} {
  return {
    ...tierRef(t.tier),
    confidence: t.confidence,
    familiesBacking: t.familiesBacking,
    headline: tierHeadline(t.tier, t.confidence, t.familiesBacking),
  };
}

/** "confidence low: 17% of the signals the tier weighs were measured; only one usage family …" */
export function confidenceClause(core: VerdictCore): string {
  const t = core.tier;
  const steps = t.confidenceSteps.map((s) => `; ${s.to}, as ${s.detail}`).join('');
  return `confidence ${t.confidence}: ${Math.round((t.coverage ?? 0) * 100)}% of the signals the tier weighs were measured${steps}`;
}

/** "1 of 6 signal families stand behind it (usage (downloads))" */
export function familiesClause(core: VerdictCore): string {
  const t = core.tier;
  const backs = t.families.filter((f) => f.status === 'backs').map((f) => f.label);
  const below = t.families.filter((f) => f.status === 'below').map((f) => f.label);
  return `${t.familiesBacking} of 6 signal families ${t.familiesBacking === 1 ? 'stands' : 'stand'} behind it${backs.length ? ` (${backs.join(', ')})` : ''}${below.length ? `; ${below.join(', ')} ${below.length === 1 ? 'reaches' : 'reach'} a lower tier` : ''}`;
}

/** The sentence that states the tier, its confidence, the families behind it and what usage alone reaches. */
export function tierSentence(core: VerdictCore): string {
  const t = core.tier;
  if (t.id === 'unknown') return `Deployment tier: unknown (no usage signal measured; ${confidenceClause(core)}).`;
  const usage =
    t.usageTier.id === t.id ? '' : `; usage alone reaches ${t.usageTier.label}, the maintenance evidence caps it`;
  return `Deployment tier: ${t.label} (${confidenceClause(core)}; ${familiesClause(core)}${usage}).`;
}

/** "3 of 4 checklist points pass, 1 fails" */
export function checklistSentence(core: VerdictCore): string {
  const n = (s: string) => core.checklist.filter((c) => c.status === s).length;
  const parts = [
    `${n('pass')} pass`,
    ...(n('fail') ? [`${n('fail')} fail${n('fail') === 1 ? 's' : ''}`] : []),
    ...(n('unknown') ? [`${n('unknown')} unknown`] : []),
  ];
  return `Can I build on it: of the four checklist points, ${parts.join(', ')}.`;
}

/** The number of distinct signals in a list of unknowns: what every sentence about them counts. */
export function unknownSignalCount(unknowns: readonly UnknownItem[]): number {
  return new Set(unknowns.map((u) => u.signal)).size;
}

/** "6 signals are not measured, 5 of them weighed by the tier; the Unknown section says why." */
export function unknownSentence(unknowns: readonly UnknownItem[]): string | undefined {
  const n = unknownSignalCount(unknowns);
  if (n === 0) return undefined;
  const tier = new Set(unknowns.filter((u) => u.tier).map((u) => u.signal)).size;
  const weighed =
    tier === n
      ? n === 1
        ? ', weighed by the tier'
        : ', all weighed by the tier'
      : tier
        ? `, ${tier} of them weighed by the tier`
        : '';
  return `${n} signal${n === 1 ? ' is' : 's are'} not measured${weighed}; the Unknown section says why for each.`;
}

/** The verdict view of a project from its core and unknowns, with the summary computed from them. */
export function verdictView(
  project: { readonly id: string; readonly name: string; readonly category: string },
  asOf: Date,
  core: VerdictCore,
  unknowns: readonly UnknownItem[],
  freshness: Freshness,
): VerdictView {
  const unknown = unknownSentence(unknowns);
  return {
    schema: 'kept.verdict/v2',
    project: { id: project.id, name: project.name, category: project.category },
    asOf: isoDate(asOf),
    freshness,
    summary: [
      tierSentence(core),
      ...(freshness.note ? [freshness.note] : []),
      checklistSentence(core),
      ...(unknown ? [unknown] : []),
    ],
    ...core,
    unknowns: [...unknowns],
  };
}

export function computeVerdictView(inputs: VerdictInputs, request: VerdictRequest): VerdictView {
  const { asOf, basis } = resolveAsOf(request.asOf, inputs.latestData, request.today);
  const parts = computeVerdictParts(inputs, asOf, request.settings);
  return verdictView(
    inputs.project,
    asOf,
    parts.core,
    parts.unknowns,
    verdictFreshness(parts, asOf, basis, request.today),
  );
}
