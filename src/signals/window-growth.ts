// Growth between published 30-day download snapshots (npm download-counts releases, pypi-top),
// which need not be consecutive months: the change between two snapshots and the equivalent
// compounded monthly rate over the gap. Pure.
import { DAY_MS } from '../domain/time.js';

export interface WindowValue {
  readonly windowStart: Date;
  readonly windowEnd: Date;
  readonly value: number;
}

export interface WindowGrowth {
  readonly from: WindowValue;
  readonly to: WindowValue;
  /** to / from - 1; null when `from` is 0. */
  readonly growth: number | null;
  /** Months between the window ends (30.44-day months). */
  readonly months: number;
  /** (to / from)^(1 / months) - 1: the month-over-month rate that compounds to `growth`. */
  readonly monthlyRate: number | null;
}

const MONTH_DAYS = 30.44;

/** One entry per consecutive pair of snapshots (by window end), oldest first. */
export function computeWindowGrowth(points: readonly WindowValue[]): WindowGrowth[] {
  const byEnd = new Map<number, WindowValue>();
  for (const p of points)
    if (Number.isFinite(p.value) && !byEnd.has(p.windowEnd.getTime())) byEnd.set(p.windowEnd.getTime(), p);
  const ps = [...byEnd.values()].sort((a, b) => a.windowEnd.getTime() - b.windowEnd.getTime());
  const out: WindowGrowth[] = [];
  for (let i = 1; i < ps.length; i++) {
    const from = ps[i - 1]!;
    const to = ps[i]!;
    const months = (to.windowEnd.getTime() - from.windowEnd.getTime()) / DAY_MS / MONTH_DAYS;
    const growth = from.value > 0 ? to.value / from.value - 1 : null;
    const monthlyRate =
      growth === null || months <= 0 || to.value <= 0 ? null : Math.pow(to.value / from.value, 1 / months) - 1;
    out.push({ from, to, growth, months, monthlyRate });
  }
  return out;
}
