// Computes the overview: each project's deployment tier (the verdict's own computation) and its
// main package's download columns, filtered and sorted by the query; the Hub base models with a
// model tree; the projects without download data. Pure.
import { TIERS } from '../../classify/tier.js';
import { PROJECT_CATEGORIES, type ProjectCategory } from '../../domain/project.js';
import { formatSubject } from '../../domain/subject.js';
import { isoDate } from '../../domain/time.js';
import { computeTrend } from '../../signals/trend.js';
import type { DownloadSeries } from '../shared/download-series.js';
import {
  ageInDays,
  computeFreshness,
  latestOf,
  resolveAsOf,
  STALE_AFTER_DAYS,
  type AsOfBasis,
} from '../shared/freshness.js';
import { computeVerdictParts } from '../verdict/compute.js';
import type { VerdictInputs } from '../verdict/load.js';
import type { OverviewInputs, OverviewRequest } from './load.js';
import type { OverviewQuery, OverviewRow, OverviewSortKey, OverviewView } from './model.js';

/** The effective sort of a query: latest downloads, descending, unless asked otherwise. */
export function effectiveSort(q: OverviewQuery): { key: OverviewSortKey; dir: 'asc' | 'desc' } {
  const key = q.sort ?? 'latest';
  return { key, dir: q.dir ?? (key === 'name' || key === 'category' || key === 'shape' ? 'asc' : 'desc') };
}

/** A row's value under a sort key: tiers sort by rank (experiment lowest), an unknown tier as unknown. */
function sortValue(r: OverviewRow, key: OverviewSortKey): string | number | null {
  if (key !== 'tier') return r[key];
  return r.tier.id === 'unknown' ? null : TIERS.indexOf(r.tier.id);
}

/** Filters and sorts rows; unknown values always sort last, whatever the direction. */
export function queryOverview(rows: readonly OverviewRow[], q: OverviewQuery): OverviewRow[] {
  const needle = q.q?.trim().toLowerCase() ?? '';
  const filtered = rows.filter(
    (r) =>
      (!q.category || r.category === q.category) &&
      (!needle || [r.id, r.name, r.category, r.package ?? ''].some((s) => s.toLowerCase().includes(needle))),
  );
  const { key, dir: d } = effectiveSort(q);
  const dir = d === 'asc' ? 1 : -1;
  return filtered.sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null && y === null) return a.name.localeCompare(b.name);
    if (x === null) return 1;
    if (y === null) return -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c === 0 ? a.name.localeCompare(b.name) : c * dir;
  });
}

/** The download columns of a project's row: its package with the largest latest window. */
function downloadColumns(
  inputs: VerdictInputs,
  asOf: Date,
): Pick<OverviewRow, 'package' | 'latest' | 'windowEnd' | 'growth' | 'shape' | 'spikes' | 'source' | 'months'> {
  let best: { subject: string; s: DownloadSeries; last: DownloadSeries['points'][number] } | undefined;
  for (const { subject, series: s } of inputs.series) {
    const inWindow = s?.points.filter((x) => x.windowEnd.getTime() <= asOf.getTime()) ?? [];
    const last = inWindow[inWindow.length - 1];
    if (s && last && (!best || last.value > best.last.value)) best = { subject: formatSubject(subject), s, last };
  }
  if (!best) return hubColumns(inputs);
  const t = computeTrend(best.s.points, asOf);
  const latestObs = best.s.latest && best.s.latest.windowEnd.getTime() <= asOf.getTime() ? best.s.latest : undefined;
  return {
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

/**
 * A model family without package downloads reads its Hub downloads instead: the base model with
 * the most 30-day downloads in its stored snapshot (no monthly series, so no trend).
 */
function hubColumns(
  inputs: VerdictInputs,
): Pick<OverviewRow, 'package' | 'latest' | 'windowEnd' | 'growth' | 'shape' | 'spikes' | 'source' | 'months'> {
  let best: { subject: string; value: number; ends: Date | undefined } | undefined;
  for (const { subject, fanout } of inputs.fanouts) {
    const value = fanout?.downloads.base ?? null;
    if (value !== null && (!best || value > best.value))
      best = { subject: formatSubject(subject), value, ends: fanout?.dataEnds };
  }
  return {
    package: best?.subject ?? null,
    latest: best?.value ?? null,
    windowEnd: best?.ends ? isoDate(best.ends) : null,
    growth: null,
    shape: null,
    spikes: null,
    source: best ? 'huggingface' : null,
    months: [],
  };
}

/** The overview before any query: every project's row, the Hub models and the unmeasured projects. */
export interface OverviewBase {
  readonly asOf: Date;
  readonly basis: AsOfBasis;
  readonly today: Date;
  readonly rows: readonly OverviewRow[];
  readonly models: OverviewView['models'];
  readonly unmeasured: OverviewView['unmeasured'];
}

/** Judges every project once; queries are applied to the result (the dashboard keeps it). */
export function computeOverviewBase(inputs: OverviewInputs, request: Omit<OverviewRequest, 'query'>): OverviewBase {
  const { asOf, basis } = resolveAsOf(request.asOf, inputs.latestData, request.today);
  const rows: OverviewRow[] = inputs.projects.map((v) => {
    const parts = computeVerdictParts(v, asOf, request.settings);
    const age = parts.usageEnds ? ageInDays(parts.usageEnds, asOf) : null;
    return {
      id: v.project.id,
      name: v.project.name,
      category: v.project.category,
      tier: (({ id, label, confidence, familiesBacking, headline }) => ({
        id,
        label,
        confidence,
        familiesBacking,
        headline,
      }))(parts.core.tier),
      ...downloadColumns(v, asOf),
      dataEnds: parts.usageEnds ? isoDate(parts.usageEnds) : null,
      ageDays: age,
      stale: age !== null && age > STALE_AFTER_DAYS,
    };
  });
  return {
    asOf,
    basis,
    today: request.today,
    rows,
    models: inputs.projects.flatMap((v) =>
      v.fanouts.flatMap(({ subject, fanout: f }) =>
        f
          ? [
              {
                project: v.project.id,
                name: v.project.name,
                model: formatSubject(subject),
                downloads30d: f.downloads.base,
                downloadsUnknown:
                  f.downloads.base === null
                    ? (f.unknownDownloads?.find((u) => u.id === subject.id)?.reason ?? null)
                    : null,
                finetune: f.direct.finetune,
                adapter: f.direct.adapter,
                quantized: f.direct.quantized,
                merge: f.direct.merge,
                tree: f.tree.total,
                reuploads: f.reuploads.tree,
                used: f.used.tree,
                orgs: f.orgs.distinct,
                derivativeShare: f.downloads.derivativeShare,
              },
            ]
          : [],
      ),
    ),
    unmeasured: rows
      .filter((r) => r.latest === null)
      .map((r) => ({
        id: r.id,
        name: r.name,
        reason:
          'no PyPI, npm or Hub download data stored (the project may publish elsewhere, or nothing was collected yet)',
        cell: `not collected — kept collect ${r.id}`,
      })),
  };
}

/** The overview view of a judged catalog under a query. */
export function queryOverviewView(base: OverviewBase, q: OverviewQuery = {}): OverviewView {
  const { key, dir } = effectiveSort(q);
  const rows = queryOverview(base.rows, q);
  const kept = new Set(rows.map((r) => r.id));
  const measured = base.rows.filter((r) => r.latest !== null).length;
  const filtered = q.q || q.category;
  const category =
    q.category && (PROJECT_CATEGORIES as readonly string[]).includes(q.category)
      ? (q.category as ProjectCategory)
      : null;
  const freshness = computeFreshness({
    asOf: base.asOf,
    basis: base.basis,
    today: base.today,
    dataEnds: latestOf(base.rows.map((r) => (r.dataEnds ? new Date(`${r.dataEnds}T00:00:00Z`) : undefined))),
    what: "the catalog's usage data",
  });
  const stale = rows.filter((r) => r.stale);
  const sources = new Set(rows.flatMap((r) => (r.source === null ? [] : [r.source])));
  return {
    schema: 'kept.overview/v1',
    asOf: isoDate(base.asOf),
    freshness,
    query: { q: q.q ?? null, category, sort: key, dir },
    projects: base.rows.length,
    measured,
    summary: `${base.rows.length} catalog projects, ${measured} with download data${filtered ? `; the filter keeps ${rows.length}${q.category ? ` (category ${q.category})` : ''}${q.q ? ` (matching "${q.q}")` : ''}` : ''}.`,
    staleNote: stale.length
      ? `${stale.length} of these projects' usage data ends more than ${STALE_AFTER_DAYS} days before ${isoDate(base.asOf)}, so their rows describe an earlier time and their tiers carry one step less confidence: ${stale.map((r) => `${r.name} (ends ${r.dataEnds ?? 'unknown'}, ${r.ageDays ?? '?'} days)`).join(', ')}.`
      : null,
    rows,
    sharedSource: sources.size === 1 ? [...sources][0]! : null,
    // The filter keeps the same projects in every section.
    models: base.models.filter((m) => kept.has(m.project)),
    unmeasured: base.unmeasured.filter((u) => kept.has(u.id)),
  };
}

export function computeOverview(inputs: OverviewInputs, request: OverviewRequest): OverviewView {
  return queryOverviewView(computeOverviewBase(inputs, request), request.query);
}
