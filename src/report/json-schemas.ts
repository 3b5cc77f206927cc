// The JSON outputs' schemas, as zod schemas: the single source for docs/schemas/*.schema.json
// (written by `npm run schemas`, checked by a test) and for validating outputs in tests.
// A breaking change to an output bumps its `schema` id (kept.<name>/vN).
import { z } from 'zod';
import { verdictJsonSchema } from './verdict-schema.js';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('ISO date, UTC');
const subject = z.string().regex(/^[a-z-]+:.+$/).describe('kind:id, e.g. pypi:vllm');

export const trendJsonSchema = z
  .object({
    schema: z.literal('kept.trend/v1'),
    subject,
    asOf: isoDay,
    basis: z.string().describe('monthly-snapshots (30-day windows as published) or daily-sum (daily counts summed by month)'),
    sources: z.array(z.string()),
    origins: z.array(z.string()).describe('files or URLs the series came from'),
    series: z.array(z.object({ windowStart: isoDay, windowEnd: isoDay, value: z.number() })).describe('every stored window, ascending'),
    months: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), value: z.number(), windowEnd: isoDay })).describe('the six months judged'),
    growth: z.number().nullable().describe('sum of the last 3 months over the 3 before, minus 1; null when a month is missing'),
    slope: z.number().nullable().describe('least-squares slope of ln(downloads) per month over the six months; null with fewer than 3 positive months'),
    monthlyRate: z.number().nullable().describe('exp(slope) - 1: the fitted month-over-month rate'),
    shape: z.enum(['climbing-floor', 'spike-and-decay', 'growing', 'declining', 'flat', 'insufficient-data']),
    spikes: z.array(
      z.object({
        month: z.string(),
        value: z.number(),
        baseline: z.number().describe('median of the months before'),
        ratio: z.number(),
        next: z.number().nullable(),
        decayed: z.boolean().nullable().describe('null when the spike is the latest month'),
      }),
    ),
    notes: z.array(z.string()),
  })
  .describe('kept trend --json');

export const topJsonSchema = z
  .object({
    schema: z.literal('kept.top/v1'),
    kind: z.string(),
    snapshot: isoDay,
    metric: z.string(),
    limit: z.number().int().positive(),
    rows: z.array(
      z.object({
        rank: z.number().int().positive(),
        subject,
        name: z.string(),
        downloads: z.number(),
        source: z.string(),
        origin: z.string(),
      }),
    ),
  })
  .describe('kept top --json');

/** Every documented output: file name under docs/schemas → schema. */
export const JSON_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  'trend.schema.json': trendJsonSchema,
  'top.schema.json': topJsonSchema,
  'verdict.schema.json': verdictJsonSchema,
};

export function jsonSchemaText(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema), null, 2)}\n`;
}
