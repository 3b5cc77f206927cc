import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareDependents, computeDependentsTrend } from './dependents.js';

const at = new Date('2026-11-30T00:00:00Z');

test('two sources within a factor of two agree; further apart they disagree and both are named', () => {
  const ok = compareDependents([
    { source: 'deps.dev', value: 300, at },
    { source: 'ecosyste.ms', value: 420, at },
  ]);
  assert.equal(ok.disagree, false);
  assert.equal(ok.ratio, 1.4);
  const bad = compareDependents([
    { source: 'deps.dev', value: 120, at },
    { source: 'ecosyste.ms', value: 1500, at },
  ]);
  assert.equal(bad.disagree, true);
  assert.match(bad.note, /ecosyste\.ms counts 1500 and deps\.dev 120 \(×12\.5\)/);
  assert.equal(
    compareDependents([
      { source: 'deps.dev', value: 0, at },
      { source: 'ecosyste.ms', value: 3, at },
    ]).disagree,
    false,
    'tiny absolute gaps are noise',
  );
  assert.equal(
    compareDependents([
      { source: 'deps.dev', value: 0, at },
      { source: 'ecosyste.ms', value: 30, at },
    ]).ratio,
    Number.POSITIVE_INFINITY,
  );
  assert.equal(compareDependents([{ source: 'deps.dev', value: 5, at }]).ratio, null);
});

test('six-month trend from snapshots; too young a history says so', () => {
  const s = (d: string, v: number) => ({ source: 'deps.dev', value: v, at: new Date(`${d}T00:00:00Z`) });
  const t = computeDependentsTrend([s('2026-05-01', 100), s('2026-06-01', 110), s('2026-11-29', 150)], at);
  assert.equal(t.base?.value, 110);
  assert.equal(t.growth !== null && Math.round(t.growth * 100), 36);
  const young = computeDependentsTrend([s('2026-10-01', 100), s('2026-11-29', 150)], at);
  assert.equal(young.growth, null);
  assert.match(young.note, /needs kept to have collected for that long/);
});

test('disagreement rule: a factor of 2 and a gap of 5 dependents, at, below and above each', () => {
  const cmp = (a: number, b: number) =>
    compareDependents([
      { source: 'deps.dev', value: a, at },
      { source: 'ecosyste.ms', value: b, at },
    ]);
  const rows: [number, number, number | null, boolean][] = [
    [100, 200, 2, true], // at the factor
    [100, 199, 1.99, false], // one below
    [100, 201, 2.01, true], // one above
    [5, 10, 2, true], // gap exactly 5
    [4, 8, 2, false], // gap 4: tiny counts are noise
    [5, 11, 2.2, true], // gap 6
    [0, 0, 1, false], // both zero agree
    [0, 5, Number.POSITIVE_INFINITY, true],
    [0, 4, Number.POSITIVE_INFINITY, false],
    [200, 100, 2, true], // order does not matter
  ];
  for (const [a, b, ratio, disagree] of rows) {
    const c = cmp(a, b);
    assert.equal(c.disagree, disagree, `${a} vs ${b}`);
    assert.equal(c.ratio, ratio, `${a} vs ${b}: ratio`);
  }
  assert.equal(cmp(100, 201).note.startsWith('ecosyste.ms counts 201 and deps.dev 100 (×2.0)'), true);
  assert.equal(cmp(201, 100).note.startsWith('deps.dev counts 201 and ecosyste.ms 100 (×2.0)'), true);
  assert.match(cmp(0, 5).note, /^ecosyste\.ms counts 5 and deps\.dev 0 \(×∞\)/);
  assert.equal(cmp(100, 150).note, 'deps.dev 100, ecosyste.ms 150: consistent within ×2');
});

test('a figure that is not a number is left out: one left is "only … has a count", none "no source"', () => {
  const one = compareDependents([
    { source: 'deps.dev', value: Number.NaN, at },
    { source: 'ecosyste.ms', value: 40, at },
  ]);
  assert.deepEqual(one, {
    figures: [{ source: 'ecosyste.ms', value: 40, at }],
    ratio: null,
    disagree: false,
    note: 'only ecosyste.ms has a count',
  });
  assert.equal(compareDependents([]).note, 'no source has a count');
  assert.equal(compareDependents([{ source: 'x', value: Infinity, at }]).figures.length, 0);
});

test('six-month trend: the base is the last snapshot at most five months (six less one) before the latest', () => {
  const s = (d: string, v: number) => ({ source: 'deps.dev', value: v, at: new Date(`${d}T00:00:00Z`) });
  const DAY = 86_400_000;
  const latest = s('2026-11-29', 150);
  const back = (days: number, v: number) => ({
    source: 'deps.dev',
    value: v,
    at: new Date(latest.at.getTime() - days * DAY),
  });
  const limitDays = 5 * 30.44; // six months less the month of tolerance
  // Exactly at the limit counts; a minute inside it does not.
  assert.equal(computeDependentsTrend([back(limitDays, 100), latest], at).base?.value, 100);
  assert.equal(computeDependentsTrend([back(limitDays - 1 / 1440, 100), latest], at).base, null);
  // Snapshots in any order; the most recent one old enough is the base; later ones after asOf are ignored.
  const t = computeDependentsTrend([latest, s('2026-12-05', 999), back(200, 50), back(160, 100), back(10, 140)], at);
  assert.equal(t.latest?.value, 150);
  assert.equal(t.base?.value, 100);
  assert.equal(t.growth, 0.5);
  assert.equal(t.note, `100 on ${isoDay(back(160, 0).at)} → 150 on 2026-11-29`);
  // A snapshot taken at asOf itself counts as the latest.
  assert.equal(computeDependentsTrend([back(170, 100), s('2026-11-30', 300)], at).latest?.value, 300);
  // A zero base has no growth.
  assert.equal(computeDependentsTrend([back(170, 0), latest], at).growth, null);
  // A shorter window when asked for.
  assert.equal(computeDependentsTrend([back(70, 100), latest], at, 3).base?.value, 100);
  const none = computeDependentsTrend([s('2026-12-05', 1)], at);
  assert.deepEqual(none, { latest: null, base: null, growth: null, note: 'no snapshot yet' });
  assert.equal(
    computeDependentsTrend([latest], at).note,
    'no snapshot 6 months before 2026-11-29: the trend needs kept to have collected for that long',
  );
});

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
