// The registry collectors end to end: recorded upstreams → a real DuckDB store. Failures (no
// recording = the upstream is unreachable) become stored unknown:<metric> facts, not crashes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import {
  collectDocker,
  collectNpm,
  collectOllama,
  collectPypi,
  collectRegistries,
  loadLevelSnapshots,
  registriesCollector,
} from '../src/ingest/collect/registries.js';
import { resolveUpstreams } from '../src/http/upstreams.js';
import { collectProjects } from '../src/ingest/collect/run.js';
import { computeSnapshotGrowth } from '../src/signals/snapshot-growth.js';
import type { Project } from '../src/domain/project.js';
import { renderMarkdown } from '../src/report/render-markdown.js';
import { profileDocument } from '../src/report/views/profile.js';
import type { Store } from '../src/store/store.js';
import type { ProfileView } from '../src/views/profile/model.js';
import { runNamedView } from '../src/views/run.js';

const buildProfile = (store: Store, project: Project, asOf: Date): Promise<ProfileView> =>
  runNamedView('profile', store, { project, asOf, today: asOf });
const renderProfileMarkdown = (p: ProfileView): string => renderMarkdown(profileDocument(p));
import { loadRecordings, replayFetch } from './helpers/recorded-http.js';
import { simpleHttpClient } from './helpers/simple-http.js';
import { tempDir } from './helpers/tmp.js';

const all = () =>
  simpleHttpClient(
    replayFetch(
      ['pypi', 'pypistats', 'npm', 'dockerhub', 'ghcr', 'ollama', 'depsdev', 'ecosystems'].flatMap((d) =>
        loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', d)),
      ),
    ),
  );

test('collectPypi writes pypistats, deps.dev and ecosyste.ms side by side; re-running adds nothing', async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    const now = new Date('2026-03-05T06:00:00Z');
    const steps = await collectPypi(all(), store, 'vllm', { now });
    assert.deepEqual(
      steps.map((s) => s.source),
      ['pypi-json', 'pypistats', 'deps.dev', 'ecosyste.ms'],
    );
    assert.ok(
      steps.every((s) => s.unknowns.length === 0),
      JSON.stringify(steps),
    );
    const dependents = await store.observations({
      subjects: [{ kind: 'pypi', id: 'vllm' }],
      metrics: ['dependents'],
      dims: '',
    });
    assert.deepEqual(dependents.map((o) => `${o.source}=${o.value}`).sort(), ['deps.dev=118', 'ecosyste.ms=1450']);
    const again = await collectPypi(all(), store, 'vllm', { now });
    assert.equal(
      again.reduce((n, s) => n + s.added, 0),
      0,
    );
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
    assert.match(
      dl.unknowns.join(' '),
      /downloads\.by_version: npm per-version downloads failed: replayFetch: no recording/,
    );
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
    assert.deepEqual(
      pulls.map((p) => p.value),
      [12345678],
    );
    assert.match(computeSnapshotGrowth(pulls, new Date('2026-12-01T00:00:00Z')).notes[0]!, /fewer than two snapshots/);
    const prec = await store.facts({ subjects: [{ kind: 'ollama', id: 'llama3.1' }] });
    assert.ok(prec.some((f) => f.name === 'precision:pulls_total' && f.value.startsWith('±50000')));
  } finally {
    await store.close();
  }
});

test("collectRegistries walks a project's artifacts; an unknown GHCR count is stored with its reason", async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    const steps = await collectRegistries(
      all(),
      store,
      { id: 'x', name: 'X', category: 'tooling', ghcr: ['example/private-ish'], ollama: ['gemma3'] },
      { now: new Date('2026-11-30T12:00:00Z') },
    );
    assert.deepEqual(
      steps.map((s) => `${s.subject} ${s.source}`),
      ['ghcr:example/private-ish ghcr-page', 'ollama:gemma3 ollama-library'],
    );
    const facts = await store.facts({ subjects: [{ kind: 'ghcr', id: 'example/private-ish' }] });
    assert.match(facts.find((f) => f.name === 'unknown:pulls_total')!.value, /GHCR exposes no download API/);
    // The profile lists every recorded failure with its reason, source and date; the rest still renders.
    const profile = await buildProfile(
      store,
      { id: 'x', name: 'X', category: 'tooling', ghcr: ['example/private-ish'], ollama: ['gemma3'] },
      new Date('2026-12-01T00:00:00Z'),
    );
    const md = renderProfileMarkdown(profile);
    // The recorded failure is the container-pulls unknown the tier weighs, listed once.
    assert.match(
      md,
      /- container-pulls \(ghcr:example\/private-ish\): GHCR exposes no download API; the package page shows no "Total downloads".* \(ghcr-page, 2026-11-30\)/,
    );
    assert.equal(profile.unknowns.filter((u) => u.subject === 'ghcr:example/private-ish').length, 1);
    assert.ok(profile.unknowns.find((u) => u.signal === 'container-pulls')?.tier);
    assert.match(md, /- tags \(ollama:gemma3\): the ollama.com page has no readable x-test-tag-count/);
  } finally {
    await store.close();
  }
});

test('the profile shows both dependents counts with their disagreement, and pulls differenced from snapshots', async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    const now = new Date('2026-11-30T12:00:00Z');
    await collectPypi(all(), store, 'vllm', { now });
    await collectDocker(all(), store, 'vllm/vllm-openai', { now });
    // Earlier snapshots, as daily collection would have stored them.
    const snap = (d: string, v: number) => ({
      subject: { kind: 'docker' as const, id: 'vllm/vllm-openai' },
      metric: 'pulls_total',
      value: v,
      windowStart: new Date(d),
      windowEnd: new Date(d),
      observedAt: new Date(d),
    });
    await store.write({
      provenance: { source: 'dockerhub', origin: 'https://hub.docker.com', fetchedAt: now },
      observations: [
        snap('2026-09-01T12:00:00Z', 9_000_000),
        snap('2026-10-01T12:00:00Z', 10_000_000),
        snap('2026-11-01T12:00:00Z', 11_500_000),
      ],
    });
    const project = {
      id: 'vllm',
      name: 'vLLM',
      category: 'serving' as const,
      github: 'vllm-project/vllm',
      pypi: ['vllm'],
      docker: ['vllm/vllm-openai'],
    };
    const p = await buildProfile(store, project, new Date('2026-12-01T00:00:00Z'));
    assert.deepEqual(
      p.dependents[0]!.figures.map((f) => `${f.source}=${f.value}`),
      ['deps.dev=118', 'ecosyste.ms=1450'],
    );
    assert.equal(p.dependents[0]!.disagree, true);
    // Only October has snapshots on both sides of both boundaries (September starts before the first
    // snapshot, November ends after the last): interpolated half a day from each boundary.
    assert.deepEqual(
      p.pulls[0]!.months.map((m) => m.month),
      ['2026-10'],
    );
    const oct = p.pulls[0]!.months[0]!.value;
    assert.ok(oct > 1_490_000 && oct < 1_500_000, String(oct));
    const md = renderProfileMarkdown(p);
    assert.match(md, /## Reverse dependencies/);
    assert.match(md, /the sources disagree: ecosyste\.ms counts 1450 and deps\.dev 118/);
    assert.match(md, /\| docker:vllm\/vllm-openai \| 12\.3M \| 2026-11-30 \| exact \| 2026-10 \| 1\.49M \|/);
    assert.equal(p.dependents[0]!.figures[0]!.growth6m, null, 'a first snapshot has no six-month trend yet');
    assert.match(md, /\| pypi:vllm \| deps\.dev \| 118 \| 2026-11-30 \| unknown \|/);
  } finally {
    await store.close();
  }
});

test('npm daily downloads get a weekday/weekend reading in the profile', async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    await collectNpm(all(), store, 'ollama', { now: new Date('2025-06-24T06:00:00Z') });
    const p = await buildProfile(
      store,
      { id: 'ollama-js', name: 'ollama-js', category: 'tooling', npm: ['ollama'] },
      new Date('2025-06-24T00:00:00Z'),
    );
    // The recorded series rises by one a day with no weekly pattern: automation-like.
    assert.equal(p.noiseEstimates[0]!.weekdayWeekend.reading, 'automation-like');
    assert.equal(p.noiseEstimates[0]!.weekdayWeekend.weekdays + p.noiseEstimates[0]!.weekdayWeekend.weekendDays, 56);
    assert.match(renderProfileMarkdown(p), /\| npm:ollama \| ×1\.0 \| automation-like \| 56 \|/);
  } finally {
    await store.close();
  }
});

test('as a collector: a failed request fails its part once per host, named; a source that answered another way did not fail', async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    const fetch = replayFetch(
      ['pypi', 'pypistats', 'dockerhub', 'depsdev', 'ecosystems'].flatMap((d) =>
        loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', d)),
      ),
    );
    const projects: Project[] = [
      // Docker Hub's current endpoint answers 500 for ollama/ollama, its legacy one answers.
      { id: 'ollama-image', name: 'Ollama image', category: 'tooling', docker: ['ollama/ollama'] },
      // Nothing is recorded for this package: every request fails, as when the hosts are down.
      { id: 'gone', name: 'Gone', category: 'tooling', pypi: ['nothing-recorded-here'] },
    ];
    const summary = await collectProjects(store, projects, {
      upstreams: resolveUpstreams({}),
      fetch,
      asOf: new Date('2026-03-05T06:00:00Z'),
      budget: 1,
      collectors: [registriesCollector()],
      http: { sleep: async () => undefined, retries: 1 },
      checkTimeoutMs: 0,
      timers: { setInterval: () => 0, clearInterval: () => undefined },
    });
    assert.deepEqual(
      summary.failures.map((f) => `${f.project} ${f.part} ${f.subject} ${f.host}`),
      [
        'gone pypi pypi:nothing-recorded-here pypi.org',
        'gone pypi pypi:nothing-recorded-here pypistats.org',
        'gone pypi pypi:nothing-recorded-here api.deps.dev',
        'gone pypi pypi:nothing-recorded-here packages.ecosyste.ms',
      ],
    );
    assert.ok(summary.failures.every((f) => /replayFetch: no recording/.test(f.error)));
    const pulls = await store.observations({
      subjects: [{ kind: 'docker', id: 'ollama/ollama' }],
      metrics: ['pulls_total'],
    });
    assert.equal(pulls.length, 1, 'the legacy endpoint answered: stored, and not a failure');
    assert.ok(summary.explained > 0 && summary.added > 0);
    assert.deepEqual(
      summary.bySource.map((s) => [s.collector, s.done, s.total, s.failed]),
      [['registries', 2, 2, 4]],
    );
  } finally {
    await store.close();
  }
});
