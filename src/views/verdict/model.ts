// The verdict view: a project's deployment tier with its evidence, the four-point checklist,
// attention vs usage, issue-tracker health and upgrade safety, and the one list of what could not
// be measured. Schema kept.verdict/v2; the profile embeds the same core (verdictCoreSchema).
import { z } from 'zod';
import { SIGNAL_FAMILIES } from '../../classify/tier.js';
import { freshnessSchema } from '../shared/freshness.js';
import { fraction, growthFraction, isoDay, isoMonth } from '../shared/schema.js';

export const TIER_IDS = [
  'experiment',
  'internal-tooling',
  'production-facing',
  'load-bearing-infrastructure',
  'unknown',
] as const;

/** A tier as data: its id (stable, for programs) and its label (what people read). */
export const tierRefSchema = z
  .object({
    id: z.enum(TIER_IDS),
    label: z.string().describe('the tier as people read it, e.g. "load-bearing infrastructure"'),
  })
  .describe('a deployment tier: experiment < internal-tooling < production-facing < load-bearing-infrastructure');

export const SIGNAL_IDS = [
  'downloads',
  'hub-downloads',
  'dependents',
  'container-pulls',
  'fan-out',
  'serving-runtimes',
  'contributors',
  'triage',
  'upgrade-safety',
] as const;

/**
 * One thing that could not be measured, with why. A profile merges the verdict's unknown signals
 * with the data it found missing: this is the one list a page shows.
 */
export const unknownItemSchema = z.object({
  signal: z.string().describe('the signal or metric not measured (a verdict signal such as "dependents", or a metric)'),
  subject: z
    .string()
    .nullable()
    .describe('the artifact it concerns (kind:id); null when it concerns the whole project'),
  reason: z.string().describe('why it is unknown, and what would measure it'),
  tier: z.boolean().describe('true when the deployment tier weighs this signal: its absence lowers the confidence'),
});

const days = z.number().describe('days');
const optionalDays = days.nullable();

const docFinding = z.object({
  status: z.enum(['found', 'not-found', 'unknown']),
  evidence: z.array(z.string()).describe('paths, headings or release tags that show it'),
  reason: z.string().nullable(),
});

const duration = z.object({
  basis: z.enum(['measured', 'unknown']),
  reason: z.string().nullable(),
  km: z
    .object({
      p50: optionalDays.describe('days; null when not reached'),
      p90: optionalDays.describe('days; null when not reached'),
      events: z.number().int(),
      censored: z.number().int().describe('items still waiting at the date judged, counted at their age'),
      maxObserved: optionalDays.describe('longest time observed, days: an unreached quantile is more than this'),
    })
    .nullable()
    .describe('Kaplan–Meier estimate, open items censored at their age; null without data'),
  completedOnly: z
    .object({ n: z.number().int(), p50: optionalDays, p90: optionalDays })
    .nullable()
    .describe('over completed items only: biased low'),
});

const group = z.object({
  count: z.number().int(),
  open: z.number().int(),
  closed: z.number().int().describe('closed by the date judged, closes as stale included'),
  closedAsStale: z
    .number()
    .int()
    .describe('of the closed, closed as stale: censored at their close in time to close, not counted as resolved'),
  firstResponse: duration.describe('first comment by someone other than the author, not a bot'),
  timeToClose: duration,
  unanswered: z.object({
    basis: z
      .enum(['first-response', 'comment-count', 'unknown'])
      .describe('comment-count: zero comments of any kind, a lower bound'),
    afterDays: z.number().int(),
    eligible: z.number().int(),
    unanswered: z.number().int(),
    share: fraction,
  }),
  backlog: z.object({
    open: z.number().int(),
    ageP50: optionalDays,
    ageP90: optionalDays,
    oldestDays: optionalDays,
  }),
});

export const ISSUE_GROUPS = ['issues', 'pullRequests', 'servingAndMemory'] as const;

export const issueHealthSchema = z.object({
  asOf: isoDay.describe('the last fetch of the issue states, or the verdict asOf if earlier'),
  since: isoDay.nullable().describe('only issues opened on or after this date; null: all'),
  sample: z
    .string()
    .nullable()
    .describe('set when the issues are a sample (declared on import or detected from the numbers): coverage.statement'),
  coverage: z
    .object({
      status: z
        .enum(['complete', 'sample', 'undetermined'])
        .describe(
          'complete: ≥ 90% of the numbers up to the highest held; sample: declared, or fewer held than a full tracker has; undetermined: issues only, the missing numbers may be pull requests',
        ),
      declared: z.string().nullable().describe('the description given on import (kept import issues --sample)'),
      held: z.number().int().describe('distinct issue and pull-request numbers held'),
      pullRequestsHeld: z.number().int(),
      highestNumber: z
        .number()
        .int()
        .describe('the highest number held: about how many issues and pull requests the tracker has'),
      statement: z.string().describe('e.g. "sample of 1,416 of ~21,004 issues and pull requests (…)"'),
    })
    .describe('how much of the tracker the data holds; issues and pull requests share one number sequence from #1'),
  staleClosures: z
    .object({
      rule: z
        .enum(['labels-and-closer', 'labels', 'closer', 'unavailable'])
        .describe(
          'the evidence the rule could use: stale labels and the closing account, labels only, closing accounts only, or neither (the rule could not run)',
        ),
      closed: z.number().int().describe('issues closed by the date judged'),
      stale: z
        .number()
        .int()
        .describe('closed with a stale / no-activity / inactive label, or by a bot closing as not planned'),
      share: fraction.describe('stale / closed; null when nothing closed or the rule could not run'),
      closerRecorded: z.number().int().describe('closed issues whose record names the account that closed them'),
    })
    .describe('issues closed as stale: a bot giving up, not a resolution'),
  botOpened: z
    .object({
      rule: z
        .enum(['applied', 'partial', 'unavailable'])
        .describe('unavailable: no record says who opened it (no "user"), so bot-opened items could not be left out'),
      left: z.number().int().describe('items opened by bots, left out'),
      authorRecorded: z.number().int(),
      items: z.number().int(),
    })
    .describe('whether items opened by bots could be left out'),
  issues: group,
  pullRequests: group,
  servingAndMemory: group.describe('issues matching serving or memory (or both), each counted once'),
  byTopic: z
    .object({ security: group, memory: group, install: group, performance: group, serving: group, other: group })
    .describe('issues by topic: an issue counts under every topic it matches; other: issues matching none'),
  backlogTrend: z.array(z.object({ at: isoDay, open: z.number().int() })).describe('open issues at each month end'),
  notes: z.array(z.string()),
});

export const upgradeSafetySchema = z.object({
  asOf: isoDay,
  releases: z.object({
    total: z.number().int(),
    stable: z.number().int(),
    prerelease: z.number().int(),
    drafts: z.number().int(),
  }),
  schemes: z
    .array(z.object({ scheme: z.enum(['semver', 'calver', 'build-number', 'unknown']), releases: z.number().int() }))
    .describe('version schemes of the release tags'),
  cadence: z.object({
    last6Months: z.number().int().describe('stable releases in the six months to asOf'),
    prereleasesLast6Months: z.number().int(),
    medianIntervalDays: optionalDays.describe('median days between stable releases over twelve months'),
    daysSinceLast: optionalDays,
    latest: z.string().nullable().describe('the latest stable release tag'),
  }),
  breaking: z.array(
    z.object({
      tag: z.string(),
      date: isoDay,
      reasons: z.array(z.enum(['major-bump', 'zero-minor-bump', 'breaking-section', 'removed-section'])),
    }),
  ),
  breakingLast12Months: z.number().int(),
  deprecationNotices: z.array(z.object({ tag: z.string(), date: isoDay, line: z.string() })),
  deprecationToRemoval: z.array(
    z.object({ name: z.string(), deprecatedIn: z.string(), removedIn: z.string(), days: z.number() }),
  ),
  deprecationPolicy: docFinding,
  migrationGuide: docFinding,
  registry: z
    .object({
      versions: z.number().int(),
      deprecated: z.number().int().describe('npm versions marked deprecated'),
      yanked: z.number().int().describe('PyPI versions yanked'),
      examples: z.array(z.string()),
    })
    .nullable()
    .describe('null when no registry version states were collected'),
  notes: z.array(z.string()),
});

export const attentionSchema = z.object({
  asOf: isoDay,
  verdict: z.enum([
    'interesting-to-dependency',
    'attention-without-usage',
    'both-growing',
    'both-fading',
    'steady',
    'unknown',
  ]),
  stars: z.object({
    latest: z.number().nullable(),
    sixMonthsAgo: z.number().nullable(),
    gain6m: z.number().nullable(),
    relativeGain6m: growthFraction,
    trend: z.enum(['growing', 'flat', 'unknown']),
  }),
  usage: z.object({
    downloads30d: z.number().nullable(),
    growth: growthFraction,
    shape: z.string().nullable(),
    trend: z.enum(['growing', 'flat', 'declining', 'unknown']),
  }),
  ratios: z.object({ downloadsPerStar: z.number().nullable(), dependentsPer1kStars: z.number().nullable() }),
  percentiles: z.object({
    peers: z.number().int(),
    stars: fraction,
    downloads: fraction,
    downloadsPerStar: fraction,
  }),
  normalised: z
    .array(
      z.object({
        month: isoMonth,
        downloads: z.number().nullable().describe('× the first month'),
        stars: z.number().nullable().describe('× the first month'),
      }),
    )
    .describe('both curves divided by their first month, six months'),
  starBursts: z
    .object({
      rule: z.string().describe('the rule, with its thresholds (docs/star-history.md, "Star bursts")'),
      days: z.number().int().describe('days of the daily star history judged'),
      found: z.number().int().describe('bursts found over the whole history (at most 10 listed)'),
      bursts: z.array(
        z.object({
          kind: z.enum(['day', 'week']).describe('day: consecutive flagged days; week: a flagged calendar week'),
          start: isoDay,
          end: isoDay,
          stars: z.number().describe('stars gained over the burst (still held, by the day they were given)'),
          peakDay: isoDay,
          peakStars: z.number(),
          baselineMedian: z.number().describe('median of the 12 weeks before: stars a day (day) or a week (week)'),
          ratio: z.number().nullable().describe('peakStars / baselineMedian; null when the median is 0'),
          score: z.number().describe('robust deviations above the baseline'),
          usage: z.object({
            basis: z.enum(['downloads', 'dependents', 'forks']).nullable(),
            change: growthFraction.describe('usage in the 30 days after / the 30 days before − 1'),
            reading: z.enum(['rising', 'flat', 'falling', 'unknown']),
          }),
          followedByUsage: z.boolean().nullable().describe('null: usage unknown or too soon to tell'),
          attentionEvidence: z
            .boolean()
            .describe('within a year of asOf and not followed by usage: listed in the evidence'),
          text: z.string().describe('e.g. "2,400 stars on 2026-03-14, 31× its 12-week median; downloads flat (…)"'),
        }),
      ),
      notes: z.array(z.string()),
    })
    .nullable()
    .describe('days and weeks far above the repository’s own baseline; null without a daily star history'),
  evidence: z.array(z.string()),
  notes: z.array(z.string()),
});

export const checkItemSchema = z.object({
  id: z.enum(['usage-trends', 'multiple-organisations', 'serving-memory-triage', 'deprecation-policy']),
  question: z.string(),
  status: z.enum(['pass', 'fail', 'unknown']),
  detail: z.string().describe('the figures behind the status'),
  basis: z.string().describe('measured, downloads only, a named proxy, or — when unknown'),
});

export const evidenceSchema = z.object({
  rule: z
    .string()
    .describe(
      'e.g. download-floor, download-decline, spike-and-decay, triage-slow-proxy, single-organisation, upgrade-path, attention-usage:<verdict>',
    ),
  signal: z
    .enum([...SIGNAL_IDS, 'maintenance', 'freshness'])
    .describe('maintenance: about the gates as a whole; freshness: the usage data is stale'),
  direction: z.enum(['for', 'against']).describe('for: supports the tier; against: caps the verdict below it'),
  tier: tierRefSchema.nullable().describe('the tier this supports or blocks; null for context-only evidence'),
  detail: z.string().describe('the rule with its figures, source and threshold'),
});

export const familyStatusSchema = z.object({
  id: z.enum(SIGNAL_FAMILIES),
  label: z.string(),
  status: z
    .enum(['backs', 'below', 'measured', 'unknown'])
    .describe(
      'backs: measured and the verdict rests on it (a usage family reaching the tier, a maintenance family measured); below: a usage family measured that reaches a lower tier; measured: no tier to back; unknown: not measured',
    ),
});

/** The tier with how far to trust it: confidence, the families behind it, the rules that lowered it. */
export const tierJudgementSchema = tierRefSchema.extend({
  confidence: z.enum(['high', 'medium', 'low', 'none']),
  familiesBacking: z.number().int().describe('how many of the six signal families stand behind the tier'),
  headline: z
    .string()
    .describe('the tier as one label, e.g. "load-bearing infrastructure · low · 1 of 6 signal families"'),
});

/** What a verdict says about a project, without its identity and its unknowns (the profile embeds it). */
export const verdictCoreSchema = z.object({
  tier: tierJudgementSchema.extend({
    coverage: fraction.describe('share of the signals the tier weighs that were measured'),
    usageTier: tierRefSchema.describe('the tier usage signals alone reach, before the maintenance gates'),
    families: z
      .array(familyStatusSchema)
      .length(6)
      .describe(
        'the six signal families (usage, reverse dependencies, fan-out, contributor breadth, issue health, upgrade safety) and where each stands',
      ),
    confidenceSteps: z
      .array(
        z.object({
          rule: z.string().describe('e.g. raw-downloads, one-usage-family'),
          from: z.enum(['high', 'medium', 'low', 'none']),
          to: z.enum(['high', 'medium', 'low', 'none']),
          detail: z.string(),
        }),
      )
      .describe("each rule that lowered the confidence below the coverage's level, in order"),
  }),
  evidence: z.array(evidenceSchema).describe('every rule that fired'),
  wouldMove: z
    .array(z.string())
    .describe('what would move the verdict a tier up (the unknown signals are listed apart, not repeated here)'),
  checklist: z.array(checkItemSchema).length(4).describe('the four-point "can I build on it?" checklist'),
  attention: attentionSchema.nullable().describe('null when neither stars nor downloads are stored'),
  issueHealth: issueHealthSchema.nullable().describe('null when no issue records are stored'),
  upgrade: upgradeSafetySchema.nullable().describe('null when no release records are stored'),
  inputs: z.array(z.string()).describe('what was read from the store, with counts and sources'),
});

export const projectRefSchema = z.object({ id: z.string(), name: z.string(), category: z.string() });

export const verdictViewSchema = z
  .object({
    schema: z.literal('kept.verdict/v2'),
    project: projectRefSchema,
    asOf: isoDay.describe('the date judged'),
    freshness: freshnessSchema.describe(
      'where the usage data the tier weighs ends against asOf; stale data lowers the confidence one step (evidence rule stale-usage-data)',
    ),
    summary: z.array(z.string()).describe('the verdict in a few sentences, every figure from the fields below'),
    ...verdictCoreSchema.shape,
    unknowns: z.array(unknownItemSchema).describe('the signals the tier could not measure, each with why'),
  })
  .describe(
    'kept verdict: the deployment tier of one project with its evidence and checklist. v2 (from v1): the tier is {id, label}, evidence, wouldMove and unknowns moved out of tier, wouldMove no longer repeats the unknowns, absent figures are null (not omitted), dates are ISO days, and a summary was added',
  );

export type TierRef = z.output<typeof tierRefSchema>;
export type UnknownItem = z.output<typeof unknownItemSchema>;
export type IssueHealthModel = z.output<typeof issueHealthSchema>;
export type UpgradeSafetyModel = z.output<typeof upgradeSafetySchema>;
export type AttentionModel = z.output<typeof attentionSchema>;
export type CheckItemModel = z.output<typeof checkItemSchema>;
export type EvidenceModel = z.output<typeof evidenceSchema>;
export type VerdictCore = z.output<typeof verdictCoreSchema>;
export type VerdictView = z.output<typeof verdictViewSchema>;
