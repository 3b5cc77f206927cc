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
