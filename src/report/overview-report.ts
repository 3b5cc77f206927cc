// The catalog overview: every project with its deployment tier, its main package's latest
// downloads, six-month growth, shape and a sparkline; sortable and filterable (the dashboard
// passes the query). Pure.
import { TIERS, type TierVerdict } from '../classify/tier.js';
import type { Profile } from '../pipeline/profile.js';
import type { Cell, Column, ReportDocument } from './document.js';
import { mainDownloads } from './profile-report.js';

export interface OverviewRow {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly package: string | null;
  readonly latest: number | null;
  readonly windowEnd: string | null;
  readonly growth: number | null;
  readonly shape: string | null;
  readonly spikes: number | null;
  readonly source: string | null;
  /** The six trend months' values, oldest first (sparkline). */
  readonly months: readonly number[];
  /** The deployment tier of the project's verdict (pipeline/verdict.ts); 'unknown' when undecided. */
  readonly tier: TierVerdict;
}

/** Where a project's page shows its verdict: the tier, its evidence and the checklist. */
export const VERDICT_ANCHOR = 'verdict-deployment-tier';

/**
 * The overview table's columns, in order: adding a signal to the overview (a tier badge, the
 * checklist) is one entry here plus the field it reads on OverviewRow.
 */
export const OVERVIEW_COLUMNS: readonly { readonly column: Column; value(row: OverviewRow): Cell }[] = [
  { column: { key: 'name', label: 'project', format: 'text' }, value: (r) => r.name },
  { column: { key: 'category', label: 'category', format: 'text' }, value: (r) => r.category },
  { column: { key: 'tier', label: 'deployment tier', format: 'text' }, value: (r) => r.tier },
  { column: { key: 'package', label: 'package', format: 'text' }, value: (r) => r.package },
  { column: { key: 'latest', label: 'latest downloads', format: 'count', unit: '30 days' }, value: (r) => r.latest },
  { column: { key: 'window_end', label: 'window ends', format: 'date' }, value: (r) => r.windowEnd },
  { column: { key: 'growth', label: '6-month growth', format: 'percent' }, value: (r) => r.growth },
  { column: { key: 'shape', label: 'shape', format: 'text' }, value: (r) => r.shape },
  { column: { key: 'spikes', label: 'spikes', format: 'count' }, value: (r) => r.spikes },
  { column: { key: 'source', label: 'source', format: 'text' }, value: (r) => r.source },
];

export const OVERVIEW_SORT_KEYS = ['name', 'category', 'tier', 'latest', 'growth', 'shape', 'spikes'] as const;
export type OverviewSortKey = (typeof OVERVIEW_SORT_KEYS)[number];

export interface OverviewQuery {
  readonly q?: string;
  readonly category?: string;
  readonly sort?: OverviewSortKey;
  readonly dir?: 'asc' | 'desc';
}

export function overviewRowFromProfile(p: Profile): OverviewRow {
  const d = mainDownloads(p);
  return {
    id: p.project.id,
    name: p.project.name,
    category: p.project.category,
    package: d?.subject ?? null,
    latest: d?.latest.value ?? null,
    windowEnd: d?.latest.windowEnd ?? null,
    growth: d?.trend.growth ?? null,
    shape: d?.trend.shape ?? null,
    spikes: d ? d.trend.spikes.length : null,
    source: d?.latest.source ?? null,
    months: d?.trend.months.map((m) => m.value) ?? [],
    tier: p.verdict.tier.tier,
  };
}

/** A row's value under a sort key: tiers sort by rank (experiment lowest), an unknown tier as unknown. */
function sortValue(r: OverviewRow, key: OverviewSortKey): string | number | null {
  if (key !== 'tier') return r[key];
  return r.tier === 'unknown' ? null : TIERS.indexOf(r.tier);
}

/** The effective sort of a query: latest downloads, descending, unless asked otherwise. */
export function effectiveSort(q: OverviewQuery): { key: OverviewSortKey; dir: 'asc' | 'desc' } {
  const key = q.sort ?? 'latest';
  return { key, dir: q.dir ?? (key === 'name' || key === 'category' || key === 'shape' ? 'asc' : 'desc') };
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

export function overviewReport(all: readonly OverviewRow[], asOf: string, q: OverviewQuery = {}): ReportDocument {
  const rows = queryOverview(all, q);
  const measured = all.filter((r) => r.latest !== null);
  const filterText =
    q.q || q.category
      ? ` · filtered to ${rows.length} of ${all.length}${q.category ? ` (category ${q.category})` : ''}${q.q ? ` (matching "${q.q}")` : ''}`
      : '';
  return {
    schema: 'kept.report/v1',
    view: 'overview',
    title: `Adoption overview as of ${asOf}`,
    subtitle: `${all.length} catalog projects, ${measured.length} with download data${filterText}`,
    asOf,
    sections: [
      {
        id: 'projects',
        title: 'Projects',
        blocks: [
          {
            kind: 'table',
            id: 'overview',
            caption:
              'Deployment tier (each project page shows its evidence) and main package per project (30-day windows; growth = last 3 months vs the 3 before)',
            columns: OVERVIEW_COLUMNS.map((c) => c.column),
            rows: rows.map((r): Cell[] => OVERVIEW_COLUMNS.map((c) => c.value(r))),
            links: rows.flatMap((r, row) => [
              { row, column: 'name', href: `/project/${encodeURIComponent(r.id)}` },
              { row, column: 'tier', href: `/project/${encodeURIComponent(r.id)}#${VERDICT_ANCHOR}` },
            ]),
            sparklines: rows.map((r) => (r.months.length >= 2 ? r.months : null)),
          },
        ],
      },
      ...(all.length > measured.length
        ? [
            {
              id: 'unmeasured',
              title: 'Unknown',
              blocks: [
                {
                  kind: 'unknowns' as const,
                  items: all
                    .filter((r) => r.latest === null)
                    .map((r) => ({
                      signal: `${r.name}: downloads`,
                      reason:
                        'no PyPI or npm download data stored (the project may publish elsewhere, or nothing was collected yet)',
                    })),
                },
              ],
            },
          ]
        : []),
    ],
  };
}
