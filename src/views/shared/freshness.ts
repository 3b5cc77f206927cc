// The as-of rule and data freshness every dated view states in its model: which date a view is
// judged at (the one asked for, else the latest data the view reads, else today), where its data
// ends, and whether that is so long before the date judged that the figures describe an earlier
// time. Pure: the latest data date and today come in.
import { z } from 'zod';
import { DAY_MS, isoDate } from '../../domain/time.js';
import { isoDay } from './schema.js';

/** Data whose latest window ends more than this many days before the date judged is stale. */
export const STALE_AFTER_DAYS = 45;

/** How a view's as-of date was chosen. */
export type AsOfBasis = 'requested' | 'latest-data' | 'today';

export interface ResolvedAsOf {
  readonly asOf: Date;
  readonly basis: AsOfBasis;
}

/**
 * The one as-of rule of the CLI, the dashboard and the library: the date asked for; else the end
 * of the latest data the view reads (so a header never claims a date the data does not reach);
 * else, with no data at all, today.
 */
export function resolveAsOf(
  requested: Date | undefined,
  latestData: Date | null | undefined,
  today: Date,
): ResolvedAsOf {
  if (requested) return { asOf: requested, basis: 'requested' };
  if (latestData) return { asOf: latestData, basis: 'latest-data' };
  return { asOf: today, basis: 'today' };
}

export const freshnessSchema = z
  .object({
    asOf: isoDay.describe('the date judged'),
    asOfBasis: z
      .enum(['requested', 'latest-data', 'today'])
      .describe(
        'requested: --as-of (or the request) named it; latest-data: the end of the latest data this view reads in the store; today: no such data is stored',
      ),
    today: isoDay.describe("the caller's today"),
    dataEnds: isoDay
      .nullable()
      .describe("end of the latest window of the data the view's figures use, on or before asOf; null when none"),
    ageDays: z.number().int().nullable().describe('days from dataEnds to asOf; null without data'),
    staleAfterDays: z.number().int().positive().describe('the threshold: data older than this is stale'),
    stale: z.boolean().describe('true when ageDays > staleAfterDays: the figures describe an earlier time than asOf'),
    statement: z.string().describe('the dates in words, e.g. "as of 2026-04-01, the latest data; today is 2026-12-07"'),
    note: z.string().nullable().describe('the staleness in a sentence; null when the data is current'),
  })
  .describe("when the view's data ends against the date judged, and how that date was chosen");

export type Freshness = z.output<typeof freshnessSchema>;

/** Whole days from a to b (b later), counted between UTC days. */
export function ageInDays(from: Date, to: Date): number {
  return Math.round((Date.parse(isoDate(to)) - Date.parse(isoDate(from))) / DAY_MS);
}

/** "as of 2026-04-01, the latest data; today is 2026-12-07" */
export function asOfStatement(asOf: Date, basis: AsOfBasis, today: Date): string {
  const at = isoDate(asOf);
  const why = basis === 'latest-data' ? ', the latest data' : basis === 'today' ? ' (today: no data stored)' : '';
  return isoDate(today) === at || basis === 'today'
    ? `as of ${at}${why}`
    : `as of ${at}${why}; today is ${isoDate(today)}`;
}

/**
 * The freshness of a view's figures: `what` names the data in the staleness sentence ("the
 * download data of pypi:vllm", "the latest Hub snapshot").
 */
export function computeFreshness(o: {
  readonly asOf: Date;
  readonly basis: AsOfBasis;
  readonly today: Date;
  readonly dataEnds: Date | null | undefined;
  readonly what: string;
  readonly staleAfterDays?: number;
}): Freshness {
  const threshold = o.staleAfterDays ?? STALE_AFTER_DAYS;
  const ends = o.dataEnds ?? null;
  const age = ends ? ageInDays(ends, o.asOf) : null;
  const stale = age !== null && age > threshold;
  return {
    asOf: isoDate(o.asOf),
    asOfBasis: o.basis,
    today: isoDate(o.today),
    dataEnds: ends ? isoDate(ends) : null,
    ageDays: age,
    staleAfterDays: threshold,
    stale,
    statement: asOfStatement(o.asOf, o.basis, o.today),
    note:
      stale && ends
        ? `Stale data: ${o.what} ends ${isoDate(ends)}, ${age} days before ${isoDate(o.asOf)} (stale after ${threshold} days): the figures describe that time, not ${isoDate(o.asOf)} (collect or import newer data).`
        : null,
  };
}

/** The latest of some dates; undefined when there is none. */
export function latestOf(dates: readonly (Date | null | undefined)[]): Date | undefined {
  let best: Date | undefined;
  for (const d of dates) if (d && (!best || d.getTime() > best.getTime())) best = d;
  return best;
}
