// The fanout view laid out: the summary sentences, derivatives by relation (direct and whole
// tree), by depth, the organisations building on the base, growth between snapshots, and the
// re-uploads counted apart. Pure.
import type { FanoutView } from '../../views/fanout/model.js';
import type { Block, ReportDocument, ReportSection } from '../document.js';
import { asOfHeader, freshnessBlocks } from './freshness.js';

export function fanoutDocument(m: FanoutView): ReportDocument {
  const d = m.direct;
  const t = m.tree;
  const growth: Block[] = [
    {
      kind: 'table',
      id: 'growth',
      caption: 'Derivatives counted by each day kept first saw a relation (cumulative)',
      columns: [
        { key: 'date', label: 'first seen by', format: 'date' },
        { key: 'direct', label: 'direct', format: 'count', unit: 'models' },
        { key: 'tree', label: 'tree', format: 'count', unit: 'models' },
      ],
      rows: m.growth.map((g) => [g.date, g.direct, g.tree]),
    },
  ];
  if (m.growth.length > 1)
    growth.unshift({
      kind: 'chart',
      id: 'growth-chart',
      chart: {
        type: 'line',
        title: `Derivatives of ${m.base}`,
        yLabel: 'models',
        unit: 'cumulative',
        series: [
          { name: 'direct', points: m.growth.map((g) => ({ x: g.date, y: g.direct })) },
          { name: 'tree', points: m.growth.map((g) => ({ x: g.date, y: g.tree })) },
        ],
        markers: [],
      },
    });
  const sections: ReportSection[] = [
    {
      id: 'summary',
      title: 'Summary',
      blocks: [
        { kind: 'prose', text: m.summary },
        ...freshnessBlocks(m.freshness),
        { kind: 'prose', text: m.sentences.organisations },
        { kind: 'prose', text: m.sentences.downloads },
        { kind: 'prose', text: m.sentences.spaces },
        ...m.notes.map((text): Block => ({ kind: 'note', tone: 'info', text })),
      ],
    },
    {
      id: 'relations',
      title: 'Derivatives by relation',
      blocks: [
        {
          kind: 'table',
          id: 'relations',
          caption: 'Models built on the base: direct children, and every descendant once',
          columns: [
            { key: 'level', label: 'derivatives', format: 'text' },
            { key: 'finetune', label: 'fine-tunes', format: 'count' },
            { key: 'adapter', label: 'adapters', format: 'count' },
            { key: 'quantized', label: 'quantized', format: 'count' },
            { key: 'merge', label: 'merges', format: 'count' },
            { key: 'unclassified', label: 'unclassified', format: 'count' },
            { key: 'total', label: 'total', format: 'count' },
            { key: 'reuploads', label: 're-uploads', format: 'count' },
            { key: 'effective', label: 'new work', format: 'count' },
            { key: 'used', label: 'used', format: 'count' },
          ],
          rows: [
            [
              'direct children',
              d.finetune,
              d.adapter,
              d.quantized,
              d.merge,
              d.unclassified,
              d.total,
              m.reuploads.direct,
              m.effective.direct,
              m.used.direct,
            ],
            [
              `whole tree (depth ${t.depth})`,
              t.finetune,
              t.adapter,
              t.quantized,
              t.merge,
              t.unclassified,
              t.total,
              m.reuploads.tree,
              m.effective.tree,
              m.used.tree,
            ],
          ],
        },
        {
          kind: 'table',
          id: 'depth',
          caption: 'Descendants by depth (1 = direct children)',
          columns: [
            { key: 'depth', label: 'depth', format: 'count' },
            { key: 'descendants', label: 'descendants', format: 'count', unit: 'models' },
          ],
          rows: t.byDepth.map((n, i) => [i + 1, n]),
        },
      ],
    },
    {
      id: 'organisations',
      title: 'Organisations building on it',
      blocks: [
        {
          kind: 'table',
          id: 'organisations',
          caption: "The most active organisations (the base's own excluded)",
          columns: [
            { key: 'org', label: 'organisation', format: 'text' },
            { key: 'models', label: 'derivatives', format: 'count', unit: 'models' },
          ],
          rows: m.orgs.top.map((o) => [o.org, o.models]),
        },
      ],
    },
    { id: 'growth', title: 'Growth between snapshots', blocks: growth },
    {
      id: 'reuploads',
      title: 'Re-uploads',
      blocks: [
        {
          kind: 'table',
          id: 'reuploads',
          caption: 'Descendants that re-host the same weights, counted apart (heuristic in docs/fanout.md)',
          columns: [
            { key: 'model', label: 'model', format: 'text' },
            { key: 'relation', label: 'relation', format: 'text' },
            { key: 'depth', label: 'depth', format: 'count' },
            { key: 'reason', label: 'why', format: 'text' },
          ],
          rows: m.reuploads.models.map((r) => [r.id, r.relation, r.depth, r.reason]),
        },
      ],
    },
  ];
  return {
    schema: 'kept.report/v1',
    view: 'fanout',
    title: `Fan-out of ${m.subject}`,
    subtitle: `${asOfHeader(m.freshness)} · sources: ${m.sources.join(', ') || 'none'}`,
    asOf: m.asOf,
    sections,
  };
}
