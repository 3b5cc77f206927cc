// `kept serve`: the local dashboard over the store, read-only, until Ctrl-C.
import type { Command } from 'commander';
import { resolveGapFamilies } from '../../config/gap-families.js';
import { UsageError } from '../../domain/errors.js';
import { isLoopback, startDashboard } from '../../web/server.js';
import { verdictOptionsFromConfig } from '../verdict-options.js';
import type { Wrap } from '../context.js';
import { parseDateOption } from '../options.js';

export function registerServe(program: Command, wrap: Wrap): void {
  program
    .command('serve')
    .description(
      'a local web dashboard over the store: overview, project pages with charts, compare, JSON behind every page',
    )
    .option('--port <n>', 'TCP port (0: any free port)', '0')
    .option(
      '--host <address>',
      'address to bind; anything but loopback exposes the dashboard to your network',
      '127.0.0.1',
    )
    .option('--allow-public', 'allow a non-loopback --host (the dashboard has no authentication)')
    .option(
      '--as-of <date>',
      'judge figures as of this date (default: each page the end of the latest data it reads, as kept <view> does)',
    )
    .addHelpText(
      'after',
      '\nThe store is opened read-only. Stop with Ctrl-C.\nExample:\n  kept --db ~/.local/share/kept/demo.duckdb serve --port 8421',
    )
    .action(
      wrap(async (ctx, opts: { port: string; host: string; asOf?: string; allowPublic?: boolean }) => {
        const port = Number(opts.port);
        if (!/^\d+$/.test(opts.port) || port > 65535)
          throw new UsageError(`--port ${opts.port} is not a port number`, {
            hint: 'use 0 to 65535 (0 picks a free port)',
          });
        if (!/^[\w.:-]+$/.test(opts.host))
          throw new UsageError(`--host ${opts.host} is not an address`, { hint: 'e.g. --host 127.0.0.1' });
        if (!isLoopback(opts.host) && !opts.allowPublic)
          throw new UsageError(`refusing to serve on ${opts.host}: the dashboard has no authentication`, {
            hint: 'bind 127.0.0.1 (the default), or add --allow-public to expose it to your network',
          });
        const asOf = parseDateOption(opts.asOf, '--as-of');
        await ctx.withStore(
          async (store) => {
            const dash = await startDashboard({
              store,
              projects: ctx.projects(),
              asOf,
              host: opts.host,
              port,
              allowPublic: opts.allowPublic === true,
              log: (l) => ctx.warn(l),
              profile: { verdict: verdictOptionsFromConfig(ctx), gap: resolveGapFamilies(ctx.config.config.gap) },
              organizations: ctx.config.config.organizations,
            });
            if (!isLoopback(opts.host))
              ctx.warn(
                `the dashboard listens on ${opts.host}: anyone who can reach this address can read it (no authentication)`,
              );
            ctx.print(
              `kept dashboard: ${dash.url}  (store ${store.location}, as of ${await dash.asOf()}${asOf ? '' : ', the latest data'}; Ctrl-C to stop)`,
            );
            await new Promise<void>((resolve) => {
              const stop = (): void => {
                process.off('SIGINT', stop);
                process.off('SIGTERM', stop);
                resolve();
              };
              process.once('SIGINT', stop);
              process.once('SIGTERM', stop);
            });
            await dash.close();
            ctx.info('kept dashboard stopped');
          },
          { readOnly: true },
        );
      }),
    );
}
