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

/** The statistics of a list of values (the reference for what the store computes in SQL). */
export function distributionStats(values: readonly number[], topN: readonly number[]): DistributionStats {
  const asc = [...values].sort((a, b) => a - b);
  let total = 0;
  let sumSquares = 0;
  let rankWeightedSum = 0;
  let zeros = 0;
  asc.forEach((x, i) => {
    total += x;
    sumSquares += x * x;
    rankWeightedSum += (i + 1) * x;
    if (x === 0) zeros++;
  });
  const topSums: Record<string, number> = {};
  for (const k of topN) topSums[String(k)] = asc.slice(Math.max(0, asc.length - k)).reduce((a, b) => a + b, 0);
  return { n: asc.length, total, sumSquares, rankWeightedSum, zeros, topSums };
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
