// npm download counts API (api-sources.md §4, npm/registry docs/download-counts.md): daily ranges
// of at most 18 months per single-package call (chunked to cover more, never before 2015-01-10),
// bulk calls of up to 128 UNSCOPED names and 365 days, and per-version counts of the last week.
// npm counts every tarball 200 (CI, mirrors, bots included) and has no CI flag: nothing to split.
import { errorMessage } from '../../domain/errors.js';
import type { Collected } from '../../domain/collected.js';
import { emptyCollected } from '../../domain/collected.js';
import { METRICS } from '../../domain/metrics.js';
import type { Observation } from '../../domain/observation.js';
import type { Subject } from '../../domain/subject.js';
import { DAY_MS, addDays, isoDate, parseIsoDate, utcDay } from '../../domain/time.js';
import type { HttpClient } from '../../http/http-client.js';
import { getJsonOrMissing } from '../../http/json-or-missing.js';

export const NPM_DOWNLOADS_SOURCE = 'npm-downloads';
export const NPM_DOWNLOADS_BASE_URL = 'https://api.npmjs.org';
export const NPM_EARLIEST_DAY = new Date('2015-01-10T00:00:00Z');
/** Days per single-package range call: under the documented 18 months with room to spare. */
export const NPM_RANGE_MAX_DAYS = 540;
export const NPM_BULK_MAX_DAYS = 365;
export const NPM_BULK_MAX_NAMES = 128;

export interface ApiNpmDay {
  readonly day: string;
  readonly downloads: number;
}

export interface ApiNpmRange {
  readonly downloads: readonly ApiNpmDay[];
  readonly start: string;
  readonly end: string;
  readonly package: string;
}

export interface ApiNpmPoint {
  readonly downloads: number;
  readonly start: string;
  readonly end: string;
  readonly package: string;
}

export interface ApiNpmVersions {
  readonly package: string;
  readonly downloads: Readonly<Record<string, number>>;
}

export function isScoped(name: string): boolean {
  return name.startsWith('@');
}

/** Inclusive day ranges of at most `maxDays` covering [from, to], clamped to npm's first day. */
export function rangeChunks(from: Date, to: Date, maxDays: number): { start: Date; end: Date }[] {
  const out: { start: Date; end: Date }[] = [];
  let start = utcDay(from < NPM_EARLIEST_DAY ? NPM_EARLIEST_DAY : from);
  const last = utcDay(to);
  while (start <= last) {
    const end = new Date(Math.min(addDays(start, maxDays - 1).getTime(), last.getTime()));
    out.push({ start, end });
    start = addDays(end, 1);
  }
  return out;
}

export function npmRangeUrl(base: string, names: string | readonly string[], start: Date, end: Date): string {
  const list = typeof names === 'string' ? names : names.join(',');
  // Scoped names keep their slash on this API (`/downloads/range/…/@scope/name`).
  return `${base.replace(/\/+$/, '')}/downloads/range/${isoDate(start)}:${isoDate(end)}/${list}`;
}

export function npmVersionsUrl(base: string, name: string): string {
  // The per-version endpoint needs the scope slash encoded (`@slack%2Fclient`).
  return `${base.replace(/\/+$/, '')}/versions/${name.replace('/', '%2F')}/last-week`;
}

export function normalizeNpmRange(
  subject: Subject,
  body: unknown,
  observedAt: Date,
  origin: string,
): { observations: Observation[]; error?: string } {
  const b = body as Partial<ApiNpmRange> | null;
  if (b === null || typeof b !== 'object' || !Array.isArray(b.downloads))
    return { observations: [], error: 'npm range: the body has no downloads list' };
  const out: Observation[] = [];
  let bad = 0;
  for (const d of b.downloads as unknown[]) {
    const r = d as Partial<ApiNpmDay>;
    const day = typeof r.day === 'string' ? parseIsoDate(r.day) : undefined;
    if (!day || typeof r.downloads !== 'number' || !Number.isFinite(r.downloads)) {
      bad++;
      continue;
    }
    out.push({
      subject,
      metric: METRICS.downloads,
      value: r.downloads,
      windowStart: day,
      windowEnd: new Date(day.getTime() + DAY_MS),
      observedAt,
      origin,
    });
  }
  return bad ? { observations: out, error: `npm range: ${bad} malformed days skipped` } : { observations: out };
}

export interface NpmRangeOptions {
  readonly from: Date;
  readonly to: Date;
  readonly baseUrl?: string;
}

/** Daily downloads of one package over [from, to], in ≤540-day calls. */
export async function fetchNpmDownloadRange(
  client: HttpClient,
  subject: Subject,
  observedAt: Date,
  options: NpmRangeOptions,
): Promise<Collected> {
  const c = emptyCollected();
  const base = options.baseUrl ?? NPM_DOWNLOADS_BASE_URL;
  for (const chunk of rangeChunks(options.from, options.to, NPM_RANGE_MAX_DAYS)) {
    const url = npmRangeUrl(base, subject.id, chunk.start, chunk.end);
    try {
      const res = await getJsonOrMissing(client, url);
      if (res.missing) {
        c.unknowns.push({
          subject,
          metric: METRICS.downloads,
          reason: `api.npmjs.org has no downloads for ${subject.id} (${res.status}: the package does not exist)`,
        });
        return c;
      }
      const n = normalizeNpmRange(subject, res.body, observedAt, url);
      c.observations.push(...n.observations);
      if (n.error) c.unknowns.push({ subject, metric: METRICS.downloads, reason: n.error });
    } catch (err) {
      c.unknowns.push({
        subject,
        metric: METRICS.downloads,
        reason: `npm downloads ${isoDate(chunk.start)}:${isoDate(chunk.end)} failed: ${errorMessage(err)}`,
      });
    }
  }
  return c;
}

/**
 * Daily downloads of many packages: unscoped names in bulk calls of ≤128 names and ≤365 days,
 * scoped names one by one (bulk does not support them). Returns one collection for all.
 */
export async function fetchNpmDownloadRanges(
  client: HttpClient,
  subjects: readonly Subject[],
  observedAt: Date,
  options: NpmRangeOptions,
): Promise<Collected> {
  const c = emptyCollected();
  const base = options.baseUrl ?? NPM_DOWNLOADS_BASE_URL;
  const unscoped = subjects.filter((s) => !isScoped(s.id));
  for (const s of subjects.filter((x) => isScoped(x.id))) {
    const one = await fetchNpmDownloadRange(client, s, observedAt, options);
    c.observations.push(...one.observations);
    c.unknowns.push(...one.unknowns);
  }
  if (unscoped.length === 1) {
    const one = await fetchNpmDownloadRange(client, unscoped[0]!, observedAt, options);
    c.observations.push(...one.observations);
    c.unknowns.push(...one.unknowns);
    return c;
  }
  for (let i = 0; i < unscoped.length; i += NPM_BULK_MAX_NAMES) {
    const group = unscoped.slice(i, i + NPM_BULK_MAX_NAMES);
    for (const chunk of rangeChunks(options.from, options.to, NPM_BULK_MAX_DAYS)) {
      const url = npmRangeUrl(
        base,
        group.map((s) => s.id),
        chunk.start,
        chunk.end,
      );
      try {
        const res = await getJsonOrMissing(client, url);
        const body = res.missing ? {} : ((res.body ?? {}) as Record<string, unknown>);
        for (const s of group) {
          const entry = body[s.id];
          if (entry === null || entry === undefined) {
            c.unknowns.push({
              subject: s,
              metric: METRICS.downloads,
              reason: `api.npmjs.org has no downloads for ${s.id} in ${isoDate(chunk.start)}:${isoDate(chunk.end)} (the package does not exist)`,
            });
            continue;
          }
          const n = normalizeNpmRange(s, entry, observedAt, url);
          c.observations.push(...n.observations);
          if (n.error) c.unknowns.push({ subject: s, metric: METRICS.downloads, reason: n.error });
        }
      } catch (err) {
        for (const s of group)
          c.unknowns.push({
            subject: s,
            metric: METRICS.downloads,
            reason: `npm bulk downloads ${isoDate(chunk.start)}:${isoDate(chunk.end)} failed: ${errorMessage(err)}`,
          });
      }
    }
  }
  return c;
}

/** Downloads per version over the last 7 days, as `{version: v}` dims on a 7-day window ending at observedAt's day. */
export async function fetchNpmVersionDownloads(
  client: HttpClient,
  subject: Subject,
  observedAt: Date,
  options: { baseUrl?: string } = {},
): Promise<Collected> {
  const c = emptyCollected();
  const url = npmVersionsUrl(options.baseUrl ?? NPM_DOWNLOADS_BASE_URL, subject.id);
  try {
    const res = await getJsonOrMissing(client, url);
    if (res.missing) {
      c.unknowns.push({
        subject,
        metric: 'downloads.by_version',
        reason: `api.npmjs.org has no per-version downloads for ${subject.id} (${res.status})`,
      });
      return c;
    }
    const b = res.body as Partial<ApiNpmVersions> | null;
    if (b === null || typeof b !== 'object' || b.downloads === null || typeof b.downloads !== 'object')
      throw new Error('the body has no downloads map');
    const end = utcDay(observedAt);
    const start = addDays(end, -7);
    for (const [version, n] of Object.entries(b.downloads)) {
      if (typeof n === 'number' && Number.isFinite(n))
        c.observations.push({
          subject,
          metric: METRICS.downloads,
          value: n,
          dims: { version },
          windowStart: start,
          windowEnd: end,
          observedAt,
          origin: url,
        });
    }
    // The API names no dates: "last-week" is its own last 7 processed days, so the window is approximate.
    c.facts.push({
      subject,
      name: 'precision:downloads.by_version',
      value:
        'window approximate: the API gives "last week" without dates; placed on the 7 days before the observation day',
      observedAt,
    });
  } catch (err) {
    c.unknowns.push({
      subject,
      metric: 'downloads.by_version',
      reason: `npm per-version downloads failed: ${errorMessage(err)}`,
    });
  }
  return c;
}
