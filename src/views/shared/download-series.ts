// Reads a subject's download series from the store in the shape the trend signal wants: the
// monthly (30-day) snapshots where they exist, else daily counts summed into calendar months.
import { METRICS } from '../../domain/metrics.js';
import { formatDims } from '../../domain/observation.js';
import { DAY_MS, utcDay } from '../../domain/time.js';
import { NotFoundError } from '../../domain/errors.js';
import { formatSubject, groupBySubject, type Subject } from '../../domain/subject.js';
import { suggest } from '../../config/resolve.js';
import { monthlySeries, type SeriesPoint } from '../../signals/trend.js';
import type { Store, StoredObservation } from '../../store/store.js';

export interface DownloadSeries {
  readonly subject: Subject;
  readonly points: SeriesPoint[];
  /** 'monthly-snapshots' (30-day windows as published) or 'daily-summed' (calendar months of daily counts). */
  readonly basis: 'monthly-snapshots' | 'daily-summed';
  readonly sources: string[];
  readonly origins: string[];
  readonly latest: StoredObservation | undefined;
  /** Stored 30-day windows left out because a later one mostly covers the same calendar month. */
  readonly sameMonth?: number;
}

export async function loadDownloadSeries(store: Store, subject: Subject): Promise<DownloadSeries | undefined> {
  const monthly = await store.observations({
    subjects: [subject],
    metrics: [METRICS.downloads],
    dims: '',
    windowDays: 30,
  });
  if (monthly.length > 0) return seriesFromMonthly(subject, monthly);
  const daily = await store.observations({
    subjects: [subject],
    metrics: [METRICS.downloads],
    dims: '',
    windowDays: 1,
  });
  return seriesFromDaily(subject, daily);
}

/**
 * The series loadDownloadSeries would read, from rows of one subject's downloads already read for
 * another use (any window length, any dims): its undimensioned 30-day windows, else its days.
 * Window lengths are calendar days between the two ends, as the store's windowDays filter counts them.
 */
export function seriesFromObservations(
  subject: Subject,
  rows: readonly StoredObservation[],
): DownloadSeries | undefined {
  const plain = rows.filter((o) => o.metric === METRICS.downloads && formatDims(o.dims) === '');
  const days = (o: StoredObservation): number =>
    Math.round((utcDay(o.windowEnd).getTime() - utcDay(o.windowStart).getTime()) / DAY_MS);
  const monthly = plain.filter((o) => days(o) === 30);
  return monthly.length
    ? seriesFromMonthly(subject, monthly)
    : seriesFromDaily(
        subject,
        plain.filter((o) => days(o) === 1),
      );
}

/** A series from one subject's stored 30-day windows (non-empty, any order). */
export function seriesFromMonthly(subject: Subject, monthly: readonly StoredObservation[]): DownloadSeries {
  // One value per window end: prefer the first source in name order when two sources overlap.
  const byEnd = new Map<number, StoredObservation>();
  for (const o of [...monthly].sort((a, b) => a.source.localeCompare(b.source)))
    if (!byEnd.has(o.windowEnd.getTime())) byEnd.set(o.windowEnd.getTime(), o);
  const sorted = [...byEnd.values()].sort((a, b) => a.windowEnd.getTime() - b.windowEnd.getTime());
  // Two windows that mostly cover the same calendar month are that month's figure twice
  // (top-pypi-packages published windows ending 2024-08-30 and 2024-09-01): the later one stands,
  // as in the trend's monthly series, so charts draw one point a month and never a false wiggle.
  const months = new Set(monthlySeries(sorted).map((m) => m.windowEnd.getTime()));
  const rows = sorted.filter((o) => months.has(o.windowEnd.getTime()));
  return {
    subject,
    points: rows.map((o) => ({ windowStart: o.windowStart, windowEnd: o.windowEnd, value: o.value })),
    basis: 'monthly-snapshots',
    sources: [...new Set(rows.map((o) => o.source))],
    origins: [...new Set(rows.map((o) => o.origin))].slice(0, 5),
    latest: rows[rows.length - 1],
    sameMonth: sorted.length - rows.length,
  };
}

/** A series from one subject's stored daily counts summed by calendar month; undefined when none. */
export function seriesFromDaily(subject: Subject, dailyRows: readonly StoredObservation[]): DownloadSeries | undefined {
  const daily = [...dailyRows].sort(
    (a, b) => a.windowEnd.getTime() - b.windowEnd.getTime() || a.source.localeCompare(b.source),
  );
  if (daily.length === 0) return undefined;
  const byMonth = new Map<string, { start: Date; end: Date; value: number; days: Set<number> }>();
  for (const o of daily) {
    const key = o.windowStart.toISOString().slice(0, 7);
    const m = byMonth.get(key) ?? {
      start: new Date(`${key}-01T00:00:00Z`),
      end: new Date(0),
      value: 0,
      days: new Set<number>(),
    };
    if (m.days.has(o.windowStart.getTime())) continue; // the same day from a second source
    m.days.add(o.windowStart.getTime());
    m.value += o.value;
    if (o.windowEnd > m.end) m.end = o.windowEnd;
    byMonth.set(key, m);
  }
  const points = [...byMonth.values()]
    .filter((m) => {
      const daysInMonth = new Date(Date.UTC(m.start.getUTCFullYear(), m.start.getUTCMonth() + 1, 0)).getUTCDate();
      return m.days.size >= daysInMonth; // partial months would read as declines
    })
    .map((m) => ({ windowStart: m.start, windowEnd: m.end, value: m.value }))
    .sort((a, b) => a.windowEnd.getTime() - b.windowEnd.getTime());
  return {
    subject,
    points,
    basis: 'daily-summed',
    sources: [...new Set(daily.map((o) => o.source))],
    origins: [...new Set(daily.map((o) => o.origin))].slice(0, 5),
    latest: daily[daily.length - 1],
  };
}

/**
 * Download series of many subjects in one store query per kind (every window length, split
 * here: one scan of a big table instead of one for monthly and one for daily); subjects without data are
 * absent. Same choice as loadDownloadSeries: 30-day windows when a subject has any, else days.
 */
export async function loadDownloadSeriesBulk(
  store: Store,
  subjects: readonly Subject[],
): Promise<Map<string, DownloadSeries>> {
  const out = new Map<string, DownloadSeries>();
  if (subjects.length === 0) return out;
  // One query per kind: DuckDB pushes `kind = x AND id IN (...)` into the scan, but not an OR of
  // several such groups (measured 3-4× slower on the 971k-row pypi-top store).
  // The kinds are asked at once: a store reading on several connections runs them side by side.
  const rows = (
    await Promise.all(
      [...new Set(subjects.map((s) => s.kind))].map((kind) =>
        store.observations({
          subjects: subjects.filter((s) => s.kind === kind),
          metrics: [METRICS.downloads],
          dims: '',
        }),
      ),
    )
  ).flat();
  const days = (o: StoredObservation): number => Math.round((o.windowEnd.getTime() - o.windowStart.getTime()) / DAY_MS);
  const monthly = groupBySubject(rows.filter((o) => days(o) === 30));
  const daily = groupBySubject(rows.filter((o) => days(o) === 1));
  for (const s of subjects) {
    const key = formatSubject(s);
    const m = monthly.get(key);
    const series = m?.length ? seriesFromMonthly(s, m) : seriesFromDaily(s, daily.get(key) ?? []);
    if (series) out.set(key, series);
  }
  return out;
}

/** Like loadDownloadSeries, but a subject without data is a NotFoundError with near-miss names. */
export async function requireDownloadSeries(store: Store, subject: Subject): Promise<DownloadSeries> {
  const series = await loadDownloadSeries(store, subject);
  if (series) return series;
  const known = (await store.subjects(subject.kind)).map((s) => s.id);
  const near = suggest(subject.id, known);
  // The demo is worth suggesting only for an empty store: one with data was filled on purpose.
  const empty = known.length === 0 && (await store.stats()).batches === 0;
  throw new NotFoundError(`no download data for ${formatSubject(subject)} in ${store.location}`, {
    hint: near.length
      ? `did you mean ${near.map((n) => `${subject.kind}:${n}`).join(' or ')}?`
      : subject.kind === 'project'
        ? `a project is not a download series: name it without its kind (${subject.id}) or name one of its packages (pypi:${subject.id})`
        : empty
          ? 'the store is empty: import data first (e.g. kept import pypi-top FILE) or run kept demo'
          : known.length === 0
            ? `nothing of kind ${subject.kind} is stored: import ${subject.kind} downloads first, or pass --db with a store that has them`
            : 'check the name, or import data that covers it',
  });
}
