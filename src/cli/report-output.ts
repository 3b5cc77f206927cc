// Writes a report document in the format the user chose, to stdout or to --out FILE.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, UsageError, errorMessage } from '../domain/errors.js';
import type { ReportDocument } from '../report/document.js';
import { allTables, renderCsv } from '../report/render-csv.js';
import { renderHtml } from '../report/render-html.js';
import { renderJson } from '../report/render-json.js';
import { renderMarkdown } from '../report/render-markdown.js';
import type { CliContext } from './context.js';

export const REPORT_FORMATS = ['md', 'html', 'json', 'csv', 'data'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const FORMAT_HELP =
  'md (Markdown, default), html (one self-contained file with SVG charts), json (the report document, docs/schemas/report.schema.json), csv (every table; pick one with --table), data (the underlying data model, as --json)';

export interface ReportOutputOptions {
  readonly format?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly table?: string;
}

export function parseFormat(opts: ReportOutputOptions): ReportFormat {
  if (opts.json) {
    if (opts.format && opts.format !== 'data')
      throw new UsageError(`--json and --format ${opts.format} contradict each other`, {
        hint: '--json is --format data; pass one of them',
      });
    return 'data';
  }
  const f = (opts.format ?? 'md').toLowerCase();
  if (f === 'markdown') return 'md';
  if (!(REPORT_FORMATS as readonly string[]).includes(f))
    throw new UsageError(`--format ${opts.format ?? ''} is not a report format`, {
      hint: `use one of ${REPORT_FORMATS.join(', ')}`,
    });
  return f as ReportFormat;
}

/** Renders `doc` (or `data` for --format data) and prints it or writes it to --out. */
export function emitReport(ctx: CliContext, doc: ReportDocument, data: unknown, opts: ReportOutputOptions): void {
  const format = parseFormat(opts);
  let text: string;
  switch (format) {
    case 'md':
      text = renderMarkdown(doc);
      break;
    case 'html':
      text = renderHtml(doc);
      break;
    case 'json':
      text = renderJson(doc);
      break;
    case 'data':
      text = `${JSON.stringify(data, null, 2)}\n`;
      break;
    case 'csv': {
      const csv = renderCsv(doc, opts.table);
      if (csv === undefined)
        throw new UsageError(`no table "${opts.table ?? ''}" in this report`, {
          hint: `tables: ${allTables(doc)
            .map((t) => t.id)
            .join(', ')}`,
        });
      text = csv;
      break;
    }
  }
  if (opts.table !== undefined && format !== 'csv') throw new UsageError('--table only applies to --format csv');
  if (!opts.out) {
    ctx.stdout.write(text);
    return;
  }
  const path = resolve(ctx.cwd, opts.out);
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw new InputError(`cannot write ${path}: ${errorMessage(err)}`, {
      hint: 'pass --out with a path in an existing, writable directory',
      cause: err,
    });
  }
  ctx.info(`wrote ${path} (${format}, ${Buffer.byteLength(text)} bytes)`);
}
