// The growth view laid out: one table of consecutive snapshot pairs per subject (a subject without
// two snapshots is one row of unknowns), and the view's notes. Pure.
import type { GrowthView } from '../../views/growth/model.js';
import type { Cell, ReportDocument } from '../document.js';

export function growthDocument(m: GrowthView): ReportDocument {
  const rows: Cell[][] = m.subjects.flatMap((s) =>
    s.pairs.length === 0
      ? [[s.subject, null, null, null, null, null, null, null, s.sources.join(', ')]]
      : s.pairs.map((p): Cell[] => [
          s.subject,
          p.from,
          p.to,
          p.fromValue,
          p.toValue,
          p.growth,
          p.monthlyRate,
          p.months,
          s.sources.join(', '),
        ]),
  );
  const last = m.subjects.flatMap((s) => s.pairs.map((p) => p.to)).sort();
  return {
    schema: 'kept.report/v1',
    view: 'growth',
    title: 'Growth between 30-day download snapshots',
    subtitle: m.subjects.map((s) => s.subject).join(' · '),
    asOf: last[last.length - 1] ?? '',
    sections: [
      {
        id: 'growth',
        title: 'Growth',
        blocks: [
          {
            kind: 'table',
            id: 'growth',
            caption: 'Consecutive 30-day snapshots of each subject, oldest first',
            columns: [
              { key: 'subject', label: 'subject', format: 'text' },
              { key: 'from', label: 'from (30 d to)', format: 'date' },
              { key: 'to', label: 'to (30 d to)', format: 'date' },
              { key: 'from_downloads', label: 'downloads from', format: 'count', unit: 'downloads / 30 days' },
              { key: 'to_downloads', label: 'downloads to', format: 'count', unit: 'downloads / 30 days' },
              { key: 'growth', label: 'growth', format: 'percent' },
              { key: 'monthly_rate', label: 'per month', format: 'percent', unit: 'compounded over the gap' },
              { key: 'months', label: 'months apart', format: 'decimal', unit: 'months of 30.44 days' },
              { key: 'source', label: 'source', format: 'text' },
            ],
            rows,
          },
          ...m.notes.map((text) => ({ kind: 'note' as const, tone: 'info' as const, text })),
        ],
      },
    ],
  };
}
