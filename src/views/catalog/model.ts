// The catalog view: the projects kept knows (the built-in catalog plus kept.yaml) and every
// artifact each is measured through. Schema kept.catalog/v2: v1 plus `asOf`.
import { z } from 'zod';
import { PROJECT_CATEGORIES } from '../../domain/project.js';
import { isoDay, subjectId } from '../shared/schema.js';

const names = z.array(z.string());

export const catalogProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(PROJECT_CATEGORIES),
  description: z.string().optional(),
  github: z.string().optional().describe('owner/repo'),
  pypi: names.optional(),
  npm: names.optional(),
  docker: names.optional(),
  ghcr: names.optional(),
  hfOrgs: names.optional().describe('Hugging Face organisations'),
  hfModels: names.optional().describe('base models whose fan-out belongs to the project'),
  ollama: names.optional(),
  clients: z
    .array(subjectId)
    .optional()
    .describe(
      "artifacts that are client libraries of the project's server: their downloads count only as client evidence",
    ),
  artifacts: z.array(subjectId).describe('every subject the project is measured through, in a stable order'),
});

export const catalogViewSchema = z
  .object({
    schema: z.literal('kept.catalog/v2'),
    asOf: isoDay.describe('the day the catalog was listed'),
    version: z.string().describe('version of the built-in catalog'),
    config: z.string().nullable().describe('the kept.yaml merged into it; null when none'),
    projects: z.array(catalogProjectSchema),
  })
  .describe('kept catalog: the projects kept knows and their artifacts (v2 adds `asOf` to v1)');

export type CatalogView = z.output<typeof catalogViewSchema>;
