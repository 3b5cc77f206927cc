// The kept.yaml schema: every field described, with defaults. A user's file adds projects to the
// built-in catalog, overrides entries by id, extends the organisation → region map and sets paths.
import { z } from 'zod';
import { PROJECT_CATEGORIES } from '../domain/project.js';
import { ISSUE_TOPICS } from '../domain/issue-topics.js';

const names = z.array(z.string().min(1)).describe('names or ids, one per artifact');

export const projectEntrySchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'use letters, digits, ".", "_" or "-"')
      .describe('kept id of the project; an existing catalog id overrides that entry'),
    name: z.string().min(1).optional().describe('display name'),
    category: z
      .enum(PROJECT_CATEGORIES)
      .optional()
      .describe(`one of ${PROJECT_CATEGORIES.join(', ')}`),
    description: z.string().optional(),
    github: z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+$/, 'write owner/repo')
      .optional()
      .describe('GitHub repository, owner/repo'),
    pypi: names.optional(),
    npm: names.optional(),
    docker: names.optional().describe('Docker Hub repositories, namespace/name (library/x for official images)'),
    ghcr: names.optional(),
    hfOrgs: names.optional().describe('Hugging Face organisations'),
    hfModels: names.optional().describe('Hugging Face base models (case-sensitive ids)'),
    ollama: names.optional(),
    clients: z
      .array(z.string().regex(/^(pypi|npm):\S+$/, 'write kind:name, e.g. pypi:ollama'))
      .optional()
      .describe(
        "the project's packages that are client libraries of its server (kind:name): their downloads count only as client evidence",
      ),
  })
  .strict();

// --- verdict: tier thresholds, issue topics (docs/tiers.md) ---
const count = z.number().nonnegative();
const ladder = z
  .tuple([count, count, count])
  .describe('thresholds for internal tooling, production-facing, load-bearing infrastructure');
export const verdictConfigSchema = z
  .object({
    thresholds: z
      .object({
        downloadFloor: ladder
          .optional()
          .describe(
            'monthly download floor (lowest of the last three months) for every category: replaces the per-category table',
          ),
        downloadFloorByCategory: z
          .record(z.enum(PROJECT_CATEGORIES), ladder)
          .optional()
          .describe('monthly download floor (and Hub downloads) per project category, over the built-in table'),
        dependents: ladder.optional(),
        containerPulls: ladder.optional(),
        fanOut: ladder.optional().describe('derivative models'),
        servingRuntimes: z
          .tuple([count, count])
          .optional()
          .describe('serving runtimes supporting a model: production-facing, load-bearing'),
        declineBelow: z
          .number()
          .optional()
          .describe('download growth (last 3 vs prior 3 months) below this is a decline, e.g. -0.1'),
        triageDays: count.optional().describe('serving/memory first response p50 (days) that counts as fast'),
        triageCloseProxyDays: count
          .optional()
          .describe('without comment timestamps: time-to-close p50 (days) that stands in for fast triage'),
        minReleases6m: count.optional(),
        maxBreaking12m: count.optional(),
        minElephantFactor: count.optional(),
        minBusFactor: count.optional(),
      })
      .strict()
      .optional()
      .describe('overrides of the tier thresholds (defaults in docs/tiers.md)'),
    topics: z
      .array(
        z
          .object({
            topic: z.enum(ISSUE_TOPICS),
            labels: z
              .array(z.string())
              .default([])
              .describe('case-insensitive regular expressions matched against label names'),
            keywords: z
              .array(z.string())
              .default([])
              .describe('case-insensitive regular expressions matched against title and body'),
          })
          .strict(),
      )
      .optional()
      .describe('issue topic rules; replace the built-in ones'),
    unansweredAfterDays: z.number().int().positive().optional().describe('"unanswered after N days" (default 30)'),
  })
  .strict();
// --- end verdict ---

export const configSchema = z
  .object({
    store: z
      .string()
      .min(1)
      .optional()
      .describe('database path (DuckDB file) or clickhouse:// URL; --db and KEPT_DB win over it'),
    projects: z
      .array(projectEntrySchema)
      .default([])
      .describe('projects to add to the catalog, or catalog entries to override'),
    organizations: z
      .record(z.string().min(1), z.enum(['us', 'china', 'eu', 'other']))
      .default({})
      .describe('Hub organisation → developer region, added to the built-in map'),
    tokens: z
      .object({ github: z.string().min(1).optional(), hf: z.string().min(1).optional() })
      .strict()
      .optional()
      .describe(
        'API tokens; prefer the GITHUB_TOKEN and HF_TOKEN environment variables. The file must not be group/world readable.',
      ),
    verdict: verdictConfigSchema.optional().describe('deployment-tier thresholds and issue topic rules'),
  })
  .strict();

export type ProjectEntry = z.infer<typeof projectEntrySchema>;
export type KeptConfig = z.infer<typeof configSchema>;
