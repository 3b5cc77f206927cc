// The time range a download chart shows — the last 6 months, the last year, or every stored window —
// chosen by the reader (the dashboard's ?range=) and applied by a view's compute, never by a page. Pure.
import { addMonths, isoDate, parseIsoDate } from '../../domain/time.js';

export const CHART_RANGES = ['6m', '1y', 'all'] as const;
export type ChartRange = (typeof CHART_RANGES)[number];

/** Every stored window, as the charts showed before a range could be chosen. */
export const DEFAULT_CHART_RANGE: ChartRange = 'all';

export const CHART_RANGE_LABELS: Readonly<Record<ChartRange, string>> = {
  '6m': '6 months',
  '1y': '1 year',
  all: 'all',
};

const RANGE_MONTHS: Readonly<Record<ChartRange, number | null>> = { '6m': 6, '1y': 12, all: null };

export function isChartRange(value: string): value is ChartRange {
  return (CHART_RANGES as readonly string[]).includes(value);
}

/**
 * The windows of a series a range keeps: those ending less than the range's months before `end`
 * (the series' data end), and any after it; every window for `all` or without an end.
 */
export function windowsInRange<T extends { readonly windowEnd: string }>(
  points: readonly T[],
  range: ChartRange,
  end: string | null,
): T[] {
  const months = RANGE_MONTHS[range];
  const last = end === null ? undefined : parseIsoDate(end);
  if (months === null || !last) return [...points];
  const after = isoDate(addMonths(last, -months));
  return points.filter((p) => p.windowEnd > after);
}
