// `kept contributors <path-to-clone | project>`: contributor breadth from a local clone's git
// history (streamed, ingest/contributors.ts), stored with the clone's HEAD as provenance; a project
// reads the stored result back (views/contributors).
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { findProject } from '../../config/resolve.js';
import { KeptError, NotFoundError, UsageError } from '../../domain/errors.js';
import { subject } from '../../domain/subject.js';
import { createHttpClient } from '../../http/client.js';
import { resolveUpstreams, upstreamAuth } from '../../http/upstreams.js';
import {
  collectGithubContributors,
  collectRepositoryContributors,
  storeContributors,
} from '../../ingest/contributors.js';
import { computeContributorsView } from '../../views/contributors/compute.js';
import { runNamedView } from '../../views/run.js';
import type { Wrap } from '../context.js';
import { parseDateOption } from '../options.js';
import { addOutputOptions, emitView, parseOutputFormat, type OutputOptions } from '../output.js';

interface Options extends OutputOptions {
  since?: string;
  until?: string;
  asOf?: string;
  merges?: boolean;
  mailmap?: boolean;
  affiliations?: string;
  companies?: string;
  bots?: string;
  activeMin?: string;
  project?: string;
  store?: boolean;
  github?: boolean;
  githubCompanies?: boolean;
}

export function registerContributors(program: Command, wrap: Wrap): void {
  const cmd = program
    .command('contributors')
    .description('contributor breadth from git: people, organisations, bus and elephant factors, unattributed share')
    .argument('<clone-or-project>', 'path of a local git clone, or a catalog project whose clone was analysed before')
    .option('--since <date>', 'only commits landed on or after this date (git --since)')
    .option('--until <date>', 'only commits landed before this date (git --until); also the default --as-of')
    .option('--as-of <date>', 'windows (12 and 6 months) end here (default: --until, else today)')
    .option('--merges', 'count merge commits too (default: skipped)')
    .option('--no-mailmap', "ignore the repository's .mailmap")
    .option('--affiliations <file>', 'gitdm-style file: "address-or-domain Organisation [< YYYY-MM-DD]" per line')
    .option('--companies <file>', 'JSON {"github-login-or-address": "Company"} (the GitHub company field)')
    .option('--bots <list>', 'extra bot accounts, comma-separated names or addresses, or /regex/')
    .option('--active-min <n>', 'commits in a window that make a contributor active', '3')
    .option('--project <id>', 'catalog project the clone belongs to (default: from the origin remote)')
    .option(
      '--github',
      "no clone: read the project's commits from the GitHub API (GITHUB_TOKEN advised; GITHUB_API_URL)",
    )
    .option('--github-companies', "with --github: look up each author's GitHub company (one request per login)")
    .option('--no-store', 'do not store the results');
  addOutputOptions(cmd, 'contributors')
    .addHelpText(
      'after',
      `
Reads \`git log\` of the clone (merges skipped, .mailmap applied), credits authors and
Co-authored-by trailers, keeps bots apart, and attributes each contribution to an organisation
from --affiliations, then --companies, then the e-mail domain. Free-mail and GitHub noreply
addresses, and domains only one person ever used, are unattributed, and their share is shown.
Results are stored as observations whose origin is <path>@<HEAD sha>. The git executable is
\`git\` on PATH, or $KEPT_GIT. See docs/contributors.md.`,
    )
    .action(
      wrap(async (ctx, target: string, opts: Options) => {
        parseOutputFormat(opts); // a bad --format is a usage error before any work
        const since = parseDateOption(opts.since, '--since');
        const until = parseDateOption(opts.until, '--until');
        const asOf = parseDateOption(opts.asOf, '--as-of') ?? until ?? ctx.now();
        if (since && until && since >= until)
          throw new UsageError(`--since ${opts.since} is not before --until ${opts.until}`);
        if (since && since >= asOf)
          throw new UsageError(`--since ${opts.since} is not before --as-of ${asOf.toISOString().slice(0, 10)}`, {
            hint: 'windows end at --as-of (default today): pick an earlier --since or a later --as-of',
          });
        const activeMin = Number(opts.activeMin ?? '3');
        if (!Number.isInteger(activeMin) || activeMin < 1)
          throw new UsageError(`--active-min ${opts.activeMin} is not a positive whole number`);

        const bots = opts.bots
          ? opts.bots
              .split(',')
              .map((b) => b.trim())
              .filter((b) => b !== '')
          : undefined;
        for (const b of bots ?? []) {
          if (b.length > 2 && b.startsWith('/') && b.endsWith('/')) {
            try {
              new RegExp(b.slice(1, -1), 'i');
            } catch (err) {
              throw new UsageError(`--bots ${b} is not a valid regular expression`, {
                hint: 'write /pattern/, e.g. /^ci-bot-\\d+@/',
                cause: err,
              });
            }
          }
        }

        if (opts.github) {
          // No clone: the same figures from the GitHub API, for a catalog project or owner/repo.
          const repo =
            /^[\w.-]+\/[\w.-]+$/.test(target) && !existsSync(target)
              ? target
              : findProject(ctx.projects(), target).github;
          if (!repo)
            throw new UsageError(`project ${target} has no GitHub repository in the catalog`, {
              hint: 'pass owner/repo instead',
            });
          const upstreams = resolveUpstreams(ctx.env, ctx.config.config.tokens ?? {});
          if (!upstreams.github.token)
            ctx.info(
              'note: GITHUB_TOKEN is not set: GitHub allows 60 requests/hour without it (one request per 100 commits)',
            );
          const progress = ctx.progress(`listing commits of ${repo}`);
          const report = await ctx.withStore(async (store) => {
            const http = createHttpClient({ cache: store, auth: upstreamAuth(upstreams) });
            const r = await collectGithubContributors(http, repo, {
              asOf,
              ...(since ? { since } : {}),
              ...(until ? { until } : {}),
              merges: opts.merges === true,
              ...(opts.affiliations ? { affiliationFile: opts.affiliations } : {}),
              ...(bots ? { bots } : {}),
              activeMinCommits: activeMin,
              ...(opts.project ? { project: findProject(ctx.projects(), opts.project).id } : {}),
              projects: ctx.projects(),
              companies: opts.githubCompanies === true,
              endpoints: { apiUrl: upstreams.github.apiUrl, graphqlUrl: upstreams.github.graphqlUrl },
              onProgress: (n) => progress.update(`${n} commits`),
            });
            if (opts.store !== false) {
              const w = await storeContributors(store, r, ctx.now());
              ctx.info(
                `stored ${w.added} new observations and records (batch ${w.batchId}) from https://github.com/${repo}`,
              );
            }
            return r;
          });
          progress.done(`${report.windows[0]?.commits ?? 0} commits`);
          emitView(ctx, 'contributors', computeContributorsView(report), opts);
          return;
        }

        if (!existsSync(target)) {
          // Not a path: a project analysed before.
          const project = findProject(ctx.projects(), target);
          // No database yet simply means nothing was analysed: say how to analyse, not how to create a database.
          const location = ctx.storeLocation();
          const none = (cause?: unknown): NotFoundError =>
            new NotFoundError(`no contributor data for project ${project.id} and no directory "${target}"`, {
              hint: project.github
                ? `clone it and analyse the clone: git clone https://github.com/${project.github} DIR && kept contributors DIR`
                : 'analyse a local clone: kept contributors DIR --project ' + project.id,
              ...(cause === undefined ? {} : { cause }),
            });
          if (!location.includes('://') && !existsSync(location)) throw none();
          const model = await ctx
            .withStore(
              (store) =>
                runNamedView('contributors', store, { subject: subject('project', project.id), today: ctx.now() }),
              { readOnly: true },
            )
            .catch((err: unknown) => {
              throw err instanceof KeptError && err.code === 'not-found' ? none(err) : err;
            });
          emitView(ctx, 'contributors', model, opts);
          return;
        }

        const progress = ctx.progress(`reading git history of ${target}`);
        const report = await collectRepositoryContributors(target, {
          asOf,
          ...(since ? { since } : {}),
          ...(until ? { until } : {}),
          merges: opts.merges === true,
          mailmap: opts.mailmap !== false,
          ...(opts.affiliations ? { affiliationFile: opts.affiliations } : {}),
          ...(opts.companies ? { companiesFile: opts.companies } : {}),
          ...(bots ? { bots } : {}),
          activeMinCommits: activeMin,
          ...(opts.project ? { project: findProject(ctx.projects(), opts.project).id } : {}),
          projects: ctx.projects(),
          ...(ctx.env.KEPT_GIT ? { git: ctx.env.KEPT_GIT } : {}),
          onProgress: (n) => progress.update(`${n} commits`),
        });
        progress.done(`${report.windows[0]?.commits ?? 0} commits`);
        if (opts.store !== false) {
          const r = await ctx.withStore((store) => storeContributors(store, report, ctx.now()));
          ctx.info(
            `stored ${r.added} new observations and records (batch ${r.batchId}) from ${report.source.path}@${report.source.head.slice(0, 12)}`,
          );
        }
        emitView(ctx, 'contributors', computeContributorsView(report), opts);
      }),
    );
}
