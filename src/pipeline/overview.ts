// The catalog overview's rows, read in bulk: the download windows of every catalog package in one
// store query per registry, and each project's deployment tier from the verdict's data prefetched
// for the whole catalog (pipeline/verdict-bulk.ts), instead of a profile per project. The rows
// equal overviewRowFromProfile(buildProfile(...)) (tested), computed much faster.
import { projectArtifacts, type Project } from '../domain/project.js';
import { formatSubject, type Subject } from '../domain/subject.js';
import { isoDate } from '../domain/time.js';
import { computeTrend } from '../signals/trend.js';
import type { OverviewRow } from '../report/overview-report.js';
import type { Store } from '../store/store.js';
import type { DownloadSeries } from '../views/shared/download-series.js';
import type { ProfileOptions } from './profile.js';
import { buildVerdict } from './verdict.js';
import { prefetchVerdictLoaders } from './verdict-bulk.js';

export async function buildOverviewRows(
  store: Store,
  projects: readonly Project[],
  asOf: Date,
  options: ProfileOptions = {},
): Promise<OverviewRow[]> {
  const packages = new Map(
    projects.map((p) => [p.id, projectArtifacts(p).filter((a) => a.kind === 'pypi' || a.kind === 'npm')]),
  );
  const { loaders, series } = await prefetchVerdictLoaders(store, projects, asOf);
  const rows: OverviewRow[] = [];
  for (const p of projects) {
    const verdict = await buildVerdict(store, p, { ...options.verdict, asOf, loaders });
    rows.push({ ...downloadColumns(p, packages.get(p.id) ?? [], series, asOf), tier: verdict.tier.tier });
  }
  return rows;
}

/** The download columns of a project's row: its package with the largest latest window. */
function downloadColumns(
  p: Project,
  packages: readonly Subject[],
  series: ReadonlyMap<string, DownloadSeries>,
  asOf: Date,
): Omit<OverviewRow, 'tier'> {
  let best: { subject: string; s: DownloadSeries; last: DownloadSeries['points'][number] } | undefined;
  for (const a of packages) {
    const s = series.get(formatSubject(a));
    const inWindow = s?.points.filter((x) => x.windowEnd.getTime() <= asOf.getTime()) ?? [];
    const last = inWindow[inWindow.length - 1];
    if (s && last && (!best || last.value > best.last.value)) best = { subject: formatSubject(a), s, last };
  }
  if (!best)
    return {
      id: p.id,
      name: p.name,
      category: p.category,
      package: null,
      latest: null,
      windowEnd: null,
      growth: null,
      shape: null,
      spikes: null,
      source: null,
      months: [],
    };
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
}
