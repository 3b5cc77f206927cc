import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyTier, downloadsFromTrend, type TierInputs } from './tier.js';
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
  // downloads, upgrade, contributors known of 5 expected: medium.
  assert.equal(r.confidence, 'medium');
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
