// Computes the trend view from a download series: the pure trend signal, plus the series as
// stored and a note when the data ends long before the date judged. Pure.
import { formatCount, formatPercent } from '../../domain/format.js';
import { formatSubject } from '../../domain/subject.js';
import { DAY_MS, isoDate } from '../../domain/time.js';
import { computeTrend } from '../../signals/trend.js';
import type { DownloadSeries } from '../shared/download-series.js';
import type { TrendRequest } from './load.js';
import type { TrendSpike, TrendView } from './model.js';

/** Download data whose latest window ends more than this many days before asOf is not current. */
export const TREND_STALE_AFTER_DAYS = 45;

export function computeTrendView(series: DownloadSeries, request: Pick<TrendRequest, 'asOf' | 'today'>): TrendView {
  const asOf = request.asOf ?? request.today;
  const t = computeTrend(series.points, asOf);
  const inWindow = series.points.filter((p) => p.windowEnd.getTime() <= asOf.getTime());
  const last = inWindow[inWindow.length - 1];
  const notes = [...t.notes];
  if (last) {
    const age = Math.floor((asOf.getTime() - last.windowEnd.getTime()) / DAY_MS);
    if (age > TREND_STALE_AFTER_DAYS)
      notes.push(
        `the latest data for ${formatSubject(series.subject)} ends ${isoDate(last.windowEnd)}, ${age} days before ${isoDate(asOf)}: the trend describes that time (collect or import newer data)`,
      );
  }
  return {
    schema: 'kept.trend/v1',
    subject: formatSubject(series.subject),
    asOf: isoDate(asOf),
    basis: series.basis,
    sources: [...series.sources],
    origins: [...series.origins],
    dataEnds: last ? isoDate(last.windowEnd) : null,
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
    spikes: t.spikes.map((s) => {
      const spike = {
        month: s.month,
        value: s.value,
        baseline: s.baseline,
        ratio: s.ratio,
        next: s.next ?? null,
        decayed: s.decayed ?? null,
      };
      return { ...spike, description: describeSpike(spike) };
    }),
    summary: trendSummary(formatSubject(series.subject), t.months[t.months.length - 1], t.growth, t.shape),
    notes,
  };
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
