// Markdown for `kept contributors`: one table of figures per window, organisations, the people
// behind the bus factor, and the unattributed share said outright. Pure.
import type { ContributorReport, ContributorWindow } from '../domain/contributors.js';
import { judgeMultiOrganization } from '../signals/contributors.js';
import { formatCount, formatShare } from '../domain/format.js';

const LABEL: Record<ContributorWindow['window'], string> = {
  all: 'all time',
  '12m': 'last 12 months',
  '6m': 'last 6 months',
};

function share(x: number | null): string {
  return x === null ? 'unknown' : formatShare(x);
}

function factor(x: number | null): string {
  return x === null ? 'unknown' : String(x);
}

export function renderContributorsMarkdown(r: ContributorReport): string {
  const out: string[] = [];
  const src = r.source;
  out.push(`# Contributor breadth: ${src.project ?? src.path}`);
  out.push('');
  out.push(
    `Repository \`${src.path}\` at \`${src.head.slice(0, 12)}\`, as of ${r.asOf.slice(0, 10)}` +
      `${src.since ? `, since ${src.since.slice(0, 10)}` : ''}${src.until ? `, until ${src.until.slice(0, 10)}` : ''}` +
      `; ${src.merges ? 'merge commits included' : 'merge commits excluded'}; .mailmap ${src.mailmap ? 'applied' : 'ignored'}.`,
  );
  if (r.range.first && r.range.last)
    out.push(
      `History counted: ${r.range.first.slice(0, 10)} to ${r.range.last.slice(0, 10)}; ${formatCount(r.identities.addresses)} addresses merged into ${formatCount(r.identities.people)} people.`,
    );
  if (r.skipped.afterAsOf > 0)
    out.push(`${formatCount(r.skipped.afterAsOf)} commits landed after ${r.asOf.slice(0, 10)} and are not counted.`);
  out.push('');
  const ws = r.windows;
  const row = (label: string, f: (w: ContributorWindow) => string): string => `| ${label} | ${ws.map(f).join(' | ')} |`;
  out.push(`| | ${ws.map((w) => LABEL[w.window]).join(' | ')} |`);
  out.push(`|---|${ws.map(() => '---:').join('|')}|`);
  out.push(row('commits (human)', (w) => formatCount(w.commits)));
  out.push(row('contributors', (w) => formatCount(w.contributors)));
  out.push(row(`active (≥ ${r.activeMinCommits} commits)`, (w) => formatCount(w.activeContributors)));
  out.push(row('new contributors', (w) => formatCount(w.newContributors)));
  out.push(row('bus factor', (w) => factor(w.busFactor)));
  out.push(row('elephant factor', (w) => factor(w.elephantFactor)));
  out.push(
    row('top organisation', (w) =>
      w.organizations[0] ? `${w.organizations[0].name} ${share(w.topOrganizationShare)}` : 'none',
    ),
  );
  out.push(row('**unattributed share**', (w) => `**${share(w.unattributedShare)}**`));
  out.push(row('bot commits (accounts)', (w) => `${formatCount(w.bots.commits)} (${w.bots.accounts})`));
  out.push('');
  const multi = judgeMultiOrganization(r);
  out.push(`More than one organisation contributing (last 12 months): **${multi.verdict}**: ${multi.reason}.`);
  out.push('');

  const twelve = ws.find((w) => w.window === '12m');
  const focus = twelve && twelve.commits > 0 ? twelve : ws[0];
  if (focus) {
    const u = focus.unattributed;
    const un = focus.unattributedShare;
    if (un !== null && un >= 0.5) {
      out.push(
        `**${share(un)} of contributions (${LABEL[focus.window]}) cannot be tied to an organisation**: the organisation figures describe only the rest, and a low elephant factor may hide a single employer.`,
      );
      out.push('');
    }
    out.push(`## Organisations, ${LABEL[focus.window]}`);
    out.push('');
    if (focus.organizations.length === 0) out.push('No contribution could be attributed to an organisation.');
    else {
      out.push('| organisation | contributions | share of all | share of attributed | people | region |');
      out.push('|---|---:|---:|---:|---:|---|');
      for (const o of focus.organizations.slice(0, 15)) {
        out.push(
          `| ${escapeCell(o.name)} | ${formatCount(o.commits)} | ${formatShare(o.share)} | ${formatShare(o.shareOfAttributed)} | ${o.contributors} | ${o.region ?? ''} |`,
        );
      }
      if (focus.organizations.length > 15) out.push(`| … ${focus.organizations.length - 15} more | | | | | |`);
    }
    out.push('');
    out.push(
      `Unattributed contributions: ${formatCount(u.freemail)} free-mail, ${formatCount(u.noreply)} GitHub noreply without a known company, ${formatCount(u.personalDomain)} from a domain only one person used, ${formatCount(u.unknown)} without a usable address.`,
    );
    out.push('');
    out.push(`## Most active people, ${LABEL[focus.window]}`);
    out.push('');
    out.push('| person | contributions | organisation |');
    out.push('|---|---:|---|');
    for (const p of focus.topContributors)
      out.push(
        `| ${escapeCell(p.name || '(no name)')} | ${formatCount(p.commits)} | ${p.organization === null ? 'unattributed' : escapeCell(p.organization)} |`,
      );
    out.push('');
  }

  const trend = r.newContributorTrend.slice(-8);
  if (trend.length > 0) {
    out.push('## New contributors per quarter');
    out.push('');
    out.push(`| ${trend.map((p) => p.period).join(' | ')} |`);
    out.push(`|${trend.map(() => '---:').join('|')}|`);
    out.push(`| ${trend.map((p) => String(p.newContributors)).join(' | ')} |`);
    out.push('');
  }
  out.push(
    'Contributions are commits × credited people (author and Co-authored-by). Bus factor: fewest people covering 50% of contributions; elephant factor: fewest organisations covering 50% of attributed contributions. See docs/contributors.md.',
  );
  return `${out.join('\n')}\n`;
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}
