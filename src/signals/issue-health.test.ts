import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { test } from 'node:test';
import { sharedFile } from '../../test/helpers/tmp.js';
import { computeIssueHealth, quantile, type IssueItem } from './issue-health.js';

const item = (createdAt: string, firstResponseAt: string | null, extra: Partial<IssueItem> = {}): IssueItem => ({ pullRequest: false, authorBot: false, createdAt, closedAt: null, firstResponseAt, firstResponseKnown: true, ...extra });

test('quantiles interpolate between ranks', () => {
  assert.equal(quantile([], 0.5), null);
  assert.equal(quantile([4], 0.9), 4);
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantile([10, 0, 5], 0.5), 5);
});

test('first response p50/p90, unanswered after 30 days; PRs, bots and unknowns left out', () => {
  const asOf = new Date('2025-07-17T00:00:00Z');
  const h = computeIssueHealth(
    [
      item('2025-05-01T00:00:00Z', '2025-05-01T02:00:00Z'), // 2 h
      item('2025-05-02T00:00:00Z', '2025-05-02T10:00:00Z'), // 10 h
      item('2025-05-03T00:00:00Z', null), // old, never answered
      item('2025-05-04T00:00:00Z', '2025-06-20T00:00:00Z'), // answered after 47 days: unanswered at 30
      item('2025-07-16T00:00:00Z', null), // too young to count as unanswered
      item('2025-07-10T00:00:00Z', '2025-07-10T01:00:00Z', { pullRequest: true }),
      item('2025-07-10T00:00:00Z', null, { authorBot: true }),
      item('2025-04-01T00:00:00Z', null, { firstResponseKnown: false, closedAt: '2025-04-05T00:00:00Z' }),
      item('2025-08-01T00:00:00Z', null), // after asOf
    ],
    asOf,
  );
  assert.equal(h.issues, 6);
  assert.equal(h.known, 5);
  assert.equal(h.responded, 3);
  assert.equal(h.firstResponseHoursP50, 10);
  assert.equal(h.unansweredAfter30dBase, 4, 'the four May issues are 30 days old');
  assert.equal(h.unansweredAfter30dShare, 0.5, 'one never answered, one answered after 47 days');
  assert.equal(h.closed, 1);
  assert.equal(h.closeDaysP50, 4);
  assert.equal(h.from, '2025-04-01');
});

const llama = sharedFile('issues/llama_cpp.jsonl.gz');
test('time to close on the real llama.cpp issue sample', { skip: llama.skip }, () => {
  const rows = gunzipSync(readFileSync(llama.path)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { created_at: string; closed_at: string | null });
  const h = computeIssueHealth(rows.map((r) => ({ pullRequest: false, authorBot: false, createdAt: r.created_at, closedAt: r.closed_at, firstResponseAt: null, firstResponseKnown: false })), new Date('2025-08-01T00:00:00Z'));
  assert.equal(h.issues, rows.length);
  assert.equal(h.known, 0, 'the sample has no comment times');
  assert.equal(h.firstResponseHoursP50, null);
  const closed = rows.filter((r) => r.closed_at).length;
  assert.equal(h.closed, closed);
  assert.equal(h.closed, 1389);
  // The sample is stratified by resolution time, so this is a fact of the sample, not of llama.cpp
  // (cross-checked with Python's statistics.median over the same rows).
  assert.equal(h.closeDaysP50!.toFixed(2), '16.72');
  assert.ok(h.closeDaysP90! > 100);
});
