// `kept collect [project…]`: live collection from the upstream APIs into the store, resumable and
// rate-limit aware. Progress and waits on stderr; the summary (and what failed, and why) on stdout.
import type { Command } from 'commander';
import { KeptError, UsageError } from '../../domain/errors.js';
import { httpOptionsFromEnv } from '../../http/client.js';
import { resolveUpstreams } from '../../http/upstreams.js';
import {
  collectProjects,
  DEFAULT_PROJECT_DEADLINE_MS,
  DEFAULT_RUN_DEADLINE_MS,
  formatDuration,
  type CollectSummary,
} from '../../ingest/collect/run.js';
import { collectors } from '../../ingest/collect/collectors.js';
import type { Collector } from '../../ingest/collect/contract.js';
import { findProject } from '../../config/resolve.js';
import { isoDate } from '../../domain/time.js';
import { collectRunDocument } from '../../report/runs/collect.js';
import type { Wrap } from '../context.js';
import { parseDateOption } from '../options.js';
import { addOutputOptions, emitOutput, parseOutputFormat, type OutputOptions } from '../output.js';

export const DEFAULT_STAR_BUDGET = 1000;

/** `90s`, `10m`, `1h`, `1h30m` → ms. */
export function parseDuration(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const text = value.trim().toLowerCase();
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(ms|min|s|m|h)/g)];
  const whole = parts.map((m) => m[0]).join('');
  if (parts.length === 0 || whole.replace(/\s+/g, '') !== text.replace(/\s+/g, ''))
    throw new UsageError(`${flag} ${value} is not a duration`, { hint: `e.g. ${flag} 10m (units: s, m, h)` });
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };
  const ms = parts.reduce((n, m) => n + Number(m[1]) * unit[m[2]!]!, 0);
  if (!(ms >= 1000)) throw new UsageError(`${flag} ${value} is shorter than a second`, { hint: `e.g. ${flag} 10m` });
  return Math.round(ms);
}

function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`${flag} ${value} is not a positive whole number`, { hint: `e.g. ${flag} ${fallback}` });
  return Number(value);
}

export function registerCollect(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('collect')
    .description(
      'collect live data (GitHub, the Hugging Face Hub, PyPI/npm/Docker Hub/GHCR/Ollama and reverse dependencies) for catalog projects',
    )
    .argument('[project...]', 'catalog or kept.yaml project ids (default: all of them)')
    .option('-p, --project <id...>', 'project ids (the same as naming them as arguments)')
    .option(
      '--since <date>',
      'collect issues and pull requests updated since this date (default: since the last run; 90 days the first time)',
    )
    .option(
      '--exact-stars',
      "also walk the stargazer list star by star where the token may list it (a repository's admins and collaborators): a refinement stored beside the star history",
    )
    .option(
      '--budget <n>',
      `most stargazer pages one repository's exact walk (--exact-stars) reads in a run; it continues on the next (default ${DEFAULT_STAR_BUDGET})`,
    )
    .option(
      '--deadline <duration>',
      `the whole run's time limit, e.g. 30m (default ${formatDuration(DEFAULT_RUN_DEADLINE_MS)}); what is not done by then fails with the reason`,
    )
    .option(
      '--project-deadline <duration>',
      `each project's time limit in each source (default ${formatDuration(DEFAULT_PROJECT_DEADLINE_MS)})`,
    )
    .option('--concurrency <n>', 'projects collected at once (default 4)')
    .option('--sources <names>', `comma-separated sources to collect: ${SOURCE_NAMES.join(', ')} (default: all)`);
  addOutputOptions(cmd, 'collect')
    .addHelpText(
      'after',
      `
Upstreams and tokens come from the environment, the way the upstreams' own tools read them:
  GITHUB_API_URL, GITHUB_GRAPHQL_URL   GitHub (Enterprise Server) API base URLs
  GITHUB_TOKEN (or GH_TOKEN)           raises GitHub's limit from 60 to 5,000 requests/hour
  HF_ENDPOINT, HF_TOKEN                the Hugging Face Hub
  KEPT_PYPI_URL, KEPT_PYPISTATS_URL, KEPT_NPM_DOWNLOADS_URL, npm_config_registry, KEPT_DOCKERHUB_URL,
  KEPT_GITHUB_WEB_URL, KEPT_OLLAMA_URL, KEPT_DEPSDEV_URL, KEPT_ECOSYSTEMS_URL
                                       registry mirrors (default: the public services)
  KEPT_HTTP_TIMEOUT_MS, KEPT_HTTP_BACKOFF_MS, KEPT_HTTP_MAX_BODY_MB   client tuning (30 s, 1 s, 64 MB)
Tokens may also be set in kept.yaml under tokens:. They never appear in output, logs or the store.

Star history comes from GitHub's /stargazers/history (stars still held, by the day they were
given); the stargazer list itself answers only a repository's admins and collaborators, so kept
asks it once per repository and records "restricted" when it is closed.

Each host is checked with one request first: one that does not answer fails its parts in seconds.
Nothing runs past --deadline / --project-deadline: what is cut off fails with the reason.

Run it again at any time: a killed run loses nothing; the next run continues from the GitHub
checkpoints and repeats an unfinished Hub model tree whole (its requests answered 304 from the
ETag cache), and a repeated run on unchanged data costs (almost) only conditional requests,
which GitHub does not count against its limit.`,
    )
    .action(
      wrap(
        async (
          ctx,
          args: string[],
          opts: OutputOptions & {
            project?: string[];
            since?: string;
            budget?: string;
            concurrency?: string;
            sources?: string;
            exactStars?: boolean;
            deadline?: string;
            projectDeadline?: string;
          },
        ) => {
          parseOutputFormat(opts); // a wrong --format fails before the run, not after it
          const chosen = pickCollectors(collectors(ctx.env), opts.sources);
          const ids = [...args, ...(opts.project ?? [])];
          const since = parseDateOption(opts.since, '--since');
          const budget = positiveInt(opts.budget, '--budget', DEFAULT_STAR_BUDGET);
          const concurrency = positiveInt(opts.concurrency, '--concurrency', 4);
          const deadlineMs = parseDuration(opts.deadline, '--deadline', DEFAULT_RUN_DEADLINE_MS);
          const projectDeadlineMs = parseDuration(
            opts.projectDeadline,
            '--project-deadline',
            Math.min(deadlineMs, DEFAULT_PROJECT_DEADLINE_MS),
          );
          const all = ctx.projects();
          const projects = ids.length ? ids.map((id) => findProject(all, id)) : all;
          const upstreams = resolveUpstreams(ctx.env, ctx.config.config.tokens ?? {});
          if (!upstreams.github.token && chosen.some((c) => c.name === 'github'))
            ctx.info('note: GITHUB_TOKEN is not set: GitHub allows 60 requests/hour without it (5,000 with it)');
          const progress = ctx.progress('collect');
          const summary = await ctx.withStore((store) =>
            collectProjects(store, projects, {
              upstreams,
              collectors: chosen,
              asOf: ctx.now(),
              budget,
              concurrency,
              deadlineMs,
              projectDeadlineMs,
              http: httpOptionsFromEnv(ctx.env),
              ...(since ? { since } : {}),
              ...(opts.exactStars ? { exactStars: true } : {}),
              onProgress: (line) => progress.update(line),
              onNotice: (line) => ctx.info(`kept: ${line}`),
            }),
          );
          progress.done();
          emitOutput(
            ctx,
            { schema: 'kept.collect/v1', ...summary },
            () => collectRunDocument(summary, isoDate(ctx.now())),
            opts,
          );
          if (summary.failures.length) throw collectFailed(summary, (line) => ctx.info(line));
        },
      ),
    );
}

/**
 * The run's failure: one line per host whose requests failed (with the variables that set its URL),
 * then the error the CLI ends with: rows stored and parts failed, and what to do.
 */
function collectFailed(summary: CollectSummary, line: (text: string) => void): KeptError {
  for (const h of summary.failedHosts)
    line(
      `kept: ${h.host}: ${h.parts} part${h.parts === 1 ? '' : 's'} failed (${h.reason}); check the connection${h.variables.length ? ` or ${h.variables.join(', ')}` : ''}`,
    );
  const n = summary.failures.length;
  const vars = [...new Set(summary.failedHosts.flatMap((h) => h.variables))];
  return new KeptError('http', `${summary.added} new rows; ${n} part${n === 1 ? '' : 's'} failed`, {
    hint: vars.length
      ? `the failures above name each part and why; check the connection or ${vars.join(', ')}, then run kept collect again`
      : 'the failures above name each part and why; run kept collect again to retry them',
  });
}

/** Source names for --sources, each naming one collector. */
const SOURCE_NAMES = ['github', 'hf', 'registries'] as const;
const COLLECTOR_OF: Readonly<Record<(typeof SOURCE_NAMES)[number], string>> = {
  github: 'github',
  hf: 'hf-api',
  registries: 'registries',
};

function pickCollectors(all: readonly Collector[], names: string | undefined): readonly Collector[] {
  if (names === undefined) return all;
  const wanted = names
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  const unknown = wanted.filter((n) => !(SOURCE_NAMES as readonly string[]).includes(n));
  if (unknown.length || wanted.length === 0)
    throw new UsageError(`--sources: unknown source "${unknown[0] ?? names}"`, {
      hint: `use a comma-separated list of ${SOURCE_NAMES.join(', ')}`,
    });
  const ids = new Set(wanted.map((n) => COLLECTOR_OF[n as (typeof SOURCE_NAMES)[number]]));
  return all.filter((c) => ids.has(c.name));
}
