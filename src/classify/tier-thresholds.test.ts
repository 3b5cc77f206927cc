// Every threshold of docs/tiers.md's tier rules, table-driven: each usage ladder step and each gate
// at the threshold, one step below and one step above, named after the rule. Made-up inputs, all
// in-repo, so a boundary moved by one comparison (`>=` for `>`) fails a row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyTier, DEFAULT_TIER_THRESHOLDS, ladderTier, type TierInputs, type TierResult } from './tier.js';
import { computeTrend, type Trend } from '../signals/trend.js';
import { computeIssueHealth, type IssueHealth, type SurvivalQuantiles } from '../signals/issue-tracker-health.js';
import { computeUpgradeSafety, type UpgradeSafety } from '../signals/upgrade-safety.js';
import { openaiNodeReleases } from '../../test/helpers/signal-fixtures.js';

const T = DEFAULT_TIER_THRESHOLDS;
const TIERS = ['internal-tooling', 'production-facing', 'load-bearing-infrastructure'] as const;
const BELOW = ['experiment', 'internal-tooling', 'production-facing'] as const;
const asOf = new Date('2025-07-01T00:00:00Z');
const rules = (r: TierResult) => r.evidence.map((e) => `${e.direction}:${e.rule}`);

/** Usage that reaches load-bearing in two families, so only the gate under test moves the verdict. */
const LOAD_BEARING: TierInputs = {
  dependents: { count: 5_000, source: 'deps.dev' },
  containerPulls: { total: 50_000_000, source: 'ghcr' },
};

/** A flat six-month trend whose growth is then set to the value under test. */
function trendWith(growth: number): Trend {
  const points = [100, 100, 100, 100, 100, 100].map((value, i) => ({
    windowStart: new Date(Date.UTC(2025, i, 1)),
    windowEnd: new Date(Date.UTC(2025, i + 1, 1)),
    value,
  }));
  return { ...computeTrend(points, asOf), growth };
}

function triage(first: Partial<SurvivalQuantiles> | undefined, close?: Partial<SurvivalQuantiles>): IssueHealth {
  const base = computeIssueHealth([], { asOf });
  const km = (q: Partial<SurvivalQuantiles>): SurvivalQuantiles => ({
    p50: undefined,
    p90: undefined,
    events: 3,
    censored: 2,
    maxObserved: 40,
    ...q,
  });
  const sm = base.servingAndMemory;
  return {
    ...base,
    servingAndMemory: {
      ...sm,
      count: 5,
      firstResponse: first
        ? { basis: 'measured', reason: undefined, km: km(first), completedOnly: undefined }
        : {
            basis: 'unknown',
            reason: 'comment counts only, no comment timestamps',
            km: undefined,
            completedOnly: undefined,
          },
      timeToClose: { basis: 'measured', reason: undefined, km: km(close ?? {}), completedOnly: undefined },
    },
  };
}

const baseUpgrade = computeUpgradeSafety({ releases: openaiNodeReleases() }, new Date('2026-11-30T00:00:00Z'));
const upgradeWith = (o: { last6Months?: number; breaking?: number }): UpgradeSafety => ({
  ...baseUpgrade,
  cadence: { ...baseUpgrade.cadence, last6Months: o.last6Months ?? 4 },
  breakingLast12Months: o.breaking ?? 0,
});

test('docs/tiers.md usage ladders: dependents, container pulls and used fan-out, each step at, one below, one above', () => {
  const signals: [string, readonly number[], (n: number) => TierInputs][] = [
    ['dependents', T.dependents, (count) => ({ dependents: { count, source: 'deps.dev' } })],
    ['container pulls', T.containerPulls, (total) => ({ containerPulls: { total, source: 'ghcr' } })],
    ['fan-out', T.fanOut, (derivatives) => ({ fanOut: { derivatives, source: 'tree' } })],
  ];
  assert.deepEqual(T.dependents, [10, 100, 1_000]);
  assert.deepEqual(T.containerPulls, [100_000, 1_000_000, 10_000_000]);
  for (const [name, ladder, input] of signals)
    ladder.forEach((t, i) => {
      for (const [n, tier] of [
        [t, TIERS[i]],
        [t - 1, BELOW[i]],
        [t + 1, TIERS[i]],
      ] as const)
        assert.equal(classifyTier(input(n)).usageTier, tier, `${name}: ${n}`);
    });
  // The ladder function itself, on a ladder of any scale.
  for (const [v, tier] of [
    [0, 'experiment'],
    [0.999, 'experiment'],
    [1, 'internal-tooling'],
    [2, 'production-facing'],
    [3, 'load-bearing-infrastructure'],
    [Infinity, 'load-bearing-infrastructure'],
  ] as const)
    assert.equal(ladderTier(v, [1, 2, 3]), tier, `${v}`);
});

test('docs/tiers.md serving runtimes: one reaches production-facing, three load-bearing (at, below, above)', () => {
  assert.deepEqual(T.servingRuntimes, [1, 3]);
  const rt = ['vllm', 'sglang', 'tgi', 'llama.cpp'];
  for (const [n, tier] of [
    [0, 'experiment'],
    [1, 'production-facing'],
    [2, 'production-facing'],
    [3, 'load-bearing-infrastructure'],
    [4, 'load-bearing-infrastructure'],
  ] as const)
    assert.equal(classifyTier({ servingRuntimes: rt.slice(0, n) }).usageTier, tier, `${n} runtimes`);
});

test('docs/tiers.md client evidence: a client library reaches at most production-facing on the ladder', () => {
  const trend = trendWith(0);
  const client = (floor: number) =>
    classifyTier(
      { downloads: { monthly: floor, floor, filtering: 'raw', source: 'pypi:ollama', trend, client: true } },
      { category: 'serving' },
    );
  assert.equal(client(1_000_000).usageTier, 'production-facing');
  assert.equal(client(100_000).usageTier, 'production-facing');
  assert.equal(client(99_999).usageTier, 'internal-tooling');
  assert.deepEqual(
    client(1_000_000).evidence.map((e) => e.rule),
    ['client-download-floor', 'download-trend'],
  );
});

test('docs/tiers.md download trend gate: growth < −10 % caps at internal tooling; exactly −10 % passes (at, below, above)', () => {
  assert.equal(T.declineBelow, -0.1);
  for (const [growth, declined] of [
    [-0.1, false],
    [-0.1000001, true],
    [-0.0999999, false],
  ] as const) {
    const r = classifyTier({
      ...LOAD_BEARING,
      downloads: { monthly: 1e8, floor: 1e8, filtering: 'raw', source: 'pypi', trend: trendWith(growth) },
    });
    assert.equal(r.tier, declined ? 'internal-tooling' : 'load-bearing-infrastructure', `growth ${growth}`);
    assert.ok(rules(r).includes(declined ? 'against:download-decline' : 'for:download-trend'), `growth ${growth}`);
  }
});

test('docs/tiers.md triage gate: first-response p50 ≤ 7 days passes, above fails (at, below, above)', () => {
  assert.equal(T.triageDays, 7);
  for (const [p50, rule] of [
    [7, 'for:triage-fast'],
    [6.999, 'for:triage-fast'],
    [7.001, 'against:triage-slow'],
  ] as const) {
    const r = classifyTier({ ...LOAD_BEARING, issueHealth: triage({ p50 }) });
    assert.ok(rules(r).includes(rule), `p50 ${p50}: ${rules(r).join(', ')}`);
    assert.equal(r.tier, rule.startsWith('for') ? 'load-bearing-infrastructure' : 'internal-tooling', `p50 ${p50}`);
  }
  // More than half still waiting: the median is "more than the longest time observed", a fail
  // only when that already exceeds the limit, unknown otherwise.
  for (const [maxObserved, outcome] of [
    [7, 'unknown'],
    [7.001, 'against:triage-slow'],
  ] as const) {
    const r = classifyTier({ ...LOAD_BEARING, issueHealth: triage({ p50: undefined, maxObserved }) });
    if (outcome === 'unknown') {
      assert.ok(!r.evidence.some((e) => e.signal === 'triage'), `${maxObserved}`);
      assert.ok(r.unknown.some((u) => u.signal === 'triage' && u.reason.includes('not reached')));
    } else assert.match(r.evidence.find((e) => e.signal === 'triage')!.detail, /more than 7\.0 days/);
  }
});

test('docs/tiers.md triage proxy: without comment timestamps, time-to-close p50 ≤ 30 days passes (at, below, above)', () => {
  assert.equal(T.triageCloseProxyDays, 30);
  for (const [p50, rule] of [
    [30, 'for:triage-fast-proxy'],
    [29.999, 'for:triage-fast-proxy'],
    [30.001, 'against:triage-slow-proxy'],
  ] as const) {
    const r = classifyTier({ ...LOAD_BEARING, issueHealth: triage(undefined, { p50 }) });
    assert.ok(rules(r).includes(rule), `close p50 ${p50}: ${rules(r).join(', ')}`);
  }
});

test('docs/tiers.md release cadence gate: at least one stable release in six months (at, below, above)', () => {
  assert.equal(T.minReleases6m, 1);
  for (const [last6Months, rule, tier] of [
    [1, 'for:release-cadence', 'load-bearing-infrastructure'],
    [0, 'against:no-recent-release', 'internal-tooling'],
    [2, 'for:release-cadence', 'load-bearing-infrastructure'],
  ] as const) {
    const r = classifyTier({ ...LOAD_BEARING, upgrade: upgradeWith({ last6Months }) });
    assert.ok(rules(r).includes(rule), `${last6Months} releases`);
    assert.equal(r.tier, tier, `${last6Months} releases`);
  }
});

test('docs/tiers.md breaking releases gate: more than 2 in twelve months caps below load-bearing (at, below, above)', () => {
  assert.equal(T.maxBreaking12m, 2);
  for (const [breaking, fires] of [
    [2, false],
    [1, false],
    [3, true],
  ] as const) {
    const r = classifyTier({ ...LOAD_BEARING, upgrade: upgradeWith({ breaking }) });
    assert.equal(rules(r).includes('against:frequent-breaking'), fires, `${breaking} breaking`);
    assert.equal(r.tier, fires ? 'production-facing' : 'load-bearing-infrastructure', `${breaking} breaking`);
  }
});

test('docs/tiers.md contributor breadth gate: elephant factor ≥ 2 and bus factor ≥ 3 (at, below, above)', () => {
  assert.deepEqual([T.minElephantFactor, T.minBusFactor], [2, 3]);
  for (const [elephantFactor, busFactor, rule] of [
    [2, 3, 'for:broad-contributors'],
    [1, 3, 'against:single-organisation'],
    [3, 3, 'for:broad-contributors'],
    [2, 2, 'against:low-bus-factor'],
    [2, 4, 'for:broad-contributors'],
  ] as const) {
    const r = classifyTier({ ...LOAD_BEARING, contributors: { organizations: 5, elephantFactor, busFactor } });
    assert.ok(rules(r).includes(rule), `elephant ${elephantFactor}, bus ${busFactor}: ${rules(r).join(', ')}`);
    assert.equal(r.tier, rule.startsWith('for') ? 'load-bearing-infrastructure' : 'production-facing');
  }
});

test('docs/tiers.md attribution: organisations are judged up to half the commits unattributed, not beyond (at, below, above)', () => {
  for (const [unattributedShare, rule] of [
    [0.5, 'against:single-organisation'],
    [0.49, 'against:single-organisation'],
    [0.51, 'for:bus-factor'],
  ] as const) {
    const r = classifyTier({
      ...LOAD_BEARING,
      contributors: { organizations: 3, elephantFactor: 1, busFactor: 4, topOrganizationShare: 0.8, unattributedShare },
    });
    assert.ok(rules(r).includes(rule), `${unattributedShare} unattributed: ${rules(r).join(', ')}`);
    assert.equal(
      r.unknown.some((u) => u.signal === 'contributor-organisations'),
      rule === 'for:bus-factor',
    );
  }
});

test('docs/tiers.md no maintenance evidence: usage at load-bearing with no gate measured stops at production-facing', () => {
  const r = classifyTier(LOAD_BEARING);
  assert.equal(r.usageTier, 'load-bearing-infrastructure');
  assert.equal(r.tier, 'production-facing');
  assert.ok(rules(r).includes('against:no-maintenance-evidence'));
  // One gate measured (and passing) lifts the stop.
  assert.equal(classifyTier({ ...LOAD_BEARING, upgrade: upgradeWith({}) }).tier, 'load-bearing-infrastructure');
});

test('docs/tiers.md confidence: high ≥ 80 % of the expected signals, medium ≥ 50 %, else low (at, below, above)', () => {
  const expected = ['dependents', 'container-pulls', 'contributors', 'triage', 'upgrade-safety'] as const;
  const contributors = { organizations: 5, elephantFactor: 3, busFactor: 5 };
  // Two usage families reach the tier, so only the coverage decides.
  for (const [inputs, exp, coverage, confidence] of [
    [{ ...LOAD_BEARING, contributors, upgrade: upgradeWith({}) }, expected, 0.8, 'high'],
    [{ ...LOAD_BEARING, contributors }, expected, 0.6, 'medium'],
    [{ ...LOAD_BEARING, contributors }, expected.slice(0, 4), 0.75, 'medium'],
    [LOAD_BEARING, expected.slice(0, 4), 0.5, 'medium'],
    [LOAD_BEARING, expected, 0.4, 'low'],
  ] as const) {
    const r = classifyTier(inputs, { expected: [...exp] });
    assert.deepEqual([r.coverage, r.confidence], [coverage, confidence], `coverage ${coverage}`);
  }
});

test('docs/tiers.md triage gate: it needs at least one serving or memory issue; none, or no issues, is unknown', () => {
  const triageUnknown = (issueHealth: IssueHealth | undefined) =>
    classifyTier({ ...LOAD_BEARING, ...(issueHealth ? { issueHealth } : {}) }).unknown.find(
      (u) => u.signal === 'triage',
    )?.reason;
  const none = triage({ p50: 1 });
  assert.equal(
    triageUnknown({ ...none, servingAndMemory: { ...none.servingAndMemory, count: 0 } }),
    'no serving or memory issues in the data',
  );
  assert.equal(triageUnknown({ ...none, servingAndMemory: { ...none.servingAndMemory, count: 1 } }), undefined);
  assert.equal(triageUnknown(undefined), 'no issues collected');
});
