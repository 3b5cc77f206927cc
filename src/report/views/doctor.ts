// The doctor view laid out: the summary, one row per check, and the store's rows per table. Pure.
import type { DoctorView } from '../../views/doctor/model.js';
import type { Block, ReportDocument } from '../document.js';

const STATUS = { ok: 'ok', warn: 'warn', fail: 'FAIL', skip: 'skip' } as const;

export function doctorDocument(m: DoctorView): ReportDocument {
  const tables = Object.entries(m.tables);
  const summary: Block[] = [{ kind: 'prose', text: m.summary }];
  return {
    schema: 'kept.report/v1',
    view: 'doctor',
    title: 'kept doctor',
    subtitle: `Store ${m.location}${m.backend ? ` (${m.backend}${m.server ? `, server ${m.server}` : ''})` : ''}`,
    asOf: m.checkedAt,
    sections: [
      { id: 'summary', title: 'Summary', blocks: summary },
      {
        id: 'checks',
        title: 'Checks',
        blocks: [
          {
            kind: 'table',
            id: 'checks',
            caption: 'One line per check (token values are never shown)',
            columns: [
              { key: 'status', label: 'status', format: 'text' },
              { key: 'area', label: 'area', format: 'text' },
              { key: 'check', label: 'check', format: 'text' },
              { key: 'detail', label: 'detail', format: 'text' },
            ],
            rows: m.checks.map((c) => [STATUS[c.status], c.area, c.name, c.detail]),
          },
        ],
      },
      ...(tables.length
        ? [
            {
              id: 'contents',
              title: 'Store contents',
              blocks: [
                {
                  kind: 'table' as const,
                  id: 'tables',
                  caption: 'Rows per table',
                  columns: [
                    { key: 'table', label: 'table', format: 'text' as const },
                    { key: 'rows', label: 'rows', format: 'count' as const },
                  ],
                  rows: tables.map(([t, n]) => [t, n]),
                },
              ],
            },
          ]
        : []),
    ],
  };
}
