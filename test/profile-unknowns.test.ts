// One list of unknowns: a profile names the same set of unknown signals everywhere it mentions
// them — its one Unknown section, the verdict's coverage, the summary's count, the verdict view of
// the same project and the compare row — checked on the document and the model (not on rendered
// text), for the demo store's vLLM and for a store seeded with every kind of missing data.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CATALOG } from '../src/config/catalog.js';
import { findProject, resolveProjects } from '../src/config/resolve.js';
import type { Project } from '../src/domain/project.js';
import { subject } from '../src/domain/subject.js';
import type { Block, ReportDocument, UnknownItem as DocUnknown } from '../src/report/document.js';
import { viewDocument } from '../src/report/views/index.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import type { Store } from '../src/store/store.js';
import type { ProfileView } from '../src/views/profile/model.js';
import { runNamedView } from '../src/views/run.js';
import { demoStore } from './helpers/demo-store.js';
import { tempDir } from './helpers/tmp.js';

const AS_OF = new Date('2026-04-01T00:00:00Z');

const key = (u: { signal: string; subject?: string | null }): string => `${u.signal} @ ${u.subject ?? '-'}`;
const blocksOf = (doc: ReportDocument): Block[] => doc.sections.flatMap((s) => s.blocks);

/** Every place the profile states its unknown signals agrees with the one list in its model. */
async function assertOneSetOfUnknowns(store: Store, project: Project, other: Project): Promise<ProfileView> {
  const request = { project, asOf: AS_OF, today: AS_OF };
  const profile = await runNamedView('profile', store, request);
  const doc = viewDocument('profile', profile);
  const signals = new Set(profile.unknowns.map((u) => u.signal));
  const tierSignals = new Set(profile.unknowns.filter((u) => u.tier).map((u) => u.signal));

  // The document: one Unknown section, holding exactly the model's list.
  const lists = blocksOf(doc).filter((b): b is Extract<Block, { kind: 'unknowns' }> => b.kind === 'unknowns');
  assert.equal(lists.length, 1, 'one list of unknowns on the page');
  assert.equal(doc.sections.filter((s) => s.title === 'Unknown').length, 1);
  assert.ok(!blocksOf(doc).some((b) => b.kind === 'heading' && /unknown/i.test(b.text)), 'no second Unknown heading');
  assert.deepEqual(
    lists[0]!.items.map((u: DocUnknown) => key(u)),
    profile.unknowns.map(key),
  );
  assert.equal(new Set(profile.unknowns.map(key)).size, profile.unknowns.length, 'each signal and subject once');

  // The verdict the profile embeds: its coverage counts exactly the tier's unknown signals.
  const known = new Set(profile.verdict.evidence.filter((e) => e.signal !== 'maintenance').map((e) => e.signal));
  const coverage = profile.verdict.tier.coverage ?? 0;
  assert.ok(
    Math.abs(coverage - known.size / (known.size + tierSignals.size)) < 1e-9,
    `coverage ${coverage} vs ${known.size} known and ${tierSignals.size} unknown`,
  );
  assert.ok(![...known].some((s) => tierSignals.has(s)), 'a signal is either measured or unknown');
  // …and what would move it does not restate them.
  for (const w of profile.verdict.wouldMove)
    for (const u of profile.unknowns) assert.ok(!w.includes(u.reason), `"${w}" restates the unknown ${key(u)}`);

  // The verdict view of the same project: the same tier signals, each in the profile's list.
  const verdict = await runNamedView('verdict', store, request);
  assert.deepEqual(new Set(verdict.unknowns.map((u) => u.signal)), tierSignals);
  assert.ok(verdict.unknowns.every((u) => u.tier));

  // The summary counts the same set.
  const sentence = profile.summary.find((s) => s.includes('not measured'));
  if (signals.size === 0) assert.equal(sentence, undefined);
  else {
    assert.ok(sentence, profile.summary.join('\n'));
    assert.ok(sentence.startsWith(`${signals.size} signal`), sentence);
    if (tierSignals.size && tierSignals.size < signals.size)
      assert.ok(sentence.includes(`${tierSignals.size} of them weighed by the tier`), sentence);
  }

  // The compare view: the row's unknown count and its unknowns are the profile's.
  const compare = await runNamedView('compare', store, { projects: [project, other], asOf: AS_OF, today: AS_OF });
  assert.equal(compare.projects[0]?.unknownSignals, signals.size);
  assert.deepEqual(compare.unknowns.filter((u) => u.project === project.id).map(key), profile.unknowns.map(key));
  const compareDoc = viewDocument('compare', compare);
  assert.equal(blocksOf(compareDoc).filter((b) => b.kind === 'unknowns').length, 1);
  return profile;
}

let seeded: DuckDbStore;
const SEEDED: Project = {
  id: 'seeded',
  name: 'Seeded',
  category: 'tooling',
  github: 'seed/seeded',
  pypi: ['seeded-pkg', 'missing-pkg'],
  docker: ['seed/image'],
  ghcr: ['seed/seeded'],
  hfModels: ['seed/model'],
  ollama: ['seeded'],
};
const OTHER: Project = { id: 'other', name: 'Other', category: 'tooling', pypi: ['seeded-pkg'] };

before(async () => {
  seeded = await DuckDbStore.open(join(tempDir(), 'seeded.duckdb'));
  const at = (d: string) => new Date(`${d}T00:00:00Z`);
  const month = (end: string, value: number) => ({
    subject: subject('pypi', 'seeded-pkg'),
    metric: 'downloads',
    value,
    windowStart: new Date(at(end).getTime() - 30 * 86_400_000),
    windowEnd: at(end),
    observedAt: at(end),
  });
  await seeded.write({
    provenance: { source: 'test-recorded', origin: 'test/profile-unknowns.test.ts', fetchedAt: at('2026-03-20') },
    observations: [
      ...['2025-10-01', '2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01'].map(
        (d, i) => month(d, 200_000 + i * 10_000),
      ),
      {
        subject: subject('github', 'seed/seeded'),
        metric: 'stars',
        value: 1_200,
        windowStart: at('2026-03-01'),
        windowEnd: at('2026-03-01'),
        observedAt: at('2026-03-01'),
      },
    ],
    // Failures recorded by live collection: they say more than "nothing collected".
    facts: [
      {
        subject: subject('pypi', 'seeded-pkg'),
        name: 'unknown:dependents',
        value: 'deps.dev answered 404',
        observedAt: at('2026-03-20'),
      },
      {
        subject: subject('ghcr', 'seed/seeded'),
        name: 'unknown:pulls_total',
        value: 'GHCR exposes no download API',
        observedAt: at('2026-03-20'),
      },
    ],
  });
});

after(async () => {
  await seeded?.close();
});

test("the demo store's vLLM profile states one set of unknown signals everywhere", async () => {
  const demo = await demoStore();
  const store = await DuckDbStore.open(demo.dbPath, { readOnly: true });
  try {
    const projects = resolveProjects(CATALOG, { projects: [] });
    const p = await assertOneSetOfUnknowns(store, findProject(projects, 'vllm'), findProject(projects, 'sglang'));
    assert.deepEqual(
      p.unknowns.map((u) => [u.signal, u.tier]),
      [
        ['dependents', true],
        ['container-pulls', true],
        ['triage', true],
        ['upgrade-safety', true],
        ['contributors', true],
        ['stars', false],
      ],
    );
  } finally {
    await store.close();
  }
});

test('a seeded store: recorded failures replace the generic entries, one entry per signal and subject', async () => {
  const p = await assertOneSetOfUnknowns(seeded, SEEDED, OTHER);
  assert.deepEqual(
    p.unknowns.map((u) => [u.signal, u.subject, u.tier]),
    [
      // A project with base models on the Hub is judged on their downloads too.
      ['hub-downloads', 'hf:seed/model', true],
      ['dependents', 'pypi:seeded-pkg', true],
      ['container-pulls', 'ghcr:seed/seeded', true],
      ['fan-out', 'hf:seed/model', true],
      ['triage', 'github:seed/seeded', true],
      ['upgrade-safety', 'github:seed/seeded', true],
      ['contributors', 'github:seed/seeded', true],
      ['downloads', 'pypi:missing-pkg', false],
      ['container-pulls', 'docker:seed/image', true],
      ['pulls', 'ollama:seeded', false],
    ],
  );
  assert.match(p.unknowns[1]!.reason, /^deps\.dev answered 404 \(test-recorded, 2026-03-20\)$/);
});
