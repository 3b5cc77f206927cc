// Reverse dependencies from two sources that count differently, kept side by side. Pure.
// deps.dev counts public dependents of ONE version (the default) and says its numbers are
// "indicative of relative popularity rather than precisely accurate"; ecosyste.ms counts packages
// depending on any version. So they disagree by construction: kept reports both, says when they
// differ by more than a factor, and never averages them.
import { DAY_MS } from '../domain/time.js';

export interface DependentsFigure {
  readonly source: string;
  readonly value: number;
  readonly at: Date;
}

export interface DependentsComparison {
  readonly figures: readonly DependentsFigure[];
  /** max / min over the sources with a value; null with fewer than two, Infinity when one is 0. */
  readonly ratio: number | null;
  readonly disagree: boolean;
  readonly note: string;
}

/** A factor of 2 between sources is "disagree"; under 10 dependents the absolute gap must be ≥ 5 too. */
export const DISAGREEMENT_FACTOR = 2;

export function compareDependents(figures: readonly DependentsFigure[]): DependentsComparison {
  const fs = figures.filter((f) => Number.isFinite(f.value));
  if (fs.length < 2)
    return {
      figures: fs,
      ratio: null,
      disagree: false,
      note: fs.length ? `only ${fs[0]!.source} has a count` : 'no source has a count',
    };
  const values = fs.map((f) => f.value);
  const max = Math.max(...values);
  const min = Math.min(...values);
  const ratio = min === 0 ? (max === 0 ? 1 : Number.POSITIVE_INFINITY) : max / min;
  const disagree = ratio >= DISAGREEMENT_FACTOR && max - min >= 5;
  const hi = fs.find((f) => f.value === max)!;
  const lo = fs.find((f) => f.value === min)!;
  const note = disagree
    ? `${hi.source} counts ${max} and ${lo.source} ${min} (×${Number.isFinite(ratio) ? ratio.toFixed(1) : '∞'}): they count differently (deps.dev: public dependents of one version; ecosyste.ms: any version), both are kept`
    : `${fs.map((f) => `${f.source} ${f.value}`).join(', ')}: consistent within ×${DISAGREEMENT_FACTOR}`;
  return { figures: fs, ratio, disagree, note };
}

export interface DependentsTrend {
  readonly latest: DependentsFigure | null;
  readonly base: DependentsFigure | null;
  /** latest / base - 1 over about six months; null when no snapshot is old enough. */
  readonly growth: number | null;
  readonly note: string;
}

/** Six-month change of one source's snapshots: the latest vs the last snapshot at least ~5 months older. */
export function computeDependentsTrend(
  snapshots: readonly DependentsFigure[],
  asOf: Date,
  months = 6,
): DependentsTrend {
  const ps = snapshots.filter((s) => s.at.getTime() <= asOf.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime());
  const latest = ps[ps.length - 1] ?? null;
  if (!latest) return { latest: null, base: null, growth: null, note: 'no snapshot yet' };
  const target = latest.at.getTime() - months * 30.44 * DAY_MS;
  const tolerance = 30.44 * DAY_MS; // accept a base up to a month short of the full window
  const base = [...ps].reverse().find((s) => s.at.getTime() <= target + tolerance && s !== latest) ?? null;
  if (!base)
    return {
      latest,
      base: null,
      growth: null,
      note: `no snapshot ${months} months before ${latest.at.toISOString().slice(0, 10)}: the trend needs kept to have collected for that long`,
    };
  const growth = base.value > 0 ? latest.value / base.value - 1 : null;
  return {
    latest,
    base,
    growth,
    note: `${base.value} on ${base.at.toISOString().slice(0, 10)} → ${latest.value} on ${latest.at.toISOString().slice(0, 10)}`,
  };
}
