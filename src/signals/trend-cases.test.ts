// Hand-computed cases for the six-month trend (docs/tiers.md, "download trend"): which window
// stands for a month, the log-linear slope, gaps, and where spikes are looked for. Made-up series,
// each figure worked out by hand; found by mutation testing (docs/testing.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeTrend, logLinearSlope, monthlySeries, detectSpikes, type SeriesPoint } from './trend.js';

const utc = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m, d));
/** Calendar-month windows from January 2025; `undefined` leaves the month out. */
function series(values: readonly (number | undefined)[]): SeriesPoint[] {
  return values.flatMap((value, i) =>
    value === undefined ? [] : [{ windowStart: utc(2025, i), windowEnd: utc(2025, i + 1), value }],
  );
}
const asOfAfter = (n: number) => utc(2025, n);

test('monthlySeries: the latest window (by end) with its midpoint in a month stands for it; non-finite values are dropped', () => {
  const m = monthlySeries([
    // Two windows in March 2025, given out of order: the one ending later wins.
    { windowStart: utc(2025, 2, 1), windowEnd: utc(2025, 2, 31), value: 7 },
    { windowStart: utc(2025, 1, 20), windowEnd: utc(2025, 2, 25), value: 5 },
    { windowStart: utc(2025, 0, 1), windowEnd: utc(2025, 1, 1), value: Number.NaN },
    { windowStart: utc(2025, 3, 1), windowEnd: utc(2025, 4, 1), value: 9 },
    { windowStart: utc(2025, 1, 1), windowEnd: utc(2025, 2, 1), value: 3 },
  ]);
  assert.deepEqual(
    m.map((x) => [x.month, x.value]),
    [
      ['2025-02', 3],
      ['2025-03', 7],
      ['2025-04', 9],
    ],
  );
  assert.equal(m[1]!.windowEnd.toISOString(), '2025-03-31T00:00:00.000Z');
});

test('logLinearSlope: ln growth per month by least squares; zeros ignored; fewer than three positive months give none', () => {
  // Doubling every month: slope ln 2 exactly; monthly rate +100 %.
  assert.ok(Math.abs(logLinearSlope([1, 2, 4, 8])! - Math.LN2) < 1e-12);
  assert.ok(Math.abs(logLinearSlope([8, 4, 2, 1])! + Math.LN2) < 1e-12);
  assert.equal(logLinearSlope([5, 5, 5]), 0);
  // Zeros and negatives are left out, keeping their month index: 1, 4 at x = 0, 2 → ln 4 / 2 per month.
  assert.ok(Math.abs(logLinearSlope([1, 0, 4, -1, 16])! - Math.LN2) < 1e-12);
  assert.equal(logLinearSlope([1, 0, 4]), undefined);
  assert.equal(logLinearSlope([1, 2]), undefined);
  const t = computeTrend(series([100, 200, 400, 800, 1600, 3200]), asOfAfter(6));
  assert.ok(Math.abs(t.slope! - Math.LN2) < 1e-12);
  assert.ok(Math.abs(t.monthlyRate! - 1) < 1e-12);
  assert.equal(t.growth, (800 + 1600 + 3200) / (100 + 200 + 400) - 1);
});

test('computeTrend: growth needs all six months, a missing month is named, and a zero start gives no growth', () => {
  for (const gap of [1, 4]) {
    const values = [100, 100, 100, 100, 100, 100].map((v, i) => (i === gap ? undefined : v));
    const t = computeTrend(series(values), asOfAfter(6));
    assert.equal(t.growth, undefined, `month ${gap} missing`);
    assert.deepEqual(t.notes, [`no data for 2025-0${gap + 1}`, 'growth needs all six months']);
    assert.equal(t.shape, 'insufficient-data');
  }
  const full = computeTrend(series([100, 100, 100, 100, 100, 100]), asOfAfter(6));
  assert.deepEqual([full.notes, full.growth, full.shape], [[], 0, 'flat']);
  const zero = computeTrend(series([0, 0, 0, 5, 5, 5]), asOfAfter(6));
  assert.deepEqual([zero.growth, zero.shape], [undefined, 'insufficient-data']);
  const empty = computeTrend([], asOfAfter(6));
  assert.deepEqual([empty.months, empty.spikes, empty.notes], [[], [], ['no data on or before asOf']]);
  // Only the six months ending with the latest one count; older data is context, not the window.
  const long = computeTrend(series([1, 1, 1, 1, 100, 100, 100, 100, 100, 100]), asOfAfter(10));
  assert.deepEqual(
    long.months.map((m) => m.month),
    ['2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10'],
  );
  assert.equal(long.growth, 0);
});

test('computeTrend: four months are enough for a shape only with growth; fewer are insufficient', () => {
  // Six months whose first two are missing: no growth, so no shape.
  assert.equal(
    computeTrend(series([undefined, undefined, 100, 100, 100, 100]), asOfAfter(6)).shape,
    'insufficient-data',
  );
});

test('spikes are judged with the three months before the window as context, and only those inside it are kept', () => {
  // The window is 2025-04 … 2025-09; 2025-01 … 2025-03 are context. A spike in 2025-02 is outside,
  // one in 2025-04 (the first month of the window) is judged against 2025-01 … 2025-03.
  const values = [100, 1000, 100, 400, 100, 100, 100, 100, 100];
  const t = computeTrend(series(values), asOfAfter(9));
  assert.deepEqual(
    t.spikes.map((s) => [s.month, s.baseline, s.decayed]),
    [['2025-04', 100, true]],
  );
  assert.equal(t.shape, 'spike-and-decay');
  // Context reaches back three months, not further: a single earlier month makes no baseline.
  assert.deepEqual(detectSpikes([]), []);
  // A spike that held is not reported; an even number of months before it takes the mean of the middle two.
  const s = detectSpikes(
    [100, 300, 800, 100].map((value, i) => ({
      month: `2025-0${i + 1}`,
      value,
      windowStart: utc(2025, i),
      windowEnd: utc(2025, i + 1),
    })),
  );
  assert.deepEqual(
    s.map((x) => [x.month, x.baseline]),
    [['2025-03', 200]],
  );
});

test('the climbing floor: growth beyond the band, no month below the lowest before it, and the last three above the first three’s lowest', () => {
  const shape = (v: number[]) => computeTrend(series(v), asOfAfter(6)).shape;
  assert.equal(shape([100, 120, 110, 130, 140, 150]), 'climbing-floor');
  // A month below every month before it (from the third on) breaks the floor.
  assert.equal(shape([100, 120, 95, 200, 210, 220]), 'growing');
  // The last month below the lowest of the first three: not a floor, though growth is high. (The
  // floor rule already implies the last three stay above the first three's lowest.)
  assert.equal(shape([100, 120, 130, 200, 220, 99]), 'growing');
  assert.equal(shape([150, 140, 130, 120, 110, 100]), 'declining');
});
