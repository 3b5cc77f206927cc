// The section registry: a report view is the list of its section builders. A builder turns the
// view's input into one section, or null when it has nothing to show (so signals that are not
// measured yet, or not built yet, simply leave no section). Adding a signal to a report = one
// builder + one entry in the view's list. Pure.
import type { ReportSection } from '../document.js';

export interface SectionBuilder<Input> {
  readonly id: string;
  /** One section, several (one per repository, say), or null when there is nothing to show. */
  build(input: Input): ReportSection | readonly ReportSection[] | null;
}

export function buildSections<Input>(builders: readonly SectionBuilder<Input>[], input: Input): ReportSection[] {
  const out: ReportSection[] = [];
  for (const b of builders) {
    const built = b.build(input);
    const list: readonly ReportSection[] =
      built === null ? [] : Array.isArray(built) ? built : [built as ReportSection];
    for (const s of list) if (s.blocks.length) out.push(s);
  }
  return out;
}
