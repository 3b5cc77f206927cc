// `kept ecosystem`: the Hub ecosystem report (region shares, concentration, sizes, licences,
// families, month-over-month) from the stored snapshots.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError, UsageError, errorMessage } from '../../domain/errors.js';
import { buildEcosystem } from '../../pipeline/ecosystem.js';
import { renderEcosystemCsv, renderEcosystemMarkdown } from '../../report/ecosystem-md.js';
import type { Wrap } from '../context.js';
import { parseDateOption } from '../options.js';

const FORMATS = ['md', 'json', 'csv'] as const;

export function parseWindowMonths(text: string): number {
  const m = /^(\d{1,3})m$/.exec(text.trim());
  const n = m ? Number(m[1]) : Number.NaN;
  if (!(n >= 1 && n <= 120))
    throw new UsageError(`--window ${text} is not a window`, { hint: 'write months, e.g. --window 12m (1m to 120m)' });
  return n;
}

export function registerEcosystem(program: Command, wrap: Wrap): void {
  program
    .command('ecosystem')
    .description(
      'Hub ecosystem report: download share by developer region, concentration, sizes, licences, family table',
    )
    .option('--as-of <date>', 'report the latest snapshot on or before this date (default: today)')
    .option('--window <months>', 'how far back the series go, e.g. 12m', '12m')
    .option(
      '--format <format>',
      `output format: ${FORMATS.join(', ')} (json schema: docs/schemas/ecosystem.schema.json)`,
      'md',
    )
    .option('--out <file>', 'write the report to this file instead of stdout')
    .addHelpText(
      'after',
      '\nNeeds Hub download snapshots in the store: kept import hf-snapshot <csv or directory>\nand/or kept import hf-models <jsonl> (model records: licences, libraries, base models).\nMethod and limits: docs/ecosystem.md.',
    )
    .action(
      wrap(async (ctx, opts: { asOf?: string; window: string; format: string; out?: string }) => {
        if (!(FORMATS as readonly string[]).includes(opts.format))
          throw new UsageError(`unknown format "${opts.format}"`, { hint: `use one of: ${FORMATS.join(', ')}` });
        const asOf = parseDateOption(opts.asOf, '--as-of') ?? ctx.now();
        const windowMonths = parseWindowMonths(opts.window);
        const model = await ctx.withStore((store) => buildEcosystem(store, { asOf, windowMonths }), { readOnly: true });
        const text =
          opts.format === 'json'
            ? `${JSON.stringify(model, null, 2)}\n`
            : opts.format === 'csv'
              ? renderEcosystemCsv(model)
              : renderEcosystemMarkdown(model);
        if (opts.out) {
          try {
            writeFileSync(opts.out, text);
          } catch (err) {
            throw new InputError(`cannot write ${opts.out}: ${errorMessage(err)}`, {
              hint: 'pass --out with a path in a writable directory',
              cause: err,
            });
          }
          ctx.info(`wrote ${opts.out} (${opts.format}, snapshot ${model.snapshot})`);
        } else ctx.print(text);
        const age = (asOf.getTime() - Date.parse(`${model.snapshot}T00:00:00Z`)) / 86_400_000;
        if (age > 45)
          ctx.info(
            `note: the latest Hub snapshot is ${model.snapshot}, ${Math.round(age)} days before ${model.asOf}; import newer snapshots for a current report`,
          );
      }),
    );
}
