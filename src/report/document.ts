// The report document: the format-neutral layout of one view's model, made of titled sections of
// typed blocks (tables, charts, notes…), rendered to Markdown, HTML and CSV. Builders in
// report/views/ make one from a view's model; they lay facts out and never compute new ones. Pure.

/** A table cell: raw values stay raw (CSV/JSON keep them); renderers format by column kind. */
export type Cell = string | number | null;

/**
 * How a column reads: count (1.2M), percent (+32%), share (61%), ratio (×3.1), decimal (0.123),
 * days (2.5 d, or 3.0 h under a day), date, text.
 */
export type ColumnFormat = 'text' | 'count' | 'percent' | 'share' | 'ratio' | 'decimal' | 'days' | 'date';

export interface Column {
  readonly key: string;
  readonly label: string;
  readonly format: ColumnFormat;
  /** Unit named in headers and CSV (e.g. "downloads / 30 days"). */
  readonly unit?: string;
}

/** A link a cell may carry (only http(s) and same-site paths are ever rendered as links). */
export interface CellLink {
  readonly row: number;
  readonly column: string;
  readonly href: string;
}

export interface HeadingBlock {
  readonly kind: 'heading';
  readonly text: string;
}

export interface ProseBlock {
  readonly kind: 'prose';
  readonly text: string;
  /** Figures the sentence states, so each number is traceable to a table or series. */
  readonly figures?: readonly string[];
}

export interface TableBlock {
  readonly kind: 'table';
  readonly id: string;
  readonly caption: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
  readonly links?: readonly CellLink[];
  /** Optional per-row sparkline values (HTML only), keyed by row index. */
  readonly sparklines?: readonly (readonly number[] | null)[];
  /** 'shared-log': every sparkline on one log scale, so slopes compare across rows (default: each row its own). */
  readonly sparklineScale?: 'row' | 'shared-log';
  /** Cells shown as a coloured badge (HTML only); `tone` names the colour (a tier id, "stale"…). */
  readonly badges?: readonly { readonly row: number; readonly column: string; readonly tone: string }[];
  /**
   * One cell spanning a row's columns from `from` to the last (HTML only), e.g. "not collected —
   * kept collect x" instead of a run of unknown cells; Markdown and CSV keep the cells.
   */
  readonly spans?: readonly { readonly row: number; readonly from: string; readonly text: string }[];
}

export interface ChartPoint {
  /** ISO date (YYYY-MM-DD) of the window end. */
  readonly x: string;
  readonly y: number;
}

export interface ChartSeries {
  readonly name: string;
  readonly points: readonly ChartPoint[];
}

export interface ChartMarker {
  /** 'spike' rings a point of `series`; 'release' is a dashed vertical line at `x` (default spike). */
  readonly kind?: 'spike' | 'release';
  readonly series: string;
  readonly x: string;
  readonly label: string;
}

/** An uncertainty band around a series, e.g. raw vs CI-filtered downloads (lo = filtered, hi = raw). */
export interface ChartBand {
  readonly series: string;
  readonly label: string;
  readonly points: readonly { readonly x: string; readonly lo: number; readonly hi: number }[];
}

export interface LineChartSpec {
  readonly type: 'line';
  readonly title: string;
  readonly yLabel: string;
  readonly unit: string;
  readonly series: readonly ChartSeries[];
  readonly markers: readonly ChartMarker[];
  readonly bands?: readonly ChartBand[];
  /** Log scale for series spanning orders of magnitude (comparisons). */
  readonly log?: boolean;
  /** A line under the chart: its source, its date, what the counts include. */
  readonly caption?: string;
}

export interface BarChartSpec {
  readonly type: 'bar';
  readonly title: string;
  readonly yLabel: string;
  readonly unit: string;
  /** `note`: a short figure drawn after the value (e.g. a growth). */
  readonly bars: readonly { readonly label: string; readonly value: number; readonly note?: string }[];
  /** Ranked bars running across (long labels, many bars). */
  readonly horizontal?: boolean;
  /** Log value axis (values spanning orders of magnitude). */
  readonly log?: boolean;
  /** A line under the chart: its source, its date, what the counts include. */
  readonly caption?: string;
}

/** Shares of a whole per bar (each bar a snapshot), stacked to 100 %: region, size or licence mix over time. */
export interface StackedChartSpec {
  readonly type: 'stacked';
  readonly title: string;
  /** The parts, in stacking order (a null share: not stored for that bar). */
  readonly keys: readonly string[];
  readonly bars: readonly { readonly label: string; readonly shares: readonly (number | null)[] }[];
  readonly caption?: string;
}

export type ChartSpec = LineChartSpec | BarChartSpec | StackedChartSpec;

export interface ChartBlock {
  readonly kind: 'chart';
  readonly id: string;
  readonly chart: ChartSpec;
}

export interface EvidenceItem {
  readonly label: string;
  readonly value: Cell;
  readonly format: ColumnFormat;
  readonly source: string;
  readonly window: string;
  readonly observedAt: string;
}

export interface EvidenceBlock {
  readonly kind: 'evidence';
  readonly items: readonly EvidenceItem[];
}

export interface UnknownItem {
  readonly signal: string;
  readonly subject?: string;
  readonly reason: string;
}

export interface UnknownsBlock {
  readonly kind: 'unknowns';
  readonly items: readonly UnknownItem[];
}

/** A list of short items (what would move a verdict, what was read, caveats). */
export interface ListBlock {
  readonly kind: 'list';
  readonly items: readonly string[];
}

/** A caveat or a warning the reader must see beside the figures (stale data, a sample, an upper bound). */
export interface NoteBlock {
  readonly kind: 'note';
  readonly tone: 'info' | 'warning';
  readonly text: string;
}

export type Block =
  HeadingBlock | ProseBlock | ListBlock | TableBlock | ChartBlock | EvidenceBlock | UnknownsBlock | NoteBlock;

export interface ReportSection {
  /** Stable id: an HTML anchor and the JSON key other tools select on. */
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly Block[];
}

export interface ReportDocument {
  readonly schema: 'kept.report/v1';
  /** The view the document lays out (a name in views/registry.ts, or a dashboard page). */
  readonly view: string;
  readonly title: string;
  readonly subtitle: string;
  readonly asOf: string;
  readonly sections: readonly ReportSection[];
}

/** Every table of a document, with its section, in order (CSV and fallbacks use this). */
export function documentTables(doc: ReportDocument): { section: ReportSection; table: TableBlock }[] {
  return doc.sections.flatMap((section) =>
    section.blocks.filter((b): b is TableBlock => b.kind === 'table').map((table) => ({ section, table })),
  );
}

/** The data table behind a chart: its accessible fallback and CSV form. */
export function chartTable(id: string, chart: ChartSpec): TableBlock {
  if (chart.type === 'stacked')
    return {
      kind: 'table',
      id: `${id}-data`,
      caption: `Data of the chart "${chart.title}"`,
      columns: [
        { key: 'label', label: 'bar', format: 'text' },
        ...chart.keys.map((k) => ({ key: k, label: k, format: 'share' as const })),
      ],
      rows: chart.bars.map((b) => [b.label, ...chart.keys.map((_, i) => b.shares[i] ?? null)]),
    };
  if (chart.type === 'bar') {
    return {
      kind: 'table',
      id: `${id}-data`,
      caption: `Data of the chart "${chart.title}"`,
      columns: [
        { key: 'label', label: 'label', format: 'text' },
        { key: 'value', label: chart.yLabel, format: 'count', unit: chart.unit },
      ],
      rows: chart.bars.map((b) => [b.label, b.value]),
    };
  }
  const bands = chart.bands ?? [];
  const xs = [
    ...new Set([
      ...chart.series.flatMap((s) => s.points.map((p) => p.x)),
      ...bands.flatMap((b) => b.points.map((p) => p.x)),
    ]),
  ].sort();
  const lookup = chart.series.map((s) => new Map(s.points.map((p) => [p.x, p.y])));
  const bandLookup = bands.map((b) => new Map(b.points.map((p) => [p.x, p])));
  return {
    kind: 'table',
    id: `${id}-data`,
    caption: `Data of the chart "${chart.title}"`,
    columns: [
      { key: 'window_end', label: 'window ends', format: 'date' },
      ...chart.series.map((s) => ({ key: s.name, label: s.name, format: 'count' as const, unit: chart.unit })),
      ...bands.flatMap((b) => [
        { key: `${b.label} low`, label: `${b.label} low`, format: 'count' as const, unit: chart.unit },
        { key: `${b.label} high`, label: `${b.label} high`, format: 'count' as const, unit: chart.unit },
      ]),
    ],
    rows: xs.map((x) => [
      x,
      ...lookup.map((m) => m.get(x) ?? null),
      ...bandLookup.flatMap((m) => [m.get(x)?.lo ?? null, m.get(x)?.hi ?? null]),
    ]),
  };
}
