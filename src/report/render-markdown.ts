// Markdown renderer of a report document (terminal and files). Every text of the document is
// escaped (escapeMarkdown) the way the HTML renderer escapes it: data makes no tag, image or link
// but a bare http(s) URL, and every table cell has its pipes escaped. Pure.
import { type Block, type Cell, type ColumnFormat, type ReportDocument, type TableBlock } from './document.js';
import { escapeMarkdown, escapeMarkdownCell } from './escape.js';

const md = escapeMarkdown;
const cell = (text: string): string => escapeMarkdownCell(escapeMarkdown(text));
import { formatCount, formatPercent, formatShare } from '../domain/format.js';

/** A cell as people read it; null is "unknown", never blank. */
export function formatCell(value: Cell, format: ColumnFormat): string {
  if (value === null) return 'unknown';
  if (typeof value === 'string') return value;
  switch (format) {
    case 'count':
      return formatCount(value);
    case 'percent':
      return formatPercent(value);
    case 'share':
      return formatShare(value);
    case 'decimal':
      return value.toFixed(3);
    case 'ratio':
      return `×${value.toFixed(1)}`;
    case 'days':
      return formatDays(value);
    default:
      return String(value);
  }
}

/** 1.5 → "1.5 d"; under a day in hours (0.25 → "6.0 h"). */
export function formatDays(d: number): string {
  return d < 1 ? `${(d * 24).toFixed(1)} h` : `${d.toFixed(1)} d`;
}

const BARS = '▁▂▃▄▅▆▇█';

/** A one-line Unicode sparkline, for Markdown where SVG cannot go. */
export function textSparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const span = Math.max(...values) - min || 1;
  return values.map((v) => BARS[Math.min(7, Math.floor(((v - min) / span) * 8))] ?? '▁').join('');
}

function table(t: TableBlock): string[] {
  const head = `| ${t.columns.map((c) => cell(c.label)).join(' | ')} |`;
  const rule = `|${t.columns.map((c) => (c.format === 'text' || c.format === 'date' ? '---' : '---:')).join('|')}|`;
  const rows = t.rows.map(
    (r) => `| ${t.columns.map((c, i) => cell(formatCell(r[i] ?? null, c.format))).join(' | ')} |`,
  );
  return [head, rule, ...rows];
}

function block(b: Block): string[] {
  switch (b.kind) {
    case 'heading':
      return [`### ${md(b.text)}`];
    case 'prose':
      return [md(b.text)];
    case 'list':
      return b.items.map((i) => `- ${md(i)}`);
    case 'table':
      return b.rows.length ? [`_${md(b.caption)}_`, '', ...table(b)] : [`_${md(b.caption)}: none._`];
    case 'chart': {
      const c = b.chart;
      if (c.type === 'stacked')
        return [
          `_Chart: ${md(c.title)}_`,
          '',
          ...c.bars.map(
            (x) =>
              `- ${md(x.label)}: ${c.keys.map((k, i) => `${md(k)} ${x.shares[i] === null || x.shares[i] === undefined ? 'unknown' : formatShare(x.shares[i])}`).join(', ')}`,
          ),
          ...(c.caption ? ['', `_${md(c.caption)}_`] : []),
        ];
      if (c.type === 'bar')
        return [
          `_Chart: ${md(c.title)}_`,
          '',
          ...c.bars.map(
            (x) => `- ${md(x.label)}: ${formatCount(x.value)} ${md(c.unit)}${x.note ? ` (${md(x.note)})` : ''}`,
          ),
          ...(c.caption ? ['', `_${md(c.caption)}_`] : []),
        ];
      const lines = c.series.map((s) => {
        const first = s.points[0];
        const last = s.points[s.points.length - 1];
        return first && last
          ? `- ${md(s.name)}: ${textSparkline(s.points.map((p) => p.y))} ${formatCount(first.y)} (${md(first.x)}) → ${formatCount(last.y)} (${md(last.x)})`
          : `- ${md(s.name)}: no data`;
      });
      return [
        `_Chart: ${md(c.title)} (${md(c.yLabel)}, ${md(c.unit)})_`,
        '',
        ...lines,
        ...c.markers.map((m) => `- Marked: ${md(m.series)} ${md(m.label)}`),
        ...(c.caption ? ['', `_${md(c.caption)}_`] : []),
      ];
    }
    case 'evidence':
      return b.items.map(
        (e) =>
          `- ${md(e.label)}: **${md(formatCell(e.value, e.format))}** (${md(e.source)}; window ${md(e.window)}; observed ${md(e.observedAt)})`,
      );
    case 'unknowns':
      return b.items.length
        ? b.items.map((u) => `- ${md(u.signal)}${u.subject ? ` (${md(u.subject)})` : ''}: ${md(u.reason)}`)
        : ['- nothing: every signal of this view was measured'];
    case 'note':
      return [`> **${b.tone === 'warning' ? 'Warning' : 'Note'}:** ${md(b.text)}`];
  }
}

export function renderMarkdown(doc: ReportDocument): string {
  const out: string[] = [`# ${md(doc.title)}`, '', md(doc.subtitle)];
  for (const s of doc.sections) {
    out.push('', `## ${md(s.title)}`);
    for (const b of s.blocks) out.push('', ...block(b));
  }
  return `${out.join('\n').trimEnd()}\n`;
}
