// `kept demo`: the main job, offline, on bundled real data.
import type { Command } from 'commander';
import { join } from 'node:path';
import { defaultDataDir } from '../../config/paths.js';
import { isoDate } from '../../domain/time.js';
import { runDemo, type DemoStep } from '../../pipeline/demo.js';
import { renderDemoOverview } from '../../report/demo-md.js';
import type { Store } from '../../store/store.js';
import type { Wrap } from '../context.js';

/** Importers of further bundled data, registered by the pipelines that own those formats. */
export const DEMO_EXTRA_STEPS: ((store: Store, dataDir: string, now: Date) => Promise<DemoStep[]>)[] = [];

export function registerDemo(program: Command, wrap: Wrap): void {
  program
    .command('demo')
    .description(
      'build a fresh demo database from real data bundled with kept and print an adoption overview (no network)',
    )
    .option('--json', 'print the profiles as JSON instead of the overview')
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
          projects: ctx.projects(),
          now: ctx.now(),
          onStep: (s) => p.update(s),
          extraSteps: DEMO_EXTRA_STEPS,
          env: ctx.env,
        });
        p.done('done');
        if (opts.json) {
          ctx.printJson({
            schema: 'kept.demo/v1',
            asOf: isoDate(result.asOf),
            database: result.dbPath,
            steps: result.steps,
            profiles: result.profiles,
          });
          return;
        }
        const db = result.dbPath.includes(' ') ? `"${result.dbPath}"` : result.dbPath;
        ctx.print(
          renderDemoOverview({
            asOf: isoDate(result.asOf),
            dbPath: result.dbPath,
            steps: result.steps,
            profiles: result.profiles,
            nextSteps: [
              // The bundled data ends at the demo's as-of date: judge every view at that date.
              `npx --no-install kept --db ${db} profile vllm --as-of ${isoDate(result.asOf)}      # one project in full, with its tier`,
              `npx --no-install kept --db ${db} trend pypi:sglang --as-of ${isoDate(result.asOf)} # a trend with its spikes`,
              `npx --no-install kept --db ${db} top pypi --limit 10                  # the top of the latest snapshot`,
              `npx --no-install kept --db ${db} serve --as-of ${isoDate(result.asOf)}            # the dashboard in your browser (prints its URL)`,
            ],
          }),
        );
      }),
    );
}
