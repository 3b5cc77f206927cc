// `kept compare` on the real demo store: each project's tier with its confidence and signal
// families, the Hub usage of model families, and a leader in downloads named with the caveats its
// own evidence carries — never "leads on both" beside a spike-and-decay curve and a lower tier.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOG } from '../src/config/catalog.js';
import { findProject, resolveProjects } from '../src/config/resolve.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { compareProfiles } from '../src/views/compare/compute.js';
import { compareViewSchema } from '../src/views/compare/model.js';
import type { ProfileView } from '../src/views/profile/model.js';
import { runNamedView } from '../src/views/run.js';
import { demoStore } from './helpers/demo-store.js';
import { runCli } from './helpers/run-cli.js';

const projects = resolveProjects(CATALOG, { projects: [] });

test('compare said "SGLang leads on both volume and growth" beside a spike-and-decay curve and a lower tier: it names the lead with its caveats and the tiers with their families', async () => {
  const demo = await demoStore();
  const r = await runCli(['--db', demo.dbPath, 'compare', 'vllm', 'sglang', '--as-of', '2026-04-01', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const m = compareViewSchema.parse(JSON.parse(r.stdout));
  assert.ok(!m.summary.some((s) => /leads on both/.test(s)), m.summary.join('\n'));
  assert.ok(
    m.summary.includes(
      "SGLang has the most downloads in its latest window (36M) and the fastest six-month growth (+284%), but SGLang's curve is spike-and-decay (peaks that fall back: experimentation, not a floor), and its tier (internal tooling) is below vLLM's (load-bearing infrastructure).",
    ),
    m.summary.join('\n'),
  );
  assert.deepEqual(
    m.projects.map((p) => [p.id, p.tier.headline, p.tier.familiesBacking, p.client, p.suspect, p.hub]),
    [
      ['vllm', 'load-bearing infrastructure · low · 1 of 6 signal families', 1, false, false, null],
      ['sglang', 'internal tooling · low · 2 of 6 signal families', 2, false, false, null],
    ],
  );
  const md = await runCli(['--db', demo.dbPath, 'compare', 'vllm', 'sglang', '--as-of', '2026-04-01']);
  assert.match(md.stdout, /\| deployment tier \| confidence \| signal families behind it \|/);
});

test('compare ignored the Hub: model families show their base models’ Hub downloads and used derivatives; a client package is named so', async () => {
  const demo = await demoStore();
  const r = await runCli([
    '--db',
    demo.dbPath,
    'compare',
    'deepseek',
    'kokoro',
    'ollama',
    '--as-of',
    '2026-04-01',
    '--json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const m = compareViewSchema.parse(JSON.parse(r.stdout));
  const by = new Map(m.projects.map((p) => [p.id, p]));
  assert.deepEqual(by.get('deepseek')?.hub, {
    models: 2,
    downloads30d: 775_641 + 235_631,
    downloadsKnownFor: 2,
    windowEnd: '2025-04-22',
    newWork: 144,
    used: 12,
  });
  assert.equal(by.get('kokoro')?.hub?.downloads30d, 1_981_704);
  assert.equal(by.get('ollama')?.hub, null);
  assert.equal(by.get('ollama')?.client, true);
  assert.ok(
    m.summary.includes(
      'DeepSeek on the Hub: 1.01M downloads in 30 days to 2025-04-22 over 2 base models; 12 of 144 new-work derivatives are used.',
    ),
    m.summary.join('\n'),
  );
  // Ollama leads on downloads only through its client library, and the sentence says so.
  assert.ok(
    m.summary.some((s) => /pypi:ollama is a client library, not Ollama itself/.test(s)),
    m.summary.join('\n'),
  );
  const md = await runCli(['--db', demo.dbPath, 'compare', 'deepseek', 'kokoro', '--as-of', '2026-04-01']);
  assert.match(md.stdout, /\| Hub downloads \| used derivatives \|/);
});

test('an implausible imported window (more than 100× the one before) is suspect data, not the leader', async () => {
  const demo = await demoStore();
  const store = await DuckDbStore.open(demo.dbPath, { readOnly: true });
  const asOf = new Date('2026-04-01T00:00:00Z');
  let profiles: ProfileView[];
  try {
    profiles = [];
    for (const id of ['vllm', 'sglang'])
      profiles.push(await runNamedView('profile', store, { project: findProject(projects, id), asOf, today: asOf }));
  } finally {
    await store.close();
  }
  // vLLM's real latest window (8.43M) as a bad import would store it: 1,000 times over.
  const [vllm, sglang] = profiles as [ProfileView, ProfileView];
  const d = vllm.downloads[0]!;
  const inflated = d.latest.value * 1000;
  const bad: ProfileView = {
    ...vllm,
    downloads: [
      {
        ...d,
        latest: { ...d.latest, value: inflated },
        trend: {
          ...d.trend,
          series: d.trend.series.map((x, i) => (i === d.trend.series.length - 1 ? { ...x, value: inflated } : x)),
        },
      },
    ],
  };
  const honest = compareProfiles([vllm, sglang], asOf);
  assert.deepEqual(
    honest.projects.map((p) => p.suspect),
    [false, false],
  );
  const m = compareProfiles([bad, sglang], asOf);
  assert.equal(m.projects[0]?.suspect, true);
  assert.ok(
    m.summary.some((s) =>
      s.startsWith('vLLM: the latest window of pypi:vllm (8.43B) is more than 100× the window before it: suspect data'),
    ),
    m.summary.join('\n'),
  );
  // With vLLM out of the ranking there is no one to compare SGLang with: no leader sentence.
  assert.ok(!m.summary.some((s) => /most downloads/.test(s)), m.summary.join('\n'));
});
