// Sufficient statistics of a distribution of downloads over units (n, total, Σx², Σ i·x(i), zeros,
// top-N sums): what both stores return for millions of units, and what the concentration signal
// reads. Pure.
import type { DistributionStats } from './ecosystem.js';

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
