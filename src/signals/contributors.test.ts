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

test('bots (docs/contributors.md, What is counted): name, address and login forms, trimmed and case-insensitive', () => {
  // The address is trimmed and lower-cased before the known-account list is consulted.
  assert.ok(isBot({ name: 'Someone', email: ' Action@GitHub.com ' }));
  // A `[bot]` address local part marks a bot even under a human name.
  assert.ok(isBot({ name: 'Someone', email: 'helper[bot]@corp.example' }));
  assert.ok(!isBot({ name: 'Someone', email: '[bot]helper@corp.example' }));
  // A name is trimmed before its shape is judged.
  assert.ok(isBot({ name: '  dependabot  ', email: 'x@corp.example' }));
  // The linked login is judged too, whatever its case.
  assert.ok(isBot({ name: 'Someone', email: 'someone@corp.example', login: 'Release-Bot' }));
  assert.ok(!isBot({ name: 'Someone', email: 'someone@corp.example', login: 'someone' }));
});

test('bots (--bots): exact names, addresses or logins; `/regex/` only between two slashes', () => {
  const human = { name: 'Bob', email: 'bob@corp.example', login: 'bobby' };
  assert.ok(isBot(human, ['BOB@corp.example']));
  assert.ok(isBot(human, ['Bobby']));
  assert.ok(!isBot(human, ['bobb']));
  // A plain entry is never a regular expression, however it looks.
  assert.ok(!isBot(human, ['zoz']));
  assert.ok(!isBot(human, ['ob/']));
  assert.ok(!isBot(human, ['/ob']));
  // `//` is too short to be a pattern (it would match everyone).
  assert.ok(!isBot(human, ['//']));
  // A pattern is tested on the name and the address, and must match.
  assert.ok(!isBot(human, ['/^ci-/']));
  assert.ok(isBot(human, ['/^bob$/']));
  assert.ok(isBot(human, ['/@corp\\.example$/']));
});

test('bots (--bots) reach the tally: a listed account is counted apart', () => {
  const r = computeContributorBreadth(
    [c('Ci Runner', 'ci@corp.example', '2025-09-01'), c('Ada', 'ada@gmail.com', '2025-09-01')],
    { asOf, bots: ['ci@corp.example'] },
  );
  assert.deepEqual([r.windows[0]?.commits, r.windows[0]?.bots.commits], [1, 1]);
});

test('windows (docs/contributors.md): asOf is exclusive, a window start inclusive', () => {
  const start12 = Date.parse('2025-01-01T00:00:00Z');
  const at = (t: number, name = 'Ada'): CommitRecord => ({
    ...c(name, `${name}@gmail.com`, '2025-01-01'),
    committedAt: t,
  });
  const r = computeContributorBreadth(
    [at(asOf.getTime(), 'Late'), at(asOf.getTime() - 1, 'Last'), at(start12, 'Edge'), at(start12 - 1, 'Before')],
    { asOf },
  );
  assert.equal(r.skipped.afterAsOf, 1);
  assert.deepEqual(
    r.windows.map((w) => [w.window, w.commits, w.newContributors]),
    [
      ['all', 3, 3],
      ['12m', 2, 2],
      ['6m', 1, 1],
    ],
  );
  assert.equal(r.windows[0]?.start, null);
  assert.equal(r.windows[1]?.start, '2025-01-01T00:00:00.000Z');
  assert.equal(r.range.last, new Date(asOf.getTime() - 1).toISOString());
});

test('active contributors: at least --active-min contributions (default 3) in the window', () => {
  const commits = [
    ...times(3, () => c('Three', 'three@gmail.com', '2025-09-01')),
    ...times(2, () => c('Two', 'two@gmail.com', '2025-09-01')),
  ];
  const byDefault = computeContributorBreadth(commits, { asOf });
  assert.equal(byDefault.activeMinCommits, 3);
  assert.equal(byDefault.windows[0]?.activeContributors, 1);
  const two = computeContributorBreadth(commits, { asOf, activeMinCommits: 2 });
  assert.equal(two.activeMinCommits, 2);
  assert.equal(two.windows[0]?.activeContributors, 2);
});

test('contributions: the author gets the authored commit, a co-author only a credit', () => {
  const r = computeContributorBreadth(
    [
      c('Ada', 'ada@intel.com', '2025-09-01', [['Bob', 'bob@intel.com']]),
      c('Ada', 'ada@intel.com', '2025-09-02'),
      // A second address of the same person (same name): authored commits add up.
      c('Ada', 'ada.l@intel.com', '2025-09-03'),
    ],
    { asOf },
  );
  const top = r.windows[0]?.topContributors.map((p) => [p.name, p.contributions, p.authoredCommits, p.organization]);
  assert.deepEqual(top, [
    ['Ada', 3, 3, 'Intel'],
    ['Bob', 1, 0, 'Intel'],
  ]);
  // Both addresses of one person add up under their organisation.
  assert.deepEqual(
    r.windows[0]?.organizations.map((o) => [o.name, o.contributions, o.contributors]),
    [['Intel', 4, 2]],
  );
});

test('bots as co-authors: counted as accounts in every window the commit is in', () => {
  const r = computeContributorBreadth(
    [c('Ada', 'ada@gmail.com', '2025-12-01', [['helper[bot]', 'helper[bot]@users.noreply.github.com']])],
    { asOf },
  );
  assert.deepEqual(
    r.windows.map((w) => w.bots.accounts),
    [1, 1, 1],
  );
});

test('people: a linked login merges addresses; names merge after trimming and folding spaces', () => {
  const linked = computeContributorBreadth(
    [
      c('Ada', 'ada@corp.example', '2025-09-01'),
      {
        ...c('Ada', 'ada@corp.example', '2025-09-02'),
        author: { name: 'Ada', email: 'ada@corp.example', login: 'Ada-L' },
      },
      {
        ...c('Other', 'other@gmail.com', '2025-09-03'),
        author: { name: 'Other', email: 'other@gmail.com', login: 'ada-l' },
      },
      // The noreply address names the same login in lower case.
      c('Third', '5+ada-l@users.noreply.github.com', '2025-09-04'),
    ],
    { asOf },
  );
  assert.deepEqual(linked.identities, { addresses: 3, people: 1 });
  const names = computeContributorBreadth(
    [c('Ada  Lovelace', 'a@gmail.com', '2025-09-01'), c(' ada lovelace', 'b@gmail.com', '2025-09-02')],
    { asOf },
  );
  assert.equal(names.identities.people, 1);
  // Addresses are keys after trimming and lower-casing; without one, the folded name is the key.
  const keys = computeContributorBreadth(
    [
      c('Ada', ' Ada@Gmail.com', '2025-09-01'),
      c('Bo', 'ada@gmail.com', '2025-09-02'),
      c('No  Mail', '', '2025-09-03'),
      c(' no mail', '', '2025-09-04'),
    ],
    { asOf },
  );
  assert.deepEqual(keys.identities, { addresses: 2, people: 2 });
});

test('people: the first contribution is the earliest over all addresses, in any commit order', () => {
  const r = computeContributorBreadth(
    [c('Ada', 'new@gmail.com', '2025-10-01'), c('Ada', 'old@gmail.com', '2024-01-01')],
    { asOf },
  );
  assert.equal(r.windows[1]?.newContributors, 0);
  assert.deepEqual(r.newContributorTrend[0], { period: '2024-Q1', newContributors: 1 });
});

test('organisations: an academic domain counts with one person; a person is one contributor of an organisation', () => {
  const resolver = new AffiliationResolver({ rules: [{ key: 'ada@gmail.com', organization: 'mit.edu' }] });
  const r = computeContributorBreadth(
    [
      c('Ada', 'ada@mit.edu', '2025-09-01'),
      c('Ada', 'ada@gmail.com', '2025-09-02'),
      c('Bob', 'bob@mit.edu', '2025-09-03'),
    ],
    { asOf, affiliation: resolver },
  );
  assert.deepEqual(
    r.windows[0]?.organizations.map((o) => [o.name, o.contributions, o.contributors]),
    [['mit.edu', 3, 2]],
  );
  const alone = computeContributorBreadth([c('Cy', 'cy@ox.ac.uk', '2025-09-01')], { asOf });
  assert.deepEqual(
    alone.windows[0]?.organizations.map((o) => o.name),
    ['ox.ac.uk'],
  );
  assert.equal(alone.windows[0]?.unattributedShare, 0);
});

test('organisations per window: an organisation with no contribution in the window is not listed', () => {
  const r = computeContributorBreadth(
    [c('Ada', 'ada@intel.com', '2024-03-01'), c('Ada', 'ada@gmail.com', '2025-09-01')],
    { asOf },
  );
  assert.deepEqual(
    r.windows[0]?.organizations.map((o) => o.name),
    ['Intel'],
  );
  assert.deepEqual(r.windows[1]?.organizations, []);
  assert.equal(r.windows[1]?.topContributors[0]?.organization, null);
});

test("a person's organisation: the one with most of their contributions, ties to the first name", () => {
  const r = computeContributorBreadth(
    [
      c('Ada', 'ada@intel.com', '2025-09-01'),
      c('Ada', 'ada@amd.com', '2025-09-02'),
      c('Ada', 'ada@amd.com', '2025-09-03'),
      c('Bob', 'bob@intel.com', '2025-09-01'),
      c('Bob', 'bob@amd.com', '2025-09-02'),
    ],
    { asOf },
  );
  assert.deepEqual(
    r.windows[0]?.topContributors.map((p) => [p.name, p.organization]),
    [
      ['Ada', 'AMD'],
      ['Bob', 'AMD'],
    ],
  );
  const reversed = computeContributorBreadth(
    [c('Bob', 'bob@amd.com', '2025-09-02'), c('Bob', 'bob@intel.com', '2025-09-01')],
    { asOf },
  );
  assert.equal(reversed.windows[0]?.topContributors[0]?.organization, 'AMD');
});

test('unattributed share (docs/contributors.md): freemail, noreply, personal domain and unknown all count', () => {
  const r = computeContributorBreadth(
    [
      c('Ada', 'ada@gmail.com', '2025-09-01'),
      c('Bob', '7+bob@users.noreply.github.com', '2025-09-01'),
      c('Cy', 'cy@vanity.dev', '2025-09-01'),
      c('Di', 'di@localhost', '2025-09-01'),
      c('Ed', 'ed@intel.com', '2025-09-01'),
    ],
    { asOf },
  );
  const w = r.windows[0]!;
  assert.deepEqual(w.unattributed, { freemail: 1, noreply: 1, personalDomain: 1, unknown: 1 });
  assert.equal(w.unattributedShare, 4 / 5);
  assert.equal(w.organizations[0]?.shareOfAttributed, 1);
  assert.equal(w.organizations[0]?.share, 1 / 5);
});

test('organisation regions come from the catalog when kept knows the organisation', () => {
  const r = computeContributorBreadth(
    [
      c('Ada', 'ada@huggingface.co', '2025-09-01'),
      c('Bo', 'bo@x.example', '2025-09-01'),
      c('Cy', 'cy@x.example', '2025-09-01'),
    ],
    { asOf },
  );
  const orgs = r.windows[0]?.organizations ?? [];
  assert.equal(orgs.find((o) => o.name === 'Hugging Face')?.region, 'us');
  assert.ok(!('region' in (orgs.find((o) => o.name === 'x.example') ?? {})));
});

test('top contributors: the five largest, or as many as the bus factor when it is larger', () => {
  const few = computeContributorBreadth(
    [
      ...times(7, (i) => c(`P${i}`, `p${i}@gmail.com`, '2025-09-01')),
      ...times(20, () => c('Big', 'big@gmail.com', '2025-09-01')),
    ],
    { asOf },
  );
  assert.equal(few.windows[0]?.busFactor, 1);
  assert.equal(few.windows[0]?.topContributors.length, 5);
  const many = computeContributorBreadth(
    times(12, (i) => c(`P${i}`, `p${i}@gmail.com`, '2025-09-01')),
    { asOf },
  );
  assert.equal(many.windows[0]?.busFactor, 6);
  assert.equal(many.windows[0]?.topContributors.length, 6);
});

test('bus factor: the largest values first, whatever the input order', () => {
  assert.equal(coverHalf([1, 1, 5]), 1);
  assert.equal(coverHalf([1, 2, 1, 6]), 1);
  assert.equal(coverHalf([1, 1, 1, 2, 3]), 2);
});

test('the new-contributor trend runs quarter by quarter across years, gaps as zeros', () => {
  const r = computeContributorBreadth([c('A', 'a@gmail.com', '2023-11-01'), c('B', 'b@gmail.com', '2025-02-01')], {
    asOf,
  });
  assert.deepEqual(
    r.newContributorTrend.map((p) => `${p.period}:${p.newContributors}`),
    ['2023-Q4:1', '2024-Q1:0', '2024-Q2:0', '2024-Q3:0', '2024-Q4:0', '2025-Q1:1'],
  );
});

test('a dated affiliation rule: each commit is attributed at its own time', () => {
  const resolver = new AffiliationResolver({
    rules: [
      { key: 'ada@gmail.com', organization: 'Initech', until: Date.parse('2025-06-01') },
      { key: 'ada@gmail.com', organization: 'Globex' },
    ],
  });
  const r = computeContributorBreadth(
    [c('Ada', 'ada@gmail.com', '2025-03-01'), c('Ada', 'ada@gmail.com', '2025-09-01')],
    { asOf, affiliation: resolver },
  );
  assert.deepEqual(
    r.windows[0]?.organizations.map((o) => [o.name, o.contributions]),
    [
      ['Globex', 1],
      ['Initech', 1],
    ],
  );
});

test('more than one organisation: minShare is inclusive, maxUnattributed exclusive, the window is chosen', () => {
  // Two organisations at exactly 10 % each of all contributions: a pass.
  const edge = computeContributorBreadth(
    [
      c('A', 'a@intel.com', '2025-09-01'),
      c('B', 'b@amd.com', '2025-09-01'),
      ...times(8, (i) => c(`F${i}`, `f${i}@gmail.com`, '2025-09-01')),
    ],
    { asOf },
  );
  const pass = judgeMultiOrganization(edge, { maxUnattributed: 0.9 });
  assert.equal(pass.verdict, 'pass');
  assert.match(
    pass.reason,
    /2 organisations each make at least 10% of contributions \(AMD 10%, Intel 10%\); elephant factor 1; 80% unattributed/,
  );
  // Unattributed exactly at maxUnattributed: fail, not unknown.
  const one = computeContributorBreadth([c('A', 'a@intel.com', '2025-09-01'), c('F', 'f@gmail.com', '2025-09-01')], {
    asOf,
  });
  const atMax = judgeMultiOrganization(one, { maxUnattributed: 0.5 });
  assert.equal(atMax.verdict, 'fail');
  assert.match(
    atMax.reason,
    /^only one organisation makes at least 10% of contributions \(Intel 50%\); 50% unattributed$/,
  );
  const above = judgeMultiOrganization(one, { maxUnattributed: 0.49 });
  assert.equal(above.verdict, 'unknown');
  assert.match(above.reason, /^only Intel 50% reaches 10%, but 50% of contributions are unattributed/);
  const none = computeContributorBreadth([c('F', 'f@gmail.com', '2025-09-01'), c('V', 'v@vanity.dev', '2025-09-01')], {
    asOf,
  });
  assert.match(judgeMultiOrganization(none).reason, /^no organisation reaches 10%, but 100% of contributions/);
  const noneFail = judgeMultiOrganization(none, { maxUnattributed: 1 });
  assert.equal(noneFail.verdict, 'fail');
  assert.match(noneFail.reason, /^no organisation makes 10% of contributions; 100% unattributed$/);
  const small = computeContributorBreadth(
    [c('A', 'a@intel.com', '2025-09-01'), ...times(19, (i) => c(`F${i}`, `f${i}@gmail.com`, '2025-09-01'))],
    { asOf },
  );
  assert.match(judgeMultiOrganization(small).reason, /^no organisation reaches 10% \(largest: Intel 5%\)/);
  // The judged window's own figures are carried, and a window with no commits is unknown.
  const old = computeContributorBreadth([c('A', 'a@intel.com', '2024-03-01'), c('B', 'b@amd.com', '2024-03-01')], {
    asOf,
  });
  const y = judgeMultiOrganization(old);
  assert.deepEqual(
    [y.verdict, y.elephantFactor, y.topOrganizationShare, y.unattributedShare],
    ['unknown', null, null, null],
  );
  assert.match(y.reason, /no human commits in the 12m window/);
  const all = judgeMultiOrganization(old, { window: 'all' });
  assert.deepEqual(
    [all.verdict, all.elephantFactor, all.topOrganizationShare, all.unattributedShare],
    ['pass', 1, 0.5, 0],
  );
});

test('people: one address under several spellings keeps every contribution; the display name is the most used', () => {
  const r = computeContributorBreadth(
    [
      c('Ada', 'ada@intel.com', '2025-09-01'),
      c('Ada', 'ada@intel.com', '2025-09-02'),
      c('Ada L', 'ada@intel.com', '2025-09-03'),
      c('Ada', 'ada@intel.com', '2025-09-04'),
    ],
    { asOf },
  );
  assert.deepEqual(
    r.windows[0]?.organizations.map((o) => [o.name, o.contributions]),
    [['Intel', 4]],
  );
  assert.equal(r.windows[0]?.topContributors[0]?.name, 'Ada');
  // A tie between spellings goes to the first in alphabetical order, whatever came first.
  for (const order of [
    ['Abe', 'Bea'],
    ['Bea', 'Abe'],
  ]) {
    const t = computeContributorBreadth(
      order.map((n) => c(n, 'same@gmail.com', '2025-09-01')),
      { asOf },
    );
    assert.equal(t.windows[0]?.topContributors[0]?.name, 'Abe', order.join());
  }
});

test("a person's organisation: a smaller organisation after the largest does not take its place", () => {
  const r = computeContributorBreadth(
    [c('Cy', 'cy@amd.com', '2025-09-01'), c('Cy', 'cy@amd.com', '2025-09-02'), c('Cy', 'cy@intel.com', '2025-09-03')],
    { asOf },
  );
  assert.equal(r.windows[0]?.topContributors[0]?.organization, 'AMD');
});

test('addresses: without an address each folded name is its own key; a listed bot name is trimmed', () => {
  const r = computeContributorBreadth(
    [c('No  Mail', '', '2025-09-03'), c(' no mail', '', '2025-09-04'), c('Zed', '', '2025-09-05')],
    { asOf },
  );
  assert.deepEqual(r.identities, { addresses: 2, people: 2 });
  assert.ok(isBot({ name: ' Bob ', email: 'bob@corp.example' }, ['bob']));
});

test('more than one organisation: the reason lists at most three; a report without the window is unknown', () => {
  const four = computeContributorBreadth(
    [
      ...times(3, () => c('A', 'a@intel.com', '2025-09-01')),
      ...times(3, () => c('B', 'b@amd.com', '2025-09-01')),
      ...times(2, () => c('C', 'c@ibm.com', '2025-09-01')),
      ...times(2, () => c('D', 'd@sap.com', '2025-09-01')),
      ...times(2, (i) => c(`F${i}`, `f${i}@gmail.com`, '2025-09-01')),
    ],
    { asOf },
  );
  const j = judgeMultiOrganization(four);
  assert.equal(j.organizations, 4);
  assert.match(j.reason, /\(AMD 25%, Intel 25%, IBM 17%\);/);
  assert.equal(j.unattributedShare, 2 / 12);
  const none = judgeMultiOrganization({ ...four, windows: [] });
  assert.deepEqual(
    [none.verdict, none.elephantFactor, none.topOrganizationShare, none.unattributedShare],
    ['unknown', null, null, null],
  );
});
