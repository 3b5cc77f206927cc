// Monthly Hub download snapshots as CSV (the kb-labb/huggingface_stats format):
// `model_url,downloads,downloadsAllTime,organization,model_name,date`, one file per snapshot date,
// `downloads` being the Hub's last-30-days count and `downloadsAllTime` the cumulative total.
// Pure: header detection and the bulk-load plan; the store's engine parses the rows itself.
import { InputError } from '../domain/errors.js';
import { METRICS } from '../domain/metrics.js';
import type { BulkLoadPlan } from '../domain/bulk-plan.js';
import { EARLIEST_DATE, latestDate } from './values.js';

export const HF_SNAPSHOT_SOURCE = 'hf-snapshot';
/** The Hub's `downloads` field counts the last 30 days (api-sources.md §1, field table). */
export const HF_SNAPSHOT_WINDOW_DAYS = 30;

export const HF_SNAPSHOT_COLUMNS = [
  'model_url',
  'downloads',
  'downloadsAllTime',
  'organization',
  'model_name',
  'date',
] as const;

/** Checks the header line; anything else is an InputError naming the expected columns. */
export function checkHfSnapshotHeader(head: string, path: string): void {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text === '')
    throw new InputError(`${path}: the file is empty`, {
      hint: `expected a Hub snapshot CSV with columns "${HF_SNAPSHOT_COLUMNS.join(',')}"; nothing was imported`,
    });
  if (text.startsWith('{') || text.startsWith('['))
    throw new InputError(`${path}: this is JSON, not a Hub snapshot CSV`, {
      hint: 'Hub model records (/api/models JSON or JSONL) import with kept import hf-models; nothing was imported',
    });
  const header = (text.split(/\r?\n/, 1)[0] ?? '').split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  const ok = header.length === HF_SNAPSHOT_COLUMNS.length && header.every((c, i) => c === HF_SNAPSHOT_COLUMNS[i]);
  if (!ok) {
    throw new InputError(`${path}: unexpected columns "${header.join(',').slice(0, 200)}"`, {
      hint: `expected a Hub snapshot CSV with columns "${HF_SNAPSHOT_COLUMNS.join(',')}"; nothing was imported`,
    });
  }
}

/**
 * One file → two observations per row, loaded in one transaction: the 30-day `downloads` ending
 * on `date`, and `downloads_total` as a level at `date`. The subject is the model id in
 * `model_url` (`org/name`, case kept as the Hub compares ids).
 */
export function hfSnapshotPlan(path: string, gzip: boolean, fetchedAt?: Date): BulkLoadPlan {
  const id = { col: 'model_url' } as const;
  const at = { asTimestamp: { col: 'date' } } as const;
  return {
    path,
    compression: gzip ? 'gzip' : 'none',
    delimiter: ',',
    columns: [
      { name: 'model_url', type: 'varchar' },
      { name: 'downloads', type: 'bigint' },
      { name: 'downloadsAllTime', type: 'bigint' },
      { name: 'organization', type: 'varchar' },
      { name: 'model_name', type: 'varchar' },
      { name: 'date', type: 'date' },
    ],
    required: ['model_url', 'downloads', 'downloadsAllTime', 'date'],
    uniqueBy: ['model_url', 'date'],
    // The shape normalizeSubjectId('hf', …) accepts: org/name of word characters, dots and dashes.
    matches: [{ column: 'model_url', regex: '[\\w.-]+/[\\w.-]+', what: 'a Hub model id' }],
    ranges: [
      { column: 'downloads', min: 0, what: 'a download count (a whole number ≥ 0)' },
      { column: 'downloadsAllTime', min: 0, what: 'a download count (a whole number ≥ 0)' },
      {
        column: 'date',
        min: EARLIEST_DATE,
        ...(fetchedAt ? { max: latestDate(fetchedAt) } : {}),
        what: `a date from ${EARLIEST_DATE}${fetchedAt ? ` to ${latestDate(fetchedAt)}` : ''}`,
      },
    ],
    observation: {
      subjectKind: 'hf',
      subjectId: id,
      metric: METRICS.downloads,
      value: { col: 'downloads' },
      windowStart: { daysBefore: { col: 'date' }, days: { lit: HF_SNAPSHOT_WINDOW_DAYS } },
      windowEnd: at,
      observedAt: at,
    },
    alsoObservations: [
      {
        subjectKind: 'hf',
        subjectId: id,
        metric: METRICS.downloadsTotal,
        value: { col: 'downloadsAllTime' },
        windowStart: at,
        windowEnd: at,
        observedAt: at,
      },
    ],
  };
}
