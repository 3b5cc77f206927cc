// The catalog overview's rows, read in bulk: one store query for the download windows of every
// catalog package instead of a profile per project. The rows equal
// overviewRowFromProfile(buildProfile(...)) (tested), computed much faster.
import { METRICS } from '../domain/metrics.js';
import { projectArtifacts, type Project } from '../domain/project.js';
import { formatSubject, type Subject } from '../domain/subject.js';
import { isoDate } from '../domain/time.js';
import { computeTrend } from '../signals/trend.js';
import type { OverviewRow } from '../report/overview-report.js';
import type { Store, StoredObservation } from '../store/store.js';
import { seriesFromDaily, seriesFromMonthly, type DownloadSeries } from './downloads.js';

function group(rows: readonly StoredObservation[]): Map<string, StoredObservation[]> {
  const out = new Map<string, StoredObservation[]>();
  for (const o of rows) {
    const k = formatSubject(o.subject);
    const list = out.get(k);
    if (list) list.push(o);
    else out.set(k, [o]);
  }
  return out;
}

const DAY_MS = 86_400_000;

/**
 * Download series of many subjects in one store query per kind (every window length, split
 * here: one scan of a big table instead of one for monthly and one for daily); subjects without data are
 * absent. Same choice as loadDownloadSeries: 30-day windows when a subject has any, else days.
 */
export async function loadDownloadSeriesBulk(store: Store, subjects: readonly Subject[]): Promise<Map<string, DownloadSeries>> {
  const out = new Map<string, DownloadSeries>();
  if (subjects.length === 0) return out;
  // One query per kind: DuckDB pushes `kind = x AND id IN (...)` into the scan, but not an OR of
  // several such groups (measured 3-4× slower on the 971k-row pypi-top store).
  const rows: StoredObservation[] = [];
  for (const kind of [...new Set(subjects.map((s) => s.kind))]) {
    rows.push(...(await store.observations({ subjects: subjects.filter((s) => s.kind === kind), metrics: [METRICS.downloads], dims: '' })));
  }
  const days = (o: StoredObservation): number => Math.round((o.windowEnd.getTime() - o.windowStart.getTime()) / DAY_MS);
  const monthly = group(rows.filter((o) => days(o) === 30));
  const daily = group(rows.filter((o) => days(o) === 1));
  for (const s of subjects) {
    const key = formatSubject(s);
    const m = monthly.get(key);
    const series = m?.length ? seriesFromMonthly(s, m) : seriesFromDaily(s, daily.get(key) ?? []);
    if (series) out.set(key, series);
  }
  return out;
}

export async function buildOverviewRows(store: Store, projects: readonly Project[], asOf: Date): Promise<OverviewRow[]> {
  const packages = new Map(projects.map((p) => [p.id, projectArtifacts(p).filter((a) => a.kind === 'pypi' || a.kind === 'npm')]));
  const series = await loadDownloadSeriesBulk(store, [...packages.values()].flat());
  return projects.map((p) => {
    let best: { subject: string; s: DownloadSeries; last: DownloadSeries['points'][number] } | undefined;
    for (const a of packages.get(p.id) ?? []) {
      const s = series.get(formatSubject(a));
      const inWindow = s?.points.filter((x) => x.windowEnd.getTime() <= asOf.getTime()) ?? [];
      const last = inWindow[inWindow.length - 1];
      if (s && last && (!best || last.value > best.last.value)) best = { subject: formatSubject(a), s, last };
    }
    if (!best) return { id: p.id, name: p.name, category: p.category, package: null, latest: null, windowEnd: null, growth: null, shape: null, spikes: null, source: null, months: [] };
    const t = computeTrend(best.s.points, asOf);
    const latestObs = best.s.latest && best.s.latest.windowEnd.getTime() <= asOf.getTime() ? best.s.latest : undefined;
    return {
      id: p.id,
      name: p.name,
      category: p.category,
      package: best.subject,
      latest: latestObs?.value ?? best.last.value,
      windowEnd: isoDate(latestObs?.windowEnd ?? best.last.windowEnd),
      growth: t.growth ?? null,
      shape: t.shape,
      spikes: t.spikes.length,
      source: best.s.latest?.source ?? null,
      months: t.months.map((m) => m.value),
    };
  });
}
