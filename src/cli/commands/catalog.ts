// `kept catalog`: the projects kept knows (built-in catalog plus kept.yaml) and their artifacts
// (views/catalog). The catalog is configuration: no store is opened.
import type { Command } from 'commander';
import { CATALOG_VERSION } from '../../config/catalog.js';
import { computeCatalogView } from '../../views/catalog/compute.js';
import { loadCatalog } from '../../views/catalog/load.js';
import type { Wrap } from '../context.js';
import { addOutputOptions, emitView, parseOutputFormat, type OutputOptions } from '../output.js';

export function registerCatalog(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('catalog')
    .description('list the catalog projects (built-in plus kept.yaml) and their artifacts');
  addOutputOptions(cmd, 'catalog')
    .addHelpText('after', '\nExamples:\n  kept catalog\n  kept catalog --format csv --out catalog.csv')
    .action(
      wrap(async (ctx, opts: OutputOptions) => {
        parseOutputFormat(opts); // a bad --format is a usage error before any work
        const request = {
          projects: ctx.projects(),
          version: CATALOG_VERSION,
          configPath: ctx.config.path ?? null,
          today: ctx.now(),
        };
        emitView(ctx, 'catalog', computeCatalogView(await loadCatalog(undefined, request), request), opts);
      }),
    );
}
