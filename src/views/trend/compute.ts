// Computes the trend view from a download series: the pure trend signal, plus the series as
// stored and its freshness (shared/freshness.ts: a note when the data ends long before the date
// judged). Pure.
import { formatCount, formatPercent } from '../../domain/format.js';
import { formatSubject } from '../../domain/subject.js';
import { isoDate } from '../../domain/time.js';
import { computeTrend, type Spike } from '../../signals/trend.js';
import { computeFreshness, resolveAsOf } from '../shared/freshness.js';
import type { TrendInputs, TrendRequest } from './load.js';
import type { TrendSpike, TrendView } from './model.js';

export function computeTrendView(series: TrendInputs, request: Pick<TrendRequest, 'asOf' | 'today'>): TrendView {
  const { asOf, basis } = resolveAsOf(request.asOf, series.latestData, request.today);
  const t = computeTrend(series.points, asOf);
  const inWindow = series.points.filter((p) => p.windowEnd.getTime() <= asOf.getTime());
  const last = inWindow[inWindow.length - 1];
  const freshness = computeFreshness({
    asOf,
    basis,
    today: request.today,
    dataEnds: last?.windowEnd,
    what: `the download data of ${formatSubject(series.subject)}`,
  });
  const notes = [...t.notes];
  return {
    schema: 'kept.trend/v1',
    subject: formatSubject(series.subject),
    asOf: isoDate(asOf),
    basis: series.basis,
    sources: [...series.sources],
    origins: [...series.origins],
    dataEnds: last ? isoDate(last.windowEnd) : null,
    freshness,
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
    spikes: t.spikes.map(spikeModel),
    summary: trendSummary(formatSubject(series.subject), t.months[t.months.length - 1], t.growth, t.shape),
    notes,
  };
}

/** A spike of the trend signal as views show it, with its sentence. */
export function spikeModel(s: Spike): TrendSpike {
  const spike = {
    month: s.month,
    value: s.value,
    baseline: s.baseline,
    ratio: s.ratio,
    next: s.next ?? null,
    decayed: s.decayed ?? null,
  };
  return { ...spike, description: describeSpike(spike) };
}

/** One spike in a sentence: its month, size against its baseline, and what followed. */
export function describeSpike(s: Omit<TrendSpike, 'description'>): string {
  const fall =
    s.decayed === null
      ? 'the latest month, decay not yet known'
      : s.decayed
        ? `fell back to ${formatCount(s.next ?? 0)} the next month`
        : `held at ${formatCount(s.next ?? 0)} the next month`;
  return `${s.month}: ${formatCount(s.value)}, ${s.ratio.toFixed(1)}× the ${formatCount(s.baseline)} of the months before; ${fall}`;
}

function trendSummary(
  subject: string,
  last: { month: string; value: number } | undefined,
  growth: number | undefined,
  shape: string,
): string {
  if (!last) return `${subject}: no complete month of downloads on or before the date judged.`;
  const g = growth === undefined ? 'six-month growth unknown' : `${formatPercent(growth)} over six months`;
  return `${subject}: ${formatCount(last.value)} downloads in ${last.month}, ${g} (${shape}).`;
}
