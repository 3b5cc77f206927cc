// A series from stored 30-day windows: one window per calendar month mostly covered (the later one
// stands, as in the trend's monthly series), the same window end from two sources counted once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY_MS } from '../../domain/time.js';
import type { StoredObservation } from '../../store/store.js';
import { seriesFromMonthly } from './download-series.js';

const vllm = { kind: 'pypi', id: 'vllm' } as const;

function window(end: string, value: number, source = 'top-pypi-packages'): StoredObservation {
  const windowEnd = new Date(`${end}T00:00:00Z`);
  return {
    subject: vllm,
    metric: 'downloads',
    value,
    dims: {},
    windowStart: new Date(windowEnd.getTime() - 30 * DAY_MS),
    windowEnd,
    observedAt: windowEnd,
    source,
    origin: 'test',
    fetchedAt: windowEnd,
    batchId: 1,
  };
}

test('two windows ending 2024-08-30 and 2024-09-01 (both mostly August) are one point: the later', () => {
  const s = seriesFromMonthly(vllm, [
    window('2024-08-01', 300_000),
    window('2024-08-30', 416_457),
    window('2024-09-01', 420_000),
    window('2024-10-01', 500_000),
  ]);
  assert.deepEqual(
    s.points.map((p) => [p.windowEnd.toISOString().slice(0, 10), p.value]),
    [
      ['2024-08-01', 300_000],
      ['2024-09-01', 420_000],
      ['2024-10-01', 500_000],
    ],
  );
  assert.equal(s.sameMonth, 1);
  assert.equal(s.latest?.value, 500_000);
});

test('windows a month apart all stay; none left out', () => {
  const s = seriesFromMonthly(vllm, [window('2024-10-01', 1), window('2024-11-01', 2), window('2024-12-01', 3)]);
  assert.equal(s.points.length, 3);
  assert.equal(s.sameMonth, 0);
});

test('one window end from two sources counts once, from the first source by name; that is not a month left out', () => {
  const s = seriesFromMonthly(vllm, [window('2024-10-01', 5, 'zeta'), window('2024-10-01', 7, 'alpha')]);
  assert.deepEqual(
    s.points.map((p) => p.value),
    [7],
  );
  assert.deepEqual(s.sources, ['alpha']);
  assert.equal(s.sameMonth, 0);
});
