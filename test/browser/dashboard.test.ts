// The dashboard in a real browser: Debian's Chromium driven by playwright-core, over a demo
// database built by the real pipeline. Screenshots and a PDF go to test-artifacts/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CATALOG } from '../../src/config/catalog.js';
import { findProject, resolveProjects } from '../../src/config/resolve.js';
import type { Project } from '../../src/domain/project.js';
import { renderHtml } from '../../src/report/render-html.js';
import { viewDocument } from '../../src/report/views/index.js';
import { runNamedView } from '../../src/views/run.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { startDashboard, type Dashboard } from '../../src/web/server.js';
import { demoStore } from '../helpers/demo-store.js';
import { tempDir } from '../helpers/tmp.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM)
  ? false
  : `needs Chromium at ${CHROMIUM}: install it with \`sudo apt-get install chromium\` (Debian/Ubuntu)`;
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const AS_OF = new Date('2026-04-01T00:00:00Z');
// A project whose public text is hostile, as a repository description or release note could be.
const EVIL: Project = {
  id: 'evil',
  name: 'Evil <img src=x onerror=alert(1)>',
  category: 'tooling',
  description: '<img src=x onerror=alert(1)> <script>alert(2)</script>',
  pypi: ['vllm'],
};
const projects = [...resolveProjects(CATALOG, { projects: [] }), EVIL];

let store: DuckDbStore | undefined;
let dash: Dashboard | undefined;
let ctx: BrowserContext | undefined;
const dialogs: string[] = [];
const pageErrors: string[] = [];

before(async () => {
  if (skip) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  const demo = await demoStore();
  store = await DuckDbStore.open(demo.dbPath, { readOnly: true });
  dash = await startDashboard({ store, projects, asOf: AS_OF });
  await dash.warmed; // the last test also queries the store directly, on the same connection
  ctx = await chromium.launchPersistentContext(tempDir('kept-chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1200, height: 900 },
  });
});

after(async () => {
  await ctx?.close();
  await dash?.close();
  await store?.close();
});

async function newPage(): Promise<Page> {
  assert.ok(ctx);
  const page = await ctx.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

test('overview → project: every catalog project listed, the chart has one point per month', { skip }, async () => {
  const page = await newPage();
  await page.goto(dash?.url ?? '');
  assert.equal(await page.title(), 'kept · Adoption overview as of 2026-04-01');
  const rows = page.locator('table#overview tbody tr');
  assert.equal(await rows.count(), projects.length);
  for (const p of CATALOG)
    assert.equal(await page.locator(`table#overview a[href="/project/${encodeURIComponent(p.id)}"]`).count(), 1, p.id);
  // The seeded numbers: SGLang's tier, latest 30-day downloads and growth.
  const sgl = page.locator('table#overview tr', { has: page.locator('a[href="/project/sglang"]') });
  assert.deepEqual(
    await sgl
      .locator('td')
      .allInnerTexts()
      .then((t) => t.slice(0, 8)),
    [
      'serving',
      'internal tooling · low · 2 of 6 signal families',
      'pypi:sglang',
      '36M',
      '2026-04-01',
      'current',
      '+284%',
      'spike-and-decay',
    ],
  );
  assert.ok((await page.locator('svg.spark').count()) >= 44);
  await page.screenshot({ path: join(ARTIFACTS, 'overview.png') });

  await page.locator('a[href="/project/sglang"]').click();
  await page.waitForURL(/\/project\/sglang$/);
  const chart = page.locator('svg#chart-pypi-sglang');
  assert.equal(await chart.getAttribute('role'), 'img');
  assert.equal(await chart.locator('title').first().textContent(), 'Monthly downloads of pypi:sglang');
  assert.equal(await chart.locator('circle.pt').count(), 15);
  assert.equal(await chart.locator('g.spike').count(), 2);
  const box = await chart.boundingBox();
  assert.ok(box && box.width > 300 && box.height > 100, 'the chart is laid out, not collapsed');
  // The accessible fallback: the data table behind the chart.
  await page.locator('summary', { hasText: 'Data table: Monthly downloads of pypi:sglang' }).click();
  assert.equal(await page.locator('table#chart-pypi-sglang-data tbody tr').count(), 15);
  assert.equal(await page.locator('table#chart-pypi-sglang-data tbody tr').last().locator('td').innerText(), '36M');
  await page.screenshot({ path: join(ARTIFACTS, 'project-sglang.png'), fullPage: true });

  // The tier links to the verdict, with its evidence, on the project page.
  await page.goto(dash?.url ?? '');
  await page.locator('a[href="/project/sglang#verdict-deployment-tier"]').click();
  await page.waitForURL(/\/project\/sglang#verdict-deployment-tier$/);
  assert.ok(await page.locator('section#verdict-deployment-tier').isVisible());
  assert.equal(
    await page.locator('section#verdict-deployment-tier table#verdict-tier tbody th').innerText(),
    'internal tooling',
  );
  await page.close();
});

test('keyboard: skip link first, filter by typing, open a project with Enter', { skip }, async () => {
  const page = await newPage();
  await page.goto(dash?.url ?? '');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Skip to content');
  // Tab to the filter field (skip link, three nav links, then the field).
  for (let i = 0; i < 4 && (await page.evaluate('document.activeElement?.id')) !== 'q'; i++)
    await page.keyboard.press('Tab');
  assert.equal(await page.evaluate('document.activeElement?.id'), 'q');
  await page.keyboard.type('sgl');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\?q=sgl/);
  assert.equal(await page.locator('table#overview tbody tr').count(), 1);
  const link = page.locator('table#overview a[href="/project/sglang"]');
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/project\/sglang$/);
  assert.match(await page.locator('h1').innerText(), /^SGLang/);
  await page.close();
});

test('compare: pick two projects, see both rows and both series', { skip }, async () => {
  const page = await newPage();
  await page.goto(dash?.url ?? '');
  await page.locator('header nav a', { hasText: 'Compare' }).click();
  await page.waitForURL(/\/compare$/);
  await page.selectOption('#p0', 'vllm');
  await page.selectOption('#p1', 'sglang');
  await page.locator('button', { hasText: 'Compare' }).click();
  await page.waitForURL(/\/compare\?p=vllm&p=sglang/);
  const rows = page.locator('table#compare tbody tr');
  assert.equal(await rows.count(), 2);
  // category, package, package role, latest…
  assert.equal(await rows.nth(0).locator('td').nth(3).innerText(), '8.43M');
  assert.equal(await page.locator('svg#compare-downloads g.series').count(), 2);
  // One point a month: 31 stored windows, two of them (2024-08-30, 2024-11-26) in a month a later window covers.
  assert.equal(await page.locator('svg#compare-downloads g.series[data-series="pypi:vllm"] circle.pt').count(), 29);
  await page.screenshot({ path: join(ARTIFACTS, 'compare.png'), fullPage: true });
  await page.close();
});

test('hostile project text renders as text: no script runs, no image is injected', { skip }, async () => {
  const page = await newPage();
  const before = dialogs.length;
  for (const path of ['/', '/project/evil', '/compare?p=evil&p=sglang']) {
    await page.goto(new URL(path, dash?.url).href);
    assert.equal(await page.locator('img').count(), 0, path);
    assert.equal(await page.locator('script').count(), 0, path);
  }
  assert.match(await page.locator('h1').innerText(), /Evil <img src=x onerror=alert\(1\)>/);
  await page.goto(new URL('/project/evil', dash?.url).href);
  assert.ok((await page.locator('main').innerText()).includes('<script>alert(2)</script>'));
  assert.equal(dialogs.length, before, `dialogs opened: ${dialogs.join(', ')}`);
  assert.deepEqual(pageErrors, []);
  await page.screenshot({ path: join(ARTIFACTS, 'project-evil.png') });
  await page.close();
});

test('the standalone HTML report opens offline from a file and prints to PDF', { skip }, async () => {
  assert.ok(store && ctx);
  const doc = viewDocument(
    'profile',
    await runNamedView('profile', store, { project: findProject(projects, 'sglang'), asOf: AS_OF, today: AS_OF }),
  );
  const file = join(tempDir('kept-report-'), 'sglang.html');
  writeFileSync(file, renderHtml(doc));
  const page = await newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`file://${file}`);
  assert.deepEqual(requests, [`file://${file}`], 'nothing but the file itself is loaded');
  assert.equal(await page.locator('svg#chart-pypi-sglang circle.pt').count(), 15);
  // Dark mode: the page and the chart axes follow the system colour scheme.
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await page.evaluate('getComputedStyle(document.body).backgroundColor'), 'rgb(13, 17, 23)');
  assert.equal(
    await page.evaluate(`getComputedStyle(document.querySelector('svg.kept-chart')).color`),
    'rgb(230, 237, 243)',
  );
  await page.screenshot({ path: join(ARTIFACTS, 'profile-sglang-dark.png') });
  await page.emulateMedia({ colorScheme: 'light', media: 'print' });
  await page.screenshot({ path: join(ARTIFACTS, 'profile-sglang-print.png'), fullPage: true });
  const pdf = join(ARTIFACTS, 'profile-sglang.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: false });
  const bytes = readFileSync(pdf);
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  assert.ok(bytes.length > 10_000);
  await page.close();
});
