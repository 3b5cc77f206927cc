// The ecosystem view's rules: it carries the ecosystem signal's figures unchanged (as plain JSON),
// judged as of the date asked for, else the latest comparable snapshot; it says which window and
// snapshots it covers, names partial snapshots, and states each coverage in a sentence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HubAggregates, HubCell } from '../../domain/ecosystem.js';
import { computeEcosystem } from '../../signals/ecosystem/compute.js';
import { ECOSYSTEM_TOP_N, computeEcosystemView } from './compute.js';

const day = (s: string): Date => new Date(`${s}T00:00:00Z`);
const cell = (snapshot: string, region: string, downloads: number, models = 1): HubCell => ({
  snapshot: day(snapshot),
  region,
  family: 'Qwen',
  sizeClass: '1–10B',
  licenceClass: 'open',
  models,
  zeroModels: 0,
  downloads,
});
const AGGS: HubAggregates = {
  cells: [
    cell('2025-07-01', 'us', 100),
    cell('2025-07-01', 'china', 300),
    cell('2025-08-01', 'us', 200),
    cell('2025-08-01', 'china', 171),
    cell('2025-08-01', 'unknown', 629, 7),
  ],
  concentration: [],
  topOrgs: [],
  families: [],
  coverage: [],
  differenced: [],
  weights: [],
};

test('ecosystem view: the signal figures unchanged, the window and snapshots in the summary', () => {
  const today = day('2025-08-10');
  const v = computeEcosystemView({ ...AGGS, latestData: day('2025-08-01') }, { today, windowMonths: 12 });
  const m = computeEcosystem(AGGS, { asOf: day('2025-08-01'), windowMonths: 12, topN: ECOSYSTEM_TOP_N, partial: [] })!;
  assert.equal(v.schema, 'kept.ecosystem/v2');
  for (const k of [
    'asOf',
    'snapshot',
    'windowMonths',
    'windowStart',
    'snapshots',
    'method',
    'concentration',
    'topOrgs',
    'memory',
  ] as const)
    assert.deepEqual(v[k], JSON.parse(JSON.stringify(m[k])), k);
  assert.deepEqual(v.regionShare, JSON.parse(JSON.stringify(m.regionShare)));
  assert.deepEqual(v.sizeClasses, JSON.parse(JSON.stringify(m.sizeClasses)));
  assert.deepEqual(v.licenceMix, JSON.parse(JSON.stringify(m.licenceMix)));
  assert.deepEqual(v.monthOverMonth, JSON.parse(JSON.stringify(m.monthOverMonth)));
  assert.equal(v.freshness.asOfBasis, 'latest-data');
  assert.equal(
    v.summary,
    'As of 2025-08-01, the latest data; today is 2025-08-10. Window of 12 months, 2024-08-01 (exclusive) to 2025-08-01: 2 snapshots, 2025-07-01 → 2025-08-01.',
  );
  assert.equal(v.sentences.monthOverMonth, '2025-07-01 → 2025-08-01: downloads 400 → 1,000 (+150%).');
  assert.equal(
    v.sentences.window,
    'Window 2025-07-01 → 2025-08-01 (2 snapshot(s), 1,400 downloads): us 21%, china 34%, eu 0.0%, other 0.0%, unknown 45%.',
  );
  assert.match(v.sentences.weights ?? '', /^No base-model relations are stored for these models/);
  assert.deepEqual(v.notes, []);
  assert.deepEqual(v.partialSnapshots, []);
});

test('ecosystem view: one snapshot; a window with none; partial snapshots named; a stale snapshot noted', () => {
  const one = computeEcosystemView(AGGS, { asOf: day('2025-07-15'), today: day('2025-07-15'), windowMonths: 12 });
  assert.equal(one.freshness.asOfBasis, 'requested');
  assert.match(one.summary, /: 1 snapshot, 2025-07-01\.$/);
  assert.equal(one.sentences.monthOverMonth, 'Only one snapshot on or before the as-of date: no change to show.');
  const empty = computeEcosystemView(AGGS, { asOf: day('2026-01-01'), today: day('2026-01-01'), windowMonths: 1 });
  assert.match(
    empty.summary,
    /: no snapshot in it\. The sections below describe the latest snapshot before it, 2025-08-01, which no window share includes\.$/,
  );
  assert.equal(
    empty.sentences.window,
    'Window 2025-12-01 (exclusive) → 2026-01-01: no snapshot in it, so no window share (the latest snapshot, 2025-08-01, lies before it).',
  );
  assert.equal(empty.freshness.stale, true);
  assert.equal(empty.notes[0], empty.freshness.note);
  const partial = computeEcosystemView(
    {
      ...AGGS,
      partial: [{ snapshot: day('2025-07-01'), models: 2 }],
      widest: { snapshot: day('2025-08-01'), models: 9 },
    },
    { asOf: day('2025-08-01'), today: day('2025-08-01'), windowMonths: 12 },
  );
  assert.deepEqual(partial.partialSnapshots, [{ snapshot: '2025-07-01', models: 2 }]);
  assert.equal(partial.notes.length, 1);
  assert.match(
    partial.notes[0]!,
    /^1 partial snapshot\(s\) in the window: each holds fewer than 50% of the models of the widest, 2025-08-01 \(9 models stored/,
  );
  assert.match(partial.notes[0]!, /: 2025-07-01 \(2 models\) \(kept growth/);
  assert.equal(partial.regionShare.series.find((s) => s.snapshot === '2025-07-01')?.partial, true);
  assert.throws(
    () => computeEcosystemView(AGGS, { asOf: day('2024-01-01'), today: day('2024-01-01'), windowMonths: 12 }),
    /no Hub download snapshot on or before 2024-01-01/,
  );
});
