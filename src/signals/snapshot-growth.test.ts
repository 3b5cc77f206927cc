import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeSnapshotGrowth, differenceSnapshots } from './snapshot-growth.js';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

test('differencing consecutive snapshots, with a reset flagged instead of negative pulls', () => {
  const w = differenceSnapshots([
    { at: d('2026-01-01'), value: 1000 },
    { at: d('2026-01-11'), value: 2000 },
    { at: d('2026-01-11'), value: 2000 },
    { at: d('2026-01-21'), value: 500 },
  ]);
  assert.equal(w.length, 2);
  assert.deepEqual([w[0]!.delta, w[0]!.perDay], [1000, 100]);
  assert.equal(w[1]!.delta, null);
});

test('monthly pulls by interpolation at month boundaries, growth of the last complete month', () => {
  // 100/day in January, 150/day in February, 200/day in March; snapshots mid-month only.
  const pts = [
    { at: d('2025-12-15'), value: 0 },
    { at: d('2026-01-15'), value: 3100 },
    { at: d('2026-02-15'), value: 3100 + 16 * 100 + 15 * 150 },
    { at: d('2026-03-15'), value: 3100 + 16 * 100 + 28 * 150 },
    { at: d('2026-04-15'), value: 3100 + 16 * 100 + 28 * 150 + 31 * 200 },
  ];
  const g = computeSnapshotGrowth(pts, d('2026-04-20'));
  assert.deepEqual(
    g.months.map((m) => m.month),
    ['2026-01', '2026-02', '2026-03'],
  );
  // Interpolation smooths across the mid-month snapshots: January is 1,700 + 1,500 … not exact.
  assert.equal(g.months[1]!.boundaryGapDays, 14);
  assert.ok(g.monthlyGrowth !== null && g.monthlyGrowth > 0);
  assert.match(g.notes.join(' '), /interpolated estimates/);
});

test('snapshots on the boundaries give exact months; precision adds up; too few snapshots say so', () => {
  const g = computeSnapshotGrowth(
    [
      { at: d('2026-01-01'), value: 11_000_000, plusMinus: 50_000 },
      { at: d('2026-02-01'), value: 11_300_000, plusMinus: 50_000 },
      { at: d('2026-03-01'), value: 11_900_000, plusMinus: 50_000 },
    ],
    d('2026-03-01'),
  );
  assert.deepEqual(
    g.months.map((m) => [m.month, m.value, m.plusMinus, m.boundaryGapDays]),
    [
      ['2026-01', 300_000, 100_000, 0],
      ['2026-02', 600_000, 100_000, 0],
    ],
  );
  assert.equal(g.monthlyGrowth, 1);
  assert.match(
    computeSnapshotGrowth([{ at: d('2026-01-01'), value: 5 }], d('2026-03-01')).notes[0]!,
    /fewer than two snapshots/,
  );
});

test('differencing: in time order, non-finite levels dropped, an unchanged level is 0 pulls, ± adds up', () => {
  const w = differenceSnapshots([
    { at: d('2026-01-21'), value: 1500, plusMinus: 7 },
    { at: d('2026-01-01'), value: 1000, plusMinus: 5 },
    { at: d('2026-01-05'), value: Number.NaN },
    { at: d('2026-01-11'), value: 1500 },
    { at: d('2026-01-31'), value: 1000 },
  ]);
  assert.deepEqual(
    w.map((x) => [x.start.toISOString().slice(0, 10), x.delta, x.perDay, x.plusMinus]),
    [
      ['2026-01-01', 500, 50, 5],
      ['2026-01-11', 0, 0, 7],
      ['2026-01-21', null, null, 7],
    ],
  );
});

test('a reset: counted, noted, and the month across it left out; growth needs two adjoining months', () => {
  const g = computeSnapshotGrowth(
    [
      { at: d('2026-01-01'), value: 0 },
      { at: d('2026-02-01'), value: 100 },
      { at: d('2026-03-01'), value: 250 },
      { at: d('2026-03-15'), value: 50 },
      { at: d('2026-04-01'), value: 120 },
      { at: d('2026-05-01'), value: 300 },
      { at: d('2026-06-01'), value: 900 }, // after the date judged
    ],
    d('2026-05-01'),
  );
  assert.deepEqual(
    g.months.map((m) => [m.month, m.value]),
    [
      ['2026-01', 100],
      ['2026-02', 150],
      ['2026-04', 180],
    ],
  );
  assert.equal(g.resets, 1);
  assert.deepEqual(g.notes, [
    '1 snapshot interval(s) where the level went down (reset or correction): months across them are left out',
  ]);
  assert.equal(g.monthlyGrowth, null, 'April does not adjoin February');
});

test('an unchanged level is no reset; growth over a month of 0 is unknown; two snapshots make a month', () => {
  const g = computeSnapshotGrowth(
    [
      { at: d('2026-01-01'), value: 100 },
      { at: d('2026-02-01'), value: 100 },
      { at: d('2026-03-01'), value: 150 },
    ],
    d('2026-03-01'),
  );
  assert.deepEqual(
    g.months.map((m) => [m.month, m.value]),
    [
      ['2026-01', 0],
      ['2026-02', 50],
    ],
  );
  assert.equal(g.resets, 0);
  assert.equal(g.monthlyGrowth, null);
  assert.deepEqual(g.notes, []);
  const two = computeSnapshotGrowth(
    [
      { at: d('2026-01-01'), value: 10 },
      { at: d('2026-02-01'), value: 40 },
    ],
    d('2026-04-15'),
  );
  assert.deepEqual(
    two.months.map((m) => [m.month, m.value]),
    [['2026-01', 30]],
    'months past the last snapshot are unknown',
  );
  assert.deepEqual(two.notes, []);
  assert.equal(two.monthlyGrowth, null);
  const none = computeSnapshotGrowth([], d('2026-04-15'));
  assert.deepEqual(none.months, []);
  assert.deepEqual(none.notes, ['fewer than two snapshots: no differenced series yet (kept collect runs build it)']);
});

test("interpolated boundaries: the value between snapshots, the nearer snapshot's distance, the larger ±", () => {
  // 100 a day from 2025-12-29; the boundary 2026-01-01 is 3 days after one snapshot and 8 before the next.
  const g = computeSnapshotGrowth(
    [
      { at: d('2025-12-29'), value: 0, plusMinus: 10 },
      { at: d('2026-01-09'), value: 1100, plusMinus: 30 },
      { at: d('2026-02-01'), value: 3400, plusMinus: 20 },
    ],
    d('2026-02-01'),
  );
  assert.deepEqual(
    g.months.map((m) => [m.month, m.value, m.plusMinus, m.boundaryGapDays]),
    [['2026-01', 3100, 50, 3]],
  );
});

test('the interpolation note: a boundary more than 7 days from a snapshot, at 7, 8 days', () => {
  const at7 = computeSnapshotGrowth(
    [
      { at: d('2025-12-25'), value: 0 },
      { at: d('2026-01-08'), value: 1400 },
      { at: d('2026-01-25'), value: 3100 },
      { at: d('2026-02-08'), value: 4500 },
    ],
    d('2026-02-08'),
  );
  assert.deepEqual(
    at7.months.map((m) => [m.month, m.value, m.boundaryGapDays]),
    [['2026-01', 3100, 7]],
  );
  assert.deepEqual(at7.notes, []);
  const at8 = computeSnapshotGrowth(
    [
      { at: d('2025-12-24'), value: 0 },
      { at: d('2026-01-09'), value: 1600 },
      { at: d('2026-01-25'), value: 3200 },
      { at: d('2026-02-08'), value: 4600 },
    ],
    d('2026-02-08'),
  );
  assert.deepEqual(
    at8.months.map((m) => [m.month, m.value, m.boundaryGapDays]),
    [['2026-01', 3100, 8]],
  );
  assert.deepEqual(at8.notes, [
    'some month boundaries are more than 7 days from a snapshot: those months are interpolated estimates',
  ]);
});
