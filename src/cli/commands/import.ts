// `kept import <kind> <file>`: bulk imports of files users already have.
import type { Command } from 'commander';
import { InputError, UsageError } from '../../domain/errors.js';
import { importHfModels } from '../../ingest/import/hf-models.js';
import { importHfSnapshots, importOrgRegions } from '../../ingest/import/hf-snapshot.js';
import { importPypiTop } from '../../ingest/import/pypi-top.js';
import { ISSUES_IMPORT_KIND } from './import-issues.js';
import type { Store } from '../../store/store.js';
import type { CliContext } from '../context.js';
import { REGISTRY_IMPORT_KINDS } from './import-registry-kinds.js';
import { parseDateOption } from '../options.js';
import type { Wrap } from '../context.js';

export interface ImportKind {
  readonly description: string;
  /** The kind also takes a directory (every matching file in it). */
  readonly acceptsDirectory?: boolean;
  run(ctx: CliContext, store: Store, file: string, at: Date | undefined, opts?: ImportExtraOptions): Promise<string>;
}

/** Options only some kinds read (issues: --repo, --sample). */
export interface ImportExtraOptions {
  readonly repo?: string;
  readonly sample?: string;
}

/** Import kinds by name; each returns the one-line summary to print. */
export const IMPORT_KINDS: Record<string, ImportKind> = {
  'pypi-top': {
    description:
      'top-pypi-packages snapshots: the JSON, its two-column CSV, or the multi-snapshot CSV (snapshot_date,window_days,project,downloads,source)',
    async run(ctx, store, file, at) {
      const p = ctx.progress(`importing ${file}`);
      const r = await p.around(importPypiTop(store, file, { ...(at ? { at } : {}), fetchedAt: ctx.now() }), 'reading');
      p.done(`${r.offered} rows`);
      return `imported ${file} (${r.format}): ${r.offered} rows read, ${r.added} new observations${r.added === 0 && r.offered > 0 ? ' (already stored)' : ''}${r.skipped ? `, ${r.skipped} rows skipped (invalid project name or count)` : ''}`;
    },
  },
  'hf-models': {
    description:
      'Hugging Face Hub model records (/api/models shape), JSONL or a JSON array: counters, facts and base-model relations; the snapshot date comes from --at or a _summary.csv beside the file',
    async run(ctx, store, file, at) {
      const p = ctx.progress(`importing ${file}`);
      const r = await p.around(importHfModels(store, file, { ...(at ? { at } : {}), fetchedAt: ctx.now() }), 'reading');
      p.done(`${r.records} records`);
      const dup = r.duplicates ? `, ${r.duplicates} repeated ids (the later record kept)` : '';
      return `imported ${file}: ${r.records} records, ${r.models} models, ${r.relations} base-model relations, snapshot ${r.snapshot.toISOString()} (from ${r.snapshotFrom === 'option' ? '--at' : '_summary.csv'}); ${r.added} new rows${r.added === 0 && r.offered > 0 ? ' (already stored)' : ''}${dup}`;
    },
  },
  ...REGISTRY_IMPORT_KINDS,
  'hf-snapshot': {
    description:
      'monthly Hub download snapshots, a CSV (model_url,downloads,downloadsAllTime,organization,model_name,date) or a directory of them; also stores the shipped organisation → region map and parameter counts',
    acceptsDirectory: true,
    async run(ctx, store, file) {
      const p = ctx.progress(`importing ${file}`);
      const r = await p.around(importHfSnapshots(store, file, { fetchedAt: ctx.now() }), 'reading');
      const rows = r.files.reduce((n, f) => n + f.rows, 0);
      const added = r.files.reduce((n, f) => n + f.added, 0);
      p.done(`${rows} rows`);
      return `imported ${file}: ${r.files.length} file(s), ${rows} rows read, ${added} new observations${added === 0 && rows > 0 ? ' (already stored)' : ''}; catalog: ${r.catalog.regions} organisation regions, ${r.catalog.parameters} parameter counts (${r.catalog.added} new rows)`;
    },
  },
  'org-regions': {
    description:
      'your own organisation → region map (hf_org,region,notes; region us|china|eu|other|unknown), overriding the shipped one',
    async run(ctx, store, file) {
      const r = await importOrgRegions(store, file, ctx.now());
      return `imported ${file}: ${r.regions} organisation regions, ${r.added} new facts`;
    },
  },
  issues: ISSUES_IMPORT_KIND,
};

export function registerImport(program: Command, wrap: Wrap): void {
  program
    .command('import')
    .description('import a bulk file (plain or .gz) into the store')
    .argument('<kind>', `what the file holds: ${Object.keys(IMPORT_KINDS).join(', ')}`)
    .argument('<file>', 'the file to import')
    .option('--at <date>', 'snapshot date (YYYY-MM-DD) for files that carry none')
    .option('--repo <owner/name>', "issues: the repository (default: from the issues' html_url)")
    .option(
      '--sample <description>',
      'issues: the file is a sample, e.g. "stratified by resolution time"; reports say so',
    )
    .addHelpText(
      'after',
      `\nKinds:\n${Object.entries(IMPORT_KINDS)
        .map(([k, v]) => `  ${k.padEnd(20)} ${v.description}`)
        .join('\n')}\n\nRe-importing the same file adds nothing; a failed import leaves the store as it was.`,
    )
    .action(
      wrap(async (ctx, kind: string, file: string, opts: { at?: string; repo?: string; sample?: string }) => {
        const k = IMPORT_KINDS[kind];
        if (!k)
          throw new UsageError(`unknown import kind "${kind}"`, {
            hint: `use one of: ${Object.keys(IMPORT_KINDS).join(', ')}`,
          });
        const at = parseDateOption(opts.at, '--at');
        const { existsSync, statSync } = await import('node:fs');
        if (!existsSync(file)) throw new InputError(`${file}: no such file`, { hint: 'check the path' });
        if (statSync(file).isDirectory() && !k.acceptsDirectory)
          throw new InputError(`${file}: is a directory, not a file`, { hint: 'pass a file' });
        const line = await ctx.withStore((store) =>
          k.run(ctx, store, file, at, {
            ...(opts.repo ? { repo: opts.repo } : {}),
            ...(opts.sample ? { sample: opts.sample } : {}),
          }),
        );
        ctx.print(line);
      }),
    );
}
