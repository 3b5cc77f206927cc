// The top-pypi-packages formats (hugovk/top-pypi-packages): the JSON snapshot
// `{last_update, rows:[{download_count, project}]}`, its two-column CSV `download_count,project`,
// and the multi-snapshot CSV `snapshot_date,window_days,project,downloads,source` built from the
// repository's history (../shared/data/pypi-top-monthly.csv.gz). Pure.
import { InputError, errorMessage } from '../domain/errors.js';
import { METRICS } from '../domain/metrics.js';
import type { Observation } from '../domain/observation.js';
import { normalizeSubjectId } from '../domain/subject.js';
import { addDays, isoDate, parseIsoDate } from '../domain/time.js';
import { EARLIEST_DATE, badValueError, countProblem, dateProblem, latestDate, nameProblem } from './values.js';
import type { BulkLoadPlan } from '../domain/bulk-plan.js';

export const PYPI_TOP_SOURCE = 'top-pypi-packages';
/** The published snapshots count the last 30 days of downloads (mirrors included, CI not separated). */
export const PYPI_TOP_WINDOW_DAYS = 30;

export type PypiTopFormat = 'json' | 'csv-two-column' | 'csv-monthly';

export const MONTHLY_COLUMNS = ['snapshot_date', 'window_days', 'project', 'downloads', 'source'] as const;
export const TWO_COLUMN_COLUMNS = ['download_count', 'project'] as const;

/** Decides the format from the file's first bytes; an unknown header is an InputError that lists the accepted ones. */
export function detectPypiTopFormat(head: string, path: string): PypiTopFormat {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text === '')
    throw new InputError(`${path}: the file is empty`, {
      hint: `expected a CSV with columns "${MONTHLY_COLUMNS.join(',')}" or "${TWO_COLUMN_COLUMNS.join(',')}", or the top-pypi-packages JSON`,
    });
  if (text.startsWith('{')) return 'json';
  const header = (text.split(/\r?\n/, 1)[0] ?? '').split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  if (sameColumns(header, MONTHLY_COLUMNS)) return 'csv-monthly';
  if (sameColumns(header, TWO_COLUMN_COLUMNS)) return 'csv-two-column';
  throw new InputError(`${path}: unexpected columns "${header.join(',')}"`, {
    hint: `expected a CSV with columns "${MONTHLY_COLUMNS.join(',')}" or "${TWO_COLUMN_COLUMNS.join(',')}", or the top-pypi-packages JSON`,
  });
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

/** A PyPI project name as PyPI accepts it (PEP 508), for the store engine's regular expression. */
const PYPI_NAME_RE = '[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?';

/**
 * The bulk-load plan for the multi-snapshot CSV: DuckDB (or ClickHouse) parses it itself and
 * refuses the file at the first name, count, window or date that cannot be (dates up to the day
 * after `fetchedAt`, when given).
 */
export function monthlyCsvPlan(path: string, gzip: boolean, fetchedAt?: Date): BulkLoadPlan {
  return {
    path,
    compression: gzip ? 'gzip' : 'none',
    delimiter: ',',
    columns: [
      { name: 'snapshot_date', type: 'date' },
      { name: 'window_days', type: 'integer' },
      { name: 'project', type: 'varchar' },
      { name: 'downloads', type: 'bigint' },
      { name: 'source', type: 'varchar' },
    ],
    required: ['snapshot_date', 'window_days', 'project', 'downloads'],
    matches: [{ column: 'project', regex: PYPI_NAME_RE, what: 'a valid PyPI project name' }],
    ranges: [
      { column: 'downloads', min: 0, what: 'a download count (a whole number ≥ 0)' },
      { column: 'window_days', min: 1, max: 366, what: 'a window of 1 to 366 days' },
      {
        column: 'snapshot_date',
        min: EARLIEST_DATE,
        ...(fetchedAt ? { max: latestDate(fetchedAt) } : {}),
        what: `a date from ${EARLIEST_DATE}${fetchedAt ? ` to ${latestDate(fetchedAt)}` : ''}`,
      },
    ],
    observation: {
      subjectKind: 'pypi',
      subjectId: { pep503: { col: 'project' } },
      metric: METRICS.downloads,
      value: { col: 'downloads' },
      windowStart: { daysBefore: { col: 'snapshot_date' }, days: { col: 'window_days' } },
      windowEnd: { asTimestamp: { col: 'snapshot_date' } },
      observedAt: { asTimestamp: { col: 'snapshot_date' } },
      origin: { concat: [{ lit: `${path} (queried from ` }, { col: 'source' }, { lit: ')' }] },
    },
  };
}

export interface ParsedSnapshot {
  readonly snapshotDate: Date;
  readonly observations: Observation[];
  readonly skipped: number;
}

/** One row of a single snapshot as an observation; a row that cannot be is refused with its place. */
function snapshotObservation(
  path: string,
  where: number | string,
  project: string,
  downloads: number,
  at: Date,
): Observation {
  const id = normalizeSubjectId('pypi', project);
  if (id === undefined)
    throw badValueError(path, where, nameProblem('pypi', project) ?? 'not a PyPI project name', 'project');
  const bad = countProblem(downloads);
  if (bad) throw badValueError(path, where, bad, `download count of ${project}:`);
  return {
    subject: { kind: 'pypi', id },
    metric: METRICS.downloads,
    value: downloads,
    windowStart: addDays(at, -PYPI_TOP_WINDOW_DAYS),
    windowEnd: at,
    observedAt: at,
  };
}

/** A snapshot date outside what an import at `fetchedAt` may hold is refused. */
function checkSnapshotDate(path: string, at: Date, fetchedAt: Date | undefined): void {
  const problem = fetchedAt ? dateProblem(isoDate(at), fetchedAt) : undefined;
  if (problem)
    throw new InputError(`${path}: the snapshot date ${problem}`, {
      hint: 'check the file (or --at); nothing was imported',
    });
}

/** The JSON snapshot; its `last_update` (e.g. "2026-04-01 07:04:02") dates the window unless `at` is given. */
export function parsePypiTopJson(text: string, path: string, at: Date | undefined, fetchedAt?: Date): ParsedSnapshot {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${path}: malformed JSON (${errorMessage(err)})`, {
      hint: 'download the file again or check that it is the top-pypi-packages JSON',
      cause: err,
    });
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { rows?: unknown }).rows)) {
    throw new InputError(`${path}: JSON without a "rows" array`, {
      hint: 'expected {"last_update": …, "rows": [{"download_count": n, "project": name}]}',
    });
  }
  const d = doc as { last_update?: unknown; rows: unknown[] };
  const dated = at ?? (typeof d.last_update === 'string' ? parseIsoDate(d.last_update.slice(0, 10)) : undefined);
  if (!dated)
    throw new InputError(`${path}: no "last_update" date in the file`, {
      hint: 'pass --at YYYY-MM-DD with the snapshot date',
    });
  checkSnapshotDate(path, dated, fetchedAt);
  const observations: Observation[] = [];
  for (const [i, row] of d.rows.entries()) {
    const r = row as { project?: unknown; download_count?: unknown } | null;
    if (typeof r?.project !== 'string' || typeof r.download_count !== 'number')
      throw badValueError(path, `row ${i + 1} of "rows"`, 'is not {"download_count": number, "project": name}');
    observations.push(snapshotObservation(path, `row ${i + 1} of "rows"`, r.project, r.download_count, dated));
  }
  return { snapshotDate: dated, observations, skipped: 0 };
}

/** The two-column CSV has no date of its own: `at` is required. */
export function parsePypiTopTwoColumnCsv(
  text: string,
  path: string,
  at: Date | undefined,
  fetchedAt?: Date,
): ParsedSnapshot {
  if (!at)
    throw new InputError(`${path}: this CSV has no snapshot date`, {
      hint: 'pass --at YYYY-MM-DD with the date the snapshot was taken',
    });
  checkSnapshotDate(path, at, fetchedAt);
  const lines = text.split(/\r?\n/);
  const observations: Observation[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const [count, project, ...rest] = line.split(',');
    const n = Number(count);
    if (rest.length > 0 || project === undefined || count === undefined || count.trim() === '' || !Number.isFinite(n)) {
      throw new InputError(`${path}: line ${i + 1}: expected "download_count,project", got "${line.slice(0, 80)}"`, {
        hint: 'fix that line; nothing was imported',
      });
    }
    observations.push(snapshotObservation(path, i + 1, project.trim().replace(/^"|"$/g, ''), n, at));
  }
  return { snapshotDate: at, observations, skipped: 0 };
}
