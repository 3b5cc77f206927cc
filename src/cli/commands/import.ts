// `kept import <kind> <file>`: bulk imports of files users already have. The kinds and their
// importers are ingest/import/kinds.ts; this parses the arguments and prints the result.
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { InputError, UsageError } from '../../domain/errors.js';
import { isoDate } from '../../domain/time.js';
import { IMPORT_KINDS, isImportKind } from '../../ingest/import/kinds.js';
import { importRunDocument, importRunJson, importRunProgress } from '../../report/runs/import.js';
import type { Wrap } from '../context.js';
import { parseDateOption } from '../options.js';
import { addOutputOptions, emitOutput, parseOutputFormat, type OutputOptions } from '../output.js';

const KIND_NAMES = Object.keys(IMPORT_KINDS).join(', ');

export function registerImport(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('import')
    .description('import a bulk file (plain or .gz) into the store')
    .argument('<kind>', `what the file holds: ${KIND_NAMES}`)
    .argument('<file>', 'the file to import')
    .option('--at <date>', 'snapshot date (YYYY-MM-DD) for files that carry none')
    .option('--repo <owner/name>', "issues: the repository (default: from the issues' html_url)")
    .option(
      '--sample <description>',
      'issues: the file is a sample, e.g. "stratified by resolution time"; reports say so',
    );
  addOutputOptions(cmd, 'import')
    .addHelpText(
      'after',
      `\nKinds:\n${Object.entries(IMPORT_KINDS)
        .map(([k, v]) => `  ${k.padEnd(20)} ${v.description}`)
        .join('\n')}\n\nRe-importing the same file adds nothing; a failed import leaves the store as it was.`,
    )
    .action(
      wrap(
        async (
          ctx,
          kind: string,
          file: string,
          opts: OutputOptions & { at?: string; repo?: string; sample?: string },
        ) => {
          if (!isImportKind(kind))
            throw new UsageError(`unknown import kind "${kind}"`, { hint: `use one of: ${KIND_NAMES}` });
          const k = IMPORT_KINDS[kind];
          const at = parseDateOption(opts.at, '--at');
          parseOutputFormat(opts); // a wrong --format fails before the import, not after it
          if (!existsSync(file)) throw new InputError(`${file}: no such file`, { hint: 'check the path' });
          if (statSync(file).isDirectory() && !k.acceptsDirectory)
            throw new InputError(`${file}: is a directory, not a file`, { hint: 'pass a file' });
          const progress = ctx.progress(`importing ${file}`);
          const result = await ctx.withStore((store) =>
            progress.around(
              k.run(store, {
                file,
                fetchedAt: ctx.now(),
                ...(at ? { at } : {}),
                ...(opts.repo ? { repo: opts.repo } : {}),
                ...(opts.sample ? { sample: opts.sample } : {}),
              }),
              'reading',
            ),
          );
          progress.done(importRunProgress(result));
          emitOutput(ctx, importRunJson(result), () => importRunDocument(result, isoDate(ctx.now())), opts);
        },
      ),
    );
}
