// Rows of a user's export of `bigquery-public-data.pypi.file_downloads` (api-sources.md §3):
// either raw rows (one download each) or an aggregate with a count column, as CSV (flattened
// column names, with `.` or `_`: `file.project`, `details_installer_name`…) or JSONL (BigQuery's
// nested JSON export: {"timestamp":…,"file":{"project":…},"details":{"installer":{"name":…},"ci":…}}).
// No I/O: the import feeds lines in.
import { InputError } from '../domain/errors.js';
import { classifyDownload } from '../domain/downloads.js';
import type { DownloadRecord } from './pypi-daily-counts.js';
import { countProblem } from './values.js';

type Field = 'day' | 'project' | 'version' | 'installer' | 'ci' | 'country' | 'count';

/** Accepted column names per field, compared after lower-casing and turning `.` into `_`. */
const ALIASES: Readonly<Record<Field, readonly string[]>> = {
  day: ['day', 'date', 'download_date', 'timestamp', 'date_timestamp'],
  project: ['file_project', 'project', 'package', 'project_name'],
  version: ['file_version', 'version'],
  installer: ['details_installer_name', 'installer_name', 'installer'],
  ci: ['details_ci', 'ci'],
  country: ['country_code', 'country'],
  count: ['count', 'downloads', 'num_downloads', 'download_count', 'n', 'f0_'],
};

export const BIGQUERY_COLUMNS_HINT =
  'needs a day (day, date or timestamp) and a project (file.project or project) column; optional: file.version, details.installer.name, details.ci, country_code, and a count column (count, downloads, num_downloads) for aggregated exports';

/** Splits one CSV line (RFC 4180 quoting; no embedded newlines, which BigQuery never writes in these columns). */
export function splitCsvLine(line: string): string[] | undefined {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return undefined;
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      if (i < line.length && line[i] !== ',') return undefined;
      i++;
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

function day(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(v.trim());
  return m?.[1];
}

function flag(v: unknown): boolean | null {
  if (v === true || v === false) return v;
  if (typeof v !== 'string') return null;
  const t = v.trim().toLowerCase();
  return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : null;
}

function text(v: unknown): string | null {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t === '' || t === 'null' || t === 'NULL' ? null : t;
}

/** A row whose value cannot be (a negative count): the import refuses the file at its line. */
export interface RefusedRow {
  readonly refuse: string;
}

/** A row as a record, a reason to skip it (a row the export could not have meant), or a refusal. */
export type BigQueryRow = DownloadRecord | string | RefusedRow;

function toRecord(f: Partial<Record<Field, unknown>>): BigQueryRow {
  const d = day(typeof f.day === 'string' ? f.day : undefined);
  if (!d) return 'no valid day';
  const project = text(f.project);
  if (!project) return 'no project';
  let count = 1;
  if (f.count !== undefined) {
    count = Number(f.count);
    const problem = countProblem(count);
    if (problem) return { refuse: `count ${problem}` };
  }
  const installer = text(f.installer);
  const ci = flag(f.ci);
  // BigQuery rows exist only for user agents linehaul did not ignore: an unknown installer is
  // an unrecognised UA, never a bot.
  const category = classifyDownload({ installer, ci, agent: installer === null ? 'unknown' : 'parsed' });
  return { day: d, project, version: text(f.version), country: text(f.country), installer, category, count };
}

/** A CSV export: the header maps columns; each line becomes a record or a reason it could not. */
export class BigQueryCsvReader {
  private readonly index: Partial<Record<Field, number>> = {};
  constructor(header: string, path: string) {
    const cols = (splitCsvLine(header.replace(/^\uFEFF/, '')) ?? []).map((c) =>
      c.trim().toLowerCase().replace(/\./g, '_'),
    );
    for (const [field, names] of Object.entries(ALIASES) as [Field, readonly string[]][]) {
      for (const n of names) {
        const i = cols.indexOf(n);
        if (i >= 0) {
          this.index[field] = i;
          break;
        }
      }
    }
    if (this.index.day === undefined || this.index.project === undefined) {
      throw new InputError(`${path}: not a PyPI BigQuery export: header is ${JSON.stringify(header.slice(0, 200))}`, {
        hint: BIGQUERY_COLUMNS_HINT,
      });
    }
  }

  get hasCount(): boolean {
    return this.index.count !== undefined;
  }

  read(line: string): BigQueryRow {
    const cells = splitCsvLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (!cells) return 'unbalanced quotes';
    const f: Partial<Record<Field, unknown>> = {};
    for (const [field, i] of Object.entries(this.index) as [Field, number][]) f[field] = cells[i];
    return toRecord(f);
  }
}

/** One line of BigQuery's newline-delimited JSON export (nested or flattened names). */
export function readBigQueryJsonLine(line: string): BigQueryRow {
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  return readBigQueryObject(doc);
}

/** One row as an object: a JSONL line or a Parquet row (BigQuery keeps the structs nested in both). */
export function readBigQueryObject(doc: unknown): BigQueryRow {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return 'not a JSON object';
  const o = doc as Record<string, unknown>;
  const at = (path: string): unknown => {
    if (path in o) return o[path];
    let cur: unknown = o;
    for (const part of path.split('.')) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[part];
    }
    return cur;
  };
  const first = (...paths: string[]): unknown => paths.map(at).find((v) => v !== undefined && v !== null);
  const f: Partial<Record<Field, unknown>> = {
    day: first('day', 'date', 'download_date', 'timestamp'),
    project: first('file.project', 'project'),
    version: first('file.version', 'version'),
    installer: first('details.installer.name', 'installer_name', 'installer'),
    ci: first('details.ci', 'ci'),
    country: first('country_code', 'country'),
  };
  const count = first('count', 'downloads', 'num_downloads');
  if (count !== undefined) f.count = typeof count === 'bigint' ? Number(count) : count;
  // Parquet gives dates and timestamps as Date objects; JSON epoch seconds as numbers.
  if (f.day instanceof Date) f.day = Number.isNaN(f.day.getTime()) ? undefined : f.day.toISOString();
  else if (typeof f.day === 'number') {
    // Epoch seconds outside what a Date holds (or NaN) are no day, not an exception.
    const t = new Date(f.day * 1000);
    f.day = Number.isNaN(t.getTime()) ? undefined : t.toISOString();
  }
  return toRecord(f);
}
