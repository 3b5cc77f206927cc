// `kept gap`: the deployment gap, closed-API clients against open serving runtimes, month by
// month (views/gap), with the families of the catalog and kept.yaml's `gap:` lists.
import type { Command } from 'commander';
import { resolveGapFamilies } from '../../config/gap-families.js';
import { runNamedView } from '../../views/run.js';
import type { Wrap } from '../context.js';
import { parseDateOption } from '../options.js';
import { addOutputOptions, emitView, parseOutputFormat, type OutputOptions } from '../output.js';

export function registerGap(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('gap')
    .description(
      "the deployment gap: downloads of closed-API clients against open serving runtimes, month by month, with each member's share",
    )
    .option(
      '--as-of <date>',
      'judge the gap as of this date (default: the end of the latest data of the families in the store)',
    );
  addOutputOptions(cmd, 'gap')
    .addHelpText(
      'after',
      '\nReads the stored PyPI (and npm) downloads and container pulls of both families. The families are\ncatalog data; kept.yaml overrides any list under gap: (closed/open → pypi, npm, docker, ghcr).\nMethod and caveats: docs/ecosystem.md.\n\nExamples:\n  kept gap\n  kept gap --as-of 2025-04-01 --format html --out gap.html',
    )
    .action(
      wrap(async (ctx, opts: OutputOptions & { asOf?: string }) => {
        parseOutputFormat(opts); // a bad --format is a usage error before any work
        const asOf = parseDateOption(opts.asOf, '--as-of');
        const families = resolveGapFamilies(ctx.config.config.gap);
        const model = await ctx.withStore((store) => runNamedView('gap', store, { families, asOf, today: ctx.now() }), {
          readOnly: true,
        });
        emitView(ctx, 'gap', model, opts);
      }),
    );
}
