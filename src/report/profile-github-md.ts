// Markdown of the GitHub block of a profile: levels with their dates, the star curve, contributors'
// companies, releases and issue-tracker health. Pure.
import type { ProfileGithub } from '../pipeline/profile-github.js';
import { formatCount, formatShare } from './format.js';

function hours(h: number | null): string {
  if (h === null) return 'unknown';
  if (h < 48) return `${h.toFixed(h < 10 ? 1 : 0)} h`;
  return `${(h / 24).toFixed(1)} days`;
}

function days(d: number | null): string {
  return d === null ? 'unknown' : `${d.toFixed(d < 10 ? 1 : 0)} days`;
}

export function renderGithubMarkdown(blocks: readonly ProfileGithub[]): string[] {
  const out: string[] = [];
  for (const g of blocks) {
    out.push(`## GitHub: ${g.subject.replace(/^github:/, '')}`, '');
    const fig = (label: string, f: ProfileGithub['stars']): string => (f ? `${label} ${formatCount(f.value)}` : `${label} unknown`);
    out.push(`${[fig('stars', g.stars), fig('forks', g.forks), fig('watchers', g.watchers), fig('open issues + PRs', g.openIssuesAndPrs)].join(' · ')}${g.stars ? ` (${g.stars.source}, ${g.stars.observedAt})` : ''}`);
    const f = g.facts;
    out.push(`licence ${f.license ?? 'unknown'} · created ${f.created_at?.slice(0, 10) ?? 'unknown'} · last push ${f.pushed_at?.slice(0, 10) ?? 'unknown'}${f.archived === 'true' ? ' · **archived**' : ''}${f.topics ? ` · topics: ${f.topics}` : ''}`, '');
    const h = g.starHistory;
    if (h.series) {
      const pts = h.monthly.length > 12 ? h.monthly.filter((_, i) => i % Math.ceil(h.monthly.length / 12) === 0 || i === h.monthly.length - 1) : h.monthly;
      out.push(`Star history (${h.series === 'history' ? 'every star, by day' : 'sampled pages'}): ${pts.map((p) => `${p.date} ${formatCount(p.stars)}`).join(' → ')}`);
      if (h.gainedLast30d !== null) out.push(`Stars gained: ${formatCount(h.gainedLast30d)} in the last 30 days, ${formatCount(h.gainedPrior30d ?? 0)} in the 30 before.`);
      out.push('');
    }
    const c = g.contributors;
    if (c.total) {
      out.push(`Contributors: ${formatCount(c.total.value)} (${c.accounts === null ? '?' : formatCount(c.accounts)} accounts, not bots; GitHub links only the first 500 e-mails to accounts).`);
      if (c.topCompanies.length) out.push(`Companies of the top ${c.companyLookedUp} contributors (${c.companyKnown} state one): ${c.topCompanies.map((x) => `${x.company} ${x.contributors}`).join(', ')}.`);
      out.push('');
    }
    const r = g.releases;
    out.push(r.latest ? `Releases: ${r.count} (${r.last90d} in the last 90 days); latest ${r.latest.tag} on ${r.latest.publishedAt?.slice(0, 10) ?? 'unknown'}${r.latest.prerelease ? ' (prerelease)' : ''}.` : 'Releases: none published.', '');
    const i = g.issues;
    if (i.issues) {
      out.push(
        `Issues (${i.issues} created ${i.from} → ${i.to}, PRs and bots excluded): first response p50 ${hours(i.firstResponseHoursP50)}, p90 ${hours(i.firstResponseHoursP90)} (${i.responded} of ${i.known} with a known first response answered); ` +
          `unanswered after 30 days ${i.unansweredAfter30dShare === null ? 'unknown (no issue 30 days old in the window)' : `${formatShare(i.unansweredAfter30dShare)} of ${i.unansweredAfter30dBase}`}; time to close p50 ${days(i.closeDaysP50)}, p90 ${days(i.closeDaysP90)} (${i.closed} closed).`,
        '',
      );
    }
  }
  return out;
}
