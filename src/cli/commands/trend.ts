// `kept trend <subject>`: the six-month trend of one download series.
import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { formatSubject, parseSubject } from '../../domain/subject.js';
import { isoDate } from '../../domain/time.js';
import { requireDownloadSeries } from '../../pipeline/downloads.js';
import { computeTrend } from '../../signals/trend.js';
import { renderTrendMarkdown, trendJson } from '../../report/trend-output.js';
import type { Wrap } from '../main.js';
import { parseDateOption } from './import.js';

export function registerTrend(program: Command, wrap: Wrap): void {
  program
    .command('trend')
    .description('six-month download trend of a subject: growth, log-linear slope, spikes')
    .argument('<subject>', 'kind:id, e.g. pypi:vllm')
    .option('--as-of <date>', 'judge the trend as of this date (default: today)')
    .option('--json', 'print JSON (schema: docs/schemas/trend.schema.json)')
    .action(
      wrap(async (ctx, text: string, opts: { asOf?: string; json?: boolean }) => {
        const s = parseSubject(text);
        if ('error' in s) throw new UsageError(s.error);
        const asOf = parseDateOption(opts.asOf, '--as-of') ?? ctx.now();
        const series = await ctx.withStore((store) => requireDownloadSeries(store, s), { readOnly: true });
        const trend = computeTrend(series.points, asOf);
        const model = trendJson(series, trend);
        if (opts.json) ctx.printJson(model);
        else ctx.print(renderTrendMarkdown(model));
        if (!opts.json && series.latest && asOf.getTime() - series.latest.windowEnd.getTime() > 45 * 86_400_000) {
          ctx.info(
            `note: the latest data for ${formatSubject(s)} ends ${isoDate(series.latest.windowEnd)}; collect or import newer data for a current trend`,
          );
        }
      }),
    );
}
