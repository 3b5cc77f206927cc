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
