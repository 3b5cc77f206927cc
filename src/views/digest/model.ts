// The digest view: what changed in the store between two dates, per project and for the catalog,
// ranked by how much each change matters, every line with its evidence and its dashboard page.
// Schema kept.digest/v1; the ranking is documented in docs/digest.md.
import { z } from 'zod';
import { isoDay, subjectId } from '../shared/schema.js';
import { tierRefSchema } from '../verdict/model.js';

export const DIGEST_CHANGE_KINDS = [
  'tier',
  'confidence',
  'checklist',
  'breaking-release',
  'deprecation',
  'contributor-breadth',
  'star-burst',
  'spike',
  'spike-decay',
  'growth',
  'derivative',
] as const;

export type DigestChangeKind = (typeof DIGEST_CHANGE_KINDS)[number];

export const digestChangeSchema = z.object({
  rank: z.number().int().positive().describe('1 = the change that matters most'),
  score: z.number().describe('kind weight × magnitude (docs/digest.md): what the ranking sorts on'),
  kind: z
    .enum(DIGEST_CHANGE_KINDS)
    .describe(
      'tier: the deployment tier moved; confidence: its confidence moved; checklist: a checklist item flipped; breaking-release, deprecation: upgrade safety; contributor-breadth: organisations, elephant or bus factor moved; star-burst: a burst of stars; spike: a new download spike, with its decay when known; spike-decay: the fate of a spike still open at `from`; growth: six-month growth crossed ±25%; derivative: a large new Hub derivative',
    ),
  direction: z
    .enum(['better', 'worse', 'neutral'])
    .describe('for someone building on the project: better (e.g. a tier up), worse (a tier down, a breaking release)'),
  project: z.object({ id: z.string(), name: z.string() }).nullable().describe('null for a catalog-wide change'),
  subject: subjectId.nullable().describe('the artifact the change concerns; null when it concerns the whole project'),
  date: isoDay
    .nullable()
    .describe('when it happened (a window end, a release date, a first-seen day); null: between from and to'),
  before: z.string().nullable().describe('the state at `from`, as people read it; null when there was none'),
  after: z.string().nullable().describe('the state at `to`, as people read it'),
  title: z.string().describe('the change in one sentence, every figure from its evidence'),
  evidence: z.array(z.string()).describe('the figures behind it, with their sources and windows'),
  link: z.string().describe('the dashboard page that shows it (a path such as /project/vllm)'),
});

export const digestViewSchema = z
  .object({
    schema: z.literal('kept.digest/v1'),
    from: isoDay.describe('start of the period (exclusive): the state compared against'),
    to: isoDay.describe('end of the period (inclusive): the state now'),
    asOf: isoDay.describe('the same as `to`'),
    scope: z.array(z.string()).nullable().describe('the project ids asked for; null when the whole catalog was judged'),
    summary: z.string().describe('the period in one sentence: how many changes, in how many projects'),
    changes: z.array(digestChangeSchema).describe('every change, most important first'),
    projects: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          link: z.string(),
          changes: z.number().int().describe('changes listed for the project'),
          tierFrom: tierRefSchema,
          tierTo: tierRefSchema,
          top: z.string().describe('its most important change'),
        }),
      )
      .describe('the projects with at least one change, in the order of their most important change'),
    catalog: z.object({
      projects: z.number().int().describe('projects judged'),
      changed: z.number().int().describe('projects with at least one change'),
      tiers: z
        .array(
          z.object({
            tier: tierRefSchema,
            from: z.number().int().describe('projects in this tier at `from`'),
            to: z.number().int().describe('projects in this tier at `to`'),
          }),
        )
        .describe('the catalog by tier at both dates'),
      byKind: z.array(z.object({ kind: z.enum(DIGEST_CHANGE_KINDS), changes: z.number().int() })),
      sentence: z.string().describe('the catalog in one sentence'),
    }),
    notReported: z
      .array(z.object({ kind: z.enum(DIGEST_CHANGE_KINDS), reason: z.string() }))
      .describe('kinds of change the store or the models cannot show yet, each with why'),
    ranking: z.string().describe('how the changes are ranked, in one sentence'),
    notes: z.array(z.string()),
  })
  .describe('kept digest: what changed between two dates, ranked by how much it matters');

export type DigestView = z.output<typeof digestViewSchema>;
export type DigestChange = z.output<typeof digestChangeSchema>;
