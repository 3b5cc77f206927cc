// The one Unknown section of a page: each signal that could not be measured, with its subject and
// why (the unknowns that weigh on the deployment tier first, as the model lists them). Pure.
import type { UnknownItem } from '../../views/verdict/model.js';
import type { ReportSection } from '../document.js';

export function unknownsSection<U extends UnknownItem>(items: readonly U[], label?: (u: U) => string): ReportSection {
  return {
    id: 'unknowns',
    title: 'Unknown',
    blocks: [
      {
        kind: 'unknowns',
        items: items.map((u) => ({
          signal: label ? label(u) : u.signal,
          ...(u.subject ? { subject: u.subject } : {}),
          reason: u.reason,
        })),
      },
    ],
  };
}
