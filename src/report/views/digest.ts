// The digest view laid out: its summary, the ranked changes with their pages, each change's
// evidence, the projects that changed, the catalog by tier at both dates, and how it is ranked. Pure.
import type { DigestView } from '../../views/digest/model.js';
import type { Block, ReportDocument, ReportSection } from '../document.js';

export function digestDocument(m: DigestView): ReportDocument {
  const summary: Block[] = [{ kind: 'prose', text: m.summary }];
  for (const n of m.notReported)
    summary.push({ kind: 'note', tone: 'info', text: `Not reported: ${n.kind}: ${n.reason}.` });
  const sections: ReportSection[] = [{ id: 'summary', title: 'Summary', blocks: summary }];
  if (m.changes.length) {
    sections.push(
      {
        id: 'changes',
        title: 'Changes, most important first',
        blocks: [
          {
            kind: 'table',
            id: 'changes',
            caption: `What changed between ${m.from} and ${m.to}, ranked (score = kind weight × magnitude)`,
            columns: [
              { key: 'rank', label: 'rank', format: 'count' },
              { key: 'score', label: 'score', format: 'count' },
              { key: 'kind', label: 'kind', format: 'text' },
              { key: 'project', label: 'project', format: 'text' },
              { key: 'change', label: 'change', format: 'text' },
              { key: 'direction', label: 'for users', format: 'text' },
              { key: 'date', label: 'date', format: 'text' },
              { key: 'page', label: 'dashboard page', format: 'text' },
            ],
            rows: m.changes.map((c) => [
              c.rank,
              c.score,
              c.kind,
              c.project?.name ?? 'catalog',
              c.title,
              c.direction,
              c.date ?? 'in the period',
              c.link,
            ]),
            links: m.changes.map((c, row) => ({ row, column: 'page', href: c.link })),
          },
        ],
      },
      {
        id: 'evidence',
        title: 'Evidence',
        blocks: m.changes.flatMap((c): Block[] => [
          { kind: 'heading', text: `${c.rank}. ${c.title}` },
          {
            kind: 'list',
            items: [
              ...(c.before !== null ? [`before: ${c.before}`] : []),
              ...(c.after !== null ? [`after: ${c.after}`] : []),
              ...c.evidence,
              `page: ${c.link}`,
            ],
          },
        ]),
      },
      {
        id: 'projects',
        title: 'Projects that changed',
        blocks: [
          {
            kind: 'table',
            id: 'projects',
            caption: 'Each project with at least one change, in the order of its most important change',
            columns: [
              { key: 'project', label: 'project', format: 'text' },
              { key: 'changes', label: 'changes', format: 'count' },
              { key: 'tier_from', label: `tier at ${m.from}`, format: 'text' },
              { key: 'tier_to', label: `tier at ${m.to}`, format: 'text' },
              { key: 'top', label: 'most important change', format: 'text' },
              { key: 'page', label: 'dashboard page', format: 'text' },
            ],
            rows: m.projects.map((p) => [p.name, p.changes, p.tierFrom.label, p.tierTo.label, p.top, p.link]),
            links: m.projects.map((p, row) => ({ row, column: 'page', href: p.link })),
          },
        ],
      },
    );
  }
  sections.push(
    {
      id: 'catalog',
      title: 'The catalog',
      blocks: [
        { kind: 'prose', text: m.catalog.sentence },
        {
          kind: 'table',
          id: 'tiers',
          caption: 'Projects by deployment tier at both dates',
          columns: [
            { key: 'tier', label: 'tier', format: 'text' },
            { key: 'from', label: m.from, format: 'count', unit: 'projects' },
            { key: 'to', label: m.to, format: 'count', unit: 'projects' },
          ],
          rows: m.catalog.tiers.map((t) => [t.tier.label, t.from, t.to]),
        },
        ...(m.catalog.byKind.length
          ? [
              {
                kind: 'table' as const,
                id: 'by-kind',
                caption: 'Changes by kind',
                columns: [
                  { key: 'kind', label: 'kind', format: 'text' as const },
                  { key: 'changes', label: 'changes', format: 'count' as const },
                ],
                rows: m.catalog.byKind.map((k) => [k.kind, k.changes]),
              },
            ]
          : []),
      ],
    },
    {
      id: 'method',
      title: 'How changes are ranked',
      blocks: [
        { kind: 'prose', text: m.ranking },
        ...m.notes.map((n): Block => ({ kind: 'note', tone: 'info', text: n })),
      ],
    },
  );
  return {
    schema: 'kept.report/v1',
    view: 'digest',
    title: `What changed: ${m.from} to ${m.to}`,
    subtitle: `${m.scope ? `Projects ${m.scope.join(', ')}` : 'The whole catalog'} · ${m.changes.length} change${m.changes.length === 1 ? '' : 's'} · data as stored, judged at both dates`,
    asOf: m.asOf,
    sections,
  };
}

/** Slack's mrkdwn treats &, < and > as markup (https://api.slack.com/reference/surfaces/formatting#escaping). */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** How many changes a Slack message lists; the JSON webhook carries them all. */
export const SLACK_CHANGES = 10;

/** The digest as a Slack-compatible incoming-webhook payload: its summary and the top changes with their pages. */
export function digestSlackPayload(m: DigestView): { text: string } {
  const lines = [`*kept digest ${m.from} → ${m.to}*`, slackEscape(m.summary)];
  for (const c of m.changes.slice(0, SLACK_CHANGES))
    lines.push(`• ${c.rank}. ${slackEscape(c.title)} (${slackEscape(c.link)})`);
  if (m.changes.length > SLACK_CHANGES) lines.push(`… and ${m.changes.length - SLACK_CHANGES} more`);
  return { text: lines.join('\n') };
}
