// The verdict view laid out: its summary, the tier with its evidence and checklist, attention vs
// usage, issue-tracker health, upgrade safety, what was read, and the one Unknown section. Pure.
import type { VerdictView } from '../../views/verdict/model.js';
import type { Block, ReportDocument, ReportSection } from '../document.js';
import { unknownsSection } from '../sections/unknowns.js';
import { asOfHeader } from './freshness.js';
import { attentionSection, inputsSection, maintenanceSections, tierSection } from '../sections/verdict.js';

export function verdictDocument(m: VerdictView): ReportDocument {
  const attention = attentionSection(m);
  const sections: ReportSection[] = [
    {
      id: 'summary',
      title: 'Summary',
      // The staleness sentence reads as a warning, the rest as prose.
      blocks: m.summary.map((text): Block =>
        text === m.freshness.note ? { kind: 'note', tone: 'warning', text } : { kind: 'prose', text },
      ),
    },
    tierSection(m),
    ...(attention ? [attention] : []),
    ...maintenanceSections(m),
    inputsSection(m),
    unknownsSection(m.unknowns),
  ];
  return {
    schema: 'kept.report/v1',
    view: 'verdict',
    title: `${m.project.name}: deployment verdict`,
    subtitle: `${asOfHeader(m.freshness)} · ${m.project.category}`,
    asOf: m.asOf,
    sections,
  };
}
