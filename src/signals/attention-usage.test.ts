import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPypiSeries } from '../../test/helpers/signal-fixtures.js';
import { computeAttentionUsage, percentileRank, type LevelPoint } from './attention-usage.js';
import { computeTrend } from './trend.js';

// Real download series: the committed demo subset of ../shared/data/pypi-top-monthly.csv.gz.
// There is no real star history in the shared data, so the star series below are made up and say so.
const realSeries = demoPypiSeries; // the committed demo subset of the real top-pypi-packages history
const asOf = new Date('2026-04-01T00:00:00Z');
const stars = (then: number, now: number): LevelPoint[] => [
  { at: new Date('2025-10-01T00:00:00Z'), value: then },
  { at: new Date('2026-01-01T00:00:00Z'), value: Math.round((then + now) / 2) },
  { at: new Date('2026-03-30T00:00:00Z'), value: now },
];
const run = (pkg: string, st: LevelPoint[]) => {
  const series = realSeries(pkg);
  const trend = computeTrend(series, asOf);
  return computeAttentionUsage(
    {
      stars: st,
      downloadTrend: trend,
      downloads30d: trend.months[trend.months.length - 1]?.value,
      dependents: undefined,
    },
    asOf,
  );
};

test('vllm (real downloads +32.8%) with flat made-up stars: moved from interesting to dependency', () => {
  const a = run('vllm', stars(60_000, 63_000));
  assert.equal(a.usage.trend, 'growing');
  assert.ok(Math.abs(a.usage.growth! - 0.328) < 0.001);
  assert.equal(a.stars.trend, 'flat');
  assert.equal(a.stars.relativeGain6m, 0.05);
  assert.equal(a.verdict, 'interesting-to-dependency');
  assert.equal(a.ratios.downloadsPerStar, 8432809 / 63_000);
  assert.ok(a.evidence.some((e) => e.startsWith('stars 60000 → 63000')));
  // Normalised to the first month (2025-10, 5,202,180 real downloads): March 2026 is 8,432,809.
  assert.equal(a.normalised.length, 6);
  assert.equal(a.normalised[0]!.downloads, 1);
  assert.ok(Math.abs(a.normalised[5]!.downloads! - 8432809 / 5202180) < 1e-12);
  assert.equal(a.normalised[0]!.stars, 1);
  assert.equal(a.normalised[5]!.stars, 63_000 / 60_000);
});

test('the other verdicts on real download series', () => {
  assert.equal(run('vllm', stars(40_000, 63_000)).verdict, 'both-growing');
  assert.equal(run('gpt4all', stars(70_000, 71_000)).verdict, 'both-fading'); // -12.8%
  assert.equal(run('gradio', stars(30_000, 40_000)).verdict, 'attention-without-usage'); // +5.6% flat usage
  assert.equal(run('gradio', stars(39_000, 40_000)).verdict, 'steady');
  const none = computeAttentionUsage(
    { stars: [], downloadTrend: undefined, downloads30d: undefined, dependents: undefined },
    asOf,
  );
  assert.equal(none.verdict, 'unknown');
  assert.deepEqual(none.notes, ['no star counts on or before asOf', 'no download series: usage trend unknown']);
});

test('peer percentiles flag many stars with few downloads per star', () => {
  const peers = [1, 2, 3, 4, 5, 6, 7, 8].map((k) => ({
    id: `p${k}`,
    stars: k * 1000,
    downloads30d: k * 1000 * 50,
    dependents: undefined,
  }));
  const a = computeAttentionUsage(
    { stars: [{ at: asOf, value: 9000 }], downloadTrend: undefined, downloads30d: 9000 * 2, dependents: 30 },
    asOf,
  );
  assert.equal(a.percentiles.stars, undefined, 'no peers given');
  const b = computeAttentionUsage(
    { stars: [{ at: asOf, value: 9000 }], downloadTrend: undefined, downloads30d: 9000 * 2, dependents: 30, peers },
    asOf,
  );
  assert.deepEqual([b.percentiles.stars, b.percentiles.downloadsPerStar], [1, 0]);
  assert.equal(b.attentionWithoutUsageFlag, true);
  assert.equal(b.verdict, 'attention-without-usage');
  assert.equal(b.ratios.dependentsPer1kStars, 30 / 9);
  assert.equal(percentileRank(2, [1, 2, 3]), 0.5);
  const few = computeAttentionUsage(
    {
      stars: [{ at: asOf, value: 1 }],
      downloadTrend: undefined,
      downloads30d: 1,
      dependents: undefined,
      peers: peers.slice(0, 2),
    },
    asOf,
  );
  assert.equal(few.attentionWithoutUsageFlag, undefined);
});
