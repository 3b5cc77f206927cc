// SVG chart generators: a line chart of downloads over time with spike markers, a bar chart, and
// sparklines for tables. Pure strings, no script, every text escaped. Accessible: role="img",
// <title> and <desc>, axis labels with units; callers place the data table beside each chart.
// Colours read on light and dark backgrounds: axes use currentColor, series a mid-tone palette.
import type { BarChartSpec, LineChartSpec, StackedChartSpec } from '../document.js';
import { formatShare } from '../../domain/format.js';
import { escapeHtml as esc } from '../escape.js';
import { formatCount } from '../../domain/format.js';
import { dateMs, linearTicks, logTicks, r1 } from './scale.js';

export const PALETTE = ['#3b82f6', '#e4572e', '#17a398', '#d29a00', '#a855f7', '#64748b'] as const;

/**
 * A chart's drawing box. The wide layout fills a desktop column; the narrow one is drawn for a
 * phone's width (about 360 CSS px) so its 12-unit text stays at least 11 px on screen instead of
 * shrinking with a scaled-down wide chart.
 */
export interface ChartLayout {
  readonly width: number;
  readonly height: number;
  readonly margin: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
  /** The most x-axis tick labels that fit. */
  readonly xTicks: number;
  /** Legend entries per row and the longest legend name (longer names end in "…"). */
  readonly legendColumns: number;
  readonly legendChars: number;
}

export const WIDE: ChartLayout = {
  width: 720,
  height: 320,
  margin: { left: 72, right: 24, top: 36, bottom: 56 },
  xTicks: 8,
  legendColumns: 4,
  legendChars: 22,
};

export const NARROW: ChartLayout = {
  width: 360,
  height: 300,
  margin: { left: 52, right: 14, top: 52, bottom: 48 },
  xTicks: 4,
  legendColumns: 2,
  legendChars: 24,
};

/** One number style for every axis: 500, 1k, 10k, 2.5M (never "1,000" beside "10k"). */
export function tickLabel(n: number): string {
  const abs = Math.abs(n);
  const unit =
    abs >= 1e9
      ? ([1e9, 'B'] as const)
      : abs >= 1e6
        ? ([1e6, 'M'] as const)
        : abs >= 1e3
          ? ([1e3, 'k'] as const)
          : undefined;
  if (!unit) return String(Number(n.toPrecision(3)));
  return `${Number((n / unit[0]).toPrecision(3))}${unit[1]}`;
}

/** Shortens a label to n characters, ending in "…" (the full text stays in a <title>). */
export function clip(text: string, n: number): string {
  const chars = [...text];
  return chars.length <= n ? text : `${chars.slice(0, n - 1).join('')}…`;
}

function colour(i: number): string {
  return PALETTE[i % PALETTE.length] ?? '#3b82f6';
}

function frame(id: string, title: string, desc: string, body: string[], L: ChartLayout, height = L.height): string {
  const W = L.width;
  const H = height;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="kept-chart ${L === NARROW ? 'narrow' : 'wide'}" id="${esc(id)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${esc(id)}-title ${esc(id)}-desc" font-family="system-ui, sans-serif" font-size="12">`,
    `<title id="${esc(id)}-title">${esc(title)}</title>`,
    `<desc id="${esc(id)}-desc">${esc(desc)}</desc>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/** Monthly downloads over time (one or more series), spike markers, linear or log y axis. */
export function renderLineChart(id: string, spec: LineChartSpec, L: ChartLayout = WIDE): string {
  const { width: W, height: H, margin: M } = L;
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
    return frame(
      id,
      spec.title,
      'No data to plot.',
      [`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="currentColor">no data</text>`],
      L,
    );
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
    body.push(`<text x="${M.left - 8}" y="${y}" dy="0.32em" text-anchor="end">${esc(tickLabel(t))}</text>`);
  }
  body.push(
    `<text transform="translate(${L === NARROW ? 12 : 16} ${r1(M.top + ph / 2)}) rotate(-90)" text-anchor="middle">${esc(`${spec.yLabel} (${spec.unit}${log ? ', log scale' : ''})`)}</text>`,
  );
  body.push('</g>');
  // X axis: a tick at each January (or each point when under two years).
  const allX = [...new Set(pts.map((p) => p.x))].sort();
  const yearly = allX.length > (L === NARROW ? 8 : 24);
  const xTicks = allX.filter((x, i) =>
    yearly
      ? x.slice(5, 7) === '01' ||
        (x.slice(5, 7) === '02' && x.slice(8, 10) === '01' && !allX.includes(`${x.slice(0, 4)}-01-01`))
      : i % Math.max(1, Math.ceil(allX.length / L.xTicks)) === 0,
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
      `<g class="marker release" data-x="${esc(m.x)}"><line x1="${px}" x2="${px}" y1="${M.top}" y2="${M.top + ph}" stroke="currentColor" stroke-opacity="0.5" stroke-dasharray="4 3"/><text x="${px}" y="${M.top - 4}" text-anchor="middle" fill="currentColor" font-size="11">${esc(m.label)}</text><title>${esc(`${m.label} (${m.x})`)}</title></g>`,
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
  // Legend when several series: long names are clipped so labels never run into each other.
  if (spec.series.length > 1) {
    const colW = (W - M.left) / L.legendColumns;
    spec.series.forEach((s, i) => {
      const x = r1(M.left + (i % L.legendColumns) * colW);
      const y = 14 + Math.floor(i / L.legendColumns) * 15;
      const chars = Math.min(L.legendChars, Math.floor((colW - 20) / 7));
      body.push(
        `<g class="legend"><rect x="${x}" y="${y - 8}" width="10" height="10" fill="${colour(i)}"/><text x="${Number(x) + 14}" y="${y + 1}" fill="currentColor">${esc(clip(s.name, chars))}</text><title>${esc(s.name)}</title></g>`,
      );
    });
  }
  const last = spec.series.map((s) => {
    const p = s.points[s.points.length - 1];
    return p ? `${s.name} ${formatCount(p.y)} at ${p.x}` : `${s.name}: no data`;
  });
  const desc = `${spec.yLabel} from ${allX[0]} to ${allX[allX.length - 1]}: ${last.join('; ')}.${spec.markers.length ? ` Marked: ${spec.markers.map((m) => `${m.series} ${m.label}`).join('; ')}.` : ''}${bands.length ? ` Bands: ${bands.map((b) => b.label).join('; ')}.` : ''}`;
  return frame(id, spec.title, desc, body, L);
}

/** Vertical bars with value labels; on a phone, or when the spec asks, bars run across instead. */
export function renderBarChart(id: string, spec: BarChartSpec, L: ChartLayout = WIDE): string {
  if (spec.horizontal === true || L === NARROW) return renderHBarChart(id, spec, L);
  const { width: W, height: H, margin: M } = L;
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  if (spec.bars.length === 0)
    return frame(
      id,
      spec.title,
      'No data to plot.',
      [`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="currentColor">no data</text>`],
      L,
    );
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
    body.push(`<text x="${M.left - 8}" y="${y}" dy="0.32em" text-anchor="end">${esc(tickLabel(t))}</text>`);
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
  return frame(id, spec.title, barsDesc(spec), body, L);
}

function barsDesc(spec: BarChartSpec): string {
  return `${spec.yLabel}: ${spec.bars.map((b) => `${b.label} ${formatCount(b.value)}${b.note ? ` (${b.note})` : ''}`).join('; ')}.`;
}

/**
 * Ranked bars running across, one row per label: the label above its bar (so a long name never
 * squeezes the plot), the value and its note at the bar's end; a log axis when the spec asks.
 */
export function renderHBarChart(id: string, spec: BarChartSpec, L: ChartLayout = WIDE): string {
  const W = L.width;
  const left = 8;
  const right = L === NARROW ? 12 : 24;
  const top = 20;
  const row = 34;
  const H = top + Math.max(1, spec.bars.length) * row + 36;
  if (spec.bars.length === 0)
    return frame(
      id,
      spec.title,
      'No data to plot.',
      [`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="currentColor">no data</text>`],
      L,
      H,
    );
  const values = spec.bars.map((b) => b.value);
  const positive = values.filter((v) => v > 0);
  const log = spec.log === true && positive.length > 0;
  const ticks = log ? logTicks(Math.min(...positive), Math.max(...positive)) : linearTicks(Math.max(...values));
  const tLo = log ? (ticks[0] ?? 1) : 0;
  const tHi = ticks[ticks.length - 1] ?? 1;
  // Room at the end of the longest bar for its value and note.
  const pw = W - left - right - (L === NARROW ? 96 : 150);
  const xAt = (v: number): number => {
    const f = log
      ? (Math.log10(Math.max(v, tLo)) - Math.log10(tLo)) / (Math.log10(tHi) - Math.log10(tLo) || 1)
      : v / (tHi || 1);
    return left + f * pw;
  };
  const chars = Math.floor((W - left - right) / 7);
  const body: string[] = [`<g class="axis x-axis" fill="currentColor">`];
  const axisY = top + spec.bars.length * row + 4;
  const shown = ticks.filter((_, i) => ticks.length <= L.xTicks + 1 || i % 2 === 0);
  for (const t of shown) {
    const x = r1(xAt(t));
    const anchor = xAt(t) < left + 20 ? 'start' : 'middle';
    body.push(
      `<line x1="${x}" x2="${x}" y1="${top - 4}" y2="${axisY}" stroke="currentColor" stroke-opacity="0.15"/>`,
      `<text x="${x}" y="${axisY + 14}" text-anchor="${anchor}">${esc(tickLabel(t))}</text>`,
    );
  }
  body.push(
    `<text x="${left}" y="${axisY + 30}">${esc(`${spec.yLabel} (${spec.unit}${log ? ', log scale' : ''})`)}</text>`,
    '</g>',
    `<g class="bars">`,
  );
  spec.bars.forEach((b, i) => {
    const y = top + i * row;
    const x1 = xAt(b.value);
    const value = `${formatCount(b.value)}${b.note ? ` · ${b.note}` : ''}`;
    body.push(
      `<g class="hbar" data-label="${esc(b.label)}" data-value="${b.value}"><text x="${left}" y="${y + 8}" fill="currentColor">${esc(clip(b.label, chars))}</text>` +
        `<rect class="bar" x="${left}" y="${y + 12}" width="${r1(Math.max(1, x1 - left))}" height="14" fill="${colour(0)}"/>` +
        `<text x="${r1(x1 + 6)}" y="${y + 23}" fill="currentColor">${esc(value)}</text>` +
        `<title>${esc(`${b.label}: ${formatCount(b.value)} ${spec.unit}${b.note ? `, ${b.note}` : ''}`)}</title></g>`,
    );
  });
  body.push('</g>');
  return frame(id, spec.title, barsDesc(spec), body, L, H);
}

/**
 * Shares stacked to 100 %, one bar across per label (a snapshot), the parts in the spec's order
 * with a legend above; a part wide enough carries its share as text.
 */
export function renderStackedChart(id: string, spec: StackedChartSpec, L: ChartLayout = WIDE): string {
  const W = L.width;
  const left = 8;
  const right = L === NARROW ? 12 : 24;
  const legendRows = Math.ceil(spec.keys.length / L.legendColumns);
  const top = 8 + legendRows * 18 + 8;
  const row = 40;
  const H = top + Math.max(1, spec.bars.length) * row + 8;
  const pw = W - left - right;
  const body: string[] = [];
  const colW = pw / L.legendColumns;
  // "unknown" is grey: not a part like the others.
  const fill = (k: string, i: number): string => (k === 'unknown' ? '#8c959f' : colour(i));
  spec.keys.forEach((k, i) => {
    const x = r1(left + (i % L.legendColumns) * colW);
    const y = 8 + Math.floor(i / L.legendColumns) * 18 + 10;
    body.push(
      `<g class="legend"><rect x="${x}" y="${y - 9}" width="10" height="10" fill="${fill(k, i)}"/><text x="${Number(x) + 14}" y="${y}" fill="currentColor">${esc(clip(k, L.legendChars))}</text></g>`,
    );
  });
  spec.bars.forEach((b, bi) => {
    const y = top + bi * row;
    body.push(
      `<g class="stack" data-label="${esc(b.label)}"><text x="${left}" y="${y + 10}" fill="currentColor">${esc(clip(b.label, 40))}</text>`,
    );
    let x = left;
    spec.keys.forEach((k, i) => {
      const share = b.shares[i] ?? 0;
      if (!(share > 0)) return;
      const w = share * pw;
      body.push(
        `<rect class="part" x="${r1(x)}" y="${y + 14}" width="${r1(w)}" height="20" fill="${fill(k, i)}" data-key="${esc(k)}" data-share="${share}"><title>${esc(`${b.label} ${k}: ${formatShare(share)}`)}</title></rect>`,
      );
      if (w > 44)
        body.push(
          `<text x="${r1(x + w / 2)}" y="${y + 28}" text-anchor="middle" fill="#fff" stroke="#000" stroke-opacity="0.35" stroke-width="0.6" paint-order="stroke">${esc(formatShare(share))}</text>`,
        );
      x += w;
    });
    body.push('</g>');
  });
  const desc = spec.bars
    .map((b) => `${b.label}: ${spec.keys.map((k, i) => `${k} ${formatShare(b.shares[i] ?? 0)}`).join(', ')}`)
    .join('; ');
  return frame(id, spec.title, spec.bars.length ? `${desc}.` : 'No data to plot.', body, L, H);
}

/** The y range every sparkline of a table shares (log10 when `log`), so slopes compare across rows. */
export interface SparkScale {
  readonly min: number;
  readonly max: number;
  readonly log: boolean;
}

/** One log scale over every row's values: a flat series reads flat beside a steep one. */
export function sharedSparkScale(rows: readonly (readonly number[] | null)[]): SparkScale | undefined {
  const all = rows.flatMap((r) => r ?? []).filter((v) => v > 0);
  if (!all.length) return undefined;
  return { min: Math.min(...all), max: Math.max(...all), log: true };
}

/**
 * A small inline trend line for table rows; decorative next to the numbers it summarises. With a
 * shared scale every row is drawn on the same (log) axis; without, on its own min and max.
 */
export function renderSparkline(values: readonly number[], label: string, scale?: SparkScale): string {
  const w = 96;
  const h = 24;
  if (values.length < 2) return '';
  const f = (v: number): number => (scale?.log ? Math.log10(Math.max(v, scale.min)) : v);
  const max = scale ? f(scale.max) : Math.max(...values);
  const min = scale ? f(scale.min) : Math.min(...values);
  const span = max - min || 1;
  const d = values
    .map(
      (v, i) =>
        `${i === 0 ? 'M' : 'L'}${r1((i / (values.length - 1)) * (w - 4) + 2)},${r1(h - 2 - ((f(v) - min) / span) * (h - 4))}`,
    )
    .join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="spark" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(label)}"><path d="${d}" fill="none" stroke="${colour(0)}" stroke-width="1.5"/></svg>`;
}
