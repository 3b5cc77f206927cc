// `kept verdict <project>`: the deployment tier with its evidence, the adoption checklist, issue
// health and upgrade safety, from what the store holds (views/verdict).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  contributorReportScope,
  contributorsFromReport,
  type ContributorReportScope,
} from '../../classify/contributor-input.js';
import type { ContributorBreadthInput } from '../../classify/tier.js';
import { findProject } from '../../config/resolve.js';
import { InputError } from '../../domain/errors.js';
import type { Project } from '../../domain/project.js';
import { runNamedView } from '../../views/run.js';
import type { Wrap } from '../context.js';
import { parseDateOption } from '../options.js';
import { addOutputOptions, emitView, type OutputOptions } from '../output.js';
import { verdictOptionsFromConfig } from '../verdict-options.js';

/** Contributor breadth from a `kept contributors --json` report file about `project` (refused for another). */
function readContributors(
  path: string,
  project: Project,
): { contributors: ContributorBreadthInput; scope: ContributorReportScope | undefined } {
  const hint = `pass the output of kept contributors <clone of ${project.id}> --json`;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new InputError(
      `${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not valid JSON'}`,
      { hint, cause: err },
    );
  }
  const c = contributorsFromReport(data, { project: project.id, github: project.github });
  if ('error' in c) throw new InputError(`${path}: ${c.error}`, { hint });
  return { contributors: c, scope: contributorReportScope(data) };
}

export function registerVerdict(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('verdict')
    .description(
      'deployment tier (experiment … load-bearing infrastructure) with its evidence, and the "can I build on it" checklist',
    )
    .argument('<project>', 'catalog id, name, or an artifact such as pypi:vllm')
    .option('--as-of <date>', 'judge as of this date (default: the end of the latest usage data in the store)')
    .option(
      '--contributors <file>',
      'contributor breadth from a `kept contributors --json` report about this project (its last-12-months window; a report about another project is refused)',
    );
  addOutputOptions(cmd, 'verdict')
    .addHelpText(
      'after',
      '\nReads stored downloads, dependents, container pulls, Hub fan-out, stars, and the repository\'s issue,\nrelease and docs records. Offline: `kept import issues FILE.jsonl` first. Rules and thresholds: docs/tiers.md.\nA project with no usage data gets "unknown", not "experiment".',
    )
    .action(
      wrap(async (ctx, query: string, opts: OutputOptions & { asOf?: string; contributors?: string }) => {
        const project = findProject(ctx.projects(), query);
        const asOf = parseDateOption(opts.asOf, '--as-of');
        const given = opts.contributors ? readContributors(opts.contributors, project) : undefined;
        const settings = verdictOptionsFromConfig(ctx);
        const model = await ctx.withStore(
          (store) =>
            runNamedView('verdict', store, {
              project,
              settings,
              asOf,
              today: ctx.now(),
              ...(given ? { contributors: given.contributors } : {}),
              ...(given?.scope ? { contributorsScope: given.scope } : {}),
            }),
          { readOnly: true },
        );
        emitView(ctx, 'verdict', model, opts);
      }),
    );
}
