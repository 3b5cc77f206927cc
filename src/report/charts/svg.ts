// SVG chart generators: a line chart of downloads over time with spike markers, a bar chart, and
// sparklines for tables. Pure strings, no script, every text escaped. Accessible: role="img",
// <title> and <desc>, axis labels with units; callers place the data table beside each chart.
// Colours read on light and dark backgrounds: axes use currentColor, series a mid-tone palette.
import type { BarChartSpec, LineChartSpec } from '../document.js';
import { escapeHtml as esc } from '../escape.js';
import { formatCount } from '../../domain/format.js';
import { dateMs, linearTicks, logTicks, r1 } from './scale.js';

export const PALETTE = ['#3b82f6', '#e4572e', '#17a398', '#d29a00', '#a855f7', '#64748b'] as const;

const W = 720;
const H = 320;
const M = { left: 72, right: 24, top: 36, bottom: 56 } as const;

function colour(i: number): string {
  return PALETTE[i % PALETTE.length] ?? '#3b82f6';
}

function frame(id: string, title: string, desc: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="kept-chart" id="${esc(id)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${esc(id)}-title ${esc(id)}-desc" font-family="system-ui, sans-serif" font-size="12">`,
    `<title id="${esc(id)}-title">${esc(title)}</title>`,
    `<desc id="${esc(id)}-desc">${esc(desc)}</desc>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/** Monthly downloads over time (one or more series), spike markers, linear or log y axis. */
export function renderLineChart(id: string, spec: LineChartSpec): string {
  const bands = spec.bands ?? [];
  const pts = [
    ...spec.series.flatMap((s) => s.points),
    ...bands.flatMap((b) =>
      b.points.flatMap((p) => [
        { x: p.x, y: p.lo },
        { x: p.x, y: p.hi },
      ]),
    ),
  ];
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  if (pts.length === 0) {
    return frame(id, spec.title, 'No data to plot.', [
      `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="currentColor">no data</text>`,
    ]);
  }
  const xs = pts.map((p) => dateMs(p.x));
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const xAt = (iso: string): number => M.left + (x1 === x0 ? pw / 2 : ((dateMs(iso) - x0) / (x1 - x0)) * pw);
  const positive = pts.map((p) => p.y).filter((y) => y > 0);
  const log = spec.log === true && positive.length > 0;
  const ticks = log
    ? logTicks(Math.min(...positive), Math.max(...positive))
    : linearTicks(Math.max(...pts.map((p) => p.y)));
  const tLo = ticks[0] ?? 0;
  const tHi = ticks[ticks.length - 1] ?? 1;
  const yAt = (v: number): number => {
    const f = log
      ? (Math.log10(Math.max(v, tLo)) - Math.log10(tLo)) / (Math.log10(tHi) - Math.log10(tLo))
      : (v - tLo) / (tHi - tLo || 1);
    return M.top + ph - f * ph;
  };
  const body: string[] = [];
  // Grid and y axis.
  body.push(`<g class="axis y-axis" fill="currentColor" stroke="none">`);
  for (const t of ticks) {
    const y = r1(yAt(t));
    body.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="currentColor" stroke-opacity="0.15"/>`,
    );
    body.push(`<text x="${M.left - 8}" y="${y}" dy="0.32em" text-anchor="end">${esc(formatCount(t))}</text>`);
  }
  body.push(
    `<text transform="translate(16 ${r1(M.top + ph / 2)}) rotate(-90)" text-anchor="middle">${esc(`${spec.yLabel} (${spec.unit}${log ? ', log scale' : ''})`)}</text>`,
  );
  body.push('</g>');
  // X axis: a tick at each January (or each point when under two years).
  const allX = [...new Set(pts.map((p) => p.x))].sort();
  const yearly = allX.length > 24;
  const xTicks = allX.filter((x, i) =>
    yearly
      ? x.slice(5, 7) === '01' ||
        (x.slice(5, 7) === '02' && x.slice(8, 10) === '01' && !allX.includes(`${x.slice(0, 4)}-01-01`))
      : i % Math.max(1, Math.ceil(allX.length / 8)) === 0,
  );
  body.push(`<g class="axis x-axis" fill="currentColor">`);
  body.push(
    `<line x1="${M.left}" x2="${W - M.right}" y1="${M.top + ph}" y2="${M.top + ph}" stroke="currentColor" stroke-opacity="0.6"/>`,
  );
  const seenYears = new Set<string>();
  for (const x of xTicks) {
    const label = yearly ? x.slice(0, 4) : x.slice(0, 7);
    if (yearly && seenYears.has(label)) continue;
    seenYears.add(label);
    const px = r1(xAt(x));
    body.push(`<line x1="${px}" x2="${px}" y1="${M.top + ph}" y2="${M.top + ph + 5}" stroke="currentColor"/>`);
    body.push(`<text x="${px}" y="${M.top + ph + 18}" text-anchor="middle">${esc(label)}</text>`);
  }
  body.push(`<text x="${r1(M.left + pw / 2)}" y="${H - 10}" text-anchor="middle">window end (month)</text>`);
  body.push('</g>');
  // Bands under the lines: the area between lo and hi, in the series' colour.
  const seriesIndex = new Map(spec.series.map((s, i) => [s.name, i]));
  for (const b of bands) {
    if (b.points.length < 2) continue;
    const upper = b.points.map((p) => `${r1(xAt(p.x))},${r1(yAt(p.hi))}`);
    const lower = [...b.points].reverse().map((p) => `${r1(xAt(p.x))},${r1(yAt(p.lo))}`);
    body.push(
      `<polygon class="band" points="${[...upper, ...lower].join(' ')}" fill="${colour(seriesIndex.get(b.series) ?? 0)}" fill-opacity="0.18" stroke="none"><title>${esc(b.label)}</title></polygon>`,
    );
  }
  // Release markers: dashed vertical lines with a short label at the top.
  for (const m of spec.markers.filter((x) => x.kind === 'release')) {
    const px = r1(xAt(m.x));
    body.push(
      `<g class="marker release" data-x="${esc(m.x)}"><line x1="${px}" x2="${px}" y1="${M.top}" y2="${M.top + ph}" stroke="currentColor" stroke-opacity="0.5" stroke-dasharray="4 3"/><text x="${px}" y="${M.top - 4}" text-anchor="middle" fill="currentColor" font-size="10">${esc(m.label)}</text><title>${esc(`${m.label} (${m.x})`)}</title></g>`,
    );
  }
  // Series: a path and a focusable-free point per value (each with its own <title> tooltip).
  spec.series.forEach((s, i) => {
    const c = colour(i);
    const d = s.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${r1(xAt(p.x))},${r1(yAt(p.y))}`).join(' ');
    body.push(`<g class="series" data-series="${esc(s.name)}" data-points="${s.points.length}">`);
    body.push(`<path d="${d}" fill="none" stroke="${c}" stroke-width="2"/>`);
    for (const p of s.points) {
      body.push(
        `<circle class="pt" cx="${r1(xAt(p.x))}" cy="${r1(yAt(p.y))}" r="2.5" fill="${c}" data-x="${esc(p.x)}" data-y="${p.y}"><title>${esc(`${s.name} ${p.x}: ${formatCount(p.y)} ${spec.unit}`)}</title></circle>`,
      );
    }
    body.push('</g>');
  });
  // Spike markers: an open ring and a label above the point.
  for (const m of spec.markers.filter((x) => x.kind !== 'release')) {
    const s = spec.series.find((x) => x.name === m.series);
    const p = s?.points.find((x) => x.x === m.x);
    if (!s || !p) continue;
    const px = xAt(p.x);
    const cx = r1(px);
    const cy = r1(yAt(p.y));
    const anchor = px > W - M.right - 40 ? 'end' : px < M.left + 40 ? 'start' : 'middle';
    body.push(
      `<g class="marker spike" data-x="${esc(m.x)}"><circle cx="${cx}" cy="${cy}" r="7" fill="none" stroke="${colour(seriesIndex.get(m.series) ?? 0)}" stroke-width="2"/><text x="${anchor === 'end' ? r1(px + 6) : cx}" y="${r1(Math.max(M.top - 4, yAt(p.y) - 12))}" text-anchor="${anchor}" fill="currentColor" font-weight="bold">${esc(m.label)}</text><title>${esc(`${m.series} ${m.label}`)}</title></g>`,
    );
  }
  // Legend when several series.
  if (spec.series.length > 1) {
    spec.series.forEach((s, i) => {
      const x = M.left + 8 + (i % 4) * 150;
      const y = 14 + Math.floor(i / 4) * 14;
      body.push(
        `<g class="legend"><rect x="${x}" y="${y - 8}" width="10" height="10" fill="${colour(i)}"/><text x="${x + 14}" y="${y + 1}" fill="currentColor">${esc(s.name)}</text></g>`,
      );
    });
  }
  const last = spec.series.map((s) => {
    const p = s.points[s.points.length - 1];
    return p ? `${s.name} ${formatCount(p.y)} at ${p.x}` : `${s.name}: no data`;
  });
  const desc = `${spec.yLabel} from ${allX[0]} to ${allX[allX.length - 1]}: ${last.join('; ')}.${spec.markers.length ? ` Marked: ${spec.markers.map((m) => `${m.series} ${m.label}`).join('; ')}.` : ''}${bands.length ? ` Bands: ${bands.map((b) => b.label).join('; ')}.` : ''}`;
  return frame(id, spec.title, desc, body);
}

/** Vertical bars with value labels. */
export function renderBarChart(id: string, spec: BarChartSpec): string {
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  if (spec.bars.length === 0)
    return frame(id, spec.title, 'No data to plot.', [
      `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="currentColor">no data</text>`,
    ]);
  const ticks = linearTicks(Math.max(...spec.bars.map((b) => b.value)));
  const top = ticks[ticks.length - 1] ?? 1;
  const yAt = (v: number): number => M.top + ph - (v / top) * ph;
  const slot = pw / spec.bars.length;
  const bw = Math.min(60, slot * 0.7);
  const body: string[] = [`<g class="axis y-axis" fill="currentColor">`];
  for (const t of ticks) {
    const y = r1(yAt(t));
    body.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="currentColor" stroke-opacity="0.15"/>`,
    );
    body.push(`<text x="${M.left - 8}" y="${y}" dy="0.32em" text-anchor="end">${esc(formatCount(t))}</text>`);
  }
  body.push(
    `<text transform="translate(16 ${r1(M.top + ph / 2)}) rotate(-90)" text-anchor="middle">${esc(`${spec.yLabel} (${spec.unit})`)}</text>`,
    '</g>',
  );
  body.push(`<g class="bars">`);
  spec.bars.forEach((b, i) => {
    const x = M.left + i * slot + (slot - bw) / 2;
    const y = yAt(b.value);
    body.push(
      `<rect class="bar" x="${r1(x)}" y="${r1(y)}" width="${r1(bw)}" height="${r1(M.top + ph - y)}" fill="${colour(0)}" data-value="${b.value}"><title>${esc(`${b.label}: ${formatCount(b.value)} ${spec.unit}`)}</title></rect>`,
    );
    body.push(
      `<text x="${r1(x + bw / 2)}" y="${r1(y - 4)}" text-anchor="middle" fill="currentColor">${esc(formatCount(b.value))}</text>`,
    );
    body.push(
      `<text x="${r1(x + bw / 2)}" y="${M.top + ph + 18}" text-anchor="middle" fill="currentColor">${esc(b.label)}</text>`,
    );
  });
  body.push('</g>');
  return frame(
    id,
    spec.title,
    `${spec.yLabel}: ${spec.bars.map((b) => `${b.label} ${formatCount(b.value)}`).join('; ')}.`,
    body,
  );
}

/** A small inline trend line for table rows; decorative next to the numbers it summarises. */
export function renderSparkline(values: readonly number[], label: string): string {
  const w = 96;
  const h = 24;
  if (values.length < 2) return '';
  const max = Math.max(...values);
  const min = Math.min(...values);
  const span = max - min || 1;
  const d = values
    .map(
      (v, i) =>
        `${i === 0 ? 'M' : 'L'}${r1((i / (values.length - 1)) * (w - 4) + 2)},${r1(h - 2 - ((v - min) / span) * (h - 4))}`,
    )
    .join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="spark" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(label)}"><path d="${d}" fill="none" stroke="${colour(0)}" stroke-width="1.5"/></svg>`;
}
