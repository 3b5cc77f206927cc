// `kept migrate`'s result laid out: what was copied, and the per-table comparison of the two stores
// (row counts and checksums); the JSON is the result itself (kept.migrate/v1). Pure.
import { z } from 'zod';
import type { Block, ReportDocument } from '../document.js';

const count = z.number().int().nonnegative();

export const migrateRunSchema = z
  .object({
    schema: z.literal('kept.migrate/v1'),
    from: z.string().describe('the DuckDB file'),
    to: z.string().describe('the ClickHouse store, without credentials'),
    batches: count.describe('batches in the source'),
    copied: count.describe('batches copied by this run'),
    skipped: count.describe('batches already in the target'),
    rows: count.describe('rows copied by this run'),
    httpCache: count,
    checkpoints: count,
    verified: z
      .array(
        z.object({
          table: z.string(),
          from: z.number().int(),
          to: z.number().int().describe('-1 when the target has no such table'),
          match: z.boolean().describe('row counts and checksums agree'),
        }),
      )
      .nullable()
      .describe('null with --no-verify'),
  })
  .describe('kept migrate --format json');

export type MigrateRun = z.output<typeof migrateRunSchema>;

export function migrateRunDocument(r: MigrateRun, asOf: string): ReportDocument {
  const verified: Block[] = r.verified
    ? [
        {
          kind: 'table',
          id: 'verified',
          caption: 'Rows per table in both stores (row counts and checksums compared)',
          columns: [
            { key: 'table', label: 'table', format: 'text' },
            { key: 'from', label: 'rows in the source', format: 'count' },
            { key: 'to', label: 'rows in the target', format: 'count' },
            { key: 'match', label: 'match', format: 'text' },
          ],
          rows: r.verified.map((v) => [v.table, v.from, v.to, v.match ? 'ok' : 'MISMATCH']),
        },
      ]
    : [{ kind: 'prose', text: 'Not verified (--no-verify).' }];
  return {
    schema: 'kept.report/v1',
    view: 'migrate',
    title: 'Copy of a DuckDB store into ClickHouse',
    subtitle: `${r.from} → ${r.to} · ${asOf}`,
    asOf,
    sections: [
      {
        id: 'copy',
        title: 'Copy',
        blocks: [
          {
            kind: 'prose',
            text: `copied ${r.copied} of ${r.batches} batch(es) (${r.skipped} already in the target), ${r.rows} rows, ${r.httpCache} cached responses, ${r.checkpoints} checkpoints`,
          },
          {
            kind: 'table',
            id: 'copy',
            caption: 'What this run copied',
            columns: [
              { key: 'figure', label: 'figure', format: 'text' },
              { key: 'value', label: 'value', format: 'count' },
            ],
            rows: [
              ['batches in the source', r.batches],
              ['batches copied', r.copied],
              ['batches already in the target', r.skipped],
              ['rows copied', r.rows],
              ['cached responses', r.httpCache],
              ['checkpoints', r.checkpoints],
            ],
          },
        ],
      },
      { id: 'verified', title: 'Verification', blocks: verified },
    ],
  };
}
