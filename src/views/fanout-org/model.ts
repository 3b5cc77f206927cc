// The fanout-org view: the fan-out of every model of one Hub organisation that has derivatives
// stored, most derivatives first (`kept fanout --org`). Schema kept.fanout-org/v1.
import { z } from 'zod';
import { freshnessSchema } from '../shared/freshness.js';
import { isoDay } from '../shared/schema.js';
import { relationCountsSchema } from '../fanout/model.js';

const count = z.number().int().nonnegative();

export const fanoutOrgViewSchema = z
  .object({
    schema: z.literal('kept.fanout-org/v1'),
    org: z.string().describe('the Hub organisation (case-sensitive)'),
    asOf: isoDay,
    freshness: freshnessSchema.describe("where the organisation's latest Hub download figures end against asOf"),
    models: z.array(
      z.object({
        model: z.string().describe('org/model'),
        direct: relationCountsSchema.describe('direct children by relation'),
        tree: count.describe('every descendant, each once'),
        reuploads: count.describe('descendants that re-host the same weights'),
        effective: count.describe('tree minus re-uploads: new work'),
        used: count.describe('new work that drew downloads or has derivatives of its own'),
        orgs: count.describe('distinct organisations building on the model, its own excluded'),
        downloads30d: z.number().nullable().describe('latest 30-day downloads of the model; null when unknown'),
        derivativeDownloads30d: z.number().describe('latest 30-day downloads of its descendants, where known'),
      }),
    ),
  })
  .describe('kept fanout --org: the fan-out of every model of a Hub organisation with derivatives stored');

export type FanoutOrgView = z.output<typeof fanoutOrgViewSchema>;
