// The tier rules that are not thresholds (docs/tiers.md): the upgrade-path gate, attention as
// context only, what is listed as unknown, which families back a verdict, and what would move it.
// Made-up inputs; found by mutation testing (docs/testing.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyTier, downloadsFromTrend, type TierInputs } from './tier.js';
import { computeTrend } from '../signals/trend.js';
import { computeUpgradeSafety, type DocFinding, type UpgradeSafety } from '../signals/upgrade-safety.js';
import { computeAttentionUsage, type AttentionUsage } from '../signals/attention-usage.js';
import { openaiNodeReleases } from '../../test/helpers/signal-fixtures.js';

const asOf = new Date('2025-07-01T00:00:00Z');
const rules = (r: { evidence: readonly { direction: string; rule: string }[] }) =>
  r.evidence.map((e) => `${e.direction}:${e.rule}`);
const LOAD_BEARING: TierInputs = {
  dependents: { count: 5_000, source: 'deps.dev' },
  containerPulls: { total: 50_000_000, source: 'ghcr' },
};
const base = computeUpgradeSafety({ releases: openaiNodeReleases() }, new Date('2026-11-30T00:00:00Z'));
const found: DocFinding = { status: 'found', evidence: ['MIGRATION.md: how to upgrade'], reason: undefined };
const notFound: DocFinding = { status: 'not-found', evidence: [], reason: undefined };
const notCollected: DocFinding = { status: 'unknown', evidence: [], reason: 'docs not collected' };
const upgrade = (deprecationPolicy: DocFinding, migrationGuide: DocFinding): UpgradeSafety => ({
  ...base,
  deprecationPolicy,
  migrationGuide,
  breakingLast12Months: 0,
});

test('docs/tiers.md upgrade path gate: docs read showing neither a policy nor a migration guide cap below load-bearing', () => {
  for (const [policy, guide, rule, tier] of [
    [notFound, notFound, 'against:no-upgrade-path', 'production-facing'],
    [found, notFound, 'for:upgrade-path', 'load-bearing-infrastructure'],
    [notFound, found, 'for:upgrade-path', 'load-bearing-infrastructure'],
    [notCollected, notFound, undefined, 'load-bearing-infrastructure'],
    [notFound, notCollected, undefined, 'load-bearing-infrastructure'],
  ] as const) {
    const r = classifyTier({ ...LOAD_BEARING, upgrade: upgrade(policy, guide) });
    const path = rules(r).filter((x) => x.endsWith('upgrade-path'));
    assert.deepEqual(path, rule ? [rule] : [], `${policy.status} / ${guide.status}`);
    assert.equal(r.tier, tier, `${policy.status} / ${guide.status}`);
    if (!rule)
      assert.ok(r.wouldMove.includes('collecting the repository docs would show whether a deprecation policy exists'));
  }
  const both = classifyTier({ ...LOAD_BEARING, upgrade: upgrade(found, found) });
  assert.equal(
    both.evidence.find((e) => e.rule === 'upgrade-path')?.detail,
    'deprecation policy: MIGRATION.md: how to upgrade; migration guide: MIGRATION.md: how to upgrade',
  );
  // No releases at all: upgrade safety is unknown, not a failing gate.
  const none = classifyTier({ ...LOAD_BEARING, upgrade: { ...base, releases: { ...base.releases, total: 0 } } });
  assert.deepEqual(
    none.unknown.filter((u) => u.signal === 'upgrade-safety').map((u) => u.reason),
    ['no releases published'],
  );
});

test('docs/tiers.md attention vs usage is context: listed for or against, never moving the tier', () => {
  const measured = computeAttentionUsage(
    { stars: [], downloadTrend: undefined, downloads30d: undefined, dependents: undefined },
    asOf,
  );
  const attention = (verdict: AttentionUsage['verdict']): AttentionUsage => ({
    ...measured,
    verdict,
    evidence: ['stars +40%'],
  });
  const plain = classifyTier(LOAD_BEARING);
  for (const [verdict, direction] of [
    ['attention-without-usage', 'against'],
    ['both-growing', 'for'],
    ['unknown', undefined],
  ] as const) {
    const r = classifyTier({ ...LOAD_BEARING, attention: attention(verdict) });
    const e = r.evidence.filter((x) => x.rule.startsWith('attention-usage'));
    assert.deepEqual(
      e.map((x) => [x.rule, x.direction, x.tier]),
      direction ? [[`attention-usage:${verdict}`, direction, 'unknown']] : [],
    );
    assert.deepEqual([r.tier, r.confidence], [plain.tier, plain.confidence], verdict);
  }
});

test('docs/tiers.md unknowns: each expected signal not measured is listed once with its reason', () => {
  const r = classifyTier(
    { dependents: { count: 50, source: 'deps.dev' } },
    {
      expected: [
        'downloads',
        'dependents',
        'hub-downloads',
        'container-pulls',
        'fan-out',
        'serving-runtimes',
        'contributors',
        'triage',
        'upgrade-safety',
      ],
    },
  );
  assert.deepEqual(
    r.unknown.map((u) => u.signal),
    [
      'downloads',
      'hub-downloads',
      'container-pulls',
      'fan-out',
      'serving-runtimes',
      'triage',
      'upgrade-safety',
      'contributors',
    ],
  );
  for (const u of r.unknown) assert.ok(u.reason.length > 10, u.signal);
  // Signals not expected and not measured are not listed.
  assert.deepEqual(
    classifyTier({ dependents: { count: 50, source: 'x' } }).unknown.map((u) => u.signal),
    ['downloads', 'triage', 'upgrade-safety', 'contributors'],
  );
});

test('docs/tiers.md families: a usage family backs the verdict when it reaches its tier, below when lower; unknown families are unknown', () => {
  const r = classifyTier({
    dependents: { count: 150, source: 'deps.dev' }, // production-facing
    fanOut: { derivatives: 12, source: 'tree' }, // internal tooling
    contributors: { organizations: 5, elephantFactor: 3, busFactor: 5 },
  });
  assert.equal(r.tier, 'production-facing');
  assert.deepEqual(
    r.families.map((f) => `${f.family}:${f.status}`),
    [
      'usage:unknown',
      'reverse-dependencies:backs',
      'fan-out:below',
      'contributors:backs',
      'issue-health:unknown',
      'upgrade-safety:unknown',
    ],
  );
  assert.equal(r.familiesBacking, 2);
  assert.deepEqual(
    r.confidenceSteps.map((s) => `${s.rule}:${s.from}→${s.to}`),
    ['one-usage-family:medium→low'],
  );
  assert.match(
    r.confidenceSteps[0]!.detail,
    /only one usage family \(reverse dependencies\) reaches production-facing/,
  );
  assert.match(r.confidenceSteps[0]!.detail, /a second \(usage\/downloads or fan-out\) would corroborate it/);
  // With no usage at all the tier is unknown and every measured family is only "measured".
  const u = classifyTier({ contributors: { organizations: 5, elephantFactor: 3, busFactor: 5 } });
  assert.deepEqual([u.tier, u.confidence, u.familiesBacking], ['unknown', 'none', 0]);
  assert.equal(u.families.find((f) => f.family === 'contributors')?.status, 'measured');
  assert.deepEqual(u.wouldMove, [
    'collect or import any usage signal (downloads, dependents, container pulls, fan-out)',
  ]);
});

test('docs/tiers.md what would move the verdict: the next tier’s usage thresholds, and each failing gate at or below it', () => {
  const r = classifyTier(
    {
      dependents: { count: 150, source: 'deps.dev' },
      containerPulls: { total: 2_000_000, source: 'ghcr' },
      contributors: { organizations: 1, elephantFactor: 1, busFactor: 5 },
    },
    { expected: ['dependents', 'hub-downloads', 'fan-out'] },
  );
  assert.equal(r.tier, 'production-facing');
  assert.deepEqual(r.wouldMove, [
    'up to load-bearing-infrastructure: a monthly download floor ≥ 1,000,000, or ≥ 1,000 dependents, or ≥ 1,000,000 Hub downloads in 30 days, or ≥ 10,000,000 container pulls, or ≥ 1,000 used derivative models',
    'up to load-bearing-infrastructure: fix "single-organisation" (1 organisations, elephant factor 1, bus factor 5: one organisation carries at least half of the attributed commits)',
  ]);
  // Usage already at load-bearing, capped by a gate: only the gate is named.
  const capped = classifyTier({
    ...LOAD_BEARING,
    contributors: { organizations: 1, elephantFactor: 1, busFactor: 5 },
  });
  assert.equal(capped.tier, 'production-facing');
  assert.deepEqual(
    capped.wouldMove.map((w) => w.slice(0, 60)),
    ['up to load-bearing-infrastructure: fix "single-organisation"'],
  );
  // At the top: nothing to move to.
  const top = classifyTier({ ...LOAD_BEARING, contributors: { organizations: 4, elephantFactor: 2, busFactor: 4 } });
  assert.deepEqual([top.tier, top.wouldMove], ['load-bearing-infrastructure', []]);
  // A client library's downloads: the next tier past the cap needs the server's own downloads.
  const trend = computeTrend(
    [1, 2, 3, 4, 5, 6].map((i) => ({
      windowStart: new Date(Date.UTC(2025, i - 1, 1)),
      windowEnd: new Date(Date.UTC(2025, i, 1)),
      value: 200_000,
    })),
    asOf,
  );
  const client = classifyTier(
    { downloads: { ...downloadsFromTrend(trend, 'pypi:ollama', 'raw')!, client: true } },
    { category: 'serving' },
  );
  assert.equal(client.tier, 'production-facing');
  assert.match(client.wouldMove[0]!, /^up to load-bearing-infrastructure: downloads of the server itself/);
});

test('downloadsFromTrend: the latest month and the floor of the last three; nothing without months', () => {
  const trend = computeTrend(
    [50, 40, 30, 20, 10, 60].map((value, i) => ({
      windowStart: new Date(Date.UTC(2025, i, 1)),
      windowEnd: new Date(Date.UTC(2025, i + 1, 1)),
      value,
    })),
    new Date('2025-07-01T00:00:00Z'),
  );
  const d = downloadsFromTrend(trend, 'src', 'raw')!;
  assert.deepEqual([d.monthly, d.floor, d.source, d.filtering], [60, 10, 'src', 'raw']);
  assert.equal(downloadsFromTrend(computeTrend([], asOf), 'src', 'raw'), undefined);
});

test('docs/tiers.md upgrade-safety evidence names what it saw: the latest release, the last four breaking tags, two findings each', () => {
  const findings: DocFinding = { status: 'found', evidence: ['A.md', 'B.md', 'C.md'], reason: undefined };
  const up: UpgradeSafety = {
    ...upgrade(notFound, findings),
    cadence: { ...base.cadence, last6Months: 2, latest: 'v9.1.0' },
    breaking: ['v4', 'v5', 'v6', 'v7', 'v8'].map((tag) => ({
      tag,
      date: '2026-01-01',
      reasons: ['major-bump'] as const,
    })),
    breakingLast12Months: 5,
  };
  const detail = (rule: string, u: UpgradeSafety) =>
    classifyTier({ ...LOAD_BEARING, upgrade: u }).evidence.find((e) => e.rule === rule)?.detail;
  assert.equal(detail('upgrade-path', up), 'migration guide: A.md; B.md');
  assert.equal(detail('release-cadence', up), '2 stable releases in six months (latest v9.1.0)');
  assert.equal(detail('frequent-breaking', up), '5 breaking releases in twelve months (> 2): v5, v6, v7, v8');
  const stale = { ...up, cadence: { ...up.cadence, last6Months: 0, latest: undefined } };
  assert.equal(detail('no-recent-release', stale), '0 stable releases in six months (need ≥ 1; latest none)');
  assert.equal(
    detail('no-recent-release', { ...stale, cadence: { ...stale.cadence, latest: 'v1.0.0' } }),
    '0 stable releases in six months (need ≥ 1; latest v1.0.0)',
  );
});
