// Star bursts, table-driven on synthetic daily gains: a two-day burst on a steady repository, the
// same stars spread over a year, a launch, a week-long campaign, usage that follows or not, and a
// small repository's one big day.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY_MS, isoDate } from '../domain/time.js';
import { computeStarBursts, gainsFromCumulative, type DailyGain } from './star-bursts.js';
import type { SeriesPoint } from './trend.js';

const START = Date.UTC(2024, 11, 1);
const AS_OF = new Date(Date.UTC(2026, 11, 1));
const DAYS = Math.round((AS_OF.getTime() - START) / DAY_MS);
const day = (i: number): string => isoDate(new Date(START + i * DAY_MS));

/** About 20 stars a day (15 to 25, deterministic), plus extra stars on chosen days. */
function gains(extra: (i: number) => number = () => 0, base = (i: number) => 20 + ((i * 7919) % 11) - 5): DailyGain[] {
  return Array.from({ length: DAYS }, (_, i) => ({ day: day(i), stars: base(i) + extra(i) }));
}

/** Daily downloads, flat at about 1,000 a day, or rising after `from` by `growth`. */
function downloads(from = Infinity, growth = 0): SeriesPoint[] {
  return Array.from({ length: DAYS }, (_, i) => ({
    windowStart: new Date(START + i * DAY_MS),
    windowEnd: new Date(START + (i + 1) * DAY_MS),
    value: Math.round((1000 + ((i * 31) % 40)) * (i >= from ? 1 + growth : 1)),
  }));
}

const BURST = DAYS - 90; // about three months before asOf

test('3,000 stars in two days on a repository gaining about 20 a day: one burst, dated, with its ratio; downloads flat', () => {
  const r = computeStarBursts(
    { gains: gains((i) => (i === BURST || i === BURST + 1 ? 1500 : 0)), downloads: downloads() },
    AS_OF,
  );
  assert.equal(r.found, 1);
  const b = r.bursts[0]!;
  assert.equal(b.kind, 'day');
  assert.equal(b.start, day(BURST));
  assert.equal(b.end, day(BURST + 1));
  assert.equal(b.stars, 3000 + gains()[BURST]!.stars + gains()[BURST + 1]!.stars);
  assert.equal(b.baselineMedian, 20);
  assert.ok(b.ratio! > 70 && b.ratio! < 80, String(b.ratio));
  assert.equal(b.usage.reading, 'flat');
  assert.equal(b.followedByUsage, false);
  assert.match(
    b.text,
    new RegExp(
      `^3,0\\d\\d stars on ${day(BURST)} to ${day(BURST + 1)}, 7\\d× its 12-week median on ${day(BURST)}; downloads flat \\([+-]?\\d\\.\\d% in the 30 days after\\)$`,
    ),
  );
  assert.deepEqual(r.unmatched, [b], 'attention evidence: recent, and usage did not follow');
});

test('the same 3,000 stars spread over a year are not a burst', () => {
  const r = computeStarBursts({ gains: gains((i) => (i >= DAYS - 365 ? (i % 73 < 16 ? 9 : 8) : 0)) }, AS_OF);
  assert.equal(r.found, 0);
});

test("a repository's launch is not judged: the first 28 days have no baseline", () => {
  const launch = gains((i) => (i < 3 ? 2000 : 0));
  assert.equal(computeStarBursts({ gains: launch }, AS_OF).found, 0);
});

test('a week-long campaign (150 a day on 20) is a week burst, though no single day is', () => {
  const r = computeStarBursts({ gains: gains((i) => (i >= BURST && i < BURST + 14 ? 130 : 0)) }, AS_OF);
  assert.ok(r.found >= 1);
  assert.ok(r.bursts.every((b) => b.kind === 'week'));
  const b = r.bursts[r.bursts.length - 1]!;
  assert.ok(b.ratio! >= 5, String(b.ratio));
  assert.match(b.text, /stars in the week of \d{4}-\d\d-\d\d, \d+(\.\d)?× its 12-week median; usage unknown/);
});

test('usage that follows: downloads up after the burst match it, and it is no evidence', () => {
  const r = computeStarBursts(
    { gains: gains((i) => (i === BURST ? 2400 : 0)), downloads: downloads(BURST + 1, 0.6) },
    AS_OF,
  );
  const b = r.bursts[0]!;
  assert.equal(b.usage.reading, 'rising');
  assert.equal(b.followedByUsage, true);
  assert.match(
    b.text,
    /^2,4\d\d stars on \d{4}-\d\d-\d\d, 1\d\d× its 12-week median; downloads \+6\d% in the 30 days after$/,
  );
  assert.deepEqual(r.unmatched, []);
});

test('without usage data the burst stands, its usage unknown; a burst three days old is too recent to judge', () => {
  const r = computeStarBursts({ gains: gains((i) => (i === BURST ? 2400 : 0)) }, AS_OF);
  assert.equal(r.bursts[0]!.followedByUsage, undefined);
  assert.match(r.bursts[0]!.text, /; usage unknown \(no downloads, dependents or forks around it\)$/);
  const recent = computeStarBursts({ gains: gains((i) => (i === DAYS - 3 ? 2400 : 0)), downloads: downloads() }, AS_OF);
  assert.match(recent.bursts[0]!.text, /too recent to judge downloads$/);
  assert.equal(recent.unmatched.length, 1, 'unknown usage is not a match');
});

test('dependents stand in for downloads when there is no download series', () => {
  const at = (i: number): Date => new Date(START + i * DAY_MS);
  const r = computeStarBursts(
    {
      gains: gains((i) => (i === BURST ? 2400 : 0)),
      dependents: [
        { at: at(BURST - 10), value: 200 },
        { at: at(BURST + 40), value: 204 },
      ],
    },
    AS_OF,
  );
  assert.equal(r.bursts[0]!.usage.basis, 'dependents');
  assert.match(r.bursts[0]!.text, /; dependents flat \(200 → 204\)$/);
});

test('forks stand in when neither downloads nor dependents bracket the burst', () => {
  const at = (i: number): Date => new Date(START + i * DAY_MS);
  const r = computeStarBursts(
    {
      gains: gains((i) => (i === BURST ? 2400 : 0)),
      // Dependents stored only after the burst: they cannot say what changed.
      dependents: [{ at: at(BURST + 40), value: 204 }],
      forks: [
        { at: at(BURST - 5), value: 1000 },
        { at: at(BURST + 35), value: 1600 },
      ],
    },
    AS_OF,
  );
  assert.equal(r.bursts[0]!.usage.basis, 'forks');
  assert.equal(r.bursts[0]!.followedByUsage, true);
  assert.match(r.bursts[0]!.text, /; forks \+60(\.0)?% \(1,000 → 1,600\)$/);
  assert.equal(r.unmatched.length, 0, 'usage followed: no evidence');
});

test("a small repository's one big day (median 0) is flagged, its ratio unknown: a false positive to read with care", () => {
  const r = computeStarBursts(
    {
      gains: gains(
        (i) => (i === BURST ? 150 : 0),
        (i) => (i % 9 === 0 ? 1 : 0),
      ),
    },
    AS_OF,
  );
  assert.equal(r.found, 1);
  assert.equal(r.bursts[0]!.ratio, undefined);
  assert.match(r.bursts[0]!.text, /^150 stars on \d{4}-\d\d-\d\d, against a 12-week median of 0 a day; usage unknown/);
});

test('gains from a cumulative curve of day-end levels; skipped days gained nothing', () => {
  const end = (d: string): Date => new Date(Date.parse(`${d}T00:00:00Z`) + DAY_MS);
  assert.deepEqual(
    gainsFromCumulative([
      { at: end('2026-03-03'), value: 12 },
      { at: end('2026-03-01'), value: 5 },
      { at: end('2026-03-02'), value: 5 },
    ]),
    [
      { day: '2026-03-01', stars: 5 },
      { day: '2026-03-02', stars: 0 },
      { day: '2026-03-03', stars: 7 },
    ],
  );
});

// Exact series for the thresholds: day 0 is Monday 2025-01-06; asOf is the day after the last.
const MONDAY = Date.UTC(2025, 0, 6);
const dayFrom = (i: number): string => isoDate(new Date(MONDAY + i * DAY_MS));
const exact = (values: readonly number[]): DailyGain[] => values.map((stars, i) => ({ day: dayFrom(i), stars }));
const asOfAfter = (n: number): Date => new Date(MONDAY + n * DAY_MS);
const flat = (n: number, v: number): number[] => Array.from({ length: n }, () => v);
const burstsOf = (values: readonly number[]): string[] =>
  computeStarBursts({ gains: exact(values) }, asOfAfter(values.length)).bursts.map((b) => `${b.kind} ${b.start}`);

test('star bursts, a day (docs/star-history.md): at least 100 stars, on a median of 0', () => {
  assert.deepEqual(burstsOf([...flat(90, 0), 100]), [`day ${dayFrom(90)}`]);
  assert.deepEqual(burstsOf([...flat(90, 0), 99]), []);
});

test('star bursts, a day: at least 10× the median of the 12 weeks before', () => {
  assert.deepEqual(burstsOf([...flat(90, 20), 200]), [`day ${dayFrom(90)}`]);
  assert.deepEqual(burstsOf([...flat(90, 20), 199]), []);
});

test('star bursts, a day: at least 8 robust deviations (1.4826 × MAD) above the median', () => {
  // Days alternate 1,250 and 10,000: median 5,625 (the mean of the two middle values), MAD 4,375;
  // 8 deviations are 8 × 1.4826 × 4,375 = 51,891 stars above the median.
  const base = Array.from({ length: 90 }, (_, i) => (i % 2 ? 10000 : 1250));
  assert.deepEqual(burstsOf([...base, 5625 + 51891]), [`day ${dayFrom(90)}`]);
  assert.deepEqual(burstsOf([...base, 5625 + 51890]), []);
  // Here 10× the median is 400 but 8 deviations need 257: the scale is the MAD's, not 1 or √median.
  const small = Array.from({ length: 90 }, (_, i) => (i % 2 ? 40 : 0));
  assert.deepEqual(burstsOf([...small, 250]), []);
  const r = computeStarBursts({ gains: exact([...small, 400]) }, asOfAfter(91));
  assert.equal(r.bursts[0]?.baselineMedian, 20);
  assert.equal(r.bursts[0]?.score, Math.round(((400 - 20) / (1.4826 * 20)) * 10) / 10);
});

test('star bursts: the baseline is the 84 days before the day, not the whole history', () => {
  assert.deepEqual(burstsOf([...flat(200, 500), ...flat(100, 10), 150]), [`day ${dayFrom(300)}`]);
});

test('star bursts: the first 28 days are not judged; a short history says so', () => {
  assert.deepEqual(burstsOf([...flat(27, 0), 0, 5000]), [`day ${dayFrom(28)}`]);
  const short = computeStarBursts({ gains: exact(flat(28, 1)) }, asOfAfter(28));
  assert.deepEqual(short.notes, ['only 28 days of star history: bursts need 28 days before them']);
  assert.equal(short.days, 28);
  assert.deepEqual(computeStarBursts({ gains: exact(flat(29, 1)) }, asOfAfter(29)).notes, []);
  const none = computeStarBursts({ gains: [] }, asOfAfter(0));
  assert.deepEqual(
    [none.days, none.found, none.bursts, none.unmatched, none.notes],
    [0, 0, [], [], ['no daily star history']],
  );
});

test('star bursts: the day of asOf is not judged, and the gains may come in any order', () => {
  const values = [...flat(60, 0), 500, ...flat(29, 0)];
  const r = computeStarBursts(
    { gains: [...exact(values), { day: dayFrom(90), stars: 9000 }].reverse() },
    asOfAfter(90),
  );
  assert.equal(r.days, 90);
  assert.deepEqual(
    r.bursts.map((b) => b.start),
    [dayFrom(60)],
  );
});

test('star bursts: consecutive flagged days are one burst, its peak the largest day (ties to the first)', () => {
  const r = computeStarBursts(
    { gains: exact([...flat(60, 0), 200, 300, 0, 0, 400, 400, ...flat(20, 0)]) },
    asOfAfter(86),
  );
  assert.deepEqual(
    r.bursts.map((b) => [b.start, b.end, b.stars, b.peakDay, b.peakStars]),
    [
      [dayFrom(64), dayFrom(65), 800, dayFrom(64), 400],
      [dayFrom(60), dayFrom(61), 500, dayFrom(61), 300],
    ],
  );
  // The score is the run's highest, to one decimal.
  assert.equal(r.bursts[1]?.score, 300);
});

test('star bursts: the latest first, at most 10 listed, all counted', () => {
  const values = flat(400, 0);
  for (let k = 0; k < 12; k++) values[40 + k * 30] = 1000;
  const r = computeStarBursts({ gains: exact(values) }, asOfAfter(400));
  assert.equal(r.found, 12);
  assert.equal(r.bursts.length, 10);
  assert.deepEqual(
    r.bursts.map((b) => b.start),
    Array.from({ length: 10 }, (_, k) => dayFrom(40 + (11 - k) * 30)),
  );
});

test('star bursts, attention evidence: bursts of the last 365 days, the bound included', () => {
  const unmatched = (i: number): string[] => {
    const values = flat(500, 0);
    values[i] = 1000;
    const r = computeStarBursts({ gains: exact(values) }, asOfAfter(500));
    assert.equal(r.found, 1);
    return r.unmatched.map((b) => b.start);
  };
  assert.deepEqual(unmatched(135), [dayFrom(135)], 'exactly 365 days before asOf');
  assert.deepEqual(unmatched(134), [], 'one day beyond the bound');
});

test('star bursts, a week: at least 300 stars in a complete Monday-to-Sunday week, on a median of 0', () => {
  const week = (total: number): number[] => [43, 43, 43, 43, 43, 43, total - 6 * 43];
  assert.deepEqual(burstsOf([...flat(70, 0), ...week(300), ...flat(7, 0)]), [`week ${dayFrom(70)}`]);
  assert.deepEqual(burstsOf([...flat(70, 0), ...week(299), ...flat(7, 0)]), []);
  const r = computeStarBursts({ gains: exact([...flat(70, 0), ...week(300), ...flat(7, 0)]) }, asOfAfter(84));
  const b = r.bursts[0]!;
  assert.deepEqual(
    [b.end, b.stars, b.peakDay, b.baselineMedian, b.ratio, b.score],
    [dayFrom(76), 300, dayFrom(70), 0, undefined, 300],
  );
  assert.match(b.text, /^300 stars in the week of 2025-03-17, against a 12-week median of 0 a week; usage unknown/);
});

test('star bursts, a week: at least 5× the median of the complete weeks before', () => {
  // 10 a day: 70 a week, scale √70; 5× is 350.
  const r = computeStarBursts({ gains: exact([...flat(70, 10), ...flat(7, 50), ...flat(7, 10)]) }, asOfAfter(84));
  assert.deepEqual(
    r.bursts.map((b) => [b.kind, b.start, b.ratio, b.score]),
    [['week', dayFrom(70), 5, Math.round(((350 - 70) / Math.sqrt(70)) * 10) / 10]],
  );
  assert.match(r.bursts[0]!.text, /^350 stars in the week of 2025-03-17, 5× its 12-week median;/);
  assert.deepEqual(burstsOf([...flat(70, 10), 49, ...flat(6, 50), ...flat(7, 10)]), []);
  // 7.5× reads with one decimal.
  const r75 = computeStarBursts({ gains: exact([...flat(70, 10), ...flat(7, 75), ...flat(7, 10)]) }, asOfAfter(84));
  assert.match(r75.bursts[0]!.text, /^525 stars in the week of 2025-03-17, 7\.5× its 12-week median;/);
});

test('star bursts, a week: only complete weeks count, before and judged', () => {
  // A history from a Tuesday: its first week is partial, so the fifth week has only three complete weeks before it.
  const fromTuesday = (values: readonly number[]): string[] =>
    computeStarBursts(
      { gains: values.map((stars, i) => ({ day: dayFrom(i + 1), stars })) },
      asOfAfter(values.length + 1),
    ).bursts.map((b) => b.start);
  assert.deepEqual(fromTuesday([...flat(6 + 21, 0), ...flat(7, 50), ...flat(7, 0)]), []);
  // From a Monday the fifth week has four before it: judged.
  assert.deepEqual(burstsOf([...flat(28, 0), ...flat(7, 50), ...flat(7, 0)]), [`week ${dayFrom(28)}`]);
  // The last week, complete on its Sunday, is judged; a last week of four days is not.
  assert.deepEqual(burstsOf([...flat(70, 0), ...flat(7, 50)]), [`week ${dayFrom(70)}`]);
  assert.deepEqual(burstsOf([...flat(70, 0), ...flat(4, 80)]), []);
});

/** Daily downloads: `before` a day until `from`, then `after` a day. */
const dailyDownloads = (n: number, from: number, before: number, after: number): SeriesPoint[] =>
  Array.from({ length: n }, (_, i) => ({
    windowStart: new Date(MONDAY + i * DAY_MS),
    windowEnd: new Date(MONDAY + (i + 1) * DAY_MS),
    value: i >= from ? after : before,
  }));

test('usage after a burst (docs/star-history.md): up 25 % or more is rising, down 25 % falling, between flat', () => {
  const values = [...flat(60, 0), 1000, ...flat(40, 0)];
  const usage = (after: number): string | undefined =>
    computeStarBursts({ gains: exact(values), downloads: dailyDownloads(101, 61, 1000, after) }, asOfAfter(101))
      .bursts[0]?.usage.reading;
  assert.deepEqual([1250, 1249, 751, 750].map(usage), ['rising', 'flat', 'flat', 'falling']);
});

test('usage after a burst: windows weighted by their overlap; 15 days before and 7 after are needed', () => {
  const values = [...flat(60, 0), 1000, ...flat(40, 0)];
  // 1,000 a day before (daily points); after it, one 60-day window of 90,000 (1,500 a day), half inside.
  const mixed: SeriesPoint[] = [
    ...dailyDownloads(60, 60, 1000, 0),
    { windowStart: new Date(MONDAY + 61 * DAY_MS), windowEnd: new Date(MONDAY + 121 * DAY_MS), value: 90000 },
  ];
  const r = computeStarBursts({ gains: exact(values), downloads: mixed }, asOfAfter(101));
  assert.equal(r.bursts[0]?.usage.change, 0.5);
  assert.match(r.bursts[0]!.text, /; downloads \+50% in the 30 days after$/);
  // A point stored as an instant counts as its day.
  const instants = dailyDownloads(101, 61, 1000, 2000).map((p) => ({ ...p, windowEnd: p.windowStart }));
  assert.equal(
    computeStarBursts({ gains: exact(values), downloads: instants }, asOfAfter(101)).bursts[0]?.usage.change,
    1,
  );
  // 15 days of downloads before the burst are enough, 14 are not.
  const from = (k: number): SeriesPoint[] => dailyDownloads(101, 61, 1000, 2000).slice(60 - k);
  const at15 = computeStarBursts({ gains: exact(values), downloads: from(15) }, asOfAfter(101)).bursts[0]!;
  assert.equal(at15.usage.change, 1);
  const at14 = computeStarBursts({ gains: exact(values), downloads: from(14) }, asOfAfter(101)).bursts[0]!;
  assert.equal(at14.usage.reading, 'unknown');
  assert.match(at14.text, /; downloads around it unknown \(the series does not cover it\)$/);
  // No downloads before at all (0 a day): unknown, not infinitely rising.
  const zero = computeStarBursts({ gains: exact(values), downloads: dailyDownloads(101, 61, 0, 2000) }, asOfAfter(101));
  assert.equal(zero.bursts[0]?.usage.reading, 'unknown');
  // 7 days after the burst are enough to judge; fewer are too recent.
  const seven = computeStarBursts(
    { gains: exact(values.slice(0, 68)), downloads: dailyDownloads(68, 61, 1000, 2000) },
    asOfAfter(68),
  );
  assert.match(seven.bursts[0]!.text, /; downloads \+100% in the 7 days after$/);
  const six = computeStarBursts(
    { gains: exact(values.slice(0, 67)), downloads: dailyDownloads(67, 61, 1000, 2000) },
    asOfAfter(67),
  );
  assert.match(six.bursts[0]!.text, /too recent to judge downloads$/);
});

test('usage after a burst: dependents on or before its first day and 30 days or more after its last', () => {
  const values = [...flat(60, 0), 1000, ...flat(60, 0)];
  const at = (i: number): Date => new Date(MONDAY + i * DAY_MS);
  const judge = (dependents: { at: Date; value: number }[]) =>
    computeStarBursts({ gains: exact(values), dependents }, asOfAfter(121)).bursts[0]!.usage;
  // The latest level on or before the first day, the earliest on or after 30 days past the last.
  const u = judge([
    { at: at(50), value: 100 },
    { at: at(60), value: 200 },
    { at: at(91), value: 250 },
    { at: at(100), value: 400 },
  ]);
  assert.deepEqual([u.basis, u.change, u.reading], ['dependents', 0.25, 'rising']);
  assert.equal(u.detail, 'dependents +25% (200 → 250)');
  assert.equal(
    judge([
      { at: at(60), value: 200 },
      { at: at(91), value: 150 },
    ]).reading,
    'falling',
  );
  // A level only 10 days after does not bracket it; nor does a level of 0 before.
  assert.equal(
    judge([
      { at: at(60), value: 200 },
      { at: at(71), value: 400 },
    ]).reading,
    'unknown',
  );
  assert.equal(
    judge([
      { at: at(60), value: 0 },
      { at: at(91), value: 400 },
    ]).reading,
    'unknown',
  );
  assert.equal(
    judge([
      { at: at(61), value: 200 },
      { at: at(91), value: 400 },
    ]).reading,
    'unknown',
  );
  assert.equal(
    judge([
      { at: at(60), value: 200 },
      { at: new Date(at(91).getTime() - 1), value: 400 },
    ]).reading,
    'unknown',
  );
});

test('the rule in one sentence names its thresholds', () => {
  const r = computeStarBursts({ gains: exact(flat(30, 0)) }, asOfAfter(30));
  assert.match(r.rule, /the 12 weeks before and 8 robust deviations/);
  assert.match(r.rule, /against the 12 weeks before; usage followed/);
  assert.match(r.rule, /are up 25% or more on the 30 days before$/);
});

test('gains from a cumulative curve: a second level on the same day is ignored', () => {
  const end = (d: string, h = 0): Date => new Date(Date.parse(`${d}T00:00:00Z`) + DAY_MS + h * 3600_000);
  assert.deepEqual(
    gainsFromCumulative([
      { at: end('2026-03-01'), value: 5 },
      { at: end('2026-03-01', 1), value: 9 },
      { at: end('2026-03-02'), value: 12 },
    ]),
    [
      { day: '2026-03-01', stars: 5 },
      { day: '2026-03-02', stars: 7 },
    ],
  );
});

test('usage after a burst: the latest level before and the earliest after, whatever their order', () => {
  const values = [...flat(60, 0), 1000, ...flat(60, 0)];
  const at = (i: number): Date => new Date(MONDAY + i * DAY_MS);
  const u = computeStarBursts(
    {
      gains: exact(values),
      forks: [
        { at: at(100), value: 400 },
        { at: at(60), value: 200 },
        { at: at(91), value: 250 },
        { at: at(50), value: 100 },
      ],
    },
    asOfAfter(121),
  ).bursts[0]!.usage;
  assert.equal(u.detail, 'forks +25% (200 → 250)');
  // Downloads that stop at the burst say nothing about after it.
  const stopped = computeStarBursts(
    { gains: exact(values), downloads: dailyDownloads(60, 60, 1000, 0) },
    asOfAfter(121),
  ).bursts[0]!;
  assert.match(stopped.text, /; downloads around it unknown \(the series does not cover it\)$/);
});

test('star bursts, a week: calendar weeks from Monday whatever the first day; only the 12 weeks before count', () => {
  // From a Wednesday: the campaign week is reported from its Monday.
  const fromWednesday = (values: readonly number[]): string[] =>
    computeStarBursts(
      { gains: values.map((stars, i) => ({ day: dayFrom(i + 2), stars })) },
      asOfAfter(values.length + 2),
    ).bursts.map((b) => `${b.kind} ${b.start} ${b.end}`);
  assert.deepEqual(fromWednesday([...flat(5 + 35, 0), ...flat(7, 50), ...flat(7, 0)]), [
    `week ${dayFrom(42)} ${dayFrom(48)}`,
  ]);
  // Twenty weeks of 400 long ago do not lift the median of the 12 weeks before.
  const old = Array.from({ length: 20 }, () => [57, 57, 57, 57, 57, 57, 58]).flat();
  assert.deepEqual(burstsOf([...old, ...flat(84, 0), ...flat(7, 50), ...flat(7, 0)]), [`week ${dayFrom(224)}`]);
  // A day burst on the next Monday does not hide the week before it.
  assert.deepEqual(burstsOf([...flat(70, 0), ...flat(7, 50), 5000, ...flat(6, 0)]), [
    `day ${dayFrom(77)}`,
    `week ${dayFrom(70)}`,
  ]);
});
