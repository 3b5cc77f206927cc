// `kept fanout <hf:org/model>`: the model tree built on a base model, with re-uploads counted apart.
import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { formatSubject, parseSubject, type Subject } from '../../domain/subject.js';
import { buildFanout, buildOrgFanout } from '../../views/fanout/load.js';
import {
  orgFanoutJson,
  renderFanoutMarkdown,
  renderOrgFanoutMarkdown,
  type FanoutJson,
} from '../../report/fanout-md.js';
import type { Wrap } from '../context.js';
import { parseDateOption } from '../options.js';

function parseModel(text: string): Subject {
  const s = parseSubject(text.includes(':') ? text : `hf:${text}`);
  if ('error' in s)
    throw new UsageError(s.error, { hint: 'write a Hub model id, e.g. hf:meta-llama/Llama-2-7b (case-sensitive)' });
  if (s.kind !== 'hf')
    throw new UsageError(`${formatSubject(s)} is not a Hub model`, {
      hint: 'write hf:org/model, e.g. hf:meta-llama/Llama-2-7b',
    });
  return s;
}

export function registerFanout(program: Command, wrap: Wrap): void {
  program
    .command('fanout')
    .description(
      'fan-out of a Hub base model: fine-tunes, adapters, quantizations, merges, re-uploads, organisations, derivative downloads',
    )
    .argument('[model]', 'hf:org/model (case-sensitive), e.g. hf:deepseek-ai/DeepSeek-V3')
    .option('--org <org>', 'every model of a Hub organisation that has derivatives stored, e.g. --org deepseek-ai')
    .option('--as-of <date>', 'count relations first seen on or before this date (default: today)')
    .option('--depth <n>', 'how deep to walk the model tree (1 = direct children)', '8')
    .option('--json', 'print JSON (schema: docs/schemas/fanout.schema.json)')
    .addHelpText(
      'after',
      '\nThe data comes from kept import hf-models or Hub collection. Definitions and the re-upload heuristic: docs/fanout.md.',
    )
    .action(
      wrap(
        async (ctx, text: string | undefined, opts: { org?: string; asOf?: string; depth: string; json?: boolean }) => {
          const depth = Number(opts.depth);
          if (!Number.isInteger(depth) || depth < 1 || depth > 50)
            throw new UsageError(`--depth ${opts.depth} is not a depth`, { hint: 'pass a whole number from 1 to 50' });
          const asOf = parseDateOption(opts.asOf, '--as-of') ?? ctx.now();
          if (opts.org !== undefined) {
            if (text !== undefined)
              throw new UsageError('give a model or --org, not both', {
                hint: 'kept fanout hf:org/model, or kept fanout --org org',
              });
            const org = opts.org;
            const rows = await ctx.withStore((store) => buildOrgFanout(store, org, asOf, depth), { readOnly: true });
            const j = orgFanoutJson(org, asOf.toISOString().slice(0, 10), rows);
            if (opts.json) ctx.printJson(j);
            else ctx.print(renderOrgFanoutMarkdown(j));
            return;
          }
          if (text === undefined)
            throw new UsageError('which model?', { hint: 'kept fanout hf:org/model, or kept fanout --org org' });
          const base = parseModel(text);
          const { result, sources } = await ctx.withStore(
            async (store) => {
              const result = await buildFanout(store, base, asOf, depth);
              const rels = await store.relations({ to: [base] });
              return { result, sources: [...new Set(rels.map((r) => r.source))].sort() };
            },
            { readOnly: true },
          );
          const model: FanoutJson = { schema: 'kept.fanout/v1', subject: formatSubject(base), sources, ...result };
          if (opts.json) ctx.printJson(model);
          else ctx.print(renderFanoutMarkdown(model));
        },
      ),
    );
}
