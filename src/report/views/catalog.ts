// The catalog view laid out: one row per project with its artifacts; on the dashboard each id
// links to the project's page. Pure.
import type { CatalogView } from '../../views/catalog/model.js';
import type { ReportDocument } from '../document.js';

export function catalogDocument(m: CatalogView): ReportDocument {
  return {
    schema: 'kept.report/v1',
    view: 'catalog',
    title: `kept catalog ${m.version}${m.config ? ` + ${m.config}` : ''}: ${m.projects.length} projects`,
    subtitle: 'Every project kept measures, and the artifacts it is measured through',
    asOf: m.asOf,
    sections: [
      {
        id: 'projects',
        title: 'Projects',
        blocks: [
          {
            kind: 'table',
            id: 'projects',
            caption: 'Every project and the artifacts it is measured through',
            columns: [
              { key: 'id', label: 'id', format: 'text' },
              { key: 'name', label: 'name', format: 'text' },
              { key: 'category', label: 'category', format: 'text' },
              { key: 'artifacts', label: 'artifacts', format: 'text' },
            ],
            rows: m.projects.map((p) => [
              p.id,
              p.name,
              p.category,
              p.artifacts.map((a) => (p.clients?.includes(a) ? `${a} (client)` : a)).join(', '),
            ]),
            links: m.projects.map((p, i) => ({ row: i, column: 'id', href: `/project/${encodeURIComponent(p.id)}` })),
          },
        ],
      },
    ],
  };
}
