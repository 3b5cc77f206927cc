// The gap view: downloads of the closed-API clients against the open serving runtimes, month by
// month and registry by registry (PyPI carries the headline ratio; npm and container pulls are
// shown apart, never added to it), each member's share of its side, the six-month trends, the
// changes behind the sentences, and the caveats. Schema kept.gap/v1.
import { z } from 'zod';
import { freshnessSchema } from '../shared/freshness.js';
import { GAP_REGISTRIES, GAP_SIDES } from '../../config/gap-families.js';
import { fraction, growthFraction, isoDay, isoMonth, subjectId } from '../shared/schema.js';
import { trendSpikeSchema } from '../trend/model.js';

/** How the view groups the family registries: downloads per package registry, pulls of all images. */
export const GAP_SERIES = ['pypi', 'npm', 'containers'] as const;
export type GapSeriesName = (typeof GAP_SERIES)[number];

const memberValueSchema = z.object({
  subject: subjectId,
  value: z
    .number()
    .nullable()
    .describe(
      'downloads (pulls, for images) in the month; null when the member has no data that month: unknown, not zero',
    ),
  share: fraction.describe("the member's share of its side's total that month; null when it has no data"),
});

const sideMonthSchema = z.object({
  total: z
    .number()
    .nullable()
    .describe(
      'sum over the members with data that month; members without data are left out (unknown, not zero); null when no member has data',
    ),
  absent: z.array(subjectId).describe('members of this side and series without data that month'),
  members: z.array(memberValueSchema).describe("every member of this side in this series, in the family's order"),
});

export const gapMonthSchema = z.object({
  month: isoMonth.describe('the calendar month the windows mostly cover'),
  windowEnd: isoDay.describe(
    "the latest window end among the month's values (for monthly snapshots, the snapshot date)",
  ),
  closed: sideMonthSchema,
  open: sideMonthSchema,
  ratio: z
    .number()
    .nullable()
    .describe('closed total / open total; null when either total is unknown or the open total is 0'),
});

const gapTrendSchema = z.object({
  months: z
    .array(z.object({ month: isoMonth, value: z.number() }))
    .describe('the six months judged, oldest first (fewer when months are missing)'),
  growth: growthFraction.describe('sum of the last 3 months over the 3 before, minus 1; null when a month is missing'),
  slope: z
    .number()
    .nullable()
    .describe('least-squares slope of ln(value) per month over the six months; null with fewer than 3 positive months'),
  monthlyRate: growthFraction.describe('exp(slope) - 1: the fitted month-over-month rate'),
  shape: z.enum(['climbing-floor', 'spike-and-decay', 'growing', 'declining', 'flat', 'insufficient-data']),
  spikes: z.array(trendSpikeSchema),
  notes: z.array(z.string()),
});

const memberSpikeSchema = trendSpikeSchema.extend({
  subject: subjectId,
  side: z.enum(GAP_SIDES),
});

export const gapSeriesSchema = z.object({
  series: z.enum(GAP_SERIES).describe('pypi and npm: downloads; containers: Docker Hub and GHCR pulls'),
  metric: z.enum(['downloads', 'pulls']),
  sources: z.array(z.string()).describe('the sources of the values (e.g. top-pypi-packages, pypistats)'),
  months: z
    .array(gapMonthSchema)
    .describe('every month on or before asOf in which a member of either side has data, ascending'),
  trend: z
    .object({ closed: gapTrendSchema.nullable(), open: gapTrendSchema.nullable(), ratio: gapTrendSchema.nullable() })
    .describe("the six-month trend (signals/trend.ts) of each side's total and of the ratio; null without data"),
  memberSpikes: z
    .array(memberSpikeSchema)
    .describe("spikes in a member's own six months: a jump of its side that one member causes shows here"),
});

const sideChangeSchema = z.object({
  from: z.number().nullable().describe("the side's total in the earlier month"),
  to: z.number().nullable().describe("the side's total in the later month"),
  change: z.number().nullable().describe('to - from; null when either is unknown'),
  growth: growthFraction.describe('to / from - 1'),
  members: z.array(
    z.object({
      subject: subjectId,
      from: z.number().nullable().describe('null: no data that month'),
      to: z.number().nullable().describe('null: no data that month'),
      change: z
        .number()
        .nullable()
        .describe(
          "the member's part of the change in the side's sum: to - from, a month without data counting as nothing in the sum; null when it has data in neither month",
        ),
      shareOfChange: z
        .number()
        .nullable()
        .describe(
          "change / the side's change (can pass 1 when other members fell); null when the side's change is 0 or unknown",
        ),
    }),
  ),
});

export const gapChangeSchema = z.object({
  span: z
    .enum(['year', 'month'])
    .describe('year: the latest month against the same month a year earlier; month: against the month before'),
  series: z.enum(GAP_SERIES),
  from: z.object({ month: isoMonth, windowEnd: isoDay }),
  to: z.object({ month: isoMonth, windowEnd: isoDay }),
  closed: sideChangeSchema,
  open: sideChangeSchema,
});

const ratioPointSchema = z.object({
  series: z.enum(GAP_SERIES),
  month: isoMonth,
  windowEnd: isoDay,
  ratio: z.number().nullable(),
  closed: z.number().nullable(),
  open: z.number().nullable(),
});

const familySchema = z.object({
  label: z.string(),
  members: z.array(subjectId),
  fromConfig: z
    .array(z.enum(GAP_REGISTRIES))
    .describe("the registries whose member lists come from kept.yaml's gap: section; the rest are the catalog's"),
});

export const gapViewSchema = z
  .object({
    schema: z.literal('kept.gap/v1'),
    asOf: isoDay.describe('the date the gap is judged at'),
    freshness: freshnessSchema,
    families: z.object({ closed: familySchema, open: familySchema }),
    headline: z.enum(GAP_SERIES).describe('the series whose ratio the sentences state (PyPI when it has one)'),
    dataEnds: isoDay.nullable().describe("end of the headline series' latest window on or before asOf; null when none"),
    latest: ratioPointSchema.nullable().describe('the latest month of the headline series with a ratio'),
    yearEarlier: ratioPointSchema
      .nullable()
      .describe('the same month a year before `latest`; null when the series has no data that month'),
    series: z.array(gapSeriesSchema).describe('one entry per series with data, headline first'),
    changes: z.array(gapChangeSchema).describe('the changes the sentences quote, member by member'),
    summary: z.array(z.string()).describe('two or three sentences, every figure from the fields above'),
    caveats: z.array(z.string()).describe('what the figures include and cannot show'),
    notes: z.array(z.string()).describe('data missing or not current'),
  })
  .describe('kept gap: the deployment gap between closed-API clients and open serving runtimes, month by month');

export type GapView = z.output<typeof gapViewSchema>;
export type GapMonth = z.output<typeof gapMonthSchema>;
export type GapSeries = z.output<typeof gapSeriesSchema>;
export type GapChange = z.output<typeof gapChangeSchema>;
export type GapTrend = z.output<typeof gapTrendSchema>;
export type GapSideMonth = z.output<typeof sideMonthSchema>;
export type GapSideChange = z.output<typeof sideChangeSchema>;
export type GapRatioPoint = z.output<typeof ratioPointSchema>;
