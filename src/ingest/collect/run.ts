// `kept collect`: runs every applicable collector for each project, projects in parallel within the
// HTTP client's per-host limits, through one client whose ETag cache lives in the store. Idempotent
// and resumable: every part writes idempotent batches and checkpoints, so a killed run continues
// (a Hub model tree is written whole, so a tree cut short is fetched again: 304s from the cache).
import type { Project } from '../../domain/project.js';
import { createHttpClient, type KeptHttpClient } from '../../http/client.js';
import type { HostStats } from '../../http/host-limiter.js';
import type { HttpEvent } from '../../http/http-client.js';
import { upstreamAuth, type Upstreams } from '../../http/upstreams.js';
import type { Store } from '../../store/store.js';
import { collectors as allCollectors } from './collectors.js';
import { collectFailure, type CollectFailure, type CollectOptions, type Collector } from './contract.js';

export interface CollectProgress {
  readonly collector: string;
  readonly done: number;
  readonly total: number;
}

export interface CollectRunOptions extends CollectOptions {
  readonly upstreams: Upstreams;
  readonly fetch?: typeof fetch;
  /** Projects collected at once (default 4). */
  readonly concurrency?: number;
  readonly collectors?: readonly Collector[];
  /** Client overrides for tests (sleep, clock, retry timings). */
  readonly http?: Parameters<typeof createHttpClient>[0];
  onProgress?(line: string): void;
  onNotice?(line: string): void;
}

export interface CollectSummary {
  readonly projects: number;
  readonly added: number;
  readonly failures: readonly CollectFailure[];
  readonly hosts: Readonly<Record<string, Readonly<HostStats>>>;
  readonly bySource: readonly CollectProgress[];
}

function hhmmss(d: Date): string {
  return `${d.toISOString().slice(11, 19)} UTC`;
}

/** One progress line: per source done/total, then per host requests, 304s, rate remaining and waits. */
export function formatProgress(
  bySource: readonly CollectProgress[],
  hosts: Readonly<Record<string, Readonly<HostStats>>>,
  current: string,
): string {
  const sources = bySource.map((p) => `${p.collector} ${p.done}/${p.total}`).join(', ');
  const hs = Object.entries(hosts)
    .map(
      ([h, st]) =>
        `${h}: ${st.requests} req (${st.notModified} × 304)${st.rateRemaining === undefined ? '' : `, ${st.rateRemaining} left`}${st.pauses ? `, ${st.pauses} wait${st.pauses > 1 ? 's' : ''}` : ''}`,
    )
    .join('; ');
  return [sources, hs, current].filter(Boolean).join(' | ');
}

export async function collectProjects(
  store: Store,
  projects: readonly Project[],
  o: CollectRunOptions,
): Promise<CollectSummary> {
  const collectors = o.collectors ?? allCollectors({});
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
  const bySource = new Map<string, { done: number; total: number }>();
  for (const w of work) {
    const e = bySource.get(w.collector.name) ?? { done: 0, total: 0 };
    e.total++;
    bySource.set(w.collector.name, e);
  }
  const progressList = (): CollectProgress[] => [...bySource].map(([collector, v]) => ({ collector, ...v }));
  const failures: CollectFailure[] = [];
  let added = 0;
  let next = 0;
  let current = '';
  const report = (): void => o.onProgress?.(formatProgress(progressList(), http.stats(), current));

  async function worker(): Promise<void> {
    for (;;) {
      const w = work[next++];
      if (!w) return;
      const { project, collector } = w;
      try {
        const outcome = await collector.collect({
          project,
          store,
          http,
          upstreams: o.upstreams,
          options: { asOf: o.asOf, budget: o.budget, ...(o.since ? { since: o.since } : {}) },
          progress: (part, done, total) => {
            current = `${project.id} ${part} ${done}${total === undefined ? '' : `/${total}`}`;
            report();
          },
          notice: (text) => o.onNotice?.(text),
        });
        added += outcome.added;
        failures.push(...outcome.failures);
      } catch (err) {
        // A collector that throws is a bug or an outage; the run goes on with the other projects.
        failures.push(collectFailure(collector.name, project.id, 'all', project.id, err));
      }
      bySource.get(collector.name)!.done++;
      report();
    }
  }
  const n = Math.max(1, Math.min(o.concurrency ?? 4, work.length));
  await Promise.all(Array.from({ length: n }, () => worker()));
  return { projects: projects.length, added, failures, hosts: http.stats(), bySource: progressList() };
}
