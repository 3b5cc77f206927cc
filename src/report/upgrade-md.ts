// Markdown for upgrade safety: cadence, breaking releases with their reasons, deprecation notices
// and removals, policy and migration-guide findings, registry deprecations and yanks. Pure.
import type { DocFinding, UpgradeSafety } from '../signals/upgrade-safety.js';

function finding(f: DocFinding): string {
  if (f.status === 'found') return `found — ${f.evidence.slice(0, 3).join('; ')}`;
  return `${f.status}${f.reason ? ` (${f.reason})` : ''}`;
}

const REASON_TEXT: Readonly<Record<string, string>> = {
  'major-bump': 'major version bump',
  'zero-minor-bump': '0.x minor bump',
  'breaking-section': 'breaking-changes section in the notes',
  'removed-section': 'removed section in the notes',
};

export function renderUpgradeMarkdown(u: UpgradeSafety, heading = '## Upgrade safety'): string {
  const c = u.cadence;
  const schemes = Object.entries(u.schemes)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const lines = [
    heading,
    '',
    `As of ${u.asOf.toISOString().slice(0, 10)}: ${u.releases.total} releases (${u.releases.stable} stable, ${u.releases.prerelease} pre-release${u.releases.prerelease === 1 ? '' : 's'}${u.releases.drafts ? `, ${u.releases.drafts} drafts ignored` : ''}; tags: ${schemes || 'none'}).`,
    '',
    `- Cadence: ${c.last6Months} stable releases in the last six months (${c.prereleasesLast6Months} pre-releases); median ${c.medianIntervalDays === undefined ? '—' : `${c.medianIntervalDays.toFixed(1)} days`} between stable releases over twelve months; latest ${c.latest ?? 'none'}${c.daysSinceLast === undefined ? '' : `, ${c.daysSinceLast.toFixed(0)} days ago`}.`,
    `- Breaking releases: ${u.breaking.length} in all, ${u.breakingLast12Months} in the last twelve months.`,
    ...u.breaking
      .slice(-6)
      .map((b) => `  - ${b.tag} (${b.date}): ${b.reasons.map((r) => REASON_TEXT[r] ?? r).join(', ')}`),
    `- Deprecation notices in release notes: ${u.deprecationNotices.length}.`,
    ...u.deprecationNotices.slice(-3).map((d) => `  - ${d.tag} (${d.date}): ${d.line}`),
    `- Deprecation to removal: ${u.deprecationToRemoval.length ? u.deprecationToRemoval.map((r) => `\`${r.name}\` ${r.deprecatedIn} → ${r.removedIn} (${r.days} days)`).join('; ') : 'none detected'}.`,
    `- Written deprecation / versioning policy: ${finding(u.deprecationPolicy)}.`,
    `- Migration guide: ${finding(u.migrationGuide)}.`,
    `- Registry: ${u.registry ? `${u.registry.versions} versions, ${u.registry.deprecated} deprecated, ${u.registry.yanked} yanked${u.registry.examples.length ? ` (${u.registry.examples.join('; ')})` : ''}` : 'version states not collected'}.`,
  ];
  if (u.notes.length) lines.push('', ...u.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}
