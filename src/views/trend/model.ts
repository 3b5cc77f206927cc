// The trend view: the six-month download trend of one subject (growth, log-linear slope, spikes),
// with every stored window of its series. Schema kept.trend/v1.
import { z } from 'zod';
import { freshnessSchema } from '../shared/freshness.js';
import { growthFraction, isoDay, isoMonth, subjectId } from '../shared/schema.js';

export const trendSpikeSchema = z.object({
  month: isoMonth,
  value: z.number().describe('downloads in that month'),
  baseline: z.number().describe('median of the up-to-three months before, downloads'),
  ratio: z.number().describe('value / baseline'),
  next: z.number().nullable().describe("the next month's downloads; null when the spike is the latest month"),
  decayed: z
    .boolean()
    .nullable()
    .describe('whether the next month fell to half the spike or below; null when the spike is the latest month'),
  description: z.string().describe('the spike in one sentence, every figure from the fields above'),
});

export const trendViewSchema = z
  .object({
    schema: z.literal('kept.trend/v1'),
    subject: subjectId,
    asOf: isoDay.describe('the date the trend is judged at'),
    basis: z
      .enum(['monthly-snapshots', 'daily-summed'])
      .describe('monthly-snapshots: 30-day windows as published; daily-summed: daily counts summed by calendar month'),
    sources: z.array(z.string()).describe('the sources of the series (e.g. top-pypi-packages, pypistats)'),
    origins: z.array(z.string()).describe('files or URLs the series came from (at most five)'),
    dataEnds: isoDay.nullable().describe('end of the latest stored window on or before asOf; null when none'),
    freshness: freshnessSchema,
    series: z
      .array(z.object({ windowStart: isoDay, windowEnd: isoDay, value: z.number().describe('downloads') }))
      .describe(
        'every stored window, ascending, one per calendar month mostly covered (of two such windows the later stands)',
      ),
    months: z
      .array(z.object({ month: isoMonth, value: z.number().describe('downloads'), windowEnd: isoDay }))
      .describe('the six months judged, oldest first (fewer when data is missing)'),
    growth: growthFraction.describe(
      'sum of the last 3 months over the 3 before, minus 1; null when a month is missing',
    ),
    slope: z
      .number()
      .nullable()
      .describe(
        'least-squares slope of ln(downloads) per month over the six months; null with fewer than 3 positive months',
      ),
    monthlyRate: growthFraction.describe('exp(slope) - 1: the fitted month-over-month rate, as a fraction'),
    shape: z.enum(['climbing-floor', 'spike-and-decay', 'growing', 'declining', 'flat', 'insufficient-data']),
    spikes: z.array(trendSpikeSchema),
    summary: z.string().describe('the trend in one sentence, every figure from the fields above'),
    notes: z.array(z.string()).describe('what the figures cannot show (data that is not current: freshness.note)'),
  })
  .describe('kept trend: the six-month download trend of one subject');

export type TrendView = z.output<typeof trendViewSchema>;
export type TrendSpike = z.output<typeof trendSpikeSchema>;
