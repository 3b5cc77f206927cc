// Report documents and their four renderers on a demo database built by the real pipeline.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findProject, resolveProjects } from '../src/config/resolve.js';
import { CATALOG } from '../src/config/catalog.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { buildProfile, type Profile } from '../src/pipeline/profile.js';
import { reportDocumentSchema, reportJsonSchema } from '../src/report/document-schema.js';
import { compareReport, profileReport } from '../src/report/profile-report.js';
import { overviewReport, overviewRowFromProfile } from '../src/report/overview-report.js';
import { renderCsv } from '../src/report/render-csv.js';
import { renderHtml } from '../src/report/render-html.js';
import { renderJson } from '../src/report/render-json.js';
import { renderMarkdown } from '../src/report/render-markdown.js';
import { PROFILE_SECTIONS } from '../src/report/sections/profile-sections.js';
import { demoStore } from './helpers/demo-store.js';
import { assertGolden } from './helpers/golden.js';
import { runCli } from './helpers/run-cli.js';

const AS_OF = new Date('2026-04-01T00:00:00Z');
const projects = resolveProjects(CATALOG, { projects: [] });

async function profiles(...ids: string[]): Promise<Profile[]> {
  const demo = await demoStore();
  const store = await DuckDbStore.open(demo.dbPath, { readOnly: true });
  try {
    const out: Profile[] = [];
    for (const id of ids) out.push(await buildProfile(store, findProject(projects, id), AS_OF));
    return out;
  } finally {
    await store.close();
  }
}

test('profile report of SGLang: golden Markdown and HTML, real numbers in the tables', async () => {
  const [sglang] = await profiles('sglang');
  assert.ok(sglang);
  const doc = profileReport(sglang);
  assert.deepEqual(
    doc.sections.map((s) => s.id),
    ['summary', 'verdict-deployment-tier', 'downloads', 'evidence', 'unknowns'],
  );
  const md = renderMarkdown(doc);
  assert.match(
    md,
    /\| pypi:sglang \| 36M \| 2026-03-02 \| 2026-04-01 \| \+284% \| \+60% \| spike-and-decay \| top-pypi-packages \|/,
  );
  assertGolden('report', 'profile-sglang.md', md);
  const html = renderHtml(doc);
  assert.match(html, /<td class="num" data-value="35999206">36M<\/td>/);
  assertGolden('report', 'profile-sglang.html', html);
});

test('HTML is self-contained: no script, no external asset, a data table after every chart', async () => {
  const list = await profiles('vllm', 'sglang', 'transformers');
  for (const doc of [...list.map(profileReport), compareReport(list, '2026-04-01')]) {
    const html = renderHtml(doc);
    assert.doesNotMatch(html, /<script|<link|<img|@import|url\(/i);
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i, 'no external references');
    assert.doesNotMatch(html, /href="\//, 'no dashboard links in a standalone file');
    const charts = html.match(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="kept-chart"/g)?.length ?? 0;
    assert.ok(charts >= 1);
    assert.equal(html.match(/<summary>Data table:/g)?.length, charts);
  }
});

test('compare report: side-by-side rows in input order, one log chart with a series each, golden Markdown', async () => {
  const list = await profiles('vllm', 'sglang');
  const doc = compareReport(list, '2026-04-01');
  const table = doc.sections[1]?.blocks[0];
  assert.ok(table && table.kind === 'table');
  assert.deepEqual(
    table.rows.map((r) => [r[0], r[2], r[3]]),
    [
      ['vLLM', 'pypi:vllm', 8_432_809],
      ['SGLang', 'pypi:sglang', 35_999_206],
    ],
  );
  const chart = doc.sections[1]?.blocks[1];
  assert.ok(chart && chart.kind === 'chart' && chart.chart.type === 'line');
  assert.equal(chart.chart.series.length, 2);
  assert.equal(chart.chart.log, true);
  const md = renderMarkdown(doc);
  assert.match(
    md,
    /SGLang has the most downloads \(36M\); SGLang|SGLang leads on both volume \(36M\) and six-month growth \(\+284%\)\./,
  );
  assertGolden('report', 'compare-vllm-sglang.md', md);
});

test('overview of the whole catalog: golden Markdown and HTML; sorting and filtering', async () => {
  const all = await profiles(...projects.map((p) => p.id));
  const rows = all.map(overviewRowFromProfile);
  const doc = overviewReport(rows, '2026-04-01');
  assert.equal(doc.subtitle, `${projects.length} catalog projects, 44 with download data`);
  assertGolden('report', 'overview.md', renderMarkdown(doc));
  assertGolden('report', 'overview.html', renderHtml(doc));
  const serving = overviewReport(rows, '2026-04-01', { category: 'serving', sort: 'growth' });
  const table = serving.sections[0]?.blocks[0];
  assert.ok(table?.kind === 'table');
  assert.equal(table.rows[0]?.[0], 'SGLang', 'fastest-growing serving project first');
  assert.ok(table.rows.every((r) => r[1] === 'serving'));
  const growth = table.rows.map((r) => r[6]).filter((g): g is number => typeof g === 'number');
  assert.deepEqual(
    growth,
    [...growth].sort((a, b) => b - a),
  );
  // Unknown growth sorts last (by name among themselves): ExLlamaV2 and TensorRT-LLM have too few
  // recent months, llama.cpp publishes no PyPI package.
  assert.deepEqual(
    table.rows.slice(-3).map((r) => [r[0], r[6]]),
    [
      ['ExLlamaV2', null],
      ['llama.cpp', null],
      ['TensorRT-LLM', null],
    ],
  );
});

test('JSON output parses with the zod schema, and docs/schemas/report.schema.json is generated from it', async () => {
  const list = await profiles('vllm', 'sglang', 'qwen');
  const docs = [
    ...list.map(profileReport),
    compareReport(list, '2026-04-01'),
    overviewReport(list.map(overviewRowFromProfile), '2026-04-01'),
  ];
  for (const doc of docs) {
    const parsed = reportDocumentSchema.safeParse(JSON.parse(renderJson(doc)));
    assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3)));
  }
  assert.equal(reportDocumentSchema.safeParse({ ...docs[0], view: 42 }).success, false);
  const committed = readFileSync(join(process.cwd(), 'docs', 'schemas', 'report.schema.json'), 'utf8');
  assert.equal(
    committed,
    `${JSON.stringify(reportJsonSchema(), null, 2)}\n`,
    'regenerate with: npm run build && node scripts/gen-report-schema.mjs',
  );
});

test('CSV: raw numbers, units in headers, one table by id, spreadsheet formulas neutralised', async () => {
  const [vllm] = await profiles('vllm');
  assert.ok(vllm);
  const doc = profileReport(vllm);
  const one = renderCsv(doc, 'downloads');
  assert.equal(
    one?.split('\r\n')[0],
    'package,latest (downloads / 30 days),window starts,window ends,6-month growth,slope / month,shape,source',
  );
  assert.match(one ?? '', /^pypi:vllm,8432809,2026-03-02,2026-04-01,0\.3\d+,/m);
  const all = renderCsv(doc) ?? '';
  assert.match(all, /^table,window ends,pypi:vllm \(per 30-day window\)\r\nchart-pypi-vllm-data,2023-10-01,59798\r\n/m);
  assert.equal(renderCsv(doc, 'nope'), undefined);
  const evil = {
    ...doc,
    sections: [
      {
        id: 's',
        title: 's',
        blocks: [
          {
            kind: 'table' as const,
            id: 't',
            caption: 'c',
            columns: [{ key: 'a', label: 'a', format: 'text' as const }],
            rows: [['=HYPERLINK("x")'], ['a,b']],
          },
        ],
      },
    ],
  };
  assert.equal(renderCsv(evil, 't'), 'a\r\n"\'=HYPERLINK(""x"")"\r\n"a,b"\r\n');
});

test('untrusted project text is escaped in HTML; a section without data is left out', async () => {
  const [p] = await profiles('sglang');
  assert.ok(p);
  const evil: Profile = {
    ...p,
    project: { ...p.project, name: '<script>alert(1)</script>', description: '<img src=x onerror=alert(1)>' },
  };
  const html = renderHtml(profileReport(evil));
  assert.doesNotMatch(html, /<script>alert|<img src=x/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  const bare: Profile = { ...p, downloads: [], models: [], unknowns: [] };
  assert.deepEqual(
    profileReport(bare).sections.map((s) => s.id),
    ['summary', 'verdict-deployment-tier', 'unknowns'],
  );
  assert.ok(PROFILE_SECTIONS.every((s) => typeof s.build === 'function'));
});

test('Hub models: measured models get a row and a derivatives chart; unmeasured ones only an unknown', async () => {
  const [qwen] = await profiles('qwen');
  assert.ok(qwen);
  assert.equal(
    profileReport(qwen).sections.find((s) => s.id === 'models'),
    undefined,
    'the demo store has no Hub data for Qwen',
  );
  // A constructed entry (not data): the shape the Hub pipeline fills in.
  const fig = {
    value: 1234,
    windowStart: '2025-03-01',
    windowEnd: '2025-03-31',
    observedAt: '2025-04-01',
    source: 'hf-api',
    origin: 'test',
  };
  const withHub: Profile = {
    ...qwen,
    models: [
      ...qwen.models,
      {
        subject: 'hf:org/model',
        facts: { license: 'apache-2.0' },
        downloads30d: fig,
        likes: null,
        parameters: null,
        derivatives: { finetune: 12, quantized: 3 },
        fanout: null,
      },
    ],
  };
  const section = profileReport(withHub).sections.find((s) => s.id === 'models');
  assert.ok(section);
  const table = section.blocks[0];
  assert.ok(table?.kind === 'table');
  assert.deepEqual(table.rows, [['hf:org/model', 1234, null, null, 'apache-2.0', 12, 0, 3, 0]]);
  const chart = section.blocks[1];
  assert.ok(chart?.kind === 'chart' && chart.chart.type === 'bar');
  assert.deepEqual(chart.chart.bars, [
    { label: 'finetune', value: 12 },
    { label: 'quantized', value: 3 },
  ]);
});

test('CLI: profile --format html --out FILE, compare --format csv, --json unchanged, bad format is a usage error', async () => {
  const demo = await demoStore();
  const dir = join(demo.dbPath, '..');
  const out = join(dir, 'vllm.html');
  const r = await runCli([
    '--db',
    demo.dbPath,
    'profile',
    'vllm',
    '--as-of',
    '2026-04-01',
    '--format',
    'html',
    '--out',
    out,
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(readFileSync(out, 'utf8'), /<title>vLLM \(serving\)<\/title>/);
  const c = await runCli([
    '--db',
    demo.dbPath,
    'compare',
    'vllm',
    'sglang',
    '--as-of',
    '2026-04-01',
    '--format',
    'csv',
    '--table',
    'compare',
  ]);
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stdout, /^vLLM,serving,pypi:vllm,8432809,2026-04-01,/m);
  const j = await runCli(['--db', demo.dbPath, 'profile', 'vllm', '--as-of', '2026-04-01', '--json']);
  assert.equal((JSON.parse(j.stdout) as { schema: string }).schema, 'kept.profile/v1');
  const bad = await runCli(['--db', demo.dbPath, 'profile', 'vllm', '--format', 'pdf']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format pdf is not a report format\n {2}use one of md, html, json, csv, data/);
  const one = await runCli(['--db', demo.dbPath, 'compare', 'vllm']);
  assert.equal(one.code, 2);
  assert.match(one.stderr, /compare takes 2 to 4 projects, not 1/);
});
