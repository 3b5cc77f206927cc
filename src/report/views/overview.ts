// The overview view laid out: the catalog table (each project linking to its page, each tier to
// the verdict on it, a sparkline per row), the Hub base models' fan-out, and the projects without
// download data. Pure.
import { formatPercent } from '../../domain/format.js';
import type { OverviewRow, OverviewView } from '../../views/overview/model.js';
import type { Block, Cell, Column, ReportDocument, ReportSection } from '../document.js';
import { VERDICT_ANCHOR } from '../sections/verdict.js';
import { asOfHeader, freshnessBlocks } from './freshness.js';

/**
 * The overview table's columns, in order: adding a signal to the overview is one entry here plus
 * the field it reads on the row.
 */
export const OVERVIEW_COLUMNS: readonly { readonly column: Column; value(row: OverviewRow): Cell }[] = [
  { column: { key: 'name', label: 'project', format: 'text' }, value: (r) => r.name },
  { column: { key: 'category', label: 'category', format: 'text' }, value: (r) => r.category },
  // The tier as one label: "load-bearing infrastructure · low · 1 of 6 signal families".
  { column: { key: 'tier', label: 'deployment tier', format: 'text' }, value: (r) => r.tier.headline },
  { column: { key: 'package', label: 'package', format: 'text' }, value: (r) => r.package },
  { column: { key: 'latest', label: 'latest downloads', format: 'count', unit: '30 days' }, value: (r) => r.latest },
  { column: { key: 'window_end', label: 'window ends', format: 'date' }, value: (r) => r.windowEnd },
  {
    column: { key: 'usage_data', label: 'usage data', format: 'text' },
    value: (r) => (r.stale ? 'stale' : r.dataEnds === null ? null : 'current'),
  },
  { column: { key: 'growth', label: '6-month growth', format: 'percent' }, value: (r) => r.growth },
  { column: { key: 'shape', label: 'shape', format: 'text' }, value: (r) => r.shape },
  { column: { key: 'spikes', label: 'spikes', format: 'count' }, value: (r) => r.spikes },
  { column: { key: 'source', label: 'source', format: 'text' }, value: (r) => r.source },
];

/** How many projects the ranked chart at the top of the overview draws. */
export const OVERVIEW_CHART_BARS = 12;

/**
 * The overview's first chart: the most downloaded of the rows kept, ranked on one log scale, each
 * with its six-month growth, so sizes and momentum compare at a glance.
 */
function rankedChart(m: OverviewView): Block[] {
  const ranked = m.rows
    .filter((r) => r.latest !== null && r.latest > 0)
    .sort((a, b) => (b.latest ?? 0) - (a.latest ?? 0))
    .slice(0, OVERVIEW_CHART_BARS);
  if (!ranked.length) return [];
  const hub = ranked.some((r) => r.source === 'huggingface');
  return [
    {
      kind: 'chart',
      id: 'overview-ranked',
      chart: {
        type: 'bar',
        horizontal: true,
        log: true,
        title: `Latest 30-day downloads, the ${ranked.length} most downloaded projects`,
        yLabel: 'downloads',
        unit: 'latest 30-day window',
        bars: ranked.map((r) => ({
          label: r.name,
          value: r.latest ?? 0,
          ...(r.growth !== null ? { note: `${formatPercent(r.growth)} in 6 months` } : {}),
        })),
        caption: `Main package of each project${hub ? ' (Hub downloads of the base model for a model family)' : ''}; one log scale; growth = last 3 months vs the 3 before; ${m.freshness.dataEnds ? `data to ${m.freshness.dataEnds}` : 'no data'}. Counts include CI, mirrors and bots where the source does not separate them.`,
      },
    },
  ];
}

export function overviewDocument(m: OverviewView): ReportDocument {
  const notCollected = new Map(m.unmeasured.map((u) => [u.id, u.cell]));
  // One source for every row is said once, in the caption, not repeated in a column.
  const columns =
    m.sharedSource === null ? OVERVIEW_COLUMNS : OVERVIEW_COLUMNS.filter((c) => c.column.key !== 'source');
  const sections: ReportSection[] = [
    {
      id: 'projects',
      title: 'Projects',
      blocks: [
        ...rankedChart(m),
        ...freshnessBlocks(m.freshness),
        ...(m.staleNote ? [{ kind: 'note' as const, tone: 'warning' as const, text: m.staleNote }] : []),
        {
          kind: 'table',
          id: 'overview',
          caption: `Deployment tier (each project page shows its evidence) and main package per project (30-day windows; growth = last 3 months vs the 3 before)${m.sharedSource === null ? '' : `; source of every row: ${m.sharedSource}`}`,
          columns: columns.map((c) => c.column),
          rows: m.rows.map((r): Cell[] => columns.map((c) => c.value(r))),
          links: m.rows.flatMap((r, row) => [
            { row, column: 'name', href: `/project/${encodeURIComponent(r.id)}` },
            { row, column: 'tier', href: `/project/${encodeURIComponent(r.id)}#${VERDICT_ANCHOR}` },
          ]),
          sparklines: m.rows.map((r) => (r.months.length >= 2 ? r.months : null)),
          sparklineScale: 'shared-log',
          badges: m.rows.flatMap((r, row) => [
            { row, column: 'tier', tone: r.tier.id },
            ...(r.dataEnds !== null ? [{ row, column: 'usage_data', tone: r.stale ? 'stale' : 'current' }] : []),
          ]),
          spans: m.rows.flatMap((r, row) => {
            const text = notCollected.get(r.id);
            return text ? [{ row, from: 'package', text }] : [];
          }),
        },
      ],
    },
  ];
  if (m.models.length)
    sections.push({
      id: 'models',
      title: 'Hub base models',
      blocks: [
        {
          kind: 'table',
          id: 'overview-models',
          caption:
            "Fan-out of the catalog's base models (fine-tunes…merges are direct children, the tree counts every depth, re-uploads of the same weights are counted apart, used = new work with downloads or derivatives of its own, organisations exclude the base's own)",
          columns: [
            { key: 'project', label: 'project', format: 'text' },
            { key: 'model', label: 'model', format: 'text' },
            { key: 'downloads_30d', label: '30-day downloads', format: 'count' },
            { key: 'finetune', label: 'fine-tunes', format: 'count' },
            { key: 'adapter', label: 'adapters', format: 'count' },
            { key: 'quantized', label: 'quantized', format: 'count' },
            { key: 'merge', label: 'merges', format: 'count' },
            { key: 'tree', label: 'tree', format: 'count' },
            { key: 'reuploads', label: 're-uploads', format: 'count' },
            { key: 'used', label: 'used', format: 'count' },
            { key: 'orgs', label: 'organisations', format: 'count' },
          ],
          rows: m.models.map((x) => [
            x.name,
            x.model,
            x.downloads30d,
            x.finetune,
            x.adapter,
            x.quantized,
            x.merge,
            x.tree,
            x.reuploads,
            x.used,
            x.orgs,
          ]),
          links: m.models.map((x, row) => ({
            row,
            column: 'project',
            href: `/project/${encodeURIComponent(x.project)}`,
          })),
        },
      ],
    });
  const unknownModels = m.models.flatMap((x) =>
    x.downloadsUnknown ? [{ signal: `${x.model}: 30-day downloads`, reason: x.downloadsUnknown }] : [],
  );
  if (m.unmeasured.length || unknownModels.length)
    sections.push({
      id: 'unknowns',
      title: 'Unknown',
      blocks: [
        {
          kind: 'unknowns',
          items: [...m.unmeasured.map((r) => ({ signal: `${r.name}: downloads`, reason: r.reason })), ...unknownModels],
        },
      ],
    });
  return {
    schema: 'kept.report/v1',
    view: 'overview',
    title: `Adoption overview as of ${m.asOf}`,
    subtitle: `${asOfHeader(m.freshness)}. ${m.summary}`,
    asOf: m.asOf,
    sections,
  };
}
