// Markdown for issue-tracker health: one table by topic, the backlog trend, and the notes that
// say what the figures cannot show (sample bias, censoring, missing comment timestamps). Pure.
import type { DurationFigure, GroupHealth, IssueHealth, UnansweredFigure } from '../signals/issue-tracker-health.js';
import { ALL_TOPICS } from '../classify/issue-topic.js';
import { formatShare } from '../domain/format.js';

export function formatDays(d: number | undefined): string {
  if (d === undefined) return '—';
  return d < 1 ? `${(d * 24).toFixed(1)} h` : `${d.toFixed(1)} d`;
}

function duration(f: DurationFigure): string {
  if (f.basis === 'unknown' || !f.km) return 'unknown';
  const p50 = f.km.p50 === undefined ? `> ${formatDays(f.km.maxObserved)}` : formatDays(f.km.p50);
  const p90 = f.km.p90 === undefined ? `> ${formatDays(f.km.maxObserved)}` : formatDays(f.km.p90);
  return `${p50} / ${p90}`;
}

function completed(f: DurationFigure): string {
  if (!f.completedOnly || f.completedOnly.n === 0) return '—';
  return `${formatDays(f.completedOnly.p50)} / ${formatDays(f.completedOnly.p90)}`;
}

function unanswered(u: UnansweredFigure): string {
  if (u.share === undefined) return 'unknown';
  return `${formatShare(u.share)} (${u.unanswered}/${u.eligible})${u.basis === 'comment-count' ? '*' : ''}`;
}

function row(name: string, g: GroupHealth): string {
  return `| ${name} | ${g.count} | ${g.open} | ${duration(g.firstResponse)} | ${duration(g.timeToClose)} | ${completed(g.timeToClose)} | ${unanswered(g.unanswered)} | ${formatDays(g.backlog.ageP50)} |`;
}

export function renderIssueHealthMarkdown(h: IssueHealth, heading = '## Issue-tracker health'): string {
  const after = h.issues.unanswered.afterDays;
  const lines = [
    heading,
    '',
    `As of ${h.asOf.toISOString().slice(0, 10)}${h.since ? `, issues opened since ${h.since.toISOString().slice(0, 10)}` : ''}. First response = first comment by someone other than the author, not a bot. p50 / p90 are Kaplan–Meier estimates (open items censored at their age); "closed only" is the biased-low view.`,
    '',
    `| | items | open | first response p50 / p90 | time to close p50 / p90 | closed only p50 / p90 | unanswered after ${after} d | open backlog age p50 |`,
    '|---|---:|---:|---|---|---|---|---|',
    row('all issues', h.issues),
    row('pull requests', h.pullRequests),
    row('serving + memory', h.servingAndMemory),
    ...ALL_TOPICS.map((t) => row(`topic: ${t}`, h.byTopic[t])),
    '',
    `Open issue backlog: ${h.backlogTrend.map((p) => `${p.at.slice(0, 10)} ${p.open}`).join(' → ')}`,
  ];
  if ([h.issues, h.pullRequests, ...Object.values(h.byTopic)].some((g) => g.unanswered.basis === 'comment-count'))
    lines.push(
      '',
      '\\* no comment timestamps: share of items with zero comments of any kind, a lower bound on "unanswered".',
    );
  if (h.notes.length) lines.push('', ...h.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}
