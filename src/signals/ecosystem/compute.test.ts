// computeEcosystem on hand-made aggregates: snapshot choice, window, unknown shares, no data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HubAggregates, HubCell } from '../../domain/ecosystem.js';
import { computeEcosystem } from './compute.js';

const day = (s: string): Date => new Date(`${s}T00:00:00Z`);
const cell = (snapshot: string, region: string, downloads: number, models = 1): HubCell => ({
  snapshot: day(snapshot),
  region,
  family: 'Qwen',
  sizeClass: 'unknown',
  licenceClass: 'unknown',
  models,
  zeroModels: 0,
  downloads,
});
const AGGS: HubAggregates = {
  cells: [
    cell('2025-01-01', 'us', 100),
    cell('2025-01-01', 'china', 100),
    cell('2025-07-01', 'us', 100),
    cell('2025-07-01', 'china', 300),
    cell('2025-08-01', 'us', 200),
    cell('2025-08-01', 'china', 171),
    cell('2025-08-01', 'unknown', 629, 7),
    cell('2025-09-01', 'us', 999),
  ],
  concentration: [],
  topOrgs: [],
  families: [],
  coverage: [],
  differenced: [],
  weights: [],
};

test('the as-of snapshot is the latest on or before asOf; the window sums its snapshots', () => {
  const m = computeEcosystem(AGGS, { asOf: day('2025-08-31'), windowMonths: 12, topN: [1] })!;
  assert.equal(m.snapshot, '2025-08-01');
  assert.deepEqual(m.snapshots, ['2025-01-01', '2025-07-01', '2025-08-01']);
  const now = m.regionShare.series[2]!;
  assert.equal(now.downloads, 1000);
  assert.equal(now.rows.find((r) => r.key === 'china')!.share, 0.171);
  assert.equal(now.rows.find((r) => r.key === 'unknown')!.share, 0.629);
  assert.equal(now.rows.find((r) => r.key === 'unknown')!.modelShare, 7 / 9);
  assert.equal(m.regionShare.window.downloads, 1600);
  assert.equal(m.regionShare.window.rows.find((r) => r.key === 'china')!.share, 571 / 1600);
  assert.equal(m.monthOverMonth!.from, '2025-07-01');
  assert.equal(m.monthOverMonth!.growth, 1.5);
  const us = m.monthOverMonth!.regions.find((r) => r.key === 'us')!;
  assert.equal(us.growth, 1);
  assert.ok(Math.abs(us.sharePoints! - (20 - 25)) < 1e-9);
  const regions = m.concentration.find((c) => c.level === 'region')!;
  assert.equal(regions.units, 2, 'unknown is left out of the region concentration');
});

test('a short window keeps only recent snapshots', () => {
  const m = computeEcosystem(AGGS, { asOf: day('2025-08-31'), windowMonths: 1, topN: [1] })!;
  assert.deepEqual(m.snapshots, ['2025-08-01']);
  assert.equal(m.windowStart, '2025-07-31');
});

test('a window contains only data inside it: an as-of snapshot from before the window is not added to it (it was)', () => {
  const old = computeEcosystem(AGGS, { asOf: day('2027-01-01'), windowMonths: 1, topN: [1] })!;
  assert.deepEqual(old.snapshots, [], 'no snapshot lies in (2026-12-01, 2027-01-01]');
  assert.equal(old.regionShare.window.snapshotCount, 0);
  assert.equal(old.regionShare.window.downloads, 0);
  assert.equal(old.regionShare.window.from, null);
  // The point-in-time sections still describe the latest snapshot, which the view marks stale.
  assert.equal(old.snapshot, '2025-09-01');
  assert.deepEqual(
    old.regionShare.series.map((x) => x.snapshot),
    ['2025-09-01'],
  );
});

test('no snapshot on or before asOf: undefined', () => {
  assert.equal(computeEcosystem(AGGS, { asOf: day('2024-12-31'), windowMonths: 12, topN: [1] }), undefined);
});

// A full aggregate: two comparable snapshots (S1, S2), a partial one between them, and every table.
const S0 = '2025-06-01';
const S1 = '2025-07-01';
const P = '2025-07-15';
const S2 = '2025-08-01';
const at = (
  snapshot: string,
  region: string,
  downloads: number,
  models: number,
  family: string,
  size: string,
  licence: string,
): HubCell => ({
  ...cell(snapshot, region, downloads, models),
  family,
  sizeClass: size,
  licenceClass: licence,
});
const stats = (snapshot: string, level: 'model' | 'org', n: number, total: number) => ({
  snapshot: day(snapshot),
  level,
  n,
  total,
  sumSquares: total * total,
  rankWeightedSum: n * total,
  zeros: 0,
  topSums: { '1': total },
});
const family = (name: string, downloads: number, min: number | null, max: number | null) => ({
  family: name,
  models: 1,
  downloads,
  orgs: 1,
  topOrgs: [],
  minParameters: min,
  maxParameters: max,
  sizeKnown: 1,
  edgeModels: 0,
  viaBaseModel: 0,
  licences: [],
  libraries: [],
});
const FULL: HubAggregates = {
  cells: [
    at(S1, 'us', 300, 2, 'Llama', '1–10B', 'restricted'),
    at(S1, 'china', 100, 1, 'Qwen', '<1B', 'open'),
    at(S1, 'eu', 100, 1, 'Gemma', '1–10B', 'open'),
    at(P, 'us', 5, 1, 'Llama', '1–10B', 'restricted'),
    at(S2, 'us', 400, 2, 'Llama', '1–10B', 'restricted'),
    at(S2, 'china', 500, 3, 'Qwen', '<1B', 'open'),
    at(S2, 'unknown', 100, 1, 'other', 'unknown', 'unknown'),
    at(S2, 'eu', 0, 1, 'Mistral', '10–50B', 'open'),
  ],
  concentration: [stats(S1, 'model', 3, 500), stats(S2, 'model', 7, 1000)],
  topOrgs: [
    { snapshot: day(S1), org: 'meta-llama', region: 'us', models: 2, downloads: 300 },
    { snapshot: day(S2), org: 'Qwen', region: 'china', models: 3, downloads: 500 },
  ],
  families: [
    family('Qwen', 500, 5e8, 7e9),
    family('Llama', 400, 8e9, 8e9),
    family('Big', 0, 70e9, null),
    family('other', 100, null, null),
  ],
  coverage: [
    ...(
      [
        ['region', 'map', 800],
        ['region', 'map-unknown', 100],
        ['region', 'unmapped', 100],
        ['size', 'catalog', 500],
        ['size', 'hub', 400],
        ['size', 'unknown', 100],
        ['licence', 'known', 900],
        ['licence', 'unknown', 100],
        ['family', 'name', 700],
        ['family', 'base-model', 200],
        ['family', 'none', 100],
      ] as const
    ).map(([attribute, basis, downloads]) => ({ snapshot: day(S2), attribute, basis, models: 1, downloads })),
    { snapshot: day(S1), attribute: 'region', basis: 'map', models: 1, downloads: 1 },
  ],
  differenced: [
    { from: day(S0), to: day(S1), region: 'us', models: 1, downloads: 50, decreased: 0 },
    { from: day(S1), to: day(S2), region: 'us', models: 2, downloads: 90, decreased: 1 },
    { from: day(S1), to: day(S2), region: 'china', models: 3, downloads: 10, decreased: 0 },
    { from: day(P), to: day(S2), region: 'us', models: 9, downloads: 999, decreased: 0 },
    { from: day('2023-01-01'), to: day('2023-02-01'), region: 'us', models: 9, downloads: 999, decreased: 0 },
  ],
  weights: [
    { snapshot: day(S2), region: 'us', basis: 'own', models: 2, downloads: 400 },
    { snapshot: day(S2), region: 'china', basis: 'own', models: 3, downloads: 500 },
    { snapshot: day(S2), region: 'us', basis: 'base-model', models: 1, downloads: 100 },
  ],
};
const full = (): NonNullable<ReturnType<typeof computeEcosystem>> =>
  computeEcosystem(FULL, { asOf: day('2025-08-31'), windowMonths: 12, topN: [1], partial: [day(P)] })!;
const rowsOf = (s: { rows: readonly { key: string; downloads: number; share: number | null }[] }): unknown[] =>
  s.rows.map((r) => [r.key, r.downloads, r.share]);

test('partial snapshots (docs/ecosystem.md): shown in the region series, marked, and in no share or change', () => {
  const m = full();
  assert.deepEqual(m.snapshots, [S1, S2]);
  assert.deepEqual(
    m.regionShare.series.map((s) => [s.snapshot, s.partial ?? false, s.downloads]),
    [
      [S1, false, 500],
      [P, true, 5],
      [S2, false, 1000],
    ],
  );
  assert.ok(!('partial' in m.regionShare.series[0]!));
  assert.deepEqual(
    [
      m.regionShare.window.from,
      m.regionShare.window.to,
      m.regionShare.window.snapshotCount,
      m.regionShare.window.downloads,
    ],
    [S1, S2, 2, 1500],
  );
  assert.equal(m.monthOverMonth?.from, S1);
});

test('shares keep the documented order of regions, size classes and licence classes, every class listed', () => {
  const m = full();
  assert.deepEqual(rowsOf(m.regionShare.series[2]!), [
    ['us', 400, 0.4],
    ['china', 500, 0.5],
    ['eu', 0, 0],
    ['other', 0, 0],
    ['unknown', 100, 0.1],
  ]);
  assert.deepEqual(rowsOf(m.sizeClasses[1]!), [
    ['<1B', 500, 0.5],
    ['1–10B', 400, 0.4],
    ['10–50B', 0, 0],
    ['≥50B', 0, 0],
    ['unknown', 100, 0.1],
  ]);
  assert.deepEqual(rowsOf(m.licenceMix[1]!), [
    ['open', 500, 0.5],
    ['restricted', 400, 0.4],
    ['unknown', 100, 0.1],
  ]);
  assert.deepEqual(
    m.sizeClasses.map((s) => [s.snapshot, s.models, s.downloads]),
    [
      [S1, 4, 500],
      [S2, 7, 1000],
    ],
  );
  assert.equal(m.sizeClasses[1]!.rows[0]!.modelShare, 3 / 7);
});

test('month over month: families by downloads, a family gone or new compares with zero', () => {
  const mom = full().monthOverMonth!;
  assert.deepEqual([mom.downloadsFrom, mom.downloadsTo, mom.growth], [500, 1000, 1]);
  assert.deepEqual(
    mom.families.map((r) => [r.key, r.downloadsFrom, r.downloadsTo, r.growth, r.shareFrom, r.shareTo]),
    [
      ['Qwen', 100, 500, 4, 0.2, 0.5],
      ['Llama', 300, 400, 400 / 300 - 1, 0.6, 0.4],
      ['other', 0, 100, null, 0, 0.1],
      ['Mistral', 0, 0, null, 0, 0],
      ['Gemma', 100, 0, -1, 0.2, 0],
    ],
  );
  assert.deepEqual(
    mom.families.map((r) => Math.round(r.sharePoints! * 1e9) / 1e9),
    [30, -20, 10, 0, -20],
  );
  assert.deepEqual(
    mom.sizeClasses.map((r) => r.key),
    ['<1B', '1–10B', '10–50B', '≥50B', 'unknown'],
  );
  assert.deepEqual(
    mom.licenceClasses.map((r) => [r.key, r.downloadsFrom, r.downloadsTo]),
    [
      ['open', 200, 500],
      ['restricted', 300, 400],
      ['unknown', 0, 100],
    ],
  );
  // One comparable snapshot: no change to report.
  const one = computeEcosystem(FULL, { asOf: day('2025-07-31'), windowMonths: 12, topN: [1], partial: [day(P)] })!;
  assert.equal(one.monthOverMonth, null);
});

test('differenced downloads: per comparable pair inside the window, by region, decreased models counted', () => {
  const d = full().regionShare.differenced;
  assert.deepEqual(
    d.map((x) => [x.from, x.snapshot, x.models, x.downloads, x.decreasedModels]),
    [
      [S0, S1, 1, 50, 0],
      [S1, S2, 5, 100, 1],
    ],
  );
  assert.deepEqual(
    d[1]!.rows.map((r) => [r.key, r.models, r.downloads, r.share, r.modelShare]),
    [
      ['us', 2, 90, 0.9, 0.4],
      ['china', 3, 10, 0.1, 0.6],
      ['eu', 0, 0, 0, 0],
      ['other', 0, 0, 0, 0],
      ['unknown', 0, 0, 0, 0],
    ],
  );
});

test("whose weights: derivatives counted for their base model's region, and counted apart", () => {
  const w = full().regionShare.weights;
  assert.deepEqual(
    w.map((x) => [x.snapshot, x.models, x.downloads, x.derivativeModels, x.derivativeDownloads]),
    [
      [S1, 0, 0, 0, 0],
      [S2, 6, 1000, 1, 100],
    ],
  );
  assert.deepEqual(w[1]!.rows.map((r) => [r.key, r.models, r.downloads, r.share, r.modelShare]).slice(0, 3), [
    ['us', 3, 500, 0.5, 0.5],
    ['china', 3, 500, 0.5, 0.5],
    ['eu', 0, 0, 0, 0],
  ]);
  assert.equal(w[0]!.rows[0]!.share, null);
});

test('concentration: models from the store statistics of the snapshot, families without "other", regions without unknown', () => {
  const m = full();
  assert.deepEqual(
    m.concentration.map((c) => [c.level, c.units, c.total]),
    [
      ['model', 7, 1000],
      ['family', 3, 900],
      ['region', 3, 900],
    ],
  );
  assert.deepEqual(m.concentration[1]!.top, [{ n: 1, share: 500 / 900 }]);
  assert.deepEqual(
    m.concentrationSeries.map((c) => [c.snapshot, c.level, c.units, c.total]),
    [
      [S1, 'model', 3, 500],
      [S1, 'family', 3, 500],
      [S1, 'region', 3, 500],
      [S2, 'model', 7, 1000],
      [S2, 'family', 3, 900],
      [S2, 'region', 3, 900],
    ],
  );
});

test('coverage: the known share of each attribute at the as-of snapshot', () => {
  const c = full().coverage;
  assert.deepEqual([c.models, c.downloads], [7, 1000]);
  assert.deepEqual(
    [c.regionAttributedShare, c.sizeKnownShare, c.licenceKnownShare, c.familyKnownShare],
    [0.8, 0.9, 0.9, 0.9],
  );
  assert.equal(c.attributes.length, 11);
  assert.deepEqual(c.attributes[0], { attribute: 'region', basis: 'map', models: 1, downloads: 800, share: 0.8 });
});

test('families, top organisations and weights memory (fits 8 GB inclusive, the most precise format first)', () => {
  const m = full();
  assert.deepEqual(
    m.families.map((f) => [f.family, f.share, f.licenceUnknown]),
    [
      ['Qwen', 0.5, 0],
      ['Llama', 0.4, 0],
      ['Big', 0, 0],
      ['other', 0.1, 1],
    ],
  );
  assert.deepEqual(m.topOrgs, [{ org: 'Qwen', region: 'china', models: 3, downloads: 500, share: 0.5 }]);
  assert.deepEqual(
    m.memory.map((r) => [r.family, r.parameters, r.gb.fp32, r.gb.int4, r.fits8GbAt]),
    [
      ['Qwen', 5e8, 2, 0.25, 'fp32'],
      ['Qwen', 7e9, 28, 3.5, 'int8'],
      ['Llama', 8e9, 32, 4, 'int8'],
      ['Big', 70e9, 280, 35, null],
    ],
  );
});

test('the method is stated; regions outside the documented order follow it by name; snapshots in any order', () => {
  const aggs: HubAggregates = {
    ...FULL,
    cells: [cell('2025-08-01', 'zeta', 10), cell('2025-08-01', 'alpha', 10), cell('2025-07-01', 'us', 0)],
    differenced: [...FULL.differenced].reverse(),
  };
  const m = computeEcosystem(aggs, { asOf: day('2025-08-31'), windowMonths: 12, topN: [1] })!;
  assert.match(m.method.downloads, /^Hub `downloads` as snapshotted/);
  assert.equal(m.snapshot, '2025-08-01');
  assert.deepEqual(
    m.regionShare.series[1]!.rows.map((r) => r.key),
    ['us', 'china', 'eu', 'other', 'unknown', 'alpha', 'zeta'],
  );
  assert.deepEqual(
    m.regionShare.differenced.map((d) => d.snapshot),
    [S1, S2],
  );
  // From a snapshot with no downloads: no growth and no share change.
  const mom = m.monthOverMonth!;
  assert.equal(mom.growth, null);
  assert.deepEqual(
    mom.regions.slice(0, 1).map((r) => [r.key, r.shareFrom, r.sharePoints]),
    [['us', null, null]],
  );
});

test('the window (asOf − window, asOf] leaves out a snapshot at its start, and partial snapshots before it', () => {
  const m = computeEcosystem(FULL, { asOf: day('2025-08-01'), windowMonths: 1, topN: [1], partial: [day(P)] })!;
  assert.deepEqual(m.snapshots, [S2]);
  assert.deepEqual(
    m.regionShare.series.map((s) => s.snapshot),
    [P, S2],
  );
  const later = computeEcosystem(FULL, { asOf: day('2025-08-20'), windowMonths: 1, topN: [1], partial: [day(P)] })!;
  assert.deepEqual(
    later.regionShare.series.map((s) => s.snapshot),
    [S2],
  );
});
