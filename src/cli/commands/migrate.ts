// `kept migrate --from FILE --to clickhouse://…`: copies a DuckDB store into ClickHouse, resumable
// batch by batch, then verifies row counts and checksums per table.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { StoreError, UsageError } from '../../domain/errors.js';
import { ClickHouseStore } from '../../store/clickhouse/clickhouse-store.js';
import { isClickHouseLocation } from '../../store/clickhouse/location.js';
import { DuckDbStore } from '../../store/duckdb/duckdb-store.js';
import { copyStore, storeChecksums } from '../../store/migrate-store.js';
import { isoDate } from '../../domain/time.js';
import { migrateRunDocument, type MigrateRun } from '../../report/runs/migrate.js';
import type { Wrap } from '../context.js';
import { addOutputOptions, emitOutput, parseOutputFormat, type OutputOptions } from '../output.js';

export function registerMigrate(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('migrate')
    .description('copy a DuckDB store into a ClickHouse store (resumable, verified)')
    .requiredOption('--from <file>', 'the DuckDB database to copy (a path, or duckdb:PATH)')
    .requiredOption('--to <url>', 'the ClickHouse store: clickhouse://user:password@host:8123/database')
    .option('--no-verify', 'skip the row-count and checksum comparison after copying');
  addOutputOptions(cmd, 'migrate')
    .addHelpText(
      'after',
      `
Batches are copied under their original ids; a batch already in the target is skipped, so running
the command again after an interruption resumes where it stopped and a finished copy adds nothing.
The password in --to is never printed; CLICKHOUSE_PASSWORD can hold it instead.`,
    )
    .action(
      wrap(async (ctx, opts: OutputOptions & { from: string; to: string; verify: boolean }) => {
        parseOutputFormat(opts); // a wrong --format fails before the copy, not after it
        const from = opts.from.replace(/^duckdb:/i, '');
        if (!existsSync(from))
          throw new UsageError(`--from ${from}: no such DuckDB file`, {
            hint: 'pass the path of an existing kept database',
          });
        if (!isClickHouseLocation(opts.to))
          throw new UsageError('--to must be a clickhouse:// URL', {
            hint: 'e.g. --to clickhouse://default@localhost:8123/kept',
          });
        const source = await DuckDbStore.open(from, { readOnly: true });
        try {
          const target = await ClickHouseStore.open(opts.to, { env: ctx.env });
          try {
            const p = ctx.progress(`migrating to ${target.location}`);
            const r = await copyStore(source, target, (x) =>
              p.update(`batch ${x.batchIndex}/${x.batches}, ${x.rowsCopied} rows copied`),
            );
            p.done(`${r.copied} batch(es) copied, ${r.skipped} already there`);
            let verified: { table: string; from: number; to: number; match: boolean }[] | undefined;
            if (opts.verify) {
              const [a, b] = [await storeChecksums(source), await storeChecksums(target)];
              verified = a.map((x, i) => ({
                table: x.table,
                from: x.rows,
                to: b[i]?.rows ?? -1,
                match: x.rows === b[i]?.rows && x.checksum === b[i]?.checksum,
              }));
            }
            const out: MigrateRun = {
              schema: 'kept.migrate/v1',
              from: source.location,
              to: target.location,
              ...r,
              verified: verified ?? null,
            };
            emitOutput(ctx, out, () => migrateRunDocument(out, isoDate(ctx.now())), opts);
            const bad = (verified ?? []).filter((v) => !v.match);
            if (bad.length > 0) {
              throw new StoreError(`the copy differs from the source in ${bad.map((v) => v.table).join(', ')}`, {
                hint: 'run kept doctor on both stores; the target may hold rows from elsewhere',
              });
            }
          } finally {
            await target.close();
          }
        } finally {
          await source.close();
        }
      }),
    );
}
