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
  dependents: 'dependents',
  dependentRepos: 'dependent_repos',
  contributors: 'contributors',
  // ---- GitHub source (issue 3)
  /** Stars gained in the window (one UTC day), from the stargazer timestamps. */
  starsGained: 'stars_gained',
  /** GitHub's open_issues_count: open issues AND open pull requests, a level. */
  openIssuesAndPrs: 'open_issues_and_prs',
} as const;

export type MetricName = (typeof METRICS)[keyof typeof METRICS];
