// `kept doctor`: store (backend, schema, integrity, partial batches; ClickHouse server version and
// interrupted writers), config, tokens and upstream reachability, one line each. Exit 7 when a
// check fails.
import type { Command } from 'commander';
import { StoreError } from '../../domain/errors.js';
import { runDoctor } from '../../pipeline/doctor.js';
import type { Wrap } from '../context.js';

const MARK = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip' } as const;

export function registerDoctor(program: Command, wrap: Wrap): void {
  program
    .command('doctor')
    .description('check the store (schema, integrity, partial batches), the config, tokens and upstream reachability')
    .option('--offline', 'do not probe the upstream APIs')
    .option('--repair', 'ClickHouse: delete rows of batches that never committed (claimed over an hour ago)')
    .option('--json', 'print JSON (schema: docs/schemas/doctor.schema.json)')
    .addHelpText('after', '\nExits with status 7 when the store fails a check. Token values are never shown.')
    .action(
      wrap(async (ctx, opts: { offline?: boolean; repair?: boolean; json?: boolean }) => {
        const report = await runDoctor({
          storeLocation: ctx.storeLocation(),
          openStore: () => ctx.openStore({ readOnly: !opts.repair }),
          repair: opts.repair === true,
          now: ctx.now(),
          config: () => ctx.config,
          env: ctx.env,
          ...(opts.offline ? {} : { fetch: globalThis.fetch }),
        });
        if (opts.json) ctx.printJson(report);
        else for (const c of report.checks) ctx.print(`${MARK[c.status]}  ${c.area.padEnd(8)} ${c.name}: ${c.detail}`);
        if (!report.ok) {
          const failed = report.checks.filter((c) => c.status === 'fail');
          throw new StoreError(failed.map((c) => `${c.area} ${c.name}: ${c.detail}`).join('; '), {
            hint: 'a store with partial batches or orphaned rows needs kept doctor --repair (ClickHouse), a restore, or a re-import',
          });
        }
      }),
    );
}
