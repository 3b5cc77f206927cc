// `kept top <kind>`: the most downloaded subjects of a kind in one snapshot (views/top).
import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { TOP_KINDS, type TopKind } from '../../views/top/model.js';
import { runNamedView } from '../../views/run.js';
import type { Wrap } from '../context.js';
import { parseDateOption } from '../options.js';
import { addOutputOptions, emitView, parseOutputFormat, type OutputOptions } from '../output.js';

export function registerTop(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('top')
    .description('the most downloaded subjects of a kind in one snapshot')
    .argument('<kind>', `one of ${TOP_KINDS.join(', ')}`)
    .option('--at <date>', 'snapshot date (default: the latest stored)')
    .option('--limit <n>', 'how many rows', '20');
  addOutputOptions(cmd, 'top')
    .addHelpText(
      'after',
      '\nExamples:\n  kept top pypi --limit 10\n  kept top npm --at 2026-03-01 --format csv --out top-npm.csv',
    )
    .action(
      wrap(async (ctx, kind: string, opts: OutputOptions & { at?: string; limit: string }) => {
        parseOutputFormat(opts); // a bad --format is a usage error before any work
        if (!(TOP_KINDS as readonly string[]).includes(kind))
          throw new UsageError(`unknown kind "${kind}"`, { hint: `use one of ${TOP_KINDS.join(', ')}` });
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
          throw new UsageError(`--limit ${opts.limit} is not a whole number between 1 and 100000`, {
            hint: 'write --limit N, e.g. --limit 10',
          });
        const at = parseDateOption(opts.at, '--at');
        const model = await ctx.withStore(
          (store) => runNamedView('top', store, { kind: kind as TopKind, at, limit, today: ctx.now() }),
          { readOnly: true },
        );
        emitView(ctx, 'top', model, opts);
      }),
    );
}
