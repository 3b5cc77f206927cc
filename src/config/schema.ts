// The kept.yaml schema: every field described, with defaults. A user's file adds projects to the
// built-in catalog, overrides entries by id, extends the organisation → region map and sets paths.
import { z } from 'zod';
import { PROJECT_CATEGORIES } from '../domain/project.js';

const names = z.array(z.string().min(1)).describe('names or ids, one per artifact');

export const projectEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'use letters, digits, ".", "_" or "-"').describe('kept id of the project; an existing catalog id overrides that entry'),
    name: z.string().min(1).optional().describe('display name'),
    category: z.enum(PROJECT_CATEGORIES).optional().describe(`one of ${PROJECT_CATEGORIES.join(', ')}`),
    description: z.string().optional(),
    github: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'write owner/repo').optional().describe('GitHub repository, owner/repo'),
    pypi: names.optional(),
    npm: names.optional(),
    docker: names.optional().describe('Docker Hub repositories, namespace/name (library/x for official images)'),
    ghcr: names.optional(),
    hfOrgs: names.optional().describe('Hugging Face organisations'),
    hfModels: names.optional().describe('Hugging Face base models (case-sensitive ids)'),
    ollama: names.optional(),
  })
  .strict();

export const configSchema = z
  .object({
    store: z.string().min(1).optional().describe('database path (DuckDB file) or clickhouse:// URL; --db and KEPT_DB win over it'),
    projects: z.array(projectEntrySchema).default([]).describe('projects to add to the catalog, or catalog entries to override'),
    organizations: z
      .record(z.string().min(1), z.enum(['us', 'china', 'eu', 'other']))
      .default({})
      .describe('Hub organisation → developer region, added to the built-in map'),
    tokens: z
      .object({ github: z.string().min(1).optional(), hf: z.string().min(1).optional() })
      .strict()
      .optional()
      .describe('API tokens; prefer the GITHUB_TOKEN and HF_TOKEN environment variables. The file must not be group/world readable.'),
  })
  .strict();

export type ProjectEntry = z.infer<typeof projectEntrySchema>;
export type KeptConfig = z.infer<typeof configSchema>;
