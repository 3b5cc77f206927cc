// Computes the top view: the snapshot's rows ranked as the store returned them (largest first). Pure.
import { METRICS } from '../../domain/metrics.js';
import { formatSubject } from '../../domain/subject.js';
import { isoDate } from '../../domain/time.js';
import type { TopInputs, TopRequest } from './load.js';
import type { TopView } from './model.js';

export function computeTopView(inputs: TopInputs, request: TopRequest): TopView {
  return {
    schema: 'kept.top/v1',
    kind: request.kind,
    snapshot: isoDate(inputs.snapshot),
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
