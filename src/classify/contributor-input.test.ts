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

test('the report scope: project and path only when named, the end a whole ISO day, else none', () => {
  assert.equal(contributorReportScope({ schema: 'kept.trend/v1' }), undefined);
  assert.equal(contributorReportScope('kept.contributors/v2'), undefined);
  const bare = {
    schema: 'kept.contributors/v2',
    windows: [null, window('all', { end: undefined })],
    asOf: '2026-05-02T00:00:00Z',
  };
  assert.deepEqual(contributorReportScope(bare), { project: null, path: null, end: '2026-05-02' });
  const blanks = { ...report([window('12m', { end: 'x2026-04-01' })]), source: { project: '', path: '', kind: 'git' } };
  assert.deepEqual(contributorReportScope(blanks), { project: null, path: null, end: null });
  const numbers = { ...report([window('12m', { end: '2026-04-0' })]), source: { project: 7, path: 8 } };
  assert.deepEqual(contributorReportScope(numbers), { project: null, path: null, end: null });
  assert.deepEqual(contributorReportScope({ ...report([]), source: 'x' }), {
    project: null,
    path: null,
    end: '2026-04-01',
  });
});

test('the window read: 12m only with commits, all time otherwise; none is an error', () => {
  assert.deepEqual(contributorsFromReport(report([window('12m', { commits: 0 }), window('6m', {})])), {
    error: 'the report has no 12m or all-time window',
  });
  assert.deepEqual(contributorsFromReport({ ...report([]), windows: 'no' }), {
    error: 'the report has no 12m or all-time window',
  });
  assert.deepEqual(contributorsFromReport(report([window('12m', { busFactor: null })])), {
    error: 'window 12m: elephant or bus factor is null (no attributed commits)',
  });
  // Missing shares stay missing; the window end falls back to asOf; the source kind defaults to git.
  const r = contributorsFromReport({
    schema: 'kept.contributors/v3',
    asOf: '2026-04-02T00:00:00Z',
    windows: [
      window('12m', { topOrganizationShare: null, unattributedShare: undefined, end: undefined, organizations: 'x' }),
    ],
    source: { kind: 7, path: 9 },
  });
  assert.deepEqual(r, {
    organizations: 0,
    elephantFactor: 1,
    busFactor: 3,
    window: 'last 12 months to 2026-04-02, git',
  });
});

test('another repository: compared case-insensitively, only for GitHub sources and a known target repository', () => {
  const api = (path: string, kind = 'github') => ({ ...report([window('12m', {})]), source: { kind, path } });
  assert.ok(
    !('error' in contributorsFromReport(api('HuggingFace/PEFT'), { project: 'peft', github: 'huggingface/peft' })),
  );
  assert.ok(
    !('error' in contributorsFromReport(api('other/repo', 'git'), { project: 'peft', github: 'huggingface/peft' })),
  );
  assert.ok(!('error' in contributorsFromReport(api('other/repo'), { project: 'peft' })));
  const named = { ...report([window('12m', {})]), source: { kind: 'git', path: '/x', project: '' } };
  assert.ok(!('error' in contributorsFromReport(named, { project: 'peft' })));
});
