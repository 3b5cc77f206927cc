// The gap view laid out: the sentences, the caveats, the families, the headline series month by
// month (both sides, the ratio, charts), the trends, the changes member by member, each member's
// share of its side, and the other series apart. Also the section the dashboard's ecosystem page
// shows. Pure.
import type { GapChange, GapSeries, GapView } from '../../views/gap/model.js';
import type { Block, Cell, ReportDocument, ReportSection, TableBlock } from '../document.js';
import { asOfHeader, freshnessBlocks } from './freshness.js';

const SERIES_TITLE: Readonly<Record<GapSeries['series'], string>> = {
  pypi: 'PyPI downloads',
  npm: 'npm downloads',
  containers: 'Container pulls (Docker Hub, GHCR)',
};

export function gapDocument(m: GapView): ReportDocument {
  const { closed, open } = m.families;
  const main = m.series.find((s) => s.series === m.headline);
  const sources = [...new Set(m.series.flatMap((s) => s.sources))];
  const summary: Block[] = m.summary.map((text) => ({ kind: 'prose', text }));
  summary.push(...freshnessBlocks(m.freshness));
  for (const n of m.notes) summary.push({ kind: 'note', tone: 'info', text: n });
  const sections: ReportSection[] = [
    { id: 'summary', title: 'Summary', blocks: summary },
    { id: 'caveats', title: 'Caveats', blocks: [{ kind: 'list', items: m.caveats }] },
    { id: 'families', title: 'The families', blocks: [familiesTable(m)] },
  ];
  if (main) {
    sections.push({
      id: 'months',
      title: `${SERIES_TITLE[main.series]}, month by month`,
      blocks: [...seriesBlocks(main, closed.label, open.label), ...chartBlocks(main, closed.label, open.label)],
    });
    sections.push({ id: 'trend', title: 'The six-month trends', blocks: [trendTable(main, closed.label, open.label)] });
  }
  if (m.changes.length)
    sections.push({
      id: 'changes',
      title: 'The changes, member by member',
      blocks: m.changes.map((c) => changeTable(c, closed.label, open.label)),
    });
  if (main) {
    const spikes: Block[] = main.memberSpikes.map((s) => ({ kind: 'prose', text: `${s.subject}: ${s.description}` }));
    sections.push({
      id: 'members',
      title: "Each member's share of its side",
      blocks: [shareTable(main, 'closed', closed.label), shareTable(main, 'open', open.label), ...spikes],
    });
  }
  for (const s of m.series.filter((x) => x !== main))
    sections.push({
      id: `${s.series}-series`,
      title: `${SERIES_TITLE[s.series]}, shown apart`,
      blocks: seriesBlocks(s, closed.label, open.label),
    });
  return {
    schema: 'kept.report/v1',
    view: 'gap',
    title: `The deployment gap: ${closed.label} against ${open.label}`,
    subtitle: `${asOfHeader(m.freshness)} · headline: ${SERIES_TITLE[m.headline]} · source: ${sources.join(', ') || 'none'}${m.dataEnds ? ` · data ends ${m.dataEnds}` : ''}`,
    asOf: m.asOf,
    sections,
  };
}

/** The section the dashboard's ecosystem page carries: the sentences, the latest ratio, a link to the whole view. */
export function gapEcosystemSection(m: GapView, href: string): ReportSection {
  const l = m.latest;
  return {
    id: 'deployment-gap',
    title: `The deployment gap: ${m.families.closed.label} against ${m.families.open.label}`,
    blocks: [
      ...m.summary.map((text): Block => ({ kind: 'prose', text })),
      {
        kind: 'table',
        id: 'deployment-gap',
        caption: `The latest ratio (${SERIES_TITLE[m.headline]}); every month, member and caveat on the gap page`,
        columns: [
          { key: 'month', label: 'month', format: 'text' },
          { key: 'window_end', label: 'window ends', format: 'date' },
          { key: 'closed', label: m.families.closed.label, format: 'count', unit: unitOf(m.headline) },
          { key: 'open', label: m.families.open.label, format: 'count', unit: unitOf(m.headline) },
          { key: 'ratio', label: 'ratio', format: 'ratio', unit: 'closed / open' },
          { key: 'page', label: 'details', format: 'text' },
        ],
        rows: [
          [l?.month ?? null, l?.windowEnd ?? null, l?.closed ?? null, l?.open ?? null, l?.ratio ?? null, 'the gap'],
        ],
        links: [{ row: 0, column: 'page', href }],
      },
    ],
  };
}

function unitOf(series: GapSeries['series']): string {
  return series === 'containers' ? 'pulls / month' : 'downloads / window';
}

function familiesTable(m: GapView): TableBlock {
  const rows: Cell[][] = [];
  for (const side of ['closed', 'open'] as const) {
    const f = m.families[side];
    const kinds = [...new Set(f.members.map((s) => s.slice(0, s.indexOf(':'))))];
    for (const kind of kinds)
      rows.push([
        f.label,
        kind,
        f.members.filter((s) => s.startsWith(`${kind}:`)).join(', '),
        (f.fromConfig as readonly string[]).includes(kind) ? 'kept.yaml' : 'catalog',
      ]);
  }
  return {
    kind: 'table',
    id: 'families',
    caption: 'The members of each side, by registry',
    columns: [
      { key: 'family', label: 'family', format: 'text' },
      { key: 'registry', label: 'registry', format: 'text' },
      { key: 'members', label: 'members', format: 'text' },
      { key: 'from', label: 'listed by', format: 'text' },
    ],
    rows,
  };
}

function seriesBlocks(s: GapSeries, closedLabel: string, openLabel: string): Block[] {
  const unit = unitOf(s.series);
  return [
    {
      kind: 'table',
      id: s.series === 'pypi' ? 'ratio' : `${s.series}-ratio`,
      caption: `${SERIES_TITLE[s.series]} of each side and their ratio, every month with data (a side's sum covers its members with data that month)`,
      columns: [
        { key: 'month', label: 'month', format: 'text' },
        { key: 'window_end', label: 'window ends', format: 'date' },
        { key: 'closed', label: closedLabel, format: 'count', unit },
        { key: 'open', label: openLabel, format: 'count', unit },
        { key: 'ratio', label: 'ratio', format: 'ratio', unit: 'closed / open' },
        { key: 'closed_absent', label: `${closedLabel}: no data`, format: 'text' },
        { key: 'open_absent', label: `${openLabel}: no data`, format: 'text' },
      ],
      rows: [...s.months]
        .reverse()
        .map((x) => [
          x.month,
          x.windowEnd,
          x.closed.total,
          x.open.total,
          x.ratio,
          absentText(x.closed.absent, x.closed.members.length),
          absentText(x.open.absent, x.open.members.length),
        ]),
    },
  ];
}

function absentText(absent: readonly string[], of: number): string {
  if (of === 0) return 'no members';
  if (absent.length === 0) return 'none';
  if (absent.length === of) return 'all';
  return absent.map((a) => a.slice(a.indexOf(':') + 1)).join(', ');
}

function chartBlocks(s: GapSeries, closedLabel: string, openLabel: string): Block[] {
  const side = (pick: 'closed' | 'open') =>
    s.months.flatMap((x) => (x[pick].total === null ? [] : [{ x: x.windowEnd, y: x[pick].total! }]));
  const ratio = s.months.flatMap((x) => (x.ratio === null ? [] : [{ x: x.windowEnd, y: x.ratio }]));
  return [
    {
      kind: 'chart',
      id: 'sides-chart',
      chart: {
        type: 'line',
        title: `${SERIES_TITLE[s.series]}: ${closedLabel} and ${openLabel}`,
        yLabel: s.metric,
        unit: unitOf(s.series),
        series: [
          { name: closedLabel, points: side('closed') },
          { name: openLabel, points: side('open') },
        ],
        markers: [],
        log: true,
      },
    },
    {
      kind: 'chart',
      id: 'ratio-chart',
      chart: {
        type: 'line',
        title: `The ratio, ${closedLabel} / ${openLabel}`,
        yLabel: 'ratio',
        unit: 'closed / open',
        series: [{ name: 'ratio', points: ratio }],
        markers: [],
      },
    },
  ];
}

function trendTable(s: GapSeries, closedLabel: string, openLabel: string): TableBlock {
  const rows: Cell[][] = (
    [
      [closedLabel, s.trend.closed],
      [openLabel, s.trend.open],
      ['ratio', s.trend.ratio],
    ] as const
  ).map(([label, t]) => [
    label,
    t?.months[0]?.month ?? null,
    t?.months[t.months.length - 1]?.month ?? null,
    t?.growth ?? null,
    t?.slope ?? null,
    t?.monthlyRate ?? null,
    t?.shape ?? 'insufficient-data',
  ]);
  return {
    kind: 'table',
    id: 'trend',
    caption: `Six-month trends of ${SERIES_TITLE[s.series]} (growth: the last three months against the three before)`,
    columns: [
      { key: 'series', label: 'series', format: 'text' },
      { key: 'from', label: 'from', format: 'text' },
      { key: 'to', label: 'to', format: 'text' },
      { key: 'growth', label: 'growth', format: 'percent' },
      { key: 'slope', label: 'log-linear slope', format: 'decimal', unit: 'ln / month' },
      { key: 'monthly_rate', label: 'fitted rate', format: 'percent', unit: 'per month' },
      { key: 'shape', label: 'shape', format: 'text' },
    ],
    rows,
  };
}

function changeTable(c: GapChange, closedLabel: string, openLabel: string): TableBlock {
  const rows: Cell[][] = [];
  for (const [label, side] of [
    [closedLabel, c.closed],
    [openLabel, c.open],
  ] as const) {
    // '' marks a cell that does not apply to the row (unknown is null): a side has no share of itself.
    rows.push([label, 'all members with data', side.from, side.to, side.change, side.growth, '']);
    for (const x of side.members) rows.push([label, x.subject, x.from, x.to, x.change, '', x.shareOfChange]);
  }
  return {
    kind: 'table',
    id: c.span === 'year' ? 'change-year' : 'change-month',
    caption: `${c.span === 'year' ? 'A year' : 'A month'}: ${c.from.month} (window ending ${c.from.windowEnd}) to ${c.to.month} (window ending ${c.to.windowEnd}); a member without data counts as nothing in its side's sum`,
    columns: [
      { key: 'family', label: 'family', format: 'text' },
      { key: 'member', label: 'member', format: 'text' },
      { key: 'from', label: c.from.month, format: 'count', unit: unitOf(c.series) },
      { key: 'to', label: c.to.month, format: 'count', unit: unitOf(c.series) },
      { key: 'change', label: 'change', format: 'count' },
      { key: 'growth', label: 'growth', format: 'percent' },
      { key: 'share_of_change', label: "share of the side's change", format: 'percent' },
    ],
    rows,
  };
}

function shareTable(s: GapSeries, side: 'closed' | 'open', label: string): TableBlock {
  const members = s.months[0]?.[side].members.map((x) => x.subject) ?? [];
  const rows = [...s.months]
    .reverse()
    .filter((x) => x[side].total !== null)
    .map((x): Cell[] => [x.month, x[side].total, ...x[side].members.map((y) => y.share)]);
  return {
    kind: 'table',
    id: `${side}-shares`,
    caption: `${label}: each member's share of the side's ${s.metric} (unknown: no data that month)`,
    columns: [
      { key: 'month', label: 'month', format: 'text' },
      { key: 'total', label: 'total', format: 'count', unit: unitOf(s.series) },
      ...members.map((id) => ({ key: id, label: id.slice(id.indexOf(':') + 1), format: 'share' as const })),
    ],
    rows,
  };
}
