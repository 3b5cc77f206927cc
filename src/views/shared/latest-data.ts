// Where the data a view reads ends in the store: the latest window end over some (kind, metric)
// pairs. What the as-of rule (shared/freshness.ts) defaults to when no date is asked for.
import { METRICS } from '../../domain/metrics.js';
import type { SubjectKind } from '../../domain/subject.js';
import type { Store } from '../../store/store.js';

export interface DataRead {
  readonly kind: SubjectKind;
  readonly metric: string;
}

/** The usage data a project's verdict, profile, comparison and the overview weigh. */
export const PROJECT_USAGE_READS: readonly DataRead[] = [
  { kind: 'pypi', metric: METRICS.downloads },
  { kind: 'npm', metric: METRICS.downloads },
  { kind: 'hf', metric: METRICS.downloads },
  { kind: 'docker', metric: METRICS.pullsTotal },
  { kind: 'ghcr', metric: METRICS.pullsTotal },
];

/** The latest window end stored for any of `reads`; undefined when none is stored. */
export async function latestWindowEnd(store: Store, reads: readonly DataRead[]): Promise<Date | undefined> {
  let best: Date | undefined;
  for (const r of reads) {
    const ends = await store.windowEnds(r.kind, r.metric);
    const last = ends[ends.length - 1];
    if (last && (!best || last.getTime() > best.getTime())) best = last;
  }
  return best;
}
