// Six-month trend of a download series: growth (last 3 months vs the 3 before), log-linear slope,
// and spike-and-decay (a month far above its neighbours that falls back). Pure; asOf passed in.
import { addMonths } from '../domain/time.js';

export interface SeriesPoint {
  readonly windowStart: Date;
  readonly windowEnd: Date;
  readonly value: number;
}

export interface MonthValue {
  /** `YYYY-MM`, the calendar month the window mostly covers (its midpoint's month). */
  readonly month: string;
  readonly value: number;
  /** The window this value came from. */
  readonly windowStart: Date;
  readonly windowEnd: Date;
}

export interface Spike {
  readonly month: string;
  readonly value: number;
  /** Median of the up-to-three months before it. */
  readonly baseline: number;
  readonly ratio: number;
  /** The next month's value, undefined when the spike is the latest point. */
  readonly next: number | undefined;
  /** next / value; ≤ SPIKE_RULES.decayedBelow means it fell back. */
  readonly nextRatio: number | undefined;
  readonly decayed: boolean | undefined;
}

export type TrendShape = 'climbing-floor' | 'spike-and-decay' | 'growing' | 'declining' | 'flat' | 'insufficient-data';

export interface Trend {
  readonly asOf: Date;
  /** The six months considered, oldest first (fewer when data is missing). */
  readonly months: readonly MonthValue[];
  /** sum(last 3) / sum(previous 3) - 1; undefined without 3 + 3 months. */
  readonly growth: number | undefined;
  /** OLS slope of ln(value) per month; undefined with fewer than 3 positive months. */
  readonly slope: number | undefined;
  /** exp(slope) - 1: the implied monthly growth rate. */
  readonly monthlyRate: number | undefined;
  readonly spikes: readonly Spike[];
  readonly shape: TrendShape;
  readonly notes: readonly string[];
}

/** Documented thresholds of spike detection. */
export const SPIKE_RULES = {
  /** A month at least this many times the median of the three before is a spike. */
  minRatio: 3,
  /** A spike has decayed when the next month is at most this fraction of it. */
  decayedBelow: 0.5,
} as const;

const FLAT_BAND = 0.1;

/** `YYYY-MM` of a date in UTC (what toISOString().slice(0, 7) gives, without building the whole string). */
function monthKey(d: Date): string {
  const y = d.getUTCFullYear();
  if (y < 1000 || y > 9999) return d.toISOString().slice(0, 7);
  const m = d.getUTCMonth() + 1;
  return `${y}-${m < 10 ? '0' : ''}${m}`;
}

/** One value per calendar month: the last window (by end) whose midpoint falls in that month. */
export function monthlySeries(points: readonly SeriesPoint[]): MonthValue[] {
  const byMonth = new Map<string, MonthValue>();
  const sorted = [...points]
    .filter((p) => Number.isFinite(p.value))
    .sort((a, b) => a.windowEnd.getTime() - b.windowEnd.getTime());
  for (const p of sorted) {
    const month = monthKey(new Date((p.windowStart.getTime() + p.windowEnd.getTime()) / 2));
    byMonth.set(month, {
      month,
      value: p.value,
      windowStart: p.windowStart,
      windowEnd: p.windowEnd,
    });
  }
  return [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Spikes in a monthly series: months ≥ minRatio × the median of the three before that fell back (or are the latest). */
export function detectSpikes(months: readonly MonthValue[]): Spike[] {
  const out: Spike[] = [];
  for (let i = 1; i < months.length; i++) {
    const before = months.slice(Math.max(0, i - 3), i).map((m) => m.value);
    const baseline = median(before);
    const cur = months[i]!;
    if (baseline <= 0 || cur.value < SPIKE_RULES.minRatio * baseline) continue;
    const next = months[i + 1]?.value;
    const nextRatio = next === undefined ? undefined : next / cur.value;
    // A jump that holds is a step up (a climbing floor), not a spike: keep only what fell back,
    // and the latest month, whose fate is not known yet.
    if (nextRatio !== undefined && nextRatio > SPIKE_RULES.decayedBelow) continue;
    out.push({
      month: cur.month,
      value: cur.value,
      baseline,
      ratio: cur.value / baseline,
      next,
      nextRatio,
      decayed: nextRatio === undefined ? undefined : nextRatio <= SPIKE_RULES.decayedBelow,
    });
  }
  return out;
}

/** Ordinary least squares slope of ln(value) against month index. */
export function logLinearSlope(values: readonly number[]): number | undefined {
  const pts = values.map((v, i) => [i, v] as const).filter(([, v]) => v > 0);
  if (pts.length < 3) return undefined;
  const n = pts.length;
  const mx = pts.reduce((s, [x]) => s + x, 0) / n;
  const my = pts.reduce((s, [, v]) => s + Math.log(v), 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, v] of pts) {
    num += (x - mx) * (Math.log(v) - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? undefined : num / den;
}

/**
 * The trend over the six calendar months ending with the latest month that has data on or
 * before `asOf` (windows ending after asOf are ignored).
 */
export function computeTrend(points: readonly SeriesPoint[], asOf: Date): Trend {
  const all = monthlySeries(points.filter((p) => p.windowEnd.getTime() <= asOf.getTime()));
  const notes: string[] = [];
  const last = all[all.length - 1];
  if (!last) {
    return {
      asOf,
      months: [],
      growth: undefined,
      slope: undefined,
      monthlyRate: undefined,
      spikes: [],
      shape: 'insufficient-data',
      notes: ['no data on or before asOf'],
    };
  }
  const lastMonthStart = new Date(`${last.month}-01T00:00:00Z`);
  const firstMonth = monthKey(addMonths(lastMonthStart, -5));
  const months = all.filter((m) => m.month >= firstMonth);
  const wanted = Array.from({ length: 6 }, (_, i) => monthKey(addMonths(lastMonthStart, i - 5)));
  const missing = wanted.filter((w) => !months.some((m) => m.month === w));
  if (missing.length) notes.push(`no data for ${missing.join(', ')}`);
  const value = (w: string) => months.find((m) => m.month === w)?.value;
  const prev3 = wanted.slice(0, 3).map(value);
  const last3 = wanted.slice(3).map(value);
  let growth: number | undefined;
  if (prev3.every((v) => v !== undefined) && last3.every((v) => v !== undefined)) {
    const a = prev3.reduce((s, v) => s + v!, 0);
    const b = last3.reduce((s, v) => s + v!, 0);
    growth = a > 0 ? b / a - 1 : undefined;
  } else {
    notes.push('growth needs all six months');
  }
  const slope = logLinearSlope(months.map((m) => m.value));
  // Spikes are judged with context from before the window, so the first month can be one too.
  const contextFrom = monthKey(addMonths(lastMonthStart, -8));
  const context = all.filter((m) => m.month >= contextFrom);
  const spikes = detectSpikes(context).filter((s) => s.month >= firstMonth);
  return {
    asOf,
    months,
    growth,
    slope,
    monthlyRate: slope === undefined ? undefined : Math.exp(slope) - 1,
    spikes,
    shape: classifyShape(months, growth, spikes),
    notes,
  };
}

function classifyShape(
  months: readonly MonthValue[],
  growth: number | undefined,
  spikes: readonly Spike[],
): TrendShape {
  if (months.length < 4 || growth === undefined) return 'insufficient-data';
  if (spikes.some((s) => s.decayed === true)) return 'spike-and-decay';
  // A climbing floor: each month's value at least the minimum of all months before it, and growth.
  const v = months.map((m) => m.value);
  let floorHolds = true;
  for (let i = 2; i < v.length; i++) if (v[i]! < Math.min(...v.slice(0, i))) floorHolds = false;
  if (growth > FLAT_BAND && floorHolds && Math.min(...v.slice(3)) >= Math.min(...v.slice(0, 3)))
    return 'climbing-floor';
  if (growth > FLAT_BAND) return 'growing';
  if (growth < -FLAT_BAND) return 'declining';
  return 'flat';
}
