// `kept doctor`: is the store sound? Backend, schema version, counts per table, integrity problems;
// on ClickHouse also the server version and the rows interrupted writers left (invisible).
import type { Command } from 'commander';
import { StoreError } from '../../domain/errors.js';
import { ClickHouseStore } from '../../store/clickhouse/clickhouse-store.js';
import type { Wrap } from '../main.js';

const STALE_MS = 60 * 60 * 1000;

export function registerDoctor(program: Command, wrap: Wrap): void {
  program
    .command('doctor')
    .description('check the store: schema version, counts, integrity')
    .option('--repair', 'ClickHouse: delete rows of batches that never committed (claimed over an hour ago)')
    .option('--json', 'print the report as JSON (schema: docs/schemas/doctor.schema.json)')
    .addHelpText('after', '\nExits with status 7 when the store has integrity problems.')
    .action(
      wrap(async (ctx, opts: { repair?: boolean; json?: boolean }) => {
        const report = await ctx.withStore(async (store) => {
          if (opts.repair && store instanceof ClickHouseStore) await store.purgeUncommitted(new Date(ctx.now().getTime() - STALE_MS));
          const [stats, integrity] = [await store.stats(), await store.integrity()];
          const extra = store instanceof ClickHouseStore
            ? { server: await store.serverVersion(), uncommittedRows: await store.uncommittedRows() }
            : {};
          return { schema: 'kept.doctor/v1', backend: store.backend, location: store.location, ...extra, schemaVersion: integrity.schemaVersion,
            expectedSchemaVersion: integrity.expectedSchemaVersion, tables: stats.tables, ok: integrity.ok, problems: integrity.problems };
        }, { readOnly: !opts.repair });
        if (opts.json) ctx.printJson(report);
        else {
          ctx.print(`store: ${report.location} (${report.backend}${'server' in report ? ` ${report.server}` : ''})`);
          ctx.print(`schema: version ${report.schemaVersion} (this kept expects ${report.expectedSchemaVersion})`);
          for (const [t, n] of Object.entries(report.tables)) ctx.print(`  ${t.padEnd(13)} ${String(n).padStart(10)}`);
          if ('uncommittedRows' in report && report.uncommittedRows > 0) {
            ctx.print(`  ${report.uncommittedRows} row(s) of interrupted batches (invisible; kept doctor --repair deletes them)`);
          }
          ctx.print(report.ok ? 'integrity: ok' : `integrity: ${report.problems.length} problem(s)`);
          for (const p of report.problems) ctx.print(`  - ${p}`);
        }
        if (!report.ok) throw new StoreError(`the store ${report.location} has ${report.problems.length} integrity problem(s)`, { hint: 'see the list above' });
      }),
    );
}
