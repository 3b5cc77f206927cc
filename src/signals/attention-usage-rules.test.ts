// The attention-vs-usage rules (docs/tiers.md, ATTENTION_RULES), table-driven: the verdict for
// each pair of curves, stars growing from +10 % in six months, the usage band of ±10 %, percentiles
// only with five peers, the flag at the 75th stars and 25th downloads-per-star percentiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeAttentionUsage, type AttentionUsageInput, type PeerLevels } from './attention-usage.js';
import type { Trend } from './trend.js';

const asOf = new Date('2026-07-01T00:00:00Z');
const sixAgo = new Date('2026-01-01T00:00:00Z');
const trend = (growth: number | undefined): Trend => ({
  asOf,
  months: [
    {
      month: '2026-05',
      value: 200,
      windowStart: new Date('2026-05-01T00:00:00Z'),
      windowEnd: new Date('2026-06-01T00:00:00Z'),
    },
    { month: '2026-06', value: 300, windowStart: new Date('2026-06-01T00:00:00Z'), windowEnd: asOf },
  ],
  growth,
  slope: undefined,
  monthlyRate: undefined,
  spikes: [],
  shape: 'flat',
  notes: [],
});
const input = (
  o: { then?: number; now?: number; growth?: number; peers?: PeerLevels[] } & Partial<AttentionUsageInput>,
): AttentionUsageInput => ({
  stars: [
    ...(o.then === undefined ? [] : [{ at: sixAgo, value: o.then }]),
    ...(o.now === undefined ? [] : [{ at: asOf, value: o.now }]),
  ],
  downloadTrend: 'growth' in o ? trend(o.growth) : undefined,
  downloads30d: o.downloads30d,
  dependents: o.dependents,
  ...(o.peers ? { peers: o.peers } : {}),
});

test('attention vs usage: the verdict for each pair of curves, at the stars and usage thresholds', () => {
  const rows: [number, number, string, string, string][] = [
    // [star gain over six months from 1000, download growth, stars trend, usage trend, verdict]
    [100, 0.11, 'growing', 'growing', 'both-growing'],
    [99, 0.11, 'flat', 'growing', 'interesting-to-dependency'],
    [101, 0.1, 'growing', 'flat', 'attention-without-usage'],
    [0, 0.1, 'flat', 'flat', 'steady'],
    [0, -0.1, 'flat', 'flat', 'steady'],
    [0, -0.11, 'flat', 'declining', 'both-fading'],
    [200, -0.5, 'growing', 'declining', 'attention-without-usage'],
  ];
  for (const [gain, growth, st, ut, verdict] of rows) {
    const r = computeAttentionUsage(input({ then: 1000, now: 1000 + gain, growth }), asOf);
    assert.deepEqual([r.stars.trend, r.usage.trend, r.verdict], [st, ut, verdict], `gain ${gain}, growth ${growth}`);
    assert.equal(r.stars.gain6m, gain);
    assert.equal(r.stars.relativeGain6m, gain / 1000);
  }
});

test('unknown curves: no stars, no stars six months back, stars from 0, no download series', () => {
  const noStars = computeAttentionUsage(input({ growth: 0.5 }), asOf);
  assert.deepEqual([noStars.stars.trend, noStars.verdict], ['unknown', 'unknown']);
  assert.deepEqual(noStars.notes, ['no star counts on or before asOf']);
  const young = computeAttentionUsage(input({ now: 50, growth: 0.5 }), asOf);
  assert.deepEqual(young.notes, ['no star count from six months before asOf: star trend unknown']);
  assert.equal(young.stars.gain6m, undefined);
  const fromZero = computeAttentionUsage(input({ then: 0, now: 50, growth: 0.5 }), asOf);
  assert.deepEqual(
    [fromZero.stars.gain6m, fromZero.stars.relativeGain6m, fromZero.stars.trend],
    [50, undefined, 'unknown'],
  );
  assert.match(fromZero.evidence[0]!, /^stars 0 → 50 in six months \(n\/a; growing at ≥ 10\.0%\)$/);
  const noSeries = computeAttentionUsage(input({ then: 100, now: 200 }), asOf);
  assert.deepEqual([noSeries.usage.trend, noSeries.verdict], ['unknown', 'unknown']);
  assert.deepEqual(noSeries.notes, ['no download series: usage trend unknown']);
  assert.deepEqual(noSeries.normalised, []);
  // A star count after asOf is not "now"; the latest on or before it is.
  const later = computeAttentionUsage(
    {
      ...input({ then: 100, growth: 0 }),
      stars: [
        { at: sixAgo, value: 100 },
        { at: new Date('2026-03-01T00:00:00Z'), value: 150 },
        { at: new Date('2026-08-01T00:00:00Z'), value: 999 },
      ],
    },
    asOf,
  );
  assert.equal(later.stars.latest, 150);
});

test('ratios: downloads per star and dependents per 1,000 stars, only with stars', () => {
  const r = computeAttentionUsage(input({ then: 100, now: 200, growth: 0, downloads30d: 5000, dependents: 30 }), asOf);
  assert.deepEqual(r.ratios, { downloadsPerStar: 25, dependentsPer1kStars: 150 });
  assert.ok(r.evidence.includes('25.0 downloads per star (30 days)'));
  assert.ok(r.evidence.includes('downloads last 3 months vs the 3 before: +0.0% (flat)'));
  const zero = computeAttentionUsage(
    input({ then: 0, now: 0, growth: -0.2, downloads30d: 5000, dependents: 30 }),
    asOf,
  );
  assert.deepEqual(zero.ratios, { downloadsPerStar: undefined, dependentsPer1kStars: undefined });
  assert.ok(zero.evidence.includes('downloads last 3 months vs the 3 before: -20.0% (flat)'));
  const none = computeAttentionUsage(input({ growth: 0, downloads30d: 5000, dependents: 30 }), asOf);
  assert.deepEqual(none.ratios, { downloadsPerStar: undefined, dependentsPer1kStars: undefined });
});

test('both curves normalised to the first month of the trend (stars at its window end)', () => {
  const r = computeAttentionUsage(
    {
      ...input({ growth: 0 }),
      stars: [
        { at: new Date('2026-06-01T00:00:00Z'), value: 100 },
        { at: asOf, value: 150 },
      ],
    },
    asOf,
  );
  assert.deepEqual(r.normalised, [
    { month: '2026-05', downloads: 1, stars: 1 },
    { month: '2026-06', downloads: 1.5, stars: 1.5 },
  ]);
});

const peer = (i: number, stars: number | undefined, downloads30d: number | undefined): PeerLevels => ({
  id: `p${i}`,
  stars,
  downloads30d,
  dependents: undefined,
});

test('percentiles need five peers with stars and downloads; four say so and give none', () => {
  const five = [1, 2, 3, 4, 5].map((i) => peer(i, i * 100, i * 1000));
  const r = computeAttentionUsage(input({ then: 600, now: 600, growth: 0, downloads30d: 600, peers: five }), asOf);
  assert.deepEqual(r.percentiles, { peers: 5, stars: 1, downloads: 0, downloadsPerStar: 0 });
  assert.equal(r.attentionWithoutUsageFlag, true);
  assert.equal(r.verdict, 'attention-without-usage', 'a steady pair with the flag reads as attention without usage');
  assert.ok(r.evidence.includes('among 5 peers: stars at the 100.0% percentile, downloads per star at the 0.0%'));
  assert.deepEqual(r.notes, []);
  // Four usable peers (the fifth has no downloads, the sixth no stars, the seventh 0 stars): none.
  const four = [...five.slice(0, 4), peer(5, 500, undefined), peer(6, undefined, 9), peer(7, 0, 9)];
  const r4 = computeAttentionUsage(input({ then: 600, now: 600, growth: 0, downloads30d: 600, peers: four }), asOf);
  // Stars among the six peers with stars (0 included), downloads among the six with downloads.
  assert.deepEqual(r4.percentiles, { peers: 7, stars: 1, downloads: 2 / 6, downloadsPerStar: undefined });
  assert.equal(r4.attentionWithoutUsageFlag, undefined);
  assert.equal(r4.verdict, 'steady');
  assert.deepEqual(r4.notes, ['only 4 peers with stars and downloads (need 5): no percentiles']);
  // No downloads of its own: no downloads percentile.
  const noDl = computeAttentionUsage(input({ then: 600, now: 600, growth: 0, peers: five }), asOf);
  assert.deepEqual(noDl.percentiles, { peers: 5, stars: 1, downloads: undefined, downloadsPerStar: undefined });
});

test('the flag: stars at or above the 75th percentile with downloads per star at or below the 25th', () => {
  // Six peers: stars 100…600, downloads per star 1…6. Mid-rank percentiles: stars 500 → 4.5 / 6 = 0.75,
  // 450 → 4 / 6; downloads per star 2 → 1.5 / 6 = 0.25, 2.5 → 2 / 6.
  const peers = [1, 2, 3, 4, 5, 6].map((i) => peer(i, i * 100, i * i * 100));
  const flagFor = (stars: number, dps: number): boolean | undefined =>
    computeAttentionUsage(input({ then: stars, now: stars, growth: 0, downloads30d: dps * stars, peers }), asOf)
      .attentionWithoutUsageFlag;
  const rows: [number, number, boolean][] = [
    [500, 2, true], // both at their thresholds
    [450, 2, false], // stars one step below
    [500, 2.5, false], // downloads per star one step above
    [550, 1, true],
  ];
  for (const [stars, dps, flag] of rows) assert.equal(flagFor(stars, dps), flag, `stars ${stars}, dps ${dps}`);
});
