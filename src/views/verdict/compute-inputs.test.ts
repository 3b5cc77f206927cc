// The verdict on in-memory inputs with every kind of record (docs/tiers.md): issues and comments
// (the later record of an issue wins; unreadable records counted), releases taken from registry
// versions when no GitHub release is stored, docs, the project's own package before a client
// library, dependents summed over packages with their six-month growth, pulls, the Hub fan-out,
// stars, a stored or given contributor report, and what each line of "inputs" says.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Project } from '../../domain/project.js';
import { computeFanout } from '../../signals/fanout.js';
import {
  addDays,
  contributorReport,
  day,
  emptyVerdictInputs,
  fact,
  level,
  monthlySeries,
  obs,
  record,
  sub,
} from '../../../test/helpers/view-inputs.js';
import { computeVerdictParts, computeVerdictView, latestRecords } from './compute.js';
import type { VerdictInputs } from './load.js';

const project: Project = {
  id: 'srv',
  name: 'Srv',
  category: 'serving',
  github: 'o/srv',
  pypi: ['srv'],
  npm: ['srv-client'],
  docker: ['o/srv'],
  hfModels: ['o/m', 'o/n'],
  clients: ['npm:srv-client'],
};
const repo = sub('github', 'o/srv');
const pkg = sub('pypi', 'srv');
const client = sub('npm', 'srv-client');
const model = sub('hf', 'o/m');
const asOf = day('2026-07-01');
const today = day('2026-07-05');

const issue = (n: number, state: 'open' | 'closed', created: string, closed?: string) => ({
  number: n,
  title: `issue ${n}`,
  state,
  created_at: `${created}T00:00:00Z`,
  closed_at: closed ? `${closed}T00:00:00Z` : null,
  user: { login: 'u', type: 'User' },
  author_association: 'NONE',
});
const fanout = {
  ...computeFanout({
    base: 'o/m',
    asOf,
    nodes: new Map([
      ['o/m', { id: 'o/m', author: 'o', downloads30d: 40_000 }],
      ['a/ft', { id: 'a/ft', author: 'a', downloads30d: 100 }],
      ['b/ft', { id: 'b/ft', author: 'b', downloads30d: 0 }],
      ['c/ft', { id: 'c/ft', author: 'c' }],
      ['d/m-GGUF', { id: 'd/m-GGUF', author: 'd', format: 'gguf' }],
    ]),
    edges: ['a/ft', 'b/ft', 'c/ft']
      .map((child) => ({
        child,
        relation: 'finetune',
        parent: 'o/m',
        firstSeen: day('2026-01-01'),
      }))
      .concat([{ child: 'd/m-GGUF', relation: 'quantized', parent: 'o/m', firstSeen: day('2026-01-01') }]),
  }),
  dataEnds: day('2026-06-28'),
};

function inputs(): VerdictInputs {
  const clientSeries = monthlySeries(client, '2026-01', [900_000, 900_000, 900_000, 900_000, 900_000, 900_000]);
  return {
    ...emptyVerdictInputs(project),
    repo,
    repoRecords: [
      record(repo, 'issue', '1', '2026-05-01', issue(1, 'open', '2026-04-01')),
      record(repo, 'issue', '1', '2026-06-01', issue(1, 'closed', '2026-04-01', '2026-05-15')),
      record(repo, 'github-issue', '2', '2026-06-01', issue(2, 'open', '2026-05-20')),
      record(repo, 'issue', '3', '2026-06-01', { title: 'no number' }),
      record(repo, 'issue', '9', '2026-07-02', issue(9, 'open', '2026-07-02')),
      record(repo, 'issue-comment', 'c1', '2026-06-01', {
        issue_url: 'https://api.github.com/repos/o/srv/issues/2',
        created_at: '2026-05-21T00:00:00Z',
        user: { login: 'm', type: 'User' },
        author_association: 'MEMBER',
      }),
      record(repo, 'issue-comment', 'c2', '2026-06-01', { issue_url: 'x' }),
      record(repo, 'repo-doc', 'VERSIONING.md', '2026-06-01', {
        path: 'VERSIONING.md',
        text: '# Versioning policy\nWe deprecate before we remove.',
      }),
      record(repo, 'repo-doc', 'odd', '2026-06-01', { path: 7 }),
    ],
    sampleFacts: [fact(repo, 'issues-sample', 'the 3 latest issues', '2026-06-01')],
    registryRecords: [
      record(pkg, 'pypi-release', '1.0.0', '2026-06-01', {
        version: '1.0.0',
        publishedAt: '2025-09-01T00:00:00Z',
        yanked: false,
      }),
      record(pkg, 'pypi-release', '2.0.0', '2026-06-01', {
        version: '2.0.0',
        publishedAt: '2026-03-01T00:00:00Z',
        yanked: true,
        yankedReason: 'broken wheel',
      }),
      record(pkg, 'mystery', 'x', '2026-06-01', { version: '0' }),
    ],
    series: [
      { subject: client, series: clientSeries },
      {
        subject: pkg,
        series: { ...monthlySeries(pkg, '2026-01', [20_000, 20_000, 20_000, 25_000, 25_000, 25_000]), sameMonth: 1 },
      },
      { subject: sub('pypi', 'gone'), series: undefined },
    ],
    dependents: [
      level(pkg, 'dependents', 100, '2026-01-01', { source: 'libraries.io' }),
      level(pkg, 'dependents', 150, '2026-06-01', { source: 'libraries.io' }),
      level(client, 'dependents', 10, '2026-06-01', { source: 'deps.dev' }),
      level(pkg, 'dependents', 999, '2026-07-02', { source: 'libraries.io' }),
    ],
    containerPulls: [
      level(sub('docker', 'o/srv'), 'pulls_total', 2_000_000, '2026-06-15', { source: 'dockerhub' }),
      level(sub('docker', 'o/srv'), 'pulls_total', 1_000_000, '2026-03-15', { source: 'dockerhub' }),
    ],
    fanouts: [
      { subject: model, fanout },
      { subject: sub('hf', 'o/n'), fanout: null },
    ],
    stars: Array.from({ length: 120 }, (_, i) =>
      obs(repo, 'stars', 1_000 + 5 * i, addDays('2026-03-01', i), addDays('2026-03-01', i + 1), {
        dims: { series: 'history' },
      }),
    ),
    forks: [level(repo, 'forks', 40, '2026-06-01')],
    storedContributors: contributorReport(3, 2, 4, 0.5, '2026-06-01'),
  };
}

const view = computeVerdictView(inputs(), { project, asOf, today });

test('inputs: what was read, with counts, and the records that could not be read', () => {
  assert.deepEqual(view.inputs, [
    'github:o/srv: 2 issues and pull requests from 3 records, 2 comment records (test; states as of 2026-06-01)',
    'npm:srv-client, pypi:srv, pypi:gone: 3 registry version records',
    'github:o/srv: 0 release records, 2 docs records',
    'github:o/srv: 3 records could not be read (first: issue 3: missing or invalid "number")',
    'github:o/srv: 120 star counts',
    'npm:srv-client (client library): 6 download windows (monthly-snapshots; clickpy)',
    'pypi:srv: 6 download windows (monthly-snapshots; clickpy; 1 more ending in a month already counted, left out)',
    'dependents: 160 (libraries.io, deps.dev)',
    'container pulls: 2000000 (dockerhub)',
    'fan-out: 3 derivative models (1 re-uploads apart), 1 of them used, of 1 base models',
    'Hub downloads: 40000 in 30 days over 1 base models',
    'contributors: kept contributors report of /src/x (stored)',
  ]);
});

test("tier: the own package stands for downloads before a larger client library; every signal's evidence", () => {
  assert.deepEqual([view.tier.id, view.tier.confidence], ['production-facing', 'medium']);
  assert.deepEqual(
    view.evidence.map((e) => [e.signal, e.rule, e.tier?.id]),
    [
      ['downloads', 'download-floor', 'internal-tooling'],
      ['hub-downloads', 'hub-downloads', 'internal-tooling'],
      ['dependents', 'dependents', 'production-facing'],
      ['container-pulls', 'container-pulls', 'production-facing'],
      ['fan-out', 'fan-out', 'experiment'],
      ['downloads', 'download-trend', 'production-facing'],
      ['upgrade-safety', 'release-cadence', 'production-facing'],
      ['upgrade-safety', 'upgrade-path', 'load-bearing-infrastructure'],
      ['contributors', 'broad-contributors', 'load-bearing-infrastructure'],
    ],
  );
  const detail = (rule: string) => view.evidence.find((e) => e.rule === rule)?.detail;
  assert.match(detail('download-floor') ?? '', /^monthly download floor 25,000 \(latest 25,000, pypi:srv, clickpy, /);
  assert.equal(
    detail('hub-downloads'),
    '40,000 Hub downloads in 30 days (Hub 30-day downloads: o/m 40k; one snapshot per model, no floor); tiers at 10,000 / 100,000 / 1,000,000 (serving)',
  );
  assert.match(detail('dependents') ?? '', /^160 dependents \(libraries\.io, deps\.dev\)/);
  assert.match(detail('container-pulls') ?? '', /^2,000,000 container pulls all time \(dockerhub\)/);
  assert.equal(
    detail('fan-out'),
    '1 used derivative models (Hub model tree of 1 of 2 base models: 3 new-work derivatives, of which 1 used, 1 empty uploads (0 downloads, no derivatives), 1 without downloads recorded; 1 re-uploads not counted); tiers at 10 / 100 / 1,000',
  );
  assert.deepEqual(view.unknowns, [
    { signal: 'triage', subject: 'github:o/srv', reason: 'no serving or memory issues in the data', tier: true },
  ]);
  assert.equal(view.freshness.dataEnds, '2026-07-01');
});

test('records: the later record of an issue wins; states as of the last fetch; registry versions as releases', () => {
  const h = view.issueHealth!;
  assert.equal(h.asOf, '2026-06-01');
  assert.deepEqual([h.issues.count, h.issues.open, h.issues.closed], [2, 1, 1]);
  assert.match(h.sample ?? '', /declared: the 3 latest issues\)$/);
  assert.equal(h.issues.firstResponse.km?.p50, 1, 'the member answered issue 2 a day after');
  const u = view.upgrade!;
  assert.deepEqual(u.notes, ['no GitHub releases stored: releases are the registry versions, without release notes']);
  assert.deepEqual(u.registry, {
    versions: 2,
    deprecated: 0,
    yanked: 1,
    examples: ['pypi 2.0.0: yanked (broken wheel)'],
  });
  assert.deepEqual(u.deprecationPolicy.evidence, ['VERSIONING.md']);
});

test('dependents: growth over six months from the levels then; none at all, no dependents input', () => {
  const parts = computeVerdictParts(inputs(), asOf);
  assert.ok(parts.core.inputs.includes('dependents: 160 (libraries.io, deps.dev)'));
  const none = computeVerdictParts({ ...inputs(), dependents: [] }, asOf);
  assert.ok(!none.core.inputs.some((l) => l.startsWith('dependents:')));
  assert.ok(none.unknowns.some((x) => x.signal === 'dependents' && x.subject === null));
  assert.deepEqual(parts.usageEnds, day('2026-07-01'));
  assert.deepEqual(
    computeVerdictParts({ ...emptyVerdictInputs(project), containerPulls: inputs().containerPulls }, asOf).usageEnds,
    day('2026-06-15'),
  );
  assert.deepEqual(
    computeVerdictParts({ ...emptyVerdictInputs(project), fanouts: inputs().fanouts }, asOf).usageEnds,
    day('2026-06-28'),
  );
});

test('downloads: a client library alone counts as client evidence, named so', () => {
  const only = computeVerdictView(
    { ...emptyVerdictInputs(project), series: [inputs().series[0]!] },
    { project, asOf, today },
  );
  assert.match(
    only.evidence.find((e) => e.signal === 'downloads')?.detail ?? '',
    /npm:srv-client, a client library, clickpy/,
  );
});

test('contributors: a given report wins over the stored one; its window end against the date judged', () => {
  const given = { organizations: 5, elephantFactor: 3, busFactor: 6, window: 'given window' };
  const line = (end: string | null) =>
    computeVerdictParts(
      { ...inputs(), givenContributors: given, givenContributorsScope: { project: 'srv', path: '/clone', end } },
      asOf,
    ).core.inputs.find((l) => l.startsWith('contributors:'));
  assert.equal(
    line(null),
    'contributors: given report of srv (/clone), window end unknown: its breadth stands for 2026-07-01',
  );
  assert.equal(
    line('2026-07-01'),
    'contributors: given report of srv (/clone), window ending 2026-07-01, the date judged',
  );
  assert.equal(
    line('2026-06-01'),
    "contributors: given report of srv (/clone), window ending 2026-06-01, 30 days before the date judged: that window's breadth stands for 2026-07-01",
  );
  assert.equal(
    line('2026-07-03'),
    'contributors: given report of srv (/clone), window ending 2026-07-03, 2 days after the date judged: it counts commits 2026-07-01 had not seen',
  );
  const unscoped = computeVerdictParts(
    { ...inputs(), givenContributors: given, givenContributorsScope: { project: null, path: null, end: '2026-07-01' } },
    asOf,
  );
  assert.ok(unscoped.core.inputs.includes('contributors: given report, window ending 2026-07-01, the date judged'));
  assert.match(unscoped.core.tier.families.find((f) => f.id === 'contributors')?.status ?? '', /^backs$/);
  const bad = computeVerdictParts({ ...inputs(), storedContributors: { schema: 'nope' } as never }, asOf);
  assert.ok(!bad.core.inputs.some((l) => l.startsWith('contributors:')));
});

test('settings: the unanswered window and thresholds reach the signals', () => {
  const v = computeVerdictView(inputs(), { project, asOf, today, settings: { unansweredAfterDays: 7 } });
  assert.equal(v.issueHealth?.issues.unanswered.afterDays, 7);
});

test('summary: the tier with its confidence and families, the checklist counts, the unknowns', () => {
  assert.deepEqual(view.summary, [
    'Deployment tier: production-facing (confidence medium: 88% of the signals the tier weighs were measured; medium, as the download counts include CI and mirrors; 4 of 6 signal families stand behind it (usage/downloads, reverse dependencies, contributor breadth, upgrade safety); fan-out reaches a lower tier).',
    'Can I build on it: of the four checklist points, 2 pass, 1 fails, 1 unknown.',
    '1 signal is not measured, weighed by the tier; the Unknown section says why for each.',
  ]);
});

test('downloads: of two own packages the one with the larger latest month stands, in either order', () => {
  const small = sub('pypi', 'small');
  const big = sub('pypi', 'big');
  const p: Project = { id: 'two', name: 'Two', category: 'serving', pypi: ['small', 'big'] };
  const s = { subject: small, series: monthlySeries(small, '2026-01', [5_000, 5_000, 5_000, 5_000, 5_000, 5_000]) };
  const b = { subject: big, series: monthlySeries(big, '2026-01', [50_000, 50_000, 50_000, 50_000, 50_000, 50_000]) };
  const floor = (series: VerdictInputs['series']) =>
    computeVerdictView({ ...emptyVerdictInputs(p), series }, { project: p, asOf, today }).evidence.find(
      (e) => e.rule === 'download-floor',
    )?.detail;
  assert.match(floor([s, b]) ?? '', /pypi:big, clickpy/);
  assert.match(floor([b, s]) ?? '', /pypi:big, clickpy/);
});

test('stars: counts after asOf are left out; only the history series gives daily gains', () => {
  const more = {
    ...inputs(),
    stars: [
      ...inputs().stars,
      obs(repo, 'stars', 9_999, '2026-07-01', '2026-07-02', { dims: { series: 'history' } }),
      level(repo, 'stars', 2_000, '2026-06-30'),
    ],
  };
  const lines = computeVerdictParts(more, asOf).core.inputs;
  assert.ok(lines.includes('github:o/srv: 121 star counts'), lines.join('\n'));
});

test('latestRecords: a record observed exactly at asOf counts; at equal times the later batch wins in either order', () => {
  const rec = (at: string, batchId: number, v: string) => ({ ...record(repo, 'release', 'k', at, { v }), batchId });
  const at = (rows: ReturnType<typeof rec>[]) => latestRecords(rows, day('2026-06-01')).map((r) => r.data);
  assert.deepEqual(at([rec('2026-05-01', 1, 'old'), rec('2026-06-01', 1, 'at asOf')]), [{ v: 'at asOf' }]);
  assert.deepEqual(at([rec('2026-06-01', 4, 'four'), rec('2026-06-01', 5, 'five')]), [{ v: 'five' }]);
  assert.deepEqual(at([rec('2026-06-01', 5, 'five'), rec('2026-06-01', 4, 'four')]), [{ v: 'five' }]);
});
