// The doctor view: is this installation healthy? One check per line (store, config, tokens,
// upstreams) with the store's figures. Schema kept.doctor/v2: v1 plus `checkedAt` and `summary`.
import { z } from 'zod';
import { isoDay } from '../shared/schema.js';

export const doctorCheckSchema = z.object({
  area: z.enum(['store', 'config', 'tokens', 'upstream']),
  name: z.string(),
  status: z.enum(['ok', 'warn', 'fail', 'skip']),
  detail: z.string().describe('never holds a token value'),
});

export const doctorViewSchema = z
  .object({
    schema: z.literal('kept.doctor/v2'),
    checkedAt: isoDay.describe('the day of the check'),
    backend: z
      .enum(['duckdb', 'clickhouse'])
      .nullable()
      .describe('null when there is no database yet or it cannot be opened'),
    location: z.string().describe('file path or clickhouse://host:port/db (never credentials)'),
    server: z.string().optional().describe('ClickHouse only: server version'),
    uncommittedRows: z.number().int().optional().describe('ClickHouse only: invisible rows of interrupted batches'),
    schemaVersion: z.number().int().nullable(),
    expectedSchemaVersion: z.number().int().nullable(),
    tables: z.record(z.string(), z.number().int()).describe('rows per table'),
    problems: z.array(z.string()).describe('integrity problems, or why the store could not be checked'),
    ok: z.boolean().describe('false when a check failed (the CLI then exits with status 7)'),
    checks: z.array(doctorCheckSchema),
    summary: z.string().describe('the checks in one sentence: how many failed, warned or were skipped'),
  })
  .describe(
    'kept doctor: the health of the store, config, tokens and upstreams (v2 adds `checkedAt` and `summary` to v1)',
  );

export type DoctorView = z.output<typeof doctorViewSchema>;
export type DoctorCheck = z.output<typeof doctorCheckSchema>;
