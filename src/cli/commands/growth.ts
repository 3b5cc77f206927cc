// `kept growth <subject…>`: growth between stored 30-day download snapshots (npm download-counts
// releases, pypi-top), with the equivalent month-over-month rate (views/growth).
import type { Command } from 'commander';
import type { Subject } from '../../domain/subject.js';
import { runNamedView } from '../../views/run.js';
import type { Wrap } from '../context.js';
import { parseSeriesTarget, seriesSubject } from '../series-subject.js';
import { addOutputOptions, emitView, parseOutputFormat, type OutputOptions } from '../output.js';

export function registerGrowth(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('growth')
    .description('growth between stored 30-day download snapshots, e.g. two npm download-counts releases')
    .argument(
      '<subjects...>',
      'kind:id, e.g. npm:openai npm:@huggingface/transformers, or a project (its main package), e.g. vllm',
    );
  addOutputOptions(cmd, 'growth')
    .addHelpText(
      'after',
      '\nImport snapshots first, e.g. kept import npm-download-counts download-counts-2.20251201.0.tgz (and a later release).\nExample: kept growth npm:openai pypi:vllm --format csv',
    )
    .action(
      wrap(async (ctx, texts: string[], opts: OutputOptions) => {
        parseOutputFormat(opts); // a bad --format is a usage error before any work
        const targets = texts.map((t) => parseSeriesTarget(t, ctx.projects()));
        const model = await ctx.withStore(
          async (store) => {
            const subjects: Subject[] = [];
            for (const t of targets) subjects.push(await seriesSubject(store, t));
            return runNamedView('growth', store, { subjects, today: ctx.now() });
          },
          { readOnly: true },
        );
        emitView(ctx, 'growth', model, opts);
      }),
    );
}
