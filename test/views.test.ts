// Every view on the demo store, through its registered load and compute: the model validates
// against the view's schema, and its document renders to the golden Markdown and HTML in
// test/fixtures/golden/ (KEPT_UPDATE_GOLDEN=1 rewrites them). Adding a view adds a case here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOG } from '../src/config/catalog.js';
import { findProject, resolveProjects } from '../src/config/resolve.js';
import { subject } from '../src/domain/subject.js';
import { renderHtml } from '../src/report/render-html.js';
import { renderMarkdown } from '../src/report/render-markdown.js';
import { viewDocument } from '../src/report/views/index.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { VIEWS, type ViewName, type ViewRequestOf } from '../src/views/registry.js';
import { runNamedView } from '../src/views/run.js';
import { demoStore } from './helpers/demo-store.js';
import { assertGolden } from './helpers/golden.js';

const AS_OF = new Date('2026-04-01T00:00:00Z');
const TODAY = new Date('2026-04-15T00:00:00Z');
const PROJECTS = resolveProjects(CATALOG, { projects: [] });
const project = (id: string) => findProject(PROJECTS, id);

type Case = { [K in ViewName]: { view: K; name: string; request: ViewRequestOf<K> } }[ViewName];

const CASES: readonly Case[] = [
  { view: 'trend', name: 'trend-sglang', request: { subject: subject('pypi', 'sglang'), asOf: AS_OF, today: TODAY } },
  { view: 'profile', name: 'profile-vllm', request: { project: project('vllm'), asOf: AS_OF, today: TODAY } },
  { view: 'verdict', name: 'verdict-vllm', request: { project: project('vllm'), asOf: AS_OF, today: TODAY } },
  {
    view: 'compare',
    name: 'compare-vllm-sglang',
    request: { projects: [project('vllm'), project('sglang')], asOf: AS_OF, today: TODAY },
  },
  { view: 'overview', name: 'overview', request: { projects: PROJECTS, asOf: AS_OF, today: TODAY } },
];

test('every registered view has a golden case', () => {
  const covered = new Set(CASES.map((c) => c.view));
  for (const name of Object.keys(VIEWS)) assert.ok(covered.has(name as ViewName), `no golden case for view ${name}`);
});

for (const c of CASES) {
  test(`view ${c.view} (${c.name}): the model fits its schema; golden Markdown and HTML`, async () => {
    const demo = await demoStore();
    const store = await DuckDbStore.open(demo.dbPath, { readOnly: true });
    try {
      const model = await runNamedView(c.view, store, c.request as never);
      const parsed = VIEWS[c.view].schema.safeParse(JSON.parse(JSON.stringify(model)));
      assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3)));
      const doc = viewDocument(c.view, model as never);
      assertGolden('golden', `${c.name}.md`, renderMarkdown(doc));
      assertGolden('golden', `${c.name}.html`, renderHtml(doc));
    } finally {
      await store.close();
    }
  });
}
