// The overview on in-memory inputs (docs/dashboard.md): each project's main package (its largest
// latest window on or before asOf), a model family's Hub downloads when it has no package, stale
// rows (usage data ending more than 45 days before asOf), the Hub models, the unmeasured projects,
// and the query's summary.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Project } from '../../domain/project.js';
import { computeFanout } from '../../signals/fanout.js';
import { day, emptyVerdictInputs, monthlySeries, obs, sub } from '../../../test/helpers/view-inputs.js';
import { computeOverview, computeOverviewBase, queryOverviewView } from './compute.js';
import type { OverviewInputs } from './load.js';

const today = day('2026-07-10');
const asOf = day('2026-07-01');
const alpha: Project = { id: 'alpha', name: 'Alpha', category: 'serving', pypi: ['alpha', 'alpha-lite'] };
const beta: Project = { id: 'beta', name: 'Beta', category: 'framework', npm: ['beta'] };
const gamma: Project = { id: 'gamma', name: 'Gamma', category: 'model-family', hfModels: ['org/a', 'org/b', 'org/c'] };
const delta: Project = { id: 'delta', name: 'Delta', category: 'serving', pypi: ['delta'] };
const [a, lite, b] = [sub('pypi', 'alpha'), sub('pypi', 'alpha-lite'), sub('npm', 'beta')];

const tree = (base: string, downloads: number | undefined, dataEnds?: string) => ({
  ...computeFanout({
    base,
    asOf,
    nodes: new Map([
      [base, { id: base, ...(downloads === undefined ? {} : { downloads30d: downloads }) }],
      ['x/ft', { id: 'x/ft', author: 'x', downloads30d: 10 }],
    ]),
    edges: [{ child: 'x/ft', relation: 'finetune', parent: base, firstSeen: day('2026-01-01') }],
  }),
  dataEnds: dataEnds ? day(dataEnds) : undefined,
  unknownDownloads: downloads === undefined ? [{ id: base, reason: `${base} is gated` }] : [],
});

const inputs: OverviewInputs = {
  projects: [
    {
      ...emptyVerdictInputs(alpha),
      series: [
        // Its July window ends after asOf: the June window stands.
        { subject: a, series: monthlySeries(a, '2026-01', [1_000, 1_000, 1_000, 2_000, 2_000, 2_000, 9_999]) },
        { subject: lite, series: monthlySeries(lite, '2026-01', [5_000, 5_000, 5_000, 5_000, 5_000, 1_500]) },
        { subject: sub('pypi', 'none'), series: undefined },
      ],
    },
    {
      ...emptyVerdictInputs(beta),
      series: [{ subject: b, series: monthlySeries(b, '2026-01', [300, 300, 300, 300]) }],
    },
    {
      ...emptyVerdictInputs(gamma),
      fanouts: [
        { subject: sub('hf', 'org/a'), fanout: tree('org/a', 700, '2026-06-28') },
        { subject: sub('hf', 'org/b'), fanout: tree('org/b', undefined) },
        { subject: sub('hf', 'org/c'), fanout: null },
      ],
    },
    emptyVerdictInputs(delta),
  ],
};
const base = computeOverviewBase(inputs, { asOf, today, projects: [alpha, beta, gamma, delta] });

test('rows: the package with the largest window on or before asOf, its trend and the data age', () => {
  const r = base.rows[0]!;
  assert.deepEqual(
    [r.package, r.latest, r.windowEnd, r.growth, r.shape, r.spikes, r.source, r.months],
    ['pypi:alpha', 2_000, '2026-07-01', 1, 'climbing-floor', 0, 'clickpy', [1_000, 1_000, 1_000, 2_000, 2_000, 2_000]],
  );
  assert.deepEqual([r.dataEnds, r.ageDays, r.stale], ['2026-07-01', 0, false]);
  assert.deepEqual([r.id, r.name, r.category, r.tier.id], ['alpha', 'Alpha', 'serving', base.rows[0]!.tier.id]);
  assert.ok(r.tier.headline.startsWith(`${r.tier.label} · `));
});

test('rows: usage data ending 61 days before asOf is stale (more than 45)', () => {
  const r = base.rows[1]!;
  assert.deepEqual(
    [r.package, r.latest, r.windowEnd, r.dataEnds, r.ageDays, r.stale],
    ['npm:beta', 300, '2026-05-01', '2026-05-01', 61, true],
  );
});

test('rows: a model family reads its most downloaded base model on the Hub, without a trend', () => {
  const r = base.rows[2]!;
  assert.deepEqual(
    [r.package, r.latest, r.windowEnd, r.growth, r.shape, r.spikes, r.source, r.months],
    ['hf:org/a', 700, '2026-06-28', null, null, null, 'huggingface', []],
  );
  const none = base.rows[3]!;
  assert.deepEqual(
    [none.package, none.latest, none.windowEnd, none.source, none.dataEnds, none.ageDays, none.stale],
    [null, null, null, null, null, null, false],
  );
});

test('models: every base model with a tree, an unknown download count with its reason', () => {
  assert.deepEqual(
    base.models.map((m) => [
      m.project,
      m.model,
      m.downloads30d,
      m.downloadsUnknown,
      m.finetune,
      m.tree,
      m.used,
      m.orgs,
    ]),
    [
      ['gamma', 'hf:org/a', 700, null, 1, 1, 1, 1],
      ['gamma', 'hf:org/b', null, 'org/b is gated', 1, 1, 1, 1],
    ],
  );
  assert.deepEqual(
    base.models.map((m) => [m.adapter, m.quantized, m.merge, m.reuploads, m.derivativeShare]),
    [
      [0, 0, 0, 0, 10 / 710],
      [0, 0, 0, 0, null],
    ],
  );
  assert.deepEqual(base.unmeasured, [
    {
      id: 'delta',
      name: 'Delta',
      reason:
        'no PyPI, npm or Hub download data stored (the project may publish elsewhere, or nothing was collected yet)',
      cell: 'not collected — kept collect delta',
    },
  ]);
});

test('view: the summary, the stale note, one shared source, the query echoed', () => {
  const v = queryOverviewView(base);
  assert.equal(v.schema, 'kept.overview/v1');
  assert.equal(v.asOf, '2026-07-01');
  assert.deepEqual(v.query, { q: null, category: null, sort: 'latest', dir: 'desc' });
  assert.deepEqual([v.projects, v.measured], [4, 3]);
  assert.equal(v.summary, '4 catalog projects, 3 with download data.');
  assert.equal(
    v.staleNote,
    "1 of these projects' usage data ends more than 45 days before 2026-07-01, so their rows describe an earlier time and their tiers carry one step less confidence: Beta (ends 2026-05-01, 61 days).",
  );
  assert.deepEqual(
    v.rows.map((r) => r.id),
    ['alpha', 'gamma', 'beta', 'delta'],
  );
  assert.equal(v.sharedSource, null);
  assert.equal(v.freshness.dataEnds, '2026-07-01');
  const serving = queryOverviewView(base, { category: 'serving', q: 'ALPHA ' });
  assert.equal(
    serving.summary,
    '4 catalog projects, 3 with download data; the filter keeps 1 (category serving) (matching "ALPHA ").',
  );
  assert.deepEqual([serving.query.category, serving.staleNote, serving.sharedSource], ['serving', null, 'clickpy']);
  assert.deepEqual([serving.models, serving.unmeasured], [[], []]);
  const unknownCategory = queryOverviewView(base, { category: 'nope' });
  assert.deepEqual([unknownCategory.query.category, unknownCategory.rows], [null, []]);
  assert.equal(
    unknownCategory.summary,
    '4 catalog projects, 3 with download data; the filter keeps 0 (category nope).',
  );
  const byText = queryOverviewView(base, { q: 'gamma' });
  assert.deepEqual([byText.models.length, byText.unmeasured.length, byText.rows.length], [2, 0, 1]);
  assert.equal(byText.summary, '4 catalog projects, 3 with download data; the filter keeps 1 (matching "gamma").');
});

test("computeOverview: without an asked date, the end of the store's data; the query applied", () => {
  const v = computeOverview(
    { ...inputs, latestData: day('2026-06-01') },
    { today, projects: [], query: { sort: 'name' } },
  );
  assert.equal(v.asOf, '2026-06-01');
  assert.equal(v.freshness.asOfBasis, 'latest-data');
  assert.deepEqual(
    v.rows.map((r) => r.name),
    ['Alpha', 'Beta', 'Delta', 'Gamma'],
  );
  assert.equal(v.rows[0]!.latest, 5_000, 'at 2026-06-01 alpha-lite is the larger package');
  assert.equal(v.rows[0]!.package, 'pypi:alpha-lite');
  assert.equal(v.rows[1]!.ageDays, 31);
  assert.equal(v.rows[1]!.stale, false);
});

test(`stale rows: usage data ending 45 days before asOf is current, 46 days is stale`, () => {
  const at = (iso: string) =>
    computeOverviewBase({ projects: [inputs.projects[1]!] }, { asOf: day(iso), today, projects: [beta] }).rows[0]!;
  assert.deepEqual([at('2026-06-15').ageDays, at('2026-06-15').stale], [45, false]);
  assert.deepEqual([at('2026-06-16').ageDays, at('2026-06-16').stale], [46, true]);
});

test('columns: of equal packages the first stands; a series latest other than its last point; the larger Hub model', () => {
  const x = sub('pypi', 'x');
  const y = sub('pypi', 'y');
  const p: Project = { id: 'p', name: 'P', category: 'serving', pypi: ['x', 'y'] };
  const daily = {
    ...monthlySeries(y, '2026-05', [10, 10]),
    latest: obs(y, 'downloads', 3, '2026-06-29', '2026-06-30'),
  };
  const rows = computeOverviewBase(
    {
      projects: [
        {
          ...emptyVerdictInputs(p),
          series: [
            { subject: x, series: monthlySeries(x, '2026-05', [10, 10]) },
            { subject: y, series: daily },
          ],
        },
        { ...emptyVerdictInputs(p), series: [{ subject: y, series: daily }] },
        {
          ...emptyVerdictInputs(gamma),
          fanouts: [
            { subject: sub('hf', 'org/b'), fanout: tree('org/b', undefined) },
            { subject: sub('hf', 'org/a'), fanout: tree('org/a', 700, '2026-06-28') },
            { subject: sub('hf', 'org/c'), fanout: tree('org/c', 900) },
          ],
        },
      ],
    },
    { asOf, today, projects: [p, p, gamma] },
  ).rows;
  assert.deepEqual([rows[0]!.package, rows[0]!.latest], ['pypi:x', 10]);
  assert.deepEqual([rows[1]!.package, rows[1]!.latest, rows[1]!.windowEnd], ['pypi:y', 3, '2026-06-30']);
  assert.deepEqual([rows[2]!.package, rows[2]!.latest, rows[2]!.windowEnd], ['hf:org/c', 900, null]);
});

test('query: the unmeasured kept by the filter; one shared source whatever the rows without one', () => {
  const d = queryOverviewView(base, { q: 'delta' });
  assert.deepEqual(
    d.unmeasured.map((u) => u.id),
    ['delta'],
  );
  const serving = queryOverviewView(base, { category: 'serving' });
  assert.deepEqual(
    serving.rows.map((r) => [r.id, r.source]),
    [
      ['alpha', 'clickpy'],
      ['delta', null],
    ],
  );
  assert.equal(serving.sharedSource, 'clickpy');
});
