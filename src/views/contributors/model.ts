// The contributors view: contributor breadth from git history (people, organisations, bus and
// elephant factors, the unattributed share said outright) as stored by `kept contributors`.
// Schema kept.contributors/v3: the stored report (kept.contributors/v2) plus the multi-organisation
// judgement, the window the organisation tables describe, and every sentence the report shows.
import { z } from 'zod';

const iso = z.string().describe('ISO timestamp, UTC');
const count = z.number().int().nonnegative();
const windowName = z.enum(['all', '12m', '6m']);

const windowSchema = z.object({
  window: windowName,
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
      contributions: count.describe(
        'contributions attributed to the organisation: commits credited to its people as author or co-author (v2 called this `commits`)',
      ),
      share: z.number().describe('of all contributions in the window, as a fraction'),
      shareOfAttributed: z.number().describe('of attributed contributions, as a fraction'),
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
  topContributors: z.array(
    z.object({
      name: z.string(),
      contributions: count.describe(
        'commits credited to the person, as author or co-author (v2 called this `commits`)',
      ),
      authoredCommits: count
        .nullable()
        .describe('commits the person authored; null in a report stored before authored commits were counted'),
      organization: z.string().nullable(),
    }),
  ),
});

export const contributorsViewSchema = z
  .object({
    schema: z.literal('kept.contributors/v3'),
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
    multiOrganization: z
      .object({
        verdict: z.enum(['pass', 'fail', 'unknown']),
        window: windowName,
        organizations: count.describe('organisations with at least minShare of all contributions in the window'),
        minShare: z.number().describe('as a fraction'),
        elephantFactor: z.number().nullable(),
        topOrganizationShare: z.number().nullable(),
        unattributedShare: z.number().nullable(),
        reason: z.string().describe('the numbers behind the verdict, in one sentence'),
      })
      .describe('the checklist point "more than one organisation contributing"'),
    focusWindow: windowName.describe(
      'the window the organisation and people tables describe: the last 12 months, else all time',
    ),
    summary: z.string().describe('the multi-organisation judgement in one sentence'),
    sentences: z.object({
      scope: z.string().describe('what was read: repository, commit, dates, merges, .mailmap'),
      history: z.string().nullable().describe('the history counted and the identities merged; null without commits'),
      unattributed: z.string().describe('why contributions of the focus window have no organisation'),
      unattributedWarning: z
        .string()
        .nullable()
        .describe('said when half or more of the focus window cannot be tied to an organisation; null otherwise'),
      topOrganization: z
        .string()
        .nullable()
        .describe(
          "the focus window's largest organisation with its share of attributed contributions and of all contributions; null when none is attributed",
        ),
    }),
    notes: z.array(z.string()).describe('commits after asOf that were not counted, and the method'),
  })
  .describe(
    "kept contributors: contributor breadth from git history. v3 (from v2): organisations and people hold `contributions` (commits credited as author or co-author; v2 called them `commits`), people their `authoredCommits`, and the summary states the top organisation's share of attributed and of all contributions. v2 added `multiOrganization`, `focusWindow`, `summary`, `sentences` and `notes` to v1",
  );

export type ContributorsView = z.output<typeof contributorsViewSchema>;

/** How each window reads in sentences and tables. */
export const WINDOW_LABEL: Readonly<Record<ContributorsView['focusWindow'], string>> = {
  all: 'all time',
  '12m': 'last 12 months',
  '6m': 'last 6 months',
};
