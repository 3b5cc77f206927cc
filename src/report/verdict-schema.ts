// The JSON schema of `kept verdict --json` (kept.verdict/v1), as zod: registered in
// json-schemas.ts, written to docs/schemas/verdict.schema.json by `npm run schemas`, and used by
// the tests to validate real output. Durations are days; absent figures are omitted.
import { z } from 'zod';

const tier = z.enum(['experiment', 'internal-tooling', 'production-facing', 'load-bearing-infrastructure', 'unknown']);
const signal = z.enum([
  'downloads',
  'dependents',
  'container-pulls',
  'fan-out',
  'serving-runtimes',
  'contributors',
  'triage',
  'upgrade-safety',
]);
const days = z.number().describe('days');
const docFinding = z.object({
  status: z.enum(['found', 'not-found', 'unknown']),
  evidence: z.array(z.string()).describe('paths, headings or release tags that show it'),
  reason: z.string().optional(),
});
const duration = z.object({
  basis: z.enum(['measured', 'unknown']),
  reason: z.string().optional(),
  km: z
    .object({
      p50: days.optional(),
      p90: days.optional(),
      events: z.number().int(),
      censored: z.number().int(),
      maxObserved: days.optional(),
    })
    .optional()
    .describe('Kaplan–Meier estimate, open items censored at their age; a missing quantile was not reached'),
  completedOnly: z
    .object({ n: z.number().int(), p50: days.optional(), p90: days.optional() })
    .optional()
    .describe('over completed items only: biased low'),
});
const group = z.object({
  count: z.number().int(),
  open: z.number().int(),
  closed: z.number().int(),
  firstResponse: duration.describe('first comment by someone other than the author, not a bot'),
  timeToClose: duration,
  unanswered: z.object({
    basis: z
      .enum(['first-response', 'comment-count', 'unknown'])
      .describe('comment-count: zero comments of any kind, a lower bound'),
    afterDays: z.number().int(),
    eligible: z.number().int(),
    unanswered: z.number().int(),
    share: z.number().optional(),
  }),
  backlog: z.object({
    open: z.number().int(),
    ageP50: days.optional(),
    ageP90: days.optional(),
    oldestDays: days.optional(),
  }),
});

export const verdictJsonSchema = z
  .object({
    schema: z.literal('kept.verdict/v1'),
    project: z.object({ id: z.string(), name: z.string(), category: z.string() }),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    tier: z.object({
      tier,
      confidence: z.enum(['high', 'medium', 'low', 'none']),
      coverage: z.number().min(0).max(1).describe('share of the expected signals that were measured'),
      usageTier: tier.describe('the tier usage signals alone reach, before gates'),
      evidence: z.array(
        z.object({
          rule: z
            .string()
            .describe(
              'e.g. download-floor, download-decline, spike-and-decay, triage-slow-proxy, single-organisation, upgrade-path, attention-usage:<verdict>',
            ),
          signal: z.enum([...signal.options, 'maintenance']).describe('maintenance: about the gates as a whole'),
          direction: z.enum(['for', 'against']),
          tier: tier.describe('the tier this supports (for) or blocks (against); unknown for context-only evidence'),
          detail: z.string().describe('the rule with its figures, source and threshold'),
        }),
      ),
      unknown: z.array(z.object({ signal, reason: z.string() })),
      wouldMove: z.array(z.string()),
    }),
    checklist: z
      .array(
        z.object({
          id: z.enum(['usage-trends', 'multiple-organisations', 'serving-memory-triage', 'deprecation-policy']),
          question: z.string(),
          status: z.enum(['pass', 'fail', 'unknown']),
          detail: z.string(),
          basis: z.string().describe('measured, downloads only, a named proxy, or — when unknown'),
        }),
      )
      .length(4),
    attention: z
      .object({
        asOf: z.string(),
        stars: z.object({
          latest: z.number().optional(),
          sixMonthsAgo: z.number().optional(),
          gain6m: z.number().optional(),
          relativeGain6m: z.number().optional(),
          trend: z.enum(['growing', 'flat', 'unknown']),
        }),
        usage: z.object({
          downloads30d: z.number().optional(),
          growth: z.number().optional(),
          shape: z.string().optional(),
          trend: z.enum(['growing', 'flat', 'declining', 'unknown']),
        }),
        ratios: z.object({ downloadsPerStar: z.number().optional(), dependentsPer1kStars: z.number().optional() }),
        percentiles: z.object({
          peers: z.number().int(),
          stars: z.number().optional(),
          downloads: z.number().optional(),
          downloadsPerStar: z.number().optional(),
        }),
        normalised: z
          .array(z.object({ month: z.string(), downloads: z.number().optional(), stars: z.number().optional() }))
          .describe('both curves divided by their first month, six months'),
        attentionWithoutUsageFlag: z.boolean().optional(),
        verdict: z.enum([
          'interesting-to-dependency',
          'attention-without-usage',
          'both-growing',
          'both-fading',
          'steady',
          'unknown',
        ]),
        evidence: z.array(z.string()),
        notes: z.array(z.string()),
      })
      .optional()
      .describe('absent when neither stars nor downloads are stored'),
    issueHealth: z
      .object({
        asOf: z.string().describe('the last fetch of the issue states, or the verdict asOf if earlier'),
        since: z.string().optional(),
        sample: z.string().optional().describe('set when the issues are a sample'),
        issues: group,
        pullRequests: group,
        byTopic: z
          .object({ security: group, memory: group, install: group, performance: group, serving: group, other: group })
          .describe('issues by primary topic'),
        servingAndMemory: group,
        backlogTrend: z.array(z.object({ at: z.string(), open: z.number().int() })),
        notes: z.array(z.string()),
      })
      .optional()
      .describe('absent when no issue records are stored'),
    upgrade: z
      .object({
        asOf: z.string(),
        releases: z.object({
          total: z.number().int(),
          stable: z.number().int(),
          prerelease: z.number().int(),
          drafts: z.number().int(),
        }),
        schemes: z.record(z.string(), z.number().int()),
        cadence: z.object({
          last6Months: z.number().int(),
          prereleasesLast6Months: z.number().int(),
          medianIntervalDays: days.optional(),
          daysSinceLast: days.optional(),
          latest: z.string().optional(),
        }),
        breaking: z.array(
          z.object({
            tag: z.string(),
            date: z.string(),
            reasons: z.array(z.enum(['major-bump', 'zero-minor-bump', 'breaking-section', 'removed-section'])),
          }),
        ),
        breakingLast12Months: z.number().int(),
        deprecationNotices: z.array(z.object({ tag: z.string(), date: z.string(), line: z.string() })),
        deprecationToRemoval: z.array(
          z.object({ name: z.string(), deprecatedIn: z.string(), removedIn: z.string(), days: z.number() }),
        ),
        deprecationPolicy: docFinding,
        migrationGuide: docFinding,
        registry: z
          .object({
            versions: z.number().int(),
            deprecated: z.number().int(),
            yanked: z.number().int(),
            examples: z.array(z.string()),
          })
          .optional(),
        notes: z.array(z.string()),
      })
      .optional()
      .describe('absent when no release records are stored'),
    inputs: z.array(z.string()).describe('what was read from the store, with counts and sources'),
  })
  .describe('kept verdict --json');
