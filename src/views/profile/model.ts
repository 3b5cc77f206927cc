// The profile view: everything kept knows about one project — downloads and their trend, CI and
// mirror noise, reverse dependencies, pulls, Hub models and fan-out, the GitHub repository, the
// deployment verdict — and the one list of what could not be measured. Schema kept.profile/v2.
import { z } from 'zod';
import { CHART_RANGES } from '../shared/chart-range.js';
import { freshnessSchema } from '../shared/freshness.js';
import { fraction, growthFraction, isoDay, isoMonth, subjectId } from '../shared/schema.js';
import { trendViewSchema } from '../trend/model.js';
import { unknownItemSchema, verdictCoreSchema } from '../verdict/model.js';

/** One stored figure with where and when it was observed. */
export const figureSchema = z.object({
  value: z.number(),
  windowStart: isoDay,
  windowEnd: isoDay,
  observedAt: isoDay,
  source: z.string(),
  origin: z.string().describe('the file or URL it came from'),
});

const levelSchema = z.object({
  value: z.number(),
  observedAt: isoDay,
  source: z.string(),
  origin: z.string(),
});

const downloadsSchema = z.object({
  subject: subjectId,
  client: z
    .boolean()
    .describe(
      "a client library of the project's server (catalog `clients`): its downloads count only as client evidence",
    ),
  latest: figureSchema.describe('the latest download window on or before asOf'),
  trend: trendViewSchema.describe("the package's six-month trend: the trend view's model"),
});

const derivativesSchema = z
  .object({
    finetune: z.number().int(),
    adapter: z.number().int(),
    quantized: z.number().int(),
    merge: z.number().int(),
    unclassified: z.number().int().describe('children naming the base without a relation tag'),
  })
  .describe('direct derivatives by relation, as first seen by asOf');

const modelSchema = z.object({
  subject: subjectId,
  license: z.string().nullable(),
  facts: z.record(z.string(), z.string()).describe('every stored fact of the model, as stored'),
  downloads30d: figureSchema
    .nullable()
    .describe("Hub downloads over 30 days; null when unknown (a gated repository's 0 is not a count: see unknowns)"),
  likes: figureSchema.nullable(),
  parameters: figureSchema.nullable(),
  derivatives: derivativesSchema.nullable().describe('null when no Hub model tree is stored'),
  fanout: z
    .object({
      direct: z.number().int(),
      tree: z.number().int().describe('every descendant, each counted once'),
      depth: z.number().int(),
      reuploads: z.number().int().describe('same weights re-hosted (GGUF, MLX, AWQ… of the same name), counted apart'),
      effective: z.number().int().describe('tree − reuploads: derivatives that are new work'),
      used: z
        .number()
        .int()
        .describe('new-work derivatives that drew downloads or have derivatives of their own (what the tier counts)'),
      orgs: z.number().int().describe("distinct organisations among the derivatives, the base's own excluded"),
      derivativeDownloads30d: z.number(),
      downloadsKnownFor: z.number().int().describe('derivatives whose downloads are known'),
      derivativeShare: fraction.describe("the derivatives' share of base + derivative downloads"),
      spaces: z.number().nullable(),
    })
    .nullable()
    .describe('the fan-out (docs/fanout.md); null when no Hub data is stored'),
});

const githubSchema = z.object({
  subject: subjectId,
  stars: levelSchema.nullable(),
  forks: levelSchema.nullable(),
  watchers: levelSchema.nullable(),
  openIssuesAndPrs: levelSchema.nullable(),
  license: z.string().nullable(),
  createdAt: isoDay.nullable(),
  pushedAt: isoDay.nullable().describe('the last push'),
  archived: z.boolean().nullable(),
  topics: z.array(z.string()),
  facts: z.record(z.string(), z.string()).describe('every stored fact of the repository, as stored'),
  starHistory: z.object({
    series: z
      .enum(['history', 'sampled'])
      .nullable()
      .describe(
        "history: GitHub's /stargazers/history, the stars still held by the day they were given; sampled: sampled pages of the stargazer list (stores from before 2026)",
      ),
    basis: z.string().nullable().describe('what the curve counts, as every face says it'),
    monthly: z
      .array(z.object({ date: isoDay, stars: z.number() }))
      .describe('cumulative stars at the last observation of each month'),
    gainedLast30d: z.number().nullable(),
    gainedPrior30d: z.number().nullable(),
  }),
  contributors: z.object({
    total: levelSchema.nullable(),
    accounts: z.number().nullable().describe('contributors with an account, bots excluded'),
    topCompanies: z.array(
      z.object({ company: z.string(), contributors: z.number().int(), contributions: z.number().int() }),
    ),
    companyKnown: z.number().int().describe('top contributors who state a company'),
    companyLookedUp: z.number().int().describe('top contributors whose company was looked up'),
  }),
  releases: z.object({
    count: z.number().int(),
    last90d: z.number().int(),
    latest: z
      .object({ tag: z.string(), publishedAt: isoDay.nullable(), prerelease: z.boolean() })
      .nullable()
      .describe('the latest published on or before asOf'),
  }),
});

const noiseSchema = z.object({
  subject: subjectId,
  source: z.string(),
  windowStart: isoDay,
  windowEnd: isoDay,
  days: z.number().int().describe('days with data in the window'),
  split: z
    .object({
      raw: z.number(),
      mirror: z.number(),
      ci: z.number().describe('a lower bound: only pip and uv report CI'),
      bot: z.number(),
      human: z.number().describe('remaining (human/production): not identified as noise'),
      ciReporting: z.number().nullable().describe('non-mirror downloads by installers that can report CI'),
      shares: z.object({ human: fraction, ci: fraction, mirror: fraction, bot: fraction }),
      humanBand: z
        .object({ low: z.number(), high: z.number() })
        .nullable()
        .describe('the human/production figure as a band'),
    })
    .nullable()
    .describe('null when the source cannot separate CI (pypistats)'),
  pypistats: z
    .object({ withMirrors: z.number(), withoutMirrors: z.number() })
    .nullable()
    .describe('pypistats only: with and without its four mirrors'),
  caveats: z.array(z.string()),
});

const noiseEstimateSchema = z.object({
  subject: subjectId,
  weekdayWeekend: z.object({
    ratio: z.number().nullable().describe('mean weekday day over mean weekend day'),
    weekdays: z.number().int(),
    weekendDays: z.number().int(),
    reading: z.enum(['human-like', 'automation-like', 'unclear', 'insufficient-data']),
  }),
  versions: z
    .object({
      topVersion: z.string().nullable(),
      topShare: fraction,
      hhi: fraction.describe('Herfindahl-Hirschman index of version shares'),
      versions: z.number().int(),
    })
    .nullable()
    .describe('null without per-version downloads'),
});

const dependentsSchema = z.object({
  subject: subjectId,
  figures: z.array(
    z.object({
      source: z.string(),
      value: z.number().describe('dependents'),
      observedAt: isoDay,
      growth6m: growthFraction,
      trendNote: z.string(),
    }),
  ),
  disagree: z.boolean().describe('the sources differ by a factor of 2 or more'),
  note: z.string(),
});

const pullsSchema = z.object({
  subject: subjectId,
  latest: figureSchema.describe('cumulative pulls'),
  precision: z.string().nullable().describe('e.g. "±50000" when the count is rounded; null when exact'),
  months: z
    .array(z.object({ month: isoMonth, value: z.number(), plusMinus: z.number() }))
    .describe('monthly pulls differenced from snapshots, the last six'),
  monthlyGrowth: growthFraction,
  notes: z.array(z.string()),
});

export const profileViewSchema = z
  .object({
    schema: z.literal('kept.profile/v2'),
    asOf: isoDay,
    freshness: freshnessSchema.describe(
      "where the usage data the verdict weighs ends against asOf (the verdict's freshness); stale data lowers its confidence",
    ),
    project: z.object({
      id: z.string(),
      name: z.string(),
      category: z.string(),
      description: z.string().nullable(),
      artifacts: z.array(subjectId),
    }),
    summary: z.array(z.string()).describe('the profile in a few sentences, every figure from the fields below'),
    verdict: verdictCoreSchema.describe("the deployment verdict (its unknown signals are in the profile's unknowns)"),
    downloads: z.array(downloadsSchema),
    models: z.array(modelSchema),
    github: z.array(githubSchema),
    noise: z
      .array(noiseSchema)
      .describe('raw → mirror / CI / bot / remaining, for PyPI packages with per-download data'),
    noiseEstimates: z.array(noiseEstimateSchema).describe('noise estimated where no source flags it'),
    dependents: z.array(dependentsSchema),
    pulls: z.array(pullsSchema).describe('Docker Hub, GHCR and Ollama pulls'),
    unknowns: z
      .array(unknownItemSchema)
      .describe("the one list of what could not be measured: the verdict's unknown signals and the missing data"),
    range: z
      .object({
        id: z.enum(CHART_RANGES),
        label: z.string(),
        caption: z.string().describe('what the charts show, as their captions say it'),
      })
      .describe(
        "the download charts' time range: each downloads[].trend.series keeps the windows ending within it before that series' dataEnds (all: every stored window)",
      ),
  })
  .describe(
    'kept profile: everything kept knows about one project. v2 (from v1): one list of unknowns (the verdict keeps none of its own), a summary, tiers as {id, label}, absent figures null, dates ISO days, derivatives by named relation',
  );

export type ProfileView = z.output<typeof profileViewSchema>;
export type Figure = z.output<typeof figureSchema>;
export type ProfileDownloads = ProfileView['downloads'][number];
export type ProfileModel = ProfileView['models'][number];
export type ProfileGithub = ProfileView['github'][number];
