// The digest on in-memory inputs (docs/digest.md): what changed between two dates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContributorReport } from '../../domain/contributors.js';
import type { Project } from '../../domain/project.js';
import {
  addDays,
  contributorReport,
  day,
  emptyVerdictInputs,
  level,
  monthlySeries,
  obs,
  record,
  sub,
} from '../../../test/helpers/view-inputs.js';
import { computeDigestView } from './compute.js';
import type { DigestInputs, DigestProjectInputs } from './load.js';

const today = day('2026-07-10');
const from = day('2026-03-01');
const to = day('2026-06-01');

function projectInputs(
  p: Project,
  before: number[] | null,
  after: number[] | null,
  first = '2025-09',
): DigestProjectInputs {
  const s = sub('pypi', p.pypi![0]!);
  return {
    project: p,
    before: {
      ...emptyVerdictInputs(p),
      series: before ? [{ subject: s, series: monthlySeries(s, first, before) }] : [],
    },
    after: { ...emptyVerdictInputs(p), series: after ? [{ subject: s, series: monthlySeries(s, first, after) }] : [] },
    trees: [],
  };
}

const alpha: Project = { id: 'alpha', name: 'Alpha', category: 'serving', pypi: ['alpha'], hfModels: ['org/base'] };
const beta: Project = { id: 'beta', name: 'Beta', category: 'serving', pypi: ['beta'] };
const gamma: Project = { id: 'gamma', name: 'Gamma', category: 'serving', pypi: ['gamma'] };

// Alpha: a spike in February (the latest month at `from`) that decayed in March, a new spike in May.
const alphaSeries = [1000, 1000, 1000, 1000, 1000, 5000, 1000, 1000, 4000];
const inputs: DigestInputs = {
  projects: [
    {
      ...projectInputs(alpha, alphaSeries, alphaSeries),
      before: {
        ...projectInputs(alpha, alphaSeries, alphaSeries).before,
        storedContributors: contributorReport(2, 1, 2, 0.8, '2026-03-01'),
      },
      after: {
        ...projectInputs(alpha, alphaSeries, alphaSeries).after,
        storedContributors: contributorReport(3, 2, 2, 0.6, '2026-06-01'),
      },
      trees: [
        {
          subject: sub('hf', 'org/base'),
          edges: [
            { child: 'x/big', relation: 'finetune', parent: 'org/base', firstSeen: day('2026-04-01') },
            { child: 'x/big', relation: 'quantized', parent: 'org/base', firstSeen: day('2026-04-02') },
            { child: 'x/exact', relation: 'adapter', parent: 'x/big', firstSeen: day('2026-06-01') },
            { child: 'x/small', relation: 'finetune', parent: 'org/base', firstSeen: day('2026-04-01') },
            { child: 'x/old', relation: 'finetune', parent: 'org/base', firstSeen: day('2026-03-01') },
            { child: 'x/late', relation: 'finetune', parent: 'org/base', firstSeen: day('2026-06-02') },
            { child: 'x/none', relation: 'finetune', parent: 'org/base', firstSeen: day('2026-04-01') },
          ],
          nodes: new Map([
            ['x/big', { id: 'x/big', author: 'x', downloads30d: 20_000 }],
            ['x/exact', { id: 'x/exact', downloads30d: 10_000 }],
            ['x/small', { id: 'x/small', downloads30d: 9_999 }],
            ['x/old', { id: 'x/old', downloads30d: 50_000 }],
            ['x/late', { id: 'x/late', downloads30d: 50_000 }],
          ]),
        },
      ],
    },
    // Beta: nothing at `from`, a 100k floor at `to`; a February jump that held in March.
    projectInputs(beta, null, [100_000, 100_000, 100_000, 100_000, 100_000, 400_000, 300_000, 300_000, 300_000]),
    // Gamma: a 100k floor at `from`, half of it at `to`.
    projectInputs(
      gamma,
      [100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000],
      [100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 50_000, 50_000, 50_000],
    ),
  ],
};

const view = computeDigestView(inputs, { from, to, today, projects: [alpha, beta, gamma] });

const titles = view.changes.map((c) => [c.rank, c.score, c.project?.id, c.kind, c.direction, c.subject, c.date]);

test('digest: every change ranked by weight × magnitude; equal scores to the project with more downloads', () => {
  assert.deepEqual(titles, [
    [1, 105, 'gamma', 'checklist', 'worse', null, null],
    [2, 105, 'alpha', 'checklist', 'worse', null, null],
    [3, 100, 'beta', 'tier', 'neutral', null, null],
    [4, 100, 'gamma', 'tier', 'worse', null, null],
    [5, 87.5, 'beta', 'checklist', 'better', null, null],
    [6, 82.5, 'alpha', 'contributor-breadth', 'better', null, null],
    [7, 64.1, 'alpha', 'spike', 'neutral', 'pypi:alpha', '2026-06-01'],
    [8, 60.8, 'alpha', 'growth', 'worse', 'pypi:alpha', '2026-06-01'],
    [9, 43.8, 'gamma', 'growth', 'worse', 'pypi:gamma', '2026-06-01'],
    [10, 35, 'beta', 'spike-decay', 'better', 'pypi:beta', '2026-04-01'],
    [11, 35, 'alpha', 'spike-decay', 'neutral', 'pypi:alpha', '2026-04-01'],
    [12, 28.8, 'alpha', 'derivative', 'better', 'hf:x/big', '2026-04-01'],
    [13, 25, 'alpha', 'derivative', 'better', 'hf:x/exact', '2026-06-01'],
  ]);
  assert.equal(
    view.summary,
    `13 changes between 2026-03-01 and 2026-06-01 in 3 of 3 projects; the largest: ${view.changes[0]!.title}`,
  );
  assert.deepEqual(
    [view.schema, view.from, view.to, view.asOf, view.scope],
    ['kept.digest/v1', '2026-03-01', '2026-06-01', '2026-06-01', null],
  );
});

test('tier: judged for the first time, and fallen a step, with the rules that came and went', () => {
  const [beta, gamma] = [view.changes[2]!, view.changes[3]!];
  assert.equal(beta.title, 'Beta: deployment tier can now be judged: production-facing (confidence low).');
  assert.deepEqual(
    [beta.before, beta.after, beta.link],
    ['unknown (confidence none)', 'production-facing (confidence low)', '/project/beta'],
  );
  assert.ok(beta.evidence.every((e) => e.startsWith('now: ')));
  assert.equal(gamma.title, 'Gamma: deployment tier fell from production-facing to internal tooling (confidence low).');
  assert.deepEqual(gamma.evidence, [
    'now: download-decline: downloads -50.0% last 3 months vs the 3 before (decline below -10.0%)',
    'no longer: download-trend: downloads +0.0% last 3 months vs the 3 before (flat)',
  ]);
});

test('checklist: an item that flipped, with both details; pass → fail weighs 1.5, → pass 1.25', () => {
  const c = view.changes[0]!;
  assert.equal(
    c.title,
    'Gamma: checklist "Are downloads and dependents holding or growing over six months?" went from pass to fail.',
  );
  assert.deepEqual([c.before, c.after], ['pass', 'fail']);
  assert.match(c.evidence[0]!, /^now: downloads -50\.0% /);
  assert.match(c.evidence[1]!, /^before: downloads \+0\.0% /);
  assert.equal(view.changes[4]!.score, 70 * 1.25);
});

test('contributor breadth: broadened when the elephant factor rose (magnitude 1.5), both windows named', () => {
  const c = view.changes[5]!;
  assert.equal(
    c.title,
    'Alpha: contributor breadth broadened: 2 organisations, elephant factor 1, bus factor 2, top organisation 80% → 3 organisations, elephant factor 2, bus factor 2, top organisation 60%.',
  );
  assert.deepEqual(c.evidence, [
    'now: last 12 months to 2026-06-01, git /src/x',
    'before: last 12 months to 2026-03-01, git /src/x',
  ]);
});

test('spikes: a new one in the period (3× rule), the fate of one open at `from`: decayed (≤ 50%) or held', () => {
  const spike = view.changes[6]!;
  assert.equal(
    spike.title,
    'Alpha: download spike on pypi:alpha in 2026-05: 4,000, 4.0× the 1,000 of the months before; the latest month, so its decay is not yet known.',
  );
  assert.deepEqual([spike.after, spike.link], ['4,000 in 2026-05', '/trend/pypi:alpha']);
  assert.equal(spike.evidence[1], 'source: clickpy (30-day windows)');
  assert.equal(spike.score, Math.round(40 * (1 + Math.log10(4)) * 10) / 10);
  const held = view.changes[9]!;
  assert.equal(
    held.title,
    'Beta: the 2026-02 jump on pypi:beta held: 300k in 2026-03, 0.8× it (more than half), a step up rather than a spike.',
  );
  assert.deepEqual([held.before, held.after], ['400k in 2026-02, decay not yet known', '300k in 2026-03']);
  const decayed = view.changes[10]!;
  assert.equal(
    decayed.title,
    'Alpha: the 2026-02 download spike on pypi:alpha decayed: 1,000 in 2026-03, 20% of the spike.',
  );
  assert.equal(decayed.evidence[1], 'a spike has decayed when the next month is at most 50% of it');
});

test('growth: six-month growth crossing +25% downwards and -25% downwards', () => {
  const a = view.changes[7]!;
  assert.equal(a.title, 'Alpha: six-month download growth of pypi:alpha fell below +25%: +133% → -14%.');
  assert.deepEqual([a.before, a.after], ['+133%', '-14%']);
  assert.deepEqual(a.evidence.slice(0, 2), [
    'now: pypi:alpha: 4,000 downloads in 2026-05, -14% over six months (spike-and-decay).',
    'before: pypi:alpha: 5,000 downloads in 2026-02, +133% over six months (climbing-floor).',
  ]);
  assert.equal(view.changes[8]!.title, 'Gamma: six-month download growth of pypi:gamma fell below -25%: 0.0% → -50%.');
});

test('derivatives: new in the period (from exclusive, to inclusive) with at least 10,000 downloads, each once', () => {
  const [big, exact] = [view.changes[11]!, view.changes[12]!];
  assert.equal(big.title, 'Alpha: a new finetune in the tree of org/base, "x/big", with 20k downloads in 30 days.');
  assert.deepEqual(big.evidence, [
    'first seen 2026-04-01; relation finetune to "org/base"',
    'large: at least 10k downloads in its latest 30-day window',
    'author: "x"',
  ]);
  assert.equal(big.link, '/fanout/hf:org/base');
  assert.equal(exact.after, '10k downloads in 30 days');
  assert.equal(exact.evidence.length, 2);
});

test('projects: ordered by their first change, with tiers before and after; the catalog counts', () => {
  assert.deepEqual(
    view.projects.map((p) => [p.id, p.changes, p.tierFrom.id, p.tierTo.id, p.link]),
    [
      ['gamma', 3, 'production-facing', 'internal-tooling', '/project/gamma'],
      ['alpha', 7, 'experiment', 'experiment', '/project/alpha'],
      ['beta', 3, 'unknown', 'production-facing', '/project/beta'],
    ],
  );
  assert.equal(view.projects[0]!.top, view.changes[0]!.title);
  assert.deepEqual(
    view.catalog.tiers.map((t) => [t.tier.id, t.from, t.to]),
    [
      ['experiment', 1, 1],
      ['internal-tooling', 0, 1],
      ['production-facing', 1, 1],
      ['load-bearing-infrastructure', 0, 0],
      ['unknown', 1, 0],
    ],
  );
  assert.deepEqual(
    view.catalog.byKind.map((k) => [k.kind, k.changes]),
    [
      ['tier', 2],
      ['checklist', 3],
      ['contributor-breadth', 1],
      ['spike', 1],
      ['spike-decay', 2],
      ['growth', 2],
      ['derivative', 2],
    ],
  );
  assert.deepEqual([view.catalog.projects, view.catalog.changed], [3, 3]);
  assert.equal(
    view.catalog.sentence,
    '3 projects judged; 3 changed between 2026-03-01 and 2026-06-01: 0 tiers up, 1 tier down.',
  );
  assert.deepEqual(
    view.notReported.map((n) => n.kind),
    ['star-burst', 'breaking-release', 'deprecation'],
  );
  assert.match(view.ranking, /^Ranked by score = kind weight \(tier 100, checklist 70, breaking-release 60, /);
  assert.match(view.notes[0]!, /^The period runs from 2026-03-01 \(exclusive\) to 2026-06-01 \(inclusive\)/);
});

test('no change: the summary says so, every missing kind of data is listed, the scope kept', () => {
  const flat = [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000];
  const v = computeDigestView(
    { projects: [projectInputs(beta, flat, flat)] },
    { from, to, today, projects: [beta], scope: ['beta'] },
  );
  assert.deepEqual(v.changes, []);
  assert.deepEqual(v.projects, []);
  assert.equal(v.summary, 'No changes between 2026-03-01 and 2026-06-01 in 1 project judged.');
  assert.equal(v.catalog.sentence, '1 project judged; 0 changed between 2026-03-01 and 2026-06-01.');
  assert.deepEqual(v.scope, ['beta']);
  assert.deepEqual(
    v.notReported.map((n) => n.kind),
    ['star-burst', 'breaking-release', 'deprecation', 'contributor-breadth', 'derivative'],
  );
  assert.deepEqual(v.catalog.byKind, []);
});

const delta: Project = { id: 'delta', name: 'Delta', category: 'serving', github: 'o/delta', npm: ['delta'] };
const repo = sub('github', 'o/delta');
const deltaPkg = sub('npm', 'delta');
const rel = (tag: string, date: string, body = '') =>
  record(repo, 'github-release', tag, date, { tag, publishedAt: `${date}T00:00:00Z`, body });
const npmVersion = (version: string, at: string, deprecated: string | null) =>
  record(deltaPkg, 'npm-version', version, at, { version, publishedAt: '2025-01-01T00:00:00Z', deprecated });
/** Cumulative stars at each day's end from 2025-10-01: 10 a day, and 600 on 2026-04-15. */
const starHistory = Array.from({ length: 240 }, (_, i) => {
  const d = addDays('2025-10-01', i);
  return obs(repo, 'stars', 1000 + 10 * (i + 1) + (d >= '2026-04-15' ? 600 : 0), d, addDays(d, 1), {
    dims: { series: 'history' },
  });
});
// Growth from -50% at `from` to +100% at `to`: both thresholds crossed upwards.
const deltaSeries = [1000, 1000, 1000, 500, 500, 500, 1000, 1000, 1000];

function deltaInputs(): DigestProjectInputs {
  const common = {
    ...emptyVerdictInputs(delta),
    repo,
    repoRecords: [
      rel('v1.0.0', '2025-06-01'),
      rel('v1.1.0', '2026-02-01'),
      rel('v2.0.0', '2026-04-10', '## Breaking changes\n- removed `bar`'),
      rel('v2.1.0', '2026-05-01', '- `foo` is deprecated, use `baz`'),
      rel('v3.0.0', '2026-06-20'),
    ],
    registryRecords: [
      npmVersion('1.0.0', '2026-01-01', null),
      npmVersion('1.0.0', '2026-05-01', 'use 2'),
      npmVersion('1.1.0', '2026-05-01', 'use 2'),
    ],
    stars: starHistory,
    series: [{ subject: deltaPkg, series: monthlySeries(deltaPkg, '2025-09', deltaSeries) }],
  };
  return { project: delta, before: common, after: common, trees: [] };
}

const dv = computeDigestView({ projects: [deltaInputs()] }, { from, to, today, projects: [delta] });
const change = (kind: string, n = 0) => dv.changes.filter((c) => c.kind === kind)[n]!;

test('upgrade safety: a breaking release in the period with why, its release-note deprecation, registry deprecations', () => {
  assert.deepEqual(
    dv.changes.map((c) => [c.kind, c.score, c.direction, c.date]),
    [
      ['checklist', 87.5, 'better', null],
      ['star-burst', 85.2, 'neutral', '2026-04-15'],
      ['growth', 61.3, 'better', '2026-06-01'],
      ['breaking-release', 60, 'worse', '2026-04-10'],
      ['deprecation', 45, 'worse', null],
      ['deprecation', 45, 'neutral', '2026-05-01'],
    ],
  );
  const b = change('breaking-release');
  assert.equal(b.title, 'Delta: breaking release "v2.0.0" on 2026-04-10.');
  assert.deepEqual([b.subject, b.after], ['github:o/delta', 'v2.0.0']);
  assert.deepEqual(b.evidence, [
    'why breaking: a major version bump; release notes with a breaking-changes section',
    'breaking releases in the twelve months to 2026-06-01: 1 (0 at 2026-03-01)',
  ]);
  const reg = change('deprecation');
  assert.equal(reg.title, 'Delta: 2 npm version(s) deprecated.');
  assert.deepEqual([reg.before, reg.after], ['0 deprecated, 0 yanked', '2 deprecated, 0 yanked']);
  assert.deepEqual(reg.evidence, ['registry versions: 2; e.g. "npm 1.0.0: use 2", "npm 1.1.0: use 2"']);
  const notice = change('deprecation', 1);
  assert.equal(notice.title, 'Delta: deprecation notice in release "v2.1.0" on 2026-05-01.');
  assert.deepEqual(notice.evidence, ['data from the release notes: "- `foo` is deprecated, use `baz`"']);
  assert.deepEqual(
    dv.notReported.map((n) => n.kind),
    ['contributor-breadth', 'derivative'],
  );
});

test('star burst: a day in the period far above its 12-week median; usage did not follow', () => {
  const s = change('star-burst');
  assert.equal(
    s.title,
    'Delta: star burst: 610 stars on 2026-04-15, 61× its 12-week median; downloads flat (+0.1% in the 30 days after).',
  );
  assert.deepEqual([s.subject, s.after], ['github:o/delta', '610 stars']);
  assert.deepEqual(s.evidence, [
    'peak 610 stars on 2026-04-15 against a 12-week median of 10 a day',
    'usage after it: flat (downloads)',
  ]);
});

test('growth: a jump through both thresholds is one line, "rose above +25% (from below -25%)"', () => {
  const g = change('growth');
  assert.equal(
    g.title,
    'Delta: six-month download growth of npm:delta rose above +25% (from below -25%): -50% → +100%.',
  );
  assert.equal(g.score, Math.round(35 * 1.75 * 10) / 10);
  assert.equal(
    dv.summary,
    `6 changes between 2026-03-01 and 2026-06-01 in 1 of 1 project; the largest: ${dv.changes[0]!.title}`,
  );
});

test('growth: a fall through both thresholds reads "fell below -25% (from above +25%)"', () => {
  const down = [500, 500, 500, 1000, 1000, 1000, 500, 500, 500];
  const v = computeDigestView({ projects: [projectInputs(beta, down, down)] }, { from, to, today, projects: [beta] });
  const g = v.changes.find((c) => c.kind === 'growth')!;
  assert.equal(
    g.title,
    'Beta: six-month download growth of pypi:beta fell below -25% (from above +25%): +100% → -50%.',
  );
  assert.equal(g.direction, 'worse');
});

test('tier: a rise names both tiers; a tier no longer judged is neutral', () => {
  const low = [20_000, 20_000, 20_000, 20_000, 20_000, 20_000, 20_000, 20_000, 20_000];
  const high = [100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000];
  const rise = computeDigestView(
    {
      projects: [
        { ...projectInputs(beta, low, low), after: projectInputs(beta, high, high).after },
        projectInputs(gamma, high, null),
      ],
    },
    { from, to, today, projects: [beta, gamma] },
  );
  const tiers = rise.changes.filter((c) => c.kind === 'tier');
  assert.deepEqual(
    tiers.map((t) => [t.project?.id, t.direction, t.score, t.title]),
    [
      [
        'beta',
        'better',
        100,
        'Beta: deployment tier rose from internal tooling to production-facing (confidence low).',
      ],
      [
        'gamma',
        'neutral',
        100,
        'Gamma: deployment tier can no longer be judged (was production-facing) (confidence none).',
      ],
    ],
  );
  assert.equal(
    rise.catalog.sentence,
    '2 projects judged; 2 changed between 2026-03-01 and 2026-06-01: 1 tier up, 0 tiers down.',
  );
});

test('contributor breadth: first measured, narrowed, shifted by the top share (≥ 5 points), or no change', () => {
  const one = (before: ContributorReport | undefined, after: ContributorReport | undefined) => {
    const p = projectInputs(beta, null, null);
    return computeDigestView(
      {
        projects: [
          {
            ...p,
            before: { ...p.before, storedContributors: before },
            after: { ...p.after, storedContributors: after },
          },
        ],
      },
      { from, to, today, projects: [beta] },
    ).changes.filter((c) => c.kind === 'contributor-breadth');
  };
  const first = one(undefined, contributorReport(2, 1, 3, 0.5, '2026-06-01'));
  assert.deepEqual(
    first.map((c) => [c.direction, c.before, c.score, c.title]),
    [
      [
        'neutral',
        null,
        55,
        'Beta: contributor breadth first measured: 2 organisations, elephant factor 1, bus factor 3, top organisation 50%.',
      ],
    ],
  );
  assert.deepEqual(first[0]!.evidence, ['now: last 12 months to 2026-06-01, git /src/x']);
  const narrowed = one(contributorReport(3, 2, 3, 0.5, '2026-03-01'), contributorReport(3, 1, 3, 0.5, '2026-06-01'));
  assert.deepEqual(
    narrowed.map((c) => [c.direction, c.score]),
    [['worse', 82.5]],
  );
  assert.match(narrowed[0]!.title, /^Beta: contributor breadth narrowed: /);
  const fewerOrgs = one(contributorReport(3, 1, 3, 0.5, '2026-03-01'), contributorReport(2, 1, 3, 0.5, '2026-06-01'));
  assert.deepEqual(
    fewerOrgs.map((c) => [c.direction, c.score]),
    [['worse', 55]],
  );
  const moreOrgs = one(contributorReport(2, 1, 3, 0.5, '2026-03-01'), contributorReport(3, 1, 3, 0.5, '2026-06-01'));
  assert.deepEqual(
    moreOrgs.map((c) => c.direction),
    ['better'],
  );
  const shifted = one(contributorReport(2, 1, 3, 0.5, '2026-03-01'), contributorReport(2, 1, 3, 0.55, '2026-06-01'));
  assert.deepEqual(
    shifted.map((c) => c.direction),
    ['neutral'],
  );
  assert.match(shifted[0]!.title, /^Beta: contributor breadth shifted: /);
  const bus = one(contributorReport(2, 1, 3, 0.5, '2026-03-01'), contributorReport(2, 1, 4, 0.5, '2026-06-01'));
  assert.deepEqual(
    bus.map((c) => c.direction),
    ['neutral'],
  );
  assert.deepEqual(
    one(contributorReport(2, 1, 3, 0.5, '2026-03-01'), contributorReport(2, 1, 3, 0.54, '2026-06-01')),
    [],
  );
  assert.deepEqual(one(contributorReport(2, 1, 3, 0.5, '2026-03-01'), undefined), []);
});

test('confidence: the same tier with more of its signals measured rose; with fewer, fell', () => {
  const s = sub('pypi', 'beta');
  const base = {
    ...emptyVerdictInputs(beta),
    series: [
      {
        subject: s,
        series: monthlySeries(
          s,
          '2025-09',
          Array.from({ length: 9 }, () => 100_000),
        ),
      },
    ],
    dependents: [level(s, 'dependents', 150, '2026-02-01')],
  };
  const withReport = { ...base, storedContributors: contributorReport(3, 2, 3, 0.4, '2026-05-01') };
  const run = (before: typeof base, after: typeof base) =>
    computeDigestView(
      { projects: [{ project: beta, before, after, trees: [] }] },
      { from, to, today, projects: [beta] },
    ).changes.find((c) => c.kind === 'confidence')!;
  const rose = run(base, withReport);
  assert.deepEqual(
    [rose.direction, rose.before, rose.after, rose.score, rose.title],
    ['better', 'low', 'medium', 50, 'Beta: confidence in its production-facing tier rose from low to medium.'],
  );
  assert.deepEqual(rose.evidence, [
    'signals measured: 40% → 60% of those the tier weighs',
    'now measured: contributors',
  ]);
  const fell = run(withReport, base);
  assert.deepEqual(
    [fell.direction, fell.title],
    ['worse', 'Beta: confidence in its production-facing tier fell from medium to low.'],
  );
  assert.deepEqual(fell.evidence, [
    'signals measured: 60% → 40% of those the tier weighs',
    'now unknown: contributors',
  ]);
});

test('growth: exactly +25% at `to` crosses the threshold (at least), just below does not', () => {
  const at = (last: number) => {
    const values = [1_000, 1_000, 1_000, 1_000, 1_000, 1_000, last, last, last];
    return computeDigestView(
      { projects: [projectInputs(beta, values, values)] },
      { from, to, today, projects: [beta] },
    ).changes.filter((c) => c.kind === 'growth');
  };
  assert.deepEqual(
    at(1_250).map((c) => [c.title, c.score]),
    [['Beta: six-month download growth of pypi:beta rose above +25%: 0.0% → +25%.', Math.round(35 * 1.125 * 10) / 10]],
  );
  assert.deepEqual(at(1_249), []);
  // From exactly +25% down to 0: it was at the threshold, so it fell below it.
  const down = [800, 800, 800, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000];
  const fell = computeDigestView(
    { projects: [projectInputs(beta, down, down)] },
    { from, to, today, projects: [beta] },
  ).changes.filter((c) => c.kind === 'growth');
  assert.deepEqual(
    fell.map((c) => [c.direction, c.title]),
    [['worse', 'Beta: six-month download growth of pypi:beta fell below +25%: +25% → 0.0%.']],
  );
});

test('spikes: a spike inside the period with its fate; a spike before the period is not new', () => {
  const values = [1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 4_000, 1_000, 5_000, 4_000];
  const v = computeDigestView(
    { projects: [projectInputs(beta, values, values)] },
    { from, to, today, projects: [beta] },
  );
  const spikes = v.changes.filter((c) => c.kind === 'spike');
  assert.deepEqual(
    spikes.map((c) => [c.date, c.title]),
    [
      [
        '2026-06-01',
        'Beta: download spike on pypi:beta in 2026-05: 5,000, 5.0× the 1,000 of the months before; the latest month, so its decay is not yet known.',
      ],
      [
        '2026-04-01',
        'Beta: download spike on pypi:beta in 2026-03: 4,000, 4.0× the 1,000 of the months before; then it decayed to 1,000 the next month.',
      ],
    ],
  );
  const early = [1_000, 1_000, 1_000, 1_000, 4_000, 1_000, 1_000, 1_000, 1_000];
  const kinds = computeDigestView(
    { projects: [projectInputs(beta, early, early)] },
    { from, to, today, projects: [beta] },
  ).changes.map((c) => c.kind);
  assert.ok(!kinds.includes('spike') && !kinds.includes('spike-decay'), kinds.join());
});

test('checklist: to unknown is neutral and weighs 1; fail from unknown is worse and weighs 1', () => {
  const v = computeDigestView(
    { projects: [projectInputs(beta, [100_000, 100_000, 100_000, 100_000, 100_000, 100_000], null)] },
    { from, to, today, projects: [beta] },
  );
  const c = v.changes.find((x) => x.kind === 'checklist')!;
  assert.deepEqual([c.before, c.after, c.direction, c.score], ['pass', 'unknown', 'neutral', 70]);
});

test('upgrade: yanked PyPI versions are counted against the state at `from`; long tags are cut', () => {
  const p: Project = { id: 'eps', name: 'Eps', category: 'serving', github: 'o/eps', pypi: ['eps'] };
  const r = sub('github', 'o/eps');
  const pkg = sub('pypi', 'eps');
  const version = (v: string, at: string, yanked: boolean) =>
    record(pkg, 'pypi-release', v, at, { version: v, publishedAt: '2025-01-01T00:00:00Z', yanked });
  const tag = `release-${'x'.repeat(80)}`;
  const common = {
    ...emptyVerdictInputs(p),
    repo: r,
    series: [
      {
        subject: pkg,
        series: monthlySeries(
          pkg,
          '2025-09',
          Array.from({ length: 9 }, () => 1_000),
        ),
      },
    ],
    repoRecords: [
      record(r, 'github-release', 'v1', '2025-06-01', { tag: 'v1.0.0', publishedAt: '2025-06-01T00:00:00Z' }),
      record(r, 'github-release', 'v2', '2026-04-01', {
        tag,
        publishedAt: '2026-04-01T00:00:00Z',
        body: '## Breaking changes\n- removed `old`',
      }),
    ],
    registryRecords: [
      version('1.0.0', '2026-01-01', true),
      version('1.1.0', '2026-01-01', false),
      version('1.1.0', '2026-05-01', true),
      version('1.2.0', '2026-05-01', true),
    ],
  };
  const v = computeDigestView(
    { projects: [{ project: p, before: common, after: common, trees: [] }] },
    { from, to, today, projects: [p] },
  );
  const yanked = v.changes.find((c) => c.kind === 'deprecation')!;
  assert.deepEqual(
    [yanked.title, yanked.before, yanked.after],
    ['Eps: 2 PyPI version(s) yanked.', '0 deprecated, 1 yanked', '0 deprecated, 3 yanked'],
  );
  const breaking = v.changes.find((c) => c.kind === 'breaking-release')!;
  assert.equal(breaking.title, `Eps: breaking release "release-${'x'.repeat(51)}…" on 2026-04-01.`);
  assert.equal(breaking.after, tag);
});
