// Deployment tier: experiment → internal tooling → production-facing → load-bearing
// infrastructure (product.md §10), decided by documented rules over the signals present. Usage
// signals (non-CI download floor, dependents, container pulls, fan-out, serving runtimes) set how
// high a project can reach; maintenance signals (download trend, triage speed, release cadence,
// contributor breadth, upgrade safety) gate the two upper tiers. Every rule that fired is listed
// with its figures; unknown signals never count against a project, they lower the confidence.
// A project with no usage data at all is "unknown", never "experiment". Pure.
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
  };
  readonly dependents?: { readonly count: number; readonly growth?: number; readonly source: string };
  readonly containerPulls?: { readonly total: number; readonly source: string };
  readonly fanOut?: { readonly derivatives: number; readonly source: string };
  readonly servingRuntimes?: readonly string[];
  readonly contributors?: ContributorBreadthInput;
  readonly issueHealth?: IssueHealth;
  readonly upgrade?: UpgradeSafety;
  readonly attention?: AttentionUsage;
}

export type SignalName =
  | 'downloads'
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

/** Documented thresholds (docs/tiers.md); a config may pass others. */
export interface TierThresholds {
  /** Monthly download floor per tier: internal, production, load-bearing. */
  readonly downloadFloor: readonly [number, number, number];
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

export const DEFAULT_TIER_THRESHOLDS: TierThresholds = {
  downloadFloor: [10_000, 100_000, 1_000_000],
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

export interface UnknownSignal {
  readonly signal: SignalName;
  readonly reason: string;
}

export interface TierResult {
  readonly tier: TierVerdict;
  readonly confidence: 'high' | 'medium' | 'low' | 'none';
  /** Known / expected signals, 0…1. */
  readonly coverage: number;
  readonly usageTier: TierVerdict;
  readonly evidence: readonly Evidence[];
  readonly unknown: readonly UnknownSignal[];
  /** What would move the tier up; the unknown signals are listed in `unknown`, not repeated here. */
  readonly wouldMove: readonly string[];
}

const rank = (t: TierVerdict) => (t === 'unknown' ? -1 : TIERS.indexOf(t));
const fmt = (n: number) => (Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : n.toFixed(1));
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/** The tier a usage level reaches on a three-threshold ladder. */
function ladder(value: number, t: readonly [number, number, number]): Tier {
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

export function classifyTier(
  inputs: TierInputs,
  options: { thresholds?: TierThresholds; expected?: readonly SignalName[] } = {},
): TierResult {
  const T = options.thresholds ?? DEFAULT_TIER_THRESHOLDS;
  const expected = options.expected ?? DEFAULT_EXPECTED_SIGNALS;
  const evidence: Evidence[] = [];
  const unknown: UnknownSignal[] = [];
  const wouldMove: string[] = [];
  const known = new Set<SignalName>();

  // 1. Usage: the highest tier any usage signal reaches.
  let usageTier: TierVerdict = 'unknown';
  const reach = (signal: SignalName, tier: Tier, rule: string, detail: string) => {
    known.add(signal);
    evidence.push({ rule, signal, direction: 'for', tier, detail });
    if (rank(tier) > rank(usageTier)) usageTier = tier;
  };
  const d = inputs.downloads;
  if (d) {
    reach(
      'downloads',
      ladder(d.floor, T.downloadFloor),
      'download-floor',
      `monthly download floor ${fmt(d.floor)} (latest ${fmt(d.monthly)}, ${d.source}, ${d.filtering === 'raw' ? 'CI and mirrors NOT removed' : d.filtering}); tiers at ${T.downloadFloor.map(fmt).join(' / ')}`,
    );
  } else unknown.push({ signal: 'downloads', reason: 'no download series for any package of the project' });
  if (inputs.dependents)
    reach(
      'dependents',
      ladder(inputs.dependents.count, T.dependents),
      'dependents',
      `${fmt(inputs.dependents.count)} dependents (${inputs.dependents.source}); tiers at ${T.dependents.map(fmt).join(' / ')}`,
    );
  else unknown.push({ signal: 'dependents', reason: 'no reverse-dependency counts collected' });
  if (inputs.containerPulls)
    reach(
      'container-pulls',
      ladder(inputs.containerPulls.total, T.containerPulls),
      'container-pulls',
      `${fmt(inputs.containerPulls.total)} container pulls all time (${inputs.containerPulls.source}); tiers at ${T.containerPulls.map(fmt).join(' / ')}`,
    );
  else if (expected.includes('container-pulls'))
    unknown.push({ signal: 'container-pulls', reason: 'no container pull counts collected' });
  if (inputs.fanOut)
    reach(
      'fan-out',
      ladder(inputs.fanOut.derivatives, T.fanOut),
      'fan-out',
      `${fmt(inputs.fanOut.derivatives)} derivative models (${inputs.fanOut.source}); tiers at ${T.fanOut.map(fmt).join(' / ')}`,
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
    const who = `${c.organizations} organisations, elephant factor ${c.elephantFactor}, bus factor ${c.busFactor}${c.unattributedShare !== undefined ? `, ${(c.unattributedShare * 100).toFixed(0)}% of commits unattributed` : ''}${c.window ? ` (${c.window})` : ''}`;
    if (c.elephantFactor < T.minElephantFactor)
      against(
        'contributors',
        'load-bearing-infrastructure',
        'single-organisation',
        `${who}: one organisation carries half the commits`,
      );
    else if (c.busFactor < T.minBusFactor)
      against(
        'contributors',
        'load-bearing-infrastructure',
        'low-bus-factor',
        `${who}: fewer than ${T.minBusFactor} people carry half the commits`,
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
  let confidence: TierResult['confidence'] =
    tier === 'unknown' ? 'none' : coverage >= 0.8 ? 'high' : coverage >= 0.5 ? 'medium' : 'low';
  if (confidence === 'high' && d?.filtering === 'raw') confidence = 'medium'; // raw counts include CI and mirrors

  if (tier !== 'unknown') {
    const next = TIERS[rank(tier) + 1];
    if (next) {
      if (rank(usageTier) < rank(next)) {
        const i = rank(next) - 1;
        const parts = [
          `a monthly download floor ≥ ${fmt(T.downloadFloor[i]!)}`,
          `≥ ${fmt(T.dependents[i]!)} dependents`,
        ];
        if (inputs.containerPulls || expected.includes('container-pulls'))
          parts.push(`≥ ${fmt(T.containerPulls[i]!)} container pulls`);
        if (inputs.fanOut || expected.includes('fan-out')) parts.push(`≥ ${fmt(T.fanOut[i]!)} derivative models`);
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
  return { tier, confidence, coverage, usageTier, evidence, unknown, wouldMove };
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
