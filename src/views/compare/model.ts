// The compare view: two to four projects side by side — each one's main package (the most
// downloaded), its latest downloads and six-month trend, its Hub usage, its deployment tier with
// confidence and signal families, and how many of its signals are unknown — with the series for
// one chart. Schema kept.compare/v2.
import { z } from 'zod';
import { freshnessSchema } from '../shared/freshness.js';
import { CHART_RANGES } from '../shared/chart-range.js';
import { COMPARE_SCALES } from './chart-scale.js';
import { growthFraction, isoDay, isoMonth, subjectId } from '../shared/schema.js';
import { tierJudgementSchema, unknownItemSchema } from '../verdict/model.js';

export const compareRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  tier: tierJudgementSchema,
  package: subjectId.nullable().describe('the main package: the most downloaded; null without download data'),
  client: z
    .boolean()
    .nullable()
    .describe("the main package is a client library of the project's server (client evidence only)"),
  latest: z.number().nullable().describe('downloads in the latest window of the main package'),
  suspect: z
    .boolean()
    .nullable()
    .describe('the latest window is more than 100× the window before it: suspect data, left out of the ranking'),
  windowStart: isoDay.nullable(),
  windowEnd: isoDay.nullable(),
  source: z.string().nullable(),
  growth: growthFraction.describe('last 3 months over the 3 before, minus 1'),
  monthlyRate: growthFraction.describe('fitted month-over-month rate'),
  shape: z.string().nullable(),
  spikes: z.number().int().nullable(),
  spikeWindows: z
    .array(z.object({ windowEnd: isoDay, ratio: z.number() }))
    .describe("the spikes' windows (the same points the project page marks) and each one's ratio to its baseline"),
  hub: z
    .object({
      models: z.number().int().describe('base models of the project with Hub data'),
      downloads30d: z.number().nullable().describe('their 30-day Hub downloads, summed; null when none is known'),
      downloadsKnownFor: z.number().int(),
      windowEnd: isoDay.nullable().describe('the latest of their download windows'),
      newWork: z.number().int().describe('derivatives that are new work (re-uploads apart)'),
      used: z.number().int().describe('new-work derivatives that drew downloads or have derivatives of their own'),
    })
    .nullable()
    .describe('Hub usage of the base models; null when the project has none with Hub data'),
  unknownSignals: z.number().int().describe("distinct signals in the project's profile unknowns"),
  dataEnds: isoDay.nullable().describe("end of the project's usage data on or before asOf; null without any"),
  stale: z.boolean().describe("the project's usage data ends more than freshness.staleAfterDays before asOf"),
  months: z
    .array(z.object({ month: isoMonth, value: z.number() }))
    .describe('the six months the trend is judged on, oldest first'),
  series: z
    .array(z.object({ windowEnd: isoDay, value: z.number() }))
    .describe('every stored window of the main package, downloads'),
});

export const compareViewSchema = z
  .object({
    schema: z.literal('kept.compare/v2'),
    asOf: isoDay,
    freshness: freshnessSchema.describe(
      "the comparison's date and where the latest of its projects' usage data ends; a project whose own data is stale says so in its row (stale) and in the summary",
    ),
    summary: z.array(z.string()).describe('the comparison in a few sentences, every figure from the rows'),
    projects: z.array(compareRowSchema).min(2).max(4).describe('in the order asked'),
    unknowns: z
      .array(unknownItemSchema.extend({ project: z.string().describe('the project id') }))
      .describe("every project's unknowns, as its profile lists them"),
    chart: z
      .object({
        scale: z.enum(COMPARE_SCALES),
        range: z
          .enum(CHART_RANGES)
          .describe(
            "the time range drawn: the windows ending in the last 6 months or year before the charted series' latest window end, or all",
          ),
        base: isoDay
          .nullable()
          .describe('normalised: the first window every charted series has, where each equals 1; null for log'),
        caption: z.string().describe('what the chart draws, as its caption says it'),
        series: z
          .array(
            z.object({
              project: z.string(),
              package: subjectId,
              points: z.array(z.object({ windowEnd: isoDay, value: z.number() })),
            }),
          )
          .describe(
            'the main package of each project with download data: downloads (log) or each divided by its value at base',
          ),
      })
      .describe("the comparison's chart in the scale and range asked (default log, all)"),
  })
  .describe(
    'kept compare: two to four projects side by side. v2 (from v1, which embedded whole profiles): one row of named fields per project, and the unknowns with their project',
  );

export type CompareView = z.output<typeof compareViewSchema>;
export type CompareRow = z.output<typeof compareRowSchema>;
