// `kept fanout <hf:org/model>`: the model tree built on a base model, with re-uploads counted
// apart (views/fanout); `kept fanout --org <org>`: every model of an organisation (views/fanout-org).
import type { Command } from 'commander';
import { NotFoundError, UsageError } from '../../domain/errors.js';
import type { Project } from '../../domain/project.js';
import { parseHubModel, type Subject } from '../../domain/subject.js';
import { runNamedView } from '../../views/run.js';
import type { Wrap } from '../context.js';
import { parseDateOption } from '../options.js';
import { addOutputOptions, emitView, parseOutputFormat, type OutputOptions } from '../output.js';

/**
 * A bare family name (`kept fanout deepseek`) that names a catalog project: the not-found error
 * lists its base models and organisation instead of the store's near misses.
 */
function familyHint(err: unknown, base: Subject, projects: readonly Project[]): unknown {
  if (!(err instanceof NotFoundError) || base.id.includes('/')) return err;
  const q = base.id.toLowerCase();
  const family = projects.find((p) => (p.id === q || p.name.toLowerCase() === q) && (p.hfModels ?? []).length > 0);
  if (!family) return err;
  const models = (family.hfModels ?? []).map((m) => `hf:${m}`).join(' or ');
  const orgs = (family.hfOrgs ?? []).map((o) => `kept fanout --org ${o}`).join(', ');
  return new NotFoundError(`${base.id} is a model family, not a Hub model id`, {
    hint: `its base models: ${models} (kept fanout hf:org/model)${orgs ? `; the whole organisation: ${orgs}` : ''}`,
    cause: err,
  });
}

export function registerFanout(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('fanout')
    .description(
      'fan-out of a Hub base model: fine-tunes, adapters, quantizations, merges, re-uploads, organisations, derivative downloads',
    )
    .argument('[model]', 'hf:org/model (case-sensitive), e.g. hf:deepseek-ai/DeepSeek-V3')
    .option('--org <org>', 'every model of a Hub organisation that has derivatives stored, e.g. --org deepseek-ai')
    .option('--as-of <date>', 'count relations first seen on or before this date (default: the latest Hub data stored)')
    .option('--depth <n>', 'how deep to walk the model tree (1 = direct children)', '8');
  addOutputOptions(cmd, 'fanout')
    .addHelpText(
      'after',
      '\nWith --org the JSON follows docs/schemas/fanout-org.schema.json.\nThe data comes from kept import hf-models or Hub collection. Definitions and the re-upload heuristic: docs/fanout.md.',
    )
    .action(
      wrap(
        async (ctx, text: string | undefined, opts: OutputOptions & { org?: string; asOf?: string; depth: string }) => {
          parseOutputFormat(opts); // a bad --format is a usage error before any work
          const depth = Number(opts.depth);
          if (!Number.isInteger(depth) || depth < 1 || depth > 50)
            throw new UsageError(`--depth ${opts.depth} is not a depth`, { hint: 'pass a whole number from 1 to 50' });
          const asOf = parseDateOption(opts.asOf, '--as-of');
          if (opts.org !== undefined) {
            if (text !== undefined)
              throw new UsageError('give a model or --org, not both', {
                hint: 'kept fanout hf:org/model, or kept fanout --org org',
              });
            const org = opts.org;
            const model = await ctx.withStore(
              (store) => runNamedView('fanout-org', store, { org, asOf, today: ctx.now(), depth }),
              { readOnly: true },
            );
            emitView(ctx, 'fanout-org', model, opts);
            return;
          }
          if (text === undefined)
            throw new UsageError('which model?', { hint: 'kept fanout hf:org/model, or kept fanout --org org' });
          const base = parseHubModel(text);
          const model = await ctx
            .withStore((store) => runNamedView('fanout', store, { base, asOf, today: ctx.now(), depth }), {
              readOnly: true,
            })
            .catch((err: unknown) => {
              throw familyHint(err, base, ctx.projects());
            });
          emitView(ctx, 'fanout', model, opts);
        },
      ),
    );
}
