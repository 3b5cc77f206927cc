// `kept collect`'s result laid out: what was stored and what it cost, per upstream host, per
// source, what the run noted (where each star history came from, closed stargazer lists), every
// part that failed with its reason, and the hosts that failed with the variables that set their
// URLs; the JSON is the run summary itself (kept.collect/v1). Pure.
import { z } from 'zod';
import type { Block, ReportDocument } from '../document.js';

const count = z.number().int().nonnegative();

export const collectRunSchema = z
  .object({
    schema: z.literal('kept.collect/v1'),
    projects: count.describe('projects asked for'),
    added: count.describe('data rows newly stored (observations, facts, relations, records)'),
    explained: count.describe('rows newly stored that only say why a figure is unknown (unknown:<metric> facts)'),
    failures: z.array(
      z.object({
        collector: z.string().describe('e.g. github'),
        project: z.string(),
        part: z
          .string()
          .describe(
            'repository, stars, stargazer list, exact stars, contributors, releases, issues, hub, a registry kind, or all',
          ),
        subject: z.string().describe('kind:id'),
        error: z.string().describe('[METHOD] url: status text: API message (tokens redacted)'),
        hint: z.string().optional().describe('what to do next'),
        host: z.string().optional().describe('the upstream host of the request that failed'),
      }),
    ),
    failedHosts: z
      .array(
        z.object({
          host: z.string(),
          parts: count.describe('parts that failed on this host'),
          reason: z.string().describe('the first failure, without its URL'),
          variables: z.array(z.string()).describe('the environment variables that set this host’s base URL'),
        }),
      )
      .describe('the hosts whose requests failed'),
    notes: z
      .array(
        z.object({
          collector: z.string(),
          project: z.string(),
          part: z.string(),
          subject: z.string(),
          text: z.string().describe('e.g. where the star history came from, or that the stargazer list is restricted'),
        }),
      )
      .describe('what the run says about parts that did not fail'),
    limits: z
      .object({ runMs: count.describe('--deadline'), projectMs: count.describe('--project-deadline') })
      .describe('the time limits of the run, ms'),
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
    bySource: z.array(
      z.object({ collector: z.string(), done: count, total: count, failed: count.describe('parts that failed') }),
    ),
  })
  .describe('kept collect --format json');

/** What the document shows of a run (ingest/collect/run.ts CollectSummary satisfies it). */
export interface CollectRun {
  readonly projects: number;
  readonly added: number;
  readonly explained: number;
  readonly notes: readonly {
    readonly project: string;
    readonly subject: string;
    readonly part: string;
    readonly text: string;
  }[];
  readonly failedHosts: readonly {
    readonly host: string;
    readonly parts: number;
    readonly reason: string;
    readonly variables: readonly string[];
  }[];
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
  readonly bySource: readonly {
    readonly collector: string;
    readonly done: number;
    readonly total: number;
    readonly failed: number;
  }[];
}

/** The run's one-line summary: projects, new rows, parts failed, requests and how many the cache answered. */
export function collectRunLine(r: CollectRun): string {
  const hosts = Object.values(r.hosts);
  const requests = hosts.reduce((n, h) => n + h.requests, 0);
  const notModified = hosts.reduce((n, h) => n + h.notModified, 0);
  const n = r.failures.length;
  const failed = n ? `; ${n} part${n === 1 ? '' : 's'} failed` : '';
  const explained = r.explained ? ` (${r.explained} stored reasons for unknown figures)` : '';
  return `collected ${r.projects} project(s): ${r.added} new rows${failed}${explained}; ${requests} requests (${notModified} answered 304 from the cache)`;
}

/** The hosts whose requests failed, with the variables to check. */
function hostBlocks(r: CollectRun): Block[] {
  if (!r.failedHosts.length) return [];
  return [
    {
      kind: 'table',
      id: 'failed-hosts',
      caption: 'Hosts whose requests failed (check the connection, or the variable that sets the base URL)',
      columns: [
        { key: 'host', label: 'host', format: 'text' },
        { key: 'parts', label: 'parts failed', format: 'count' },
        { key: 'reason', label: 'first reason', format: 'text' },
        { key: 'variables', label: 'set by', format: 'text' },
      ],
      rows: r.failedHosts.map((h) => [h.host, h.parts, h.reason, h.variables.join(', ') || null]),
    },
  ];
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
              { key: 'failed', label: 'parts failed', format: 'count' },
            ],
            rows: r.bySource.map((s) => [s.collector, s.done, s.total, s.failed]),
          },
        ],
      },
      ...(r.notes.length
        ? [
            {
              id: 'notes',
              title: 'Notes',
              blocks: [
                {
                  kind: 'table' as const,
                  id: 'notes',
                  caption: 'What the run says about parts that did not fail',
                  columns: [
                    { key: 'project', label: 'project', format: 'text' as const },
                    { key: 'subject', label: 'subject', format: 'text' as const },
                    { key: 'part', label: 'part', format: 'text' as const },
                    { key: 'note', label: 'note', format: 'text' as const },
                  ],
                  rows: r.notes.map((x) => [x.project, x.subject, x.part, x.text]),
                },
              ],
            },
          ]
        : []),
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
      { id: 'failures', title: 'Failures', blocks: [...failures, ...hostBlocks(r)] },
    ],
  };
}
