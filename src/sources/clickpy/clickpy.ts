// ClickPy's public ClickHouse (api-sources.md §3, ClickHouse/clickpy scripts/create_tables.sh):
// database `pypi`, SummingMergeTree aggregates of every PyPI download since 2016 by day, version,
// country, installer, system and Python version. Summing tables merge lazily, so every query is
// `sum(count) … GROUP BY`. ClickPy has NO CI column: only the mirror installers can be separated.
import { errorMessage } from '../../domain/errors.js';
import type { Collected } from '../../domain/collected.js';
import { emptyCollected } from '../../domain/collected.js';
import { METRICS } from '../../domain/metrics.js';
import type { Observation } from '../../domain/observation.js';
import type { Subject } from '../../domain/subject.js';
import { DAY_MS, isoDate, parseIsoDate } from '../../domain/time.js';

export const CLICKPY_SOURCE = 'clickpy';
/** The public read-only instance (user `demo`, empty password). */
export const CLICKPY_URL = 'https://sql-clickhouse.clickhouse.com';

/** The one thing this source needs from a ClickHouse client: rows of a read-only query. */
export interface ClickHouseQuerier {
  readonly origin: string;
  queryRows(sql: string): Promise<Record<string, unknown>[]>;
}

export type ClickpyBreakdown = 'version' | 'country' | 'installer' | 'system' | 'python';

/** Breakdown → summing table and the column that becomes the dim. */
const BREAKDOWNS: Readonly<Record<ClickpyBreakdown, { table: string; column: string; dim: string }>> = {
  version: { table: 'pypi_downloads_per_day_by_version', column: 'version', dim: 'version' },
  country: { table: 'pypi_downloads_per_day_by_version_by_country', column: 'country_code', dim: 'country' },
  installer: { table: 'pypi_downloads_per_day_by_version_by_installer_by_type', column: 'installer', dim: 'installer' },
  system: { table: 'pypi_downloads_per_day_by_version_by_system', column: 'system', dim: 'system' },
  python: { table: 'pypi_downloads_per_day_by_version_by_python', column: 'python_minor', dim: 'python_minor' },
};

/** A string literal for ClickHouse SQL (old servers have no query parameters). */
export function chString(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export interface ClickpyOptions {
  readonly from?: Date;
  readonly to?: Date;
  readonly breakdowns?: readonly ClickpyBreakdown[];
  readonly database?: string;
}

function dateWhere(o: ClickpyOptions): string {
  return `${o.from ? ` AND date >= toDate(${chString(isoDate(o.from))})` : ''}${o.to ? ` AND date <= toDate(${chString(isoDate(o.to))})` : ''}`;
}

export function clickpyDailySql(project: string, o: ClickpyOptions = {}): string {
  const db = o.database ?? 'pypi';
  return `SELECT toString(date) AS day, sum(count) AS n FROM ${db}.pypi_downloads_per_day WHERE project = ${chString(project)}${dateWhere(o)} GROUP BY date ORDER BY date`;
}

export function clickpyBreakdownSql(project: string, b: ClickpyBreakdown, o: ClickpyOptions = {}): string {
  const db = o.database ?? 'pypi';
  const t = BREAKDOWNS[b];
  return `SELECT toString(date) AS day, ${t.column} AS key, sum(count) AS n FROM ${db}.${t.table} WHERE project = ${chString(project)}${dateWhere(o)} GROUP BY date, ${t.column} ORDER BY date, ${t.column}`;
}

function rowsToObservations(
  subject: Subject,
  rows: Record<string, unknown>[],
  observedAt: Date,
  origin: string,
  dim?: string,
): { observations: Observation[]; bad: number } {
  const out: Observation[] = [];
  let bad = 0;
  for (const r of rows) {
    const day = typeof r.day === 'string' ? parseIsoDate(r.day) : undefined;
    const n = Number(r.n); // 64-bit sums arrive as JSON strings
    if (!day || !Number.isFinite(n)) {
      bad++;
      continue;
    }
    const key = dim ? String(r.key ?? '') || 'unknown' : undefined;
    out.push({
      subject,
      metric: METRICS.downloads,
      value: n,
      windowStart: day,
      windowEnd: new Date(day.getTime() + DAY_MS),
      observedAt,
      origin,
      ...(dim && key ? { dims: { [dim]: key } } : {}),
    });
  }
  return { observations: out, bad };
}

export async function fetchClickpy(
  q: ClickHouseQuerier,
  subject: Subject,
  observedAt: Date,
  options: ClickpyOptions = {},
): Promise<Collected> {
  const c = emptyCollected();
  const origin = `${q.origin} ${options.database ?? 'pypi'}`;
  try {
    const daily = rowsToObservations(
      subject,
      await q.queryRows(clickpyDailySql(subject.id, options)),
      observedAt,
      `${origin}.pypi_downloads_per_day`,
    );
    if (daily.observations.length === 0) {
      c.unknowns.push({
        subject,
        metric: 'clickpy.downloads',
        reason: `ClickPy has no downloads for ${subject.id}${options.from || options.to ? ' in the requested dates' : ''} (unknown project, or not yet loaded)`,
      });
      return c;
    }
    c.observations.push(...daily.observations);
    if (daily.bad)
      c.unknowns.push({ subject, metric: 'clickpy.downloads', reason: `${daily.bad} malformed rows skipped` });
  } catch (err) {
    c.unknowns.push({
      subject,
      metric: 'clickpy.downloads',
      reason: `ClickPy query failed: ${errorMessage(err).split('\n')[0]}`,
    });
    return c;
  }
  for (const b of options.breakdowns ?? (['version', 'country', 'installer', 'system', 'python'] as const)) {
    const t = BREAKDOWNS[b];
    try {
      const r = rowsToObservations(
        subject,
        await q.queryRows(clickpyBreakdownSql(subject.id, b, options)),
        observedAt,
        `${origin}.${t.table}`,
        t.dim,
      );
      c.observations.push(...r.observations);
      if (r.bad)
        c.unknowns.push({ subject, metric: `clickpy.downloads.${b}`, reason: `${r.bad} malformed rows skipped` });
    } catch (err) {
      c.unknowns.push({
        subject,
        metric: `clickpy.downloads.${b}`,
        reason: `ClickPy ${t.table} failed: ${errorMessage(err).split('\n')[0]}`,
      });
    }
  }
  c.unknowns.push({
    subject,
    metric: 'downloads.ci',
    reason: 'ClickPy has no CI column: CI cannot be separated from its counts (mirrors can, by installer)',
  });
  return c;
}
