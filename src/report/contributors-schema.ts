// The zod schema of `kept contributors --json` (ContributorReport in domain/contributors.ts),
// the source of docs/schemas/contributors.schema.json.
import { z } from 'zod';

const iso = z.string().describe('ISO timestamp, UTC');
const count = z.number().int().nonnegative();

const windowSchema = z.object({
  window: z.enum(['all', '12m', '6m']),
  start: iso.nullable().describe('inclusive start; null for all time'),
  end: iso.describe('exclusive end: asOf'),
  commits: count.describe('human commits landed in the window (merges excluded unless --merges)'),
  contributions: count.describe(
    'commits × distinct credited people (author and Co-authored-by): the base of every share',
  ),
  contributors: count.describe('people credited at least once'),
  activeContributors: count.describe('people with at least activeMinCommits contributions in the window'),
  newContributors: count.describe('people whose first contribution in the history read is in the window'),
  bots: z
    .object({ accounts: count, commits: count })
    .describe('bot accounts seen and bot-authored commits, not counted above'),
  organizations: z.array(
    z.object({
      name: z.string(),
      commits: count.describe('contributions attributed to the organisation'),
      share: z.number().describe('of all contributions in the window'),
      shareOfAttributed: z.number().describe('of attributed contributions'),
      contributors: count,
      region: z.string().optional().describe('from the organisation → region catalog, when known'),
    }),
  ),
  topOrganizationShare: z
    .number()
    .nullable()
    .describe('largest organisation / attributed contributions; null when none is attributed'),
  elephantFactor: z
    .number()
    .int()
    .positive()
    .nullable()
    .describe('fewest organisations covering 50% of attributed contributions'),
  busFactor: z.number().int().positive().nullable().describe('fewest people covering 50% of contributions'),
  unattributedShare: z.number().nullable().describe('contributions without an organisation / all contributions'),
  unattributed: z
    .object({ freemail: count, noreply: count, personalDomain: count, unknown: count })
    .describe('why contributions have no organisation'),
  topContributors: z.array(z.object({ name: z.string(), commits: count, organization: z.string().nullable() })),
});

export const contributorsJsonSchema = z
  .object({
    schema: z.literal('kept.contributors/v1'),
    asOf: iso,
    activeMinCommits: z.number().int().positive(),
    windows: z.array(windowSchema).describe('all time, last 12 months, last 6 months'),
    newContributorTrend: z
      .array(z.object({ period: z.string().regex(/^\d{4}-Q[1-4]$/), newContributors: count }))
      .describe('people by the quarter of their first contribution, every quarter from first to last'),
    identities: z.object({ addresses: count, people: count }),
    skipped: z.object({ afterAsOf: count }),
    range: z
      .object({ first: iso.nullable(), last: iso.nullable() })
      .describe('landing time of the first and last human commit counted'),
    source: z.object({
      kind: z.enum(['git', 'github']),
      path: z.string().describe('absolute path of the clone, or owner/repo for the GitHub API'),
      head: z
        .string()
        .regex(/^([0-9a-f]{40,64})?$/)
        .describe('newest commit walked; empty when there was none'),
      since: iso.nullable(),
      until: iso.nullable(),
      merges: z.boolean(),
      mailmap: z.boolean(),
      project: z.string().nullable(),
    }),
  })
  .describe('kept contributors --json');
