// Every documented threshold of the signals, table-driven: at the threshold, one step below and one
// step above, each test named after the rule in the docs. Made-up inputs, all in-repo: a mutation
// that moves a boundary by one comparison (`<` for `<=`, 1% for 10%) fails one of these rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeTrend, detectSpikes, SPIKE_RULES, type MonthValue, type SeriesPoint } from './trend.js';
import { reuploadReason, type FanoutNode } from './fanout.js';
import { kaplanMeier, medianBound } from './issue-tracker-health.js';
import { coverHalf } from './contributors.js';
import { computeConcentration, distributionStats, distributionStatsOfCounts } from './ecosystem/concentration.js';
import { suspectWindows, SUSPECT_RATIO } from './suspect-windows.js';
import { ATTENTION_RULES, computeAttentionUsage, percentileRank } from './attention-usage.js';
import { computeNoiseSplit } from './noise.js';

const month = (i: number): string => `2025-${String(i + 1).padStart(2, '0')}`;
const months = (values: readonly number[]): MonthValue[] =>
  values.map((value, i) => ({
    month: month(i),
    value,
    windowStart: new Date(Date.UTC(2025, i, 1)),
    windowEnd: new Date(Date.UTC(2025, i + 1, 1)),
  }));
/** Calendar-month windows, January 2025 onwards, judged as of the end of the last one. */
const series = (values: readonly number[]): { points: SeriesPoint[]; asOf: Date } => ({
  points: values.map((value, i) => ({
    windowStart: new Date(Date.UTC(2025, i, 1)),
    windowEnd: new Date(Date.UTC(2025, i + 1, 1)),
    value,
  })),
  asOf: new Date(Date.UTC(2025, values.length, 1)),
});

test('docs/tiers.md spike rule: a month ≥ 3 × the median of the three before is a spike (at, below, above)', () => {
  assert.equal(SPIKE_RULES.minRatio, 3);
  // Baseline: the median of 90, 100, 130 is 100; the month after falls to a tenth.
  for (const [value, spike] of [
    [300, true],
    [299, false],
    [301, true],
  ] as const) {
    const found = detectSpikes(months([90, 100, 130, value, 30]));
    assert.equal(found.length, spike ? 1 : 0, `${value} against a baseline of 100`);
    if (spike) assert.deepEqual([found[0]!.month, found[0]!.baseline, found[0]!.ratio], [month(3), 100, value / 100]);
  }
  // The median, not the mean: one high month before (itself a spike) does not lift the baseline.
  assert.deepEqual(
    detectSpikes(months([100, 100, 1000, 300, 30])).map((s) => [s.month, s.baseline]),
    [
      [month(2), 100],
      [month(3), 100],
    ],
  );
  // A zero baseline never makes a spike (no division by zero, no infinite ratio).
  assert.equal(detectSpikes(months([0, 0, 0, 300, 30])).length, 0);
});

test('docs/tiers.md decay rule: a spike decayed when the next month is ≤ 0.5 × it; above that the jump holds (at, below, above)', () => {
  assert.equal(SPIKE_RULES.decayedBelow, 0.5);
  for (const [next, kept] of [
    [150, true],
    [149, true],
    [151, false],
  ] as const) {
    const found = detectSpikes(months([100, 100, 100, 300, next]));
    assert.equal(found.length, kept ? 1 : 0, `next ${next} after 300`);
    if (kept) assert.deepEqual([found[0]!.next, found[0]!.nextRatio, found[0]!.decayed], [next, next / 300, true]);
  }
  // The latest month: its fate is unknown, it is kept with decayed undefined.
  const latest = detectSpikes(months([100, 100, 100, 300]));
  assert.deepEqual([latest.length, latest[0]?.decayed, latest[0]?.next], [1, undefined, undefined]);
  // A decayed spike makes the six months spike-and-decay; a held jump does not.
  const decayed = series([100, 100, 100, 300, 150, 150]);
  assert.equal(computeTrend(decayed.points, decayed.asOf).shape, 'spike-and-decay');
  const held = series([100, 100, 100, 300, 151, 151]);
  assert.notEqual(computeTrend(held.points, held.asOf).shape, 'spike-and-decay');
});

test('docs/tiers.md download trend: growth and its ±10 % noise band: flat inside, growing or declining outside (one step either side)', () => {
  // growth = sum(last 3) / sum(previous 3) − 1; no integer sums give exactly ±0.1 in floating point,
  // so the rows sit one part in a million either side of the band's edges.
  const shape = (last: number) => {
    const s = series([1e6, 1e6, 1e6, last, 1e6, 1e6]);
    return computeTrend(s.points, s.asOf);
  };
  for (const [last, expected] of [
    [1_300_001, 'climbing-floor'], // growth = +0.1000003, and no month below the lowest before it
    [1_299_999, 'flat'], // +0.0999997
    [699_999, 'declining'], // −0.1000003
    [700_001, 'flat'], // −0.0999997
  ] as const) {
    const t = shape(last);
    assert.equal(t.shape, expected, `last month ${last}: growth ${t.growth}`);
  }
  // The same edges when the floor does not hold (the last month dips below every month before).
  for (const [fifth, expected] of [
    [1_301_001, 'growing'], // growth = +0.1000003
    [1_300_999, 'flat'], // +0.0999997
  ] as const) {
    const s = series([1e6, 1e6, 1e6, 1e6, fifth, 999_000]);
    assert.equal(computeTrend(s.points, s.asOf).shape, expected, `fifth month ${fifth}`);
  }
  // Growth is last 3 over the 3 before, not month over month.
  assert.equal(shape(1_300_001).growth, 3_300_001 / 3_000_000 - 1);
  // A climbing floor needs growth beyond the band and every month at least the lowest before it.
  const climbing = series([100, 110, 105, 120, 130, 140]);
  assert.equal(computeTrend(climbing.points, climbing.asOf).shape, 'climbing-floor');
  const dipped = series([100, 110, 99, 120, 130, 140]);
  assert.equal(computeTrend(dipped.points, dipped.asOf).shape, 'growing');
  // Growth needs all six months; four months give no shape.
  const short = series([100, 100, 100, 100, 100]);
  assert.deepEqual(
    [computeTrend(short.points, short.asOf).growth, computeTrend(short.points, short.asOf).shape],
    [undefined, 'insufficient-data'],
  );
});

test('docs/fanout.md re-upload tolerance: a same-name child within 1 % of the parent’s parameters is a re-upload (at, below, above)', () => {
  const at = (parameters: number) =>
    reuploadReason(
      'someone/Llama-2-7b-chat-hf-GGUF',
      'quantized',
      'meta-llama/Llama-2-7b-chat-hf',
      new Map<string, FanoutNode>([
        ['meta-llama/Llama-2-7b-chat-hf', { id: 'meta-llama/Llama-2-7b-chat-hf', parameters: 100_000 }],
        ['someone/Llama-2-7b-chat-hf-GGUF', { id: 'someone/Llama-2-7b-chat-hf-GGUF', parameters }],
      ]),
    );
  for (const [parameters, reupload] of [
    [101_000, true], // +1 %: at the tolerance
    [100_999, true],
    [101_001, false], // one step beyond: pruned or resized, new work
    [99_000, true], // −1 %
    [98_999, false],
    [110_000, false], // 10 %: far outside
    [90_000, false],
  ] as const)
    assert.equal(at(parameters) !== undefined, reupload, `${parameters} parameters against 100,000`);
  assert.match(at(101_000) ?? '', /same parameter count/);
  // Unknown counts do not block the name rule.
  assert.notEqual(
    reuploadReason('someone/Llama-2-7b-chat-hf-GGUF', 'quantized', 'meta-llama/Llama-2-7b-chat-hf', new Map()),
    undefined,
  );
});

test('docs/issue-health.md Kaplan–Meier: censored items leave the risk set, which changes the median (event at 1, two censored at 2, events at 3 and 4: p50 = 3)', () => {
  // S(1) = 4/5; the two censored at 2 leave 2 at risk; S(3) = 4/5 · 1/2 = 0.4 ≤ 0.5 → p50 = 3.
  // Leaving them in the risk set gives S(3) = 4/5 · 3/4 = 0.6 and p50 = 4.
  const k = kaplanMeier([
    { t: 1, event: true },
    { t: 2, event: false },
    { t: 2, event: false },
    { t: 3, event: true },
    { t: 4, event: true },
  ]);
  assert.deepEqual([k.p50, k.p90, k.events, k.censored, k.maxObserved], [3, 4, 3, 2, 4]);
  // Input order does not matter.
  assert.equal(kaplanMeier([3, 2, 4, 2, 1].map((t) => ({ t, event: t !== 2 }))).p50, 3);
  // An event and a censoring at the same time: the event counts first (the censored item was at risk).
  // n = 4: S(1) = 3/4; at 2 one event of 3 at risk → S = 0.5 → p50 = 2.
  const tie = kaplanMeier([
    { t: 1, event: true },
    { t: 2, event: false },
    { t: 2, event: true },
    { t: 5, event: false },
  ]);
  assert.deepEqual([tie.p50, tie.p90], [2, undefined]);
  // Exactly half: S = 0.5 reaches the median (≤ 1 − q, not <).
  assert.equal(kaplanMeier([1, 2].map((t) => ({ t, event: true }))).p50, 1);
  // p90 at exactly 0.1: ten events, S(9) = 0.1.
  assert.equal(kaplanMeier(Array.from({ length: 10 }, (_, i) => ({ t: i + 1, event: true }))).p90, 9);
  // Most still waiting: the median is a lower bound at the longest time observed.
  const waiting = kaplanMeier([
    { t: 1, event: true },
    { t: 6, event: false },
    { t: 8, event: false },
  ]);
  assert.deepEqual(medianBound(waiting), { days: 8, exact: false });
  assert.deepEqual(medianBound(k), { days: 3, exact: true });
  assert.equal(medianBound(undefined), undefined);
  assert.deepEqual(kaplanMeier([]), { p50: undefined, p90: undefined, events: 0, censored: 0, maxObserved: undefined });
});

test('docs/contributors.md bus and elephant factors: the fewest carrying at least half, exactly 50 % included (at, below, above)', () => {
  for (const [values, factor] of [
    [[50, 30, 20], 1], // exactly half
    [[49, 31, 20], 2], // one step below half
    [[51, 29, 20], 1],
    [[25, 25, 25, 25], 2], // ties: two of four reach exactly half
    [[25, 25, 24, 26], 2],
    [[1, 1, 1], 2],
  ] as const)
    assert.equal(coverHalf(values), factor, values.join(', '));
  assert.equal(coverHalf([0]), null);
});

test('docs/ecosystem.md Gini and HHI with ties: equal units give 0 and 1/n; tied ranks are summed, not dropped', () => {
  // [1, 1, 2, 2]: mean absolute difference / (2 · mean) = 8 / (2 · 16 · 1.5) = 1/6; HHI = 10/36.
  const ties = computeConcentration(distributionStats([2, 1, 2, 1], [1, 3]), [1, 3]);
  assert.ok(Math.abs(ties.gini! - 1 / 6) < 1e-12, `gini ${ties.gini}`);
  assert.ok(Math.abs(ties.hhi! - 10 / 36) < 1e-12, `hhi ${ties.hhi}`);
  assert.deepEqual(
    ties.top.map((t) => t.share),
    [2 / 6, 5 / 6],
  );
  // The histogram form gives the same sums as the list form.
  assert.deepEqual(
    distributionStatsOfCounts(
      [
        [1, 2],
        [2, 2],
      ],
      [1, 3],
    ),
    distributionStats([1, 1, 2, 2], [1, 3]),
  );
  assert.deepEqual(distributionStats([1, 1, 2, 2], [1, 3]), {
    n: 4,
    total: 6,
    sumSquares: 10,
    rankWeightedSum: 1 + 2 + 6 + 8,
    zeros: 0,
    topSums: { '1': 2, '3': 5 },
  });
  const equal = computeConcentration(distributionStats([5, 5, 5, 5], [2]), [2]);
  assert.deepEqual([equal.gini, equal.hhi, equal.top[0]!.share, equal.zeroShare], [0, 0.25, 0.5, 0]);
  // One unit has everything: HHI 1, Gini (n−1)/n; zeros are counted.
  const one = computeConcentration(distributionStats([0, 0, 0, 8], [1]), [1]);
  assert.deepEqual([one.hhi, one.gini, one.top[0]!.share, one.zeroShare], [1, 0.75, 1, 0.75]);
  const none = computeConcentration(distributionStats([0, 0], [1]), [1]);
  assert.deepEqual([none.hhi, none.gini, none.top[0]!.share, none.zeroShare], [null, null, null, 1]);
});

test('docs/tiers.md suspect windows: more than 100 × every neighbour is suspect (at, below, above)', () => {
  assert.equal(SUSPECT_RATIO, 100);
  for (const [value, suspect] of [
    [10_000, false], // exactly 100 ×: not more than
    [10_001, true],
    [9_999, false],
  ] as const)
    assert.deepEqual(suspectWindows([100, value, 100]), suspect ? [1] : [], `${value}`);
  // Every neighbour must be exceeded; a neighbour of 0 counts as 1; the latest compares with one.
  assert.deepEqual(suspectWindows([100, 10_001, 10_000]), []);
  assert.deepEqual(suspectWindows([0, 101]), [1]);
  assert.deepEqual(suspectWindows([0, 100]), []);
  assert.deepEqual(suspectWindows([5]), []);
});

test('docs/tiers.md attention vs usage: stars growing at ≥ 10 % in six months, downloads in a ±10 % band (at, below, above)', () => {
  assert.deepEqual([ATTENTION_RULES.starsGrowing, ATTENTION_RULES.usageBand], [0.1, 0.1]);
  const asOf = new Date('2026-04-01T00:00:00Z');
  const flatDownloads = series([100, 100, 100, 100, 100, 100]);
  const trend = computeTrend(flatDownloads.points, flatDownloads.asOf);
  const starsTrend = (now: number) =>
    computeAttentionUsage(
      {
        stars: [
          { at: new Date('2025-10-01T00:00:00Z'), value: 1000 },
          { at: new Date('2026-03-30T00:00:00Z'), value: now },
        ],
        downloadTrend: trend,
        downloads30d: 100,
        dependents: undefined,
      },
      asOf,
    ).stars.trend;
  for (const [now, expected] of [
    [1100, 'growing'], // +10 %: at
    [1099, 'flat'],
    [1101, 'growing'],
  ] as const)
    assert.equal(starsTrend(now), expected, `stars 1000 → ${now}`);
  // Peer percentiles: mid-rank, so a tie sits in the middle.
  assert.equal(percentileRank(2, [1, 2, 3]), 0.5);
  assert.equal(percentileRank(0, [1, 2, 3]), 0);
});

test('docs/pypi-noise.md human band: high is every unflagged download; low scales the silent installers by the CI rate of pip and uv', () => {
  // pip/uv report CI on 200 of 1,000 (20 %); 600 human downloads from installers that never report it.
  const s = computeNoiseSplit({ raw: 2000, mirror: 200, ci: 200, bot: 0, human: 1400, ciReporting: 1000 });
  // silent = 1400 − (1000 − 200) = 600; low = 1400 − 600 · 0.2 = 1280.
  assert.deepEqual(s.humanBand, { low: 1280, high: 1400 });
  assert.deepEqual(s.shares, { human: 0.7, ci: 0.1, mirror: 0.1, bot: 0 });
  // No CI-reporting installer: no lower estimate, said so.
  const none = computeNoiseSplit({ raw: 100, mirror: 0, ci: 0, bot: 0, human: 100 });
  assert.deepEqual(none.humanBand, { low: 100, high: 100 });
  assert.ok(none.caveats.some((c) => c.includes('no lower estimate')));
  assert.equal(computeNoiseSplit({ raw: 0, mirror: 0, ci: 0, bot: 0, human: 0 }).humanBand, null);
  // The CI rate is capped at 1 and the band never goes below 0.
  assert.deepEqual(computeNoiseSplit({ raw: 50, mirror: 0, ci: 30, bot: 0, human: 20, ciReporting: 10 }).humanBand, {
    low: 0,
    high: 20,
  });
});

test('concentration over no units: every figure null, not NaN; over units that all have 0: zero share 1', () => {
  const none = computeConcentration(distributionStats([], [1]), [1]);
  assert.deepEqual(none, { units: 0, total: 0, hhi: null, gini: null, top: [{ n: 1, share: null }], zeroShare: null });
  const zeros = computeConcentration(distributionStats([0, 0], [1]), [1]);
  assert.deepEqual(zeros, { units: 2, total: 0, hhi: null, gini: null, top: [{ n: 1, share: null }], zeroShare: 1 });
});
