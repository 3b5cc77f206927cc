import { test } from 'node:test';
import { classifyTier, downloadsFromTrend } from '../classify/tier.js';
import { buildChecklist } from '../classify/checklist.js';
import { computeTrend } from '../signals/trend.js';
import { computeIssueHealth } from '../signals/issue-tracker-health.js';
import { computeUpgradeSafety } from '../signals/upgrade-safety.js';
import { computeAttentionUsage } from '../signals/attention-usage.js';
import { renderIssueHealthMarkdown } from './issue-health-md.js';
import { renderUpgradeMarkdown } from './upgrade-md.js';
import { renderVerdictMarkdown, type VerdictReport } from './tier-md.js';
import { assertGolden } from '../../test/helpers/golden.js';
import { demoPypiSeries, openaiNodeReleases } from '../../test/helpers/signal-fixtures.js';
import { issueSample } from '../../test/helpers/issue-samples.js';

const sglang = issueSample('sglang');

test('issue health of the SGLang sample (golden)', { skip: sglang.skip }, () => {
  const h = computeIssueHealth(sglang.issues, {
    asOf: new Date('2025-07-19T00:00:00Z'),
    sample: 'stratified sample (yunwei37/vllm-exp)',
  });
  assertGolden('verdict', 'issue-health-sglang.md', renderIssueHealthMarkdown(h));
});

test('upgrade safety of openai-node (golden)', () => {
  assertGolden(
    'verdict',
    'upgrade-openai-node.md',
    renderUpgradeMarkdown(computeUpgradeSafety({ releases: openaiNodeReleases() }, new Date('2026-11-30T00:00:00Z'))),
  );
});

test('full verdict: real SGLang downloads and issue sample (golden)', { skip: sglang.skip }, () => {
  const asOf = new Date('2026-04-01T00:00:00Z');
  const trend = computeTrend(demoPypiSeries('sglang'), asOf);
  const downloads = downloadsFromTrend(trend, 'pypi-top (hugovk/top-pypi-packages)', 'raw')!;
  // The sample ends in July 2025; judge it as of its own end, not the report date.
  const issueHealth = computeIssueHealth(sglang.issues, {
    asOf: new Date('2025-07-19T00:00:00Z'),
    sample: 'stratified sample (yunwei37/vllm-exp)',
  });
  const inputs = { downloads, issueHealth };
  const report: VerdictReport = {
    schema: 'kept.verdict/v1',
    project: { id: 'sglang', name: 'SGLang', category: 'serving' },
    asOf: '2026-04-01',
    tier: classifyTier(inputs),
    checklist: buildChecklist(inputs),
    attention: computeAttentionUsage(
      { stars: [], downloadTrend: trend, downloads30d: downloads.monthly, dependents: undefined },
      asOf,
    ),
    issueHealth,
    upgrade: undefined,
    inputs: [
      'pypi:sglang downloads: 6 monthly windows (pypi-top)',
      'github:sgl-project/sglang issue records: 1062 (sample import)',
    ],
  };
  assertGolden('verdict', 'verdict-sglang.md', renderVerdictMarkdown(report));
});

test('verdict with nothing stored (golden): unknown, every checklist point unknown', () => {
  const report: VerdictReport = {
    schema: 'kept.verdict/v1',
    project: { id: 'x', name: 'Nothing', category: 'tooling' },
    asOf: '2026-04-01',
    tier: classifyTier({}),
    checklist: buildChecklist({}),
    attention: undefined,
    issueHealth: undefined,
    upgrade: undefined,
    inputs: [],
  };
  assertGolden('verdict', 'verdict-empty.md', renderVerdictMarkdown(report));
});
