// A bridge for signals whose renderer writes Markdown lines (GitHub block, registries, maintenance,
// contributors…): `## Title` starts a section, pipe tables become table blocks, `- item` lines
// become prose items, other lines prose. So one renderer serves Markdown, HTML, JSON and CSV
// alike until a signal grows a structured builder of its own. Pure.
import type { Block, Cell, ReportSection } from '../document.js';

const slug = (t: string): string =>
  t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const plain = (t: string): string =>
  t
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|\s)_([^_]+)_(?=\s|$|[.,;])/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1');

function splitRow(line: string): string[] {
  return line
    .replace(/^\s*\|/, '')
    .replace(/\|\s*$/, '')
    .split('|')
    .map((c) => plain(c.trim()));
}

/** Parses Markdown lines into sections. Lines before the first `## ` go under `fallbackTitle`. */
export function sectionsFromMarkdown(
  lines: readonly string[],
  idPrefix: string,
  fallbackTitle: string,
): ReportSection[] {
  const sections: { id: string; title: string; blocks: Block[] }[] = [];
  let current: { id: string; title: string; blocks: Block[] } | undefined;
  const open = (title: string): { id: string; title: string; blocks: Block[] } => {
    const s = { id: `${idPrefix}-${slug(title) || String(sections.length + 1)}`, title, blocks: [] as Block[] };
    sections.push(s);
    return s;
  };
  const all = lines.flatMap((l) => l.split('\n'));
  let subheading: string | undefined;
  for (let i = 0; i < all.length; i++) {
    const line = all[i] ?? '';
    const h = /^#{1,3}\s+(.*)$/.exec(line);
    if (h) {
      const title = plain(h[1] ?? '');
      if (line.startsWith('### ') && current) {
        current.blocks.push({ kind: 'heading', text: title });
        subheading = title;
      } else {
        current = open(title);
        subheading = undefined;
      }
      continue;
    }
    if (!line.trim()) continue;
    current ??= open(fallbackTitle);
    if (line.trimStart().startsWith('|') && /^\s*\|?\s*:?-{3,}/.test(all[i + 1] ?? '')) {
      const columns = splitRow(line);
      const rows: Cell[][] = [];
      i += 2;
      while (i < all.length && (all[i] ?? '').trimStart().startsWith('|')) rows.push(splitRow(all[i++] ?? ''));
      i--;
      current.blocks.push({
        kind: 'table',
        id: `${current.id}-table-${current.blocks.filter((b) => b.kind === 'table').length + 1}`,
        caption: subheading ?? current.title,
        columns: columns.map((c, k) => ({ key: slug(c) || `col${k + 1}`, label: c, format: 'text' as const })),
        rows,
      });
      continue;
    }
    current.blocks.push({ kind: 'prose', text: plain(line.replace(/^\s*[-*]\s+/, '• ')) });
  }
  return sections.filter((s) => s.blocks.length > 0);
}
