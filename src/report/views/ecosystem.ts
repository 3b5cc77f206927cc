// The ecosystem view laid out: coverage, download share by developer region (uploader, whose
// weights, differenced), concentration, sizes, licences, the family table, weights memory, top
// organisations and month over month, each section with its method and coverage sentences. Pure.
import type { EcosystemView } from '../../views/ecosystem/model.js';
import type { Block, Cell, Column, ReportDocument, ReportSection, TableBlock } from '../document.js';

type Shares = EcosystemView['sizeClasses'][number];
type Change = NonNullable<EcosystemView['monthOverMonth']>['regions'][number];

const CONCENTRATION_LABEL: Readonly<Record<EcosystemView['concentration'][number]['level'], string>> = {
  model: 'models',
  org: 'organisations',
  family: 'families (excl. other)',
  region: 'regions (excl. unknown)',
};

/** The keys of a series of shares, in the order they first appear (the view orders them). */
function keysOf(series: readonly Shares[]): string[] {
  return [...new Set(series.flatMap((s) => s.rows.map((r) => r.key)))];
}

function shareColumns(keys: readonly string[]): Column[] {
  return keys.map((k) => ({ key: k, label: k, format: 'share' }));
}

function shareCells(s: Shares, keys: readonly string[]): Cell[] {
  return keys.map((k) => s.rows.find((r) => r.key === k)?.share ?? null);
}

function seriesTable(id: string, caption: string, series: readonly Shares[], keys = keysOf(series)): TableBlock {
  // A series holding partial snapshots says which rows are (they count in no share).
  const marked = series.some((x) => x.partial === true);
  return {
    kind: 'table',
    id,
    caption,
    columns: [
      { key: 'snapshot', label: 'snapshot', format: 'date' },
      ...(marked ? [{ key: 'coverage', label: 'coverage', format: 'text' as const }] : []),
      { key: 'models', label: 'models', format: 'count' },
      { key: 'downloads', label: 'downloads (30 d)', format: 'count' },
      ...shareColumns(keys),
    ],
    rows: series.map((x) => [
      x.snapshot,
      ...(marked ? [x.partial ? 'partial' : 'comparable'] : []),
      x.models,
      x.downloads,
      ...shareCells(x, keys),
    ]),
  };
}

/** A series of shares as one stacked bar per snapshot (the table beside it holds the same numbers). */
function shareChart(id: string, title: string, series: readonly Shares[], keys = keysOf(series)): Block[] {
  if (!series.length) return [];
  return [
    {
      kind: 'chart',
      id,
      chart: {
        type: 'stacked',
        title,
        keys,
        bars: series.map((s) => ({
          label: s.partial ? `${s.snapshot} (partial)` : s.snapshot,
          shares: keys.map((k) => s.rows.find((r) => r.key === k)?.share ?? null),
        })),
        caption: 'Share of the 30-day Hub downloads of each snapshot; every bar sums to 100 %.',
      },
    },
  ];
}

function changeTable(id: string, label: string, rows: readonly Change[], from: string, to: string): TableBlock {
  return {
    kind: 'table',
    id,
    caption: `Change by ${label}, ${from} → ${to}`,
    columns: [
      { key: label, label, format: 'text' },
      { key: 'downloads_from', label: `downloads ${from}`, format: 'count' },
      { key: 'downloads_to', label: `downloads ${to}`, format: 'count' },
      { key: 'growth', label: 'growth', format: 'percent' },
      { key: 'share_from', label: `share ${from}`, format: 'share' },
      { key: 'share_to', label: `share ${to}`, format: 'share' },
      { key: 'share_points', label: 'change (pp)', format: 'decimal', unit: 'percentage points' },
    ],
    rows: rows.map((r) => [r.key, r.downloadsFrom, r.downloadsTo, r.growth, r.shareFrom, r.shareTo, r.sharePoints]),
  };
}

export function ecosystemDocument(m: EcosystemView): ReportDocument {
  const s = m.sentences;
  const c = m.coverage;
  // The regions in the view's order (us, china, eu, other, unknown): every share row lists them all.
  const regions = keysOf([m.regionShare.window, ...m.regionShare.series]);
  const prose = (text: string): Block => ({ kind: 'prose', text });

  const regionBlocks: Block[] = [
    prose(m.method.region),
    prose(s.regionCoverage),
    ...shareChart(
      'region-share-chart',
      'Share of downloads by developer region, per snapshot',
      m.regionShare.series,
      regions,
    ),
    seriesTable(
      'region-series',
      'Share of 30-day downloads by developer region, per snapshot',
      m.regionShare.series,
      regions,
    ),
    prose(s.window),
    prose(m.method.window),
  ];
  if (s.weights === null) {
    regionBlocks.push({ kind: 'heading', text: 'Whose weights' }, prose(m.method.weights), {
      kind: 'table',
      id: 'region-weights',
      caption:
        "Share of downloads by the region of whoever made the weights (derivatives count for their base model's)",
      columns: [
        { key: 'snapshot', label: 'snapshot', format: 'date' },
        { key: 'derivatives', label: 'derivatives', format: 'count', unit: 'models' },
        { key: 'derivative_downloads', label: 'their downloads', format: 'count', unit: 'downloads / 30 days' },
        ...shareColumns(regions),
      ],
      rows: m.regionShare.weights.map((w) => [
        w.snapshot,
        w.derivativeModels,
        w.derivativeDownloads,
        ...shareCells(w, regions),
      ]),
    });
  } else regionBlocks.push({ kind: 'heading', text: 'Whose weights' }, prose(s.weights));
  if (m.regionShare.differenced.length > 0)
    regionBlocks.push(
      { kind: 'heading', text: 'Between snapshots, from all-time totals' },
      prose(m.method.differenced),
      {
        kind: 'table',
        id: 'region-differenced',
        caption: 'Downloads between consecutive snapshots (differences of all-time totals), by developer region',
        columns: [
          { key: 'from', label: 'from', format: 'date' },
          { key: 'to', label: 'to', format: 'date' },
          { key: 'models', label: 'models', format: 'count' },
          { key: 'downloads', label: 'downloads', format: 'count' },
          ...shareColumns(regions),
          { key: 'decreased', label: 'decreased', format: 'count', unit: 'models whose total went down (excluded)' },
        ],
        rows: m.regionShare.differenced.map((d) => [
          d.from,
          d.snapshot,
          d.models,
          d.downloads,
          ...shareCells(d, regions),
          d.decreasedModels,
        ]),
      },
    );

  const tops = m.concentration[0]?.top.map((t) => t.n) ?? [];
  const mom = m.monthOverMonth;
  const sections: ReportSection[] = [
    {
      id: 'coverage',
      title: 'Coverage',
      blocks: [
        prose(s.coverage),
        {
          kind: 'table',
          id: 'coverage',
          caption: `How each attribute of the models was known, ${m.snapshot}`,
          columns: [
            { key: 'attribute', label: 'attribute', format: 'text' },
            { key: 'basis', label: 'known from', format: 'text' },
            { key: 'models', label: 'models', format: 'count' },
            { key: 'downloads', label: 'downloads', format: 'count' },
            { key: 'share', label: 'share of downloads', format: 'share' },
          ],
          rows: c.attributes.map((a) => [a.attribute, a.basis, a.models, a.downloads, a.share]),
        },
      ],
    },
    { id: 'regions', title: 'Download share by developer region', blocks: regionBlocks },
    {
      id: 'concentration',
      title: `Concentration (${m.snapshot})`,
      blocks: [
        prose(m.method.concentration),
        {
          kind: 'table',
          id: 'concentration',
          caption: `Concentration of the downloads, ${m.snapshot}`,
          columns: [
            { key: 'over', label: 'over', format: 'text' },
            { key: 'units', label: 'units', format: 'count' },
            { key: 'hhi', label: 'HHI', format: 'decimal', unit: 'Σ share², 0–1' },
            { key: 'gini', label: 'Gini', format: 'decimal' },
            ...tops.map((n): Column => ({ key: `top_${n}`, label: `top-${n}`, format: 'share', unit: 'of downloads' })),
            { key: 'zero_share', label: 'zero-download share', format: 'share', unit: 'of units' },
          ],
          rows: m.concentration.map((r) => [
            CONCENTRATION_LABEL[r.level],
            r.units,
            r.hhi,
            r.gini,
            ...tops.map((n) => r.top.find((t) => t.n === n)?.share ?? null),
            r.zeroShare,
          ]),
        },
      ],
    },
    {
      id: 'sizes',
      title: 'Model sizes (share of downloads)',
      blocks: [
        prose(m.method.size),
        prose(s.sizeCoverage),
        ...shareChart('sizes-chart', 'Share of downloads by size class, per snapshot', m.sizeClasses),
        seriesTable('sizes', 'Share of downloads by size class, per snapshot', m.sizeClasses),
      ],
    },
    {
      id: 'licences',
      title: 'Licence mix (share of downloads)',
      blocks: [
        prose(m.method.licence),
        prose(s.licenceCoverage),
        ...shareChart('licences-chart', 'Share of downloads by licence class, per snapshot', m.licenceMix),
        seriesTable('licences', 'Share of downloads by licence class, per snapshot', m.licenceMix),
      ],
    },
    {
      id: 'families',
      title: `Family table (${m.snapshot})`,
      blocks: [
        prose(m.method.family),
        prose(s.familyCoverage),
        {
          kind: 'table',
          id: 'families',
          caption: `Model families, ${m.snapshot}`,
          columns: [
            { key: 'family', label: 'family', format: 'text' },
            { key: 'models', label: 'models', format: 'count' },
            { key: 'downloads', label: 'downloads', format: 'count', unit: 'downloads / 30 days' },
            { key: 'share', label: 'share', format: 'share', unit: 'of downloads' },
            { key: 'orgs', label: 'orgs', format: 'count' },
            { key: 'top_orgs', label: 'top orgs', format: 'text' },
            { key: 'min_parameters', label: 'smallest', format: 'count', unit: 'parameters' },
            { key: 'max_parameters', label: 'largest', format: 'count', unit: 'parameters' },
            { key: 'size_known', label: 'size known', format: 'count', unit: 'models' },
            { key: 'edge_models', label: 'edge ≤4B', format: 'count', unit: 'models' },
            { key: 'licences', label: 'licences', format: 'text' },
            { key: 'licence_unknown', label: 'licence unknown', format: 'count', unit: 'models' },
            { key: 'libraries', label: 'libraries', format: 'text' },
            { key: 'via_base_model', label: 'via base model', format: 'count', unit: 'models' },
          ],
          rows: m.families.map((f) => [
            f.family,
            f.models,
            f.downloads,
            f.share,
            f.orgs,
            f.topOrgs.join(', '),
            f.minParameters,
            f.maxParameters,
            f.sizeKnown,
            f.edgeModels,
            f.licences.map((l) => `${l.licence} (${l.models})`).join(', '),
            f.licenceUnknown,
            f.libraries.map((l) => `${l.library} (${l.models})`).join(', '),
            f.viaBaseModel,
          ]),
        },
      ],
    },
    {
      id: 'memory',
      title: 'Memory for the weights',
      blocks: [
        prose(m.method.memory),
        {
          kind: 'table',
          id: 'memory',
          caption: "Weights memory of each family's smallest and largest known size",
          columns: [
            { key: 'family', label: 'family', format: 'text' },
            { key: 'parameters', label: 'parameters', format: 'count' },
            { key: 'fp32', label: 'fp32', format: 'decimal', unit: 'GB' },
            { key: 'bf16', label: 'bf16', format: 'decimal', unit: 'GB' },
            { key: 'int8', label: 'int8', format: 'decimal', unit: 'GB' },
            { key: 'int4', label: 'int4', format: 'decimal', unit: 'GB' },
            { key: 'fits_8gb_at', label: 'fits 8 GB at', format: 'text' },
          ],
          rows: m.memory.map((r) => [
            r.family,
            r.parameters,
            r.gb.fp32,
            r.gb.bf16,
            r.gb.int8,
            r.gb.int4,
            r.fits8GbAt ?? 'none',
          ]),
        },
      ],
    },
    {
      id: 'organisations',
      title: `Top organisations (${m.snapshot})`,
      blocks: [
        {
          kind: 'table',
          id: 'organisations',
          caption: `The organisations with the most downloads, ${m.snapshot}`,
          columns: [
            { key: 'organisation', label: 'organisation', format: 'text' },
            { key: 'region', label: 'region', format: 'text' },
            { key: 'models', label: 'models', format: 'count' },
            { key: 'downloads', label: 'downloads', format: 'count', unit: 'downloads / 30 days' },
            { key: 'share', label: 'share', format: 'share', unit: 'of downloads' },
          ],
          rows: m.topOrgs.map((o) => [o.org, o.region, o.models, o.downloads, o.share]),
        },
      ],
    },
    {
      id: 'month-over-month',
      title: 'Month over month',
      blocks: [
        prose(s.monthOverMonth),
        ...(mom
          ? [
              prose(m.method.monthOverMonth),
              changeTable('change-regions', 'region', mom.regions, mom.from, mom.to),
              changeTable('change-sizes', 'size', mom.sizeClasses, mom.from, mom.to),
              changeTable('change-licences', 'licence', mom.licenceClasses, mom.from, mom.to),
              changeTable('change-families', 'family', mom.families, mom.from, mom.to),
            ]
          : []),
      ],
    },
  ];
  return {
    schema: 'kept.report/v1',
    view: 'ecosystem',
    title: `kept ecosystem: Hugging Face model downloads, snapshot ${m.snapshot}`,
    subtitle: `${m.summary} ${m.method.downloads}`,
    asOf: m.asOf,
    sections: [
      ...(m.notes.length
        ? [
            {
              id: 'notes',
              title: 'Notes',
              blocks: m.notes.map((text): Block => ({ kind: 'note', tone: 'warning', text })),
            },
          ]
        : []),
      ...sections,
    ],
  };
}
