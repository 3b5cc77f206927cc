// The registry collectors end to end: recorded upstreams → a real DuckDB store. Failures (no
// recording = the upstream is unreachable) become stored unknown:<metric> facts, not crashes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { collectDocker, collectNpm, collectOllama, collectPypi, collectRegistries, loadLevelSnapshots } from '../src/pipeline/collect-registries.js';
import { computeSnapshotGrowth } from '../src/signals/snapshot-growth.js';
import { buildProfile } from '../src/pipeline/profile.js';
import { renderProfileMarkdown } from '../src/report/profile-md.js';
import { loadRecordings, replayFetch } from './helpers/recorded-http.js';
import { simpleHttpClient } from './helpers/simple-http.js';
import { tempDir } from './helpers/tmp.js';

const all = () => simpleHttpClient(replayFetch(['pypi', 'pypistats', 'npm', 'dockerhub', 'ghcr', 'ollama', 'depsdev', 'ecosystems'].flatMap((d) => loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', d)))));

test('collectPypi writes pypistats, deps.dev and ecosyste.ms side by side; re-running adds nothing', async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    const now = new Date('2026-03-05T06:00:00Z');
    const steps = await collectPypi(all(), store, 'vllm', { now });
    assert.deepEqual(steps.map((s) => s.source), ['pypi-json', 'pypistats', 'deps.dev', 'ecosyste.ms']);
    assert.ok(steps.every((s) => s.unknowns.length === 0), JSON.stringify(steps));
    const dependents = await store.observations({ subjects: [{ kind: 'pypi', id: 'vllm' }], metrics: ['dependents'], dims: '' });
    assert.deepEqual(dependents.map((o) => `${o.source}=${o.value}`).sort(), ['deps.dev=118', 'ecosyste.ms=1450']);
    const again = await collectPypi(all(), store, 'vllm', { now });
    assert.equal(again.reduce((n, s) => n + s.added, 0), 0);
  } finally {
    await store.close();
  }
});

test('collectNpm: 18 months on the first run, a checkpoint after; unreachable parts are stored unknowns', async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    const now = new Date('2025-06-24T06:00:00Z');
    const steps = await collectNpm(all(), store, 'ollama', { now });
    const dl = steps.find((s) => s.source === 'npm-downloads')!;
    assert.equal(dl.values, 540);
    assert.match(dl.unknowns.join(' '), /downloads\.by_version: npm per-version downloads failed: replayFetch: no recording/);
    assert.equal(await store.checkpointGet('npm-range:ollama'), '2025-06-23');
    const facts = await store.facts({ subjects: [{ kind: 'npm', id: 'ollama' }] });
    assert.ok(facts.some((f) => f.name === 'unknown:downloads.by_version'));
    assert.ok(facts.some((f) => f.name === 'unknown:dependents' && f.source === 'deps.dev'));
    assert.equal(facts.find((f) => f.name === 'npm.latest')?.value, '0.6.4');
  } finally {
    await store.close();
  }
});

test('containers and Ollama: levels now, monthly pulls once snapshots accumulate', async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    await collectDocker(all(), store, 'vllm/vllm-openai', { now: new Date('2026-11-30T12:00:00Z') });
    await collectOllama(all(), store, 'llama3.1', { now: new Date('2026-11-30T12:00:00Z') });
    const pulls = await loadLevelSnapshots(store, { kind: 'docker', id: 'vllm/vllm-openai' });
    assert.deepEqual(pulls.map((p) => p.value), [12345678]);
    assert.match(computeSnapshotGrowth(pulls, new Date('2026-12-01T00:00:00Z')).notes[0]!, /fewer than two snapshots/);
    const prec = await store.facts({ subjects: [{ kind: 'ollama', id: 'llama3.1' }] });
    assert.ok(prec.some((f) => f.name === 'precision:pulls_total' && f.value.startsWith('±50000')));
  } finally {
    await store.close();
  }
});

test('collectRegistries walks a project\'s artifacts; an unknown GHCR count is stored with its reason', async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    const steps = await collectRegistries(all(), store, { id: 'x', name: 'X', category: 'tooling', ghcr: ['example/private-ish'], ollama: ['gemma3'] }, { now: new Date('2026-11-30T12:00:00Z') });
    assert.deepEqual(steps.map((s) => `${s.subject} ${s.source}`), ['ghcr:example/private-ish ghcr-page', 'ollama:gemma3 ollama-library']);
    const facts = await store.facts({ subjects: [{ kind: 'ghcr', id: 'example/private-ish' }] });
    assert.match(facts.find((f) => f.name === 'unknown:pulls_total')!.value, /GHCR exposes no download API/);
    // The profile lists every recorded failure with its reason, source and date; the rest still renders.
    const profile = await buildProfile(store, { id: 'x', name: 'X', category: 'tooling', ghcr: ['example/private-ish'], ollama: ['gemma3'] }, new Date('2026-12-01T00:00:00Z'));
    const md = renderProfileMarkdown(profile);
    assert.match(md, /- pulls_total \(ghcr:example\/private-ish\): GHCR exposes no download API; the package page shows no "Total downloads".* \(ghcr-page, 2026-11-30\)/);
    assert.match(md, /- tags \(ollama:gemma3\): the ollama.com page has no readable x-test-tag-count/);
  } finally {
    await store.close();
  }
});
