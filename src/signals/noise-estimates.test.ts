import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeVersionConcentration, computeWeekdayWeekend } from './noise-estimates.js';

const series = (weekday: number, weekend: number, days = 28) =>
  Array.from({ length: days }, (_, i) => {
    const day = new Date(Date.UTC(2026, 1, 2 + i)); // 2026-02-02 is a Monday
    return { day, value: day.getUTCDay() % 6 === 0 ? weekend : weekday };
  });

test('weekday/weekend ratio reads human-like dips and automation-like flat series', () => {
  const human = computeWeekdayWeekend(series(2000, 800));
  assert.equal(human.ratio, 2.5);
  assert.equal(human.reading, 'human-like');
  assert.deepEqual([human.weekdays, human.weekendDays], [20, 8]);
  assert.equal(computeWeekdayWeekend(series(1000, 980)).reading, 'automation-like');
  assert.equal(computeWeekdayWeekend(series(1000, 800)).reading, 'unclear');
  assert.equal(computeWeekdayWeekend(series(1000, 0)).reading, 'unclear');
  assert.equal(computeWeekdayWeekend(series(1000, 500, 3)).reading, 'insufficient-data');
});

test('version concentration: top share and HHI', () => {
  const c = computeVersionConcentration({ '3.5.1': 45000, '3.5.0': 1200, '2.17.2': 800 });
  assert.equal(c.topVersion, '3.5.1');
  assert.equal(Math.round(c.topShare! * 1000), 957);
  assert.ok(c.hhi! > 0.9);
  assert.equal(computeVersionConcentration({}).hhi, null);
});

test('weekday/weekend bands: human-like from 1.3, automation-like up to 1.15, unclear between', () => {
  const rows: [number, string][] = [
    [1.3, 'human-like'],
    [1.29, 'unclear'],
    [1.31, 'human-like'],
    [1.15, 'automation-like'],
    [1.14, 'automation-like'],
    [1.16, 'unclear'],
  ];
  for (const [ratio, reading] of rows) {
    const r = computeWeekdayWeekend(series(ratio * 1000, 1000));
    assert.equal(r.reading, reading, `ratio ${ratio}`);
  }
});

test('weekday/weekend needs five weekdays and two weekend days within the last weeks, in day order', () => {
  // 2026-02-02 is a Monday: 7 days give 5 weekdays and 2 weekend days, 6 days only 1 weekend day.
  assert.deepEqual(computeWeekdayWeekend(series(2000, 800, 7)), {
    ratio: 2.5,
    weekdays: 5,
    weekendDays: 2,
    reading: 'human-like',
  });
  assert.equal(computeWeekdayWeekend(series(2000, 800, 6)).reading, 'insufficient-data');
  const fourWeekdays = series(2000, 800, 7).filter((p) => p.day.getUTCDate() !== 2);
  assert.deepEqual(computeWeekdayWeekend(fourWeekdays), {
    ratio: null,
    weekdays: 4,
    weekendDays: 2,
    reading: 'insufficient-data',
  });
  // Only the last `weeks` weeks count, by day, whatever the input order: an older weekend at 1 is left out.
  const old = series(1, 1, 7).map((p) => ({ ...p, day: new Date(p.day.getTime() - 7 * 86_400_000) }));
  const r = computeWeekdayWeekend([...series(2000, 800, 7)].reverse().concat(old), 1);
  assert.deepEqual(r, { ratio: 2.5, weekdays: 5, weekendDays: 2, reading: 'human-like' });
  // A non-finite value is no day at all.
  const withNaN = series(2000, 800, 7).map((p, i) => (i === 0 ? { ...p, value: Number.NaN } : p));
  assert.equal(computeWeekdayWeekend(withNaN).weekdays, 4);
});

test('version concentration: zero and non-finite counts are left out; the first of equal tops wins', () => {
  assert.deepEqual(computeVersionConcentration({ a: 3, b: 1, c: 0, d: Number.NaN, e: -2 }), {
    topVersion: 'a',
    topShare: 0.75,
    hhi: 0.625,
    versions: 2,
  });
  assert.equal(computeVersionConcentration({ a: 2, b: 2 }).topVersion, 'a');
  assert.equal(computeVersionConcentration({ a: 1, b: 2, c: 2 }).topVersion, 'b');
  assert.equal(computeVersionConcentration({ a: 0 }).versions, 0);
});
