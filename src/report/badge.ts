// Badges and embeddable charts of one project, laid out from its profile: the deployment tier with
// its confidence (or the main package's 30-day downloads with their growth) as a shields-style SVG
// badge and as a shields.io endpoint JSON, and the headline downloads chart as a standalone SVG
// with its source and date in the image (light or dark). No script, no external reference. Pure.
import { formatCount, formatPercent } from '../domain/format.js';
import type { ProfileDownloads, ProfileView } from '../views/profile/model.js';
import { renderLineChart, WIDE } from './charts/svg.js';
import { escapeHtml as esc } from './escape.js';
import { downloadsChart } from './views/profile.js';

export const BADGE_STYLES = ['tier', 'downloads'] as const;
export type BadgeStyle = (typeof BADGE_STYLES)[number];

export const CHART_THEMES = ['light', 'dark'] as const;
export type ChartTheme = (typeof CHART_THEMES)[number];

/** What a badge says: the shields.io endpoint fields (https://shields.io/badges/endpoint-badge). */
export interface BadgeFacts {
  readonly label: string;
  readonly message: string;
  /** A hex colour without "#" (shields accepts it as is). */
  readonly color: string;
}

const TIER_COLOURS: Readonly<Record<string, string>> = {
  'load-bearing-infrastructure': '1a7f37',
  'production-facing': '0969da',
  'internal-tooling': '8250df',
  experiment: 'bf8700',
  unknown: '6e7781',
};

/** The profile's main package: the most downloaded in its latest window. */
function mainPackage(p: ProfileView): ProfileDownloads | undefined {
  return [...p.downloads].sort((a, b) => b.latest.value - a.latest.value)[0];
}

export function badgeFacts(p: ProfileView, style: BadgeStyle): BadgeFacts {
  if (style === 'downloads') {
    const d = mainPackage(p);
    if (!d) return { label: 'downloads', message: 'not collected', color: TIER_COLOURS.unknown ?? '6e7781' };
    const g = d.trend.growth;
    return {
      label: `${d.subject} downloads`,
      message: `${formatCount(d.latest.value)}/30 days${g === null ? '' : ` · ${formatPercent(g)} in 6 months`}`,
      color: g === null || g >= 0 ? '1a7f37' : 'cf222e',
    };
  }
  const t = p.verdict.tier;
  return {
    label: 'kept tier',
    message: t.id === 'unknown' ? 'unknown · not measured' : `${t.label} · ${t.confidence} confidence`,
    color: TIER_COLOURS[t.id] ?? '6e7781',
  };
}

/** The shields.io endpoint JSON of a badge. */
export function shieldsEndpoint(f: BadgeFacts): {
  schemaVersion: 1;
  label: string;
  message: string;
  color: string;
} {
  return { schemaVersion: 1, label: f.label, message: f.message, color: f.color };
}

/** Approximate width of Verdana 11 px text (shields' font): narrow and wide characters apart. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[ilj.,:;·|!'I]/.test(ch) ? 3.6 : /[mwMW@%]/.test(ch) ? 10 : /[A-Z0-9+]/.test(ch) ? 7.6 : 6.6;
  return Math.ceil(w);
}

/** A flat two-part badge, shields-style, 20 px high. */
export function renderBadgeSvg(f: BadgeFacts): string {
  const lw = textWidth(f.label) + 12;
  const mw = textWidth(f.message) + 12;
  const w = lw + mw;
  const title = `${f.label}: ${f.message}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" viewBox="0 0 ${w} 20" role="img" aria-label="${esc(title)}">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${lw}" height="20" rx="3" fill="#555"/>`,
    `<rect x="${lw}" width="${mw}" height="20" rx="3" fill="#${esc(f.color)}"/>`,
    `<rect x="${lw}" width="4" height="20" fill="#${esc(f.color)}"/>`,
    `<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="${lw / 2}" y="14" text-anchor="middle">${esc(f.label)}</text>`,
    `<text x="${lw + mw / 2}" y="14" text-anchor="middle">${esc(f.message)}</text>`,
    '</g>',
    '</svg>',
  ].join('');
}

const THEME: Readonly<Record<ChartTheme, { fg: string; bg: string; muted: string }>> = {
  light: { fg: '#1b1f24', bg: '#ffffff', muted: '#57606a' },
  dark: { fg: '#e6edf3', bg: '#0d1117', muted: '#9198a1' },
};

/**
 * The project's headline chart (its main package's monthly downloads, spikes marked) as one SVG
 * file for a README: the project's name above, the source and the date of its data below.
 */
export function renderEmbedChart(p: ProfileView, theme: ChartTheme): string {
  const c = THEME[theme];
  const d = mainPackage(p);
  const W = WIDE.width;
  const head = 30;
  const foot = 26;
  const H = WIDE.height + head + foot;
  const inner = d
    ? renderLineChart(`kept-embed-${p.project.id.replace(/[^a-z0-9]+/gi, '-')}`, downloadsChart(d, p.noise))
    : '';
  const title = d
    ? `${p.project.name}: monthly downloads of ${d.subject}`
    : `${p.project.name}: no download data collected`;
  const source = d
    ? `source: ${d.latest.source} · data to ${d.latest.windowEnd} · as of ${p.asOf} · counts include CI and mirrors · kept`
    : `as of ${p.asOf} · kept`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}" font-family="system-ui, sans-serif">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${W}" height="${H}" fill="${c.bg}"/>`,
    `<text x="16" y="21" font-size="15" font-weight="bold" fill="${c.fg}">${esc(title)}</text>`,
    // currentColor inside the chart (axes, labels) follows the theme's text colour.
    `<g color="${c.fg}">${inner.replace('<svg xmlns="http://www.w3.org/2000/svg"', `<svg y="${head}"`)}</g>`,
    `<text x="16" y="${H - 9}" font-size="11" fill="${c.muted}">${esc(source)}</text>`,
    '</svg>',
  ].join('\n');
}
