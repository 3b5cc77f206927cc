// Loads the top view's input: the ranked rows of one snapshot day (the latest stored, or the one
// asked for), every window ending that day together (several Hub trees scraped on one day are one
// snapshot). A kind without snapshots, or a date without one, is a NotFoundError naming the
// nearest snapshot days.
import { NotFoundError } from '../../domain/errors.js';
import { METRICS } from '../../domain/metrics.js';
import { isoDate, utcDay } from '../../domain/time.js';
import type { Store, TopRow } from '../../store/store.js';
import { snapshotDays } from '../shared/latest-data.js';
import type { ViewRequest } from '../view.js';
import type { TopKind } from './model.js';

export interface TopRequest extends ViewRequest {
  readonly kind: TopKind;
  /** The snapshot day to rank; default the latest comparable one stored (shared/latest-data.ts). */
  readonly at?: Date | undefined;
  readonly limit: number;
}

export interface TopInputs {
  /** The snapshot's UTC day. */
  readonly snapshot: Date;
  readonly rows: readonly TopRow[];
  /** The latest comparable snapshot day stored: the default, and what freshness measures against. */
  readonly latest: Date;
  /** How many snapshot days the kind has. */
  readonly snapshots: number;
}

export async function loadTop(store: Store, request: TopRequest): Promise<TopInputs> {
  const k = request.kind;
  // Snapshots are UTC days: windows ending at different times of one day rank together. The
  // default is the latest day comparable with the widest, not a small scrape after a full export.
  const sd = await snapshotDays(store, k, METRICS.downloads);
  const days = sd.days.map((d) => d.snapshot);
  const latest = sd.latestComparable;
  if (!latest)
    throw new NotFoundError(`no ${k} download snapshots in ${store.location}`, {
      hint: 'import some first, e.g. kept import pypi-top FILE, or run kept demo',
    });
  const when = request.at ? utcDay(request.at) : latest;
  if (!days.some((d) => d.getTime() === when.getTime())) {
    const nearest = [...days]
      .sort((a, b) => Math.abs(a.getTime() - when.getTime()) - Math.abs(b.getTime() - when.getTime()))
      .slice(0, 3)
      .map(isoDate);
    throw new NotFoundError(`no ${k} snapshot dated ${isoDate(when)}`, {
      hint: `nearest snapshots: ${nearest.join(', ')}`,
    });
  }
  return {
    snapshot: when,
    latest,
    snapshots: days.length,
    rows: await store.top({
      subjectKind: k,
      metric: METRICS.downloads,
      windowEnd: when,
      wholeDay: true,
      limit: request.limit,
    }),
  };
}
