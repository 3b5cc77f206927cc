// Concentration of downloads over units (models, organisations, families, regions). Pure.
//   share s_i = x_i / Σx
//   HHI       = Σ s_i²                       (0..1; 1 = one unit has everything; ×10,000 is the antitrust scale)
//   Gini      = 2·Σ i·x(i) / (n·Σx) − (n+1)/n  (x sorted ascending, i from 1; 0 = equal, →1 = one unit)
//   top-N     = (sum of the N largest x) / Σx
//   zero share = units with x = 0 / n
// Computed from sufficient statistics, so the store can produce them for millions of units.
import type { DistributionStats } from '../../domain/ecosystem.js';

export interface Concentration {
  readonly units: number;
  readonly total: number;
  /** null when nothing was downloaded. */
  readonly hhi: number | null;
  readonly gini: number | null;
  readonly top: readonly { readonly n: number; readonly share: number | null }[];
  readonly zeroShare: number | null;
}

/** The statistics of a list of values (the reference for what the store computes). */
export function distributionStats(values: readonly number[], topN: readonly number[]): DistributionStats {
  const counts = new Map<number, number>();
  for (const x of values) counts.set(x, (counts.get(x) ?? 0) + 1);
  return distributionStatsOfCounts(counts, topN);
}

/**
 * The statistics of a histogram, value → how many units have it: what both stores return, so the
 * ranks (Σ i·x(i), top-N) are computed here, once, over distinct values rather than every unit.
 * Integer inputs give exact sums while they stay below 2^53.
 */
export function distributionStatsOfCounts(
  counts: Iterable<readonly [value: number, count: number]>,
  topN: readonly number[],
): DistributionStats {
  const asc = [...counts].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  let n = 0;
  let total = 0;
  let sumSquares = 0;
  let rankWeightedSum = 0;
  let zeros = 0;
  for (const [x, c] of asc) {
    // The c units of value x take ranks n+1 … n+c, whose sum is c·n + c(c+1)/2.
    rankWeightedSum += x * (c * n + (c * (c + 1)) / 2);
    total += x * c;
    sumSquares += x * x * c;
    if (x === 0) zeros += c;
    n += c;
  }
  const topSums: Record<string, number> = {};
  for (const k of topN) {
    let left = k;
    let sum = 0;
    for (let i = asc.length - 1; i >= 0 && left > 0; i--) {
      const [x, c] = asc[i]!;
      const take = Math.min(c, left);
      sum += x * take;
      left -= take;
    }
    topSums[String(k)] = sum;
  }
  return { n, total, sumSquares, rankWeightedSum, zeros, topSums };
}

export function computeConcentration(s: DistributionStats, topN: readonly number[]): Concentration {
  const has = s.n > 0 && s.total > 0;
  return {
    units: s.n,
    total: s.total,
    hhi: has ? s.sumSquares / (s.total * s.total) : null,
    // Clamped: rounding can put an all-equal distribution a hair below 0.
    gini: has ? Math.min(1, Math.max(0, (2 * s.rankWeightedSum) / (s.n * s.total) - (s.n + 1) / s.n)) : null,
    top: topN.map((n) => ({ n, share: has ? (s.topSums[String(n)] ?? 0) / s.total : null })),
    zeroShare: s.n > 0 ? s.zeros / s.n : null,
  };
}
