// The link view laid out: the summary, the evidence for each proposed artifact, the kept.yaml
// entry that adds them, and the disagreements. Pure.
import type { LinkEvidence, LinkView } from '../../views/link/model.js';
import type { Column, ReportDocument, ReportSection, TableBlock } from '../document.js';

const EVIDENCE_COLUMNS: readonly Column[] = [
  { key: 'from', label: 'from', format: 'text' },
  { key: 'to', label: 'points at', format: 'text' },
  { key: 'source', label: 'source', format: 'text' },
  { key: 'origin', label: 'origin', format: 'text' },
];

function evidenceTable(id: string, caption: string, rows: readonly (readonly [string, LinkEvidence])[]): TableBlock {
  return {
    kind: 'table',
    id,
    caption,
    columns: [{ key: 'artifact', label: 'artifact', format: 'text' }, ...EVIDENCE_COLUMNS],
    rows: rows.map(([artifact, e]) => [artifact, e.from, e.to, e.source, e.origin]),
    links: rows.map(([, e], i) => ({ row: i, column: 'origin', href: e.origin })),
  };
}

export function linkDocument(m: LinkView): ReportDocument {
  const sections: ReportSection[] = [{ id: 'summary', title: 'Summary', blocks: [{ kind: 'prose', text: m.summary }] }];
  if (m.proposals.length)
    sections.push({
      id: 'proposals',
      title: 'Proposed artifacts',
      blocks: [
        evidenceTable(
          'proposals',
          'Artifacts the collected data links to the project, not yet in it, with the evidence',
          m.proposals.flatMap((p) => p.evidence.map((e) => [p.subject, e] as const)),
        ),
        { kind: 'heading', text: 'Add to kept.yaml' },
        { kind: 'prose', text: m.yamlInline },
      ],
    });
  if (m.conflicts.length)
    sections.push({
      id: 'conflicts',
      title: 'Disagreements',
      blocks: [
        evidenceTable(
          'conflicts',
          "Links from the project's artifacts to another repository (kept as they are)",
          m.conflicts.map((e) => [e.from, e] as const),
        ),
      ],
    });
  return {
    schema: 'kept.report/v1',
    view: 'link',
    title: `Links for ${m.project}`,
    subtitle: `Repository ${m.repository ?? 'unknown'} · evidence from collected data: PyPI project_urls, npm repository, deps.dev and ecosyste.ms links`,
    asOf: m.asOf,
    sections,
  };
}
