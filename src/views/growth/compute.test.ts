// The growth view's rules: each consecutive pair of 30-day snapshots with its growth and months
// (two decimals); no "per month" rate for pairs under 28 days apart (a few days' change is not a
// monthly one), the compounded-over-the-gap note for pairs more than 1.5 months apart, and a
// "growth unknown" note for a subject with fewer than two snapshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subject } from '../../domain/subject.js';
import type { StoredObservation } from '../../store/store.js';
import { computeGrowthView } from './compute.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 31);
const win = (
  s: ReturnType<typeof subject>,
  endDay: number,
  value: number,
  source = 'npm-counts',
): StoredObservation => ({
  subject: s,
  metric: 'downloads',
  value,
  dims: {},
  windowStart: new Date(T0 + (endDay - 30) * DAY),
  windowEnd: new Date(T0 + endDay * DAY),
  observedAt: new Date(T0 + endDay * DAY),
  source,
  origin: 'file',
  fetchedAt: new Date(T0 + endDay * DAY),
  batchId: 1,
});
const a = subject('npm', 'a');
const SHORT =
  'Some snapshots are less than 28 days apart: they have no "per month" rate (a few days\' change is not a monthly one).';
const LONG = 'Some snapshots are more than a month apart: "per month" is the compounded rate over the gap.';

test('growth: pairs at the 28-day threshold, one day below and one above (short gap: no monthly rate)', () => {
  for (const [days, hasRate] of [
    [27, false],
    [28, true],
    [29, true],
  ] as const) {
    const v = computeGrowthView({ subjects: [{ subject: a, windows: [win(a, 0, 100), win(a, days, 110)] }] });
    const p = v.subjects[0]!.pairs[0]!;
    assert.equal(p.monthlyRate === null, !hasRate, `${days} days apart`);
    assert.equal(v.notes.includes(SHORT), !hasRate, `${days} days apart: the short-gap note`);
    assert.ok(!v.notes.includes(LONG));
  }
});

test('growth: pairs at the 1.5-month threshold, one day below and above (long gap: compounded note)', () => {
  for (const [days, long] of [
    [45, false],
    [46, true],
  ] as const) {
    const v = computeGrowthView({ subjects: [{ subject: a, windows: [win(a, 0, 100), win(a, days, 121)] }] });
    assert.equal(v.notes.includes(LONG), long, `${days} days apart`);
  }
});

test('growth: a pair maps to its dates, values, growth, months to two decimals and compounded rate', () => {
  const v = computeGrowthView({
    subjects: [
      {
        subject: a,
        windows: [win(a, 0, 100, 'npm-counts'), win(a, 61, 121, 'hf-dump'), win(a, 122, 121, 'npm-counts')],
      },
      { subject: subject('npm', 'b'), windows: [win(subject('npm', 'b'), 0, 5)] },
    ],
  });
  assert.equal(v.schema, 'kept.growth/v2');
  assert.equal(v.subjects.length, 2);
  const s = v.subjects[0]!;
  assert.equal(s.subject, 'npm:a');
  assert.deepEqual(s.sources, ['hf-dump', 'npm-counts']);
  assert.equal(s.pairs.length, 2);
  const p = s.pairs[0]!;
  assert.equal(p.from, '2026-01-31');
  assert.equal(p.to, '2026-04-02');
  assert.equal(p.fromValue, 100);
  assert.equal(p.toValue, 121);
  assert.ok(Math.abs((p.growth ?? NaN) - 0.21) < 1e-12);
  assert.equal(p.months, 2);
  assert.ok(Math.abs((p.monthlyRate ?? NaN) - (Math.pow(1.21, 1 / (61 / 30.44)) - 1)) < 1e-12);
  assert.equal(s.pairs[1]!.growth, 0);
  assert.deepEqual(v.subjects[1], { subject: 'npm:b', sources: ['npm-counts'], pairs: [] });
  assert.deepEqual(v.notes, ['npm:b: growth unknown, fewer than two 30-day snapshots are stored.', LONG]);
});
