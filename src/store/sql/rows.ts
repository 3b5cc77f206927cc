// Rows as both backends write and read them. A batch becomes one tuple per row of each append-only
// table, in TABLES column order (batch_id aside), with secrets redacted, records hashed and times
// converted by the engine's own function; a row read back (a Date from DuckDB, epoch milliseconds
// from ClickHouse) becomes the Store contract's value by the same code on both.
import { createHash } from 'node:crypto';
import { StoreError, redactSecrets } from '../../domain/errors.js';
import type { WriteBatch } from '../../domain/observation.js';
import { formatDims, parseDims } from '../../domain/observation.js';
import type { Subject, SubjectKind } from '../../domain/subject.js';
import type { HttpCacheEntry } from '../../http/conditional-cache.js';
import type {
  BatchInfo,
  StoredFact,
  StoredObservation,
  StoredProvenance,
  StoredRecord,
  StoredRelation,
} from '../store.js';
import type { AppendTable } from '../tables.js';

export type Row = Record<string, unknown>;

/** A timestamp column: a Date from DuckDB, epoch milliseconds (maybe quoted) from ClickHouse. */
export const rowDate = (v: unknown): Date => (v instanceof Date ? v : new Date(Number(v)));

/** A time as the engine stores it; `what` names the field when the date is invalid. */
export type TimeValue<T> = (d: Date, what: string) => T;

/** An integrity problem: a committed batch whose rows do not add up to what it recorded. */
export function partialBatchProblem(r: Row): string {
  return `batch ${String(r.batch_id)}: recorded ${String(r.added)} row(s), found ${String(r.n)} (partial batch)`;
}

/** The epoch milliseconds of a date, refusing an invalid one (a caller's bug: nothing is written). */
export function epochMs(d: Date, what: string): number {
  const t = d instanceof Date ? d.getTime() : Number.NaN;
  if (!Number.isFinite(t))
    throw new StoreError(`invalid ${what} date in the batch`, {
      hint: 'this is a bug in the caller: nothing was written',
    });
  return t;
}

/** A record's identity hash: the first 32 hex digits of the SHA-256 of its (redacted) JSON. */
export function dataHash(data: string): string {
  return createHash('sha256').update(data).digest('hex').slice(0, 32);
}

/**
 * A batch's rows per table, each in TABLES column order without batch_id. Observations whose value
 * is not a finite number are left out (the tables hold numbers); `time` converts every date.
 */
export function batchRows<T>(batch: WriteBatch, time: TimeValue<T>): Record<AppendTable, (string | number | T)[][]> {
  const p = batch.provenance;
  const source = redactSecrets(p.source);
  const origin = (o: string | undefined): string => redactSecrets(o ?? p.origin);
  const fetched = time(p.fetchedAt, 'fetchedAt');
  /** The columns every table ends with: when the value was seen, and where it came from. */
  const seenFrom = (x: { observedAt: Date; origin?: string }) =>
    [time(x.observedAt, 'observedAt'), source, origin(x.origin), fetched] as const;
  const rows: Record<AppendTable, (string | number | T)[][]> = {
    observations: [],
    facts: [],
    relations: [],
    records: [],
  };
  for (const o of batch.observations ?? []) {
    if (!Number.isFinite(o.value)) continue;
    rows.observations.push([
      o.subject.kind,
      o.subject.id,
      o.metric,
      formatDims(o.dims),
      o.value,
      time(o.windowStart, 'windowStart'),
      time(o.windowEnd, 'windowEnd'),
      ...seenFrom(o),
    ]);
  }
  for (const f of batch.facts ?? [])
    rows.facts.push([f.subject.kind, f.subject.id, f.name, redactSecrets(f.value), ...seenFrom(f)]);
  for (const r of batch.relations ?? [])
    rows.relations.push([r.from.kind, r.from.id, r.relation, r.to.kind, r.to.id, ...seenFrom(r)]);
  for (const d of batch.records ?? []) {
    const data = redactSecrets(JSON.stringify(d.data ?? null));
    rows.records.push([d.subject.kind, d.subject.id, d.kind, d.key, dataHash(data), data, ...seenFrom(d)]);
  }
  return rows;
}

export function provenanceOf(r: Row): StoredProvenance {
  return {
    source: String(r.source),
    origin: String(r.origin),
    fetchedAt: rowDate(r.fetched_at),
    batchId: Number(r.batch_id),
  };
}

/** The subject in a row's `<prefix>_kind` and `<prefix>_id` columns. */
function subjectOf(r: Row, prefix: 'subject' | 'from' | 'to' = 'subject'): Subject {
  return { kind: r[`${prefix}_kind`] as SubjectKind, id: String(r[`${prefix}_id`]) };
}

/** When a row's value was observed, and its provenance. */
function seen(r: Row): { observedAt: Date } & StoredProvenance {
  return { observedAt: rowDate(r.observed_at), ...provenanceOf(r) };
}

export const observationOf = (r: Row): StoredObservation => ({
  subject: subjectOf(r),
  metric: String(r.metric),
  dims: parseDims(String(r.dims)),
  value: Number(r.value),
  windowStart: rowDate(r.window_start),
  windowEnd: rowDate(r.window_end),
  ...seen(r),
});

export const factOf = (r: Row): StoredFact => ({
  subject: subjectOf(r),
  name: String(r.name),
  value: String(r.value),
  ...seen(r),
});

export const relationOf = (r: Row): StoredRelation => ({
  from: subjectOf(r, 'from'),
  relation: String(r.relation),
  to: subjectOf(r, 'to'),
  ...seen(r),
});

export const recordOf = (r: Row): StoredRecord => ({
  subject: subjectOf(r),
  kind: String(r.kind),
  key: String(r.key),
  observedAt: rowDate(r.observed_at),
  data: JSON.parse(String(r.data)) as unknown,
  ...provenanceOf(r),
});

export function batchOf(r: Row): BatchInfo {
  return {
    batchId: Number(r.batch_id),
    source: String(r.source),
    origin: String(r.origin),
    fetchedAt: rowDate(r.fetched_at),
    committedAt: rowDate(r.committed_at),
    offered: Number(r.offered),
    added: Number(r.added),
  };
}

/** One http_cache row as the cache port's entry (also read by kept migrate). */
export function httpCacheEntryOf(r: Row): HttpCacheEntry {
  return {
    ...(r.etag == null ? {} : { etag: String(r.etag) }),
    ...(r.last_modified == null ? {} : { lastModified: String(r.last_modified) }),
    status: Number(r.status),
    body: String(r.body),
    headers: JSON.parse(String(r.headers)) as Record<string, string>,
    storedAt: rowDate(r.stored_at),
  };
}

/** `column IN (…)` over bound values (`bind` returns the engine's placeholder or literal); none matches nothing. */
export function inList(
  where: string[],
  column: string,
  values: readonly string[] | undefined,
  bind: (value: string) => string,
): void {
  if (!values) return;
  where.push(values.length === 0 ? '1 = 0' : `${column} IN (${values.map(bind).join(', ')})`);
}
