// The fanout view: how many models people built on a Hub base model (fine-tunes, adapters,
// quantizations, merges), directly and over the whole tree, by how many organisations, how much
// of the downloads they draw, and how many are re-uploads of the same weights (docs/fanout.md).
// Schema kept.fanout/v2: v1 plus `summary`, `sentences` and `notes`.
import { z } from 'zod';
import { freshnessSchema } from '../shared/freshness.js';
import { fraction, isoDay } from '../shared/schema.js';

const count = z.number().int().nonnegative();

export const relationCountsSchema = z.object({
  finetune: count,
  adapter: count,
  quantized: count,
  merge: count,
  unclassified: count.describe('a card names the base without a Hub relation tag'),
  total: count.describe('each model once, whatever its relations'),
});

export const fanoutViewSchema = z
  .object({
    schema: z.literal('kept.fanout/v2'),
    subject: z.string().regex(/^hf:/).describe('hf:org/model'),
    sources: z.array(z.string()).describe('sources of the relations to the base (hf-dump, hf-hub)'),
    base: z.string().describe('org/model'),
    asOf: isoDay.describe('relations first seen on or before this date are counted'),
    freshness: freshnessSchema.describe("where the tree's latest Hub download figures end against asOf"),
    direct: relationCountsSchema.describe('children naming the base directly, by relation'),
    tree: relationCountsSchema
      .extend({
        depth: count.describe('the deepest level reached'),
        byDepth: z.array(count).describe('descendants at depth 1, 2, …'),
      })
      .describe('every descendant within the depth walked, each counted once, by the relation that first reached it'),
    reuploads: z
      .object({
        direct: count,
        tree: count,
        models: z.array(
          z.object({
            id: z.string(),
            relation: z.string(),
            depth: count,
            reason: z.string().describe('why the model reads as a re-upload of the same weights'),
          }),
        ),
      })
      .describe('descendants that re-host the same weights, counted apart'),
    effective: z
      .object({ direct: count, tree: count })
      .describe('derivatives that are new work: total minus re-uploads'),
    used: z
      .object({
        direct: count,
        tree: count.describe('new-work derivatives that drew downloads (> 0) or have derivatives of their own'),
        empty: count.describe('new-work derivatives with 0 downloads and no derivatives: uploads nobody took up'),
        unknown: count.describe('new-work derivatives with no downloads recorded and no derivatives'),
      })
      .describe(
        "the new-work derivatives by use (the Hub's own counts, in `direct` and `tree`, include every upload); the tier counts `used.tree`",
      ),
    orgs: z.object({
      distinct: count.describe("distinct authors of descendants, the base's own organisation excluded"),
      baseOrgDerivatives: count,
      top: z.array(z.object({ org: z.string(), models: count })),
    }),
    downloads: z.object({
      base: z.number().nullable().describe('latest 30-day downloads of the base; null when unknown'),
      derivatives: z.number().describe('sum of the latest 30-day downloads of descendants whose downloads are known'),
      reuploads: z.number().describe('the part of `derivatives` drawn by re-uploads'),
      known: count,
      unknown: count,
      derivativeShare: fraction.describe('derivatives / (base + derivatives); null when the base is unknown'),
    }),
    unknownDownloads: z
      .array(z.object({ id: z.string().describe('org/model'), reason: z.string() }))
      .describe(
        "models of the tree whose stored count is not a measurement (a gated repository's 0): their downloads are unknown, not 0",
      ),
    spaces: count.nullable().describe('Spaces using the base; null when not collected'),
    growth: z
      .array(z.object({ date: isoDay, direct: count, tree: count }))
      .describe('cumulative direct and tree counts at each day kept first saw a relation'),
    summary: z.string().describe('the fan-out in one sentence, every figure from the fields above'),
    sentences: z.object({
      organisations: z.string().describe('who builds on the base'),
      downloads: z.string().describe('the downloads of the base and its derivatives'),
      spaces: z.string(),
    }),
    notes: z.array(z.string()).describe('what the counts are and what they cannot show'),
  })
  .describe('kept fanout: the model tree built on a Hub base model (v2 adds `summary`, `sentences` and `notes` to v1)');

export type FanoutView = z.output<typeof fanoutViewSchema>;
