// `kept compare <a> <b> [...]`: two to four projects side by side.
import type { Command } from 'commander';
import { findProject } from '../../config/resolve.js';
import { UsageError } from '../../domain/errors.js';
import { isoDate } from '../../domain/time.js';
import { buildProfile, type Profile } from '../../pipeline/profile.js';
import { compareReport } from '../../report/profile-report.js';
import type { Wrap } from '../context.js';
import { verdictOptionsFromConfig } from '../verdict-options.js';
import { FORMAT_HELP, emitReport, type ReportOutputOptions } from '../report-output.js';
import { parseDateOption } from '../options.js';

export function registerCompare(program: Command, wrap: Wrap): void {
  program
    .command('compare')
    .description('two to four projects side by side: latest downloads, six-month trend, spikes, one chart')
    .argument('<projects...>', 'catalog ids, names or artifacts (2 to 4)')
    .option('--as-of <date>', 'compare as of this date (default: today)')
    .option('--format <format>', FORMAT_HELP)
    .option('--out <file>', 'write the report to this file instead of stdout')
    .option('--table <id>', 'with --format csv: only this table (e.g. compare)')
    .option('--json', 'print the profiles as JSON (same as --format data)')
    .addHelpText('after', '\nExample:\n  kept compare vllm sglang --format html --out serving.html')
    .action(
      wrap(async (ctx, queries: string[], opts: ReportOutputOptions & { asOf?: string }) => {
        if (queries.length < 2 || queries.length > 4)
          throw new UsageError(`compare takes 2 to 4 projects, not ${queries.length}`, {
            hint: 'e.g. kept compare vllm sglang',
          });
        const all = ctx.projects();
        const projects = queries.map((q) => findProject(all, q));
        const dup = projects.find((p, i) => projects.findIndex((x) => x.id === p.id) !== i);
        if (dup) throw new UsageError(`${dup.id} is named twice`, { hint: 'compare different projects' });
        const asOf = parseDateOption(opts.asOf, '--as-of') ?? ctx.now();
        const profiles = await ctx.withStore(
          async (store) => {
            const out: Profile[] = [];
            for (const p of projects)
              out.push(await buildProfile(store, p, asOf, { verdict: verdictOptionsFromConfig(ctx) }));
            return out;
          },
          { readOnly: true },
        );
        emitReport(
          ctx,
          compareReport(profiles, isoDate(asOf)),
          { schema: 'kept.compare/v1', asOf: isoDate(asOf), profiles },
          opts,
        );
      }),
    );
}
