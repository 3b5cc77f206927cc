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
