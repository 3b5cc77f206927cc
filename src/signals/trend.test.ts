import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPypiSeries } from '../../test/helpers/signal-fixtures.js';
import { computeTrend, detectSpikes, logLinearSlope, monthlySeries } from './trend.js';

// Real series from ../shared/data/pypi-top-monthly.csv.gz (hugovk/top-pypi-packages history).
const realSeries = demoPypiSeries; // the committed demo subset of the real top-pypi-packages history

const day = (s: string) => new Date(`${s}T00:00:00Z`);

test('vllm as of 2026-04-01: growth is last 3 months over the 3 before, from the real snapshots', () => {
  const t = computeTrend(realSeries('vllm'), day('2026-04-01'));
  assert.deepEqual(
    t.months.map((m) => m.month),
    ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'],
  );
  // Snapshots 2025-11-01 … 2026-04-01 (each counts the 30 days before it).
  const prev = 5202180 + 3536050 + 3285571;
  const last = 3183654 + 4356394 + 8432809;
  assert.ok(Math.abs(t.growth! - (last / prev - 1)) < 1e-12);
  assert.ok(t.slope !== undefined && t.slope > 0);
  assert.equal(t.months[5]!.value, 8432809);
});

test('sglang: the January 2026 month spikes and decays; March 2026 is a spike whose decay is unknown', () => {
  const t = computeTrend(realSeries('sglang'), day('2026-04-01'));
  const byMonth = Object.fromEntries(t.spikes.map((s) => [s.month, s]));
  assert.equal(byMonth['2026-01']?.value, 15476698);
  assert.equal(byMonth['2026-01']?.decayed, true);
  assert.equal(byMonth['2026-01']?.next, 2922103);
  assert.equal(byMonth['2026-03']?.value, 35999206);
  assert.equal(byMonth['2026-03']?.decayed, undefined);
  assert.equal(byMonth['2025-12'], undefined, 'a jump that holds is not a spike');
  assert.equal(t.shape, 'spike-and-decay');
});

test('windows after asOf are ignored and gaps are reported', () => {
  const t = computeTrend(realSeries('vllm'), day('2025-06-15'));
  assert.equal(t.months[t.months.length - 1]!.month, '2025-05'); // the 2025-06-13 snapshot counts mid-May to mid-June
  const gappy = computeTrend(
    [{ windowStart: day('2026-01-01'), windowEnd: day('2026-01-31'), value: 5 }],
    day('2026-02-01'),
  );
  assert.equal(gappy.growth, undefined);
  assert.equal(gappy.shape, 'insufficient-data');
  assert.ok(gappy.notes.some((n) => n.includes('no data for')));
  assert.equal(computeTrend([], day('2026-01-01')).shape, 'insufficient-data');
});

test('monthly series keeps the last window of each month (weekly 2018 snapshots collapse to one)', () => {
  const m = monthlySeries(realSeries('requests').filter((p) => p.windowEnd < day('2018-06-01')));
  assert.equal(new Set(m.map((x) => x.month)).size, m.length);
});

test('log-linear slope: doubling every month gives ln 2', () => {
  assert.ok(Math.abs(logLinearSlope([1, 2, 4, 8, 16, 32])! - Math.log(2)) < 1e-12);
  assert.equal(logLinearSlope([5, 0]), undefined);
});

test('spike table', () => {
  const mk = (vals: number[]) =>
    vals.map((value, i) => ({
      month: `2025-${String(i + 1).padStart(2, '0')}`,
      value,
      windowStart: day('2025-01-01'),
      windowEnd: day('2025-01-31'),
    }));
  const cases: [number[], string[]][] = [
    [[10, 10, 10, 50, 10], ['2025-04']],
    [[10, 10, 10, 50, 45], ['2025-05']], // 50 held (a step, not a spike); 45 is the latest, still 4.5× the median before it
    [[10, 10, 10, 29, 5], []],
    [[10, 10, 10, 10, 40], ['2025-05']],
  ];
  for (const [vals, want] of cases)
    assert.deepEqual(
      detectSpikes(mk(vals)).map((s) => s.month),
      want,
      vals.join(','),
    );
});
