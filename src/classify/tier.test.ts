import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyTier,
  DEFAULT_TIER_THRESHOLDS,
  downloadLadder,
  downloadsFromTrend,
  type ContributorBreadthInput,
  type Ladder,
  type TierInputs,
} from './tier.js';
import { PROJECT_CATEGORIES } from '../domain/project.js';
import { buildChecklist } from './checklist.js';
import { computeTrend } from '../signals/trend.js';
import { computeIssueHealth } from '../signals/issue-tracker-health.js';
import { computeUpgradeSafety } from '../signals/upgrade-safety.js';
import { demoPypiSeries, openaiNodeReleases } from '../../test/helpers/signal-fixtures.js';
import { issueSample } from '../../test/helpers/issue-samples.js';

const asOf = new Date('2026-04-01T00:00:00Z');
const llama = issueSample('llama_cpp');
const dl = (pkg: string) =>
  downloadsFromTrend(computeTrend(demoPypiSeries(pkg), asOf), 'pypi-top (hugovk/top-pypi-packages)', 'raw')!;
const upgrade = () => computeUpgradeSafety({ releases: openaiNodeReleases() }, new Date('2026-11-30T00:00:00Z'));

test('no data at all: unknown, never experiment', () => {
  const r = classifyTier({});
  assert.equal(r.tier, 'unknown');
  assert.equal(r.confidence, 'none');
  assert.deepEqual(r.evidence, []);
  assert.deepEqual(
    r.unknown.map((u) => u.signal),
    ['downloads', 'dependents', 'triage', 'upgrade-safety', 'contributors'],
  );
  assert.deepEqual(
    buildChecklist({}).map((c) => c.status),
    ['unknown', 'unknown', 'unknown', 'unknown'],
  );
});

test('a little usage and nothing else: experiment, low confidence', () => {
  const r = classifyTier({ dependents: { count: 4, source: 'deps.dev' } });
  assert.equal(r.tier, 'experiment');
  assert.equal(r.confidence, 'low');
  assert.equal(r.coverage, 0.2);
  assert.ok(r.wouldMove.includes('up to internal-tooling: a monthly download floor ≥ 10,000, or ≥ 10 dependents'));
});

test('vllm downloads (real, floor 3.18M, +32.8%) reach load-bearing; one organisation caps it at production-facing', () => {
  const d = dl('vllm');
  assert.equal(d.floor, 3183654);
  const inputs: TierInputs = {
    downloads: d,
    upgrade: upgrade(),
    contributors: { organizations: 1, elephantFactor: 1, busFactor: 2 },
  };
  const r = classifyTier(inputs);
  assert.equal(r.usageTier, 'load-bearing-infrastructure');
  assert.equal(r.tier, 'production-facing');
  assert.deepEqual(
    r.evidence.map((e) => `${e.direction}:${e.rule}`),
    [
      'for:download-floor',
      'for:download-trend',
      'for:release-cadence',
      'for:upgrade-path',
      'against:single-organisation',
    ],
  );
  assert.ok(r.wouldMove.some((w) => w.startsWith('up to load-bearing-infrastructure: fix "single-organisation"')));
  // downloads, upgrade, contributors known of 5 expected (60%): medium, but downloads are the only
  // usage family that reaches the tier: low.
  assert.equal(r.confidence, 'low');
  assert.deepEqual(
    r.confidenceSteps.map((c) => `${c.rule}:${c.from}→${c.to}`),
    ['one-usage-family:medium→low'],
  );
  assert.equal(r.familiesBacking, 3);
  const broad = classifyTier({ ...inputs, contributors: { organizations: 6, elephantFactor: 3, busFactor: 5 } });
  assert.equal(broad.tier, 'load-bearing-infrastructure');
});

test('declining downloads (deepspeed, real: floor 1.07M, -12.5%) cap the verdict at internal tooling', () => {
  const r = classifyTier({ downloads: dl('deepspeed') });
  assert.equal(r.usageTier, 'load-bearing-infrastructure');
  assert.equal(r.tier, 'internal-tooling');
  assert.ok(r.evidence.some((e) => e.rule === 'download-decline' && e.detail.startsWith('downloads -12.5%')));
  assert.equal(classifyTier({ downloads: dl('gpt4all') }).tier, 'internal-tooling'); // floor 71,822: usage alone says so
  assert.equal(buildChecklist({ downloads: dl('gpt4all') })[0]!.status, 'fail');
});

test('spike-and-decay (sglang, real) is experimentation, not a floor', () => {
  const r = classifyTier({ downloads: dl('sglang') });
  assert.ok(r.evidence.some((e) => e.rule === 'spike-and-decay'));
  assert.equal(r.tier, 'internal-tooling');
});

test(
  'triage from the llama.cpp sample: no comment timestamps, so the close-time proxy decides, and says so',
  { skip: llama.skip },
  () => {
    const ih = computeIssueHealth(llama.issues, {
      asOf: new Date('2025-07-19T00:00:00Z'),
      sample: 'stratified sample',
    });
    const r = classifyTier({ downloads: dl('llama-cpp-python'), issueHealth: ih });
    const tri = r.evidence.find((e) => e.signal === 'triage')!;
    assert.equal(tri.rule, 'triage-slow-proxy');
    assert.match(
      tri.detail,
      /time to close p50 \(Kaplan–Meier\) as a proxy, no comment timestamps; sample: 65.4 days \(> 30; n=229, 103 still waiting\)/,
    );
    const c = buildChecklist({ issueHealth: ih });
    assert.equal(c[2]!.status, 'fail');
    assert.equal(c[2]!.basis, 'proxy: time to close (no comment timestamps)');
  },
);

test('checklist with everything known', () => {
  const up = computeUpgradeSafety(
    {
      releases: openaiNodeReleases(),
      docs: [
        { path: 'MIGRATION.md', text: undefined },
        { path: 'SECURITY.md', text: '## Supported versions' },
      ],
    },
    new Date('2026-11-30T00:00:00Z'),
  );
  const c = buildChecklist({
    downloads: dl('vllm'),
    dependents: { count: 900, growth: 0.2, source: 'deps.dev' },
    contributors: {
      organizations: 3,
      elephantFactor: 2,
      busFactor: 4,
      topOrganizationShare: 0.6,
      unattributedShare: 0.3,
    },
    upgrade: up,
  });
  assert.deepEqual(
    c.map((x) => x.status),
    ['pass', 'pass', 'unknown', 'fail'],
  );
  assert.match(c[3]!.detail, /^deprecation policy: not-found/);
  assert.equal(
    c[1]!.detail,
    '3 organisations, the largest with 60% of attributed commits, elephant factor 2; 30% of commits unattributed',
  );
});

// ---- calibration: corroboration, client evidence, category ladders, attribution -------------------

/** Maintenance measured and passing (releases, upgrade path, broad contributors): usage decides the tier. */
function maintained(): TierInputs {
  return {
    upgrade: upgrade(),
    contributors: {
      organizations: 6,
      elephantFactor: 3,
      busFactor: 5,
      topOrganizationShare: 0.4,
      unattributedShare: 0.2,
    },
  };
}

test('a usage tier resting on one signal family was medium or high confidence: capped at low, and the families are counted', () => {
  const inputs: TierInputs = { downloads: dl('vllm'), ...maintained() };
  const r = classifyTier(inputs);
  assert.equal(r.tier, 'load-bearing-infrastructure');
  assert.equal(r.coverage, 0.6); // downloads, upgrade safety, contributors of five: medium before
  assert.equal(r.confidence, 'low');
  assert.equal(r.confidenceSteps.at(-1)?.rule, 'one-usage-family');
  assert.match(r.confidenceSteps.at(-1)?.detail ?? '', /^only one usage family \(usage\/downloads\) reaches/);
  assert.deepEqual(
    r.families.map((f) => `${f.family}:${f.status}`),
    [
      'usage:backs',
      'reverse-dependencies:unknown',
      'fan-out:unknown',
      'contributors:backs',
      'issue-health:unknown',
      'upgrade-safety:backs',
    ],
  );
  // A second usage family reaching the tier corroborates it: the CI cap (medium) is all that is left.
  const two = classifyTier({ ...inputs, dependents: { count: 1_000, source: 'deps.dev' } });
  assert.equal(two.confidence, 'medium');
  assert.deepEqual(
    two.confidenceSteps.map((c) => c.rule),
    ['raw-downloads'],
  );
  // One that reaches a lower tier does not: it stands below the verdict.
  const lower = classifyTier({ ...inputs, dependents: { count: 999, source: 'deps.dev' } });
  assert.equal(lower.confidence, 'low');
  assert.equal(lower.families.find((f) => f.family === 'reverse-dependencies')?.status, 'below');
});

test("client-library downloads stood for a server product's own use: counted as client evidence, at most production-facing", () => {
  const d = dl('vllm'); // floor 3.18M: load-bearing on the serving ladder
  const own = classifyTier({ downloads: d }, { category: 'serving' });
  assert.equal(own.usageTier, 'load-bearing-infrastructure');
  const client = classifyTier({ downloads: { ...d, client: true } }, { category: 'serving' });
  assert.equal(client.usageTier, 'production-facing');
  const e = client.evidence.find((x) => x.rule === 'client-download-floor')!;
  assert.equal(e.tier, 'production-facing');
  assert.match(e.detail, /^client evidence: monthly download floor 3,183,654/);
  assert.match(e.detail, /reaches load-bearing-infrastructure on the ladder and counts at most production-facing$/);
  assert.ok(client.wouldMove.some((w) => w.includes('downloads of the server itself')));
  // Other usage families of the server are not capped: its own image pulls still reach the top.
  const pulls = classifyTier(
    { downloads: { ...d, client: true }, containerPulls: { total: 10_000_000, source: 'docker-hub' } },
    { category: 'serving' },
  );
  assert.equal(pulls.usageTier, 'load-bearing-infrastructure');
  // Below the cap a client counts as it reads.
  const small = classifyTier({ downloads: { ...d, floor: 50_000, client: true } }, { category: 'serving' });
  assert.equal(small.usageTier, 'internal-tooling');
});

test('the download floor was the same for every category: each category has its ladder (at, one below, one above each threshold)', () => {
  const tiers = ['internal-tooling', 'production-facing', 'load-bearing-infrastructure'] as const;
  const below = ['experiment', 'internal-tooling', 'production-facing'] as const;
  const expected: Record<string, Ladder> = {
    framework: [100_000, 1_000_000, 10_000_000],
    tooling: [100_000, 1_000_000, 10_000_000],
    rag: [100_000, 1_000_000, 10_000_000],
    'vector-db': [100_000, 1_000_000, 10_000_000],
    serving: [10_000, 100_000, 1_000_000],
    'local-runner': [10_000, 100_000, 1_000_000],
    'model-family': [10_000, 100_000, 1_000_000],
  };
  const base = dl('vllm');
  for (const category of PROJECT_CATEGORIES) {
    const ladder = downloadLadder(DEFAULT_TIER_THRESHOLDS, category);
    assert.deepEqual(ladder, expected[category], category);
    ladder.forEach((t, i) => {
      for (const [floor, tier] of [
        [t, tiers[i]],
        [t - 1, below[i]],
        [t + 1, tiers[i]],
      ] as const) {
        const r = classifyTier({ downloads: { ...base, floor } }, { category });
        assert.equal(r.usageTier, tier, `${category}: floor ${floor}`);
        assert.match(r.evidence[0]!.detail, new RegExp(`\\(${category}\\)$`));
      }
      // Hub downloads of a project's base models climb the same ladder.
      for (const [monthly, tier] of [
        [t, tiers[i]],
        [t - 1, below[i]],
        [t + 1, tiers[i]],
      ] as const)
        assert.equal(
          classifyTier({ hubDownloads: { monthly, source: 'hub' } }, { category }).usageTier,
          tier,
          `${category}: Hub downloads ${monthly}`,
        );
    });
  }
  // A model family and an SDK with the same floor are judged apart.
  const floor = 2_000_000;
  assert.equal(
    classifyTier({ downloads: { ...base, floor } }, { category: 'model-family' }).usageTier,
    'load-bearing-infrastructure',
  );
  assert.equal(classifyTier({ downloads: { ...base, floor } }, { category: 'tooling' }).usageTier, 'production-facing');
});

test('the fan-out ladder over used derivatives: at, one below, one above each threshold', () => {
  const tiers = ['internal-tooling', 'production-facing', 'load-bearing-infrastructure'] as const;
  const below = ['experiment', 'internal-tooling', 'production-facing'] as const;
  DEFAULT_TIER_THRESHOLDS.fanOut.forEach((t, i) => {
    for (const [n, tier] of [
      [t, tiers[i]],
      [t - 1, below[i]],
      [t + 1, tiers[i]],
    ] as const) {
      const r = classifyTier({ fanOut: { derivatives: n, source: 'tree' } });
      assert.equal(r.usageTier, tier, `${n} used derivatives`);
      assert.match(r.evidence[0]!.detail, /used derivative models/);
    }
  });
});

// Real figures, last 12 months to 2026-09-01, from `kept contributors` on the ollama and peft
// histories in ../shared/data/git-history (replayed with ../shared/tools/replay-git-history).
const OLLAMA: ContributorBreadthInput = {
  organizations: 8,
  elephantFactor: 1,
  busFactor: 4,
  topOrganizationShare: 0.7832817337461301,
  unattributedShare: 0.7361111111111112,
};
const PEFT: ContributorBreadthInput = {
  organizations: 8,
  elephantFactor: 1,
  busFactor: 3,
  topOrganizationShare: 0.6944444444444444,
  unattributedShare: 0.9230769230769231,
};

test('single-organisation blocked the top tier while most commits were unattributed (ollama 74%, peft 92%): organisation breadth is unknown', () => {
  for (const [name, c, share] of [
    ['ollama', OLLAMA, '74%'],
    ['peft', PEFT, '92%'],
  ] as const) {
    const r = classifyTier({ ...maintained(), downloads: dl('vllm'), contributors: c });
    assert.ok(!r.evidence.some((e) => e.rule === 'single-organisation'), name);
    assert.equal(r.tier, 'load-bearing-infrastructure', name);
    const u = r.unknown.find((x) => x.signal === 'contributor-organisations');
    assert.match(
      u?.reason ?? '',
      new RegExp(`^organisation breadth unknown: ${share} of commits are unattributed`),
      name,
    );
    // The people are still counted: the bus factor is measured without attribution.
    assert.ok(
      r.evidence.some((e) => e.rule === 'bus-factor' && e.direction === 'for'),
      name,
    );
    assert.equal(buildChecklist({ contributors: c })[1]!.status, 'unknown', name);
  }
  // ollama's largest organisation: 78% of attributed commits is 21% of all.
  assert.match(
    classifyTier({ contributors: OLLAMA }).unknown.find((x) => x.signal === 'contributor-organisations')!.reason,
    /the largest organisation seen has 78% of attributed commits \(21% of all\)/,
  );
  // A bus factor below the floor still blocks: people need no attribution.
  const few = classifyTier({ downloads: dl('vllm'), contributors: { ...OLLAMA, busFactor: 2 } });
  assert.ok(few.evidence.some((e) => e.rule === 'low-bus-factor'));
});

test('single-organisation said "one organisation carries half the commits" whatever its share of all: it states both shares', () => {
  const c: ContributorBreadthInput = {
    organizations: 3,
    elephantFactor: 1,
    busFactor: 5,
    topOrganizationShare: 0.6,
    unattributedShare: 0.5,
  };
  const e = classifyTier({ downloads: dl('vllm'), contributors: c }).evidence.find(
    (x) => x.rule === 'single-organisation',
  )!;
  assert.doesNotMatch(e.detail, /half the commits/);
  assert.match(e.detail, /one organisation carries 60% of attributed commits \(30% of all\)$/);
  // At the threshold (half unattributed) the rule is judged; just above it, it is unknown.
  assert.ok(
    classifyTier({ contributors: { ...c, unattributedShare: 0.51 } }).unknown.some(
      (u) => u.signal === 'contributor-organisations',
    ),
  );
});
