// The top view: the most downloaded subjects of one kind in one stored snapshot. Schema kept.top/v1.
import { z } from 'zod';
import { freshnessSchema } from '../shared/freshness.js';
import { isoDay, subjectId } from '../shared/schema.js';

export const TOP_KINDS = ['pypi', 'npm', 'hf'] as const;
export type TopKind = (typeof TOP_KINDS)[number];

export const topViewSchema = z
  .object({
    schema: z.literal('kept.top/v1'),
    kind: z.enum(TOP_KINDS),
    snapshot: isoDay.describe(
      'the UTC day the windows ranked end on (30-day or daily windows; every window ending that day counts)',
    ),
    freshness: freshnessSchema.describe(
      'asOf is the latest snapshot stored; dataEnds the snapshot ranked (stale when an old one was asked for)',
    ),
    metric: z.string().describe('the metric ranked: downloads'),
    limit: z.number().int().positive().describe('how many rows were asked for'),
    rows: z.array(
      z.object({
        rank: z.number().int().positive(),
        subject: subjectId,
        name: z.string().describe('the id within its kind, e.g. vllm'),
        downloads: z.number().describe('downloads in the snapshot window'),
        source: z.string(),
        origin: z.string().describe('the file or URL the figure came from'),
      }),
    ),
  })
  .describe('kept top: the most downloaded subjects of a kind in one snapshot');

export type TopView = z.output<typeof topViewSchema>;
