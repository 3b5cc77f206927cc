// The dashboard's layout in Debian's Chromium at a desktop width (1,400 px) and a phone's (390 px):
// charts come first and stay legible, nothing scrolls sideways even under a 200-character project
// name (added the way a user adds one, through kept.yaml's projects:), the filter reaches every
// section, compare marks the spikes where the project page does and keeps its picker when it
// cannot compare, and the badges and chart embeds render as images. Screenshots go to
// test-artifacts/ (docs/dashboard.md shows two of them).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CATALOG } from '../../src/config/catalog.js';
import { parseConfigText } from '../../src/config/load.js';
import { resolveProjects } from '../../src/config/resolve.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { startDashboard, type Dashboard } from '../../src/web/server.js';
import { demoStore } from '../helpers/demo-store.js';
import { runBin } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM)
  ? false
  : `needs Chromium at ${CHROMIUM}: install it with \`sudo apt-get install chromium\` (Debian/Ubuntu)`;
const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const AS_OF = new Date('2026-04-01T00:00:00Z');
const WIDTHS = [
  { width: 1400, height: 900 },
  { width: 390, height: 844 },
] as const;
// 200 characters without a break: the worst a name can do to a layout.
const LONG_NAME = `Long${'x'.repeat(196)}`;
const { config } = parseConfigText(
  `projects:\n  - id: long-name\n    name: ${LONG_NAME}\n    category: tooling\n    pypi: [vllm]\n`,
  'kept.yaml',
);
const projects = resolveProjects(CATALOG, config);

let dbPath = '';
let store: DuckDbStore | undefined;
let dash: Dashboard | undefined;
let browser: Browser | undefined;

before(async () => {
  if (skip) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  const demo = await demoStore();
  dbPath = demo.dbPath;
  store = await DuckDbStore.open(demo.dbPath, { readOnly: true });
  dash = await startDashboard({ store, projects, asOf: AS_OF, warmProfiles: false });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close();
  await dash?.close();
  await store?.close();
});

async function open(path: string, size: (typeof WIDTHS)[number]): Promise<Page> {
  assert.ok(browser && dash);
  const page = await browser.newPage({ viewport: size });
  await page.goto(new URL(path, dash.url).href);
  return page;
}

/** The visible chart of a figure id at this width: the wide drawing on a desktop, the narrow on a phone. */
function chartId(id: string, width: number): string {
  return width < 600 ? `${id}-narrow` : id;
}

/** The smallest on-screen text size (px) of the visible charts: font size × the chart's scale. */
async function smallestChartText(page: Page): Promise<number> {
  // The drawing for the other width has no box and is skipped.
  return page.evaluate<number>(`(() => {
    let least = Infinity;
    for (const svg of document.querySelectorAll('svg.kept-chart')) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0) continue;
      const scale = box.width / svg.viewBox.baseVal.width;
      for (const t of svg.querySelectorAll('text'))
        least = Math.min(least, parseFloat(getComputedStyle(t).fontSize) * scale);
    }
    return least;
  })()`);
}

const PAGES = [
  { name: 'overview', path: '/' },
  { name: 'project', path: '/project/sglang' },
  { name: 'compare', path: '/compare?p=vllm&p=sglang' },
  { name: 'ecosystem', path: '/ecosystem' },
] as const;

for (const size of WIDTHS) {
  test(`${size.width} px: the overview's first screen holds its shared-scale chart`, { skip }, async () => {
    const page = await open('/', size);
    const chart = page.locator(`svg#${chartId('overview-ranked', size.width)}`);
    const box = await chart.boundingBox();
    assert.ok(box, 'the ranked chart is drawn');
    assert.ok(box.y + Math.min(box.height, 300) <= size.height, `chart at y=${box.y}, ${box.height} tall`);
    // One log scale for the bars, and for every row's sparkline.
    assert.match((await chart.locator('text').allTextContents()).join(' '), /log scale/);
    assert.equal(await page.locator('table#overview th', { hasText: 'one log scale' }).count(), 1);
    // Tiers at a glance: a coloured badge with its confidence and the families behind it.
    const tier = page
      .locator('table#overview tr', { has: page.locator('a[href="/project/sglang"]') })
      .locator('.badge');
    assert.match(await tier.first().innerText(), /^internal tooling · low · \d of 6 signal families$/);
    await page.close();
  });

  test(`${size.width} px: a project page opens with its chart above the fold, then the verdict`, { skip }, async () => {
    const page = await open('/project/sglang', size);
    const chart = page.locator(`figure.lead svg#${chartId('chart-pypi-sglang', size.width)}`);
    const box = await chart.boundingBox();
    assert.ok(box, 'the headline chart is drawn');
    assert.ok(box.y + box.height <= size.height, `chart ends at ${box.y + box.height}`);
    const summary = await page.locator('section#summary').boundingBox();
    assert.ok(summary && summary.y > box.y + box.height, 'the summary with the verdict follows the chart');
    await page.close();
  });

  test(
    `${size.width} px: a project page's range links redraw its headline chart (6 months, 1 year, all)`,
    { skip },
    async () => {
      const page = await open('/project/sglang', size);
      const points = () =>
        page.locator(`figure.lead svg#${chartId('chart-pypi-sglang', size.width)} circle.pt`).count();
      const links = page.locator('figure.lead p.chart-links');
      assert.equal(await links.locator('[aria-current]').innerText(), 'all');
      assert.equal(await points(), 15);
      await links.locator('a', { hasText: '6 months' }).click();
      await page.waitForURL(/\/project\/sglang\?range=6m$/);
      assert.equal(await points(), 6);
      assert.match(await page.locator('figure.lead .chart-caption').innerText(), /^The last 6 months of windows/);
      // The spikes inside the range are still marked where the full chart marks them.
      assert.equal(await page.locator(`svg#${chartId('chart-pypi-sglang', size.width)} g.spike`).count(), 2);
      const link = await links.locator('a', { hasText: '1 year' }).boundingBox();
      assert.ok(link && link.y + link.height <= size.height, 'the links sit above the fold, with the chart');
      await links.locator('a', { hasText: '1 year' }).click();
      await page.waitForURL(/\?range=1y$/);
      assert.equal(await points(), 12);
      await links.locator('a', { hasText: 'all' }).click();
      await page.waitForURL(/\/project\/sglang$/);
      assert.equal(await points(), 15);
      await page.goto(new URL('/project/sglang?range=6m', dash?.url).href);
      await page.screenshot({ path: join(ARTIFACTS, `dashboard-project-6m-${size.width}.png`) });
      const bad = await page.goto(new URL('/project/sglang?range=2y', dash?.url).href);
      assert.equal(bad?.status(), 400);
      assert.equal(await page.locator('main p').first().innerText(), 'range must be one of 6m, 1y, all');
      await page.close();
    },
  );

  test(
    `${size.width} px: one source for every row is named once in the caption, not in a column`,
    { skip },
    async () => {
      const headers = (page: Page) => page.locator('table#overview thead th').allInnerTexts();
      const serving = await open('/?category=serving', size);
      assert.ok(!(await headers(serving)).includes('source'));
      assert.match(
        await serving.locator('table#overview caption').innerText(),
        /; source of every row: top-pypi-packages$/,
      );
      await serving.close();
      // The whole catalog mixes PyPI and Hub downloads: the column stays.
      const all = await open('/', size);
      assert.ok((await headers(all)).includes('source'));
      assert.doesNotMatch(await all.locator('table#overview caption').innerText(), /source of every row/);
      await all.close();
    },
  );

  test(
    `${size.width} px: compare's scale links switch log and normalised, keeping the projects`,
    { skip },
    async () => {
      const page = await open('/compare?p=vllm&p=sglang', size);
      const links = page.locator('figure.lead p.chart-links', { hasText: 'Scale:' });
      assert.equal(await links.locator('[aria-current]').innerText(), 'downloads (log)');
      await links.locator('a', { hasText: 'normalised' }).click();
      await page.waitForURL(/\/compare\?p=vllm&p=sglang&scale=normalised$/);
      assert.equal(await page.locator('select#p0').inputValue(), 'vllm');
      assert.equal(await page.locator('select#p1').inputValue(), 'sglang');
      const chart = page.locator(`svg#${chartId('compare-downloads', size.width)}`);
      assert.equal(await chart.locator('g.series').count(), 2);
      assert.match(
        await page.locator('figure.lead .chart-caption').innerText(),
        /^Normalised: each series divided by its own value in the window ending \d{4}-\d{2}-\d{2}, the first every series has/,
      );
      // Both series start from one line: 1 at the first common window.
      const model = (await (
        await fetch(new URL('/api/compare.json?p=vllm&p=sglang&scale=normalised', dash?.url))
      ).json()) as {
        chart: { base: string; series: { points: { windowEnd: string; value: number }[] }[] };
      };
      for (const s of model.chart.series) assert.deepEqual(s.points[0], { windowEnd: model.chart.base, value: 1 });
      await page.screenshot({ path: join(ARTIFACTS, `dashboard-compare-normalised-${size.width}.png`) });
      await links.locator('a', { hasText: 'downloads (log)' }).click();
      await page.waitForURL(/\/compare\?p=vllm&p=sglang$/);
      const bad = await page.goto(new URL('/compare?p=vllm&p=sglang&scale=linear', dash?.url).href);
      assert.equal(bad?.status(), 400);
      assert.match(await page.locator('[role="alert"]').innerText(), /scale must be one of log, normalised/);
      await page.close();
    },
  );

  test(
    `${size.width} px: compare's range links draw the last 6 months or year of every series, keeping projects and scale`,
    { skip },
    async () => {
      const page = await open('/compare?p=vllm&p=sglang&scale=normalised', size);
      const links = page.locator('figure.lead p.chart-links', { hasText: 'Range:' });
      assert.equal(await links.locator('[aria-current]').innerText(), 'all');
      const chart = page.locator(`svg#${chartId('compare-downloads', size.width)}`);
      const counts = async (): Promise<number[]> =>
        (await chart.locator('g.series').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-points')))))
          .map(Number)
          .sort((a, b) => a - b);
      const all = await counts();
      await links.locator('a', { hasText: '6 months' }).click();
      await page.waitForURL(/\/compare\?p=vllm&p=sglang&scale=normalised&range=6m$/);
      assert.equal(await page.locator('select#p1').inputValue(), 'sglang');
      // Both series end at 2026-04-01 in the demo: six windows each, and normalised from the first.
      assert.deepEqual(await counts(), [6, 6]);
      assert.ok(
        all.every((n) => n > 6),
        `all: ${all.join(', ')}`,
      );
      assert.match(
        await page.locator('figure.lead .chart-caption').innerText(),
        /The last 6 months of windows; data to 2026-04-01\./,
      );
      const model = (await (
        await fetch(new URL('/api/compare.json?p=vllm&p=sglang&scale=normalised&range=6m', dash?.url))
      ).json()) as {
        chart: { range: string; base: string; series: { points: { windowEnd: string; value: number }[] }[] };
      };
      assert.equal(model.chart.range, '6m');
      for (const s of model.chart.series) assert.deepEqual(s.points[0], { windowEnd: model.chart.base, value: 1 });
      // The scale links keep the range.
      await page.locator('figure.lead p.chart-links', { hasText: 'Scale:' }).locator('a').click();
      await page.waitForURL(/\/compare\?p=vllm&p=sglang&range=6m$/);
      const bad = await page.goto(new URL('/compare?p=vllm&p=sglang&range=2y', dash?.url).href);
      assert.equal(bad?.status(), 400);
      assert.match(await page.locator('[role="alert"]').innerText(), /range must be one of 6m, 1y, all/);
      assert.equal(await page.locator('select#p0').count(), 1);
      await page.close();
    },
  );

  test(`${size.width} px: chart text is at least 11 px on every page`, { skip }, async () => {
    for (const { path } of [...PAGES, { path: '/project/long-name' }]) {
      const page = await open(path, size);
      const least = await smallestChartText(page);
      assert.ok(least >= 11, `${path}: ${least.toFixed(1)} px`);
      await page.close();
    }
  });

  test(`${size.width} px: compare marks SGLang's spikes at the dates its project page marks`, { skip }, async () => {
    const project = await open('/project/sglang', size);
    const marked = await project
      .locator(`svg#${chartId('chart-pypi-sglang', size.width)} g.spike`)
      .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-x')));
    await project.close();
    assert.equal(marked.length, 2);
    const page = await open('/compare?p=vllm&p=sglang', size);
    const compared = await page
      .locator(`svg#${chartId('compare-downloads', size.width)} g.spike`)
      .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-x')));
    assert.deepEqual(compared, marked);
    await page.close();
  });

  test(`${size.width} px: screenshots of the overview, a project page, compare and ecosystem`, { skip }, async () => {
    for (const { name, path } of PAGES) {
      const page = await open(path, size);
      await page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}-${size.width}.png`) });
      await page.close();
    }
  });
}

test('1,400 and 390 px: no page scrolls sideways, even with a 200-character project name', { skip }, async () => {
  const phone = WIDTHS[1];
  for (const size of WIDTHS)
    for (const path of [
      ...PAGES.map((p) => p.path),
      '/?q=long',
      '/project/long-name',
      '/compare?p=long-name&p=sglang',
      '/compare',
      '/catalog',
    ]) {
      const page = await open(path, size);
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      assert.ok(width <= size.width, `${size.width} px: ${path} is ${width} px wide`);
      await page.close();
    }
  const page = await open('/project/long-name', phone);
  await page.screenshot({ path: join(ARTIFACTS, 'dashboard-long-name-390.png'), fullPage: true });
  await page.close();
});

test('/?q=vllm lists only matching projects, in every section', { skip }, async () => {
  const page = await open('/?q=vllm', WIDTHS[0]);
  const rows = await page.locator('table#overview tbody tr, table#overview-models tbody tr').allInnerTexts();
  assert.ok(rows.length >= 2, 'vLLM and the long-named project that ships it');
  for (const r of rows) assert.match(r, /vllm|long-name/i);
  for (const li of await page.locator('main ul.unknowns li').allInnerTexts()) assert.match(li, /vllm|Longx/i);
  const bars = await page.locator('svg#overview-ranked g.hbar').evaluateAll((g) => g.map((x) => x.dataset.label));
  assert.ok(bars.length >= 1);
  for (const b of bars) assert.match(b ?? '', /vllm|Longx/i);
  assert.doesNotMatch(await page.locator('main').innerText(), /SGLang|Transformers|DeepSeek/);
  await page.close();
});

test('compare with one project keeps the picker and explains what is missing', { skip }, async () => {
  for (const size of WIDTHS) {
    const page = await open('/compare?p=sglang', size);
    assert.equal(await page.locator('select#p0').inputValue(), 'sglang');
    assert.equal(await page.locator('select#p1').inputValue(), '');
    assert.match(await page.locator('[role="alert"]').innerText(), /2 to 4 projects.*pick at least one more/);
    // Each label sits on its own dropdown, also on a phone.
    const label = await page.locator('label[for="p1"]').boundingBox();
    const select = await page.locator('select#p1').boundingBox();
    assert.ok(label && select && Math.abs(label.y + label.height / 2 - (select.y + select.height / 2)) < 12);
    await page.screenshot({ path: join(ARTIFACTS, `dashboard-compare-one-${size.width}.png`) });
    await page.close();
  }
});

test(
  'badges and chart embeds: 200 on the demo store, shields endpoint JSON, SVGs that render alone',
  { skip },
  async () => {
    assert.ok(browser && dash);
    const get = (path: string) => fetch(new URL(path, dash?.url));
    const ecosystem = await get('/ecosystem');
    assert.equal(ecosystem.status, 200);
    // https://shields.io/badges/endpoint-badge: schemaVersion 1, label, message, color.
    const endpoint = await get('/badge/vllm.json');
    assert.equal(endpoint.status, 200);
    assert.equal(endpoint.headers.get('access-control-allow-origin'), '*');
    const body = (await endpoint.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['color', 'label', 'message', 'schemaVersion']);
    assert.equal(body.schemaVersion, 1);
    assert.equal(body.label, 'kept tier');
    assert.match(String(body.message), /^load-bearing infrastructure · \w+ confidence$/);
    assert.match(String(body.color), /^[0-9a-f]{6}$/);
    const page = await browser.newPage({ viewport: { width: 900, height: 500 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    for (const [path, text] of [
      ['/badge/vllm.svg', /kept tier.*load-bearing infrastructure/],
      ['/badge/vllm.svg?style=downloads', /pypi:vllm downloads.*8\.43M\/30 days · \+33% in 6 months/],
      ['/chart/vllm.svg', /source: .* · data to 2026-04-01/],
      ['/chart/vllm.svg?theme=dark', /source: .* · data to 2026-04-01/],
    ] as const) {
      requests.length = 0;
      const r = await page.goto(new URL(path, dash.url).href);
      assert.equal(r?.status(), 200, path);
      assert.match(r?.headers()['content-type'] ?? '', /^image\/svg\+xml/);
      assert.equal(r?.headers()['cross-origin-resource-policy'], 'cross-origin');
      const svg = await r?.text();
      assert.doesNotMatch(
        svg ?? '',
        /<script|on\w+=|href=|xlink:|url\(|@import/i,
        `${path}: no script, no external reference`,
      );
      assert.match(svg ?? '', text);
      const box = await page.locator('svg').first().boundingBox();
      assert.ok(box && box.width > 100 && box.height >= 20, `${path} renders`);
      assert.deepEqual(requests, [new URL(path, dash.url).href], `${path} loads nothing else`);
      await page.screenshot({ path: join(ARTIFACTS, `embed${path.replace(/[^a-z0-9]+/gi, '-')}.png`) });
    }
    // The dark chart is dark: its background and its axis text follow the theme.
    await page.goto(new URL('/chart/vllm.svg?theme=dark', dash.url).href);
    assert.equal(await page.locator('svg > rect').first().getAttribute('fill'), '#0d1117');
    await page.close();
    // kept badge writes the same SVG offline.
    const dir = tempDir('kept-badge-');
    for (const [args, path] of [
      [[], '/badge/vllm.svg'],
      [['--style', 'downloads'], '/badge/vllm.svg?style=downloads'],
      [['--chart', '--theme', 'dark'], '/chart/vllm.svg?theme=dark'],
    ] as const) {
      const out = join(dir, 'badge.svg');
      const run = runBin(['--db', dbPath, 'badge', 'vllm', '--as-of', '2026-04-01', ...args, '--out', out]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(readFileSync(out, 'utf8').trimEnd(), (await (await get(path)).text()).trimEnd(), path);
    }
  },
);
