import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CommitRecord } from '../domain/contributors.js';
import { AffiliationResolver } from './affiliation.js';
import { computeContributorBreadth, coverHalf, isBot, judgeMultiOrganization } from './contributors.js';

const asOf = new Date('2026-01-01T00:00:00Z');
let seq = 0;
function c(name: string, email: string, date: string, co: [string, string][] = []): CommitRecord {
  const t = Date.parse(`${date}T12:00:00Z`);
  return {
    sha: String(++seq),
    parents: 1,
    author: { name, email },
    authoredAt: t,
    committedAt: t,
    coAuthors: co.map(([n, e]) => ({ name: n, email: e })),
  };
}
const times = (n: number, f: (i: number) => CommitRecord): CommitRecord[] => Array.from({ length: n }, (_, i) => f(i));

test('coverHalf: fewest of the largest reaching half', () => {
  assert.equal(coverHalf([]), null);
  assert.equal(coverHalf([0, 0]), null);
  assert.equal(coverHalf([5]), 1);
  assert.equal(coverHalf([1, 1, 1, 1]), 2);
  assert.equal(coverHalf([3, 1, 1, 1]), 1);
  assert.equal(coverHalf([2, 2, 1, 1, 1, 1]), 2);
  assert.equal(coverHalf([1, 1, 1]), 2);
});

test('bots: [bot] accounts, known automation and a configurable list', () => {
  assert.ok(isBot({ name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' }));
  assert.ok(isBot({ name: 'Someone', email: '41898282+github-actions[bot]@users.noreply.github.com' }));
  assert.ok(isBot({ name: 'Copilot', email: '198982749+Copilot@users.noreply.github.com' }));
  assert.ok(isBot({ name: 'Peft Jambot', email: 'x@y.z' }, ['peft jambot']));
  assert.ok(isBot({ name: 'CI', email: 'ci-runner-7@corp.example' }, ['/^ci-runner-\\d+@/']));
  assert.ok(!isBot({ name: 'Abbot Costello', email: 'abbot@corp.example' }));
});

test('identities merge on address, name and GitHub login; generic names do not merge', () => {
  const commits = [
    c('Ada Lovelace', 'ada@gmail.com', '2025-01-10'),
    c('Ada Lovelace', '1+ada@users.noreply.github.com', '2025-02-10'),
    c('A. Lovelace', 'ADA@gmail.com', '2025-03-10'),
    c('ada', '2+Ada@users.noreply.github.com', '2025-03-11'), // another id, same login
    c('root', 'root@box1.example', '2025-03-12'),
    c('root', 'root@box2.example', '2025-03-13'),
  ];
  const r = computeContributorBreadth(commits, { asOf });
  assert.deepEqual(r.identities, { addresses: 5, people: 3 });
  assert.equal(r.windows[0]?.contributors, 3);
  assert.equal(r.windows[0]?.topContributors[0]?.name, 'Ada Lovelace');
  assert.equal(r.windows[0]?.topContributors[0]?.contributions, 4);
});

test('organisations, elephant and bus factors, and an honest unattributed share', () => {
  const commits = [
    ...times(6, (i) => c(`HF ${i % 2}`, `hf${i % 2}@huggingface.co`, '2025-09-01')),
    ...times(3, (i) => c(`Intel ${i % 3}`, `i${i % 3}@intel.com`, '2025-09-02')),
    ...times(2, () => c('Vanity', 'me@vanity.dev', '2025-09-03')), // one person: personal domain
    ...times(2, (i) => c(`Uni ${i}`, `u${i}@shared.example`, '2025-09-04')), // two people: an organisation
    ...times(5, () =>
      c('Free', 'free@gmail.com', '2025-09-05', [
        ['Pair', 'pair@intel.com'],
        ['Free', 'free@gmail.com'],
        ['dependabot[bot]', 'x[bot]@users.noreply.github.com'],
      ]),
    ),
    ...times(4, () => c('dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com', '2025-09-06')),
    c('Late', 'late@gmail.com', '2026-02-01'),
  ];
  const r = computeContributorBreadth(commits, { asOf, activeMinCommits: 3 });
  const all = r.windows[0]!;
  assert.equal(all.commits, 18);
  // 18 commits + 5 co-author credits (the author repeating themselves is not a second credit).
  assert.equal(all.contributions, 23);
  assert.equal(all.bots.commits, 4);
  assert.equal(all.bots.accounts, 2);
  assert.deepEqual(
    all.organizations.map((o) => [o.name, o.contributions, o.contributors]),
    [
      ['Intel', 8, 4],
      ['Hugging Face', 6, 2],
      ['shared.example', 2, 2],
    ],
  );
  assert.deepEqual(all.unattributed, { freemail: 5, noreply: 0, personalDomain: 2, unknown: 0 });
  assert.equal(all.unattributedShare, 7 / 23);
  assert.equal(all.topOrganizationShare, 8 / 16);
  assert.equal(all.elephantFactor, 1);
  // People: Free 5, Pair 5, HF0 3, HF1 3, Intel0..2 1 each, Vanity 2, Uni0 1, Uni1 1 = 23; half = 11.5
  assert.equal(all.busFactor, 3);
  assert.equal(all.activeContributors, 4);
  assert.equal(r.skipped.afterAsOf, 1);
  const six = r.windows[2]!;
  assert.equal(six.window, '6m');
  assert.equal(six.start, '2025-07-01T00:00:00.000Z');
  assert.equal(six.commits, 18);
});

test('windows: 12 and 6 months before asOf, new contributors by first contribution', () => {
  const commits = [
    c('Old', 'old@gmail.com', '2024-03-01'),
    c('Old', 'old@gmail.com', '2025-08-01'),
    c('Mid', 'mid@gmail.com', '2025-03-01'),
    c('New', 'new@gmail.com', '2025-12-31'),
  ];
  const r = computeContributorBreadth(commits, { asOf });
  assert.deepEqual(
    r.windows.map((w) => [w.window, w.commits, w.contributors, w.newContributors]),
    [
      ['all', 4, 3, 3],
      ['12m', 3, 3, 2],
      ['6m', 2, 2, 1],
    ],
  );
  assert.equal(r.windows[1]?.elephantFactor, null);
  assert.equal(r.windows[1]?.unattributedShare, 1);
  assert.equal(r.newContributorTrend.length, 8);
  assert.deepEqual(r.newContributorTrend[0], { period: '2024-Q1', newContributors: 1 });
  assert.deepEqual(r.newContributorTrend.at(-1), { period: '2025-Q4', newContributors: 1 });
});

test('an affiliation file and GitHub companies come before the domain', () => {
  const resolver = new AffiliationResolver({
    rules: [{ key: 'free@gmail.com', organization: 'Initech' }],
    companies: { bob: 'Globex' },
  });
  const r = computeContributorBreadth(
    [c('Free', 'free@gmail.com', '2025-09-05'), c('Bob', '9+bob@users.noreply.github.com', '2025-09-05')],
    { asOf, affiliation: resolver },
  );
  assert.deepEqual(
    r.windows[0]?.organizations.map((o) => o.name),
    ['Globex', 'Initech'],
  );
  assert.equal(r.windows[0]?.unattributedShare, 0);
});

test('no commits: every factor null, not zero', () => {
  const r = computeContributorBreadth([], { asOf });
  const w = r.windows[0]!;
  assert.deepEqual(
    [w.commits, w.busFactor, w.elephantFactor, w.unattributedShare, w.topOrganizationShare],
    [0, null, null, null, null],
  );
  assert.deepEqual(r.newContributorTrend, []);
});

test('more than one organisation: pass, fail, or unknown when too much is unattributed', () => {
  const many = computeContributorBreadth(
    [
      ...times(5, () => c('A', 'a@huggingface.co', '2025-09-01')),
      ...times(4, () => c('B', 'b@intel.com', '2025-09-01')),
      ...times(1, () => c('F', 'f@gmail.com', '2025-09-01')),
    ],
    { asOf },
  );
  const pass = judgeMultiOrganization(many);
  assert.equal(pass.verdict, 'pass');
  assert.equal(pass.organizations, 2);
  assert.match(pass.reason, /Hugging Face 50%, Intel 40%/);
  const one = computeContributorBreadth(
    [...times(9, () => c('A', 'a@huggingface.co', '2025-09-01')), c('F', 'f@gmail.com', '2025-09-01')],
    { asOf },
  );
  assert.equal(judgeMultiOrganization(one).verdict, 'fail');
  const hidden = computeContributorBreadth(
    [
      ...times(2, () => c('A', 'a@huggingface.co', '2025-09-01')),
      ...times(8, (i) => c(`F${i}`, `f${i}@gmail.com`, '2025-09-01')),
    ],
    { asOf },
  );
  const u = judgeMultiOrganization(hidden);
  assert.equal(u.verdict, 'unknown');
  assert.match(u.reason, /80% of contributions are unattributed/);
  assert.equal(judgeMultiOrganization(computeContributorBreadth([], { asOf })).verdict, 'unknown');
  assert.equal(judgeMultiOrganization(many, { window: 'all', minShare: 0.45 }).verdict, 'fail');
  // Two organisations, but the second is a sliver of a mostly unattributed history: not a pass.
  const sliver = computeContributorBreadth(
    [
      ...times(3, () => c('A', 'a@huggingface.co', '2025-09-01')),
      c('B', 'b@intel.com', '2025-09-01'),
      ...times(16, (i) => c(`F${i}`, `f${i}@gmail.com`, '2025-09-01')),
    ],
    { asOf },
  );
  assert.equal(judgeMultiOrganization(sliver).verdict, 'unknown');
});

test('properties: windows nest, shares add up, factors are bounded, commit order does not matter', () => {
  const idents = [
    ['Ada', 'ada@gmail.com'],
    ['Ada', '1+ada@users.noreply.github.com'],
    ['Bob', 'bob@intel.com'],
    ['Cy', 'cy@intel.com'],
    ['Di', 'di@huggingface.co'],
    ['Ed', 'ed@vanity.dev'],
    ['Fay', 'fay@shared.example'],
    ['Gus', 'gus@shared.example'],
    ['root', 'root@localhost'],
    ['dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com'],
    ['Zoë', ''],
  ] as const;
  const ident = fc.constantFrom(...idents).map(([name, email]) => ({ name, email }));
  const commit = fc.record({
    author: ident,
    co: fc.array(ident, { maxLength: 3 }),
    t: fc.integer({ min: Date.parse('2023-01-01'), max: Date.parse('2026-03-01') }),
  });
  fc.assert(
    fc.property(fc.array(commit, { maxLength: 60 }), fc.integer(), (raw, seed) => {
      const commits: CommitRecord[] = raw.map((r, i) => ({
        sha: String(i),
        parents: 1,
        author: r.author,
        authoredAt: r.t,
        committedAt: r.t,
        coAuthors: r.co,
      }));
      const r = computeContributorBreadth(commits, { asOf });
      const [all, y, h] = r.windows;
      assert.ok(all && y && h);
      for (const k of ['commits', 'contributions', 'contributors', 'activeContributors'] as const) {
        assert.ok(all[k] >= y[k] && y[k] >= h[k], k);
      }
      for (const w of r.windows) {
        const orgSum = w.organizations.reduce((s, o) => s + o.contributions, 0);
        const u = w.unattributed;
        assert.equal(orgSum + u.freemail + u.noreply + u.personalDomain + u.unknown, w.contributions);
        assert.ok(w.contributions >= w.commits);
        if (w.busFactor !== null) assert.ok(w.busFactor >= 1 && w.busFactor <= w.contributors);
        if (w.elephantFactor !== null) assert.ok(w.elephantFactor >= 1 && w.elephantFactor <= w.organizations.length);
        assert.equal(w.busFactor === null, w.contributions === 0);
      }
      assert.equal(all.commits + all.bots.commits + r.skipped.afterAsOf, commits.length);
      // Any order of the same commits gives the same answer.
      const shuffled = [...commits];
      let s = seed;
      for (let i = shuffled.length - 1; i > 0; i--) {
        s = (s * 1103515245 + 12345) & 0x7fffffff;
        const j = s % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      assert.deepEqual(computeContributorBreadth(shuffled, { asOf }), r);
    }),
    { numRuns: 300 },
  );
});
