// The one bot list: which accounts and git identities are automation, so a bot's comment is never
// an issue's first response and a bot's commit never counts as a contributor, whether the data came
// from a live collection, an import or a git log. Pure.

/**
 * Automation accounts and git names, lower case, that carry no `[bot]` suffix (GitHub App logins
 * do; older integrations, git identities and service users do not).
 */
export const BOT_ACCOUNTS: ReadonlySet<string> = new Set([
  'dependabot',
  'dependabot-preview',
  'renovate',
  'renovate-bot',
  'renovatebot',
  'github-actions',
  'github actions',
  'actions-user',
  'action@github.com',
  'pre-commit-ci',
  'mergify',
  'allcontributors',
  'all-contributors',
  'greenkeeper',
  'greenkeeperio-bot',
  'semantic-release-bot',
  'imgbot',
  'imgbotapp',
  'snyk-bot',
  'codecov',
  'codecov-io',
  'codecov-commenter',
  'web-flow',
  'github-merge-queue',
  'copilot',
  'copilot-swe-agent',
  'pyup-bot',
  'deepsource-autofix',
  'transifex-integration',
  'weblate',
  'crowdin-bot',
  'stale',
]);

/**
 * Login shapes of automation: the `[bot]` suffix of GitHub Apps, the `-bot` / `bot-` convention
 * (`facebook-github-bot`), and the well-known services whose variants share a prefix
 * (`renovate-approve`, `codecov-commenter`, `github-actions-bot`). A word that merely contains
 * "bot" (`abbot`, `talbot`, `robotics-lab`) is no bot.
 */
const BOT_LOGIN =
  /(\[bot\]$|-bot$|^bot-|^dependabot|^renovate|^github-actions|^codecov|^pre-commit-ci|^mergify|^allcontributors|^copilot)/i;

/** A login or git name that is automation by its shape or by the list (case-insensitive). */
export function isBotName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return n !== '' && (BOT_ACCOUNTS.has(n) || BOT_LOGIN.test(n));
}

/** A GitHub account that is automation: an App (`type: "Bot"`) or a bot login. */
export function isBotAccount(login: string | null | undefined, type?: string | null): boolean {
  return type === 'Bot' || (typeof login === 'string' && isBotName(login));
}
