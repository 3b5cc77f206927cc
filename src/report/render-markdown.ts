// Markdown renderer of a report document (terminal and files). Pure.
import { type Block, type Cell, type ColumnFormat, type ReportDocument, type TableBlock } from './document.js';
import { escapeMarkdownCell } from './escape.js';
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
  const head = `| ${t.columns.map((c) => escapeMarkdownCell(c.label)).join(' | ')} |`;
  const rule = `|${t.columns.map((c) => (c.format === 'text' || c.format === 'date' ? '---' : '---:')).join('|')}|`;
  const rows = t.rows.map(
    (r) => `| ${t.columns.map((c, i) => escapeMarkdownCell(formatCell(r[i] ?? null, c.format))).join(' | ')} |`,
  );
  return [head, rule, ...rows];
}

function block(b: Block): string[] {
  switch (b.kind) {
    case 'heading':
      return [`### ${b.text}`];
    case 'prose':
      return [b.text];
    case 'list':
      return b.items.map((i) => `- ${i}`);
    case 'table':
      return b.rows.length ? [`_${b.caption}_`, '', ...table(b)] : [`_${b.caption}: none._`];
    case 'chart': {
      const c = b.chart;
      if (c.type === 'stacked')
        return [
          `_Chart: ${c.title}_`,
          '',
          ...c.bars.map(
            (x) =>
              `- ${x.label}: ${c.keys.map((k, i) => `${k} ${x.shares[i] === null || x.shares[i] === undefined ? 'unknown' : formatShare(x.shares[i])}`).join(', ')}`,
          ),
          ...(c.caption ? ['', `_${c.caption}_`] : []),
        ];
      if (c.type === 'bar')
        return [
          `_Chart: ${c.title}_`,
          '',
          ...c.bars.map((x) => `- ${x.label}: ${formatCount(x.value)} ${c.unit}${x.note ? ` (${x.note})` : ''}`),
          ...(c.caption ? ['', `_${c.caption}_`] : []),
        ];
      const lines = c.series.map((s) => {
        const first = s.points[0];
        const last = s.points[s.points.length - 1];
        return first && last
          ? `- ${s.name}: ${textSparkline(s.points.map((p) => p.y))} ${formatCount(first.y)} (${first.x}) → ${formatCount(last.y)} (${last.x})`
          : `- ${s.name}: no data`;
      });
      return [
        `_Chart: ${c.title} (${c.yLabel}, ${c.unit})_`,
        '',
        ...lines,
        ...c.markers.map((m) => `- Marked: ${m.series} ${m.label}`),
        ...(c.caption ? ['', `_${c.caption}_`] : []),
      ];
    }
    case 'evidence':
      return b.items.map(
        (e) =>
          `- ${e.label}: **${formatCell(e.value, e.format)}** (${e.source}; window ${e.window}; observed ${e.observedAt})`,
      );
    case 'unknowns':
      return b.items.length
        ? b.items.map((u) => `- ${u.signal}${u.subject ? ` (${u.subject})` : ''}: ${u.reason}`)
        : ['- nothing: every signal of this view was measured'];
    case 'note':
      return [`> **${b.tone === 'warning' ? 'Warning' : 'Note'}:** ${b.text}`];
  }
}

export function renderMarkdown(doc: ReportDocument): string {
  const out: string[] = [`# ${doc.title}`, '', doc.subtitle];
  for (const s of doc.sections) {
    out.push('', `## ${s.title}`);
    for (const b of s.blocks) out.push('', ...block(b));
  }
  return `${out.join('\n').trimEnd()}\n`;
}
