// `kept compare <a> <b> [...]`: two to four projects side by side (views/compare).
import type { Command } from 'commander';
import { findProject } from '../../config/resolve.js';
import { checkCompareProjects } from '../../views/compare/load.js';
import { runNamedView } from '../../views/run.js';
import type { Wrap } from '../context.js';
import { parseDateOption } from '../options.js';
import { addOutputOptions, emitView, type OutputOptions } from '../output.js';
import { verdictOptionsFromConfig } from '../verdict-options.js';

export function registerCompare(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('compare')
    .description('two to four projects side by side: latest downloads, six-month trend, tier, one chart')
    .argument('<projects...>', 'catalog ids, names or artifacts (2 to 4)')
    .option('--as-of <date>', 'compare as of this date (default: the end of the latest usage data in the store)');
  addOutputOptions(cmd, 'compare')
    .addHelpText('after', '\nExample:\n  kept compare vllm sglang --format html --out serving.html')
    .action(
      wrap(async (ctx, queries: string[], opts: OutputOptions & { asOf?: string }) => {
        const all = ctx.projects();
        const projects = queries.map((q) => findProject(all, q));
        checkCompareProjects(projects);
        const asOf = parseDateOption(opts.asOf, '--as-of');
        const settings = verdictOptionsFromConfig(ctx);
        const model = await ctx.withStore(
          (store) => runNamedView('compare', store, { projects, settings, asOf, today: ctx.now() }),
          { readOnly: true },
        );
        emitView(ctx, 'compare', model, opts);
      }),
    );
}
