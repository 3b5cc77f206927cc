// Computes the growth view: consecutive snapshot pairs per subject (signals/window-growth.ts) and
// the notes that go with them. Pure.
import { formatSubject } from '../../domain/subject.js';
import { DAY_MS, isoDate } from '../../domain/time.js';
import { computeWindowGrowth } from '../../signals/window-growth.js';
import type { GrowthInputs } from './load.js';
import type { GrowthView } from './model.js';

/** Pairs further apart than this many months get the "compounded over the gap" note. */
const LONG_GAP_MONTHS = 1.5;
/**
 * Pairs closer than the shortest calendar month get no per-month rate: a few days' change raised
 * to a monthly power is noise (-1.5 % over 2 days reads as -20 % a month).
 */
const SHORT_GAP_DAYS = 28;

const shortGap = (p: { from: { windowEnd: Date }; to: { windowEnd: Date } }): boolean =>
  p.to.windowEnd.getTime() - p.from.windowEnd.getTime() < SHORT_GAP_DAYS * DAY_MS;

export function computeGrowthView(inputs: GrowthInputs): GrowthView {
  const computed = inputs.subjects.map((s) => ({ ...s, pairs: computeWindowGrowth(s.windows) }));
  const subjects = computed.map(({ subject, windows, pairs }) => ({
    subject: formatSubject(subject),
    sources: [...new Set(windows.map((o) => o.source))].sort(),
    pairs: pairs.map((p) => ({
      from: isoDate(p.from.windowEnd),
      to: isoDate(p.to.windowEnd),
      fromValue: p.from.value,
      toValue: p.to.value,
      growth: p.growth,
      months: Number(p.months.toFixed(2)),
      monthlyRate: shortGap(p) ? null : p.monthlyRate,
    })),
  }));
  const notes = subjects
    .filter((s) => s.pairs.length === 0)
    .map((s) => `${s.subject}: growth unknown, fewer than two 30-day snapshots are stored.`);
  if (computed.some((s) => s.pairs.some(shortGap)))
    notes.push(
      `Some snapshots are less than ${SHORT_GAP_DAYS} days apart: they have no "per month" rate (a few days' change is not a monthly one).`,
    );
  if (computed.some((s) => s.pairs.some((p) => p.months > LONG_GAP_MONTHS)))
    notes.push('Some snapshots are more than a month apart: "per month" is the compounded rate over the gap.');
  return { schema: 'kept.growth/v2', subjects, notes };
}
