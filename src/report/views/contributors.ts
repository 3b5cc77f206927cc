// The contributors view laid out: the judgement and what was read, the figures of each window,
// the organisations and people of the focus window with the unattributed share said outright,
// and new contributors per quarter. Pure.
import { WINDOW_LABEL as WINDOW, type ContributorsView } from '../../views/contributors/model.js';
import type { Block, ReportDocument, ReportSection } from '../document.js';

export function contributorsDocument(m: ContributorsView): ReportDocument {
  const focus = m.windows.find((w) => w.window === m.focusWindow);
  const label = WINDOW[m.focusWindow];
  const summary: Block[] = [{ kind: 'prose', text: m.summary }];
  if (m.sentences.topOrganization) summary.push({ kind: 'prose', text: m.sentences.topOrganization });
  if (m.sentences.history) summary.push({ kind: 'prose', text: m.sentences.history });
  if (m.sentences.unattributedWarning)
    summary.push({ kind: 'note', tone: 'warning', text: m.sentences.unattributedWarning });
  for (const text of m.notes) summary.push({ kind: 'note', tone: 'info', text });
  const sections: ReportSection[] = [
    { id: 'summary', title: 'Summary', blocks: summary },
    {
      id: 'windows',
      title: 'Figures by window',
      blocks: [
        {
          kind: 'table',
          id: 'windows',
          caption: 'Contributor figures of each window (bots counted apart)',
          columns: [
            { key: 'window', label: 'window', format: 'text' },
            { key: 'commits', label: 'commits (human)', format: 'count' },
            { key: 'contributors', label: 'contributors', format: 'count' },
            { key: 'active', label: `active (≥ ${m.activeMinCommits} commits)`, format: 'count' },
            { key: 'new', label: 'new contributors', format: 'count' },
            { key: 'bus_factor', label: 'bus factor', format: 'count', unit: 'people' },
            { key: 'elephant_factor', label: 'elephant factor', format: 'count', unit: 'organisations' },
            { key: 'top_organization', label: 'top organisation', format: 'text' },
            {
              key: 'top_organization_share',
              label: 'top organisation, share of attributed',
              format: 'share',
              unit: 'of attributed contributions',
            },
            {
              key: 'top_organization_share_of_all',
              label: 'top organisation, share of all',
              format: 'share',
              unit: 'of all contributions',
            },
            { key: 'unattributed_share', label: 'unattributed share', format: 'share', unit: 'of contributions' },
            { key: 'bot_commits', label: 'bot commits', format: 'count' },
            { key: 'bot_accounts', label: 'bot accounts', format: 'count' },
          ],
          rows: m.windows.map((w) => [
            WINDOW[w.window],
            w.commits,
            w.contributors,
            w.activeContributors,
            w.newContributors,
            w.busFactor,
            w.elephantFactor,
            w.organizations[0]?.name ?? null,
            w.topOrganizationShare,
            w.organizations[0]?.share ?? null,
            w.unattributedShare,
            w.bots.commits,
            w.bots.accounts,
          ]),
        },
      ],
    },
  ];
  if (focus) {
    sections.push(
      {
        id: 'organisations',
        title: `Organisations, ${label}`,
        blocks: [
          {
            kind: 'table',
            id: 'organisations',
            caption: `Contributions attributed to each organisation, ${label}`,
            columns: [
              { key: 'organisation', label: 'organisation', format: 'text' },
              { key: 'contributions', label: 'contributions', format: 'count' },
              { key: 'share', label: 'share of all', format: 'share' },
              { key: 'share_of_attributed', label: 'share of attributed', format: 'share' },
              { key: 'people', label: 'people', format: 'count' },
              { key: 'region', label: 'region', format: 'text' },
            ],
            rows: focus.organizations.map((o) => [
              o.name,
              o.contributions,
              o.share,
              o.shareOfAttributed,
              o.contributors,
              o.region ?? null,
            ]),
          },
          { kind: 'prose', text: m.sentences.unattributed },
        ],
      },
      {
        id: 'people',
        title: `Most active people, ${label}`,
        blocks: [
          {
            kind: 'table',
            id: 'people',
            caption: `The people covering the bus factor, ${label}`,
            columns: [
              { key: 'person', label: 'person', format: 'text' },
              { key: 'contributions', label: 'contributions', format: 'count', unit: 'as author or co-author' },
              { key: 'authored_commits', label: 'authored commits', format: 'count' },
              { key: 'organisation', label: 'organisation', format: 'text' },
            ],
            rows: focus.topContributors.map((p) => [
              p.name || '(no name)',
              p.contributions,
              p.authoredCommits,
              p.organization ?? 'unattributed',
            ]),
          },
        ],
      },
    );
  }
  if (m.newContributorTrend.length)
    sections.push({
      id: 'new-contributors',
      title: 'New contributors per quarter',
      blocks: [
        {
          kind: 'chart',
          id: 'new-contributors',
          chart: {
            type: 'bar',
            title: 'People by the quarter of their first contribution',
            yLabel: 'new contributors',
            unit: 'new in the quarter',
            bars: m.newContributorTrend.map((p) => ({ label: p.period, value: p.newContributors })),
          },
        },
      ],
    });
  return {
    schema: 'kept.report/v1',
    view: 'contributors',
    title: `Contributor breadth: ${m.source.project ?? m.source.path}`,
    subtitle: m.sentences.scope,
    asOf: m.asOf.slice(0, 10),
    sections,
  };
}
