// The profile's model on in-memory inputs (docs/profile.md): each package's latest window and its
// staleness (45 days), the Hub model block with a gated repository's 0, the GitHub block (levels,
// star history by month, stars gained in the last and prior 30 days, companies, releases), the
// noise split over the last 30 days, the dependents, the pulls with their precision, the one list
// of unknowns and the chart range.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Project } from '../../domain/project.js';
import { computeFanout } from '../../signals/fanout.js';
import {
  addDays,
  day,
  emptyVerdictInputs,
  fact,
  level,
  monthlySeries,
  obs,
  profileInputs,
  record,
  sub,
} from '../../../test/helpers/view-inputs.js';
import {
  computeProfile,
  downloadSentence,
  mergeUnknowns,
  PROFILE_STALE_AFTER_DAYS,
  profileInRange,
} from './compute.js';
import type { ProfileInputs } from './load.js';

const project: Project = {
  id: 'srv',
  name: 'Srv',
  category: 'serving',
  description: 'a server',
  github: 'org/srv',
  pypi: ['srv'],
  npm: ['srv-js'],
  docker: ['org/srv'],
  ghcr: ['org/srv'],
  hfOrgs: ['org'],
  hfModels: ['org/model'],
  ollama: ['srv'],
  clients: ['npm:srv-js'],
};
const gh = sub('github', 'org/srv');
const pypi = sub('pypi', 'srv');
const npm = sub('npm', 'srv-js');
const docker = sub('docker', 'org/srv');
const hf = sub('hf', 'org/model');
const today = day('2026-07-10');
const asOf = day('2026-06-30');

/** Daily rows of one source for the days from `first` (inclusive), `n` of them. */
function days(first: string, n: number, value: number, dims: Record<string, string> = {}, source = 'bigquery') {
  return Array.from({ length: n }, (_, i) =>
    obs(pypi, 'downloads', value, addDays(first, i), addDays(first, i + 1), { dims, source }),
  );
}

const fanout = computeFanout({
  base: 'org/model',
  asOf,
  nodes: new Map([
    ['org/model', { id: 'org/model', author: 'org', downloads30d: 5000 }],
    ['a/ft', { id: 'a/ft', author: 'a', downloads30d: 100 }],
    ['b/q', { id: 'b/q', author: 'b', downloads30d: 50 }],
    ['c/ad', { id: 'c/ad', author: 'c' }],
  ]),
  edges: [
    { child: 'a/ft', relation: 'finetune', parent: 'org/model', firstSeen: day('2026-01-01') },
    { child: 'b/q', relation: 'quantized', parent: 'org/model', firstSeen: day('2026-01-01') },
    { child: 'c/ad', relation: 'adapter', parent: 'a/ft', firstSeen: day('2026-01-01') },
  ],
});

const contributor = (key: string, at: string, data: object) => record(gh, 'github-contributor', key, at, data);
const release = (tag: string, publishedAt: string | null, prerelease = false) =>
  record(gh, 'github-release', tag, '2026-06-01', { tag, publishedAt, prerelease });

function inputs(): ProfileInputs {
  return {
    project,
    verdict: {
      ...emptyVerdictInputs(project),
      // January to May: the last window ends 2026-06-01; June's window ends after asOf.
      series: [{ subject: pypi, series: monthlySeries(pypi, '2026-01', [100, 200, 300, 400, 500, 600]) }],
      dependents: [
        level(pypi, 'dependents', 100, '2026-01-01', { source: 'libraries.io' }),
        level(pypi, 'dependents', 150, '2026-06-01', { source: 'libraries.io' }),
        level(pypi, 'dependents', 400, '2026-06-01', { source: 'deps.dev' }),
        level(pypi, 'dependents', 999, '2026-07-05', { source: 'deps.dev' }),
        level(pypi, 'dependents', 7, '2026-06-01', { source: 'deps.dev', dims: { kind: 'dev' } }),
        level(npm, 'dependents', 8, '2026-06-01', { source: 'deps.dev' }),
      ],
      fanouts: [{ subject: hf, fanout }],
    },
    downloads: [
      {
        subject: pypi,
        observations: [
          ...days('2026-05-20', 42, 100),
          ...days('2026-05-20', 42, 10, { category: 'mirror' }),
          ...days('2026-05-20', 42, 20, { category: 'ci' }),
          ...days('2026-05-20', 42, 5, { category: 'bot' }),
          ...days('2026-05-20', 42, 65, { category: 'human' }),
          ...days('2026-05-20', 42, 50, { installer: 'pip' }),
          ...days('2026-05-20', 42, 30, { installer: 'browser' }),
          ...days('2026-05-20', 42, 3, { category: 'ci', installer: 'pip' }),
          ...days('2026-06-20', 11, 60, { version: '1.0' }),
          ...days('2026-06-20', 11, 40, { version: '0.9' }),
          ...days('2026-01-01', 1, 1000, { version: '0.1' }),
          ...days('2026-05-20', 42, 90, {}, 'pypistats'),
          ...days('2026-05-20', 42, 80, { pypistats: 'without_mirrors' }, 'pypistats'),
          obs(pypi, 'downloads', 3000, '2026-05-01', '2026-05-31'),
        ],
      },
    ],
    artifacts: [
      {
        subject: gh,
        observations: [
          level(gh, 'stars', 1000, '2026-06-20'),
          level(gh, 'stars', 1200, '2026-06-25'),
          level(gh, 'forks', 80, '2026-06-25'),
          level(gh, 'watchers', 30, '2026-06-25'),
          level(gh, 'open_issues_and_prs', 12, '2026-06-25'),
          level(gh, 'contributors', 50, '2026-06-25'),
          level(gh, 'contributors', 40, '2026-06-25', { dims: { kind: 'account' } }),
          level(gh, 'stars', 1, '2026-06-26', { dims: { series: 'history' } }),
          obs(gh, 'stars', 900, '2026-04-30', '2026-05-01', { dims: { series: 'history' } }),
          obs(gh, 'stars', 1000, '2026-05-31', '2026-06-01', { dims: { series: 'history' } }),
          obs(gh, 'stars', 1100, '2026-06-14', '2026-06-15', { dims: { series: 'history' } }),
          obs(gh, 'stars', 5, '2026-03-14', '2026-03-15', { dims: { series: 'sampled' } }),
          obs(gh, 'stars_gained', 5, '2026-06-29', '2026-06-30'),
          obs(gh, 'stars_gained', 7, '2026-05-30', '2026-05-31'),
          obs(gh, 'stars_gained', 11, '2026-04-30', '2026-05-01'),
          obs(gh, 'stars_gained', 13, '2026-06-30', '2026-07-01'),
        ],
      },
      {
        subject: hf,
        observations: [
          // Out of order: the latest window stands whatever the order read.
          obs(hf, 'downloads', 5000, '2026-05-29', '2026-06-28'),
          obs(hf, 'downloads', 4000, '2026-05-01', '2026-05-31'),
          level(hf, 'likes', 10, '2026-06-28'),
          level(hf, 'parameters', 7e9, '2026-06-28'),
        ],
      },
      {
        subject: docker,
        observations: [
          level(docker, 'pulls_total', 1_500_000, '2026-06-01'),
          level(docker, 'pulls_total', 1_000_000, '2026-04-01'),
          level(docker, 'pulls_total', 1_200_000, '2026-05-01'),
          level(docker, 'pulls_total', 5, '2026-05-01', { dims: { arch: 'arm' } }),
          obs(docker, 'pulls_total', 7, '2026-04-01', '2026-05-01'),
        ],
      },
    ],
    facts: [
      fact(gh, 'license', 'MIT', '2026-06-01'),
      fact(gh, 'license', 'GPL', '2026-05-01'),
      fact(gh, 'created_at', '2023-01-02T10:00:00Z', '2026-06-01'),
      fact(gh, 'pushed_at', 'not a date', '2026-06-01'),
      fact(gh, 'archived', 'false', '2026-06-01'),
      fact(gh, 'topics', 'llm, serving,,', '2026-06-01'),
      fact(gh, 'license', 'Apache-2.0', '2026-07-05'),
      fact(gh, 'unknown:stars', 'HTTP 500', '2026-06-01'),
      fact(hf, 'license', 'apache-2.0', '2026-06-01'),
      fact(hf, 'gated', 'false', '2026-06-01'),
      fact(docker, 'precision:pulls_total', '±50000', '2026-05-01'),
      fact(docker, 'precision:pulls_total', '±5000', '2026-03-01'),
    ],
    githubRecords: [
      contributor('alice', '2026-06-01', { contributions: 10, company: '@sgl-project' }),
      contributor('bob', '2026-06-01', { contributions: 5, company: 'sgl-project ' }),
      contributor('carol', '2026-05-01', { contributions: 1, company: 'Acme' }),
      contributor('carol', '2026-06-01', { contributions: 100, company: 'Acme' }),
      contributor('carol', '2026-07-05', { contributions: 1000, company: 'Later' }),
      contributor('dan', '2026-06-01', { contributions: 3, company: null }),
      contributor('eve', '2026-06-01', { contributions: 3 }),
      contributor('x:anon:1', '2026-06-01', { contributions: 50, company: 'Anon' }),
      contributor('zed', '2026-06-01', { contributions: 2, company: 'Acme2' }),
      release('v1', '2026-01-10T00:00:00Z'),
      release('v2', '2026-05-01T12:00:00Z'),
      release('v2-rc', '2026-04-20T00:00:00Z', true),
      release('v3', '2026-07-15T00:00:00Z'),
      release('draft', null),
      record(sub('github', 'other/repo'), 'github-release', 'v9', '2026-06-01', {
        tag: 'v9',
        publishedAt: '2026-06-01',
        prerelease: false,
      }),
    ],
    failures: [
      fact(docker, 'unknown:pulls_total', 'HTTP 500', '2026-06-20', 'dockerhub'),
      fact(hf, 'unknown:derivatives', 'timed out', '2026-06-21', 'hub'),
      fact(pypi, 'unknown:dependents', 'gone', '2026-06-22', 'deps.dev'),
    ],
  };
}

const view = computeProfile(inputs(), { project, asOf, today });

test('profile: the project, its date and the default range', () => {
  assert.equal(view.schema, 'kept.profile/v2');
  assert.equal(view.asOf, '2026-06-30');
  assert.equal(view.freshness.asOfBasis, 'requested');
  assert.deepEqual(view.project, {
    id: 'srv',
    name: 'Srv',
    category: 'serving',
    description: 'a server',
    artifacts: [
      'github:org/srv',
      'pypi:srv',
      'npm:srv-js',
      'docker:org/srv',
      'ghcr:org/srv',
      'hf-org:org',
      'hf:org/model',
      'ollama:srv',
    ],
  });
  assert.deepEqual(view.range, { id: 'all', label: view.range.label, caption: 'Every stored window.' });
});

test('downloads: the latest window on or before asOf, judged at asOf; a client flag from the catalog', () => {
  assert.equal(view.downloads.length, 1);
  const d = view.downloads[0]!;
  assert.equal(d.subject, 'pypi:srv');
  assert.equal(d.client, false);
  // June's window ends 2026-07-01, after asOf: the latest figure is May's window.
  assert.deepEqual(d.latest, {
    value: 500,
    windowStart: '2026-05-01',
    windowEnd: '2026-06-01',
    observedAt: '2026-06-01',
    source: 'clickpy',
    origin: 'origin:downloads',
  });
  assert.equal(d.trend.dataEnds, '2026-06-01');
  assert.ok(!view.unknowns.some((u) => u.signal === 'current downloads'), '29 days is current');
});

test('models: the latest of each figure, facts without recorded failures, the fan-out block', () => {
  assert.equal(view.models.length, 1);
  const m = view.models[0]!;
  assert.equal(m.subject, 'hf:org/model');
  assert.equal(m.license, 'apache-2.0');
  assert.deepEqual(m.facts, { license: 'apache-2.0', gated: 'false' });
  assert.equal(m.downloads30d?.value, 5000);
  assert.equal(m.downloads30d?.windowEnd, '2026-06-28');
  assert.equal(m.likes?.value, 10);
  assert.equal(m.parameters?.value, 7e9);
  assert.deepEqual(m.derivatives, { finetune: 1, adapter: 0, quantized: 1, merge: 0, unclassified: 0 });
  assert.deepEqual(m.fanout, {
    direct: fanout.direct.total,
    tree: fanout.tree.total,
    depth: fanout.tree.depth,
    reuploads: fanout.reuploads.tree,
    effective: fanout.effective.tree,
    used: fanout.used.tree,
    orgs: fanout.orgs.distinct,
    derivativeDownloads30d: fanout.downloads.derivatives,
    downloadsKnownFor: fanout.downloads.known,
    derivativeShare: fanout.downloads.derivativeShare,
    spaces: fanout.spaces,
  });
  assert.deepEqual(
    [m.fanout?.direct, m.fanout?.tree, m.fanout?.depth, m.fanout?.orgs, m.fanout?.derivativeDownloads30d],
    [2, 3, 2, 3, 150],
  );
  assert.ok(
    view.summary.includes('hf:org/model: 5,000 Hub downloads in 30 days and 2 direct derivatives (as of 2026-06-28).'),
  );
});

test('github: levels, facts as of asOf, star history by month, stars gained in two 30-day windows', () => {
  assert.equal(view.github.length, 1);
  const g = view.github[0]!;
  assert.equal(g.subject, 'github:org/srv');
  assert.deepEqual(g.stars, { value: 1200, observedAt: '2026-06-25', source: 'test', origin: 'origin:stars' });
  assert.equal(g.forks?.value, 80);
  assert.equal(g.watchers?.value, 30);
  assert.equal(g.openIssuesAndPrs?.value, 12);
  assert.equal(g.license, 'MIT', 'the 2026-07-05 license is after asOf');
  assert.equal(g.createdAt, '2023-01-02');
  assert.equal(g.pushedAt, null, 'not a date');
  assert.equal(g.archived, false);
  assert.deepEqual(g.topics, ['llm', 'serving']);
  assert.equal(g.facts['unknown:stars'], undefined);
  assert.deepEqual(g.starHistory, {
    series: 'history',
    basis: g.starHistory.basis,
    // A level at 1 June 00:00 is May's month-end; the sampled row is left out.
    monthly: [
      { date: '2026-04-30', stars: 900 },
      { date: '2026-05-31', stars: 1000 },
      // A later day of the same month replaces it, whatever its window.
      { date: '2026-06-25', stars: 1 },
    ],
    gainedLast30d: 5,
    gainedPrior30d: 7,
  });
  assert.ok(g.starHistory.basis && g.starHistory.basis.length > 0);
});

test('github: companies merged across "@x" and "x ", ranked by contributors then contributions', () => {
  const c = view.github[0]!.contributors;
  assert.equal(c.total?.value, 50);
  assert.equal(c.accounts, 40);
  assert.deepEqual(c.topCompanies, [
    { company: 'sgl-project', contributors: 2, contributions: 15 },
    { company: 'Acme', contributors: 1, contributions: 100 },
    { company: 'Acme2', contributors: 1, contributions: 2 },
  ]);
  assert.equal(c.companyLookedUp, 5, 'dan was looked up (no company); eve was not; the anonymous one is left out');
  assert.equal(c.companyKnown, 4);
});

test('github: releases on or before asOf, the last 90 days, the latest published', () => {
  assert.deepEqual(view.github[0]!.releases, {
    count: 5,
    last90d: 2,
    latest: { tag: 'v2', publishedAt: '2026-05-01', prerelease: false },
  });
});

test('noise: the last 30 days of the source with categories; pypistats left aside', () => {
  assert.equal(view.noise.length, 1);
  const n = view.noise[0]!;
  assert.equal(n.subject, 'pypi:srv');
  assert.equal(n.source, 'bigquery');
  assert.equal(n.windowStart, '2026-06-01');
  assert.equal(n.windowEnd, '2026-07-01');
  assert.equal(n.days, 30);
  assert.equal(n.pypistats, null);
  assert.ok(n.split);
  assert.deepEqual(
    [n.split.raw, n.split.mirror, n.split.ci, n.split.bot, n.split.human, n.split.ciReporting],
    [3000, 300, 600, 150, 1950, 1500],
  );
  assert.equal(n.split.shares.human, 0.65);
});

test('noise estimates: weekday/weekend from the plain daily rows, versions of the last 30 days', () => {
  assert.equal(view.noiseEstimates.length, 1);
  const e = view.noiseEstimates[0]!;
  assert.equal(e.subject, 'pypi:srv');
  // The same count every day: no weekend dip.
  assert.deepEqual(e.weekdayWeekend, { ratio: 1, weekdays: 30, weekendDays: 12, reading: 'automation-like' });
  assert.deepEqual(e.versions, { topVersion: '1.0', topShare: 0.6, hhi: 0.52, versions: 2 });
});

test('dependents: undimensioned levels on or before asOf, one figure per source, the sources disagree', () => {
  assert.deepEqual(
    view.dependents.map((x) => [x.subject, x.figures.length]),
    [
      ['pypi:srv', 2],
      ['npm:srv-js', 1],
    ],
  );
  const d = view.dependents[0]!;
  assert.equal(d.subject, 'pypi:srv');
  assert.deepEqual(
    d.figures.map((f) => [f.source, f.value, f.observedAt]),
    [
      ['deps.dev', 400, '2026-06-01'],
      ['libraries.io', 150, '2026-06-01'],
    ],
  );
  assert.equal(d.disagree, true);
});

test('pulls: undimensioned levels in date order, the latest precision, months differenced', () => {
  assert.equal(view.pulls.length, 1);
  const p = view.pulls[0]!;
  assert.equal(p.subject, 'docker:org/srv');
  assert.equal(p.latest.value, 1_500_000);
  assert.equal(p.latest.windowEnd, '2026-06-01');
  assert.equal(p.precision, '±50000');
  assert.ok(p.months.length > 0);
  assert.ok(p.months.every((m) => m.plusMinus === 100_000));
});

test('unknowns: recorded failures by signal, nothing-stored artifacts, none for what was measured', () => {
  const by = (signal: string, subject: string) =>
    view.unknowns.find((u) => u.signal === signal && u.subject === subject);
  assert.equal(by('container-pulls', 'docker:org/srv')?.reason, 'HTTP 500 (dockerhub, 2026-06-20)');
  assert.equal(by('fan-out', 'hf:org/model')?.reason, 'timed out (hub, 2026-06-21)');
  assert.equal(by('dependents', 'pypi:srv')?.reason, 'gone (deps.dev, 2026-06-22)');
  assert.match(by('container-pulls', 'ghcr:org/srv')?.reason ?? '', /^nothing collected yet for ghcr:org\/srv/);
  assert.match(by('pulls', 'ollama:srv')?.reason ?? '', /^nothing collected yet for ollama:srv/);
  assert.match(by('usage', 'hf-org:org')?.reason ?? '', /^nothing collected yet for hf-org:org/);
  assert.equal(by('stars', 'github:org/srv'), undefined);
  assert.equal(by('fan-out', 'hf:org/model')?.reason.startsWith('no Hub data'), false);
  assert.equal(view.summary[view.summary.length - 1]?.includes('not measured'), true);
});

/** A project of one PyPI package (and what the test adds), its series January to May. */
function onePackage(more: Partial<Project> = {}, series = true): { p: Project; i: ProfileInputs } {
  const p: Project = { id: 'one', name: 'One', category: 'serving', pypi: ['srv'], ...more };
  const i = profileInputs(
    p,
    {},
    {
      series: series ? [{ subject: pypi, series: monthlySeries(pypi, '2026-01', [100, 200, 300, 400, 500]) }] : [],
    },
  );
  return { p, i };
}

test(`current downloads (${PROFILE_STALE_AFTER_DAYS} days): a latest window ending 45 days before asOf is current, 46 is not`, () => {
  assert.equal(PROFILE_STALE_AFTER_DAYS, 45);
  const { p, i } = onePackage();
  const at = (iso: string) =>
    computeProfile(i, { project: p, asOf: day(iso), today }).unknowns.find((u) => u.signal === 'current downloads');
  assert.equal(at(addDays('2026-06-01', 45)), undefined);
  const stale = at(addDays('2026-06-01', 46));
  assert.equal(stale?.subject, 'pypi:srv');
  assert.equal(
    stale?.reason,
    'no download window after 2026-06-01, 46 days before 2026-07-17 (collect or import newer data)',
  );
});

test('downloads: none on or before asOf, or no series at all: a downloads unknown and no block', () => {
  const { p, i } = onePackage();
  const early = computeProfile(i, { project: p, asOf: day('2026-01-15'), today });
  assert.deepEqual(early.downloads, []);
  const u = early.unknowns.find((x) => x.signal === 'downloads' && x.subject === 'pypi:srv');
  assert.equal(u?.reason, 'no download data stored for pypi:srv on or before 2026-01-15');
  assert.equal(u?.tier, true);
  // The window ending exactly at asOf is in.
  assert.equal(computeProfile(i, { project: p, asOf: day('2026-02-01'), today }).downloads[0]?.latest.value, 100);
  const none = onePackage({}, false);
  const v = computeProfile(
    { ...none.i, verdict: { ...none.i.verdict, series: [{ subject: pypi, series: undefined }] } },
    { project: none.p, asOf: day('2026-06-30'), today },
  );
  assert.deepEqual(v.downloads, []);
  assert.match(v.unknowns.find((x) => x.signal === 'downloads')?.reason ?? '', /^no download data stored for pypi:srv/);
});

test('downloads: the latest window ending on asOf is the figure itself; a client package says so', () => {
  const { p, i } = onePackage({ clients: ['pypi:srv'] });
  const v = computeProfile(i, { project: p, asOf: day('2026-06-01'), today });
  assert.equal(v.downloads[0]?.client, true);
  assert.equal(v.downloads[0]?.latest.value, 500);
  assert.equal(v.downloads[0]?.latest.observedAt, '2026-06-01');
});

test('downloads: without an asked date the trend is judged at the end of the data', () => {
  const { p, i } = onePackage();
  const v = computeProfile({ ...i, latestData: day('2026-06-01') }, { project: p, today });
  assert.equal(v.asOf, '2026-06-01');
  assert.equal(v.freshness.asOfBasis, 'latest-data');
  assert.equal(v.downloads[0]?.trend.dataEnds, '2026-06-01');
  const t = computeProfile(i, { project: p, today });
  assert.equal(t.asOf, '2026-07-10');
  assert.equal(t.freshness.asOfBasis, 'today');
});

test("models: no Hub data at all is one fan-out unknown; a gated repository's 0 downloads is unknown", () => {
  const { p, i } = onePackage({ pypi: [], hfModels: ['org/model'] });
  const bare = computeProfile(
    { ...i, verdict: { ...i.verdict, series: [], fanouts: [{ subject: hf, fanout: null }] } },
    { project: p, asOf, today },
  );
  const m = bare.models[0]!;
  assert.deepEqual(
    [m.license, m.downloads30d, m.likes, m.parameters, m.derivatives, m.fanout],
    [null, null, null, null, null, null],
  );
  assert.deepEqual(m.facts, {});
  assert.equal(
    bare.unknowns.find((u) => u.signal === 'fan-out')?.reason,
    'no Hub data stored for hf:org/model (import a Hub dump or run kept collect)',
  );
  assert.ok(!bare.summary.some((s) => s.includes('Hub downloads in 30 days')));

  const gated = computeProfile(
    {
      ...i,
      verdict: { ...i.verdict, series: [], fanouts: [{ subject: hf, fanout: null }] },
      artifacts: [{ subject: hf, observations: [obs(hf, 'downloads', 0, '2026-05-29', '2026-06-28')] }],
      facts: [fact(hf, 'gated', 'auto', '2026-06-01')],
    },
    { project: p, asOf, today },
  );
  assert.equal(gated.models[0]?.downloads30d, null);
  const u = gated.unknowns.find((x) => x.signal === 'downloads' && x.subject === 'hf:org/model');
  assert.match(u?.reason ?? '', /^org\/model is a gated repository/);
  assert.ok(!gated.unknowns.some((x) => x.signal === 'fan-out' && x.reason.startsWith('no Hub data')));

  // A recorded failure alone is not "no Hub data": the failure names it.
  const failed = computeProfile(
    {
      ...i,
      verdict: { ...i.verdict, series: [], fanouts: [{ subject: hf, fanout: null }] },
      facts: [fact(hf, 'unknown:downloads', 'x', '2026-06-01')],
    },
    { project: p, asOf, today },
  );
  assert.ok(!failed.unknowns.some((x) => x.reason.startsWith('no Hub data')));
  assert.deepEqual(failed.models[0]?.facts, {});
  // An ungated 0 is a count.
  const zero = computeProfile(
    {
      ...i,
      verdict: { ...i.verdict, series: [], fanouts: [{ subject: hf, fanout: null }] },
      artifacts: [{ subject: hf, observations: [obs(hf, 'downloads', 0, '2026-05-29', '2026-06-28')] }],
    },
    { project: p, asOf, today },
  );
  assert.equal(zero.models[0]?.downloads30d?.value, 0);
  assert.ok(
    zero.summary.includes('hf:org/model: 0 Hub downloads in 30 days and 0 direct derivatives (as of 2026-06-28).'),
  );
});

test('github: nothing stored is no block and a stars unknown; sampled pages alone are the sampled series', () => {
  const { p, i } = onePackage({ github: 'org/srv' });
  const empty = computeProfile(i, { project: p, asOf, today });
  assert.deepEqual(empty.github, []);
  assert.match(
    empty.unknowns.find((u) => u.signal === 'stars')?.reason ?? '',
    /^nothing collected yet for github:org\/srv \(run kept collect/,
  );
  const sampled = computeProfile(
    {
      ...i,
      artifacts: [
        {
          subject: gh,
          observations: [
            obs(gh, 'stars', 5, '2026-03-14', '2026-03-15', { dims: { series: 'sampled' } }),
            obs(gh, 'stars_gained', 5, '2026-06-29', '2026-06-30'),
          ],
        },
      ],
      facts: [fact(gh, 'archived', 'true', '2026-06-01'), fact(gh, 'pushed_at', '2026-06-02T00:00:00Z', '2026-06-01')],
    },
    { project: p, asOf, today },
  ).github[0]!;
  assert.deepEqual(sampled.starHistory, {
    series: 'sampled',
    basis: 'stars still held at sampled points of the stargazer list',
    monthly: [{ date: '2026-03-14', stars: 5 }],
    gainedLast30d: null,
    gainedPrior30d: null,
  });
  assert.equal(sampled.stars, null);
  assert.equal(sampled.archived, true);
  assert.equal(sampled.pushedAt, '2026-06-02');
  assert.deepEqual(sampled.topics, []);
  assert.deepEqual(sampled.releases, { count: 0, last90d: 0, latest: null });
  assert.deepEqual(sampled.contributors, {
    total: null,
    accounts: null,
    topCompanies: [],
    companyKnown: 0,
    companyLookedUp: 0,
  });
  // Facts alone make a block too, with no series.
  const facts = computeProfile({ ...i, facts: [fact(gh, 'license', 'MIT', '2026-06-01')] }, { project: p, asOf, today })
    .github[0]!;
  assert.deepEqual(
    [facts.license, facts.archived, facts.starHistory.series, facts.starHistory.basis],
    ['MIT', null, null, null],
  );
});

test('github: the top ten companies, ties by name', () => {
  const { p, i } = onePackage({ github: 'org/srv' });
  const names = ['k', 'j', 'i', 'h', 'g', 'f', 'e', 'd', 'c', 'b', 'a'];
  const v = computeProfile(
    {
      ...i,
      artifacts: [{ subject: gh, observations: [level(gh, 'stars', 1, '2026-06-01')] }],
      githubRecords: names.map((n) => contributor(n, '2026-06-01', { contributions: 1, company: n })),
    },
    { project: p, asOf, today },
  );
  assert.deepEqual(
    v.github[0]!.contributors.topCompanies.map((c) => c.company),
    ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
  );
});

test('noise: pypistats alone gives with and without mirrors and its caveat; no daily rows, no noise', () => {
  const { p, i } = onePackage();
  const v = computeProfile(
    {
      ...i,
      downloads: [
        {
          subject: pypi,
          observations: [
            ...days('2026-06-01', 30, 90, {}, 'pypistats'),
            ...days('2026-06-01', 30, 80, { pypistats: 'without_mirrors' }, 'pypistats'),
            ...days('2026-06-01', 30, 7, {}, 'other'),
          ],
        },
      ],
    },
    { project: p, asOf, today },
  );
  assert.equal(v.noise.length, 1);
  const n = v.noise[0]!;
  assert.equal(n.source, 'pypistats');
  assert.equal(n.split, null);
  assert.deepEqual(n.pypistats, { withMirrors: 2700, withoutMirrors: 2400 });
  assert.match(n.caveats[0] ?? '', /^pypistats removes only bandersnatch/);
  assert.equal(v.noiseEstimates[0]?.versions, null);
  const monthlyOnly = computeProfile(
    { ...i, downloads: [{ subject: pypi, observations: [obs(pypi, 'downloads', 5, '2026-05-01', '2026-05-31')] }] },
    { project: p, asOf, today },
  );
  assert.deepEqual([monthlyOnly.noise, monthlyOnly.noiseEstimates], [[], []]);
  const noSource = computeProfile(
    { ...i, downloads: [{ subject: pypi, observations: days('2026-06-01', 3, 7, {}, 'other') }] },
    { project: p, asOf, today },
  );
  assert.deepEqual(noSource.noise, []);
  assert.equal(noSource.noiseEstimates[0]?.weekdayWeekend.reading, 'insufficient-data');
});

test("mergeUnknowns: specific entries replace the verdict's, generic ones yield to a specific one", () => {
  const v = [
    { signal: 'downloads', subject: null, reason: 'verdict: downloads', tier: true },
    { signal: 'stars', subject: 'github:o/r', reason: 'verdict: stars', tier: true },
  ];
  const merged = mergeUnknowns(v, [
    { signal: 'downloads', subject: 'pypi:a', reason: 'generic a', generic: true },
    { signal: 'downloads', subject: 'pypi:a', reason: 'specific a', generic: false },
    { signal: 'downloads', subject: 'pypi:b', reason: 'generic b', generic: true },
    { signal: 'stars', subject: 'github:x/y', reason: 'other repo', generic: false },
    { signal: 'pulls', subject: 'ollama:z', reason: 'pulls z', generic: true },
  ]);
  assert.deepEqual(merged, [
    { signal: 'downloads', subject: 'pypi:a', reason: 'specific a', tier: true },
    { signal: 'stars', subject: 'github:o/r', reason: 'verdict: stars', tier: true },
    { signal: 'stars', subject: 'github:x/y', reason: 'other repo', tier: true },
    { signal: 'downloads', subject: 'pypi:b', reason: 'generic b', tier: true },
    { signal: 'pulls', subject: 'ollama:z', reason: 'pulls z', tier: false },
  ]);
  assert.deepEqual(mergeUnknowns(v, []), v);
});

test('profileInRange: each series keeps the windows of the range before its own data end', () => {
  const { p, i } = onePackage();
  const all = computeProfile(i, { project: p, asOf, today });
  const six = computeProfile(i, { project: p, asOf, today, range: '6m' });
  assert.deepEqual(six.range, {
    id: '6m',
    label: six.range.label,
    caption: "The last 6 months of windows, to the end of the package's data.",
  });
  assert.deepEqual(profileInRange(all, '6m'), six);
  assert.equal(profileInRange(all, '1y').range.caption, "The last year of windows, to the end of the package's data.");
  assert.deepEqual(profileInRange(all, 'all').downloads, all.downloads);
  assert.notEqual(six.range.label, profileInRange(all, '1y').range.label);
});

test('downloadSentence: unknown growth, a one-day window, a shape without words, spikes without a window end', () => {
  const one = computeProfile(
    profileInputs(
      { id: 'd', name: 'D', category: 'serving', pypi: ['srv'] },
      {},
      {
        series: [
          {
            subject: pypi,
            series: {
              ...monthlySeries(pypi, '2026-06', [10]),
              latest: obs(pypi, 'downloads', 7, '2026-06-29', '2026-06-30'),
            },
          },
        ],
      },
    ),
    { project: { id: 'd', name: 'D', category: 'serving', pypi: ['srv'] }, asOf: day('2026-07-01'), today },
  ).downloads[0]!;
  assert.equal(
    downloadSentence('D', one),
    'D: pypi:srv was downloaded 7 times on the day to 2026-06-30, six-month growth unknown; the curve is too short to judge.',
  );
  const odd = { ...one, trend: { ...one.trend, shape: 'wobbly' as never } };
  assert.match(downloadSentence('D', odd), /; the curve is wobbly\.$/);
  const mixed = {
    ...one,
    trend: {
      ...one.trend,
      spikes: [{ month: '2026-06' }, { month: '1999-01' }] as never,
      months: [{ month: '2026-06', value: 10, windowEnd: '2026-07-01' }] as never,
    },
  };
  assert.match(downloadSentence('D', mixed), /; 2 spikes \(2026-06, 1999-01\)\.$/);
});

test('pulls: only undimensioned pulls_total levels count; the newest precision fact of that metric', () => {
  const { p, i } = onePackage({ pypi: [], docker: ['org/srv'], ghcr: ['org/srv'], ollama: ['srv'] });
  const ghcr = sub('ghcr', 'org/srv');
  const v = computeProfile(
    {
      ...i,
      verdict: { ...i.verdict, series: [] },
      artifacts: [
        {
          subject: docker,
          observations: [
            ...[
              '2025-10-01',
              '2025-11-01',
              '2025-12-01',
              '2026-01-01',
              '2026-02-01',
              '2026-03-01',
              '2026-04-01',
              '2026-05-01',
              '2026-06-01',
            ].map((d, k) => level(docker, 'pulls_total', 1_000_000 + k * 100_000, d)),
            level(docker, 'pulls_total', 9, '2026-06-10', { dims: { arch: 'arm' } }),
            obs(docker, 'pulls_total', 9, '2026-05-10', '2026-06-10'),
            level(docker, 'pulls', 9, '2026-06-10'),
          ],
        },
        { subject: ghcr, observations: [level(ghcr, 'stars', 1, '2026-06-01')] },
      ],
      facts: [
        fact(docker, 'precision:pulls_total', '±5000', '2026-03-01'),
        fact(docker, 'precision:pulls_total', '±50000', '2026-05-01'),
        fact(docker, 'precision:pulls_total', '±7', '2026-04-01'),
        fact(docker, 'precision:stars', '±1', '2026-06-01'),
      ],
      failures: [
        fact(ghcr, 'unknown:pulls_total', 'denied', '2026-06-01', 'ghcr'),
        fact(sub('ollama', 'srv'), 'unknown:pulls_total', 'gone', '2026-06-01', 'ollama'),
        fact(sub('hf-org', 'org'), 'unknown:derivatives', 'x', '2026-06-01', 'hub'),
      ],
    },
    { project: p, asOf, today },
  );
  assert.deepEqual(
    v.pulls.map((x) => [x.subject, x.latest.value, x.latest.windowEnd, x.precision]),
    [['docker:org/srv', 1_800_000, '2026-06-01', '±50000']],
  );
  assert.deepEqual(
    v.pulls[0]!.months.map((m) => [m.month, m.value, m.plusMinus]),
    ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05'].map((m) => [m, 100_000, 100_000]),
  );
  const signal = (subject: string) => v.unknowns.filter((u) => u.subject === subject).map((u) => u.signal);
  assert.deepEqual(signal('ghcr:org/srv'), ['container-pulls']);
  // An Ollama failure names its pulls signal, so it replaces the nothing-stored entry: one gap, with its reason.
  assert.deepEqual(signal('ollama:srv'), ['pulls']);
  assert.match(v.unknowns.find((u) => u.subject === 'ollama:srv')!.reason, /gone/);
  assert.deepEqual(signal('hf-org:org'), ['derivatives']);
});

test('github: records and facts observed exactly at asOf count; equal times: the later record; 90 days exclusive', () => {
  const { p, i } = onePackage({ pypi: [], github: 'org/srv' });
  const g = computeProfile(
    {
      ...i,
      verdict: { ...i.verdict, series: [] },
      artifacts: [{ subject: gh, observations: [level(gh, 'stars', 5, '2026-06-01')] }],
      facts: [fact(gh, 'license', 'MIT', '2026-06-30'), fact(gh, 'license', 'BSD', '2026-06-29')],
      githubRecords: [
        contributor('ann', '2026-06-30', { contributions: 1, company: 'First' }),
        contributor('ann', '2026-06-30', { contributions: 2, company: 'Second' }),
        release('v1', '2026-04-01T00:00:00Z'),
        release('v2', '2026-06-30T00:00:00Z'),
        release('v0', '2026-04-02T00:00:00Z'),
      ],
    },
    { project: p, asOf, today },
  ).github[0]!;
  assert.equal(g.license, 'MIT');
  assert.deepEqual(g.contributors.topCompanies, [{ company: 'Second', contributors: 1, contributions: 2 }]);
  assert.deepEqual(g.releases, {
    count: 3,
    last90d: 2,
    latest: { tag: 'v2', publishedAt: '2026-06-30', prerelease: false },
  });
});
