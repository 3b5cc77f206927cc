// `kept digest --since 7d` (or --from/--to): what changed in the store between two dates, ranked
// (views/digest); `--webhook URL` also posts it, once, as JSON or a Slack text payload.
import type { Command } from 'commander';
import { findProject } from '../../config/resolve.js';
import { UsageError } from '../../domain/errors.js';
import { addDays, addMonths, isoDate, utcDay } from '../../domain/time.js';
import { digestSlackPayload } from '../../report/views/digest.js';
import { runNamedView } from '../../views/run.js';
import type { Wrap } from '../context.js';
import { parseDateOption } from '../options.js';
import { addOutputOptions, emitView, parseOutputFormat, type OutputOptions } from '../output.js';
import { verdictOptionsFromConfig } from '../verdict-options.js';
import { postWebhook, registerWebhookUrl } from '../webhook.js';

/** `7d`, `2w`, `3m`, `1y` before `to`. */
export function parseSince(text: string, to: Date): Date {
  const m = /^(\d{1,4})([dwmy])$/.exec(text.trim());
  const n = m ? Number(m[1]) : Number.NaN;
  if (!m || !(n >= 1))
    throw new UsageError(`--since ${text} is not a duration`, {
      hint: 'write days, weeks, months or years, e.g. --since 7d, --since 2w, --since 3m, --since 1y',
    });
  const unit = m[2];
  if (unit === 'd') return addDays(to, -n);
  if (unit === 'w') return addDays(to, -7 * n);
  return addMonths(to, unit === 'm' ? -n : -12 * n);
}

function parseTimeout(text: string): number {
  const s = Number(text);
  if (!(s > 0 && s <= 300))
    throw new UsageError(`--webhook-timeout ${text} is not a timeout`, { hint: 'pass seconds, from 0.1 to 300' });
  return Math.round(s * 1000);
}

interface DigestOptions extends OutputOptions {
  readonly since?: string;
  readonly from?: string;
  readonly to?: string;
  readonly webhook?: string;
  readonly webhookFormat: string;
  readonly webhookTimeout: string;
}

export function registerDigest(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('digest')
    .description(
      'what changed between two dates: tiers, confidence, checklist flips, spikes and their decay, growth crossing ±25%, breaking releases, deprecations, contributor breadth, new large derivatives; ranked',
    )
    .argument('[projects...]', 'only these projects (catalog ids, names or artifacts); default the whole catalog')
    .option('--since <duration>', 'the period before --to (default 7d): e.g. 7d, 2w, 3m, 1y')
    .option('--from <date>', 'start of the period (exclusive), instead of --since')
    .option('--to <date>', 'end of the period (inclusive; default today)')
    .option('--webhook <url>', 'also POST the digest to this URL, once (a secret: never printed or stored)')
    .option(
      '--webhook-format <format>',
      'json (the digest model) or slack (a Slack-compatible {"text"} payload)',
      'json',
    )
    .option('--webhook-timeout <seconds>', 'how long to wait for the webhook; it is never retried', '10');
  addOutputOptions(cmd, 'digest')
    .addHelpText(
      'after',
      '\nExamples:\n  kept digest --since 7d\n  kept digest --from 2026-01-01 --to 2026-04-01 --format html --out digest.html\n  kept digest vllm sglang --since 1m --webhook "$SLACK_WEBHOOK" --webhook-format slack\n\nRanking and the kinds of change: docs/digest.md.',
    )
    .action(
      wrap(async (ctx, queries: string[], opts: DigestOptions) => {
        // The URL is registered for redaction before anything else can fail and print it.
        if (opts.webhook !== undefined) registerWebhookUrl(opts.webhook);
        parseOutputFormat(opts); // a bad --format is a usage error before any work
        const webhookFormat = opts.webhookFormat.toLowerCase();
        if (webhookFormat !== 'json' && webhookFormat !== 'slack')
          throw new UsageError(`--webhook-format ${opts.webhookFormat} is not a webhook format`, {
            hint: 'use json or slack',
          });
        const timeoutMs = parseTimeout(opts.webhookTimeout);
        if (opts.since !== undefined && opts.from !== undefined)
          throw new UsageError('--since and --from contradict each other', { hint: 'pass one of them' });
        const to = parseDateOption(opts.to, '--to') ?? utcDay(ctx.now());
        const from = parseDateOption(opts.from, '--from') ?? parseSince(opts.since ?? '7d', to);
        if (from.getTime() >= to.getTime())
          throw new UsageError(`the period is empty: ${isoDate(from)} is not before ${isoDate(to)}`, {
            hint: 'pass --from before --to',
          });
        const all = ctx.projects();
        const projects = queries.length ? queries.map((q) => findProject(all, q)) : all;
        const settings = verdictOptionsFromConfig(ctx);
        const model = await ctx.withStore(
          (store) =>
            runNamedView('digest', store, {
              from,
              to,
              projects,
              settings,
              today: ctx.now(),
              ...(queries.length ? { scope: projects.map((p) => p.id) } : {}),
            }),
          { readOnly: true },
        );
        emitView(ctx, 'digest', model, opts);
        if (opts.webhook !== undefined) {
          const body = webhookFormat === 'slack' ? digestSlackPayload(model) : model;
          const { status } = await postWebhook({ url: opts.webhook, body, timeoutMs });
          ctx.info(`posted the digest to the webhook (${webhookFormat}, HTTP ${status})`);
        }
      }),
    );
}
