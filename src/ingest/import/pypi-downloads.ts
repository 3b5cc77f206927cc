// `kept import pypi-logs FILE` and `kept import pypi-bigquery FILE`: per-download records (PyPI CDN
// log lines, or a BigQuery file_downloads export) streamed into daily counts per project, split
// raw / human / ci / mirror / bot, and written in one transaction. Memory is bounded by the number
// of distinct project-days and their breakdowns, not by the file's length.
import { resolve } from 'node:path';
import { InputError } from '../../domain/errors.js';
import { METRICS } from '../../domain/metrics.js';
import type { PypiDownloadsImportSummary } from '../../domain/imports.js';
import type { BatchResult } from '../../domain/observation.js';
import { DAY_MS } from '../../domain/time.js';
import { readLineBatches } from '../../files/read-lines.js';
import {
  BigQueryCsvReader,
  readBigQueryJsonLine,
  readBigQueryObject,
  type BigQueryRow,
} from '../../files/pypi-bigquery.js';
import { EARLIEST_DATE, badValueError, dateProblem, latestDate } from '../../files/values.js';
import { readParquetRowGroups } from '../../files/read-parquet.js';
import { DailyDownloadCounts } from '../../files/pypi-daily-counts.js';
import { countLinehaulFile } from '../../files/linehaul/count-file.js';
import type { Store } from '../../store/store.js';

export const PYPI_LOGS_SOURCE = 'pypi-linehaul';
export const PYPI_BIGQUERY_SOURCE = 'pypi-bigquery';

export interface PypiDownloadsImportOptions {
  readonly fetchedAt: Date;
  /** Parse and count only; nothing is written (the benchmark and `--dry-run`). */
  readonly dryRun?: boolean;
  /** Worker threads parsing a CDN log (0: inline); default by file size (countLinehaulFile). */
  readonly workers?: number;
}

export async function importPypiLogs(
  store: Store | undefined,
  file: string,
  options: PypiDownloadsImportOptions,
): Promise<PypiDownloadsImportSummary> {
  const path = resolve(file);
  const { stats: s, counts } = await countLinehaulFile(
    path,
    options.workers === undefined ? {} : { workers: options.workers },
  );
  if (s.lines === 0)
    throw new InputError(`${path}: the file is empty`, {
      hint: 'expected PyPI CDN log lines (linehaul format, plain or .gz); nothing was imported',
    });
  if (s.lines > 0 && s.downloads === 0 && s.simple === 0) {
    throw new InputError(
      `${path}: no line is a PyPI CDN log line (first problem at line ${s.firstMalformedLine ?? 1}: ${[...s.malformedReasons.keys()][0] ?? 'unknown'})`,
      {
        hint: 'expected linehaul lines: download|<time>|<country>|<url>|<tls>|<cipher>|<project>|<version>|<type>|<user agent>',
      },
    );
  }
  const skipReasons = Object.fromEntries(s.malformedReasons);
  if (counts.invalidProjects) skipReasons['invalid project name'] = counts.invalidProjects;
  const result = await writeCounts(store, counts, PYPI_LOGS_SOURCE, path, options);
  return {
    ...result,
    format: 'linehaul',
    lines: s.lines,
    downloads: counts.total,
    skipped: s.malformed + counts.invalidProjects,
    skipReasons,
    byCategory: { ...counts.byCategory },
    days: counts.days(),
    projectDays: counts.projectDays,
    indexRequests: s.simple,
  };
}

export async function importPypiBigQuery(
  store: Store | undefined,
  file: string,
  options: PypiDownloadsImportOptions,
): Promise<PypiDownloadsImportSummary> {
  const path = resolve(file);
  const counts = new DailyDownloadCounts();
  const reasons = new Map<string, number>();
  let csv: BigQueryCsvReader | undefined;
  let format: 'csv' | 'jsonl' | 'parquet' | undefined;
  let lines = 0;
  let skipped = 0;
  let lineNo = 0;
  const latest = latestDate(options.fetchedAt);
  const take = (r: BigQueryRow, where: number | string): void => {
    if (typeof r === 'string') {
      skipped++;
      reasons.set(r, (reasons.get(r) ?? 0) + 1);
      return;
    }
    if ('refuse' in r) throw badValueError(path, where, r.refuse);
    const late = r.day > latest || r.day < EARLIEST_DATE ? dateProblem(r.day, options.fetchedAt) : undefined;
    if (late) throw badValueError(path, where, late, 'day');
    counts.add(r);
  };
  if (/\.parquet$/i.test(path)) {
    format = 'parquet';
    for await (const rows of readParquetRowGroups(path)) {
      for (const row of rows) {
        lines++;
        take(readBigQueryObject(row), `row ${lines}`);
      }
    }
  }
  for await (const batch of format === 'parquet' ? [] : readLineBatches(path)) {
    for (const line of batch) {
      lineNo++;
      if (line.trim().length === 0) continue;
      if (format === undefined) {
        if (line.trimStart().startsWith('{')) format = 'jsonl';
        else {
          format = 'csv';
          csv = new BigQueryCsvReader(line, path);
          continue;
        }
      }
      lines++;
      take(format === 'jsonl' ? readBigQueryJsonLine(line) : csv!.read(line), lineNo);
    }
  }
  if (format === undefined)
    throw new InputError(`${path}: the file is empty`, {
      hint: 'export file_downloads from BigQuery as CSV, newline-delimited JSON or Parquet',
    });
  if (lines > 0 && skipped === lines) {
    throw new InputError(`${path}: no row could be read (${[...reasons.keys()][0] ?? 'unknown'})`, {
      hint: 'check the export: one row per download or per day/project with a count column',
    });
  }
  const skipReasons = Object.fromEntries(reasons);
  if (counts.invalidProjects) skipReasons['invalid project name'] = counts.invalidProjects;
  const result = await writeCounts(store, counts, PYPI_BIGQUERY_SOURCE, path, options);
  return {
    ...result,
    format: `bigquery-${format}`,
    lines,
    downloads: counts.total,
    skipped: skipped + counts.invalidProjects,
    skipReasons,
    byCategory: { ...counts.byCategory },
    days: counts.days(),
    projectDays: counts.projectDays,
    indexRequests: 0,
  };
}

/**
 * Daily counts are keyed by (project, day, source): a second file with part of the same day (CDN
 * logs come in per-minute files) would collide with the first and be dropped as a duplicate. So
 * that is refused, naming the earlier file, instead of silently undercounting.
 */
async function writeCounts(
  store: Store | undefined,
  counts: DailyDownloadCounts,
  source: string,
  origin: string,
  options: PypiDownloadsImportOptions,
): Promise<BatchResult> {
  const observations = counts.observations();
  if (!store || options.dryRun || observations.length === 0)
    return { batchId: 0, offered: observations.length, added: 0 };
  const days = counts.days();
  const first = new Date(`${days[0]}T00:00:00Z`);
  const last = new Date(`${days[days.length - 1]}T00:00:00Z`);
  const stored = await store.observations({
    sources: [source],
    metrics: [METRICS.downloads],
    dims: '',
    windowDays: 1,
    from: new Date(first.getTime() + DAY_MS),
    to: new Date(last.getTime() + DAY_MS),
  });
  const daySet = new Set(days);
  const clash = stored.find((o) => o.origin !== origin && daySet.has(o.windowStart.toISOString().slice(0, 10)));
  if (clash) {
    throw new InputError(
      `${origin}: ${clash.windowStart.toISOString().slice(0, 10)} is already stored from ${clash.origin}; daily counts from two files of the same day would not add up`,
      {
        hint: "import all of a day's files at once (gzip files concatenate: cat a.log.gz b.log.gz > day.log.gz); nothing was imported",
      },
    );
  }
  return store.write({ provenance: { source, origin, fetchedAt: options.fetchedAt }, observations });
}
