// Computes the top view: the snapshot's rows ranked as the store returned them (largest first),
// and its freshness against the latest snapshot stored. Pure.
import { METRICS } from '../../domain/metrics.js';
import { formatSubject } from '../../domain/subject.js';
import { isoDate } from '../../domain/time.js';
import { computeFreshness } from '../shared/freshness.js';
import type { TopInputs, TopRequest } from './load.js';
import type { TopView } from './model.js';

export function computeTopView(inputs: TopInputs, request: TopRequest): TopView {
  // The ranking is as of its snapshot; when an older one was asked for, the latest stored is the
  // date it is measured against (a ranking from long before it is stale).
  const asked = request.at !== undefined && inputs.snapshot.getTime() !== inputs.latest.getTime();
  const freshness = computeFreshness({
    asOf: asked ? inputs.latest : inputs.snapshot,
    basis: 'latest-data',
    today: request.today,
    dataEnds: inputs.snapshot,
    what: `the ${request.kind} snapshot ranked`,
  });
  return {
    schema: 'kept.top/v1',
    kind: request.kind,
    snapshot: isoDate(inputs.snapshot),
    freshness,
    metric: METRICS.downloads,
    limit: request.limit,
    rows: inputs.rows.map((r, i) => ({
      rank: i + 1,
      subject: formatSubject(r.subject),
      name: r.subject.id,
      downloads: r.value,
      source: r.source,
      origin: r.origin,
    })),
  };
}
