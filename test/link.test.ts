// `kept link`: artifacts proposed from the links the registry sources stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { collectNpm, collectPypi } from '../src/ingest/collect/registries.js';
import type { Project } from '../src/domain/project.js';
import type { Store } from '../src/store/store.js';
import { runNamedView } from '../src/views/run.js';
import { loadRecordings, replayFetch } from './helpers/recorded-http.js';
import { simpleHttpClient } from './helpers/simple-http.js';
import { tempDir } from './helpers/tmp.js';
import { runCli } from './helpers/run-cli.js';

const proposeLinks = (store: Store, project: Project) =>
  runNamedView('link', store, { project, today: new Date('2026-03-06T00:00:00Z') });

const all = () =>
  simpleHttpClient(
    replayFetch(
      ['pypi', 'pypistats', 'npm', 'depsdev', 'ecosystems'].flatMap((d) =>
        loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', d)),
      ),
    ),
  );

test("a package pointing at the project's repository is proposed; a project without a repository gets its packages' one", async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  const store = await DuckDbStore.open(db);
  try {
    const now = new Date('2026-03-05T06:00:00Z');
    await collectPypi(all(), store, 'vllm', { now });
    await collectNpm(all(), store, '@huggingface/transformers', { now: new Date('2025-06-04T06:00:00Z') });
    const images = await proposeLinks(store, {
      id: 'vllm-images',
      name: 'vLLM images',
      category: 'serving',
      github: 'vllm-project/vllm',
      docker: ['vllm/vllm-openai'],
    });
    assert.equal(images.repository, 'vllm-project/vllm');
    assert.deepEqual(
      images.proposals.map((p) => p.subject),
      ['pypi:vllm'],
    );
    assert.deepEqual(images.proposals[0]!.evidence.map((e) => e.source).sort(), [
      'deps.dev',
      'ecosyste.ms',
      'pypi-json',
    ]);
    assert.equal(images.yaml, 'projects:\n  - id: vllm-images\n    pypi: [vllm]');
    const js = await proposeLinks(store, {
      id: 'tjs',
      name: 'transformers.js',
      category: 'framework',
      npm: ['@huggingface/transformers'],
    });
    assert.equal(js.repository, 'huggingface/transformers.js');
    assert.deepEqual(
      js.proposals.map((p) => p.subject),
      ['github:huggingface/transformers.js'],
    );
    assert.match(js.yaml, /github: huggingface\/transformers\.js/);
    const wrong = await proposeLinks(store, {
      id: 'w',
      name: 'W',
      category: 'tooling',
      github: 'someone/else',
      pypi: ['vllm'],
    });
    assert.equal(wrong.conflicts.length, 3, 'three sources point pypi:vllm elsewhere: reported, not resolved');
  } finally {
    await store.close();
  }
  const cfg = join(dir, 'kept.yaml');
  writeFileSync(
    cfg,
    'projects:\n  - id: vllm-images\n    name: vLLM images\n    category: serving\n    github: vllm-project/vllm\n    docker: [vllm/vllm-openai]\n',
  );
  const r = await runCli(['--db', db, '--config', cfg, 'link', 'vllm-images']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /\| pypi:vllm \| pypi:vllm \| github:vllm-project\/vllm \| (pypi-json|deps\.dev|ecosyste\.ms) \|/,
  );
  // The kept.yaml entry, on one line (YAML flow style) so it survives every output format.
  assert.ok(r.stdout.includes('\nprojects: [{id: vllm-images, pypi: [vllm]}]\n'), r.stdout);
  const json = await runCli(['--db', db, '--config', cfg, 'link', 'vllm-images', '--json']);
  assert.equal(JSON.parse(json.stdout).yaml, 'projects:\n  - id: vllm-images\n    pypi: [vllm]');
});
