// The growth view: growth between consecutive stored 30-day download snapshots of each subject
// (npm download-counts releases, pypi-top), with the equivalent month-over-month rate.
// Schema kept.growth/v2: v1 plus `notes` (what a reader must know to read the rates).
import { z } from 'zod';
import { growthFraction, isoDay, subjectId } from '../shared/schema.js';

export const growthPairSchema = z.object({
  from: isoDay.describe('end of the earlier 30-day window'),
  to: isoDay.describe('end of the later 30-day window'),
  fromValue: z.number().describe('downloads in the earlier window'),
  toValue: z.number().describe('downloads in the later window'),
  growth: growthFraction.describe('toValue / fromValue - 1, as a fraction; null when fromValue is 0'),
  months: z.number().describe('months (30.44 days) between the window ends, two decimals'),
  monthlyRate: growthFraction.describe(
    'compounded month-over-month rate over the gap, as a fraction; null when it cannot be computed or the snapshots are less than 28 days apart',
  ),
});

export const growthViewSchema = z
  .object({
    schema: z.literal('kept.growth/v2'),
    subjects: z.array(
      z.object({
        subject: subjectId,
        sources: z.array(z.string()).describe('the sources of the snapshots'),
        pairs: z.array(growthPairSchema).describe('consecutive snapshots, oldest first; empty with fewer than two'),
      }),
    ),
    notes: z
      .array(z.string())
      .describe('subjects without two snapshots, and how to read rates over gaps longer than a month'),
  })
  .describe(
    'kept growth: growth between stored 30-day download snapshots (v2 adds `notes` to v1; every v1 field is unchanged)',
  );

export type GrowthView = z.output<typeof growthViewSchema>;
export type GrowthPair = z.output<typeof growthPairSchema>;
