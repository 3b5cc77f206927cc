// The verdict view laid out: its summary, the tier with its evidence and checklist, attention vs
// usage, issue-tracker health, upgrade safety, what was read, and the one Unknown section. Pure.
import type { VerdictView } from '../../views/verdict/model.js';
import type { ReportDocument, ReportSection } from '../document.js';
import { unknownsSection } from '../sections/unknowns.js';
import { attentionSection, inputsSection, maintenanceSections, tierSection } from '../sections/verdict.js';

export function verdictDocument(m: VerdictView): ReportDocument {
  const attention = attentionSection(m);
  const sections: ReportSection[] = [
    { id: 'summary', title: 'Summary', blocks: m.summary.map((text) => ({ kind: 'prose' as const, text })) },
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
    subtitle: `As of ${m.asOf} · ${m.project.category}`,
    asOf: m.asOf,
    sections,
  };
}
