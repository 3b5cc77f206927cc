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
        const kept = `npx --no-install kept --db ${db}`;
        out.push(
          "- Caveat: the monthly PyPI counts include mirrors and CI; kept splits them where it reads raw download logs or ClickPy (the torch log sample: PyTorch's profile).",
          '',
          `Database: ${result.dbPath}`,
          '',
          'Next:',
        );
        // No --as-of: every view judges at the end of the latest data it reads, and says which date that is.
        const next: [string, string][] = [
          ['verdict sglang', 'a verdict on downloads, their trend and issue health'],
          ['compare vllm sglang', 'volume, growth and tier side by side'],
          ['ecosystem', 'Hub downloads by developer region, concentration, licences'],
          ['growth hf:taide/Llama3-TAIDE-LX-8B-Chat-Alpha1', 'one Hub model month by month (19 snapshots)'],
          ['serve', 'all of it in your browser (prints its URL)'],
        ];
        const width = Math.max(...next.map(([c]) => c.length));
        for (const [command, why] of next) out.push(`  ${kept} ${command.padEnd(width)}  # ${why}`);
        ctx.print(out.join('\n'));
      }),
    );
}
