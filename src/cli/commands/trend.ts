// `kept trend <subject>`: the six-month trend of one download series (views/trend).
import type { Command } from 'commander';
import { runNamedView } from '../../views/run.js';
import type { Wrap } from '../context.js';
import { parseSeriesTarget, seriesSubject } from '../series-subject.js';
import { parseDateOption } from '../options.js';
import { addOutputOptions, emitView, type OutputOptions } from '../output.js';

export function registerTrend(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('trend')
    .description('six-month download trend of a subject: growth, log-linear slope, spikes')
    .argument('<subject>', 'kind:id, e.g. pypi:vllm, or a project (its main package), e.g. vllm')
    .option(
      '--as-of <date>',
      'judge the trend as of this date (default: the end of the latest downloads of its kind in the store)',
    );
  addOutputOptions(cmd, 'trend')
    .addHelpText(
      'after',
      '\nExamples:\n  kept trend pypi:vllm\n  kept trend pypi:sglang --as-of 2026-04-01 --format html --out sglang.html',
    )
    .action(
      wrap(async (ctx, text: string, opts: OutputOptions & { asOf?: string }) => {
        const target = parseSeriesTarget(text, ctx.projects());
        const asOf = parseDateOption(opts.asOf, '--as-of');
        const model = await ctx.withStore(
          async (store) =>
            runNamedView('trend', store, { subject: await seriesSubject(store, target), asOf, today: ctx.now() }),
          { readOnly: true },
        );
        emitView(ctx, 'trend', model, opts);
      }),
    );
}
