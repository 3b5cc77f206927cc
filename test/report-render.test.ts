// The profile, compare and overview documents and their renderers on a demo database built by the
// real pipeline: real figures in typed tables (numbers as numbers), self-contained HTML, CSV with
// raw values, escaping. The golden Markdown and HTML of each view are in test/views.test.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findProject, resolveProjects } from '../src/config/resolve.js';
import { CATALOG } from '../src/config/catalog.js';
import type { TableBlock } from '../src/report/document.js';
import { renderCsv } from '../src/report/render-csv.js';
import { renderHtml } from '../src/report/render-html.js';
import { renderMarkdown } from '../src/report/render-markdown.js';
import { compareDocument } from '../src/report/views/compare.js';
import { overviewDocument } from '../src/report/views/overview.js';
import { profileDocument } from '../src/report/views/profile.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { compareProfiles } from '../src/views/compare/compute.js';
import { queryOverviewView, computeOverviewBase } from '../src/views/overview/compute.js';
import { loadOverview } from '../src/views/overview/load.js';
import type { ProfileView } from '../src/views/profile/model.js';
import { runNamedView } from '../src/views/run.js';
import { demoStore } from './helpers/demo-store.js';
import { runCli } from './helpers/run-cli.js';

const AS_OF = new Date('2026-04-01T00:00:00Z');
const projects = resolveProjects(CATALOG, { projects: [] });

async function withStore<T>(work: (store: DuckDbStore) => Promise<T>): Promise<T> {
  const demo = await demoStore();
  const store = await DuckDbStore.open(demo.dbPath, { readOnly: true });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

function profiles(...ids: string[]): Promise<ProfileView[]> {
  return withStore(async (store) => {
    const out: ProfileView[] = [];
    for (const id of ids)
      out.push(await runNamedView('profile', store, { project: findProject(projects, id), asOf: AS_OF, today: AS_OF }));
    return out;
  });
}

function table(doc: ReturnType<typeof profileDocument>, id: string): TableBlock {
  const t = doc.sections.flatMap((s) => s.blocks).find((b) => b.kind === 'table' && b.id === id);
  assert.ok(t?.kind === 'table', `no table ${id}`);
  return t;
}

test('profile of SGLang: its sections, and real numbers as numbers in the tables', async () => {
  const [sglang] = await profiles('sglang');
  assert.ok(sglang);
  const doc = profileDocument(sglang);
  assert.deepEqual(
    doc.sections.map((s) => s.id),
    [
      'summary',
      'verdict-deployment-tier',
      'downloads',
      'github-sgl-project-sglang',
      'attention',
      'issue-health',
      'evidence',
      'verdict-inputs',
      'unknowns',
    ],
  );
  assert.deepEqual(table(doc, 'downloads').rows[0]?.slice(0, 4), [
    'pypi:sglang',
    35_999_206,
    '2026-03-02',
    '2026-04-01',
  ]);
  const growth = table(doc, 'downloads').rows[0]?.[4];
  assert.ok(typeof growth === 'number' && Math.abs(growth - 2.8449) < 1e-3, String(growth));
  assert.deepEqual(table(doc, 'verdict-tier').rows[0]?.slice(0, 2), ['internal tooling', 'low']);
  assert.match(
    renderMarkdown(doc),
    /\| pypi:sglang \| 36M \| 2026-03-02 \| 2026-04-01 \| \+284% \| \+60% \| spike-and-decay \| top-pypi-packages \|/,
  );
  assert.match(renderHtml(doc), /<td class="num" data-value="35999206">36M<\/td>/);
  // The spikes are the trend view's own sentences.
  assert.ok(sglang.downloads[0]?.trend.spikes.every((s) => s.description.startsWith(s.month)));
});

test('HTML is self-contained: no script, no external asset, a data table after every chart', async () => {
  const list = await profiles('vllm', 'sglang', 'transformers');
  for (const doc of [...list.map(profileDocument), compareDocument(compareProfiles(list, AS_OF))]) {
    const html = renderHtml(doc);
    assert.doesNotMatch(html, /<script|<link|<img|@import|url\(/i);
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i, 'no external references');
    assert.doesNotMatch(html, /href="\//, 'no dashboard links in a standalone file');
    // Each chart is drawn twice (a desktop and a phone layout) over one data table.
    const charts = html.match(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="kept-chart wide"/g)?.length ?? 0;
    assert.equal(html.match(/class="kept-chart narrow"/g)?.length, charts);
    assert.ok(charts >= 1);
    assert.equal(html.match(/<summary>Data table:/g)?.length, charts);
  }
});

test('compare: side-by-side rows in input order, one log chart with a series each', async () => {
  const list = await profiles('vllm', 'sglang');
  const model = compareProfiles(list, AS_OF);
  assert.deepEqual(
    model.projects.map((r) => [r.name, r.package, r.latest, r.tier.id]),
    [
      ['vLLM', 'pypi:vllm', 8_432_809, 'load-bearing-infrastructure'],
      ['SGLang', 'pypi:sglang', 35_999_206, 'internal-tooling'],
    ],
  );
  const doc = compareDocument(model);
  const t = table(doc, 'compare');
  const rows = t.rows;
  const at = (key: string): number => t.columns.findIndex((c) => c.key === key);
  assert.deepEqual(
    rows.map((r) => ['project', 'package', 'role', 'latest', 'tier', 'confidence', 'families'].map((k) => r[at(k)])),
    [
      ['vLLM', 'pypi:vllm', 'own', 8_432_809, 'load-bearing infrastructure', 'low', 1],
      ['SGLang', 'pypi:sglang', 'own', 35_999_206, 'internal tooling', 'low', 2],
    ],
  );
  // The unknown count of each row is the number of distinct signals in that project's profile.
  assert.deepEqual(
    rows.map((r) => r[at('unknowns')]),
    list.map((p) => new Set(p.unknowns.map((u) => u.signal)).size),
  );
  const chart = doc.sections[1]?.blocks[1];
  assert.ok(chart && chart.kind === 'chart' && chart.chart.type === 'line');
  assert.equal(chart.chart.series.length, 2);
  assert.equal(chart.chart.log, true);
  assert.ok(
    model.summary.includes(
      "SGLang has the most downloads in its latest window (36M) and the fastest six-month growth (+284%), but SGLang's curve is spike-and-decay (peaks that fall back: experimentation, not a floor), and its tier (internal tooling) is below vLLM's (load-bearing infrastructure).",
    ),
  );
});

test('overview of the whole catalog: counts, sorting and filtering', async () => {
  const base = await withStore(async (store) =>
    computeOverviewBase(await loadOverview(store, { projects, asOf: AS_OF, today: AS_OF }), {
      projects,
      asOf: AS_OF,
      today: AS_OF,
    }),
  );
  const all = queryOverviewView(base);
  assert.deepEqual([all.projects, all.measured], [projects.length, 49]); // model families count their Hub downloads
  assert.equal(
    overviewDocument(all).subtitle,
    `As of 2026-04-01. ${projects.length} catalog projects, 49 with download data.`,
  );
  const serving = queryOverviewView(base, { category: 'serving', sort: 'growth' });
  assert.equal(serving.rows[0]?.name, 'SGLang', 'fastest-growing serving project first');
  assert.ok(serving.rows.every((r) => r.category === 'serving'));
  const growth = serving.rows.map((r) => r.growth).filter((g): g is number => typeof g === 'number');
  assert.deepEqual(
    growth,
    [...growth].sort((a, b) => b - a),
  );
  // Unknown growth sorts last (by name among themselves): ExLlamaV2 and TensorRT-LLM have too few
  // recent months, llama.cpp publishes no PyPI package.
  assert.deepEqual(
    serving.rows.slice(-3).map((r) => [r.name, r.growth]),
    [
      ['ExLlamaV2', null],
      ['llama.cpp', null],
      ['TensorRT-LLM', null],
    ],
  );
  const t = table(overviewDocument(serving), 'overview');
  assert.equal(t.rows[0]?.[4], 35_999_206, 'latest downloads, a number');
  assert.equal(
    overviewDocument(serving).subtitle,
    `As of 2026-04-01. ${projects.length} catalog projects, 49 with download data; the filter keeps ${serving.rows.length} (category serving).`,
  );
});

test('CSV: raw numbers, units in headers, one table by id, spreadsheet formulas neutralised', async () => {
  const [vllm] = await profiles('vllm');
  assert.ok(vllm);
  const doc = profileDocument(vllm);
  const one = renderCsv(doc, 'downloads');
  assert.equal(
    one?.split('\r\n')[0],
    'package,latest (downloads / 30 days),window starts,window ends,6-month growth,slope / month,shape,source',
  );
  assert.match(one ?? '', /^pypi:vllm,8432809,2026-03-02,2026-04-01,0\.3\d+,/m);
  assert.match(
    renderCsv(doc, 'verdict-tier') ?? '',
    /^load-bearing infrastructure,low,0\.16\d+,1,load-bearing infrastructure\r\n/m,
  );
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
  const evil: ProfileView = {
    ...p,
    project: { ...p.project, name: '<script>alert(1)</script>', description: '<img src=x onerror=alert(1)>' },
  };
  const html = renderHtml(profileDocument(evil));
  assert.doesNotMatch(html, /<script>alert|<img src=x/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  const bare: ProfileView = {
    ...p,
    downloads: [],
    models: [],
    github: [],
    unknowns: [],
    verdict: { ...p.verdict, attention: null, issueHealth: null },
  };
  assert.deepEqual(
    profileDocument(bare).sections.map((s) => s.id),
    ['summary', 'verdict-deployment-tier', 'verdict-inputs', 'unknowns'],
  );
});

test('Hub models: measured models get a row and a derivatives chart; unmeasured ones only an unknown', async () => {
  const [qwen] = await profiles('qwen');
  assert.ok(qwen);
  assert.equal(
    profileDocument(qwen).sections.find((s) => s.id === 'models'),
    undefined,
    'the demo store has no Hub data for Qwen',
  );
  assert.ok(qwen.unknowns.some((u) => u.signal === 'fan-out' && u.subject?.startsWith('hf:Qwen/')));
  // A constructed entry (not data): the shape the Hub pipeline fills in.
  const fig = {
    value: 1234,
    windowStart: '2025-03-01',
    windowEnd: '2025-03-31',
    observedAt: '2025-04-01',
    source: 'hf-api',
    origin: 'test',
  };
  const withHub: ProfileView = {
    ...qwen,
    models: [
      ...qwen.models,
      {
        subject: 'hf:org/model',
        license: 'apache-2.0',
        facts: { license: 'apache-2.0' },
        downloads30d: fig,
        likes: null,
        parameters: null,
        derivatives: { finetune: 12, adapter: 0, quantized: 3, merge: 0, unclassified: 0 },
        fanout: null,
      },
    ],
  };
  const section = profileDocument(withHub).sections.find((s) => s.id === 'models');
  assert.ok(section);
  const t = section.blocks[0];
  assert.ok(t?.kind === 'table');
  assert.deepEqual(t.rows, [['hf:org/model', 1234, null, null, 'apache-2.0', 12, 0, 3, 0]]);
  const chart = section.blocks[1];
  assert.ok(chart?.kind === 'chart' && chart.chart.type === 'bar');
  assert.deepEqual(chart.chart.bars, [
    { label: 'finetune', value: 12 },
    { label: 'quantized', value: 3 },
  ]);
});

test('CLI: profile --format html --out FILE, compare --format csv, --json is the model, bad format is a usage error', async () => {
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
  assert.match(c.stdout, /^vLLM,serving,pypi:vllm,own,8432809,2026-04-01,/m);
  const j = await runCli(['--db', demo.dbPath, 'profile', 'vllm', '--as-of', '2026-04-01', '--json']);
  assert.equal((JSON.parse(j.stdout) as { schema: string }).schema, 'kept.profile/v2');
  const bad = await runCli(['--db', demo.dbPath, 'profile', 'vllm', '--format', 'pdf']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format pdf is not an output format\n {2}use one of md, html, json, csv/);
  const one = await runCli(['--db', demo.dbPath, 'compare', 'vllm']);
  assert.equal(one.code, 2);
  assert.match(one.stderr, /compare takes 2 to 4 projects, not 1/);
});
