// The comparison on in-memory inputs (docs/compare.md): one row per project from its profile, the
// leaders in volume and growth with the caveats their own evidence carries, a suspect latest window
// (more than 100× the one before) left out of the ranking, the Hub usage, and the chart's scales.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Project } from '../../domain/project.js';
import { computeFanout } from '../../signals/fanout.js';
import { day, monthlySeries, obs, profileInputs, sub } from '../../../test/helpers/view-inputs.js';
import { computeProfile } from '../profile/compute.js';
import type { ProfileInputs } from '../profile/load.js';
import { compareProfiles, computeCompare, mainDownloads } from './compute.js';

const asOf = day('2026-07-01');
const today = day('2026-07-05');

function withSeries(p: Project, values: number[], first = '2026-01') {
  const s = sub('pypi', p.pypi![0]!);
  return profileInputs(p, {}, { series: [{ subject: s, series: monthlySeries(s, first, values) }] });
}

const alpha: Project = { id: 'alpha', name: 'Alpha', category: 'serving', pypi: ['alpha'] };
const beta: Project = { id: 'beta', name: 'Beta', category: 'serving', pypi: ['beta'], clients: ['pypi:beta'] };
const gamma: Project = { id: 'gamma', name: 'Gamma', category: 'model-family', hfModels: ['org/base', 'org/other'] };
const delta: Project = { id: 'delta', name: 'Delta', category: 'serving', pypi: ['delta'] };
const eps: Project = { id: 'eps', name: 'Eps', category: 'serving', pypi: ['eps'] };

const base = sub('hf', 'org/base');
const fanout = computeFanout({
  base: 'org/base',
  asOf,
  nodes: new Map([
    ['a/ft', { id: 'a/ft', author: 'a', downloads30d: 100 }],
    ['b/ft', { id: 'b/ft', author: 'b' }],
  ]),
  edges: [
    { child: 'a/ft', relation: 'finetune', parent: 'org/base', firstSeen: day('2026-01-01') },
    { child: 'b/ft', relation: 'finetune', parent: 'org/base', firstSeen: day('2026-01-01') },
  ],
});
const inputs = [
  withSeries(alpha, [1_000, 1_200, 1_400, 1_600, 1_800, 2_000]),
  withSeries(beta, [10_000, 10_000, 50_000, 10_000, 10_000, 12_000]),
  profileInputs(
    gamma,
    {
      artifacts: [{ subject: base, observations: [obs(base, 'downloads', 7_000, '2026-05-30', '2026-06-29')] }],
    },
    {
      fanouts: [
        { subject: base, fanout },
        { subject: sub('hf', 'org/other'), fanout: null },
      ],
    },
  ),
  withSeries(delta, [100, 100, 100, 100, 100, 100_000]),
];
const computeProfileOf = (i: ProfileInputs) => computeProfile(i, { project: i.project, asOf, today });
const view = computeCompare(inputs, { asOf, today, projects: [alpha, beta, gamma, delta] });

test('rows: the main package, its trend, the tier, the Hub usage, the unknowns counted', () => {
  assert.equal(view.schema, 'kept.compare/v2');
  assert.equal(view.asOf, '2026-07-01');
  assert.deepEqual([view.freshness.asOfBasis, view.freshness.dataEnds], ['requested', '2026-07-01']);
  assert.deepEqual(
    view.projects.map((r) => [r.id, r.package, r.client, r.latest, r.suspect, r.shape, r.spikes, r.tier.id]),
    [
      ['alpha', 'pypi:alpha', false, 2_000, false, 'climbing-floor', 0, 'experiment'],
      ['beta', 'pypi:beta', true, 12_000, false, 'spike-and-decay', 1, 'internal-tooling'],
      ['gamma', null, null, null, null, null, null, 'experiment'],
      ['delta', 'pypi:delta', false, 100_000, true, 'climbing-floor', 1, 'experiment'],
    ],
  );
  const a = view.projects[0]!;
  assert.deepEqual(
    [a.windowStart, a.windowEnd, a.source, a.growth, a.dataEnds, a.stale, a.unknownSignals],
    ['2026-06-01', '2026-07-01', 'clickpy', 0.5, '2026-07-01', false, 4],
  );
  assert.deepEqual(a.months.slice(0, 2), [
    { month: '2026-01', value: 1_000 },
    { month: '2026-02', value: 1_200 },
  ]);
  assert.deepEqual(a.series[5], { windowEnd: '2026-07-01', value: 2_000 });
  assert.deepEqual(view.projects[1]!.spikeWindows, [{ windowEnd: '2026-04-01', ratio: 5 }]);
  assert.deepEqual(view.projects[2]!.hub, {
    models: 1,
    downloads30d: 7_000,
    downloadsKnownFor: 1,
    windowEnd: '2026-06-29',
    newWork: 2,
    used: 1,
  });
  assert.deepEqual([view.projects[2]!.months, view.projects[2]!.series, view.projects[2]!.spikeWindows], [[], [], []]);
  assert.equal(view.unknowns.filter((u) => u.project === 'alpha').length, 4);
  assert.deepEqual(
    view.unknowns.find((u) => u.project === 'gamma' && u.signal === 'fan-out'),
    {
      project: 'gamma',
      signal: 'fan-out',
      subject: 'hf:org/other',
      reason: 'no Hub data stored for hf:org/other (import a Hub dump or run kept collect)',
      tier: false,
    },
  );
});

test('summary: each download sentence, the suspect window, the Hub, the leaders with their caveats, the tiers', () => {
  assert.match(view.summary[0]!, /^Alpha: pypi:alpha was downloaded 2,000 times in the 30 days to 2026-07-01, \+50% /);
  assert.deepEqual(view.summary.slice(3), [
    'Delta: the latest window of pypi:delta (100k) is more than 100× the window before it: suspect data, left out of the ranking.',
    'Gamma on the Hub: 7,000 downloads in 30 days to 2026-06-29 over 1 base model; 1 of 2 new-work derivatives are used.',
    "Beta has the most downloads in its latest window (12k), but Beta's curve is spike-and-decay (peaks that fall back: experimentation, not a floor), and pypi:beta is a client library, not Beta itself. Alpha has the fastest six-month growth (+50%), but its tier (experiment) is below Beta's (internal tooling).",
    'No package download data for Gamma.',
    'Deployment tiers: Alpha experiment · low · 1 of 6 signal families; Beta internal tooling · low · 1 of 6 signal families; Gamma experiment · low · 1 of 6 signal families; Delta experiment · low · 1 of 6 signal families.',
  ]);
});

test('leaders: one project leading both is one sentence; fewer than two growth figures, none', () => {
  const two = computeCompare(
    [withSeries(alpha, [1_000, 1_200, 1_400, 1_600, 1_800, 2_000]), withSeries(delta, [100, 100, 100, 100, 100, 110])],
    {
      asOf,
      today,
      projects: [alpha, delta],
    },
  );
  assert.ok(
    two.summary.includes(
      'Alpha has the most downloads in its latest window (2,000) and the fastest six-month growth (+50%).',
    ),
  );
  const one = computeCompare(
    [
      withSeries(alpha, [1_000, 1_200, 1_400, 1_600, 1_800, 2_000]),
      withSeries(delta, [100, 100, 100, 100, 100, 100_000]),
    ],
    {
      asOf,
      today,
      projects: [alpha, delta],
    },
  );
  assert.ok(!one.summary.some((s) => s.includes('the most downloads')), 'the suspect one is not ranked');
  assert.equal(one.summary.filter((s) => s.startsWith('No package download data')).length, 0);
});

test('chart: one log scale by default; normalised to the first common window; a range counts back from the latest end', () => {
  assert.deepEqual(
    [view.chart.scale, view.chart.range, view.chart.base, view.chart.caption],
    ['log', 'all', null, 'One log scale.'],
  );
  assert.deepEqual(
    view.chart.series.map((s) => [s.project, s.package, s.points.length]),
    [
      ['alpha', 'pypi:alpha', 6],
      ['beta', 'pypi:beta', 6],
      ['delta', 'pypi:delta', 6],
    ],
  );
  const profiles = inputs.map((i) => computeProfileOf(i));
  const late = computeProfileOf(withSeries(eps, [500, 1_000], '2026-05'));
  const n = compareProfiles([profiles[0]!, late], asOf, 'normalised');
  assert.equal(n.chart.base, '2026-06-01');
  assert.equal(
    n.chart.caption,
    'Normalised: each series divided by its own value in the window ending 2026-06-01, the first every series has (1 = that value), on one log scale.',
  );
  assert.deepEqual(n.chart.series[0]!.points, [
    { windowEnd: '2026-06-01', value: 1 },
    { windowEnd: '2026-07-01', value: 2_000 / 1_800 },
  ]);
  const apart = compareProfiles(
    [profiles[0]!, computeProfileOf(withSeries(eps, [500], '2025-01'))],
    asOf,
    'normalised',
  );
  assert.equal(apart.chart.base, null);
  assert.equal(
    apart.chart.caption,
    'Normalised: no window is common to every series, so none can be drawn from one starting line.',
  );
  assert.deepEqual(
    apart.chart.series.map((s) => s.points),
    [[], []],
  );
  const ranged = compareProfiles(
    [profiles[0]!, computeProfileOf(withSeries(eps, [500], '2025-01'))],
    asOf,
    'log',
    '6m',
  );
  assert.match(ranged.chart.caption, /^One log scale\. The last .+ of windows\.$/);
  assert.deepEqual(
    ranged.chart.series.map((s) => s.points.length),
    [6, 0],
  );
  assert.equal(compareProfiles([], asOf).chart.series.length, 0);
});

test('freshness: a stale project adds its note; no profiles: asOf itself', () => {
  const stale = computeCompare([withSeries(alpha, [1_000, 1_200], '2025-06')], {
    asOf,
    today,
    projects: [alpha],
  });
  assert.equal(stale.freshness.stale, true);
  assert.deepEqual(stale.summary, [
    'Alpha: pypi:alpha was downloaded 1,200 times in the 31 days to 2025-08-01, six-month growth unknown; the curve is too short to judge.',
    'Alpha: Stale data: the usage data the tier weighs ends 2025-08-01, 334 days before 2026-07-01 (stale after 45 days): the figures describe that time, not 2026-07-01 (collect or import newer data).',
    'Deployment tiers: Alpha experiment · low · 1 of 6 signal families.',
  ]);
  const none = compareProfiles([], asOf);
  assert.deepEqual(
    [none.asOf, none.freshness.asOfBasis, none.freshness.today, none.freshness.dataEnds],
    ['2026-07-01', 'requested', '2026-07-01', null],
  );
  assert.deepEqual(none.summary, ['Deployment tiers: .']);
  assert.equal(computeCompare([], { asOf: undefined, today, projects: [] }).asOf, '2026-07-05');
});

test('mainDownloads: the package with the most downloads in its latest window', () => {
  const two: Project = { id: 'two', name: 'Two', category: 'serving', pypi: ['small', 'big'] };
  const small = sub('pypi', 'small');
  const big = sub('pypi', 'big');
  const p = computeProfileOf(
    profileInputs(
      two,
      {},
      {
        series: [
          { subject: small, series: monthlySeries(small, '2026-05', [5, 5]) },
          { subject: big, series: monthlySeries(big, '2026-05', [50, 50]) },
        ],
      },
    ),
  );
  assert.equal(mainDownloads(p)?.subject, 'pypi:big');
});

test('Hub usage: models with downloads or a tree, the latest window end, downloads unknown when none is known', () => {
  const p: Project = { id: 'fam', name: 'Fam', category: 'model-family', hfModels: ['o/a', 'o/b', 'o/c'] };
  const [a, b, c] = [sub('hf', 'o/a'), sub('hf', 'o/b'), sub('hf', 'o/c')];
  const hub = (withDownloads: boolean) =>
    compareProfiles(
      [
        computeProfileOf(
          profileInputs(
            p,
            {
              artifacts: withDownloads
                ? [
                    { subject: b, observations: [obs(b, 'downloads', 10, '2026-05-01', '2026-06-20')] },
                    { subject: c, observations: [obs(c, 'downloads', 5, '2026-05-01', '2026-05-20')] },
                  ]
                : [],
            },
            {
              fanouts: [
                { subject: a, fanout },
                { subject: b, fanout: null },
                { subject: c, fanout: null },
              ],
            },
          ),
        ),
      ],
      asOf,
    );
  const v = hub(true);
  assert.deepEqual(v.projects[0]!.hub, {
    models: 3,
    downloads30d: 15,
    downloadsKnownFor: 2,
    windowEnd: '2026-06-20',
    newWork: 2,
    used: 1,
  });
  assert.ok(
    v.summary.includes(
      'Fam on the Hub: 15 downloads in 30 days to 2026-06-20 over 3 base models; 1 of 2 new-work derivatives are used.',
    ),
  );
  const unknown = hub(false);
  assert.deepEqual(unknown.projects[0]!.hub, {
    models: 1,
    downloads30d: null,
    downloadsKnownFor: 0,
    windowEnd: null,
    newWork: 2,
    used: 1,
  });
  assert.ok(
    unknown.summary.includes(
      'Fam on the Hub: downloads unknown over 1 base model; 1 of 2 new-work derivatives are used.',
    ),
  );
});

test("leaders: the fastest growth whatever the order; the row keeps the trend's monthly rate", () => {
  const slow = withSeries(alpha, [1_000, 1_000, 1_000, 1_100, 1_100, 1_100]);
  const fast = withSeries(eps, [100, 100, 100, 300, 300, 300]);
  const v = computeCompare([slow, fast, withSeries(delta, [10, 10, 10, 5, 5, 5])], {
    asOf,
    today,
    projects: [alpha, eps, delta],
  });
  assert.match(v.summary.find((s) => s.includes('fastest')) ?? '', /Eps has the fastest six-month growth \(\+200%\)/);
  assert.equal(v.projects[1]!.monthlyRate, computeProfileOf(fast).downloads[0]!.trend.monthlyRate);
  assert.ok((v.projects[1]!.monthlyRate ?? 0) > 0);
});
