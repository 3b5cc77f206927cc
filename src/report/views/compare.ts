// The compare view laid out: its summary, the side-by-side table (each project linking to its
// page on the dashboard), one log-scale chart of the main packages, and the one Unknown section
// with each project's unknowns. Pure.
import type { CompareView } from '../../views/compare/model.js';
import type { Block, Column, ReportDocument } from '../document.js';
import { unknownsSection } from '../sections/unknowns.js';
import { asOfHeader, freshnessBlocks } from './freshness.js';

const HUB_COLUMNS: readonly Column[] = [
  { key: 'hub_downloads', label: 'Hub downloads', format: 'count', unit: 'base models, 30 days' },
  { key: 'hub_used', label: 'used derivatives', format: 'count' },
];

export function compareDocument(m: CompareView): ReportDocument {
  const names = new Map(m.projects.map((p) => [p.id, p.name]));
  const charted = m.chart.series.filter((c) => c.points.length);
  const rowOf = new Map(m.projects.map((p) => [p.id, p]));
  // Hub columns only when a project compared has base models on the Hub.
  const withHub = m.projects.some((p) => p.hub !== null);
  const blocks: Block[] = [
    {
      kind: 'table',
      id: 'compare',
      caption:
        'Main package per project (the most downloaded): latest downloads, six-month trend; Hub usage of the base models; deployment tier with its confidence and the signal families behind it',
      columns: [
        { key: 'project', label: 'project', format: 'text' },
        { key: 'category', label: 'category', format: 'text' },
        { key: 'package', label: 'package', format: 'text' },
        { key: 'role', label: 'package role', format: 'text' },
        { key: 'latest', label: 'latest', format: 'count', unit: 'downloads / 30 days' },
        { key: 'window_end', label: 'window ends', format: 'date' },
        { key: 'usage_data', label: 'usage data', format: 'text' },
        { key: 'growth', label: '6-month growth', format: 'percent' },
        { key: 'monthly_rate', label: 'slope / month', format: 'percent' },
        { key: 'shape', label: 'shape', format: 'text' },
        { key: 'spikes', label: 'spikes', format: 'count' },
        ...(withHub ? HUB_COLUMNS : []),
        { key: 'tier', label: 'deployment tier', format: 'text' },
        { key: 'confidence', label: 'confidence', format: 'text' },
        { key: 'families', label: 'signal families behind it', format: 'count', unit: 'of 6' },
        { key: 'unknowns', label: 'unknown signals', format: 'count' },
      ],
      rows: m.projects.map((p) => [
        p.name,
        p.category,
        p.package,
        p.client === null ? null : p.client ? 'client library' : 'own',
        p.latest,
        p.windowEnd,
        p.stale ? 'stale' : p.dataEnds === null ? null : 'current',
        p.growth,
        p.monthlyRate,
        p.shape,
        p.spikes,
        ...(withHub ? [p.hub?.downloads30d ?? null, p.hub?.used ?? null] : []),
        p.tier.label,
        p.tier.confidence,
        p.tier.familiesBacking,
        p.unknownSignals,
      ]),
      links: m.projects.map((p, row) => ({ row, column: 'project', href: `/project/${encodeURIComponent(p.id)}` })),
      sparklines: m.projects.map((p) => (p.months.length ? p.months.map((x) => x.value) : null)),
    },
  ];
  if (charted.length)
    blocks.push({
      kind: 'chart',
      id: 'compare-downloads',
      chart: {
        type: 'line',
        title:
          m.chart.scale === 'normalised'
            ? 'Monthly downloads normalised, main package of each project'
            : 'Monthly downloads, main package of each project',
        yLabel: m.chart.scale === 'normalised' ? 'normalised downloads' : 'downloads',
        unit: m.chart.scale === 'normalised' ? `1 = ${m.chart.base ?? '–'}` : 'per 30-day window',
        series: charted.map((c) => ({
          name: c.package,
          points: c.points.map((x) => ({ x: x.windowEnd, y: x.value })),
        })),
        markers: charted.flatMap((c) => {
          const shown = new Set(c.points.map((x) => x.windowEnd));
          return (rowOf.get(c.project)?.spikeWindows ?? [])
            .filter((s) => shown.has(s.windowEnd))
            .map((s) => ({ series: c.package, x: s.windowEnd, label: `spike ×${s.ratio.toFixed(1)}` }));
        }),
        log: true,
        caption: `${m.chart.caption.replace(/\.$/, '')}; ${m.freshness.dataEnds ? `data to ${m.freshness.dataEnds}` : 'no data'}. Counts include CI, mirrors and bots where the source does not separate them.`,
      },
    });
  return {
    schema: 'kept.report/v1',
    view: 'compare',
    title: `Compare: ${m.projects.map((p) => p.name).join(' vs ')}`,
    subtitle: `${asOfHeader(m.freshness)} · main package of each project (the most downloaded)`,
    asOf: m.asOf,
    sections: [
      {
        id: 'summary',
        title: 'Summary',
        blocks: [...m.summary.map((text) => ({ kind: 'prose' as const, text })), ...freshnessBlocks(m.freshness)],
      },
      { id: 'side-by-side', title: 'Side by side', blocks },
      unknownsSection(m.unknowns, (u) => `${names.get(u.project) ?? u.project}: ${u.signal}`),
    ],
  };
}
