// The contributors view's rules: the organisation tables describe the last 12 months when they
// hold commits, else all time; 50 % or more unattributed makes the organisation figures a warning
// (docs/contributors.md); commits after the date judged are named; the scope and history in words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CommitRecord, ContributorReport, ContributorSource } from '../../domain/contributors.js';
import { computeContributorBreadth } from '../../signals/contributors.js';
import { CONTRIBUTORS_METHOD, computeContributorsView } from './compute.js';

const asOf = new Date('2026-01-01T00:00:00Z');
let seq = 0;
const c = (name: string, email: string, date: string): CommitRecord => {
  const t = Date.parse(`${date}T12:00:00Z`);
  return { sha: String(++seq), parents: 1, author: { name, email }, authoredAt: t, committedAt: t, coAuthors: [] };
};
const times = (n: number, f: (i: number) => CommitRecord): CommitRecord[] => Array.from({ length: n }, (_, i) => f(i));
const source: ContributorSource = {
  kind: 'git',
  path: '/src/repo',
  head: '0123456789abcdef0123',
  since: null,
  until: null,
  merges: false,
  mailmap: true,
  project: null,
};
const report = (commits: CommitRecord[], s: Partial<ContributorSource> = {}): ContributorReport => ({
  ...computeContributorBreadth(commits, { asOf }),
  source: { ...source, ...s },
});

test('contributors: the last 12 months are the focus when they hold commits; the sentences say so', () => {
  const commits = [
    ...times(3, (i) => c(`Intel ${i}`, `i${i}@intel.com`, '2025-09-01')),
    c('Hf', 'hf@huggingface.co', '2025-09-02'),
    ...times(2, (i) => c(`Free ${i}`, `free${i}@gmail.com`, '2025-09-03')),
    c('Late', 'late@intel.com', '2026-02-01'),
  ];
  const r = report(commits);
  const v = computeContributorsView(r);
  assert.equal(v.schema, 'kept.contributors/v3');
  // The report's figures are carried unchanged.
  for (const k of ['windows', 'newContributorTrend', 'identities', 'skipped', 'range', 'source'] as const)
    assert.deepEqual(v[k], JSON.parse(JSON.stringify(r[k])), k);
  assert.equal(v.multiOrganization.window, '12m');
  assert.equal(v.focusWindow, '12m');
  assert.equal(v.windows.length, 3);
  assert.equal(
    v.sentences.scope,
    'Repository /src/repo at 0123456789ab, as of 2026-01-01; merge commits excluded; .mailmap applied.',
  );
  assert.equal(v.sentences.history, 'History counted: 2025-09-01 to 2025-09-03; 6 addresses merged into 6 people.');
  assert.equal(
    v.sentences.unattributed,
    'Unattributed contributions (last 12 months): 2 free-mail, 0 GitHub noreply without a known company, 0 from a domain only one person used, 0 without a usable address.',
  );
  assert.equal(v.sentences.unattributedWarning, null, '2 of 6 unattributed is under half');
  assert.equal(
    v.sentences.topOrganization,
    'Top organisation (last 12 months): Intel, 75% of attributed contributions, 50% of all (33% unattributed).',
  );
  assert.deepEqual(v.notes, ['1 commits landed after 2026-01-01 and are not counted.', CONTRIBUTORS_METHOD]);
  assert.match(v.summary, /^More than one organisation contributing \(last 12 months\): /);
});

test('contributors: half unattributed (at the threshold) is a warning; just under it is not', () => {
  const half = computeContributorsView(
    report([
      ...times(2, (i) => c(`Intel ${i}`, `i${i}@intel.com`, '2025-09-01')),
      ...times(2, (i) => c(`F ${i}`, `f${i}@gmail.com`, '2025-09-01')),
    ]),
  );
  assert.equal(
    half.sentences.unattributedWarning,
    '50% of contributions (last 12 months) cannot be tied to an organisation: the organisation figures describe only the rest, and a low elephant factor may hide a single employer.',
  );
  const under = computeContributorsView(
    report([
      ...times(3, (i) => c(`Intel ${i}`, `i${i}@intel.com`, '2025-09-01')),
      ...times(2, (i) => c(`F ${i}`, `f${i}@gmail.com`, '2025-09-01')),
    ]),
  );
  assert.equal(under.sentences.unattributedWarning, null);
  assert.deepEqual(under.notes, [CONTRIBUTORS_METHOD]);
});

test('contributors: nothing in the last 12 months → all time; nothing at all → no sentences to make', () => {
  const old = computeContributorsView(
    report([c('Intel', 'i@intel.com', '2023-01-01')], {
      since: '2022-01-01T00:00:00Z',
      until: '2024-01-01T00:00:00Z',
      merges: true,
      mailmap: false,
    }),
  );
  assert.equal(old.focusWindow, 'all');
  assert.equal(
    old.sentences.scope,
    'Repository /src/repo at 0123456789ab, as of 2026-01-01, since 2022-01-01, until 2024-01-01; merge commits included; .mailmap ignored.',
  );
  assert.match(
    old.sentences.topOrganization ?? '',
    /^Top organisation \(all time\): Intel, 100% of attributed contributions, 100% of all \(0\.0% unattributed\)\.$/,
  );
  const none = computeContributorsView(report([], { head: '' }));
  assert.equal(none.sentences.history, null);
  assert.equal(none.sentences.topOrganization, null);
  assert.match(none.sentences.scope, /^Repository \/src\/repo at \(no commit\), as of 2026-01-01;/);
});
