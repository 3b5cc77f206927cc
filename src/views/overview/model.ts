// The overview view: every catalog project in one table — its deployment tier and its main
// package's latest downloads, six-month growth, shape and spikes — filtered and sorted as asked,
// with the Hub base models' fan-out and the projects without download data. Schema kept.overview/v1.
import { z } from 'zod';
import { PROJECT_CATEGORIES } from '../../domain/project.js';
import { freshnessSchema } from '../shared/freshness.js';
import { fraction, growthFraction, isoDay, subjectId } from '../shared/schema.js';
import { tierJudgementSchema } from '../verdict/model.js';

export const OVERVIEW_SORT_KEYS = ['name', 'category', 'tier', 'latest', 'growth', 'shape', 'spikes'] as const;
export type OverviewSortKey = (typeof OVERVIEW_SORT_KEYS)[number];

/** How the rows are chosen and ordered (the dashboard's query string). */
export interface OverviewQuery {
  readonly q?: string;
  readonly category?: string;
  readonly sort?: OverviewSortKey;
  readonly dir?: 'asc' | 'desc';
}

export const overviewRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(PROJECT_CATEGORIES),
  tier: tierJudgementSchema,
  package: subjectId.nullable().describe('the main package: the one with the largest latest window'),
  latest: z
    .number()
    .nullable()
    .describe(
      "downloads in the latest 30-day window on or before asOf; a model family without packages: its base model's 30-day Hub downloads",
    ),
  windowEnd: isoDay.nullable(),
  growth: growthFraction.describe('last 3 months over the 3 before, minus 1'),
  shape: z.string().nullable(),
  spikes: z.number().int().nullable(),
  source: z.string().nullable(),
  months: z.array(z.number()).describe("the six trend months' downloads, oldest first"),
  dataEnds: isoDay
    .nullable()
    .describe('end of the usage data the tier weighs (downloads, dependents, pulls, Hub counts), on or before asOf'),
  ageDays: z.number().int().nullable().describe('days from dataEnds to asOf; null without usage data'),
  stale: z
    .boolean()
    .describe(
      'ageDays > freshness.staleAfterDays: the row describes an earlier time (its tier confidence is one step lower)',
    ),
});

export const overviewViewSchema = z
  .object({
    schema: z.literal('kept.overview/v1'),
    asOf: isoDay,
    freshness: freshnessSchema.describe("the overview's date and where the latest of the catalog's usage data ends"),
    query: z.object({
      q: z.string().nullable().describe('text filter on id, name, category and package'),
      category: z.enum(PROJECT_CATEGORIES).nullable(),
      sort: z.enum(OVERVIEW_SORT_KEYS),
      dir: z.enum(['asc', 'desc']),
    }),
    projects: z.number().int().describe('catalog projects'),
    measured: z.number().int().describe('catalog projects with download data'),
    summary: z.string(),
    staleNote: z
      .string()
      .nullable()
      .describe('the rows (of those the query keeps) whose usage data is stale, by name; null when none'),
    rows: z.array(overviewRowSchema).describe('the projects the query keeps, in its order; unknown values last'),
    sharedSource: z
      .string()
      .nullable()
      .describe(
        "the one source of every row that has one (the table then names it once); null when the rows' sources differ or none has one",
      ),
    models: z
      .array(
        z.object({
          project: z.string().describe('the project id'),
          name: z.string().describe('the project name'),
          model: subjectId,
          downloads30d: z.number().nullable().describe("the base model's 30-day downloads; null when unknown"),
          downloadsUnknown: z
            .string()
            .nullable()
            .describe(
              'why downloads30d is unknown when the store holds a figure that is not a count (a gated repository)',
            ),
          finetune: z.number().int(),
          adapter: z.number().int(),
          quantized: z.number().int(),
          merge: z.number().int(),
          tree: z.number().int().describe('every descendant, each counted once'),
          reuploads: z.number().int().describe('same weights re-hosted, counted apart'),
          used: z
            .number()
            .int()
            .describe(
              'new-work derivatives that drew downloads or have derivatives of their own (what the tier counts)',
            ),
          orgs: z.number().int().describe("organisations among the derivatives, the base's own excluded"),
          derivativeShare: fraction,
        }),
      )
      .describe('Hub base models of the catalog with a stored model tree'),
    unmeasured: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          reason: z.string(),
          cell: z
            .string()
            .describe("the row's one cell in place of its unknown download columns, with the command to run"),
        }),
      )
      .describe('projects without download data'),
  })
  .describe('kept overview: the catalog at a glance (the dashboard front page and kept demo)');

export type OverviewView = z.output<typeof overviewViewSchema>;
export type OverviewRow = z.output<typeof overviewRowSchema>;
