// `kept collect`'s result laid out: what was stored and what it cost, per upstream host, per
// source, and every part that failed with its reason; the JSON is the run summary itself
// (kept.collect/v1). Pure.
import { z } from 'zod';
import type { Block, ReportDocument } from '../document.js';

const count = z.number().int().nonnegative();

export const collectRunSchema = z
  .object({
    schema: z.literal('kept.collect/v1'),
    projects: count.describe('projects asked for'),
    added: count.describe('rows newly stored (observations, facts, relations, records)'),
    failures: z.array(
      z.object({
        collector: z.string().describe('e.g. github'),
        project: z.string(),
        part: z.string().describe('repository, stars, contributors, releases, issues, hub, a registry kind, or all'),
        subject: z.string().describe('kind:id'),
        error: z.string().describe('[METHOD] url: status text: API message (tokens redacted)'),
        hint: z.string().optional().describe('what to do next'),
      }),
    ),
    hosts: z
      .record(
        z.string(),
        z.object({
          requests: count,
          notModified: count.describe('answered 304 from the ETag cache'),
          retries: count,
          pauses: count.describe('rate-limit waits'),
          pausedMs: z.number().describe('time spent waiting, ms'),
          rateRemaining: count.nullable().optional().describe('requests left in the window, when the host says'),
          rateLimit: count.nullable().optional(),
          rateReset: z.iso.datetime().nullable().optional().describe('when the window resets'),
        }),
      )
      .describe('per upstream host'),
    bySource: z.array(z.object({ collector: z.string(), done: count, total: count })),
  })
  .describe('kept collect --format json');

/** What the document shows of a run (ingest/collect/run.ts CollectSummary satisfies it). */
export interface CollectRun {
  readonly projects: number;
  readonly added: number;
  readonly failures: readonly {
    readonly collector: string;
    readonly project: string;
    readonly part: string;
    readonly subject: string;
    readonly error: string;
    readonly hint?: string;
  }[];
  readonly hosts: Readonly<
    Record<
      string,
      {
        readonly requests: number;
        readonly notModified: number;
        readonly retries: number;
        readonly pauses: number;
        readonly rateRemaining: number | undefined;
      }
    >
  >;
  readonly bySource: readonly { readonly collector: string; readonly done: number; readonly total: number }[];
}

/** The run's one-line summary: projects, new rows, requests and how many the cache answered. */
export function collectRunLine(r: CollectRun): string {
  const hosts = Object.values(r.hosts);
  const requests = hosts.reduce((n, h) => n + h.requests, 0);
  const notModified = hosts.reduce((n, h) => n + h.notModified, 0);
  return `collected ${r.projects} project(s): ${r.added} new rows; ${requests} requests (${notModified} answered 304 from the cache)`;
}

export function collectRunDocument(r: CollectRun, asOf: string): ReportDocument {
  const failures: Block[] = r.failures.length
    ? [
        {
          kind: 'table',
          id: 'failures',
          caption: 'Parts that failed (the rest is stored; run kept collect again to retry them)',
          columns: [
            { key: 'project', label: 'project', format: 'text' },
            { key: 'collector', label: 'collector', format: 'text' },
            { key: 'part', label: 'part', format: 'text' },
            { key: 'subject', label: 'subject', format: 'text' },
            { key: 'error', label: 'error', format: 'text' },
            { key: 'hint', label: 'what to do', format: 'text' },
          ],
          rows: r.failures.map((f) => [f.project, f.collector, f.part, f.subject, f.error, f.hint ?? null]),
        },
      ]
    : [{ kind: 'prose', text: 'Nothing failed.' }];
  return {
    schema: 'kept.report/v1',
    view: 'collect',
    title: `Collection of ${r.projects} project(s)`,
    subtitle: `As of ${asOf}`,
    asOf,
    sections: [
      {
        id: 'summary',
        title: 'Summary',
        blocks: [
          { kind: 'prose', text: collectRunLine(r) },
          {
            kind: 'table',
            id: 'sources',
            caption: 'Projects collected per source',
            columns: [
              { key: 'collector', label: 'source', format: 'text' },
              { key: 'done', label: 'done', format: 'count' },
              { key: 'total', label: 'of', format: 'count' },
            ],
            rows: r.bySource.map((s) => [s.collector, s.done, s.total]),
          },
        ],
      },
      {
        id: 'hosts',
        title: 'Upstream hosts',
        blocks: [
          {
            kind: 'table',
            id: 'hosts',
            caption: 'Requests per upstream host (304s are free against GitHub’s limit)',
            columns: [
              { key: 'host', label: 'host', format: 'text' },
              { key: 'requests', label: 'requests', format: 'count' },
              { key: 'not_modified', label: 'answered 304', format: 'count' },
              { key: 'retries', label: 'retries', format: 'count' },
              { key: 'pauses', label: 'rate-limit waits', format: 'count' },
              { key: 'rate_remaining', label: 'left in the window', format: 'count' },
            ],
            rows: Object.entries(r.hosts).map(([host, h]) => [
              host,
              h.requests,
              h.notModified,
              h.retries,
              h.pauses,
              h.rateRemaining ?? null,
            ]),
          },
        ],
      },
      { id: 'failures', title: 'Failures', blocks: failures },
    ],
  };
}
