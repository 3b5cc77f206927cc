// `kept demo`: builds the demo database offline from real data bundled with kept, prints the
// catalog overview (views/overview) judged at the bundled data's last date, then where the data
// came from and what to run next.
import type { Command } from 'commander';
import { join } from 'node:path';
import { defaultDataDir } from '../../config/paths.js';
import { isoDate } from '../../domain/time.js';
import { runDemo } from '../../ingest/demo.js';
import { renderMarkdown } from '../../report/render-markdown.js';
import { viewDocument } from '../../report/views/index.js';
import { openStore } from '../../store/open.js';
import { runNamedView } from '../../views/run.js';
import type { Wrap } from '../context.js';
import { verdictOptionsFromConfig } from '../verdict-options.js';

export function registerDemo(program: Command, wrap: Wrap): void {
  program
    .command('demo')
    .description(
      'build a fresh demo database from real data bundled with kept and print an adoption overview (no network)',
    )
    .option('--json', 'print the steps and the overview as JSON (the overview is kept.overview/v1)')
    .addHelpText(
      'after',
      '\nThe demo database is $XDG_DATA_HOME/kept/demo.duckdb unless --db is given; it is replaced on every run\n(kept refuses to replace a database that was not made by kept demo).',
    )
    .action(
      wrap(async (ctx, opts: { json?: boolean }) => {
        const dbPath = ctx.globals.db ?? join(defaultDataDir(ctx.env), 'demo.duckdb');
        const p = ctx.progress('kept demo');
        const result = await runDemo({
          dbPath,
          now: ctx.now(),
          onStep: (s) => p.update(s),
          env: ctx.env,
        });
        const projects = ctx.projects();
        p.update(`judging ${projects.length} projects as of ${isoDate(result.asOf)}`);
        const settings = verdictOptionsFromConfig(ctx);
        // The demo database, whatever store kept.yaml names.
        const store = await openStore(dbPath, { readOnly: true, env: ctx.env });
        // No as-of date: the overview judges at the end of the bundled data, and says so.
        const overview = await runNamedView('overview', store, {
          projects,
          settings,
          today: ctx.now(),
        }).finally(() => store.close());
        p.done('done');
        if (opts.json) {
          ctx.printJson({
            schema: 'kept.demo/v2',
            asOf: isoDate(result.asOf),
            database: result.dbPath,
            steps: result.steps,
            overview,
          });
          return;
        }
        const db = result.dbPath.includes(' ') ? `"${result.dbPath}"` : result.dbPath;
        const out = [
          renderMarkdown(viewDocument('overview', overview)).trimEnd(),
          '',
          'Data (bundled, real, offline):',
        ];
        for (const s of result.steps) out.push(`- ${s.what}: ${s.rows} rows from ${s.file} (${s.origin})`);
        out.push(
          '- Caveat: these PyPI counts include mirrors and CI; kept separates them when it reads raw download logs or ClickPy.',
          '',
          `Database: ${result.dbPath}`,
          '',
          'Next:',
          // Every view judges at the end of the latest data it reads unless --as-of says otherwise.
          `  npx --no-install kept --db ${db} profile vllm          # one project in full, with its tier`,
          `  npx --no-install kept --db ${db} trend pypi:sglang     # a trend with its spikes`,
          `  npx --no-install kept --db ${db} top pypi --limit 10   # the top of the latest snapshot`,
          `  npx --no-install kept --db ${db} ecosystem             # Hub downloads by developer region`,
          `  npx --no-install kept --db ${db} serve                 # the dashboard in your browser (prints its URL)`,
        );
        ctx.print(out.join('\n'));
      }),
    );
}
