// Where the data a view reads ends in the store: the latest window end over some (kind, metric)
// pairs. What the as-of rule (shared/freshness.ts) defaults to when no date is asked for.
import { METRICS } from '../../domain/metrics.js';
import type { SubjectKind } from '../../domain/subject.js';
import { utcDay } from '../../domain/time.js';
import { splitPartialSnapshots, type SnapshotSize } from '../../signals/ecosystem/partial.js';
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

/** A kind's snapshot days (UTC) with their model counts, and the latest comparable with the widest. */
export interface SnapshotDays {
  /** Every snapshot day with how many subjects have a value, ascending. */
  readonly days: readonly SnapshotSize[];
  /**
   * The latest day holding at least half the subjects of the widest (signals/ecosystem/partial.ts):
   * a small scrape of one organisation after a whole-Hub export does not become the default date.
   */
  readonly latestComparable: Date | undefined;
}

/** The snapshot days of a kind's metric; windows ending at different times of one day are one snapshot. */
export async function snapshotDays(store: Store, kind: SubjectKind, metric: string): Promise<SnapshotDays> {
  const byDay = new Map<number, number>();
  for (const c of await store.windowEndCounts(kind, metric)) {
    const t = utcDay(c.windowEnd).getTime();
    byDay.set(t, (byDay.get(t) ?? 0) + c.subjects);
  }
  const days = [...byDay].sort(([a], [b]) => a - b).map(([t, models]) => ({ snapshot: new Date(t), models }));
  return { days, latestComparable: splitPartialSnapshots(days).full.at(-1)?.snapshot };
}
