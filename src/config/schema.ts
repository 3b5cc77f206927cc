// The kept.yaml schema: every field described, with defaults. A user's file adds projects to the
// built-in catalog, overrides entries by id, extends the organisation → region map and sets paths.
import { z } from 'zod';
import { PROJECT_CATEGORIES } from '../domain/project.js';
import { ISSUE_TOPICS } from '../domain/issue-topics.js';
import { normalizeSubjectId, type SubjectKind } from '../domain/subject.js';
import type { GapRegistry } from './gap-families.js';

/** Names valid on one registry: each is checked as kept will address it (a bad one is an error at its line). */
const artifactNames = (kind: SubjectKind, what: string): z.ZodArray<z.ZodString> =>
  z
    .array(
      z
        .string()
        .min(1)
        .refine((v) => normalizeSubjectId(kind, v) !== undefined, {
          error: (iss) => `${JSON.stringify(String(iss.input).slice(0, 80))} is not a valid ${what}`,
        }),
    )
    .describe('names or ids, one per artifact');

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
    pypi: artifactNames('pypi', 'PyPI project name').optional(),
    npm: artifactNames('npm', 'npm package name').optional(),
    docker: artifactNames('docker', 'Docker Hub repository')
      .optional()
      .describe('Docker Hub repositories, namespace/name (library/x for official images)'),
    ghcr: artifactNames('ghcr', 'GHCR image (owner/name)').optional(),
    hfOrgs: artifactNames('hf-org', 'Hugging Face organisation').optional().describe('Hugging Face organisations'),
    hfModels: artifactNames('hf', 'Hugging Face model id')
      .optional()
      .describe('Hugging Face base models (case-sensitive ids)'),
    ollama: artifactNames('ollama', 'Ollama model name').optional(),
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
              .optional()
              .describe('case-insensitive regular expressions matched against label names'),
            keywords: z
              .array(z.string())
              .optional()
              .describe('case-insensitive regular expressions matched against title and body'),
            titleKeywords: z
              .array(z.string())
              .optional()
              .describe('case-insensitive regular expressions matched against the title only'),
            exclude: z
              .array(z.string())
              .optional()
              .describe('phrases blanked out of title and body before the keywords run'),
            excludeTitles: z
              .array(z.string())
              .optional()
              .describe('titles that keep an issue out of the topic by text (labels still count)'),
            replace: z
              .boolean()
              .optional()
              .describe('true: replace the built-in patterns of this topic instead of adding to them'),
          })
          .strict(),
      )
      .optional()
      .describe(
        'issue topic rules: each entry adds its patterns to the built-in rule of its topic (docs/issue-health.md)',
      ),
    unansweredAfterDays: z.number().int().positive().optional().describe('"unanswered after N days" (default 30)'),
  })
  .strict();
// --- end verdict ---

// --- gap: the deployment gap's families (docs/ecosystem.md) ---
const registryNames = (kind: GapRegistry) =>
  z
    .array(z.string().refine((v) => normalizeSubjectId(kind, v) !== undefined, `not a ${kind} name`))
    .optional()
    .describe(`${kind} names; replaces the catalog's ${kind} list of this family ([] removes it)`);
const gapFamilySchema = z
  .object({
    label: z.string().min(1).optional().describe('what the family is called in the report, a plural noun phrase'),
    pypi: registryNames('pypi'),
    npm: registryNames('npm'),
    docker: registryNames('docker'),
    ghcr: registryNames('ghcr'),
  })
  .strict();
export const gapConfigSchema = z
  .object({
    closed: gapFamilySchema.optional().describe('the closed-API clients'),
    open: gapFamilySchema.optional().describe('the open serving runtimes'),
  })
  .strict();
// --- end gap ---

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
      .record(
        z
          .string()
          .min(1)
          .refine((v) => normalizeSubjectId('hf-org', v) !== undefined, {
            error: (iss) => `${JSON.stringify(String(iss.input).slice(0, 80))} is not a valid Hub organisation`,
          }),
        z.enum(['us', 'china', 'eu', 'other']),
      )
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
    gap: gapConfigSchema.optional().describe('the families of kept gap: lists that replace the catalog defaults'),
  })
  .strict();

export type ProjectEntry = z.infer<typeof projectEntrySchema>;
export type KeptConfig = z.infer<typeof configSchema>;
