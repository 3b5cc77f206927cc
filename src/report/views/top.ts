// The top view laid out: one table of the snapshot's ranking; on the dashboard each name links to
// its trend page. Pure.
import type { TopView } from '../../views/top/model.js';
import type { ReportDocument } from '../document.js';
import { asOfHeader, freshnessBlocks } from './freshness.js';
import { viewPath } from './paths.js';

export function topDocument(m: TopView): ReportDocument {
  return {
    schema: 'kept.report/v1',
    view: 'top',
    title: `Top ${m.kind} by downloads, snapshot ${m.snapshot}`,
    subtitle: `${asOfHeader(m.freshness)} · metric ${m.metric} · windows ending ${m.snapshot} · ${m.rows.length} rows (limit ${m.limit})`,
    asOf: m.snapshot,
    sections: [
      {
        id: 'ranking',
        title: 'Ranking',
        blocks: [
          ...freshnessBlocks(m.freshness),
          {
            kind: 'table',
            id: 'top',
            caption: `The most downloaded ${m.kind} subjects in the snapshot ending ${m.snapshot}`,
            columns: [
              { key: 'rank', label: '#', format: 'count' },
              { key: 'name', label: 'name', format: 'text' },
              { key: 'downloads', label: 'downloads', format: 'count', unit: 'downloads in the window' },
              { key: 'source', label: 'source', format: 'text' },
            ],
            rows: m.rows.map((r) => [r.rank, r.name, r.downloads, r.source]),
            links: m.rows.map((r, i) => ({ row: i, column: 'name', href: viewPath('trend', r.subject) })),
          },
        ],
      },
    ],
  };
}
