// The report document's JSON contract as a zod schema: JSON output is checked against it in
// tests, and docs/schemas/report.schema.json is generated from it (scripts/gen-report-schema.mjs).
import { z } from 'zod';

const cell = z.union([z.string(), z.number(), z.null()]);
const format = z.enum(['text', 'count', 'percent', 'share', 'ratio', 'decimal', 'date']);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const column = z.object({ key: z.string(), label: z.string(), format, unit: z.string().optional() }).strict();

const table = z
  .object({
    kind: z.literal('table'),
    id: z.string(),
    caption: z.string(),
    columns: z.array(column),
    rows: z.array(z.array(cell)),
    links: z.array(z.object({ row: z.number().int(), column: z.string(), href: z.string() }).strict()).optional(),
    sparklines: z.array(z.union([z.array(z.number()), z.null()])).optional(),
  })
  .strict();

const lineChart = z
  .object({
    type: z.literal('line'),
    title: z.string(),
    yLabel: z.string(),
    unit: z.string(),
    series: z.array(
      z.object({ name: z.string(), points: z.array(z.object({ x: isoDay, y: z.number() }).strict()) }).strict(),
    ),
    markers: z.array(
      z
        .object({ kind: z.enum(['spike', 'release']).optional(), series: z.string(), x: isoDay, label: z.string() })
        .strict(),
    ),
    bands: z
      .array(
        z
          .object({
            series: z.string(),
            label: z.string(),
            points: z.array(z.object({ x: isoDay, lo: z.number(), hi: z.number() }).strict()),
          })
          .strict(),
      )
      .optional(),
    log: z.boolean().optional(),
  })
  .strict();

const barChart = z
  .object({
    type: z.literal('bar'),
    title: z.string(),
    yLabel: z.string(),
    unit: z.string(),
    bars: z.array(z.object({ label: z.string(), value: z.number() }).strict()),
  })
  .strict();

const block = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heading'), text: z.string() }).strict(),
  z.object({ kind: z.literal('prose'), text: z.string(), figures: z.array(z.string()).optional() }).strict(),
  table,
  z
    .object({ kind: z.literal('chart'), id: z.string(), chart: z.discriminatedUnion('type', [lineChart, barChart]) })
    .strict(),
  z
    .object({
      kind: z.literal('evidence'),
      items: z.array(
        z
          .object({
            label: z.string(),
            value: cell,
            format,
            source: z.string(),
            window: z.string(),
            observedAt: z.string(),
          })
          .strict(),
      ),
    })
    .strict(),
  z
    .object({
      kind: z.literal('unknowns'),
      items: z.array(z.object({ signal: z.string(), subject: z.string().optional(), reason: z.string() }).strict()),
    })
    .strict(),
  z.object({ kind: z.literal('note'), tone: z.enum(['info', 'warning']), text: z.string() }).strict(),
]);

export const reportDocumentSchema = z
  .object({
    schema: z.literal('kept.report/v1'),
    view: z.string(),
    title: z.string(),
    subtitle: z.string(),
    asOf: isoDay,
    sections: z.array(z.object({ id: z.string(), title: z.string(), blocks: z.array(block) }).strict()),
  })
  .strict()
  .meta({
    title: 'kept report document',
    description:
      'A kept report (profile, compare or overview): titled sections of typed blocks. Numbers are raw (counts as numbers, percentages as fractions); null means unknown.',
  });

/** The JSON Schema (draft 2020-12) of the report document. */
export function reportJsonSchema(): unknown {
  return z.toJSONSchema(reportDocumentSchema);
}
