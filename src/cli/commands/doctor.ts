// `kept doctor`: store, config, tokens and upstreams, one line each; exit 7 when the store fails.
import type { Command } from 'commander';
import { StoreError } from '../../domain/errors.js';
import { runDoctor } from '../../pipeline/doctor.js';
import type { Wrap } from '../main.js';

const MARK = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip' } as const;

export function registerDoctor(program: Command, wrap: Wrap): void {
  program
    .command('doctor')
    .description('check the store (schema, integrity, partial batches), the config, tokens and upstream reachability')
    .option('--offline', 'do not probe the upstream APIs')
    .option('--json', 'print JSON')
    .action(
      wrap(async (ctx, opts: { offline?: boolean; json?: boolean }) => {
        const report = await runDoctor({
          storeLocation: ctx.storeLocation(),
          config: () => ctx.config,
          env: ctx.env,
          ...(opts.offline ? {} : { fetch: globalThis.fetch }),
        });
        if (opts.json) ctx.printJson(report);
        else for (const c of report.checks) ctx.print(`${MARK[c.status]}  ${c.area.padEnd(8)} ${c.name}: ${c.detail}`);
        if (!report.ok) {
          const failed = report.checks.filter((c) => c.status === 'fail').map((c) => `${c.area} ${c.name}`);
          throw new StoreError(`doctor found problems: ${failed.join(', ')}`, { hint: 'see the FAIL lines above; a store with partial batches needs a restore or re-import' });
        }
      }),
    );
}
