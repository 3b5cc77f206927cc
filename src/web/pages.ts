// Dashboard pages: the views' documents rendered as HTML inside the site chrome (the same
// documents as `kept <view> --format html`), plus the forms (overview filter, compare picker).
// Every value from the data or the query string is escaped.
import { PROJECT_CATEGORIES, type Project } from '../domain/project.js';
import type { ReportDocument } from '../report/document.js';
import { escapeHtml as esc } from '../report/escape.js';
import { renderHtmlBody, renderHtmlPage, type ChartLinks, type SortLink } from '../report/render-html.js';
import {
  COMPARE_SCALE_LABELS,
  COMPARE_SCALES,
  DEFAULT_COMPARE_SCALE,
  type CompareScale,
} from '../views/compare/chart-scale.js';
import { effectiveSort } from '../views/overview/compute.js';
import { OVERVIEW_SORT_KEYS, type OverviewQuery } from '../views/overview/model.js';
import { CHART_RANGE_LABELS, CHART_RANGES, DEFAULT_CHART_RANGE, type ChartRange } from '../views/shared/chart-range.js';

export type PageName = 'overview' | 'project' | 'compare' | 'view';

function nav(current: PageName, jsonHref: string): { href: string; label: string; current?: boolean }[] {
  return [
    { href: '/', label: 'Overview', current: current === 'overview' },
    { href: '/compare', label: 'Compare', current: current === 'compare' },
    { href: jsonHref, label: 'JSON of this page' },
  ];
}

function footer(doc: ReportDocument, location: string): string {
  return `kept dashboard · read-only view of ${location} · figures as of ${doc.asOf}`;
}

function qs(params: Record<string, string | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) u.set(k, v);
  const s = u.toString();
  return s ? `?${s}` : '';
}

export function overviewPage(doc: ReportDocument, q: OverviewQuery, location: string): string {
  const { key: sortKey, dir: sortDir } = effectiveSort(q);
  const sortLinks = (_table: string, key: string): SortLink | undefined => {
    if (!(OVERVIEW_SORT_KEYS as readonly string[]).includes(key)) return undefined;
    const current = key === sortKey;
    // A click on the current column flips it; on another column, that column's natural order.
    const dir = current ? (sortDir === 'asc' ? 'desc' : 'asc') : undefined;
    return {
      href: `/${qs({ q: q.q, category: q.category, sort: key, dir })}`,
      ...(current ? { sorted: sortDir === 'asc' ? ('ascending' as const) : ('descending' as const) } : {}),
    };
  };
  const form = [
    '<form class="filter" method="get" action="/" role="search">',
    `<label for="q">Filter</label><input id="q" name="q" type="search" maxlength="100" value="${esc(q.q ?? '')}" placeholder="name, id or package">`,
    '<label for="category">Category</label><select id="category" name="category"><option value="">all</option>',
    ...PROJECT_CATEGORIES.map(
      (c) => `<option value="${esc(c)}"${q.category === c ? ' selected' : ''}>${esc(c)}</option>`,
    ),
    '</select>',
    q.sort ? `<input type="hidden" name="sort" value="${esc(q.sort)}">` : '',
    q.dir ? `<input type="hidden" name="dir" value="${esc(q.dir)}">` : '',
    '<button type="submit">Apply</button>',
    '</form>',
  ].join('');
  const body = form + renderHtmlBody(doc, { siteLinks: true, sortLinks });
  return renderHtmlPage({
    title: `kept · ${doc.title}`,
    body,
    nav: nav('overview', `/api/overview.json${qs({ q: q.q, category: q.category, sort: q.sort, dir: q.dir })}`),
    footer: footer(doc, location),
  });
}

/** The range links of a page's headline chart: plain links, the current one marked. */
function rangeLinks(path: string, current: ChartRange, keep: Record<string, string | undefined> = {}): ChartLinks {
  return {
    label: 'Range',
    links: CHART_RANGES.map((r) => ({
      label: CHART_RANGE_LABELS[r],
      href: `${path}${qs({ ...keep, range: r === DEFAULT_CHART_RANGE ? undefined : r })}`,
      current: r === current,
    })),
  };
}

export function projectPage(
  doc: ReportDocument,
  id: string,
  location: string,
  range: ChartRange = DEFAULT_CHART_RANGE,
): string {
  return renderHtmlPage({
    title: `kept · ${doc.title}`,
    body: renderHtmlBody(doc, {
      siteLinks: true,
      leadChart: true,
      chartLinks: [rangeLinks(`/project/${encodeURIComponent(id)}`, range)],
    }),
    nav: nav('project', `/api/project/${encodeURIComponent(id)}.json`),
    footer: footer(doc, location),
  });
}

/** A page showing one view's document (/trend/pypi:vllm, /ecosystem …), with the link to its JSON. */
export function viewPage(doc: ReportDocument, segment: string, arg: string, location: string): string {
  return renderHtmlPage({
    title: `kept · ${doc.title}`,
    body: renderHtmlBody(doc, { siteLinks: true }),
    nav: nav('view', arg ? `/api/${segment}/${encodeURIComponent(arg)}.json` : `/api/${segment}.json`),
    footer: footer(doc, location),
  });
}

export function comparePage(
  doc: ReportDocument | undefined,
  chosen: readonly string[],
  projects: readonly Project[],
  location: string,
  asOf: string,
  problem?: string,
  scale: CompareScale = DEFAULT_COMPARE_SCALE,
  range: ChartRange = DEFAULT_CHART_RANGE,
): string {
  const ids = new Map(projects.map((p) => [p.id.toLowerCase(), p.id]));
  const selects = [0, 1, 2, 3].map((i) => {
    const cur = ids.get((chosen[i] ?? '').toLowerCase()) ?? '';
    // Each label sits on its own dropdown (a phone stacks the pairs, never splits them).
    return `<span class="pick"><label for="p${i}">Project ${i + 1}${i >= 2 ? ' (optional)' : ''}</label><select id="p${i}" name="p"><option value="">–</option>${projects
      .map((p) => `<option value="${esc(p.id)}"${p.id === cur ? ' selected' : ''}>${esc(p.name)}</option>`)
      .join('')}</select></span>`;
  });
  const form = `<form class="filter" method="get" action="/compare">${selects.join('')}<button type="submit">Compare</button></form>`;
  const explain = problem
    ? `<p class="note warning" role="alert"><strong>Cannot compare yet:</strong> ${esc(problem)}.</p>`
    : '';
  const picked = chosen.map((c) => `p=${encodeURIComponent(c)}`).join('&');
  // Scale and range links keep the projects chosen and each other; defaults need no parameter.
  const href = (s: CompareScale, r: ChartRange): string =>
    `/compare?${picked}${s === DEFAULT_COMPARE_SCALE ? '' : `&scale=${s}`}${r === DEFAULT_CHART_RANGE ? '' : `&range=${r}`}`;
  const scaleLinks: ChartLinks = {
    label: 'Scale',
    links: COMPARE_SCALES.map((s) => ({ label: COMPARE_SCALE_LABELS[s], href: href(s, range), current: s === scale })),
  };
  const rangeLinksOfCompare: ChartLinks = {
    label: 'Range',
    links: CHART_RANGES.map((r) => ({ label: CHART_RANGE_LABELS[r], href: href(scale, r), current: r === range })),
  };
  const body = doc
    ? form + renderHtmlBody(doc, { siteLinks: true, leadChart: true, chartLinks: [scaleLinks, rangeLinksOfCompare] })
    : `<h1>Compare projects</h1><p class="subtitle">Pick two to four projects (as of ${esc(asOf)}): their downloads on one log scale with their spikes marked, their tiers and every signal side by side.</p>${explain}${form}`;
  const jsonHref = chosen.length
    ? `/api${href(scale, range).replace('/compare?', '/compare.json?')}`
    : '/api/compare.json';
  return renderHtmlPage({
    title: doc ? `kept · ${doc.title}` : 'kept · compare',
    body,
    nav: nav('compare', jsonHref),
    footer: doc ? footer(doc, location) : `kept dashboard · read-only view of ${location}`,
  });
}

export function errorPage(status: number, message: string): string {
  return renderHtmlPage({
    title: `kept · ${status}`,
    body: `<h1>${status}</h1><p>${esc(message)}</p><p><a href="/">Back to the overview</a></p>`,
    nav: nav('overview', '/api/overview.json'),
    footer: 'kept dashboard',
  });
}
