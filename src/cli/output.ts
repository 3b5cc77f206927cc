// How every command that prints a result prints it: --format md|html|json|csv, --json (the short
// form of --format json), --out FILE (or a directory, for one CSV file per table) and --table.
// JSON is the view's model (schema docs/schemas/<view>.schema.json); the other formats render the
// view's document (report/views/).
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError, errorMessage } from '../domain/errors.js';
import type { ReportDocument } from '../report/document.js';
import { renderCsvFiles, renderDocument, tableIds } from '../report/render.js';
import { viewDocument } from '../report/views/index.js';
import type { ViewModel, ViewName } from '../views/registry.js';
import type { CliContext } from './context.js';

export const OUTPUT_FORMATS = ['md', 'html', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface OutputOptions {
  readonly format?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly table?: string;
}

/** Adds the output options to a command; `schema` names its JSON schema file. */
export function addOutputOptions(cmd: Command, schema: string): Command {
  return cmd
    .option(
      '--format <format>',
      `md (Markdown, default), html (one self-contained file with SVG charts), json (data: docs/schemas/${schema}.schema.json), csv (every table, with a "table" column; one file per table when --out is a directory)`,
    )
    .option('--json', 'the same as --format json')
    .option('--out <path>', 'write to this file instead of stdout (with --format csv, a directory: one file per table)')
    .option('--table <id>', 'with --format csv: only this table');
}

export function parseOutputFormat(opts: OutputOptions): OutputFormat {
  if (opts.json) {
    if (opts.format !== undefined && opts.format.toLowerCase() !== 'json')
      throw new UsageError(`--json and --format ${opts.format} contradict each other`, {
        hint: '--json is --format json; pass one of them',
      });
    return 'json';
  }
  const f = (opts.format ?? 'md').toLowerCase();
  if (f === 'markdown') return 'md';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(f))
    throw new UsageError(`--format ${opts.format ?? ''} is not an output format`, {
      hint: `use one of ${OUTPUT_FORMATS.join(', ')}`,
    });
  return f as OutputFormat;
}

/** Prints (or writes to --out) a view's model in the chosen format. */
export function emitView<K extends ViewName>(ctx: CliContext, name: K, model: ViewModel<K>, opts: OutputOptions): void {
  emitOutput(ctx, model, () => viewDocument(name, model), opts);
}

/**
 * Prints `data` as JSON, or its document (made only when needed) as Markdown, HTML or CSV. For
 * results that are not a registered view (a collect run, an import) as much as for views.
 */
export function emitOutput(ctx: CliContext, data: unknown, document: () => ReportDocument, opts: OutputOptions): void {
  const format = parseOutputFormat(opts);
  if (opts.table !== undefined && format !== 'csv') throw new UsageError('--table only applies to --format csv');
  if (format === 'json') {
    write(ctx, opts.out, `${JSON.stringify(data, null, 2)}\n`, format);
    return;
  }
  const doc = document();
  if (format === 'csv' && opts.out !== undefined && opts.table === undefined && isDirectoryTarget(ctx, opts.out)) {
    const dir = resolve(ctx.cwd, opts.out);
    try {
      mkdirSync(dir, { recursive: true });
      for (const f of renderCsvFiles(doc)) writeFileSync(join(dir, f.name), f.text);
    } catch (err) {
      throw new InputError(`cannot write CSV files into ${dir}: ${errorMessage(err)}`, {
        hint: 'pass --out with a writable directory',
        cause: err,
      });
    }
    ctx.info(`wrote ${renderCsvFiles(doc).length} CSV file(s) into ${dir}`);
    return;
  }
  const text = renderDocument(doc, format, { table: opts.table });
  if (text === undefined)
    throw new UsageError(`no table "${opts.table ?? ''}" in this report`, {
      hint: `tables: ${tableIds(doc).join(', ')}`,
    });
  write(ctx, opts.out, text, format);
}

/** An --out that is an existing directory, or a path ending in a separator. */
function isDirectoryTarget(ctx: CliContext, out: string): boolean {
  if (out.endsWith('/') || out.endsWith('\\')) return true;
  try {
    return statSync(resolve(ctx.cwd, out)).isDirectory();
  } catch {
    return false;
  }
}

function write(ctx: CliContext, out: string | undefined, text: string, format: OutputFormat): void {
  if (out === undefined) {
    ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const path = resolve(ctx.cwd, out);
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
