// Metric names used in observations, in one place so sources, signals and reports agree.
// A metric's unit and meaning do not change with its window: `downloads` over 30 days and over
// one day are the same metric with different windows.

export const METRICS = {
  /** Downloads in the observation window (PyPI, npm, Hub 30-day, Ollama differenced). */
  downloads: 'downloads',
  /** Cumulative downloads since creation, a level (Hub downloadsAllTime). */
  downloadsTotal: 'downloads_total',
  /** Cumulative container pulls, a level (Docker Hub pull_count). */
  pullsTotal: 'pulls_total',
  stars: 'stars',
  forks: 'forks',
  watchers: 'watchers',
  openIssues: 'open_issues',
  likes: 'likes',
  /** Model parameter count, a level. */
  parameters: 'parameters',
  /** Spaces using a Hub model, a level (the length of the model's `spaces` list). */
  spaces: 'spaces',
  /**
   * Distinct models the Hub lists as direct derivatives of a base model (finetune, adapter,
   * quantized, merge), a level per collection day. Relations are kept as first seen; this is the
   * day's count.
   */
  derivatives: 'derivatives',
  /** Public models an organisation has on the Hub (its `/api/models?author=` listing), a level. */
  models: 'models',
  /** Parameters active per token (mixture-of-experts models), a level. */
  parametersActive: 'parameters_active',
  dependents: 'dependents',
  dependentRepos: 'dependent_repos',
  contributors: 'contributors',
  // ---- GitHub source
  /** Stars gained in the window (one UTC day) that are still held (STAR_HISTORY_BASIS). */
  starsGained: 'stars_gained',
  /** GitHub's open_issues_count: open issues AND open pull requests, a level. */
  openIssuesAndPrs: 'open_issues_and_prs',
  // --- registries ---
  /** Stars on Docker Hub, a level. */
  containerStars: 'container_stars',
  /** Pulls in the window, differenced from two pull_count snapshots (Docker Hub, Ollama). */
  pulls: 'pulls',
  /** Published versions of a package, a level. */
  versions: 'versions',
  /** Versions carrying a `deprecated` message (npm) or flag (deps.dev), a level. */
  deprecatedVersions: 'deprecated_versions',
  maintainers: 'maintainers',
  /** PyPI releases whose files are all yanked (PEP 592), a level. */
  yankedVersions: 'yanked_versions',
  /** ecosyste.ms ranking: percent of the registry ranked above (lower is better), dims {by}. */
  rankingPercentile: 'ranking_percentile',
  /** Tags of an Ollama model, a level. */
  tags: 'tags',
  // ---- contributor breadth (signals/contributors.ts); dims {window: all|12m|6m}
  /** Human commits landed in the window (bots apart). */
  commits: 'commits',
  activeContributors: 'active_contributors',
  newContributors: 'new_contributors',
  botCommits: 'bot_commits',
  /** Contributions attributed to one organisation; dims add {organization}. */
  organizationCommits: 'organization_commits',
  elephantFactor: 'elephant_factor',
  busFactor: 'bus_factor',
  topOrganizationShare: 'top_organization_share',
  unattributedShare: 'unattributed_share',
} as const;

export type MetricName = (typeof METRICS)[keyof typeof METRICS];

/**
 * What the daily star history (`stars_gained`, and `stars` with dims `series=history`) counts, as
 * every face says it: GitHub's /stargazers/history buckets today's stars by the day each was given,
 * so an unstar lowers an old day (docs/star-history.md).
 */
export const STAR_HISTORY_BASIS = 'stars still held, by the day they were given';
