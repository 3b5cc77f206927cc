// Golden Markdown of the verdict's sections and document, from real data: the SGLang issue sample,
// the demo PyPI series and the openai-node releases. The figures reach the tables as numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyTier, downloadsFromTrend } from '../../classify/tier.js';
import { buildChecklist } from '../../classify/checklist.js';
import { computeTrend } from '../../signals/trend.js';
import { computeIssueHealth } from '../../signals/issue-tracker-health.js';
import { computeUpgradeSafety } from '../../signals/upgrade-safety.js';
import { computeAttentionUsage } from '../../signals/attention-usage.js';
import { verdictCore, verdictFreshness, verdictView } from '../../views/verdict/compute.js';
import { issueHealthModel, upgradeSafetyModel } from '../../views/verdict/signal-models.js';
import type { ReportDocument, ReportSection } from '../document.js';
import { renderMarkdown } from '../render-markdown.js';
import { verdictDocument } from '../views/verdict.js';
import { issueHealthSection, upgradeSection } from './verdict.js';
import { assertGolden } from '../../../test/helpers/golden.js';
import { demoPypiSeries, openaiNodeReleases } from '../../../test/helpers/signal-fixtures.js';
import { issueSample } from '../../../test/helpers/issue-samples.js';

const sglang = issueSample('sglang');

function oneSection(section: ReportSection, asOf: string): ReportDocument {
  return {
    schema: 'kept.report/v1',
    view: 'verdict',
    title: section.title,
    subtitle: `As of ${asOf}`,
    asOf,
    sections: [section],
  };
}

test('issue health of the SGLang sample (golden); days stay numbers in the table', { skip: sglang.skip }, () => {
  const h = issueHealthModel(
    computeIssueHealth(sglang.issues, {
      asOf: new Date('2025-07-19T00:00:00Z'),
      sample: 'stratified sample (yunwei37/vllm-exp)',
    }),
  );
  const section = issueHealthSection(h);
  const table = section.blocks.find((b) => b.kind === 'table' && b.id === 'issue-health');
  assert.ok(table?.kind === 'table');
  const all = table.rows[0]!;
  assert.equal(all[0], 'all issues');
  assert.equal(all[1], 1062);
  assert.equal(all[3], 279, 'closed as stale, a count');
  assert.equal(typeof all[6], 'number', 'time to close p50 in days, a number');
  assert.equal(all[6], h.issues.timeToClose.km?.p50);
  assertGolden('verdict', 'issue-health-sglang.md', renderMarkdown(oneSection(section, h.asOf)));
});

test('upgrade safety of openai-node (golden)', () => {
  const u = upgradeSafetyModel(
    computeUpgradeSafety({ releases: openaiNodeReleases() }, new Date('2026-11-30T00:00:00Z')),
  );
  const section = upgradeSection(u);
  const releases = section.blocks[0];
  assert.ok(releases?.kind === 'table');
  assert.deepEqual(releases.rows[0]?.slice(0, 3), [u.releases.total, u.releases.stable, u.releases.prerelease]);
  assertGolden('verdict', 'upgrade-openai-node.md', renderMarkdown(oneSection(section, u.asOf)));
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
  const tier = classifyTier(inputs);
  const core = verdictCore({
    tier,
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
  });
  const unknowns = tier.unknown.map((u) => ({ signal: u.signal, subject: null, reason: u.reason, tier: true }));
  const freshness = verdictFreshness({ usageEnds: asOf }, asOf, 'requested', asOf);
  const view = verdictView({ id: 'sglang', name: 'SGLang', category: 'serving' }, asOf, core, unknowns, freshness);
  const doc = verdictDocument(view);
  assert.equal(doc.sections.filter((s) => s.blocks.some((b) => b.kind === 'unknowns')).length, 1, 'one Unknown');
  assertGolden('verdict', 'verdict-sglang.md', renderMarkdown(doc));
});

test('verdict with nothing stored (golden): unknown, every checklist point unknown', () => {
  const tier = classifyTier({});
  const core = verdictCore({
    tier,
    checklist: buildChecklist({}),
    attention: undefined,
    issueHealth: undefined,
    upgrade: undefined,
    inputs: [],
  });
  const unknowns = tier.unknown.map((u) => ({ signal: u.signal, subject: null, reason: u.reason, tier: true }));
  const at = new Date('2026-04-01T00:00:00Z');
  const view = verdictView(
    { id: 'x', name: 'Nothing', category: 'tooling' },
    at,
    core,
    unknowns,
    verdictFreshness({ usageEnds: undefined }, at, 'requested', at),
  );
  assert.equal(view.tier.id, 'unknown');
  assert.deepEqual(
    view.checklist.map((c) => c.status),
    ['unknown', 'unknown', 'unknown', 'unknown'],
  );
  assertGolden('verdict', 'verdict-empty.md', renderMarkdown(verdictDocument(view)));
});
