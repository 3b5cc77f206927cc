// `kept profile <project>`: everything kept knows about one project, as Markdown, HTML, JSON or CSV.
import type { Command } from 'commander';
import { findProject } from '../../config/resolve.js';
import { buildProfile } from '../../pipeline/profile.js';
import { profileReport } from '../../report/profile-report.js';
import type { Wrap } from '../context.js';
import { verdictOptionsFromConfig } from '../verdict-options.js';
import { FORMAT_HELP, emitReport, type ReportOutputOptions } from '../report-output.js';
import { parseDateOption } from '../options.js';

export function registerProfile(program: Command, wrap: Wrap): void {
  program
    .command('profile')
    .description("a project's adoption profile: downloads and trends, Hub models and fan-out, what is unknown")
    .argument('<project>', 'catalog id, name, or an artifact such as pypi:vllm')
    .option('--as-of <date>', 'profile as of this date (default: today)')
    .option('--format <format>', FORMAT_HELP)
    .option('--out <file>', 'write the report to this file instead of stdout')
    .option('--table <id>', 'with --format csv: only this table (e.g. downloads, models)')
    .option('--json', 'print the profile data as JSON (schema kept.profile/v1; same as --format data)')
    .addHelpText(
      'after',
      '\nExamples:\n  kept profile vllm --format html --out vllm.html\n  kept profile sglang --format csv --table downloads',
    )
    .action(
      wrap(async (ctx, query: string, opts: ReportOutputOptions & { asOf?: string }) => {
        const project = findProject(ctx.projects(), query);
        const asOf = parseDateOption(opts.asOf, '--as-of') ?? ctx.now();
        const profile = await ctx.withStore(
          (store) => buildProfile(store, project, asOf, { verdict: verdictOptionsFromConfig(ctx) }),
          { readOnly: true },
        );
        emitReport(ctx, profileReport(profile), profile, opts);
      }),
    );
}
