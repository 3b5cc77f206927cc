// `kept verdict <project>`: the deployment tier with its evidence, the adoption checklist, issue
// health and upgrade safety, from what the store holds.
import type { Command } from 'commander';
import { findProject } from '../../config/resolve.js';
import { InputError } from '../../domain/errors.js';
import { contributorsFromReport } from '../../classify/contributor-input.js';
import type { ContributorBreadthInput } from '../../classify/tier.js';
import { buildVerdict } from '../../pipeline/verdict.js';
import { renderVerdictMarkdown } from '../../report/tier-md.js';
import type { Wrap } from '../context.js';
import { verdictOptionsFromConfig } from '../verdict-options.js';
import { parseDateOption } from '../options.js';

export function registerVerdict(program: Command, wrap: Wrap): void {
  program
    .command('verdict')
    .description(
      'deployment tier (experiment … load-bearing infrastructure) with its evidence, and the "can I build on it" checklist',
    )
    .argument('<project>', 'catalog id, name, or an artifact such as pypi:vllm')
    .option('--as-of <date>', 'judge as of this date (default: today)')
    .option('--json', 'print JSON (schema: docs/schemas/verdict.schema.json)')
    .option(
      '--contributors <file>',
      'contributor breadth from a `kept contributors --json` report (its last-12-months window)',
    )
    .addHelpText(
      'after',
      '\nReads stored downloads, dependents, container pulls, Hub fan-out, stars, and the repository\'s issue,\nrelease and docs records. Offline: `kept import issues FILE.jsonl` first. Rules and thresholds: docs/tiers.md.\nA project with no usage data gets "unknown", not "experiment".',
    )
    .action(
      wrap(async (ctx, query: string, opts: { asOf?: string; json?: boolean; contributors?: string }) => {
        const project = findProject(ctx.projects(), query);
        const asOf = parseDateOption(opts.asOf, '--as-of') ?? ctx.now();
        let contributors: ContributorBreadthInput | undefined;
        if (opts.contributors) {
          const { readFileSync } = await import('node:fs');
          let data: unknown;
          try {
            data = JSON.parse(readFileSync(opts.contributors, 'utf8'));
          } catch (err) {
            throw new InputError(
              `${opts.contributors}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not valid JSON'}`,
              { hint: 'pass the output of kept contributors <clone> --json' },
            );
          }
          const c = contributorsFromReport(data);
          if ('error' in c)
            throw new InputError(`${opts.contributors}: ${c.error}`, {
              hint: 'pass the output of kept contributors <clone> --json',
            });
          contributors = c;
        }
        const base = verdictOptionsFromConfig(ctx);
        const report = await ctx.withStore(
          (store) => buildVerdict(store, project, { ...base, asOf, ...(contributors ? { contributors } : {}) }),
          { readOnly: true },
        );
        if (opts.json) ctx.printJson(report);
        else ctx.print(renderVerdictMarkdown(report));
      }),
    );
}
