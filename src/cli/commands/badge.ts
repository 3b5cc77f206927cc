// `kept badge <project> --out FILE`: the dashboard's badge (tier and confidence, or 30-day
// downloads and growth) or its chart embed, written offline as the same SVG the dashboard serves.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { errorMessage, InputError, UsageError } from '../../domain/errors.js';
import {
  BADGE_STYLES,
  badgeFacts,
  CHART_THEMES,
  renderBadgeSvg,
  renderEmbedChart,
  shieldsEndpoint,
  type BadgeStyle,
  type ChartTheme,
} from '../../report/badge.js';
import type { Wrap } from '../context.js';
import { loadProfile } from './profile.js';

interface BadgeOptions {
  readonly out?: string;
  readonly style: string;
  readonly chart?: boolean;
  readonly theme: string;
  readonly json?: boolean;
  readonly asOf?: string;
}

export function registerBadge(program: Command, wrap: Wrap): void {
  program
    .command('badge')
    .description("a README badge of a project's tier (or downloads), or its chart, as SVG: the dashboard's, offline")
    .argument('<project>', 'catalog id, name, or an artifact such as pypi:vllm')
    .option('--out <file>', 'write the SVG (or JSON) to this file instead of stdout')
    .option(
      '--style <style>',
      `badge style: ${BADGE_STYLES.join(' (tier and confidence) | ')} (30-day downloads and growth)`,
      'tier',
    )
    .option('--chart', "the project's headline downloads chart instead of a badge (/chart/<project>.svg)")
    .option('--theme <theme>', `chart colours: ${CHART_THEMES.join(' | ')}`, 'light')
    .option('--json', 'the badge as shields.io endpoint JSON (schemaVersion, label, message, color)')
    .option('--as-of <date>', 'judge as of this date (default: the end of the latest usage data in the store)')
    .addHelpText(
      'after',
      '\nExamples:\n  kept badge vllm --out vllm-tier.svg\n  kept badge vllm --style downloads --out vllm-downloads.svg\n  kept badge vllm --chart --theme dark --out vllm-chart.svg',
    )
    .action(
      wrap(async (ctx, query: string, opts: BadgeOptions) => {
        if (!(BADGE_STYLES as readonly string[]).includes(opts.style))
          throw new UsageError(`--style must be one of ${BADGE_STYLES.join(', ')}`);
        if (!(CHART_THEMES as readonly string[]).includes(opts.theme))
          throw new UsageError(`--theme must be one of ${CHART_THEMES.join(', ')}`);
        if (opts.chart && opts.json) throw new UsageError('--json applies to a badge, not to --chart');
        const model = await loadProfile(ctx, query, opts.asOf);
        const facts = badgeFacts(model, opts.style as BadgeStyle);
        const text = opts.chart
          ? renderEmbedChart(model, opts.theme as ChartTheme)
          : opts.json
            ? `${JSON.stringify(shieldsEndpoint(facts), null, 2)}\n`
            : renderBadgeSvg(facts);
        if (opts.out === undefined) {
          ctx.print(text);
          return;
        }
        const path = resolve(ctx.cwd, opts.out);
        try {
          writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
        } catch (err) {
          throw new InputError(`cannot write ${path}: ${errorMessage(err)}`, {
            hint: 'pass --out with a path in an existing, writable directory',
            cause: err,
          });
        }
        ctx.info(`wrote ${path} (${opts.chart ? 'chart' : 'badge'} SVG${opts.json ? ' endpoint JSON' : ''})`);
      }),
    );
}
