// Loads the growth view's input: each subject's stored 30-day download windows. When no subject
// has two snapshots there is nothing to compare: a NotFoundError saying how to import them.
import { NotFoundError } from '../../domain/errors.js';
import { METRICS } from '../../domain/metrics.js';
import { formatSubject, type Subject } from '../../domain/subject.js';
import type { Store, StoredObservation } from '../../store/store.js';
import type { ViewRequest } from '../view.js';

export interface GrowthRequest extends ViewRequest {
  readonly subjects: readonly Subject[];
}

export interface GrowthInputs {
  readonly subjects: readonly { readonly subject: Subject; readonly windows: readonly StoredObservation[] }[];
}

export async function loadGrowth(store: Store, request: GrowthRequest): Promise<GrowthInputs> {
  const subjects = [];
  for (const subject of request.subjects) {
    const windows = await store.observations({
      subjects: [subject],
      metrics: [METRICS.downloads],
      dims: '',
      windowDays: 30,
    });
    subjects.push({ subject, windows });
  }
  const ends = (w: readonly StoredObservation[]): number => new Set(w.map((o) => o.windowEnd.getTime())).size;
  if (subjects.every((s) => ends(s.windows) < 2))
    throw new NotFoundError(
      `fewer than two 30-day snapshots stored for ${subjects.map((s) => formatSubject(s.subject)).join(', ')}`,
      { hint: 'import two snapshots, e.g. kept import npm-download-counts FILE for two download-counts releases' },
    );
  return { subjects };
}
