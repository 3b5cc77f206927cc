// Concentration of downloads over units (models, organisations, families, regions). Pure.
//   share s_i = x_i / Σx
//   HHI       = Σ s_i²                       (0..1; 1 = one unit has everything; ×10,000 is the antitrust scale)
//   Gini      = 2·Σ i·x(i) / (n·Σx) − (n+1)/n  (x sorted ascending, i from 1; 0 = equal, →1 = one unit)
//   top-N     = (sum of the N largest x) / Σx
//   zero share = units with x = 0 / n
// Computed from sufficient statistics, so the store can produce them for millions of units.
import type { DistributionStats } from '../../domain/ecosystem.js';
import { distributionStats, distributionStatsOfCounts } from '../../domain/distribution-stats.js';

export { distributionStats, distributionStatsOfCounts };

export interface Concentration {
  readonly units: number;
  readonly total: number;
  /** null when nothing was downloaded. */
  readonly hhi: number | null;
  readonly gini: number | null;
  readonly top: readonly { readonly n: number; readonly share: number | null }[];
  readonly zeroShare: number | null;
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
