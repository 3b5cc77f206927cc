import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertGolden } from '../../../test/helpers/golden.js';
import { linearTicks, logTicks } from './scale.js';
import { renderBarChart, renderLineChart, renderSparkline } from './svg.js';

// Real values: pypi:sglang 30-day downloads from top-pypi-packages (data/demo/pypi-top-catalog.csv.gz),
// windows ending 2025-10-01 to 2026-04-01.
const SGLANG = [
  { x: '2025-10-01', y: 385_722 },
  { x: '2025-11-01', y: 1_700_616 },
  { x: '2025-12-01', y: 2_332_829 },
  { x: '2026-01-01', y: 10_114_646 },
  { x: '2026-02-01', y: 15_476_698 },
  { x: '2026-03-01', y: 2_922_103 },
  { x: '2026-04-01', y: 35_999_206 },
];

test('linear ticks are round and cover the maximum; log ticks are powers of ten', () => {
  assert.deepEqual(linearTicks(35_999_206), [0, 10_000_000, 20_000_000, 30_000_000, 40_000_000]);
  assert.deepEqual(linearTicks(9), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(linearTicks(0), [0, 1]);
  assert.deepEqual(logTicks(385_722, 35_999_206), [1e5, 1e6, 1e7, 1e8]);
});

test('line chart: one point per value, a marker per spike, title/desc, golden file', () => {
  const svg = renderLineChart('c1', {
    type: 'line',
    title: 'Monthly downloads of pypi:sglang',
    yLabel: 'downloads',
    unit: 'per 30-day window',
    series: [{ name: 'pypi:sglang', points: SGLANG }],
    markers: [{ series: 'pypi:sglang', x: '2026-02-01', label: 'spike ×6.6' }],
  });
  assert.equal(svg.match(/<circle class="pt"/g)?.length, SGLANG.length);
  assert.equal(svg.match(/class="marker spike"/g)?.length, 1);
  assert.match(svg, /role="img" aria-labelledby="c1-title c1-desc"/);
  assert.match(
    svg,
    /<desc id="c1-desc">downloads from 2025-10-01 to 2026-04-01: pypi:sglang 36M at 2026-04-01\. Marked: pypi:sglang spike ×6\.6\.<\/desc>/,
  );
  // 36M on a 0–40M axis: 90% up the 228-px plot from its bottom at y=264.
  assert.match(svg, /cy="58.8" r="2.5" fill="#3b82f6" data-x="2026-04-01" data-y="35999206"/);
  assertGolden('report', 'line-chart.svg', svg);
});

test('log-scale comparison chart and bar chart: golden files', () => {
  const svg = renderLineChart('c2', {
    type: 'line',
    title: 'Compare',
    yLabel: 'downloads',
    unit: 'per 30-day window',
    log: true,
    series: [
      { name: 'pypi:sglang', points: SGLANG },
      { name: 'flat', points: SGLANG.map((p) => ({ x: p.x, y: 1_000_000 })) },
    ],
    markers: [],
  });
  assert.match(svg, /log scale/);
  assert.equal(svg.match(/class="legend"/g)?.length, 2);
  assertGolden('report', 'line-chart-log.svg', svg);
  const bar = renderBarChart('b1', {
    type: 'bar',
    title: 'Derivatives',
    yLabel: 'derivatives',
    unit: 'models',
    bars: [
      { label: 'finetune', value: 1200 },
      { label: 'quantized', value: 431 },
    ],
  });
  assert.equal(bar.match(/<rect class="bar"/g)?.length, 2);
  assertGolden('report', 'bar-chart.svg', bar);
});

test('every string in a chart is escaped: names, labels, titles', () => {
  const evil = '<img src=x onerror=alert(1)>"\'&';
  const svg = renderLineChart('x"><script>', {
    type: 'line',
    title: evil,
    yLabel: evil,
    unit: evil,
    series: [
      { name: evil, points: SGLANG.slice(0, 2) },
      { name: 'b', points: [] },
    ],
    markers: [{ series: evil, x: '2025-10-01', label: evil }],
  });
  assert.doesNotMatch(svg, /<img|<script|onerror=alert\(1\)>/);
  assert.match(svg, /&lt;img src=x onerror=alert\(1\)&gt;&quot;&#39;&amp;/);
  const bar = renderBarChart('b', {
    type: 'bar',
    title: evil,
    yLabel: 'y',
    unit: 'u',
    bars: [{ label: evil, value: 1 }],
  });
  assert.doesNotMatch(bar, /<img/);
  assert.doesNotMatch(renderSparkline([1, 2], evil), /<img/);
});

test('empty charts say so instead of drawing nothing', () => {
  assert.match(
    renderLineChart('e', { type: 'line', title: 't', yLabel: 'y', unit: 'u', series: [], markers: [] }),
    />no data</,
  );
  assert.equal(renderSparkline([5], 'one point'), '');
});

test('band (raw vs filtered) and release markers: drawn under the line, listed in the data table', async () => {
  const { chartTable } = await import('../document.js');
  // The band here is illustrative (filtered = 70% of raw), to pin the rendering, not a measurement.
  const spec = {
    type: 'line' as const,
    title: 'Raw and filtered downloads of pypi:sglang',
    yLabel: 'downloads',
    unit: 'per 30-day window',
    series: [{ name: 'pypi:sglang', points: SGLANG }],
    bands: [
      {
        series: 'pypi:sglang',
        label: 'CI-filtered to raw',
        points: SGLANG.map((p) => ({ x: p.x, lo: Math.round(p.y * 0.7), hi: p.y })),
      },
    ],
    markers: [{ kind: 'release' as const, series: 'pypi:sglang', x: '2026-01-01', label: 'v0.5' }],
  };
  const svg = renderLineChart('band', spec);
  assert.equal(svg.match(/<polygon class="band"/g)?.length, 1);
  assert.equal(svg.match(/class="marker release"/g)?.length, 1);
  assert.equal(svg.match(/class="marker spike"/g), null);
  assert.ok(svg.indexOf('class="band"') < svg.indexOf('class="series"'), 'band drawn under the line');
  assert.match(svg, /Bands: CI-filtered to raw\./);
  const t = chartTable('band', spec);
  assert.deepEqual(
    t.columns.map((c) => c.label),
    ['window ends', 'pypi:sglang', 'CI-filtered to raw low', 'CI-filtered to raw high'],
  );
  assert.deepEqual(t.rows[t.rows.length - 1], ['2026-04-01', 35_999_206, 25_199_444, 35_999_206]);
  assertGolden('report', 'line-chart-band.svg', svg);
});
