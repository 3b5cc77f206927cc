import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeWindowGrowth } from './window-growth.js';

const w = (end: string, value: number) => ({
  windowStart: new Date(new Date(`${end}T00:00:00Z`).getTime() - 30 * 86_400_000),
  windowEnd: new Date(`${end}T00:00:00Z`),
  value,
});

test('growth between two snapshots three months apart, and its monthly rate', () => {
  const [g] = computeWindowGrowth([w('2026-03-01', 52_900_000), w('2025-12-01', 31_700_000)]);
  assert.ok(g);
  assert.equal(Math.round(g.growth! * 1000), 669);
  assert.equal(Math.round(g.months * 100), 296);
  // 1.669^(1/2.96) - 1 ≈ 18.9% a month
  assert.equal(Math.round(g.monthlyRate! * 1000), 189);
});

test('a zero start has no growth; duplicates by window end count once; one snapshot gives nothing', () => {
  assert.equal(computeWindowGrowth([w('2026-01-01', 0), w('2026-02-01', 10)])[0]!.growth, null);
  assert.equal(computeWindowGrowth([w('2026-01-01', 5), w('2026-01-01', 7), w('2026-02-01', 10)]).length, 1);
  assert.deepEqual(computeWindowGrowth([w('2026-01-01', 5)]), []);
});

test('snapshots: the first of two with the same end counts, non-finite values are dropped', () => {
  const g = computeWindowGrowth([
    w('2026-01-01', 100),
    w('2026-01-01', 999),
    w('2026-02-01', Number.NaN),
    w('2026-03-01', 150),
  ]);
  assert.equal(g.length, 1);
  assert.equal(g[0]!.from.value, 100);
  assert.equal(g[0]!.growth, 0.5);
});

test('no monthly rate from a 0 (growth unknown) or to a 0 (the level vanished: growth −100 %)', () => {
  const [fromZero] = computeWindowGrowth([w('2026-01-01', 0), w('2026-03-01', 150)]);
  assert.deepEqual([fromZero!.growth, fromZero!.monthlyRate], [null, null]);
  const [toZero] = computeWindowGrowth([w('2026-01-01', 100), w('2026-03-01', 0)]);
  assert.deepEqual([toZero!.growth, toZero!.monthlyRate], [-1, null]);
});
