// `kept profile <project>`: everything kept knows about one project.
import type { Command } from 'commander';
import { findProject } from '../../config/resolve.js';
import { buildProfile } from '../../pipeline/profile.js';
import { renderProfileMarkdown } from '../../report/profile-md.js';
import type { Wrap } from '../main.js';
import { parseDateOption } from './import.js';

export function registerProfile(program: Command, wrap: Wrap): void {
  program
    .command('profile')
    .description("a project's adoption profile: downloads and trends, Hub models and fan-out, what is unknown")
    .argument('<project>', 'catalog id, name, or an artifact such as pypi:vllm')
    .option('--as-of <date>', 'profile as of this date (default: today)')
    .option('--json', 'print JSON (schema: docs/schemas/profile.schema.json)')
    .action(
      wrap(async (ctx, query: string, opts: { asOf?: string; json?: boolean }) => {
        const project = findProject(ctx.projects(), query);
        const asOf = parseDateOption(opts.asOf, '--as-of') ?? ctx.now();
        const profile = await ctx.withStore((store) => buildProfile(store, project, asOf), { readOnly: true });
        if (opts.json) ctx.printJson(profile);
        else ctx.print(renderProfileMarkdown(profile));
      }),
    );
}
