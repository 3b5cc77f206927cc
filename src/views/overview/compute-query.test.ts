// The overview's query rules (docs/dashboard.md): a text filter on id, name, category and package,
// a category filter, and sorting — latest downloads descending by default, text columns ascending,
// tiers by rank, ties by name, and unknown values last whatever the direction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TierVerdict } from '../../classify/tier.js';
import { tierRef } from '../verdict/compute.js';
import { effectiveSort, queryOverview } from './compute.js';
import type { OverviewRow } from './model.js';

const row = (name: string, o: Partial<Omit<OverviewRow, 'tier'>> & { tier?: TierVerdict } = {}): OverviewRow => ({
  id: name.toLowerCase(),
  name,
  category: 'serving',
  package: null,
  latest: null,
  windowEnd: null,
  growth: null,
  shape: null,
  spikes: null,
  source: null,
  months: [],
  dataEnds: null,
  ageDays: null,
  stale: false,
  ...o,
  tier: { ...tierRef(o.tier ?? 'unknown'), confidence: 'low', familiesBacking: 1, headline: '' },
});
const ROWS = [
  row('Bravo', { latest: 500, growth: 0.2, tier: 'experiment', category: 'framework', package: 'pypi:bravo-pkg' }),
  row('Alpha', { latest: 900, growth: null, tier: 'load-bearing-infrastructure', shape: 'growing' }),
  row('Delta', { latest: null, growth: -0.1, tier: 'unknown', shape: 'flat' }),
  row('Charlie', { latest: 500, growth: 0.5, tier: 'production-facing', category: 'tooling', spikes: 2 }),
];
const names = (rows: readonly OverviewRow[]): string[] => rows.map((r) => r.name);

test('overview sort: latest descending by default; name, category and shape ascending; any key either way', () => {
  assert.deepEqual(effectiveSort({}), { key: 'latest', dir: 'desc' });
  for (const key of ['name', 'category', 'shape'] as const)
    assert.deepEqual(effectiveSort({ sort: key }), { key, dir: 'asc' });
  for (const key of ['tier', 'growth', 'spikes', 'latest'] as const)
    assert.deepEqual(effectiveSort({ sort: key }), { key, dir: 'desc' });
  assert.deepEqual(effectiveSort({ sort: 'name', dir: 'desc' }), { key: 'name', dir: 'desc' });
});

test('overview sort: ties by name, unknown last in both directions, tiers by rank', () => {
  const rows: [Parameters<typeof queryOverview>[1], string[]][] = [
    [{}, ['Alpha', 'Bravo', 'Charlie', 'Delta']],
    [{ sort: 'latest', dir: 'asc' }, ['Bravo', 'Charlie', 'Alpha', 'Delta']],
    [{ sort: 'growth' }, ['Charlie', 'Bravo', 'Delta', 'Alpha']],
    [{ sort: 'growth', dir: 'asc' }, ['Delta', 'Bravo', 'Charlie', 'Alpha']],
    [{ sort: 'tier' }, ['Alpha', 'Charlie', 'Bravo', 'Delta']],
    [{ sort: 'tier', dir: 'asc' }, ['Bravo', 'Charlie', 'Alpha', 'Delta']],
    [{ sort: 'name' }, ['Alpha', 'Bravo', 'Charlie', 'Delta']],
    [{ sort: 'name', dir: 'desc' }, ['Delta', 'Charlie', 'Bravo', 'Alpha']],
    [{ sort: 'category' }, ['Bravo', 'Alpha', 'Delta', 'Charlie']],
    [{ sort: 'shape' }, ['Delta', 'Alpha', 'Bravo', 'Charlie']],
    [{ sort: 'spikes' }, ['Charlie', 'Alpha', 'Bravo', 'Delta']],
  ];
  for (const [q, expected] of rows) assert.deepEqual(names(queryOverview(ROWS, q)), expected, JSON.stringify(q));
});

test('overview filter: text on id, name, category or package (trimmed, any case); category exactly', () => {
  const rows: [Parameters<typeof queryOverview>[1], string[]][] = [
    [{ q: '  ALPHA ' }, ['Alpha']],
    [{ q: 'bravo-pkg' }, ['Bravo']],
    [{ q: 'tool' }, ['Charlie']],
    [{ q: 'zzz' }, []],
    [{ q: '   ' }, ['Alpha', 'Bravo', 'Charlie', 'Delta']],
    [{ category: 'serving' }, ['Alpha', 'Delta']],
    [{ category: 'framework', q: 'b' }, ['Bravo']],
    [{ category: 'framework', q: 'a' }, ['Bravo']],
    [{ category: 'tooling', q: 'alpha' }, []],
  ];
  for (const [q, expected] of rows) assert.deepEqual(names(queryOverview(ROWS, q)), expected, JSON.stringify(q));
});
