// The trend view laid out: its summary, the six months judged, the whole series as a chart with
// its spikes marked, and its notes. Pure.
import type { TrendView } from '../../views/trend/model.js';
import type { Block, ReportDocument } from '../document.js';
import { asOfHeader, freshnessBlocks } from './freshness.js';

export function trendDocument(m: TrendView): ReportDocument {
  const basis =
    m.basis === 'monthly-snapshots' ? '30-day download windows as published' : 'daily counts summed by calendar month';
  const summary: Block[] = [{ kind: 'prose', text: m.summary }, ...freshnessBlocks(m.freshness)];
  for (const n of m.notes) summary.push({ kind: 'note', tone: 'info', text: n });
  return {
    schema: 'kept.report/v1',
    view: 'trend',
    title: `Download trend: ${m.subject}`,
    subtitle: `${asOfHeader(m.freshness)} · ${basis} · source: ${m.sources.join(', ') || 'none'}${m.dataEnds ? ` · data ends ${m.dataEnds}` : ''}`,
    asOf: m.asOf,
    sections: [
      { id: 'summary', title: 'Summary', blocks: summary },
      {
        id: 'months',
        title: 'The six months judged',
        blocks: [
          {
            kind: 'table',
            id: 'months',
            caption: 'Downloads per month (the six months the trend is judged on)',
            columns: [
              { key: 'month', label: 'month', format: 'text' },
              { key: 'downloads', label: 'downloads', format: 'count', unit: 'downloads / month' },
              { key: 'window_end', label: 'window ends', format: 'date' },
            ],
            rows: m.months.map((x) => [x.month, x.value, x.windowEnd]),
          },
          {
            kind: 'table',
            id: 'figures',
            caption: 'Trend figures',
            columns: [
              { key: 'growth', label: 'growth, last 3 months vs the 3 before', format: 'percent' },
              { key: 'slope', label: 'log-linear slope', format: 'decimal', unit: 'ln(downloads) / month' },
              { key: 'monthly_rate', label: 'fitted rate', format: 'percent', unit: 'per month' },
              { key: 'shape', label: 'shape', format: 'text' },
            ],
            rows: [[m.growth, m.slope, m.monthlyRate, m.shape]],
          },
        ],
      },
      {
        id: 'series',
        title: 'Every stored window',
        blocks: [
          {
            kind: 'chart',
            id: 'series-chart',
            chart: {
              type: 'line',
              title: `Downloads of ${m.subject}`,
              yLabel: 'downloads',
              unit: m.basis === 'monthly-snapshots' ? 'per 30-day window' : 'per calendar month',
              series: [{ name: m.subject, points: m.series.map((p) => ({ x: p.windowEnd, y: p.value })) }],
              markers: m.spikes.flatMap((s) => {
                const at = m.months.find((x) => x.month === s.month);
                return at
                  ? [{ kind: 'spike' as const, series: m.subject, x: at.windowEnd, label: `spike ${s.month}` }]
                  : [];
              }),
            },
          },
        ],
      },
      ...(m.spikes.length
        ? [
            {
              id: 'spikes',
              title: 'Spikes',
              blocks: m.spikes.map((s): Block => ({ kind: 'prose', text: s.description })),
            },
          ]
        : []),
    ],
  };
}
