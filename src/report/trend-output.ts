// The trend's JSON model (documented in docs/schemas/trend.schema.json) and its Markdown. Pure.
import { formatSubject, type Subject } from '../domain/subject.js';
import { isoDate } from '../domain/time.js';
import type { Trend } from '../signals/trend.js';
import { formatCount } from '../domain/format.js';

export interface TrendSeriesInfo {
  readonly subject: Subject;
  readonly points: readonly { windowStart: Date; windowEnd: Date; value: number }[];
  readonly basis: string;
  readonly sources: readonly string[];
  readonly origins: readonly string[];
}

export interface TrendJson {
  readonly schema: 'kept.trend/v1';
  readonly subject: string;
  readonly asOf: string;
  readonly basis: string;
  readonly sources: readonly string[];
  readonly origins: readonly string[];
  readonly series: readonly { windowStart: string; windowEnd: string; value: number }[];
  readonly months: readonly { month: string; value: number; windowEnd: string }[];
  readonly growth: number | null;
  readonly slope: number | null;
  readonly monthlyRate: number | null;
  readonly shape: string;
  readonly spikes: readonly {
    month: string;
    value: number;
    baseline: number;
    ratio: number;
    next: number | null;
    decayed: boolean | null;
  }[];
  readonly notes: readonly string[];
}

export function trendJson(series: TrendSeriesInfo, t: Trend): TrendJson {
  return {
    schema: 'kept.trend/v1',
    subject: formatSubject(series.subject),
    asOf: isoDate(t.asOf),
    basis: series.basis,
    sources: series.sources,
    origins: series.origins,
    series: series.points.map((p) => ({
      windowStart: isoDate(p.windowStart),
      windowEnd: isoDate(p.windowEnd),
      value: p.value,
    })),
    months: t.months.map((m) => ({ month: m.month, value: m.value, windowEnd: isoDate(m.windowEnd) })),
    growth: t.growth ?? null,
    slope: t.slope ?? null,
    monthlyRate: t.monthlyRate ?? null,
    shape: t.shape,
    spikes: t.spikes.map((s) => ({
      month: s.month,
      value: s.value,
      baseline: s.baseline,
      ratio: s.ratio,
      next: s.next ?? null,
      decayed: s.decayed ?? null,
    })),
    notes: t.notes,
  };
}

export function describeSpike(s: TrendJson['spikes'][number]): string {
  const fall =
    s.decayed === null
      ? 'the latest month, decay not yet known'
      : s.decayed
        ? `fell back to ${formatCount(s.next ?? 0)} the next month`
        : `held at ${formatCount(s.next ?? 0)} the next month`;
  return `${s.month}: ${formatCount(s.value)}, ${s.ratio.toFixed(1)}× the ${formatCount(s.baseline)} of the months before; ${fall}`;
}
