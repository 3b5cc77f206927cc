// Star bursts: days and weeks whose star gains are far above the repository's own robust baseline
// (median and MAD of the 12 weeks before), and whether usage followed them (downloads over the 30
// days before and after, else dependents, else forks). A burst not followed by usage is attention
// evidence: stars that were bought, campaigned for, or a launch that did not convert. The gains are
// GitHub's buckets of stars still held, by the day they were given (docs/star-history.md). Pure;
// asOf passed in. The rule and its false positives: docs/star-history.md, "Star bursts".
import { formatCount, formatPercent } from '../domain/format.js';
import { DAY_MS, isoDate } from '../domain/time.js';
import type { SeriesPoint } from './trend.js';

/** Stars gained on one UTC day (`YYYY-MM-DD`). */
export interface DailyGain {
  readonly day: string;
  readonly stars: number;
}

export interface LevelAt {
  readonly at: Date;
  readonly value: number;
}

export interface StarBurstInput {
  /** Daily gains over the repository's life; a day between the first and the last that is missing gained none. */
  readonly gains: readonly DailyGain[];
  /** The download series usage is judged on (any windows: daily, 30-day, calendar months). */
  readonly downloads?: readonly SeriesPoint[];
  /** Dependents counts over time (levels), the usage signal when there is no download series. */
  readonly dependents?: readonly LevelAt[];
  /** The repository's fork counts over time (levels), the usage signal when neither of the above brackets a burst. */
  readonly forks?: readonly LevelAt[];
}

/** Documented thresholds (docs/star-history.md, "Star bursts"). */
export const BURST_RULES = {
  /** The baseline: the days (or weeks × 7) before the burst. */
  baselineDays: 84,
  /** Fewest days of history before a day can be judged (a repository's first weeks are its launch). */
  minBaselineDays: 28,
  /** A day: at least this many stars, this many times the baseline median, and this many robust deviations above it. */
  dayMinStars: 100,
  dayRatio: 10,
  dayScore: 8,
  /** A calendar week (Monday to Sunday) against the 12 weeks before it. */
  weekMinStars: 300,
  weekRatio: 5,
  weekScore: 8,
  /** Usage is compared over this many days before the burst and after it. */
  usageDays: 30,
  /** Usage up by at least this much after the burst matches it; down by as much is falling. */
  usageMatched: 0.25,
  /** Of the usage window after a burst, at least this many days must have passed to judge it. */
  usageMinDays: 7,
  /** Bursts this recent (days before asOf) are attention evidence in the verdict. */
  evidenceDays: 365,
  /** The most bursts listed, the latest first. */
  maxListed: 10,
} as const;

export type UsageReading = 'rising' | 'flat' | 'falling' | 'unknown';

export interface StarBurst {
  /** 'day': one or more consecutive flagged days; 'week': a flagged calendar week without a flagged day. */
  readonly kind: 'day' | 'week';
  readonly start: string;
  readonly end: string;
  /** Stars gained over the burst (the flagged days, or the week). */
  readonly stars: number;
  /** The largest day (or the week) and its gains. */
  readonly peakDay: string;
  readonly peakStars: number;
  /** The median of the 12 weeks before: stars a day (kind 'day') or a week (kind 'week'). */
  readonly baselineMedian: number;
  /** peakStars / baselineMedian; undefined when the median is 0. */
  readonly ratio: number | undefined;
  /** Robust deviations above the baseline: (peak − median) / max(1.4826 × MAD, √median, 1). */
  readonly score: number;
  readonly usage: {
    readonly basis: 'downloads' | 'dependents' | 'forks' | undefined;
    /** after / before − 1 over the usage windows; undefined when unknown. */
    readonly change: number | undefined;
    readonly reading: UsageReading;
    readonly detail: string;
  };
  /** true: usage rose with it; false: it did not; undefined: usage unknown or too soon to tell. */
  readonly followedByUsage: boolean | undefined;
  /** "2,400 stars on 2026-03-14, 31× its 12-week median; downloads flat" */
  readonly text: string;
}

export interface StarBursts {
  readonly asOf: Date;
  /** Days of gains judged (from the first to the last day given). */
  readonly days: number;
  /** Every burst found, the latest first, at most BURST_RULES.maxListed. */
  readonly bursts: readonly StarBurst[];
  /** How many were found in all (more than listed when the history has many). */
  readonly found: number;
  /** The bursts within BURST_RULES.evidenceDays of asOf that usage did not follow. */
  readonly unmatched: readonly StarBurst[];
  readonly rule: string;
  readonly notes: readonly string[];
}

/** The rule in one sentence, with its thresholds. */
export const BURST_RULE_TEXT = `a day with at least ${BURST_RULES.dayMinStars} stars, ${BURST_RULES.dayRatio}× the median of the ${BURST_RULES.baselineDays / 7} weeks before and ${BURST_RULES.dayScore} robust deviations (1.4826 × MAD, at least √median) above it, or a week with ${BURST_RULES.weekMinStars}, ${BURST_RULES.weekRatio}× and ${BURST_RULES.weekScore} against the ${BURST_RULES.baselineDays / 7} weeks before; usage followed it when downloads (else dependents, else forks) in the ${BURST_RULES.usageDays} days after are up ${Math.round(BURST_RULES.usageMatched * 100)}% or more on the ${BURST_RULES.usageDays} days before`;

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median, and the robust scale: 1.4826 × MAD, never below √median (counts vary at least that much) nor 1. */
function baseline(xs: readonly number[]): { median: number; scale: number } {
  const m = median(xs);
  const mad = median(xs.map((x) => Math.abs(x - m)));
  return { median: m, scale: Math.max(1.4826 * mad, Math.sqrt(m), 1) };
}

const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number): string => isoDate(new Date(ms));

/** The ratio as people read it: 31×, 7.5×. */
function times(r: number): string {
  return r >= 10 ? `${formatCount(Math.round(r))}×` : `${(Math.round(r * 10) / 10).toString()}×`;
}

/** Average per day of a series over [from, to), windows weighted by their overlap; undefined below `minDays` covered. */
function ratePerDay(points: readonly SeriesPoint[], from: number, to: number, minDays: number): number | undefined {
  let value = 0;
  let covered = 0;
  for (const p of points) {
    const s = p.windowStart.getTime();
    const e = Math.max(p.windowEnd.getTime(), s + DAY_MS);
    const overlap = Math.min(e, to) - Math.max(s, from);
    if (overlap <= 0) continue;
    value += (p.value * overlap) / (e - s);
    covered += overlap;
  }
  return covered >= minDays * DAY_MS ? value / (covered / DAY_MS) : undefined;
}

function levelAtOrBefore(levels: readonly LevelAt[], t: number): LevelAt | undefined {
  let best: LevelAt | undefined;
  for (const l of levels) if (l.at.getTime() <= t && (!best || l.at > best.at)) best = l;
  return best;
}

function levelAtOrAfter(levels: readonly LevelAt[], t: number): LevelAt | undefined {
  let best: LevelAt | undefined;
  for (const l of levels) if (l.at.getTime() >= t && (!best || l.at < best.at)) best = l;
  return best;
}

function reading(change: number | undefined): UsageReading {
  if (change === undefined) return 'unknown';
  if (change >= BURST_RULES.usageMatched) return 'rising';
  if (change <= -BURST_RULES.usageMatched) return 'falling';
  return 'flat';
}

/** The change of a level series from before a burst to 30 days after it; undefined unless runs bracket it. */
function levelChange(
  basis: 'dependents' | 'forks',
  levels: readonly LevelAt[] | undefined,
  begin: number,
  after: number,
): StarBurst['usage'] | undefined {
  if (!levels?.length) return undefined;
  const b = levelAtOrBefore(levels, begin);
  const a = levelAtOrAfter(levels, after + BURST_RULES.usageDays * DAY_MS);
  if (!b || !a || b.value <= 0) return undefined;
  const change = a.value / b.value - 1;
  const r = reading(change);
  return {
    basis,
    change,
    reading: r,
    detail: `${basis} ${r === 'flat' ? 'flat' : formatPercent(change)} (${formatCount(b.value)} → ${formatCount(a.value)})`,
  };
}

/** What usage did around a burst: downloads in the 30 days before and after, else dependents, else forks. */
function usageAround(input: StarBurstInput, start: string, end: string, asOf: Date): StarBurst['usage'] {
  const R = BURST_RULES;
  const begin = dayMs(start);
  const after = dayMs(end) + DAY_MS;
  const until = Math.min(after + R.usageDays * DAY_MS, asOf.getTime());
  const sooner = until - after < R.usageMinDays * DAY_MS;
  if (input.downloads?.length) {
    if (sooner)
      return { basis: 'downloads', change: undefined, reading: 'unknown', detail: 'too recent to judge downloads' };
    const before = ratePerDay(input.downloads, begin - R.usageDays * DAY_MS, begin, R.usageDays / 2);
    const next = ratePerDay(input.downloads, after, until, R.usageMinDays);
    if (before !== undefined && next !== undefined && before > 0) {
      const change = next / before - 1;
      const r = reading(change);
      const days = Math.round((until - after) / DAY_MS);
      return {
        basis: 'downloads',
        change,
        reading: r,
        detail: `downloads ${r === 'flat' ? `flat (${formatPercent(change)}` : `${formatPercent(change)}`} in the ${days} days after${r === 'flat' ? ')' : ''}`,
      };
    }
  }
  const levels =
    levelChange('dependents', input.dependents, begin, after) ?? levelChange('forks', input.forks, begin, after);
  if (levels) return levels;
  return {
    basis: undefined,
    change: undefined,
    reading: 'unknown',
    detail: input.downloads?.length
      ? 'downloads around it unknown (the series does not cover it)'
      : 'usage unknown (no downloads, dependents or forks around it)',
  };
}

function burstText(b: Omit<StarBurst, 'text'>): string {
  const when =
    b.kind === 'week' ? `in the week of ${b.start}` : b.start === b.end ? `on ${b.start}` : `on ${b.start} to ${b.end}`;
  const per = b.kind === 'week' ? 'a week' : 'a day';
  const against =
    b.ratio === undefined
      ? `against a 12-week median of 0 ${per}`
      : b.kind === 'day' && b.start !== b.end
        ? `${times(b.ratio)} its 12-week median on ${b.peakDay}`
        : `${times(b.ratio)} its 12-week median`;
  return `${formatCount(b.stars)} stars ${when}, ${against}; ${b.usage.detail}`;
}

/**
 * The star bursts of a repository's daily gains, as of `asOf` (days on or after it are not judged:
 * the day is not over).
 */
export function computeStarBursts(input: StarBurstInput, asOf: Date): StarBursts {
  const R = BURST_RULES;
  const notes: string[] = [];
  const today = isoDate(asOf);
  const given = input.gains.filter((g) => g.day < today);
  if (given.length === 0)
    return {
      asOf,
      days: 0,
      bursts: [],
      found: 0,
      unmatched: [],
      rule: BURST_RULE_TEXT,
      notes: ['no daily star history'],
    };
  const byDay = new Map(given.map((g) => [g.day, g.stars]));
  const days = [...byDay.keys()].sort();
  const first = dayMs(days[0]!);
  const last = dayMs(days[days.length - 1]!);
  const n = Math.round((last - first) / DAY_MS) + 1;
  const series = Array.from({ length: n }, (_, i) => byDay.get(dayOf(first + i * DAY_MS)) ?? 0);
  if (n < R.minBaselineDays + 1)
    notes.push(`only ${n} days of star history: bursts need ${R.minBaselineDays} days before them`);

  // Days far above the 12 weeks before them.
  const flagged: { i: number; median: number; score: number }[] = [];
  for (let i = R.minBaselineDays; i < n; i++) {
    const g = series[i]!;
    if (g < R.dayMinStars) continue;
    const b = baseline(series.slice(Math.max(0, i - R.baselineDays), i));
    const score = (g - b.median) / b.scale;
    if (g >= R.dayRatio * Math.max(b.median, 1) && score >= R.dayScore) flagged.push({ i, median: b.median, score });
  }
  const found: Omit<StarBurst, 'text'>[] = [];
  const flaggedDays = new Set(flagged.map((f) => f.i));
  for (let k = 0; k < flagged.length;) {
    let j = k;
    while (j + 1 < flagged.length && flagged[j + 1]!.i === flagged[j]!.i + 1) j++;
    const run = flagged.slice(k, j + 1);
    const peak = run.reduce((p, f) => (series[f.i]! > series[p.i]! ? f : p));
    const start = dayOf(first + run[0]!.i * DAY_MS);
    const end = dayOf(first + run[run.length - 1]!.i * DAY_MS);
    // The baseline of the burst is the one before its first day (later days' windows hold the burst).
    const base = run[0]!.median;
    const peakStars = series[peak.i]!;
    found.push({
      kind: 'day',
      start,
      end,
      stars: run.reduce((s, f) => s + series[f.i]!, 0),
      peakDay: dayOf(first + peak.i * DAY_MS),
      peakStars,
      baselineMedian: base,
      ratio: base > 0 ? peakStars / base : undefined,
      score: Math.round(Math.max(...run.map((f) => f.score)) * 10) / 10,
      usage: usageAround(input, start, end, asOf),
      followedByUsage: undefined,
    });
    k = j + 1;
  }

  // Calendar weeks (Monday to Sunday) far above the 12 weeks before, that hold no flagged day.
  const offset = (new Date(first).getUTCDay() + 6) % 7; // days from the Monday of the first week
  const weeks: { start: number; total: number; complete: boolean }[] = [];
  for (let s = -offset; s < n; s += 7) {
    let total = 0;
    for (let i = Math.max(0, s); i < Math.min(n, s + 7); i++) total += series[i]!;
    weeks.push({ start: s, total, complete: s >= 0 && s + 7 <= n });
  }
  const minWeeks = Math.ceil(R.minBaselineDays / 7);
  for (let w = minWeeks; w < weeks.length; w++) {
    const wk = weeks[w]!;
    if (!wk.complete || wk.total < R.weekMinStars) continue;
    let hasFlaggedDay = false;
    for (let i = wk.start; i < wk.start + 7; i++) if (flaggedDays.has(i)) hasFlaggedDay = true;
    if (hasFlaggedDay) continue;
    const before = weeks
      .slice(Math.max(0, w - R.baselineDays / 7), w)
      .filter((x) => x.complete)
      .map((x) => x.total);
    if (before.length < minWeeks) continue;
    const b = baseline(before);
    const score = (wk.total - b.median) / b.scale;
    if (wk.total < R.weekRatio * Math.max(b.median, 1) || score < R.weekScore) continue;
    const start = dayOf(first + wk.start * DAY_MS);
    const end = dayOf(first + (wk.start + 6) * DAY_MS);
    found.push({
      kind: 'week',
      start,
      end,
      stars: wk.total,
      peakDay: start,
      peakStars: wk.total,
      baselineMedian: b.median,
      ratio: b.median > 0 ? wk.total / b.median : undefined,
      score: Math.round(score * 10) / 10,
      usage: usageAround(input, start, end, asOf),
      followedByUsage: undefined,
    });
  }

  const bursts: StarBurst[] = found
    .map((b) => {
      const followedByUsage = b.usage.reading === 'unknown' ? undefined : b.usage.reading === 'rising';
      const full = { ...b, followedByUsage };
      return { ...full, text: burstText(full) };
    })
    .sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
  const recent = dayOf(asOf.getTime() - R.evidenceDays * DAY_MS);
  return {
    asOf,
    days: n,
    bursts: bursts.slice(0, R.maxListed),
    found: bursts.length,
    unmatched: bursts.filter((b) => b.start >= recent && b.followedByUsage !== true),
    rule: BURST_RULE_TEXT,
    notes,
  };
}

/**
 * Daily gains from a cumulative curve of day-end levels (a level at each next midnight): each day's
 * gain is its level minus the level before it; the first level counts from 0. Days the curve skips
 * gained nothing (a walk that stored only days with stars).
 */
export function gainsFromCumulative(levels: readonly LevelAt[]): DailyGain[] {
  const sorted = [...levels].sort((a, b) => a.at.getTime() - b.at.getTime());
  const out: DailyGain[] = [];
  let prev = 0;
  let prevDay: string | undefined;
  for (const l of sorted) {
    const day = dayOf(l.at.getTime() - DAY_MS);
    if (day === prevDay) continue;
    out.push({ day, stars: Math.max(0, l.value - prev) });
    prev = l.value;
    prevDay = day;
  }
  return out;
}
