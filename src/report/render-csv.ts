// CSV renderer: every table of a document (chart data included), raw values (counts as integers,
// percentages as fractions), RFC 4180 quoting. Pure.
import { chartTable, type ReportDocument, type TableBlock } from './document.js';

function field(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  // A leading =,+,-,@ makes spreadsheets evaluate the cell: prefix a quote (OWASP CSV injection).
  const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One table as CSV: a header row (labels with units) and raw rows. */
export function renderTableCsv(t: TableBlock): string {
  const head = t.columns.map((c) => field(c.unit ? `${c.label} (${c.unit})` : c.label)).join(',');
  return [head, ...t.rows.map((r) => t.columns.map((_, i) => field(r[i] ?? null)).join(','))].join('\r\n') + '\r\n';
}

/** Every table in the document, chart data tables included, in document order. */
export function allTables(doc: ReportDocument): TableBlock[] {
  const out: TableBlock[] = [];
  for (const s of doc.sections) {
    for (const b of s.blocks) {
      if (b.kind === 'table') out.push(b);
      if (b.kind === 'chart') out.push(chartTable(b.id, b.chart));
    }
  }
  return out;
}

/**
 * The document as CSV. With `tableId`, that one table; otherwise every table, each as a block
 * whose first column names the table, blocks separated by an empty line.
 */
export function renderCsv(doc: ReportDocument, tableId?: string): string | undefined {
  const tables = allTables(doc);
  if (tableId !== undefined) {
    const t = tables.find((x) => x.id === tableId);
    return t ? renderTableCsv(t) : undefined;
  }
  return tables
    .map((t) => {
      const head = ['table', ...t.columns.map((c) => (c.unit ? `${c.label} (${c.unit})` : c.label))]
        .map(field)
        .join(',');
      return (
        [head, ...t.rows.map((r) => [t.id, ...t.columns.map((_, i) => r[i] ?? null)].map(field).join(','))].join(
          '\r\n',
        ) + '\r\n'
      );
    })
    .join('\r\n');
}
