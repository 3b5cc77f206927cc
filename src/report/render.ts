// One entry point from a document to text: Markdown, HTML (one self-contained file) or CSV (every
// table in one file with a `table` column, one table, or one file per table). Pure.
import type { ReportDocument } from './document.js';
import { allTables, renderCsv, renderTableCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';

export type DocumentFormat = 'md' | 'html' | 'csv';

/** The document as text; undefined when `table` names no table of it (CSV only). */
export function renderDocument(
  doc: ReportDocument,
  format: DocumentFormat,
  options: { readonly table?: string | undefined } = {},
): string | undefined {
  switch (format) {
    case 'md':
      return renderMarkdown(doc);
    case 'html':
      return renderHtml(doc);
    case 'csv':
      return renderCsv(doc, options.table);
  }
}

/** Every table of the document (chart data included) as its own CSV file, named `<table id>.csv`. */
export function renderCsvFiles(doc: ReportDocument): { readonly name: string; readonly text: string }[] {
  return allTables(doc).map((t) => ({ name: `${t.id}.csv`, text: renderTableCsv(t) }));
}

/** The ids of the document's tables, for help and error hints. */
export function tableIds(doc: ReportDocument): string[] {
  return allTables(doc).map((t) => t.id);
}
