// The link view: artifacts the collected data ties to a project (PyPI project_urls, npm
// `repository`, deps.dev and ecosyste.ms links), proposed as kept.yaml lines; disagreements are
// reported, never resolved. Schema kept.link/v2: v1 plus `asOf`, `summary` and `yamlInline`.
import { z } from 'zod';
import { isoDay, subjectId } from '../shared/schema.js';

export const linkEvidenceSchema = z.object({
  from: subjectId.describe('the artifact whose data names a repository'),
  to: subjectId.describe('the repository it names'),
  source: z.string().describe('the source that stored the link (pypi-json, npm, deps.dev, ecosyste.ms)'),
  origin: z.string().describe('the file or URL the link came from'),
});

export const linkViewSchema = z
  .object({
    schema: z.literal('kept.link/v2'),
    asOf: isoDay.describe('the day the stored links were read'),
    project: z.string(),
    repository: z
      .string()
      .nullable()
      .describe('owner/repo named by the project, or the one its artifacts point at; null when unknown'),
    proposals: z
      .array(
        z.object({
          subject: subjectId,
          kind: z.string(),
          id: z.string(),
          evidence: z.array(linkEvidenceSchema),
        }),
      )
      .describe('artifacts the data links to the project that the project does not list yet'),
    conflicts: z
      .array(linkEvidenceSchema)
      .describe('artifacts of the project whose data points at another repository (kept as they are)'),
    yaml: z.string().describe('kept.yaml lines (block style) adding the proposals; empty when none'),
    yamlInline: z
      .string()
      .describe('the same entry in YAML flow style, on one line (it survives any rendering); empty when none'),
    summary: z.string().describe('the result in one or two sentences'),
  })
  .describe('kept link: artifacts the data links to a project (v2 adds `asOf`, `summary` and `yamlInline` to v1)');

export type LinkView = z.output<typeof linkViewSchema>;
export type LinkEvidence = z.output<typeof linkEvidenceSchema>;
