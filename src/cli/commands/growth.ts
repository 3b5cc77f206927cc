// `kept growth <subject…>`: growth between stored 30-day download snapshots (npm download-counts
// releases, pypi-top), with the equivalent month-over-month rate.
import type { Command } from 'commander';
import { NotFoundError, UsageError } from '../../domain/errors.js';
import { METRICS } from '../../domain/metrics.js';
import { formatSubject, parseSubject, type Subject } from '../../domain/subject.js';
import { isoDate } from '../../domain/time.js';
import { formatCount, formatPercent } from '../../domain/format.js';
import { computeWindowGrowth } from '../../signals/window-growth.js';
import type { Wrap } from '../context.js';

export function registerGrowth(program: Command, wrap: Wrap): void {
  program
    .command('growth')
    .description('growth between stored 30-day download snapshots, e.g. two npm download-counts releases')
    .argument('<subjects...>', 'kind:id, e.g. npm:openai npm:@huggingface/transformers')
    .option('--json', 'print JSON (schema: docs/schemas/growth.schema.json)')
    .addHelpText(
      'after',
      '\nImport snapshots first, e.g. kept import npm-download-counts download-counts-2.20251201.0.tgz (and a later release).',
    )
    .action(
      wrap(async (ctx, texts: string[], opts: { json?: boolean }) => {
        const subjects: Subject[] = texts.map((t) => {
          const s = parseSubject(t);
          if ('error' in s) throw new UsageError(s.error);
          return s;
        });
        const rows = await ctx.withStore(
          async (store) =>
            Promise.all(
              subjects.map(async (s) => ({
                s,
                obs: await store.observations({
                  subjects: [s],
                  metrics: [METRICS.downloads],
                  dims: '',
                  windowDays: 30,
                }),
              })),
            ),
          { readOnly: true },
        );
        const result = rows.map(({ s, obs }) => ({
          subject: formatSubject(s),
          sources: [...new Set(obs.map((o) => o.source))].sort(),
          pairs: computeWindowGrowth(obs),
        }));
        const empty = result.filter((r) => r.pairs.length === 0);
        if (empty.length === result.length) {
          throw new NotFoundError(
            `fewer than two 30-day snapshots stored for ${empty.map((r) => r.subject).join(', ')}`,
            {
              hint: 'import two snapshots, e.g. kept import npm-download-counts FILE for two download-counts releases',
            },
          );
        }
        if (opts.json) {
          ctx.printJson({
            schema: 'kept.growth/v1',
            subjects: result.map((r) => ({
              subject: r.subject,
              sources: r.sources,
              pairs: r.pairs.map((p) => ({
                from: isoDate(p.from.windowEnd),
                to: isoDate(p.to.windowEnd),
                fromValue: p.from.value,
                toValue: p.to.value,
                growth: p.growth,
                months: Number(p.months.toFixed(2)),
                monthlyRate: p.monthlyRate,
              })),
            })),
          });
          return;
        }
        const out = [
          '| subject | from (30 d to) | to (30 d to) | downloads | growth | per month | source |',
          '|---|---|---|---:|---:|---:|---|',
        ];
        for (const r of result) {
          if (r.pairs.length === 0)
            out.push(`| ${r.subject} | | | | unknown: fewer than two snapshots | | ${r.sources.join(', ')} |`);
          for (const p of r.pairs) {
            out.push(
              `| ${r.subject} | ${isoDate(p.from.windowEnd)} | ${isoDate(p.to.windowEnd)} | ${formatCount(p.from.value)} → ${formatCount(p.to.value)} | ${p.growth === null ? 'unknown' : formatPercent(p.growth)} | ${p.monthlyRate === null ? 'unknown' : formatPercent(p.monthlyRate)} | ${r.sources.join(', ')} |`,
            );
          }
        }
        ctx.print(out.join('\n'));
        if (result.some((r) => r.pairs.some((p) => p.months > 1.5)))
          ctx.print('\n_Snapshots more than a month apart: "per month" is the compounded rate over the gap._');
      }),
    );
}
