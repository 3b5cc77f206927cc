// Every view on the demo store (all the bundled data, Hub model trees included), through its
// registered load and compute: the model validates
// against the view's schema, and its document renders to the golden Markdown and HTML in
// test/fixtures/golden/ (KEPT_UPDATE_GOLDEN=1 rewrites them). Adding a view adds a case here.
// Views whose data the demo does not hold (a stored contributor report, collected registry links)
// run on a store of their own; doctor's I/O (config, environment, upstream answers) is injected.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { CATALOG } from '../src/config/catalog.js';
import { findProject, resolveProjects } from '../src/config/resolve.js';
import { CATALOG_VERSION } from '../src/config/catalog.js';
import { resolveGapFamilies } from '../src/config/gap-families.js';
import { configSchema } from '../src/config/schema.js';
import type { Project } from '../src/domain/project.js';
import { subject } from '../src/domain/subject.js';
import { storeContributors } from '../src/ingest/contributors.js';
import { collectNpm, collectPypi } from '../src/ingest/collect/registries.js';
import { renderHtml } from '../src/report/render-html.js';
import { renderMarkdown } from '../src/report/render-markdown.js';
import { viewDocument } from '../src/report/views/index.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { VIEWS, type ViewName, type ViewRequestOf } from '../src/views/registry.js';
import { runNamedView } from '../src/views/run.js';
import { fixtureContributorReport } from './helpers/contributor-fixture.js';
import { demoHubStore } from './helpers/demo-hub-store.js';
import { assertGolden } from './helpers/golden.js';
import { loadRecordings, replayFetch } from './helpers/recorded-http.js';
import { simpleHttpClient } from './helpers/simple-http.js';
import { tempDir } from './helpers/tmp.js';

const AS_OF = new Date('2026-04-01T00:00:00Z');
const TODAY = new Date('2026-04-15T00:00:00Z');
const PROJECTS = resolveProjects(CATALOG, { projects: [] });
const project = (id: string) => findProject(PROJECTS, id);

type Case = {
  [K in ViewName]: {
    view: K;
    name: string;
    request: ViewRequestOf<K>;
    /** A store of the case's own (path); default the demo store with the Hub trees. */
    db?: () => Promise<string>;
  };
}[ViewName];

/** A store holding the contributor fixture's report, as `kept contributors DIR` stores it. */
async function contributorsStore(): Promise<string> {
  const db = join(tempDir(), 'contributors.duckdb');
  const store = await DuckDbStore.open(db);
  try {
    await storeContributors(store, fixtureContributorReport(), TODAY);
  } finally {
    await store.close();
  }
  return db;
}

/** A store holding the registry links of pypi:vllm and npm:@huggingface/transformers (recorded responses). */
async function linksStore(): Promise<string> {
  const db = join(tempDir(), 'links.duckdb');
  const http = simpleHttpClient(
    replayFetch(
      ['pypi', 'pypistats', 'npm', 'depsdev', 'ecosystems'].flatMap((d) =>
        loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', d)),
      ),
    ),
  );
  const store = await DuckDbStore.open(db);
  try {
    await collectPypi(http, store, 'vllm', { now: new Date('2026-03-05T06:00:00Z') });
    await collectNpm(http, store, '@huggingface/transformers', { now: new Date('2025-06-04T06:00:00Z') });
  } finally {
    await store.close();
  }
  return db;
}

/** Upstream answers for doctor: one with a rate-limit budget, one server error, one unreachable. */
const doctorFetch: typeof fetch = (input) => {
  const url = String(input);
  if (url.includes('unreachable')) return Promise.reject(new TypeError('fetch failed'));
  const status = url.includes('broken') ? 503 : 200;
  const headers = url.includes('api.github') ? { 'x-ratelimit-remaining': '59' } : undefined;
  return Promise.resolve(new Response('{}', { status, ...(headers ? { headers } : {}) }));
};

const CATALOG_CASE_PROJECTS: Project[] = [
  { id: 'vllm', name: 'vLLM', category: 'serving', github: 'vllm-project/vllm', pypi: ['vllm'] },
  {
    id: 'deepseek',
    name: 'DeepSeek',
    category: 'model-family',
    hfOrgs: ['deepseek-ai'],
    hfModels: ['deepseek-ai/DeepSeek-V3'],
  },
  { id: 'pipes|and<tags>', name: 'Escaped <b>name</b> | pipe', category: 'tooling', npm: ['@scope/pkg'] },
];

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
  { view: 'top', name: 'top-pypi', request: { kind: 'pypi', limit: 10, today: TODAY } },
  {
    view: 'growth',
    name: 'growth-sglang',
    request: { subjects: [subject('pypi', 'sglang'), subject('pypi', 'no-such-package')], today: TODAY },
  },
  {
    view: 'fanout',
    name: 'fanout-janus-pro',
    request: { base: subject('hf', 'deepseek-ai/Janus-Pro-7B'), asOf: AS_OF, today: TODAY, depth: 8 },
  },
  {
    view: 'fanout-org',
    name: 'fanout-org-deepseek',
    request: { org: 'deepseek-ai', asOf: AS_OF, today: TODAY, depth: 8 },
  },
  {
    view: 'contributors',
    name: 'contributors-example',
    request: { subject: subject('project', 'example'), today: TODAY },
    db: contributorsStore,
  },
  { view: 'ecosystem', name: 'ecosystem', request: { asOf: AS_OF, today: TODAY, windowMonths: 12 } },
  { view: 'gap', name: 'gap', request: { families: resolveGapFamilies(undefined), asOf: AS_OF, today: TODAY } },
  {
    view: 'catalog',
    name: 'catalog',
    request: { projects: CATALOG_CASE_PROJECTS, version: CATALOG_VERSION, configPath: null, today: TODAY },
  },
  {
    view: 'doctor',
    name: 'doctor',
    request: {
      today: TODAY,
      config: () => ({ config: configSchema.parse({}), path: undefined, warnings: ['an example warning'] }),
      env: { GITHUB_TOKEN: 'not-shown' },
      probes: () => [
        { name: 'GitHub API', url: 'https://api.github.example/rate_limit' },
        { name: 'Broken mirror', url: 'https://broken.example/api' },
        { name: 'Offline mirror', url: 'https://unreachable.example/api' },
      ],
      fetch: doctorFetch,
    },
  },
  {
    view: 'link',
    name: 'link-transformers-js',
    request: {
      project: { id: 'tjs', name: 'transformers.js', category: 'framework', npm: ['@huggingface/transformers'] },
      today: TODAY,
    },
    db: linksStore,
  },
  {
    view: 'digest',
    name: 'digest-2026q1',
    request: { from: new Date('2026-01-01T00:00:00Z'), to: AS_OF, projects: PROJECTS, today: TODAY },
  },
];

test('every registered view has a golden case', () => {
  const covered = new Set(CASES.map((c) => c.view));
  for (const name of Object.keys(VIEWS)) assert.ok(covered.has(name as ViewName), `no golden case for view ${name}`);
});

for (const c of CASES) {
  test(`view ${c.view} (${c.name}): the model fits its schema; golden Markdown and HTML`, async () => {
    const dbPath = c.db ? await c.db() : (await demoHubStore()).dbPath;
    const store = await DuckDbStore.open(dbPath, { readOnly: true });
    try {
      const model = await runNamedView(c.view, store, c.request as never);
      const parsed = VIEWS[c.view].schema.safeParse(JSON.parse(JSON.stringify(model)));
      assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3)));
      const doc = viewDocument(c.view, model as never);
      // The store's temporary directory is the one thing that differs between runs.
      const stable = (text: string): string => text.split(dirname(dbPath)).join('$STORE');
      assertGolden('golden', `${c.name}.md`, stable(renderMarkdown(doc)));
      assertGolden('golden', `${c.name}.html`, stable(renderHtml(doc)));
    } finally {
      await store.close();
    }
  });
}
