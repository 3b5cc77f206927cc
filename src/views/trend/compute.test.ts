// The trend view's rules: judged as of the date asked for, else where the kind's data ends, else
// today; the series as stored; the six months, growth, slope and shape of the trend signal; each
// spike in a sentence (fell back, held, or the latest month); the summary in one sentence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subject } from '../../domain/subject.js';
import type { SeriesPoint } from '../../signals/trend.js';
import { computeTrendView, describeSpike, spikeModel } from './compute.js';

/** Calendar-month windows, January 2026 onwards. */
const points = (values: readonly number[]): SeriesPoint[] =>
  values.map((value, i) => ({
    windowStart: new Date(Date.UTC(2026, i, 1)),
    windowEnd: new Date(Date.UTC(2026, i + 1, 1)),
    value,
  }));
const inputs = (values: readonly number[], latestData?: Date) => ({
  subject: subject('pypi', 'vllm'),
  points: points(values),
  basis: 'daily-summed' as const,
  sources: ['clickpy'],
  origins: ['https://clickpy'],
  latest: undefined,
  ...(latestData ? { latestData } : {}),
});

test('trend view: as of the latest data; the series, the six months, growth, slope and shape', () => {
  const today = new Date('2026-07-10T00:00:00Z');
  const v = computeTrendView(inputs([100, 100, 100, 200, 200, 200], new Date(Date.UTC(2026, 6, 1))), { today });
  assert.equal(v.schema, 'kept.trend/v1');
  assert.equal(v.subject, 'pypi:vllm');
  assert.equal(v.asOf, '2026-07-01');
  assert.equal(v.freshness.asOfBasis, 'latest-data');
  assert.equal(v.basis, 'daily-summed');
  assert.deepEqual(v.sources, ['clickpy']);
  assert.deepEqual(v.origins, ['https://clickpy']);
  assert.equal(v.dataEnds, '2026-07-01');
  assert.equal(v.series.length, 6);
  assert.deepEqual(v.series[0], { windowStart: '2026-01-01', windowEnd: '2026-02-01', value: 100 });
  assert.deepEqual(v.months[5], { month: '2026-06', value: 200, windowEnd: '2026-07-01' });
  assert.equal(v.growth, 1);
  assert.ok(v.slope !== null && v.slope > 0);
  assert.ok(v.monthlyRate !== null && Math.abs(v.monthlyRate - (Math.exp(v.slope) - 1)) < 1e-12);
  assert.equal(v.shape, 'climbing-floor');
  assert.deepEqual(v.spikes, []);
  assert.equal(v.summary, 'pypi:vllm: 200 downloads in 2026-06, +100% over six months (climbing-floor).');
});

test('trend view: a date asked for cuts the series there; data ending 45+ days before it is stale', () => {
  const v = computeTrendView(inputs([100, 100, 100, 100]), {
    asOf: new Date(Date.UTC(2026, 2, 1)),
    today: new Date('2026-12-01T00:00:00Z'),
  });
  assert.equal(v.asOf, '2026-03-01');
  assert.equal(v.freshness.asOfBasis, 'requested');
  assert.equal(v.dataEnds, '2026-03-01');
  assert.equal(v.series.length, 4, 'the series is shown as stored');
  assert.equal(v.months.length, 2);
  assert.equal(v.growth, null);
  assert.equal(v.slope, null);
  assert.equal(v.monthlyRate, null);
  assert.equal(v.summary, 'pypi:vllm: 100 downloads in 2026-02, six-month growth unknown (insufficient-data).');
  const stale = computeTrendView(inputs([100]), {
    asOf: new Date(Date.UTC(2026, 4, 1)),
    today: new Date(Date.UTC(2026, 4, 1)),
  });
  assert.equal(stale.dataEnds, '2026-02-01');
  assert.equal(stale.freshness.stale, true);
  assert.match(stale.freshness.note ?? '', /the download data of pypi:vllm ends 2026-02-01/);
});

test('trend view: no month on or before the date judged, no data, today', () => {
  const v = computeTrendView(inputs([100]), {
    asOf: new Date(Date.UTC(2025, 11, 1)),
    today: new Date(Date.UTC(2026, 0, 1)),
  });
  assert.equal(v.dataEnds, null);
  assert.deepEqual(v.months, []);
  assert.equal(v.summary, 'pypi:vllm: no complete month of downloads on or before the date judged.');
  const none = computeTrendView({ ...inputs([]) }, { today: new Date(Date.UTC(2026, 0, 1)) });
  assert.equal(none.asOf, '2026-01-01');
  assert.equal(none.freshness.asOfBasis, 'today');
});

test('trend view: a spike (≥ 3× the months before) that fell back, and one that is the latest month', () => {
  const v = computeTrendView(inputs([100, 100, 100, 1000, 100, 100, 900], new Date(Date.UTC(2026, 7, 1))), {
    today: new Date(Date.UTC(2026, 7, 1)),
  });
  assert.deepEqual(
    v.spikes.map((s) => [s.month, s.value, s.baseline, s.ratio, s.next, s.decayed]),
    [
      ['2026-04', 1000, 100, 10, 100, true],
      ['2026-07', 900, 100, 9, null, null],
    ],
  );
  assert.equal(
    v.spikes[0]!.description,
    '2026-04: 1,000, 10.0× the 100 of the months before; fell back to 100 the next month',
  );
  assert.equal(
    v.spikes[1]!.description,
    '2026-07: 900, 9.0× the 100 of the months before; the latest month, decay not yet known',
  );
});

test('describeSpike: held when the next month stays above half; a missing next reads as 0', () => {
  const base = { month: '2026-04', value: 1000, baseline: 200, ratio: 5 };
  assert.equal(
    describeSpike({ ...base, next: 800, decayed: false }),
    '2026-04: 1,000, 5.0× the 200 of the months before; held at 800 the next month',
  );
  assert.equal(
    describeSpike({ ...base, next: null, decayed: false }),
    '2026-04: 1,000, 5.0× the 200 of the months before; held at 0 the next month',
  );
  assert.equal(
    describeSpike({ ...base, next: null, decayed: true }),
    '2026-04: 1,000, 5.0× the 200 of the months before; fell back to 0 the next month',
  );
  assert.deepEqual(
    spikeModel({
      month: '2026-04',
      value: 1000,
      baseline: 200,
      ratio: 5,
      next: undefined,
      nextRatio: undefined,
      decayed: undefined,
    }),
    {
      ...base,
      next: null,
      decayed: null,
      description: '2026-04: 1,000, 5.0× the 200 of the months before; the latest month, decay not yet known',
    },
  );
});
