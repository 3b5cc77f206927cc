// `kept ecosystem`: the Hub ecosystem report (region shares, concentration, sizes, licences,
// families, month-over-month) from the stored snapshots (views/ecosystem).
import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { runNamedView } from '../../views/run.js';
import type { Wrap } from '../context.js';
import { parseDateOption } from '../options.js';
import { addOutputOptions, emitView, parseOutputFormat, type OutputOptions } from '../output.js';

export function parseWindowMonths(text: string): number {
  const m = /^(\d{1,3})m$/.exec(text.trim());
  const n = m ? Number(m[1]) : Number.NaN;
  if (!(n >= 1 && n <= 120))
    throw new UsageError(`--window ${text} is not a window`, { hint: 'write months, e.g. --window 12m (1m to 120m)' });
  return n;
}

export function registerEcosystem(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('ecosystem')
    .description(
      'Hub ecosystem report: download share by developer region, concentration, sizes, licences, family table',
    )
    .option(
      '--as-of <date>',
      'report the latest snapshot on or before this date (default: the latest Hub snapshot stored)',
    )
    .option('--window <months>', 'how far back the series go, e.g. 12m', '12m');
  addOutputOptions(cmd, 'ecosystem')
    .addHelpText(
      'after',
      '\nNeeds Hub download snapshots in the store: kept import hf-snapshot <csv or directory>\nand/or kept import hf-models <jsonl> (model records: licences, libraries, base models).\nMethod and limits: docs/ecosystem.md.',
    )
    .action(
      wrap(async (ctx, opts: OutputOptions & { asOf?: string; window: string }) => {
        parseOutputFormat(opts); // a bad --format is a usage error before any work
        const asOf = parseDateOption(opts.asOf, '--as-of');
        const windowMonths = parseWindowMonths(opts.window);
        const model = await ctx.withStore(
          (store) =>
            runNamedView('ecosystem', store, {
              asOf,
              today: ctx.now(),
              windowMonths,
              organizations: ctx.config.config.organizations,
            }),
          { readOnly: true },
        );
        emitView(ctx, 'ecosystem', model, opts);
        for (const n of model.notes) ctx.info(`note: ${n}`);
      }),
    );
}
