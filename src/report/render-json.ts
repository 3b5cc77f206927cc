// JSON renderer: the report document itself (schema docs/schemas/report.schema.json). Pure.
import type { ReportDocument } from './document.js';

export function renderJson(doc: ReportDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
