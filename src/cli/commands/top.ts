// `kept top pypi`: the most downloaded packages in one snapshot.
import type { Command } from 'commander';
import { NotFoundError, UsageError } from '../../domain/errors.js';
import { METRICS } from '../../domain/metrics.js';
import { formatSubject } from '../../domain/subject.js';
import { isoDate } from '../../domain/time.js';
import { formatCount } from '../../domain/format.js';
import type { Wrap } from '../context.js';
import { parseDateOption } from '../options.js';

const TOP_KINDS = ['pypi', 'npm', 'hf'] as const;

export function registerTop(program: Command, wrap: Wrap): void {
  program
    .command('top')
    .description('the most downloaded subjects of a kind in one snapshot')
    .argument('<kind>', `one of ${TOP_KINDS.join(', ')}`)
    .option('--at <date>', 'snapshot date (default: the latest stored)')
    .option('--limit <n>', 'how many rows', '20')
    .option('--json', 'print JSON (schema: docs/schemas/top.schema.json)')
    .action(
      wrap(async (ctx, kind: string, opts: { at?: string; limit: string; json?: boolean }) => {
        if (!(TOP_KINDS as readonly string[]).includes(kind))
          throw new UsageError(`unknown kind "${kind}"`, { hint: `use one of ${TOP_KINDS.join(', ')}` });
        const k = kind as (typeof TOP_KINDS)[number];
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
          throw new UsageError(`--limit ${opts.limit} is not a whole number between 1 and 100000`);
        const at = parseDateOption(opts.at, '--at');
        const result = await ctx.withStore(
          async (store) => {
            const ends = await store.windowEnds(k, METRICS.downloads);
            if (ends.length === 0)
              throw new NotFoundError(`no ${k} download snapshots in ${store.location}`, {
                hint: 'import some first, e.g. kept import pypi-top FILE, or run kept demo',
              });
            const when = at ?? ends[ends.length - 1]!;
            if (!ends.some((e) => e.getTime() === when.getTime())) {
              const nearest = [...ends]
                .sort((a, b) => Math.abs(a.getTime() - when.getTime()) - Math.abs(b.getTime() - when.getTime()))
                .slice(0, 3)
                .map(isoDate);
              throw new NotFoundError(`no ${k} snapshot dated ${isoDate(when)}`, {
                hint: `nearest snapshots: ${nearest.join(', ')}`,
              });
            }
            return {
              when,
              rows: await store.top({ subjectKind: k, metric: METRICS.downloads, windowEnd: when, limit }),
            };
          },
          { readOnly: true },
        );
        const rows = result.rows.map((r, i) => ({
          rank: i + 1,
          subject: formatSubject(r.subject),
          name: r.subject.id,
          downloads: r.value,
          source: r.source,
          origin: r.origin,
        }));
        if (opts.json) {
          ctx.printJson({
            schema: 'kept.top/v1',
            kind: k,
            snapshot: isoDate(result.when),
            metric: METRICS.downloads,
            limit,
            rows,
          });
          return;
        }
        ctx.print(
          `# Top ${k} by downloads, snapshot ${isoDate(result.when)}\n\n| # | name | downloads | source |\n|---:|---|---:|---|`,
        );
        for (const r of rows) ctx.print(`| ${r.rank} | ${r.name} | ${formatCount(r.downloads)} | ${r.source} |`);
      }),
    );
}
