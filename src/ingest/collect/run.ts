// `kept collect`: runs every applicable collector for each project, projects in parallel within the
// HTTP client's per-host limits, through one client whose ETag cache lives in the store. Idempotent
// and resumable: every part writes idempotent batches and checkpoints, so a killed run continues
// (a Hub model tree is written whole, so a tree cut short is fetched again: 304s from the cache).
// Bounded in time: one connectivity check per host before the plan (an unreachable host fails its
// parts in seconds), a deadline for the run and one for each project that no request, wait or retry
// passes, and progress that moves while the run waits. The clock and the interval timer are
// injected, so the bounds are tested on a fake clock.
import type { Project } from '../../domain/project.js';
import { boundClient } from '../../http/bound-client.js';
import { CHECK_TIMEOUT_MS, createHttpClient, type KeptHttpClient } from '../../http/client.js';
import type { HostStats } from '../../http/host-limiter.js';
import type { Deadline, HttpEvent } from '../../http/http-client.js';
import { upstreamAuth, type Upstreams } from '../../http/upstreams.js';
import type { Store } from '../../store/store.js';
import { collectors as allCollectors } from './collectors.js';
import {
  collectFailure,
  type CollectFailure,
  type CollectNote,
  type CollectOptions,
  type Collector,
} from './contract.js';

export interface CollectProgress {
  readonly collector: string;
  readonly done: number;
  readonly total: number;
  /** Parts of this source that failed. */
  readonly failed: number;
}

/** The default time limits: the whole run, and each project's work in one source. */
export const DEFAULT_RUN_DEADLINE_MS = 60 * 60_000;
export const DEFAULT_PROJECT_DEADLINE_MS = 10 * 60_000;
/** How often progress is redrawn while nothing else happens. */
export const PROGRESS_TICK_MS = 2_000;

export interface IntervalTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface CollectRunOptions extends CollectOptions {
  readonly upstreams: Upstreams;
  readonly fetch?: typeof fetch;
  /** Projects collected at once (default 4). */
  readonly concurrency?: number;
  readonly collectors?: readonly Collector[];
  /** Client overrides for tests (sleep, clock, retry timings); its `now` is the run's clock too. */
  readonly http?: Parameters<typeof createHttpClient>[0];
  /** The whole run's time limit, ms (default 60 min): work not started by then fails as not started. */
  readonly deadlineMs?: number;
  /** Each project's time limit in each source, ms (default 10 min, never past the run's). */
  readonly projectDeadlineMs?: number;
  /** One connectivity check per host before the plan, with this timeout (default 5 s); 0 skips it. */
  readonly checkTimeoutMs?: number;
  /** The timer that redraws progress while the run waits (default: the global one). */
  readonly timers?: IntervalTimers;
  onProgress?(line: string): void;
  onNotice?(line: string): void;
}

/** Parts that failed on one upstream host, with the first reason and the variables that set its URL. */
export interface FailedHost {
  readonly host: string;
  readonly parts: number;
  readonly reason: string;
  readonly variables: readonly string[];
}

export interface CollectSummary {
  readonly projects: number;
  /** Data rows newly stored. */
  readonly added: number;
  /** Rows newly stored that only say why a figure is unknown. */
  readonly explained: number;
  readonly failures: readonly CollectFailure[];
  readonly failedHosts: readonly FailedHost[];
  readonly notes: readonly CollectNote[];
  readonly hosts: Readonly<Record<string, Readonly<HostStats>>>;
  readonly bySource: readonly CollectProgress[];
  readonly limits: { readonly runMs: number; readonly projectMs: number };
}

function hhmmss(d: Date): string {
  return `${d.toISOString().slice(11, 19)} UTC`;
}

/** 600000 → "10 min", 45000 → "45 s", 5400000 → "90 min". */
export function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1000) return `${Math.round(ms / 1000)} s`;
  return `${ms} ms`;
}

/** One progress line: per source done/total, then per host requests, 304s, rate remaining, waits and requests in flight. */
export function formatProgress(
  bySource: readonly CollectProgress[],
  hosts: Readonly<Record<string, Readonly<HostStats>>>,
  current: string,
  inFlight: Readonly<Record<string, number>> = {},
): string {
  const sources = bySource
    .map((p) => `${p.collector} ${p.done}/${p.total}${p.failed ? ` (${p.failed} failed)` : ''}`)
    .join(', ');
  const hs = Object.entries(hosts)
    .map(
      ([h, st]) =>
        `${h}: ${st.requests} req (${st.notModified} × 304)${st.rateRemaining === undefined ? '' : `, ${st.rateRemaining} left`}${st.pauses ? `, ${st.pauses} wait${st.pauses > 1 ? 's' : ''}` : ''}${inFlight[h] ? `, ${inFlight[h]} waiting for an answer` : ''}`,
    )
    .join('; ');
  return [sources, hs, current].filter(Boolean).join(' | ');
}

/** The URL a connectivity check asks: GitHub's /rate_limit (free against its limit), else the base URL itself. */
function checkUrl(base: string, upstreams: Upstreams): string {
  return base === upstreams.github.apiUrl ? `${base}/rate_limit` : base;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

export async function collectProjects(
  store: Store,
  projects: readonly Project[],
  o: CollectRunOptions,
): Promise<CollectSummary> {
  const collectors = o.collectors ?? allCollectors({});
  const now = o.http?.now ?? Date.now;
  const timers: IntervalTimers = o.timers ?? {
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
  };
  const runMs = o.deadlineMs ?? DEFAULT_RUN_DEADLINE_MS;
  const projectMs = Math.min(runMs, o.projectDeadlineMs ?? DEFAULT_PROJECT_DEADLINE_MS);
  const started = now();
  const runDeadline: Deadline = { at: started + runMs, label: `the run's time limit (${formatDuration(runMs)})` };
  const onEvent = (e: HttpEvent): void => {
    if (e.type === 'pause') o.onNotice?.(`${e.host}: ${e.reason}, waiting until ${hhmmss(e.until)}`);
    o.http?.onEvent?.(e);
  };
  const http: KeptHttpClient = createHttpClient({
    ...(o.http ?? {}),
    ...(o.fetch ? { fetch: o.fetch } : {}),
    cache: store,
    auth: upstreamAuth(o.upstreams),
    onEvent,
  });
  const work: { project: Project; collector: Collector }[] = [];
  for (const p of projects) for (const c of collectors) if (c.appliesTo(p)) work.push({ project: p, collector: c });
  const bySource = new Map<string, { done: number; total: number; failed: number }>();
  for (const w of work) {
    const e = bySource.get(w.collector.name) ?? { done: 0, total: 0, failed: 0 };
    e.total++;
    bySource.set(w.collector.name, e);
  }
  const progressList = (): CollectProgress[] => [...bySource].map(([collector, v]) => ({ collector, ...v }));
  const failures: CollectFailure[] = [];
  const notes: CollectNote[] = [];
  let added = 0;
  let explained = 0;
  let next = 0;
  let current = '';
  const report = (): void => o.onProgress?.(formatProgress(progressList(), http.stats(), current, http.inFlight()));
  // Progress moves while the run waits for an answer or a rate limit, not only when a part ends.
  const ticker = timers.setInterval(report, PROGRESS_TICK_MS);
  try {
    // One cheap request per host before the plan: a host that does not answer fails its parts in seconds.
    const checkMs = o.checkTimeoutMs ?? CHECK_TIMEOUT_MS;
    if (checkMs > 0 && work.length > 0) {
      const urls = new Map<string, string>();
      for (const w of work)
        for (const base of w.collector.baseUrls(w.project, o.upstreams)) {
          const host = hostOf(base.url);
          if (host && !urls.has(host)) urls.set(host, checkUrl(base.url, o.upstreams));
        }
      current = `checking that ${urls.size} host${urls.size === 1 ? '' : 's'} answer`;
      report();
      // A host that fails it is named once, at the end, with its parts and the variables that set it.
      await Promise.all([...urls.values()].map((u) => http.checkHost(u, { timeoutMs: checkMs })));
    }

    async function worker(): Promise<void> {
      for (;;) {
        const w = work[next++];
        if (!w) return;
        const { project, collector } = w;
        const source = bySource.get(collector.name)!;
        const begin = now();
        if (begin >= runDeadline.at) {
          failures.push(
            collectFailure(
              collector.name,
              project.id,
              'all',
              project.id,
              `not started: ${runDeadline.label} passed first`,
            ),
          );
          source.failed++;
          source.done++;
          continue;
        }
        const deadline: Deadline =
          begin + projectMs < runDeadline.at
            ? { at: begin + projectMs, label: `the project's time limit (${formatDuration(projectMs)})` }
            : runDeadline;
        try {
          const outcome = await collector.collect({
            project,
            store,
            http: boundClient(http, { deadline }),
            upstreams: o.upstreams,
            options: {
              asOf: o.asOf,
              budget: o.budget,
              ...(o.since ? { since: o.since } : {}),
              ...(o.exactStars ? { exactStars: true } : {}),
            },
            progress: (part, done, total) => {
              current = `${project.id} ${part} ${done}${total === undefined ? '' : `/${total}`}`;
              report();
            },
            notice: (text) => o.onNotice?.(text),
          });
          added += outcome.added;
          explained += outcome.explained ?? 0;
          failures.push(...outcome.failures);
          notes.push(...(outcome.notes ?? []));
          source.failed += outcome.failures.length;
        } catch (err) {
          // A collector that throws is a bug or an outage; the run goes on with the other projects.
          failures.push(collectFailure(collector.name, project.id, 'all', project.id, err));
          source.failed++;
        }
        source.done++;
        report();
      }
    }
    const n = Math.max(1, Math.min(o.concurrency ?? 4, work.length));
    await Promise.all(Array.from({ length: n }, () => worker()));
  } finally {
    timers.clearInterval(ticker);
  }
  return {
    projects: projects.length,
    added,
    explained,
    failures,
    failedHosts: failedHosts(failures, planVariables(work, o.upstreams)),
    notes,
    hosts: http.stats(),
    bySource: progressList(),
    limits: { runMs, projectMs },
  };
}

/** The variables that set the base URLs this plan asks for, by host. */
function planVariables(
  work: readonly { project: Project; collector: Collector }[],
  upstreams: Upstreams,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const w of work)
    for (const base of w.collector.baseUrls(w.project, upstreams)) {
      const host = hostOf(base.url);
      if (!host) continue;
      const names = (out[host] ??= []);
      if (!names.includes(base.variable)) names.push(base.variable);
    }
  return out;
}

/** Failures grouped by the host their request went to, in order of first failure. */
export function failedHosts(
  failures: readonly CollectFailure[],
  variables: Readonly<Record<string, readonly string[]>>,
): FailedHost[] {
  const by = new Map<string, { parts: number; reason: string }>();
  for (const f of failures) {
    if (!f.host) continue;
    const e = by.get(f.host);
    if (e) e.parts++;
    else {
      const reason = f.error.replace(/^\[[A-Z]+\] \S+: /, '');
      by.set(f.host, { parts: 1, reason: /^not sent: \S+ is unreachable \((.*)\)$/.exec(reason)?.[1] ?? reason });
    }
  }
  return [...by].map(([host, e]) => ({ host, ...e, variables: [...(variables[host] ?? [])] }));
}
