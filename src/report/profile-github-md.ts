// Markdown of the GitHub block of a profile: levels with their dates, the star curve, contributors'
// companies and releases (issue-tracker health is the verdict's section). Pure.
import type { ProfileGithub } from '../pipeline/profile-github.js';
import { formatCount } from '../domain/format.js';

export function renderGithubMarkdown(blocks: readonly ProfileGithub[]): string[] {
  const out: string[] = [];
  for (const g of blocks) {
    out.push(`## GitHub: ${g.subject.replace(/^github:/, '')}`, '');
    const fig = (label: string, f: ProfileGithub['stars']): string =>
      f ? `${label} ${formatCount(f.value)}` : `${label} unknown`;
    out.push(
      `${[fig('stars', g.stars), fig('forks', g.forks), fig('watchers', g.watchers), fig('open issues + PRs', g.openIssuesAndPrs)].join(' · ')}${g.stars ? ` (${g.stars.source}, ${g.stars.observedAt})` : ''}`,
    );
    const f = g.facts;
    out.push(
      `licence ${f.license ?? 'unknown'} · created ${f.created_at?.slice(0, 10) ?? 'unknown'} · last push ${f.pushed_at?.slice(0, 10) ?? 'unknown'}${f.archived === 'true' ? ' · **archived**' : ''}${f.topics ? ` · topics: ${f.topics}` : ''}`,
      '',
    );
    const h = g.starHistory;
    if (h.series) {
      const pts =
        h.monthly.length > 12
          ? h.monthly.filter((_, i) => i % Math.ceil(h.monthly.length / 12) === 0 || i === h.monthly.length - 1)
          : h.monthly;
      out.push(
        `Star history (${h.series === 'history' ? 'every star, by day' : 'sampled pages'}): ${pts.map((p) => `${p.date} ${formatCount(p.stars)}`).join(' → ')}`,
      );
      if (h.gainedLast30d !== null)
        out.push(
          `Stars gained: ${formatCount(h.gainedLast30d)} in the last 30 days, ${formatCount(h.gainedPrior30d ?? 0)} in the 30 before.`,
        );
      out.push('');
    }
    const c = g.contributors;
    if (c.total) {
      out.push(
        `Contributors: ${formatCount(c.total.value)} (${c.accounts === null ? '?' : formatCount(c.accounts)} accounts, not bots; GitHub links only the first 500 e-mails to accounts).`,
      );
      if (c.topCompanies.length)
        out.push(
          `Companies of the top ${c.companyLookedUp} contributors (${c.companyKnown} state one): ${c.topCompanies.map((x) => `${x.company} ${x.contributors}`).join(', ')}.`,
        );
      out.push('');
    }
    const r = g.releases;
    out.push(
      r.latest
        ? `Releases: ${r.count} (${r.last90d} in the last 90 days); latest ${r.latest.tag} on ${r.latest.publishedAt?.slice(0, 10) ?? 'unknown'}${r.latest.prerelease ? ' (prerelease)' : ''}.`
        : 'Releases: none published.',
      '',
    );
  }
  return out;
}
