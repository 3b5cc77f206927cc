// Dashboard pages of the views (/ecosystem, /catalog, /top/<kind>, /growth/<subject>,
// /fanout/<model>, /fanout-org/<org>, /contributors/<project>) on the full demo store: each page
// is the view's document as HTML and each /api/….json its model, the same JSON as the CLI's;
// untrusted text stays text, and bad paths are 400/404 with a reason, never a stack trace.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CATALOG } from '../src/config/catalog.js';
import { resolveProjects } from '../src/config/resolve.js';
import type { Project } from '../src/domain/project.js';
import { storeContributors } from '../src/ingest/contributors.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { VIEWS, type ViewName } from '../src/views/registry.js';
import { startDashboard, type Dashboard } from '../src/web/server.js';
import { fixtureContributorReport } from './helpers/contributor-fixture.js';
import { demoHubStore } from './helpers/demo-hub-store.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/tmp.js';

const AS_OF = new Date('2026-04-01T00:00:00Z');
const EVIL: Project = {
  id: 'evil',
  name: '<img src=x onerror=alert(1)>',
  category: 'tooling',
  description: '<script>alert(1)</script>',
  pypi: ['vllm'],
};
const projects = [...resolveProjects(CATALOG, { projects: [] }), EVIL];

let demoPath: string;
let store: DuckDbStore;
let dash: Dashboard;
/** A second dashboard over a store holding a contributor report (the fixture's, project `example`). */
let contributorsStore: DuckDbStore;
let contributorsDash: Dashboard;

before(async () => {
  demoPath = (await demoHubStore()).dbPath;
  store = await DuckDbStore.open(demoPath, { readOnly: true });
  dash = await startDashboard({ store, projects, asOf: AS_OF, warmProfiles: false });
  const db = join(tempDir(), 'contributors.duckdb');
  const w = await DuckDbStore.open(db);
  try {
    await storeContributors(w, fixtureContributorReport(), AS_OF);
  } finally {
    await w.close();
  }
  contributorsStore = await DuckDbStore.open(db, { readOnly: true });
  contributorsDash = await startDashboard({ store: contributorsStore, projects, asOf: AS_OF, warmProfiles: false });
});

after(async () => {
  await dash.close();
  await store.close();
  await contributorsDash.close();
  await contributorsStore.close();
});

function get(
  path: string,
  d: Dashboard = dash,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: d.port, path, method, headers: { host: `127.0.0.1:${d.port}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A page and its JSON: 200, the document's title, the link to the JSON, a model that fits its view's schema. */
async function pageAndModel(
  view: ViewName,
  path: string,
  api: string,
  title: RegExp,
  d: Dashboard = dash,
): Promise<Record<string, unknown>> {
  const page = await get(path, d);
  assert.equal(page.status, 200, `${path}: ${page.body.slice(0, 300)}`);
  assert.match(page.body, title, path);
  assert.ok(page.body.includes(`href="${api}"`), `${path} links to ${api}`);
  const json = await get(api, d);
  assert.equal(json.status, 200, api);
  assert.match(String(json.headers['content-type']), /^application\/json/);
  const model = JSON.parse(json.body) as Record<string, unknown>;
  const parsed = VIEWS[view].schema.safeParse(model);
  assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3)));
  return model;
}

test('/ecosystem (no path argument) and /api/ecosystem.json: the same model as kept ecosystem --json', async () => {
  const model = await pageAndModel(
    'ecosystem',
    '/ecosystem',
    '/api/ecosystem.json',
    /<h1>kept ecosystem: Hugging Face model downloads, snapshot 2025-04-22<\/h1>/,
  );
  const cli = await runCli(['--db', demoPath, 'ecosystem', '--as-of', '2026-04-01', '--json']);
  assert.equal(cli.code, 0, cli.stderr);
  assert.deepEqual(model, JSON.parse(cli.stdout));
  assert.equal((await get('/ecosystem', dash, 'HEAD')).status, 200);
  assert.equal((await get('/ecosystem/2026')).status, 404, 'the page takes no argument');
});

test('/fanout/<model>: the argument holds a slash, with or without hf: and percent-encoded; figures as the CLI', async () => {
  const model = await pageAndModel(
    'fanout',
    '/fanout/hf:deepseek-ai/DeepSeek-V3',
    '/api/fanout/hf%3Adeepseek-ai%2FDeepSeek-V3.json',
    /<h1>Fan-out of hf:deepseek-ai\/DeepSeek-V3<\/h1>/,
  );
  assert.deepEqual(model.direct, { finetune: 78, adapter: 38, quantized: 16, merge: 1, unclassified: 0, total: 133 });
  const cli = await runCli([
    '--db',
    demoPath,
    'fanout',
    'hf:deepseek-ai/DeepSeek-V3',
    '--as-of',
    '2026-04-01',
    '--json',
  ]);
  assert.deepEqual(model, JSON.parse(cli.stdout));
  for (const path of ['/fanout/deepseek-ai/DeepSeek-V3', '/fanout/hf%3Adeepseek-ai%2FDeepSeek-V3'])
    assert.equal((await get(path)).status, 200, path);
  assert.equal((await get('/api/fanout/hf:deepseek-ai/DeepSeek-V3.json')).status, 200);
  const miss = await get('/fanout/hf:deepseek-ai/deepseek-v3');
  assert.equal(miss.status, 404);
  assert.match(miss.body, /no Hub data for hf:deepseek-ai\/deepseek-v3[\s\S]*case-sensitive/);
  const notHub = await get('/api/fanout/pypi:vllm.json');
  assert.equal(notHub.status, 400);
  assert.match(JSON.parse(notHub.body).error, /not a Hub model/);
});

test('/fanout-org/<org> lists the models, each linking to its /fanout page', async () => {
  const model = await pageAndModel(
    'fanout-org',
    '/fanout-org/deepseek-ai',
    '/api/fanout-org/deepseek-ai.json',
    /<h1>Fan-out of the models of deepseek-ai<\/h1>/,
  );
  assert.deepEqual(
    (model.models as { model: string; tree: number }[]).map((m) => [m.model, m.tree]),
    [
      ['deepseek-ai/DeepSeek-V3', 135],
      ['deepseek-ai/Janus-Pro-7B', 34],
    ],
  );
  assert.match((await get('/fanout-org/deepseek-ai')).body, /<a href="\/fanout\/hf:deepseek-ai\/DeepSeek-V3">/);
  assert.equal((await get('/fanout-org/DeepSeek-AI')).status, 404);
  assert.equal((await get('/fanout-org/a%20b')).status, 400);
});

test('/top/<kind> ranks the snapshot, each name linking to its trend page; a bad kind is 400', async () => {
  const model = await pageAndModel(
    'top',
    '/top/pypi',
    '/api/top/pypi.json',
    /<h1>Top pypi by downloads, snapshot 2026-04-01<\/h1>/,
  );
  const rows = model.rows as { rank: number; name: string; downloads: number }[];
  assert.equal(rows.length, 20);
  assert.deepEqual([rows[0]?.rank, rows[0]?.name], [1, 'google-genai']);
  const page = await get('/top/pypi');
  assert.match(page.body, /<a href="\/trend\/pypi:openai">openai<\/a>/);
  assert.equal((await get(page.body.match(/href="(\/trend\/pypi:[^"]+)"/)?.[1] ?? '/none')).status, 200);
  const bad = await get('/top/cargo');
  assert.equal(bad.status, 400);
  assert.match(bad.body, /top takes one of pypi, npm, hf/);
  assert.equal((await get('/top')).status, 404);
});

test('/growth/<subject> shows the snapshot pairs', async () => {
  const model = await pageAndModel(
    'growth',
    '/growth/pypi:sglang',
    '/api/growth/pypi%3Asglang.json',
    /<h1>Growth between 30-day download snapshots<\/h1>/,
  );
  const pairs = (model.subjects as { pairs: { to: string }[] }[])[0]?.pairs ?? [];
  assert.equal(pairs[pairs.length - 1]?.to, '2026-04-01');
  const none = await get('/growth/pypi:no-such-package');
  assert.equal(none.status, 404);
  assert.match(none.body, /fewer than two 30-day snapshots/);
});

test('/catalog (no path argument) lists the dashboard’s projects, kept.yaml ones included, as text; ids link to project pages', async () => {
  const model = await pageAndModel(
    'catalog',
    '/catalog',
    '/api/catalog.json',
    /<h1>kept catalog [\d.]+: \d+ projects<\/h1>/,
  );
  const ids = (model.projects as { id: string }[]).map((p) => p.id);
  assert.equal(ids.length, projects.length);
  assert.ok(ids.includes('evil'));
  const page = await get('/catalog');
  assert.match(page.body, /<a href="\/project\/vllm">vllm<\/a>/);
  assert.doesNotMatch(page.body, /<img src=x/);
  assert.match(page.body, /&lt;img src=x onerror=alert\(1\)&gt;/);
});

test('/contributors/<project> renders the stored report; a project without one is 404 with a hint', async () => {
  const model = await pageAndModel(
    'contributors',
    '/contributors/example',
    '/api/contributors/example.json',
    /<h1>Contributor breadth: example<\/h1>/,
    contributorsDash,
  );
  assert.equal((model.multiOrganization as { verdict: string }).verdict, 'pass');
  // Names from git are untrusted text: a pipe in a name is kept, markup would be escaped.
  assert.match((await get('/contributors/example', contributorsDash)).body, /Van \| Ity/);
  const none = await get('/contributors/vllm');
  assert.equal(none.status, 404);
  assert.match(none.body, /no contributor report stored for project:vllm[\s\S]*kept contributors DIR --project vllm/);
  const api = await get('/api/contributors/vllm.json');
  assert.equal(api.status, 404);
  assert.match(JSON.parse(api.body).error, /no contributor report stored/);
});

test('view pages: bad paths and parameters are 400/404 with a reason, echoed text is escaped, never a stack trace', async () => {
  const cases: [string, number, RegExp][] = [
    [
      '/fanout/hf:%3Cscript%3Ealert(1)%3C/script%3E',
      400,
      /&quot;&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot; is not a valid hf id/,
    ],
    ['/trend/pypi:%3Cimg%20src=x%3E', 400, /&quot;&lt;img src=x&gt;&quot; is not a valid pypi id/],
    ['/contributors/%3Cb%3E', 400, /&quot;&lt;b&gt;&quot; is not a valid project id/],
    ['/fanout/hf:nobody/nothing', 404, /no Hub data for hf:nobody\/nothing/],
    ['/fanout/%E0%A4%A', 400, /percent-encoding/],
    [`/fanout/hf:${'x'.repeat(301)}`, 400, /longer than 300/],
    ['/ecosystem?window=3m', 400, /takes no parameters/],
    ['/catalog?x=1', 400, /takes no parameters/],
    ['/catalog/', 404, /no such page/],
    ['/api/ecosystem', 404, /no such page|error/],
    ['/api/top/pypi', 404, /error/],
  ];
  for (const [path, status, body] of cases) {
    const r = await get(path);
    assert.equal(r.status, status, path);
    assert.match(r.body, body, path);
    assert.doesNotMatch(r.body, /<script>|<img src|<b>/, path);
    assert.doesNotMatch(r.body, /at .*\.js:\d+|Error:/, path);
  }
});
