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
