// Loads the top view's input: the ranked rows of one snapshot (the latest stored, or the one asked
// for). A kind without snapshots, or a date without one, is a NotFoundError naming what exists.
import { NotFoundError } from '../../domain/errors.js';
import { METRICS } from '../../domain/metrics.js';
import { isoDate } from '../../domain/time.js';
import type { Store, TopRow } from '../../store/store.js';
import type { ViewRequest } from '../view.js';
import type { TopKind } from './model.js';

export interface TopRequest extends ViewRequest {
  readonly kind: TopKind;
  /** The snapshot (window end) to rank; default the latest stored. */
  readonly at?: Date | undefined;
  readonly limit: number;
}

export interface TopInputs {
  readonly snapshot: Date;
  readonly rows: readonly TopRow[];
}

export async function loadTop(store: Store, request: TopRequest): Promise<TopInputs> {
  const k = request.kind;
  const ends = await store.windowEnds(k, METRICS.downloads);
  const latest = ends[ends.length - 1];
  if (!latest)
    throw new NotFoundError(`no ${k} download snapshots in ${store.location}`, {
      hint: 'import some first, e.g. kept import pypi-top FILE, or run kept demo',
    });
  const when = request.at ?? latest;
  if (!ends.some((e) => e.getTime() === when.getTime())) {
    const nearest = [...ends]
      .sort((a, b) => Math.abs(a.getTime() - when.getTime()) - Math.abs(b.getTime() - when.getTime()))
      .slice(0, 3)
      .map(isoDate);
    throw new NotFoundError(`no ${k} snapshot dated ${isoDate(when)}`, {
      hint: `nearest snapshots: ${nearest.join(', ')}`,
    });
  }
  return {
    snapshot: when,
    rows: await store.top({ subjectKind: k, metric: METRICS.downloads, windowEnd: when, limit: request.limit }),
  };
}
