// The kinds of stored records (raw upstream documents) and the facts about them that both the
// write side (imports, the GitHub source) and the read side (the verdict) name.

/** Record kinds this import writes and the verdict reads (data = the GitHub REST JSON). */
export const RECORD_KINDS = {
  issue: 'issue',
  issueComment: 'issue-comment',
  release: 'release',
  repoDoc: 'repo-doc',
} as const;
/**
 * Every kind the verdict reads per role, including the GitHub source's normalised records
 * (`github-issue`, `github-pull`, `github-release`, see src/sources/github/normalize.ts).
 */
export const READ_KINDS = {
  issue: [RECORD_KINDS.issue, 'github-issue', 'github-pull'],
  issueComment: [RECORD_KINDS.issueComment],
  release: [RECORD_KINDS.release, 'github-release'],
  repoDoc: [RECORD_KINDS.repoDoc],
} as const;
/** Fact naming a stored issue set as a sample, with its description. */
export const ISSUES_SAMPLE_FACT = 'issues-sample';
/** Record kind of a stored contributor report (ContributorReport), written by ingest/contributors.ts. */
export const CONTRIBUTORS_RECORD_KIND = 'contributors';

/** The source name of the shipped Interconnects-AI/tracked-models attribution (regions, parameter counts). */
export const TRACKED_MODELS_SOURCE = 'tracked-models';
