// The dashboard server over a demo database built by the real pipeline: routes, the views' models
// behind every page, the bulk overview against per-project profiles, and the safety rules.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DEFAULT_TIER_THRESHOLDS } from '../src/classify/tier.js';
import { CATALOG } from '../src/config/catalog.js';
import { resolveProjects } from '../src/config/resolve.js';
import type { Project } from '../src/domain/project.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { compareViewSchema } from '../src/views/compare/model.js';
import { overviewViewSchema } from '../src/views/overview/model.js';
import { profileViewSchema } from '../src/views/profile/model.js';
import { runNamedView } from '../src/views/run.js';
import { DASHBOARD_CSP, startDashboard, type Dashboard } from '../src/web/server.js';
import { demoStore } from './helpers/demo-store.js';
import { rowFromProfile } from './helpers/overview-row.js';

const AS_OF = new Date('2026-04-01T00:00:00Z');
const EVIL: Project = {
  id: 'evil',
  name: '<img src=x onerror=alert(1)>',
  category: 'tooling',
  description: '<script>alert(1)</script>',
  pypi: ['vllm'],
};
const projects = [...resolveProjects(CATALOG, { projects: [] }), EVIL];

let store: DuckDbStore;
let dash: Dashboard;

before(async () => {
  const demo = await demoStore();
  store = await DuckDbStore.open(demo.dbPath, { readOnly: true });
  // No background precomputation here: the tests also query the store directly, on the same connection.
  dash = await startDashboard({ store, projects, asOf: AS_OF, warmProfiles: false });
});

after(async () => {
  await dash.close();
  await store.close();
});

function get(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: dash.port, path, method, headers: { host: `127.0.0.1:${dash.port}`, ...headers } },
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

test('binds 127.0.0.1 and prints a loopback URL', () => {
  assert.match(dash.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test('overview lists every catalog project, with the security headers', async () => {
  const r = await get('/');
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-security-policy'], DASHBOARD_CSP);
  assert.match(DASHBOARD_CSP, /default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(DASHBOARD_CSP, /script-src|unsafe/);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  for (const p of projects.filter((x) => x.id !== 'evil'))
    assert.ok(r.body.includes(`href="/project/${encodeURIComponent(p.id)}"`), p.id);
  assert.match(
    r.body,
    /<th scope="row"><a href="\/project\/sglang">SGLang<\/a><\/th><td>serving<\/td><td><span class="badge tone-internal-tooling"><a href="\/project\/sglang#verdict-deployment-tier">internal tooling · low · 2 of 6 signal families<\/a><\/span><\/td><td>pypi:sglang<\/td><td class="num" data-value="35999206">36M<\/td>/,
  );
  // An unknown tier is spelt out, and links to the page that says why.
  assert.match(
    r.body,
    /<th scope="row"><a href="\/project\/qwen">Qwen<\/a><\/th><td>model-family<\/td><td><span class="badge tone-unknown"><a href="\/project\/qwen#verdict-deployment-tier">unknown · none · 0 of 6 signal families<\/a><\/span><\/td><td class="span" colspan="\d+">not collected — kept collect qwen<\/td><\/tr>/,
  );
});

test('overview sorts by tier (highest first, unknown last); the tier links to the verdict on the project page', async () => {
  const r = await get('/?sort=tier');
  assert.equal(r.status, 200);
  assert.match(
    r.body,
    /<th scope="col" aria-sort="descending"><a href="\/\?sort=tier&amp;dir=asc">deployment tier ▼<\/a><\/th>/,
  );
  const tiers = [
    ...r.body.matchAll(/#verdict-deployment-tier">([a-z -]+) · [a-z]+ · \d of 6 signal families<\/a>/g),
  ].map((m) => m[1]);
  assert.equal(tiers.length, projects.length);
  const rank = ['load-bearing infrastructure', 'production-facing', 'internal tooling', 'experiment', 'unknown'];
  assert.deepEqual(
    tiers,
    [...tiers].sort((a, b) => rank.indexOf(a!) - rank.indexOf(b!)),
  );
  // The JSON is the overview view's model, with the query it applied.
  const j = overviewViewSchema.parse(JSON.parse((await get('/api/overview.json?sort=tier&dir=asc')).body));
  assert.deepEqual(j.query, { q: null, category: null, sort: 'tier', dir: 'asc' });
  // Ascending: the same tiers reversed, unknown still last.
  const known = tiers.filter((x) => x !== 'unknown');
  assert.deepEqual(
    j.rows.map((x) => x.tier.label),
    [...known.reverse(), ...tiers.slice(known.length)],
  );
  const page = await get('/project/sglang');
  assert.match(page.body, /<section id="verdict-deployment-tier"/);
});

test('the dashboard judges with the verdict settings it is given (kept.yaml `verdict:`), on the overview and project pages', async () => {
  // A download floor no project reaches: no tier rests on downloads any more.
  const strict = {
    verdict: {
      thresholds: {
        ...DEFAULT_TIER_THRESHOLDS,
        downloadFloor: [1e12, 1e13, 1e14] as [number, number, number],
        downloadFloorByCategory: {},
      },
    },
  };
  const other = await startDashboard({
    store,
    projects,
    asOf: AS_OF,
    warmProfiles: false,
    cache: false,
    profile: strict,
  });
  try {
    const tiers = async (port: number) => {
      const body = overviewViewSchema.parse(
        await fetch(`http://127.0.0.1:${port}/api/overview.json`).then((r) => r.json()),
      );
      return body.rows.map((r) => r.tier.id);
    };
    const byDefault = await tiers(dash.port);
    const judged = await tiers(other.port);
    assert.ok(
      byDefault.filter((t) => t === 'load-bearing-infrastructure').length >
        judged.filter((t) => t === 'load-bearing-infrastructure').length,
      `${byDefault} vs ${judged}`,
    );
    const project = profileViewSchema.parse(
      await fetch(`http://127.0.0.1:${other.port}/api/project/vllm.json`).then((r) => r.json()),
    );
    assert.notEqual(project.verdict.tier.id, 'load-bearing-infrastructure');
  } finally {
    await other.close();
  }
});

test('overview sorts by column links (aria-sort marks the column) and filters by category', async () => {
  const r = await get('/?sort=growth&category=serving');
  assert.equal(r.status, 200);
  assert.match(
    r.body,
    /<th scope="col" class="num" aria-sort="descending"><a href="\/\?category=serving&amp;sort=growth&amp;dir=asc">6-month growth ▼<\/a><\/th>/,
  );
  const names = [...r.body.matchAll(/<th scope="row"><a href="\/project\/([^"]+)">/g)].map((m) => m[1]);
  assert.equal(names[0], 'sglang', 'SGLang grew fastest of the serving projects (+284%)');
  assert.equal(names.length, projects.filter((p) => p.category === 'serving').length);
});

test('the bulk overview rows equal the rows made from each full profile', async () => {
  const bulk = (await runNamedView('overview', store, { projects, asOf: AS_OF, today: AS_OF })).rows;
  for (const p of projects) {
    const want = rowFromProfile(await runNamedView('profile', store, { project: p, asOf: AS_OF, today: AS_OF }));
    assert.deepEqual(
      bulk.find((r) => r.id === p.id),
      want,
      p.id,
    );
  }
  // 44 catalog projects with package downloads, 5 model families with Hub downloads, the test project.
  assert.equal(bulk.filter((r) => r.latest !== null).length, 50);
});

test('project page: chart with one point per stored month; the profile model at a stable URL', async () => {
  const r = await get('/project/sglang');
  assert.equal(r.status, 200);
  const series = /<g class="series" data-series="pypi:sglang" data-points="(\d+)">/.exec(r.body);
  assert.equal(series?.[1], '15');
  // Drawn twice: for a desktop column and for a phone.
  assert.equal(r.body.match(/<circle class="pt"/g)?.length, 30);
  const j = await get('/api/project/sglang.json');
  assert.equal(j.status, 200);
  assert.match(String(j.headers['content-type']), /^application\/json/);
  const model = profileViewSchema.parse(JSON.parse(j.body));
  assert.equal(model.schema, 'kept.profile/v2');
  assert.equal(model.project.name, 'SGLang');
  assert.deepEqual(
    [model.downloads[0]?.subject, model.downloads[0]?.latest.value, model.downloads[0]?.latest.windowEnd],
    ['pypi:sglang', 35_999_206, '2026-04-01'],
  );
  // The same JSON as kept profile sglang --json.
  assert.deepEqual(
    model,
    JSON.parse(
      JSON.stringify(
        await runNamedView('profile', store, {
          project: projects.find((p) => p.id === 'sglang')!,
          asOf: AS_OF,
          // The dashboard's clock: today only shows in the freshness statement.
          today: new Date(`${model.freshness.today}T12:00:00Z`),
        }),
      ),
    ),
  );
  assert.equal((await get('/project/SGLang')).status, 200, 'ids are case-insensitive');
});

test('compare page and JSON; the picker without projects', async () => {
  const r = await get('/compare?p=vllm&p=sglang');
  assert.equal(r.status, 200);
  assert.match(r.body, /<h1>Compare: vLLM vs SGLang<\/h1>/);
  assert.equal((await get('/compare')).status, 200);
  const j = await get('/api/compare.json?p=vllm&p=sglang&p=transformers');
  assert.deepEqual(
    compareViewSchema.parse(JSON.parse(j.body)).projects.map((p) => p.id),
    ['vllm', 'sglang', 'transformers'],
  );
});

test('bad parameters are 400 with a reason, unknown things 404, never a stack trace', async () => {
  const cases: [string, number, RegExp][] = [
    ['/?sort=evil', 400, /sort must be one of/],
    ['/?dir=up', 400, /dir must be asc or desc/],
    ['/?category=%3Cb%3E', 400, /category must be one of/],
    ['/?q=a&q=b', 400, /q given 2 times/],
    ['/?debug=1', 400, /unknown parameter &quot;debug&quot;/],
    [`/?q=${'x'.repeat(101)}`, 400, /longer than 100/],
    ['/project/%E0%A4%A', 400, /percent-encoding/],
    ['/project/nope', 404, /no project &quot;nope&quot;/],
    ['/project/..%2F..%2Fetc%2Fpasswd', 404, /no project/],
    ['/../../etc/passwd', 404, /no such page/],
    ['/project/vllm?x=1', 400, /unknown parameter &quot;x&quot; \(allowed: range\)/],
    ['/project/vllm?range=2y', 400, /range must be one of 6m, 1y, all/],
    ['/project/vllm?range=6m&range=1y', 400, /range given 2 times/],
    ['/compare?p=vllm', 400, /2 to 4 projects/],
    ['/compare?p=vllm&p=vllm', 400, /named twice/],
    ['/api/compare.json?p=vllm&p=nope', 404, /no project/],
    ['/static/app.js', 404, /no such page/],
  ];
  for (const [path, status, body] of cases) {
    const r = await get(path);
    assert.equal(r.status, status, path);
    assert.match(r.body, body, path);
    assert.doesNotMatch(r.body, /at .*\.js:\d+|Error:/, path);
  }
  const head = await get('/project/vllm', {}, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  assert.ok(Number(head.headers['content-length']) > 1000);
  const post = await get('/', {}, 'POST');
  assert.equal(post.status, 405);
  assert.equal(post.headers.allow, 'GET, HEAD');
});

test('unknown Host headers are refused on loopback (DNS rebinding); loopback names are fine', async () => {
  assert.equal((await get('/', { host: 'evil.example' })).status, 421);
  assert.equal((await get('/', { host: `evil.example:${dash.port}` })).status, 421);
  assert.equal((await get('/', { host: `localhost:${dash.port}` })).status, 200);
});

test('untrusted names and descriptions are text on every page', async () => {
  for (const path of ['/', '/project/evil', '/compare?p=evil&p=vllm', '/compare']) {
    const r = await get(path);
    assert.equal(r.status, 200, path);
    assert.doesNotMatch(r.body, /<img src=x|<script>/, path);
  }
  assert.match((await get('/project/evil')).body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});

test('profiles are precomputed in the background; closing mid-way waits for the query in flight', async () => {
  const d1 = await startDashboard({ store, projects, asOf: AS_OF });
  await d1.warmed;
  assert.equal(d1.cachedProfiles(), projects.length);
  await d1.close();
  const d2 = await startDashboard({ store, projects, asOf: AS_OF });
  await d2.close(); // stops after at most one profile, and the store stays usable
  assert.ok(d2.cachedProfiles() < projects.length);
  assert.equal((await store.windowEnds('pypi', 'downloads')).length > 0, true);
});

test('kept serve: prints its URL, serves, and stops cleanly on SIGINT', async () => {
  const demo = await demoStore();
  const child = spawn(
    process.execPath,
    [join(process.cwd(), 'bin', 'kept.js'), '--db', demo.dbPath, 'serve', '--port', '0'],
    { env: { HOME: process.env.HOME, PATH: process.env.PATH, TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /kept dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`exited early: ${out} ${err}`)));
  });
  assert.match(out, /as of 2026-04-01/);
  const res = await fetch(`${url}api/projects.json`);
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { projects: unknown[] }).projects.length, CATALOG.length);
  const code = await new Promise<number | null>((resolve) => {
    child.on('exit', (c) => resolve(c));
    child.kill('SIGINT');
  });
  assert.equal(code, 0, err);
  assert.match(err, /kept dashboard stopped/);
});

test('view pages: /trend/<subject> renders the trend view, /api/trend/<subject>.json its model; an unknown subject is 404 with a suggestion', async () => {
  const page = await get('/trend/pypi:sglang');
  assert.equal(page.status, 200);
  assert.match(page.body, /<h1>Download trend: pypi:sglang<\/h1>/);
  assert.match(page.body, /href="\/api\/trend\/pypi%3Asglang\.json"/);
  const api = await get('/api/trend/pypi%3Asglang.json');
  assert.equal(api.status, 200);
  const model = JSON.parse(api.body) as { schema: string; asOf: string };
  assert.equal(model.schema, 'kept.trend/v1');
  assert.equal(model.asOf, '2026-04-01');
  const miss = await get('/trend/pypi:sglng');
  assert.equal(miss.status, 404);
  assert.match(miss.body, /did you mean pypi:sglang/);
  assert.equal((await get('/trend/nokind')).status, 400);
  assert.equal((await get('/api/trend/pypi:sglang')).status, 404, 'an API path ends in .json');
});
