// The four-point checklist's rules (docs/tiers.md, "The checklist") and the stale-data step
// (docs/tiers.md, "Stale usage data lowers the confidence"), table-driven at each threshold with
// made-up inputs; found by mutation testing (docs/testing.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChecklist, MAX_TOP_ORG_SHARE, type CheckItem } from './checklist.js';
import { classifyTier, type TierInputs } from './tier.js';
import { applyUsageStaleness } from './staleness.js';
import { computeTrend, type Trend } from '../signals/trend.js';
import { computeIssueHealth, type IssueHealth, type SurvivalQuantiles } from '../signals/issue-tracker-health.js';
import { computeUpgradeSafety, type DocFinding, type UpgradeSafety } from '../signals/upgrade-safety.js';
import { openaiNodeReleases } from '../../test/helpers/signal-fixtures.js';

const asOf = new Date('2025-07-01T00:00:00Z');
const item = (inputs: TierInputs, id: CheckItem['id']): CheckItem => buildChecklist(inputs).find((c) => c.id === id)!;
function trend(values: readonly number[], growth?: number): Trend {
  const t = computeTrend(
    values.map((value, i) => ({
      windowStart: new Date(Date.UTC(2025, i, 1)),
      windowEnd: new Date(Date.UTC(2025, i + 1, 1)),
      value,
    })),
    asOf,
  );
  return growth === undefined ? t : { ...t, growth };
}
const downloads = (t: Trend): NonNullable<TierInputs['downloads']> => ({
  monthly: 1000,
  floor: 1000,
  filtering: 'raw',
  source: 'pypi',
  trend: t,
});

test('checklist usage trends: downloads ≥ −10 % and dependents not falling > 10 % pass; a decline or a decayed spike fails', () => {
  const flat = trend([100, 100, 100, 100, 100, 100]);
  for (const [growth, depGrowth, status, basis] of [
    [-0.1, undefined, 'pass', 'downloads only'],
    [-0.1000001, undefined, 'fail', 'downloads only'],
    [0, -0.1, 'pass', 'measured'],
    [0, -0.1000001, 'fail', 'measured'],
    [0.2, 0.3, 'pass', 'measured'],
  ] as const) {
    const c = item(
      {
        downloads: downloads({ ...flat, growth }),
        ...(depGrowth === undefined ? {} : { dependents: { count: 10, growth: depGrowth, source: 'deps.dev' } }),
      },
      'usage-trends',
    );
    assert.deepEqual([c.status, c.basis], [status, basis], `downloads ${growth}, dependents ${depGrowth}`);
  }
  const spiky = item({ downloads: downloads(trend([100, 100, 100, 300, 100, 100])) }, 'usage-trends');
  assert.equal(spiky.status, 'fail');
  assert.match(spiky.detail, /a spike decayed \(2025-04\), so the growth is not a rising floor/);
  const none = item({}, 'usage-trends');
  assert.deepEqual(
    [none.status, none.basis, none.detail],
    ['unknown', '—', 'download trend unknown; dependents trend unknown'],
  );
  assert.match(
    item({ downloads: downloads(flat) }, 'usage-trends').detail,
    /^downloads \+0\.0% \(last 3 months vs the 3 before, flat\); dependents trend unknown$/,
  );
});

test('checklist organisations: two or more, the largest ≤ 90 % of attributed commits, judged up to half unattributed (at, below, above)', () => {
  assert.equal(MAX_TOP_ORG_SHARE, 0.9);
  for (const [organizations, top, unattributed, status] of [
    [2, 0.9, undefined, 'pass'],
    [2, 0.9000001, undefined, 'fail'],
    [1, 0.5, undefined, 'fail'],
    [3, undefined, undefined, 'pass'],
    [2, 0.5, 0.5, 'pass'],
    [2, 0.5, 0.5000001, 'unknown'],
    [1, 1, 0.8, 'unknown'],
  ] as const) {
    const c = item(
      {
        contributors: {
          organizations,
          elephantFactor: 1,
          busFactor: 3,
          ...(top === undefined ? {} : { topOrganizationShare: top }),
          ...(unattributed === undefined ? {} : { unattributedShare: unattributed }),
        },
      },
      'multiple-organisations',
    );
    assert.equal(c.status, status, `${organizations} orgs, top ${top}, unattributed ${unattributed}`);
    assert.equal(c.basis, status === 'unknown' ? '—' : 'measured');
  }
  const c = item(
    {
      contributors: {
        organizations: 3,
        elephantFactor: 2,
        busFactor: 4,
        topOrganizationShare: 0.6,
        unattributedShare: 0.7,
        window: '12m',
      },
    },
    'multiple-organisations',
  );
  assert.equal(
    c.detail,
    '3 organisations, the largest with 60% of attributed commits, elephant factor 2; 70% of commits unattributed (too many to judge: add an affiliation file or GitHub companies)',
  );
  assert.equal(c.basis, '12m');
  assert.deepEqual(
    [item({}, 'multiple-organisations').status, item({}, 'multiple-organisations').detail],
    ['unknown', 'contributor breadth not computed'],
  );
});

function triage(first: Partial<SurvivalQuantiles> | undefined, close: Partial<SurvivalQuantiles> = {}): IssueHealth {
  const base = computeIssueHealth([], { asOf });
  const km = (q: Partial<SurvivalQuantiles>): SurvivalQuantiles => ({
    p50: undefined,
    p90: undefined,
    events: 3,
    censored: 2,
    maxObserved: 40,
    ...q,
  });
  return {
    ...base,
    servingAndMemory: {
      ...base.servingAndMemory,
      count: 5,
      closedAsStale: 1,
      firstResponse: first
        ? { basis: 'measured', reason: undefined, km: km(first), completedOnly: undefined }
        : { basis: 'unknown', reason: 'no comment timestamps', km: undefined, completedOnly: undefined },
      timeToClose: { basis: 'measured', reason: undefined, km: km(close), completedOnly: undefined },
    },
  };
}

test('checklist triage: first-response p50 ≤ 7 days passes, or as a labelled proxy time to close ≤ 30 days (at, below, above)', () => {
  for (const [ih, status, basis] of [
    [triage({ p50: 7, p90: 12 }), 'pass', 'measured'],
    [triage({ p50: 7.001 }), 'fail', 'measured'],
    [triage({ p50: undefined, maxObserved: 7 }), 'unknown', '—'],
    [triage({ p50: undefined, maxObserved: 7.001 }), 'fail', 'measured'],
    [triage(undefined, { p50: 30 }), 'pass', 'proxy: time to close (no comment timestamps)'],
    [triage(undefined, { p50: 30.001 }), 'fail', 'proxy: time to close (no comment timestamps)'],
  ] as const) {
    const c = item({ issueHealth: ih }, 'serving-memory-triage');
    assert.deepEqual([c.status, c.basis], [status, basis], c.detail);
  }
  assert.equal(
    item({ issueHealth: triage({ p50: 7, p90: 12 }) }, 'serving-memory-triage').detail,
    'first response p50 7.0 days, p90 12.0 (Kaplan–Meier, 2 still unanswered; pass at ≤ 7) over 5 serving/memory issues',
  );
  assert.equal(
    item({ issueHealth: triage(undefined, { p50: undefined, maxObserved: 45 }) }, 'serving-memory-triage').detail,
    'time to close p50 more than 45.0 days (median not reached), p90 over 45 (Kaplan–Meier, 1 still open, 1 closed as stale; pass at ≤ 30) over 5 serving/memory issues',
  );
  const none = computeIssueHealth([], { asOf });
  assert.deepEqual(
    [item({ issueHealth: none }, 'serving-memory-triage').detail, item({}, 'serving-memory-triage').detail],
    ['no serving or memory issues in the data', 'issues not collected'],
  );
});

test('checklist deprecation policy: both found pass; either searched for and not found fails; otherwise unknown', () => {
  const base = computeUpgradeSafety({ releases: openaiNodeReleases() }, new Date('2026-11-30T00:00:00Z'));
  const f = (status: DocFinding['status']): DocFinding => ({
    status,
    evidence: status === 'found' ? ['MIGRATION.md'] : [],
    reason: status === 'unknown' ? 'docs not collected' : undefined,
  });
  const up = (p: DocFinding['status'], m: DocFinding['status']): UpgradeSafety => ({
    ...base,
    deprecationPolicy: f(p),
    migrationGuide: f(m),
  });
  for (const [p, m, status] of [
    ['found', 'found', 'pass'],
    ['found', 'not-found', 'fail'],
    ['not-found', 'found', 'fail'],
    ['found', 'unknown', 'unknown'],
    ['unknown', 'unknown', 'unknown'],
  ] as const) {
    const c = item({ upgrade: up(p, m) }, 'deprecation-policy');
    assert.deepEqual([c.status, c.basis], [status, status === 'unknown' ? '—' : 'measured'], `${p} / ${m}`);
  }
  assert.equal(
    item({ upgrade: up('found', 'unknown') }, 'deprecation-policy').detail,
    'deprecation policy: MIGRATION.md; migration guide: unknown (docs not collected)',
  );
  assert.equal(item({}, 'deprecation-policy').detail, 'releases and docs not collected');
});

test('docs/tiers.md stale usage data: more than 45 days old lowers the confidence one step (at, below, above)', () => {
  const tier = classifyTier(
    { dependents: { count: 150, source: 'x' }, containerPulls: { total: 2_000_000, source: 'y' } },
    { expected: ['dependents', 'container-pulls'] },
  );
  assert.equal(tier.confidence, 'high');
  const stale = (ageDays: number) => ({ dataEnds: '2025-01-01', asOf: '2025-03-01', ageDays, staleAfterDays: 45 });
  assert.equal(applyUsageStaleness(tier, stale(45)), tier);
  assert.equal(applyUsageStaleness(tier, stale(44)), tier);
  assert.equal(applyUsageStaleness(tier, undefined), tier);
  const lowered = applyUsageStaleness(tier, stale(46));
  assert.deepEqual([lowered.tier, lowered.confidence], [tier.tier, 'medium']);
  assert.deepEqual(lowered.evidence.slice(0, -1), tier.evidence);
  assert.deepEqual(lowered.evidence.at(-1), {
    rule: 'stale-usage-data',
    signal: 'freshness',
    direction: 'against',
    tier: 'unknown',
    detail:
      'the usage data ends 2025-01-01, 46 days before 2025-03-01 (stale after 45 days): the tier describes that time; confidence lowered one step, high → medium',
  });
  const twice = applyUsageStaleness(applyUsageStaleness(lowered, stale(46)), stale(46));
  assert.equal(twice.confidence, 'low');
  assert.match(twice.evidence.at(-1)!.detail, /confidence stays low, the lowest a measured tier has$/);
  // An unknown tier has no confidence to lower.
  const unknown = classifyTier({});
  assert.equal(applyUsageStaleness(unknown, stale(400)), unknown);
});
