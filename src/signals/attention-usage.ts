// Attention vs usage: the star curve beside the download curve. Flat stars with climbing
// downloads means the project moved from "interesting" to "dependency"; climbing stars with flat
// or falling downloads means attention without usage. Also the level view against catalog peers:
// downloads (and dependents) per star, as percentiles; and the star bursts (signals/star-bursts.ts)
// of the daily history, those usage did not follow being attention evidence. Pure; asOf passed in.
import { addMonths } from '../domain/time.js';
import { computeStarBursts, type DailyGain, type LevelAt, type StarBursts } from './star-bursts.js';
import type { SeriesPoint, Trend } from './trend.js';

export interface LevelPoint {
  readonly at: Date;
  readonly value: number;
}

export interface PeerLevels {
  readonly id: string;
  readonly stars: number | undefined;
  /** Downloads over the latest 30-day window. */
  readonly downloads30d: number | undefined;
  readonly dependents: number | undefined;
}

export interface AttentionUsageInput {
  /** Cumulative star counts observed over time (levels). */
  readonly stars: readonly LevelPoint[];
  /** The six-month download trend (signals/trend.ts), undefined when there is no download series. */
  readonly downloadTrend: Trend | undefined;
  readonly downloads30d: number | undefined;
  readonly dependents: number | undefined;
  /** Catalog peers (this project excluded) for percentiles. */
  readonly peers?: readonly PeerLevels[];
  /** Daily star gains (stars still held, by the day they were given), for star bursts. */
  readonly starGains?: readonly DailyGain[];
  /** The download series whose trend is judged, at its own resolution, for usage around a burst. */
  readonly downloadPoints?: readonly SeriesPoint[];
  /** Dependents counts over time, for usage around a burst when there are no downloads. */
  readonly dependentLevels?: readonly LevelAt[];
  /** The repository's fork counts over time, for usage around a burst when neither of the above tells. */
  readonly forkLevels?: readonly LevelAt[];
}

export type AttentionUsageVerdict =
  'interesting-to-dependency' | 'attention-without-usage' | 'both-growing' | 'both-fading' | 'steady' | 'unknown';

/** Documented thresholds (docs/tiers.md). */
export const ATTENTION_RULES = {
  /** Stars gained in six months, relative to the level six months ago, that counts as growing attention. */
  starsGrowing: 0.1,
  /** Download growth (last 3 months vs the 3 before) beyond ± this is growing / declining. */
  usageBand: 0.1,
  /** Peers needed before percentiles mean anything. */
  minPeers: 5,
  /** Stars percentile at or above, with downloads-per-star percentile at or below, flags attention without usage. */
  highStarsPercentile: 0.75,
  lowUsagePercentile: 0.25,
} as const;

export interface AttentionUsage {
  readonly asOf: Date;
  readonly stars: {
    readonly latest: number | undefined;
    readonly sixMonthsAgo: number | undefined;
    readonly gain6m: number | undefined;
    readonly relativeGain6m: number | undefined;
    readonly trend: 'growing' | 'flat' | 'unknown';
  };
  readonly usage: {
    readonly downloads30d: number | undefined;
    readonly growth: number | undefined;
    readonly shape: string | undefined;
    readonly trend: 'growing' | 'flat' | 'declining' | 'unknown';
  };
  readonly ratios: { readonly downloadsPerStar: number | undefined; readonly dependentsPer1kStars: number | undefined };
  /** Mid-rank percentiles among peers (0…1); undefined without enough peers. */
  readonly percentiles: {
    readonly peers: number;
    readonly stars: number | undefined;
    readonly downloads: number | undefined;
    readonly downloadsPerStar: number | undefined;
  };
  /**
   * Both curves over the six months of the download trend, each divided by its value in the first
   * month (stars: the level at that month's window end), so they share one axis.
   */
  readonly normalised: readonly {
    readonly month: string;
    readonly downloads: number | undefined;
    readonly stars: number | undefined;
  }[];
  readonly attentionWithoutUsageFlag: boolean | undefined;
  /** Star bursts of the daily history; undefined without one. */
  readonly starBursts: StarBursts | undefined;
  readonly verdict: AttentionUsageVerdict;
  readonly evidence: readonly string[];
  readonly notes: readonly string[];
}

/** The latest level on or before `at`. */
function levelAt(points: readonly LevelPoint[], at: Date): LevelPoint | undefined {
  let best: LevelPoint | undefined;
  for (const p of points) if (p.at.getTime() <= at.getTime() && (!best || p.at.getTime() > best.at.getTime())) best = p;
  return best;
}

/** Mid-rank percentile of x among values: (below + half of equal) / n. */
export function percentileRank(x: number, values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const below = values.filter((v) => v < x).length;
  const equal = values.filter((v) => v === x).length;
  return (below + equal / 2) / values.length;
}

export function computeAttentionUsage(input: AttentionUsageInput, asOf: Date): AttentionUsage {
  const notes: string[] = [];
  const evidence: string[] = [];
  const R = ATTENTION_RULES;
  const now = levelAt(input.stars, asOf);
  const then = levelAt(input.stars, addMonths(asOf, -6));
  const gain6m = now && then ? now.value - then.value : undefined;
  const rel = gain6m !== undefined && then && then.value > 0 ? gain6m / then.value : undefined;
  const starsTrend = rel === undefined ? 'unknown' : rel >= R.starsGrowing ? 'growing' : 'flat';
  if (!now) notes.push('no star counts on or before asOf');
  else if (!then) notes.push('no star count from six months before asOf: star trend unknown');

  const growth = input.downloadTrend?.growth;
  const usageTrend =
    growth === undefined ? 'unknown' : growth > R.usageBand ? 'growing' : growth < -R.usageBand ? 'declining' : 'flat';
  if (!input.downloadTrend) notes.push('no download series: usage trend unknown');

  const dps = input.downloads30d !== undefined && now && now.value > 0 ? input.downloads30d / now.value : undefined;
  const depPerK =
    input.dependents !== undefined && now && now.value > 0 ? (input.dependents / now.value) * 1000 : undefined;

  const peers = input.peers ?? [];
  const peerStars = peers.map((p) => p.stars).filter((v): v is number => v !== undefined);
  const peerDl = peers.map((p) => p.downloads30d).filter((v): v is number => v !== undefined);
  const peerDps = peers
    .filter((p) => p.stars !== undefined && p.stars > 0 && p.downloads30d !== undefined)
    .map((p) => p.downloads30d! / p.stars!);
  const enough = (xs: readonly number[]) => xs.length >= R.minPeers;
  const percentiles = {
    peers: peers.length,
    stars: now && enough(peerStars) ? percentileRank(now.value, peerStars) : undefined,
    downloads:
      input.downloads30d !== undefined && enough(peerDl) ? percentileRank(input.downloads30d, peerDl) : undefined,
    downloadsPerStar: dps !== undefined && enough(peerDps) ? percentileRank(dps, peerDps) : undefined,
  };
  if (peers.length > 0 && !enough(peerDps))
    notes.push(`only ${peerDps.length} peers with stars and downloads (need ${R.minPeers}): no percentiles`);
  const flag =
    percentiles.stars === undefined || percentiles.downloadsPerStar === undefined
      ? undefined
      : percentiles.stars >= R.highStarsPercentile && percentiles.downloadsPerStar <= R.lowUsagePercentile;

  let verdict: AttentionUsageVerdict = 'unknown';
  if (usageTrend !== 'unknown' && starsTrend !== 'unknown') {
    if (usageTrend === 'growing') verdict = starsTrend === 'flat' ? 'interesting-to-dependency' : 'both-growing';
    else if (starsTrend === 'growing') verdict = 'attention-without-usage';
    else verdict = usageTrend === 'declining' ? 'both-fading' : 'steady';
  }
  if (flag === true && (verdict === 'steady' || verdict === 'unknown')) verdict = 'attention-without-usage';

  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  if (now && then)
    evidence.push(
      `stars ${then.value} → ${now.value} in six months (${rel === undefined ? 'n/a' : pct(rel)}; growing at ≥ ${pct(R.starsGrowing)})`,
    );
  if (growth !== undefined)
    evidence.push(
      `downloads last 3 months vs the 3 before: ${growth >= 0 ? '+' : ''}${pct(growth)} (${input.downloadTrend!.shape})`,
    );
  if (dps !== undefined) evidence.push(`${dps.toFixed(1)} downloads per star (30 days)`);
  if (percentiles.stars !== undefined && percentiles.downloadsPerStar !== undefined)
    evidence.push(
      `among ${peers.length} peers: stars at the ${pct(percentiles.stars)} percentile, downloads per star at the ${pct(percentiles.downloadsPerStar)}`,
    );

  const starBursts = input.starGains?.length
    ? computeStarBursts(
        {
          gains: input.starGains,
          ...(input.downloadPoints?.length ? { downloads: input.downloadPoints } : {}),
          ...(input.dependentLevels?.length ? { dependents: input.dependentLevels } : {}),
          ...(input.forkLevels?.length ? { forks: input.forkLevels } : {}),
        },
        asOf,
      )
    : undefined;
  for (const b of starBursts?.unmatched ?? []) evidence.push(`star burst, not followed by usage: ${b.text}`);

  const months = input.downloadTrend?.months ?? [];
  const d0 = months[0]?.value;
  const s0 = months[0] ? levelAt(input.stars, months[0].windowEnd)?.value : undefined;
  const normalised = months.map((m) => {
    const st = levelAt(input.stars, m.windowEnd)?.value;
    return {
      month: m.month,
      downloads: d0 ? m.value / d0 : undefined,
      stars: s0 && st !== undefined ? st / s0 : undefined,
    };
  });

  return {
    asOf,
    stars: { latest: now?.value, sixMonthsAgo: then?.value, gain6m, relativeGain6m: rel, trend: starsTrend },
    usage: { downloads30d: input.downloads30d, growth, shape: input.downloadTrend?.shape, trend: usageTrend },
    ratios: { downloadsPerStar: dps, dependentsPer1kStars: depPerK },
    percentiles,
    normalised,
    attentionWithoutUsageFlag: flag,
    starBursts,
    verdict,
    evidence,
    notes,
  };
}
