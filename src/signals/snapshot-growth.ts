// Time series from cumulative levels (Docker Hub pull_count, Hub downloadsAllTime, Ollama pulls):
// kept's own snapshots, differenced. Pure. A level that goes down (a repository reset, a count
// correction) is flagged, not turned into negative pulls; month values are interpolated linearly
// between the snapshots around each month boundary, and say how far the nearest snapshot was.
import { DAY_MS } from '../domain/time.js';

export interface LevelPoint {
  readonly at: Date;
  readonly value: number;
  /** ± uncertainty of the level itself (Ollama's "11.3M" is ± 50,000); 0 when exact. */
  readonly plusMinus?: number;
}

export interface DifferencedWindow {
  readonly start: Date;
  readonly end: Date;
  /** Increase over the window; null when the level decreased (reset or correction). */
  readonly delta: number | null;
  readonly perDay: number | null;
  readonly plusMinus: number;
}

function clean(points: readonly LevelPoint[]): LevelPoint[] {
  const byTime = new Map<number, LevelPoint>();
  for (const p of points) if (Number.isFinite(p.value)) byTime.set(p.at.getTime(), p); // the last of equal times wins
  return [...byTime.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

export function differenceSnapshots(points: readonly LevelPoint[]): DifferencedWindow[] {
  const ps = clean(points);
  const out: DifferencedWindow[] = [];
  for (let i = 1; i < ps.length; i++) {
    const a = ps[i - 1]!;
    const b = ps[i]!;
    const days = (b.at.getTime() - a.at.getTime()) / DAY_MS;
    const delta = b.value >= a.value ? b.value - a.value : null;
    out.push({
      start: a.at,
      end: b.at,
      delta,
      perDay: delta === null || days <= 0 ? null : delta / days,
      plusMinus: (a.plusMinus ?? 0) + (b.plusMinus ?? 0),
    });
  }
  return out;
}

export interface MonthFromSnapshots {
  /** `YYYY-MM` */
  readonly month: string;
  readonly start: Date;
  readonly end: Date;
  readonly value: number;
  readonly plusMinus: number;
  /** Days from each month boundary to the nearest snapshot (0 = a snapshot on the boundary). */
  readonly boundaryGapDays: number;
}

export interface SnapshotGrowth {
  readonly months: MonthFromSnapshots[];
  /** Last complete month over the one before, minus 1; null with fewer than two months. */
  readonly monthlyGrowth: number | null;
  readonly resets: number;
  readonly notes: string[];
}

/** The level at `t` by linear interpolation between the snapshots around it; undefined outside them. */
function levelAt(
  ps: readonly LevelPoint[],
  t: number,
): { value: number; gapDays: number; plusMinus: number } | undefined {
  for (let i = 0; i < ps.length; i++) {
    const b = ps[i]!;
    if (b.at.getTime() === t) return { value: b.value, gapDays: 0, plusMinus: b.plusMinus ?? 0 };
    if (b.at.getTime() > t) {
      const a = ps[i - 1];
      if (!a) return undefined;
      const f = (t - a.at.getTime()) / (b.at.getTime() - a.at.getTime());
      const gap = Math.min(t - a.at.getTime(), b.at.getTime() - t) / DAY_MS;
      return {
        value: a.value + f * (b.value - a.value),
        gapDays: gap,
        plusMinus: Math.max(a.plusMinus ?? 0, b.plusMinus ?? 0),
      };
    }
  }
  return undefined;
}

/** Calendar-month pulls from snapshots, up to `asOf`; growth of the last complete month. */
export function computeSnapshotGrowth(points: readonly LevelPoint[], asOf: Date): SnapshotGrowth {
  const ps = clean(points).filter((p) => p.at.getTime() <= asOf.getTime());
  const notes: string[] = [];
  const resets = differenceSnapshots(ps).filter((w) => w.delta === null).length;
  if (resets)
    notes.push(
      `${resets} snapshot interval(s) where the level went down (reset or correction): months across them are left out`,
    );
  const months: MonthFromSnapshots[] = [];
  if (ps.length >= 2) {
    const first = ps[0]!.at;
    let m = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1));
    for (;;) {
      const next = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
      if (next.getTime() > asOf.getTime()) break;
      const a = levelAt(ps, m.getTime());
      const b = levelAt(ps, next.getTime());
      const crossesReset = ps.some(
        (p, i) =>
          i > 0 &&
          p.value < ps[i - 1]!.value &&
          p.at.getTime() > m.getTime() &&
          ps[i - 1]!.at.getTime() < next.getTime(),
      );
      if (a && b && !crossesReset) {
        months.push({
          month: m.toISOString().slice(0, 7),
          start: m,
          end: next,
          value: Math.round(b.value - a.value),
          plusMinus: a.plusMinus + b.plusMinus,
          boundaryGapDays: Math.max(a.gapDays, b.gapDays),
        });
      }
      m = next;
    }
  }
  if (ps.length < 2) notes.push('fewer than two snapshots: no differenced series yet (kept collect runs build it)');
  const last = months[months.length - 1];
  const prev = months[months.length - 2];
  const contiguous = last && prev && prev.end.getTime() === last.start.getTime();
  const monthlyGrowth = contiguous && prev.value > 0 ? last.value / prev.value - 1 : null;
  if (months.some((x) => x.boundaryGapDays > 7))
    notes.push('some month boundaries are more than 7 days from a snapshot: those months are interpolated estimates');
  return { months, monthlyGrowth, resets, notes };
}
