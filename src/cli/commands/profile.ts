// `kept profile <project>`: everything kept knows about one project (views/profile).
import type { Command } from 'commander';
import { findProject } from '../../config/resolve.js';
import type { ProfileView } from '../../views/profile/model.js';
import { runNamedView } from '../../views/run.js';
import type { CliContext, Wrap } from '../context.js';
import { parseDateOption } from '../options.js';
import { addOutputOptions, emitView, type OutputOptions } from '../output.js';
import { verdictOptionsFromConfig } from '../verdict-options.js';

export function registerProfile(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('profile')
    .description(
      "a project's adoption profile: downloads and trends, noise, dependents, Hub fan-out, GitHub, its deployment tier, and what is unknown",
    )
    .argument('<project>', 'catalog id, name, or an artifact such as pypi:vllm')
    .option('--as-of <date>', 'profile as of this date (default: the end of the latest usage data in the store)');
  addOutputOptions(cmd, 'profile')
    .addHelpText(
      'after',
      '\nExamples:\n  kept profile vllm --format html --out vllm.html\n  kept profile sglang --format csv --table downloads',
    )
    .action(
      wrap(async (ctx, query: string, opts: OutputOptions & { asOf?: string }) => {
        emitView(ctx, 'profile', await loadProfile(ctx, query, opts.asOf), opts);
      }),
    );
}

/** The profile of the project `query` names, as of `--as-of` (`asOfOption`), read from the store: `kept profile` and `kept badge`. */
export async function loadProfile(
  ctx: CliContext,
  query: string,
  asOfOption: string | undefined,
): Promise<ProfileView> {
  const project = findProject(ctx.projects(), query);
  const asOf = parseDateOption(asOfOption, '--as-of');
  const settings = verdictOptionsFromConfig(ctx);
  return ctx.withStore((store) => runNamedView('profile', store, { project, settings, asOf, today: ctx.now() }), {
    readOnly: true,
  });
}
