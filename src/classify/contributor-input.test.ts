import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contributorReportScope, contributorsFromReport } from './contributor-input.js';

// The shape of kept contributors --json (kept.contributors/v1, feat/contributors), trimmed to what is read.
const window = (w: string, extra: Record<string, unknown>) => ({
  window: w,
  start: null,
  end: '2026-04-01T00:00:00.000Z',
  commits: 120,
  organizations: [{ name: 'huggingface' }, { name: 'google' }, { name: 'nvidia' }],
  topOrganizationShare: 0.71,
  elephantFactor: 1,
  busFactor: 3,
  unattributedShare: 0.42,
  ...extra,
});
const report = (windows: unknown[]) => ({
  schema: 'kept.contributors/v1',
  asOf: '2026-04-01T00:00:00.000Z',
  windows,
  source: { kind: 'git', path: '/src/peft' },
});

test('the last-12-months window is read; all time when 12m has no commits', () => {
  assert.deepEqual(
    contributorsFromReport(report([window('all', { elephantFactor: 2 }), window('12m', {}), window('6m', {})])),
    {
      organizations: 3,
      elephantFactor: 1,
      busFactor: 3,
      topOrganizationShare: 0.71,
      unattributedShare: 0.42,
      window: 'last 12 months to 2026-04-01, git /src/peft',
    },
  );
  const r = contributorsFromReport(report([window('all', { elephantFactor: 2 }), window('12m', { commits: 0 })]));
  assert.ok(!('error' in r) && r.elephantFactor === 2 && r.window!.startsWith('all time'));
});

test('refuses what is not a contributors report, and windows without attribution', () => {
  assert.deepEqual(contributorsFromReport({ schema: 'kept.trend/v1' }), {
    error:
      'not a kept contributors --json report (schema kept.contributors/v1, kept.contributors/v2, kept.contributors/v3)',
  });
  assert.deepEqual(contributorsFromReport(report([window('12m', { elephantFactor: null })])), {
    error: 'window 12m: elephant or bus factor is null (no attributed commits)',
  });
});

test('a report about another project is refused for this one (it was accepted)', () => {
  const peft = { ...report([window('12m', {})]), source: { kind: 'git', path: '/src/peft', project: 'peft' } };
  assert.deepEqual(contributorsFromReport(peft, { project: 'vllm', github: 'vllm-project/vllm' }), {
    error: 'the report describes project peft, not vllm',
  });
  assert.ok(!('error' in contributorsFromReport(peft, { project: 'PEFT', github: 'huggingface/peft' })));
  const api = { ...report([window('12m', {})]), source: { kind: 'github', path: 'huggingface/peft', project: null } };
  assert.deepEqual(contributorsFromReport(api, { project: 'vllm', github: 'vllm-project/vllm' }), {
    error: "the report was read from github:huggingface/peft, not vllm's repository github:vllm-project/vllm",
  });
  assert.deepEqual(contributorReportScope(peft), { project: 'peft', path: '/src/peft', end: '2026-04-01' });
});
