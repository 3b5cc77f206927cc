// `kept link <project>`: artifacts the collected data links to a project, as kept.yaml lines
// (views/link). Nothing is changed, only proposed.
import type { Command } from 'commander';
import { findProject } from '../../config/resolve.js';
import { runNamedView } from '../../views/run.js';
import type { Wrap } from '../context.js';
import { addOutputOptions, emitView, parseOutputFormat, type OutputOptions } from '../output.js';

export function registerLink(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('link')
    .description('propose artifacts (packages, images) that the collected data links to a project, as kept.yaml lines')
    .argument('<project>', 'catalog id or name');
  addOutputOptions(cmd, 'link')
    .addHelpText(
      'after',
      '\nEvidence comes from collected data: PyPI project_urls, npm repository, deps.dev and ecosyste.ms links.\nRun kept collect (or the registry collectors) first; nothing is changed, only proposed.\nThe JSON has the kept.yaml entry in block style (yaml) and on one line (yamlInline).',
    )
    .action(
      wrap(async (ctx, query: string, opts: OutputOptions) => {
        parseOutputFormat(opts); // a bad --format is a usage error before any work
        const project = findProject(ctx.projects(), query);
        const model = await ctx.withStore((store) => runNamedView('link', store, { project, today: ctx.now() }), {
          readOnly: true,
        });
        emitView(ctx, 'link', model, opts);
      }),
    );
}
