// HTML renderer: a self-contained page (inline CSS and SVG, no script, no external asset) that
// opens offline from a file, prints legibly, and reads in light and dark mode. Every string from
// the data is escaped; only http(s) and same-site links become links. Pure.
import { chartTable, type Block, type ChartBlock, type ReportDocument, type TableBlock } from './document.js';
import { escapeHtml as esc, safeHref, slug } from './escape.js';
import {
  NARROW,
  renderBarChart,
  renderLineChart,
  renderSparkline,
  renderStackedChart,
  sharedSparkScale,
  WIDE,
} from './charts/svg.js';
import { formatCell } from './render-markdown.js';

export const REPORT_CSS = `
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#57606a;--line:#d0d7de;--accent:#0969da;--band:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;--accent:#4493f8;--band:#161b22}}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);overflow-wrap:break-word}
header.site,main,footer{max-width:1280px;margin:0 auto;padding:0 16px}
.table-wrap{overflow-x:auto;background:linear-gradient(to right,var(--bg) 30%,transparent) left/40px 100% no-repeat local,linear-gradient(to left,var(--bg) 30%,transparent) right/40px 100% no-repeat local,linear-gradient(to left,rgba(0,0,0,.18),transparent) right/14px 100% no-repeat scroll}
.table-wrap tbody th{position:sticky;left:0;background:var(--bg);z-index:1;min-width:8em;max-width:16em;overflow-wrap:anywhere}
h1,.subtitle,.chart-title{overflow-wrap:anywhere}
header.site{display:flex;gap:16px;align-items:baseline;border-bottom:1px solid var(--line);padding-top:8px;padding-bottom:8px}
header.site a{font-weight:600}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
h1{font-size:1.6rem;margin:16px 0 4px}
h2{font-size:1.25rem;margin:28px 0 8px;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:16px 0 6px}
.subtitle{color:var(--muted);margin:0 0 12px}
table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums;width:100%}
caption{text-align:left;color:var(--muted);font-size:.9rem;padding:4px 0}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;vertical-align:top}
th{text-align:left}
thead th{background:var(--band)}
td.num,th.num{text-align:right}
td.num,td.date{white-space:nowrap}
figure{margin:12px 0}
figure.lead{margin:8px 0 16px}
svg.kept-chart{max-width:100%;height:auto;color:var(--fg);display:block}
svg.kept-chart.wide{width:100%;max-width:960px}
svg.kept-chart.narrow{display:none;width:100%}
.chart-title{font-weight:600;margin:0 0 4px}
figcaption .chart-caption{color:var(--muted);font-size:.85rem;margin:2px 0}
@media (max-width:600px){svg.kept-chart.wide{display:none}svg.kept-chart.narrow{display:block}}
nav.sections ul{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;padding:0;margin:4px 0 8px;font-size:.9rem}
.badge{display:inline-block;padding:0 6px;border-radius:4px;font-size:.85rem;white-space:nowrap;border:1px solid transparent}
.badge.tone-load-bearing-infrastructure{background:#1a7f37;color:#fff}
.badge.tone-production-facing{background:#0969da;color:#fff}
.badge.tone-internal-tooling{background:#8250df;color:#fff}
.badge.tone-experiment{background:#bf8700;color:#fff}
.badge.tone-unknown{border-color:var(--line);color:var(--muted)}
.badge.tone-stale{background:#cf222e;color:#fff}
.badge.tone-current{border-color:var(--line)}
.badge a{color:inherit}
td.span{color:var(--muted)}
svg.spark{vertical-align:middle}
details{margin:4px 0 12px}
ul.evidence li,ul.unknowns li{margin:2px 0}
.unknown{color:var(--muted)}
.note{border-left:4px solid var(--line);padding:4px 10px;background:var(--band)}
.note.warning{border-left-color:#bf8700}
form.filter{display:flex;gap:8px;align-items:center;margin:8px 0;flex-wrap:wrap}
form.filter .pick{display:inline-flex;gap:6px;align-items:center;white-space:nowrap}
select{max-width:100%}
form.filter .pick select{max-width:30em}
@media (max-width:600px){form.filter .pick{display:flex;width:100%}form.filter .pick select{flex:1;min-width:0}}
footer{color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);margin-top:32px;padding-top:8px;padding-bottom:16px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:var(--bg);padding:4px}
@media (max-width:600px){h1{font-size:1.3rem}.table-wrap tbody th{min-width:8.5em;max-width:10em}}
@media print{body{font-size:11pt;color:#000;background:#fff}header.site nav,form.filter,.skip{display:none}a{color:#000}svg.kept-chart{color:#000;max-width:17cm}svg.kept-chart.narrow{display:none}figure,table{break-inside:avoid}details{display:none}h2{break-after:avoid}}
`.trim();

/** A header's re-sort link, and whether the table is sorted by that column now (aria-sort). */
export interface SortLink {
  readonly href: string;
  readonly sorted?: 'ascending' | 'descending';
}

function tableHtml(
  t: TableBlock,
  opts: { sortLinks?: ((key: string) => SortLink | undefined) | undefined; siteLinks?: boolean | undefined } = {},
): string {
  const linkAt = new Map((t.links ?? []).map((l) => [`${l.row}:${l.column}`, l.href]));
  const badgeAt = new Map((t.badges ?? []).map((b) => [`${b.row}:${b.column}`, b.tone]));
  const spanAt = new Map((t.spans ?? []).map((s) => [s.row, s]));
  const sparkScale = t.sparklineScale === 'shared-log' && t.sparklines ? sharedSparkScale(t.sparklines) : undefined;
  const head = t.columns
    .map((c) => {
      const num = c.format !== 'text' && c.format !== 'date';
      const sort = opts.sortLinks?.(c.key);
      const label = esc(c.label) + (c.unit ? `<span class="unknown"> (${esc(c.unit)})</span>` : '');
      return `<th scope="col"${num ? ' class="num"' : ''}${sort?.sorted ? ` aria-sort="${sort.sorted}"` : ''}>${sort ? `<a href="${esc(sort.href)}">${label}${sort.sorted ? (sort.sorted === 'ascending' ? ' ▲' : ' ▼') : ''}</a>` : label}</th>`;
    })
    .join('');
  const spark = t.sparklines
    ? `<th scope="col">trend${sparkScale ? '<span class="unknown"> (one log scale)</span>' : ''}</th>`
    : '';
  const rows = t.rows.map((r, ri) => {
    const span = spanAt.get(ri);
    const spanFrom = span ? t.columns.findIndex((c) => c.key === span.from) : -1;
    const cells = t.columns.map((c, ci) => {
      if (span && spanFrom >= 0 && ci >= spanFrom)
        return ci === spanFrom
          ? `<td class="span" colspan="${t.columns.length - spanFrom + (t.sparklines ? 1 : 0)}">${esc(span.text)}</td>`
          : '';
      const v = r[ci] ?? null;
      const text = esc(formatCell(v, c.format));
      const href = linkAt.get(`${ri}:${c.key}`);
      const safe = href === undefined || (!opts.siteLinks && href.startsWith('/')) ? undefined : safeHref(href);
      const tone = badgeAt.get(`${ri}:${c.key}`);
      const linked = safe ? `<a href="${esc(safe)}">${text}</a>` : text;
      const inner = tone && v !== null ? `<span class="badge tone-${esc(slug(tone))}">${linked}</span>` : linked;
      const num = c.format !== 'text' && c.format !== 'date';
      const cls = [num ? 'num' : '', c.format === 'date' ? 'date' : '', v === null ? 'unknown' : '']
        .filter(Boolean)
        .join(' ');
      const tag = ci === 0 ? 'th scope="row"' : 'td';
      return `<${tag}${cls ? ` class="${cls}"` : ''}${typeof v === 'number' ? ` data-value="${v}"` : ''}>${inner}</${ci === 0 ? 'th' : 'td'}>`;
    });
    const sp =
      t.sparklines && !(span && spanFrom >= 0)
        ? `<td>${renderSparkline(t.sparklines[ri] ?? [], `six-month trend of ${String(r[0] ?? '')}`, sparkScale)}</td>`
        : '';
    return `<tr>${cells.join('')}${sp}</tr>`;
  });
  // A wide table scrolls inside its own box instead of running past the page.
  return `<div class="table-wrap"><table id="${esc(t.id)}"><caption>${esc(t.caption)}</caption><thead><tr>${head}${spark}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

export interface HtmlBlockOptions {
  /** Header links that re-sort a table (the dashboard's server-side sort), by table id and column key. */
  readonly sortLinks?: (tableId: string, key: string) => SortLink | undefined;
  /** Render same-site paths (/project/x) as links: true in the dashboard, false in files. */
  readonly siteLinks?: boolean;
  /** Draw the document's first chart right under its title, before the sections (the dashboard's pages). */
  readonly leadChart?: boolean;
  /** Rows of plain links under the lead chart's title (its range, its scale): no script needed. */
  readonly chartLinks?: readonly ChartLinks[];
}

/** A labelled row of links that redraw a chart another way, the current one marked. */
export interface ChartLinks {
  readonly label: string;
  readonly links: readonly { readonly label: string; readonly href: string; readonly current: boolean }[];
}

function chartLinksHtml(rows: readonly ChartLinks[]): string {
  return rows
    .map(
      (r) =>
        `<p class="chart-links">${esc(r.label)}: ${r.links
          .map((l) => {
            const href = safeHref(l.href);
            return href && !l.current
              ? `<a href="${esc(href)}">${esc(l.label)}</a>`
              : `<strong aria-current="true">${esc(l.label)}</strong>`;
          })
          .join(' · ')}</p>`,
    )
    .join('');
}

function blockHtml(b: Block, opts: HtmlBlockOptions): string {
  switch (b.kind) {
    case 'heading':
      return `<h3>${esc(b.text)}</h3>`;
    case 'prose':
      return `<p>${esc(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'table':
      return b.rows.length
        ? tableHtml(b, { sortLinks: (k) => opts.sortLinks?.(b.id, k), siteLinks: opts.siteLinks })
        : `<p class="unknown">${esc(b.caption)}: none.</p>`;
    case 'chart':
      return chartHtml(b);
    case 'evidence':
      return `<ul class="evidence">${b.items.map((e) => `<li>${esc(e.label)}: <strong>${esc(formatCell(e.value, e.format))}</strong> <span class="unknown">(${esc(e.source)}; window ${esc(e.window)}; observed ${esc(e.observedAt)})</span></li>`).join('')}</ul>`;
    case 'unknowns':
      return b.items.length
        ? `<ul class="unknowns">${b.items.map((u) => `<li><strong>${esc(u.signal)}</strong>${u.subject ? ` (${esc(u.subject)})` : ''}: ${esc(u.reason)}</li>`).join('')}</ul>`
        : '<p>Nothing: every signal of this view was measured.</p>';
    case 'note':
      return `<p class="note ${b.tone}"><strong>${b.tone === 'warning' ? 'Warning' : 'Note'}:</strong> ${esc(b.text)}</p>`;
  }
}

/**
 * A chart drawn twice, for a desktop column and for a phone (CSS shows one), so its text stays
 * legible at either width; its caption and its data table (the accessible fallback) below.
 */
function chartHtml(b: ChartBlock, cls = '', links: readonly ChartLinks[] = []): string {
  const draw = (id: string, layout: typeof WIDE): string =>
    b.chart.type === 'line'
      ? renderLineChart(id, b.chart, layout)
      : b.chart.type === 'stacked'
        ? renderStackedChart(id, b.chart, layout)
        : renderBarChart(id, b.chart, layout);
  const caption = b.chart.caption ? `<p class="chart-caption">${esc(b.chart.caption)}</p>` : '';
  return `<figure${cls ? ` class="${cls}"` : ''}><p class="chart-title">${esc(b.chart.title)}</p>${chartLinksHtml(links)}${draw(b.id, WIDE)}${draw(`${b.id}-narrow`, NARROW)}<figcaption>${caption}<details><summary>Data table: ${esc(b.chart.title)}</summary>${tableHtml(chartTable(b.id, b.chart))}</details></figcaption></figure>`;
}

/** The document's content: title, subtitle and sections (no page chrome). */
export function renderHtmlBody(doc: ReportDocument, opts: HtmlBlockOptions = {}): string {
  const parts = [`<h1>${esc(doc.title)}</h1>`, `<p class="subtitle">${esc(doc.subtitle)}</p>`];
  // The page's headline chart first, full width, before the text it illustrates.
  const lead = opts.leadChart
    ? doc.sections.flatMap((s) => s.blocks).find((b): b is ChartBlock => b.kind === 'chart')
    : undefined;
  if (lead) parts.push(chartHtml(lead, 'lead', opts.chartLinks));
  if (doc.sections.length > 1)
    parts.push(
      `<nav class="sections" aria-label="Sections"><ul>${doc.sections.map((s) => `<li><a href="#${esc(slug(s.id))}">${esc(s.title)}</a></li>`).join('')}</ul></nav>`,
    );
  for (const s of doc.sections) {
    parts.push(
      `<section id="${esc(slug(s.id))}" aria-labelledby="${esc(slug(s.id))}-h"><h2 id="${esc(slug(s.id))}-h">${esc(s.title)}</h2>`,
      ...s.blocks.filter((b) => b !== lead).map((b) => blockHtml(b, opts)),
      '</section>',
    );
  }
  return parts.join('\n');
}

export interface HtmlPageOptions {
  readonly title: string;
  readonly body: string;
  /** Site navigation (dashboard); absent in a standalone report. */
  readonly nav?: readonly { href: string; label: string; current?: boolean }[];
  readonly footer: string;
  /** Content-Security-Policy for the <meta> tag of a standalone file. */
  readonly csp?: string;
}

export const STANDALONE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function renderHtmlPage(o: HtmlPageOptions): string {
  const nav = o.nav?.length
    ? `<header class="site"><a class="skip" href="#main">Skip to content</a><nav aria-label="Site">${o.nav
        .map((n) => {
          const href = safeHref(n.href);
          return href
            ? `<a href="${esc(href)}"${n.current ? ' aria-current="page"' : ''}>${esc(n.label)}</a>`
            : esc(n.label);
        })
        .join(' · ')}</nav></header>`
    : '';
  return (
    [
      '<!doctype html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      o.csp ? `<meta http-equiv="Content-Security-Policy" content="${esc(o.csp)}">` : '',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<meta name="referrer" content="no-referrer">',
      `<title>${esc(o.title)}</title>`,
      `<style>${REPORT_CSS}</style>`,
      '</head>',
      '<body>',
      nav,
      `<main id="main">${o.body}</main>`,
      `<footer>${esc(o.footer)}</footer>`,
      '</body>',
      '</html>',
    ]
      .filter((l) => l !== '')
      .join('\n') + '\n'
  );
}

/** A standalone HTML report: one file, no network, printable. */
export function renderHtml(doc: ReportDocument): string {
  return renderHtmlPage({
    title: doc.title,
    body: renderHtmlBody(doc),
    footer: `kept report · ${doc.view} · as of ${doc.asOf}`,
    csp: STANDALONE_CSP,
  });
}
