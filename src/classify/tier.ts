// Deployment tier: experiment → internal tooling → production-facing → load-bearing
// infrastructure (product.md §10), decided by documented rules over the signals present. Usage
// signals (download floor on the ladder of the project's category, Hub downloads, dependents,
// container pulls, used fan-out, serving runtimes) set how high a project can reach; maintenance
// signals (download trend, triage speed, release cadence, contributor breadth, upgrade safety)
// gate the two upper tiers. Every rule that fired is listed with its figures; unknown signals never
// count against a project, they lower the confidence. The signals fall in six families; the
// verdict says how many stand behind it, and a tier only one usage family reaches is low
// confidence. A project with no usage data at all is "unknown", never "experiment". Pure.
import type { ProjectCategory } from '../domain/project.js';
import { medianBound, type IssueHealth } from '../signals/issue-tracker-health.js';
import type { UpgradeSafety } from '../signals/upgrade-safety.js';
import type { AttentionUsage } from '../signals/attention-usage.js';
import type { Trend } from '../signals/trend.js';

export const TIERS = ['experiment', 'internal-tooling', 'production-facing', 'load-bearing-infrastructure'] as const;
export type Tier = (typeof TIERS)[number];
export type TierVerdict = Tier | 'unknown';

/** Contributor breadth as this classifier needs it (computed elsewhere from git or the GitHub API). */
export interface ContributorBreadthInput {
  readonly organizations: number;
  readonly elephantFactor: number;
  readonly busFactor: number;
  readonly topOrganizationShare?: number;
  readonly unattributedShare?: number;
  readonly window?: string;
}

export interface TierInputs {
  readonly downloads?: {
    /** Monthly (30-day) downloads, most recent window. */
    readonly monthly: number;
    /** The lowest of the last three months: a spike does not lift it. */
    readonly floor: number;
    /** 'ci-removed' when CI and mirrors were filtered out; 'raw' when not. */
    readonly filtering: 'ci-removed' | 'mirrors-removed' | 'raw';
    readonly source: string;
    readonly trend?: Trend;
    /** The package is a client library of the project's server: client evidence, at most production-facing. */
    readonly client?: boolean;
  };
  /** 30-day Hub downloads of the project's base models (one snapshot each, summed; no floor). */
  readonly hubDownloads?: { readonly monthly: number; readonly source: string };
  readonly dependents?: { readonly count: number; readonly growth?: number; readonly source: string };
  readonly containerPulls?: { readonly total: number; readonly source: string };
  /** Derivatives that are new work and used (downloads > 0 or derivatives of their own), signals/fanout.ts. */
  readonly fanOut?: { readonly derivatives: number; readonly source: string };
  readonly servingRuntimes?: readonly string[];
  readonly contributors?: ContributorBreadthInput;
  readonly issueHealth?: IssueHealth;
  readonly upgrade?: UpgradeSafety;
  readonly attention?: AttentionUsage;
}

export type SignalName =
  | 'downloads'
  | 'hub-downloads'
  | 'dependents'
  | 'container-pulls'
  | 'fan-out'
  | 'serving-runtimes'
  | 'contributors'
  | 'triage'
  | 'upgrade-safety';
/**
 * Evidence can also be about the set of signals as a whole ('maintenance': no gate measured;
 * 'freshness': the usage data ends long before the date judged, classify/staleness.ts).
 */
export type EvidenceSignal = SignalName | 'maintenance' | 'freshness';

/**
 * The six signal families a tier can stand on (product.md's signals grouped by what they show):
 * usage (package downloads, Hub downloads, container pulls), reverse dependencies (dependents,
 * serving runtimes supporting a model), fan-out (used derivative models), contributor breadth,
 * issue health (triage) and upgrade safety. The first three measure use; the last three maintenance.
 */
export const SIGNAL_FAMILIES = [
  'usage',
  'reverse-dependencies',
  'fan-out',
  'contributors',
  'issue-health',
  'upgrade-safety',
] as const;
export type SignalFamily = (typeof SIGNAL_FAMILIES)[number];
export const USAGE_FAMILIES: readonly SignalFamily[] = ['usage', 'reverse-dependencies', 'fan-out'];
export const FAMILY_LABELS: Readonly<Record<SignalFamily, string>> = {
  usage: 'usage/downloads',
  'reverse-dependencies': 'reverse dependencies',
  'fan-out': 'fan-out',
  contributors: 'contributor breadth',
  'issue-health': 'issue health',
  'upgrade-safety': 'upgrade safety',
};
export const SIGNAL_FAMILY: Readonly<Record<SignalName, SignalFamily>> = {
  downloads: 'usage',
  'hub-downloads': 'usage',
  'container-pulls': 'usage',
  dependents: 'reverse-dependencies',
  'serving-runtimes': 'reverse-dependencies',
  'fan-out': 'fan-out',
  contributors: 'contributors',
  triage: 'issue-health',
  'upgrade-safety': 'upgrade-safety',
};

/** A three-step ladder: the thresholds of internal tooling, production-facing, load-bearing. */
export type Ladder = readonly [number, number, number];

/** Documented thresholds (docs/tiers.md); a config may pass others. */
export interface TierThresholds {
  /** Monthly download floor per tier, for a category the table below does not list. */
  readonly downloadFloor: Ladder;
  /**
   * Monthly download floor per tier by project category: a library pulled into every build is
   * not judged on the floor of a server installed once per deployment. Also the ladder of a
   * project's Hub downloads.
   */
  readonly downloadFloorByCategory: Readonly<Partial<Record<ProjectCategory, Ladder>>>;
  readonly dependents: readonly [number, number, number];
  readonly containerPulls: readonly [number, number, number];
  readonly fanOut: readonly [number, number, number];
  /** Serving runtimes supporting a model: production, load-bearing. */
  readonly servingRuntimes: readonly [number, number];
  /** Download growth (last 3 vs prior 3 months) below this is a decline. */
  readonly declineBelow: number;
  /** Serving/memory first response p50 (days) at most this is fast triage. */
  readonly triageDays: number;
  /** Without comment timestamps: time-to-close p50 (KM, days) at most this stands in for triage. */
  readonly triageCloseProxyDays: number;
  /** Stable releases in six months for an active project. */
  readonly minReleases6m: number;
  /** Breaking releases in twelve months above this count against load-bearing. */
  readonly maxBreaking12m: number;
  readonly minElephantFactor: number;
  readonly minBusFactor: number;
}

/** Libraries (imported by other code, installed by every CI run and image build of their users). */
const LIBRARY_FLOOR: Ladder = [100_000, 1_000_000, 10_000_000];
/** Servers, local runners and models (installed or pulled once per deployment). */
const DEPLOYMENT_FLOOR: Ladder = [10_000, 100_000, 1_000_000];

export const DEFAULT_TIER_THRESHOLDS: TierThresholds = {
  downloadFloor: DEPLOYMENT_FLOOR,
  downloadFloorByCategory: {
    framework: LIBRARY_FLOOR,
    tooling: LIBRARY_FLOOR,
    rag: LIBRARY_FLOOR,
    'vector-db': LIBRARY_FLOOR,
    serving: DEPLOYMENT_FLOOR,
    'local-runner': DEPLOYMENT_FLOOR,
    'model-family': DEPLOYMENT_FLOOR,
  },
  dependents: [10, 100, 1_000],
  containerPulls: [100_000, 1_000_000, 10_000_000],
  fanOut: [10, 100, 1_000],
  servingRuntimes: [1, 3],
  declineBelow: -0.1,
  triageDays: 7,
  triageCloseProxyDays: 30,
  minReleases6m: 1,
  maxBreaking12m: 2,
  minElephantFactor: 2,
  minBusFactor: 3,
};

export interface Evidence {
  readonly rule: string;
  readonly signal: EvidenceSignal;
  /** 'for' supports the tier named; 'against' caps the verdict below it. */
  readonly direction: 'for' | 'against';
  readonly tier: TierVerdict;
  readonly detail: string;
}

/**
 * What could not be measured: a signal, or the organisation part of contributor breadth
 * (`contributor-organisations`) when the people were counted but most commits are unattributed.
 */
export interface UnknownSignal {
  readonly signal: SignalName | 'contributor-organisations';
  readonly reason: string;
}

export type Confidence = 'high' | 'medium' | 'low' | 'none';

/** A rule that lowered the confidence below what the coverage alone gives, with why. */
export interface ConfidenceStep {
  readonly rule: string;
  readonly from: Confidence;
  readonly to: Confidence;
  readonly detail: string;
}

/**
 * Where a signal family stands: `backs` (measured, and the verdict rests on or accounts for it),
 * `below` (a usage family measured that reaches a lower tier than the verdict), `measured` (no
 * tier to back), `unknown` (not measured).
 */
export interface FamilyStatus {
  readonly family: SignalFamily;
  readonly status: 'backs' | 'below' | 'measured' | 'unknown';
}

export interface TierResult {
  readonly tier: TierVerdict;
  readonly confidence: Confidence;
  /** Known / expected signals, 0…1. */
  readonly coverage: number;
  /** The six families, in SIGNAL_FAMILIES order. */
  readonly families: readonly FamilyStatus[];
  /** How many of the six families stand behind the verdict. */
  readonly familiesBacking: number;
  /** Each rule that lowered the confidence below the coverage's level, in order. */
  readonly confidenceSteps: readonly ConfidenceStep[];
  readonly usageTier: TierVerdict;
  readonly evidence: readonly Evidence[];
  readonly unknown: readonly UnknownSignal[];
  /** What would move the tier up; the unknown signals are listed in `unknown`, not repeated here. */
  readonly wouldMove: readonly string[];
}

const rank = (t: TierVerdict) => (t === 'unknown' ? -1 : TIERS.indexOf(t));
const CONFIDENCES: readonly Confidence[] = ['none', 'low', 'medium', 'high'];

/** A tier that client evidence alone cannot pass: a client shows the API is called, not that the server is run. */
export const CLIENT_EVIDENCE_CAP: Tier = 'production-facing';
/** Above this share of unattributed commits, rules about organisations cannot be judged (also the checklist's). */
export const MAX_UNATTRIBUTED_SHARE = 0.5;

/** The download ladder of a category: its row of the table, else the general floor. */
export function downloadLadder(T: TierThresholds, category: ProjectCategory | undefined): Ladder {
  return (category ? T.downloadFloorByCategory[category] : undefined) ?? T.downloadFloor;
}
const fmt = (n: number) => (Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : n.toFixed(1));
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const share = (x: number) => `${(x * 100).toFixed(0)}%`;
/** "76% of attributed commits (19% of all)": the largest organisation's share both ways. */
function topShares(c: ContributorBreadthInput): string {
  const top = c.topOrganizationShare ?? 0;
  const all =
    c.unattributedShare !== undefined ? `${share(top * (1 - c.unattributedShare))} of all` : 'share of all unknown';
  return `${share(top)} of attributed commits (${all})`;
}

/** The tier a usage level reaches on a three-threshold ladder. */
export function ladderTier(value: number, t: Ladder): Tier {
  if (value >= t[2]) return 'load-bearing-infrastructure';
  if (value >= t[1]) return 'production-facing';
  if (value >= t[0]) return 'internal-tooling';
  return 'experiment';
}

export const DEFAULT_EXPECTED_SIGNALS: readonly SignalName[] = [
  'downloads',
  'dependents',
  'contributors',
  'triage',
  'upgrade-safety',
];

export interface ClassifyOptions {
  readonly thresholds?: TierThresholds;
  readonly expected?: readonly SignalName[];
  /** The project's category: chooses its download ladder (the general floor without one). */
  readonly category?: ProjectCategory;
}

export function classifyTier(inputs: TierInputs, options: ClassifyOptions = {}): TierResult {
  const T = options.thresholds ?? DEFAULT_TIER_THRESHOLDS;
  const expected = options.expected ?? DEFAULT_EXPECTED_SIGNALS;
  const floors = downloadLadder(T, options.category);
  const floorsText = `tiers at ${floors.map(fmt).join(' / ')}${options.category ? ` (${options.category})` : ''}`;
  const evidence: Evidence[] = [];
  const unknown: UnknownSignal[] = [];
  const wouldMove: string[] = [];
  const known = new Set<SignalName>();

  // 1. Usage: the highest tier any usage signal reaches.
  let usageTier: TierVerdict = 'unknown';
  const familyReach = new Map<SignalFamily, Tier>();
  const reach = (signal: SignalName, tier: Tier, rule: string, detail: string) => {
    known.add(signal);
    evidence.push({ rule, signal, direction: 'for', tier, detail });
    if (rank(tier) > rank(usageTier)) usageTier = tier;
    const f = SIGNAL_FAMILY[signal];
    const was = familyReach.get(f);
    if (!was || rank(tier) > rank(was)) familyReach.set(f, tier);
  };
  const d = inputs.downloads;
  if (d) {
    const onLadder = ladderTier(d.floor, floors);
    const measured = `monthly download floor ${fmt(d.floor)} (latest ${fmt(d.monthly)}, ${d.source}, ${d.filtering === 'raw' ? 'CI and mirrors NOT removed' : d.filtering}); ${floorsText}`;
    if (d.client)
      reach(
        'downloads',
        rank(onLadder) > rank(CLIENT_EVIDENCE_CAP) ? CLIENT_EVIDENCE_CAP : onLadder,
        'client-download-floor',
        `client evidence: ${measured}. A client library shows applications calling the API (hosted offerings answer the same client), not deployments of the server: it reaches ${onLadder} on the ladder and counts at most ${CLIENT_EVIDENCE_CAP}`,
      );
    else reach('downloads', onLadder, 'download-floor', measured);
  } else unknown.push({ signal: 'downloads', reason: 'no download series for any package of the project' });
  const hub = inputs.hubDownloads;
  if (hub)
    reach(
      'hub-downloads',
      ladderTier(hub.monthly, floors),
      'hub-downloads',
      `${fmt(hub.monthly)} Hub downloads in 30 days (${hub.source}; one snapshot per model, no floor); ${floorsText}`,
    );
  else if (expected.includes('hub-downloads'))
    unknown.push({ signal: 'hub-downloads', reason: 'no Hub downloads stored for the base models' });
  if (inputs.dependents)
    reach(
      'dependents',
      ladderTier(inputs.dependents.count, T.dependents),
      'dependents',
      `${fmt(inputs.dependents.count)} dependents (${inputs.dependents.source}); tiers at ${T.dependents.map(fmt).join(' / ')}`,
    );
  else unknown.push({ signal: 'dependents', reason: 'no reverse-dependency counts collected' });
  if (inputs.containerPulls)
    reach(
      'container-pulls',
      ladderTier(inputs.containerPulls.total, T.containerPulls),
      'container-pulls',
      `${fmt(inputs.containerPulls.total)} container pulls all time (${inputs.containerPulls.source}); tiers at ${T.containerPulls.map(fmt).join(' / ')}`,
    );
  else if (expected.includes('container-pulls'))
    unknown.push({ signal: 'container-pulls', reason: 'no container pull counts collected' });
  if (inputs.fanOut)
    reach(
      'fan-out',
      ladderTier(inputs.fanOut.derivatives, T.fanOut),
      'fan-out',
      `${fmt(inputs.fanOut.derivatives)} used derivative models (${inputs.fanOut.source}); tiers at ${T.fanOut.map(fmt).join(' / ')}`,
    );
  else if (expected.includes('fan-out')) unknown.push({ signal: 'fan-out', reason: 'no Hub model tree collected' });
  if (inputs.servingRuntimes) {
    const n = inputs.servingRuntimes.length;
    const tier: Tier =
      n >= T.servingRuntimes[1]
        ? 'load-bearing-infrastructure'
        : n >= T.servingRuntimes[0]
          ? 'production-facing'
          : 'experiment';
    reach(
      'serving-runtimes',
      tier,
      'serving-runtimes',
      `supported by ${n} serving runtimes${n ? ` (${inputs.servingRuntimes.join(', ')})` : ''}; tiers at ${T.servingRuntimes.join(' / ')}`,
    );
  } else if (expected.includes('serving-runtimes'))
    unknown.push({ signal: 'serving-runtimes', reason: 'serving-runtime support not known' });

  // 2. Gates: each known and failing gate caps the verdict below the tier it guards.
  let cap: TierVerdict = 'load-bearing-infrastructure';
  const against = (signal: SignalName, guards: Tier, rule: string, detail: string) => {
    known.add(signal);
    evidence.push({ rule, signal, direction: 'against', tier: guards, detail });
    const below = TIERS[TIERS.indexOf(guards) - 1]!;
    if (rank(below) < rank(cap)) cap = below;
  };
  const supports = (signal: SignalName, tier: Tier, rule: string, detail: string) => {
    known.add(signal);
    evidence.push({ rule, signal, direction: 'for', tier, detail });
  };

  const growth = d?.trend?.growth;
  if (d?.trend && growth !== undefined) {
    if (growth < T.declineBelow)
      against(
        'downloads',
        'production-facing',
        'download-decline',
        `downloads ${pct(growth)} last 3 months vs the 3 before (decline below ${pct(T.declineBelow)})`,
      );
    else if (d.trend.shape === 'spike-and-decay')
      against(
        'downloads',
        'production-facing',
        'spike-and-decay',
        `downloads spiked and decayed in the six months (${d.trend.spikes
          .filter((s) => s.decayed)
          .map((s) => s.month)
          .join(', ')}): experimentation, not a floor`,
      );
    else
      supports(
        'downloads',
        'production-facing',
        'download-trend',
        `downloads ${pct(growth)} last 3 months vs the 3 before (${d.trend.shape})`,
      );
  } else if (d) wouldMove.push('six full months of downloads would let the trend gate the verdict');

  const ih = inputs.issueHealth;
  if (ih && ih.servingAndMemory.count > 0) {
    const sm = ih.servingAndMemory;
    const measured = sm.firstResponse.basis === 'measured';
    // First response when measured; else time to close as a labelled proxy.
    const km = measured ? sm.firstResponse.km : sm.timeToClose.km;
    const m = medianBound(km);
    const limit = measured ? T.triageDays : T.triageCloseProxyDays;
    const what = measured
      ? 'first response p50'
      : `time to close p50 (Kaplan–Meier) as a proxy, no comment timestamps${ih.sample ? '; sample' : ''}`;
    const rule = measured ? 'triage' : 'triage-proxy';
    const n = `n=${sm.count}${km ? `, ${km.censored} still waiting` : ''}`;
    if (m && m.exact && m.days <= limit)
      supports(
        'triage',
        'production-facing',
        `${rule.replace('triage', 'triage-fast')}`,
        `serving/memory issues: ${what}: ${fmt(m.days)} days (≤ ${limit}; ${n})`,
      );
    else if (m && m.days > limit)
      against(
        'triage',
        'production-facing',
        `${rule.replace('triage', 'triage-slow')}`,
        `serving/memory issues: ${what}: ${m.exact ? '' : 'more than '}${fmt(m.days)} days (> ${limit}; ${n})`,
      );
    else
      unknown.push({
        signal: 'triage',
        reason: m
          ? `serving/memory issues: ${what} not reached within the ${fmt(m.days)} days observed (${n})`
          : 'serving/memory issues found but neither first response nor close time could be measured',
      });
  } else
    unknown.push({ signal: 'triage', reason: ih ? 'no serving or memory issues in the data' : 'no issues collected' });

  const up = inputs.upgrade;
  if (up && up.releases.total > 0) {
    if (up.cadence.last6Months >= T.minReleases6m)
      supports(
        'upgrade-safety',
        'production-facing',
        'release-cadence',
        `${up.cadence.last6Months} stable releases in six months (latest ${up.cadence.latest ?? 'none'})`,
      );
    else
      against(
        'upgrade-safety',
        'production-facing',
        'no-recent-release',
        `${up.cadence.last6Months} stable releases in six months (need ≥ ${T.minReleases6m}; latest ${up.cadence.latest ?? 'none'})`,
      );
    if (up.breakingLast12Months > T.maxBreaking12m)
      against(
        'upgrade-safety',
        'load-bearing-infrastructure',
        'frequent-breaking',
        `${up.breakingLast12Months} breaking releases in twelve months (> ${T.maxBreaking12m}): ${up.breaking
          .slice(-4)
          .map((b) => b.tag)
          .join(', ')}`,
      );
    if (up.deprecationPolicy.status === 'found' || up.migrationGuide.status === 'found') {
      supports(
        'upgrade-safety',
        'load-bearing-infrastructure',
        'upgrade-path',
        [
          up.deprecationPolicy.status === 'found'
            ? `deprecation policy: ${up.deprecationPolicy.evidence.slice(0, 2).join('; ')}`
            : '',
          up.migrationGuide.status === 'found'
            ? `migration guide: ${up.migrationGuide.evidence.slice(0, 2).join('; ')}`
            : '',
        ]
          .filter(Boolean)
          .join('; '),
      );
    } else if (up.deprecationPolicy.status === 'not-found' && up.migrationGuide.status === 'not-found') {
      against(
        'upgrade-safety',
        'load-bearing-infrastructure',
        'no-upgrade-path',
        'no written deprecation policy and no migration guide in the docs or release notes',
      );
    } else wouldMove.push('collecting the repository docs would show whether a deprecation policy exists');
  } else unknown.push({ signal: 'upgrade-safety', reason: up ? 'no releases published' : 'no releases collected' });

  const c = inputs.contributors;
  if (c) {
    const who = `${c.organizations} organisations, elephant factor ${c.elephantFactor}, bus factor ${c.busFactor}${c.unattributedShare !== undefined ? `, ${share(c.unattributedShare)} of commits unattributed` : ''}${c.window ? ` (${c.window})` : ''}`;
    // The elephant factor counts attributed commits only: when most commits cannot be tied to an
    // organisation, a rule about organisations cannot be judged (the checklist says unknown too).
    const attributionUnknown = c.unattributedShare !== undefined && c.unattributedShare > MAX_UNATTRIBUTED_SHARE;
    const orgsFail = c.elephantFactor < T.minElephantFactor;
    const peopleFail = c.busFactor < T.minBusFactor;
    if (attributionUnknown)
      unknown.push({
        signal: 'contributor-organisations',
        reason: `organisation breadth unknown: ${share(c.unattributedShare ?? 1)} of commits are unattributed (more than ${share(MAX_UNATTRIBUTED_SHARE)})${c.topOrganizationShare !== undefined ? `; the largest organisation seen has ${topShares(c)}` : ''}: add an affiliation file or GitHub companies`,
      });
    if (orgsFail && !attributionUnknown)
      against(
        'contributors',
        'load-bearing-infrastructure',
        'single-organisation',
        `${who}: ${c.topOrganizationShare !== undefined ? `one organisation carries ${topShares(c)}` : 'one organisation carries at least half of the attributed commits'}`,
      );
    else if (peopleFail)
      against(
        'contributors',
        'load-bearing-infrastructure',
        'low-bus-factor',
        `${who}: fewer than ${T.minBusFactor} people carry half the commits`,
      );
    else if (attributionUnknown)
      supports(
        'contributors',
        'load-bearing-infrastructure',
        'bus-factor',
        `${who}: ${c.busFactor} people carry half the commits (≥ ${T.minBusFactor}); organisation breadth unknown`,
      );
    else supports('contributors', 'load-bearing-infrastructure', 'broad-contributors', who);
  } else
    unknown.push({
      signal: 'contributors',
      reason: 'contributor breadth not computed (run kept contributors on a clone)',
    });

  if (inputs.attention && inputs.attention.verdict !== 'unknown') {
    evidence.push({
      rule: `attention-usage:${inputs.attention.verdict}`,
      signal: 'downloads',
      direction: inputs.attention.verdict === 'attention-without-usage' ? 'against' : 'for',
      tier: 'unknown',
      detail: `stars vs downloads: ${inputs.attention.verdict}${inputs.attention.evidence.length ? ` — ${inputs.attention.evidence.join('; ')}` : ''} (context only, does not move the tier)`,
    });
  }

  // Load-bearing is a claim about maintenance as much as usage: with no gate measured at all
  // (trend, triage, releases, contributors), usage alone stops at production-facing.
  const gateSignals: readonly SignalName[] = ['triage', 'upgrade-safety', 'contributors'];
  const anyGate = evidence.some(
    (e) =>
      gateSignals.includes(e.signal as SignalName) ||
      ['download-trend', 'download-decline', 'spike-and-decay'].includes(e.rule),
  );
  if (!anyGate && (usageTier as TierVerdict) === 'load-bearing-infrastructure') {
    evidence.push({
      rule: 'no-maintenance-evidence',
      signal: 'maintenance',
      direction: 'against',
      tier: 'load-bearing-infrastructure',
      detail: 'usage reaches load-bearing, but no trend, triage, release or contributor signal was measured to back it',
    });
    if (rank(cap) > rank('production-facing')) cap = 'production-facing';
  }

  // 3. Verdict: the usage tier, capped by failing gates; unknown without any usage signal.
  const tier: TierVerdict = usageTier === 'unknown' ? 'unknown' : rank(usageTier) > rank(cap) ? cap : usageTier;
  const considered = new Set<SignalName>([...expected, ...known]);
  const coverage = considered.size ? [...considered].filter((s) => known.has(s)).length / considered.size : 0;

  // 4. The families behind the verdict: a usage family backs it when it reaches the verdict's
  // tier; a maintenance family when it was measured (a failing gate is what set the tier).
  const measuredFamilies = new Set([...known].map((s) => SIGNAL_FAMILY[s]));
  const families: FamilyStatus[] = SIGNAL_FAMILIES.map((family) => {
    if (!measuredFamilies.has(family)) return { family, status: 'unknown' };
    if (tier === 'unknown') return { family, status: 'measured' };
    const r = familyReach.get(family);
    if (USAGE_FAMILIES.includes(family) && r && rank(r) < rank(tier)) return { family, status: 'below' };
    return { family, status: 'backs' };
  });
  const familiesBacking = families.filter((f) => f.status === 'backs').length;
  const usageBacking = families.filter((f) => f.status === 'backs' && USAGE_FAMILIES.includes(f.family));

  // 5. Confidence: the coverage's level, then each rule that lowers it (a later rule, such as
  // stale data lowering it one step, is one more line here).
  let confidence: Confidence =
    tier === 'unknown' ? 'none' : coverage >= 0.8 ? 'high' : coverage >= 0.5 ? 'medium' : 'low';
  const confidenceSteps: ConfidenceStep[] = [];
  const capConfidence = (max: Confidence, rule: string, detail: string) => {
    if (CONFIDENCES.indexOf(confidence) <= CONFIDENCES.indexOf(max)) return;
    confidenceSteps.push({ rule, from: confidence, to: max, detail });
    confidence = max;
  };
  if (d?.filtering === 'raw') capConfidence('medium', 'raw-downloads', 'the download counts include CI and mirrors');
  if (tier !== 'unknown' && usageBacking.length < 2)
    capConfidence(
      'low',
      'one-usage-family',
      `only one usage family (${usageBacking.map((f) => FAMILY_LABELS[f.family]).join(', ') || 'none'}) reaches ${tier}: a second (${USAGE_FAMILIES.filter(
        (f) => !usageBacking.some((b) => b.family === f),
      )
        .map((f) => FAMILY_LABELS[f])
        .join(' or ')}) would corroborate it`,
    );

  if (tier !== 'unknown') {
    const next = TIERS[rank(tier) + 1];
    if (next) {
      if (rank(usageTier) < rank(next)) {
        const i = rank(next) - 1;
        const parts = [
          d?.client && rank(next) > rank(CLIENT_EVIDENCE_CAP)
            ? `downloads of the server itself (the client library counts at most ${CLIENT_EVIDENCE_CAP})`
            : `a monthly download floor ≥ ${fmt(floors[i]!)}`,
          `≥ ${fmt(T.dependents[i]!)} dependents`,
        ];
        if (inputs.hubDownloads || expected.includes('hub-downloads'))
          parts.push(`≥ ${fmt(floors[i]!)} Hub downloads in 30 days`);
        if (inputs.containerPulls || expected.includes('container-pulls'))
          parts.push(`≥ ${fmt(T.containerPulls[i]!)} container pulls`);
        if (inputs.fanOut || expected.includes('fan-out')) parts.push(`≥ ${fmt(T.fanOut[i]!)} used derivative models`);
        wouldMove.push(`up to ${next}: ${parts.join(', or ')}`);
      }
      for (const e of evidence.filter(
        (x) => x.direction === 'against' && x.tier !== 'unknown' && rank(x.tier) <= rank(next),
      ))
        wouldMove.push(`up to ${next}: fix "${e.rule}" (${e.detail})`);
    }
  } else {
    wouldMove.push('collect or import any usage signal (downloads, dependents, container pulls, fan-out)');
  }
  return {
    tier,
    confidence,
    coverage,
    families,
    familiesBacking,
    confidenceSteps,
    usageTier,
    evidence,
    unknown,
    wouldMove,
  };
}

/** Builds the downloads input from a six-month trend: latest month, and the floor of the last three. */
export function downloadsFromTrend(
  trend: Trend,
  source: string,
  filtering: 'ci-removed' | 'mirrors-removed' | 'raw',
): TierInputs['downloads'] | undefined {
  const last3 = trend.months.slice(-3).map((m) => m.value);
  const latest = trend.months[trend.months.length - 1];
  if (!latest) return undefined;
  return { monthly: latest.value, floor: Math.min(...last3), filtering, source, trend };
}
