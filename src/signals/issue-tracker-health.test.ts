import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeIssueHealth, firstResponse, kaplanMeier, quantile } from './issue-tracker-health.js';
import { attachComments, parseApiIssue, parseApiIssueComment, type Issue } from '../domain/issue.js';
import { issueSample } from '../../test/helpers/issue-samples.js';

const asOf = new Date('2025-07-19T00:00:00Z');
const close = (a: number | undefined, b: number, what: string) =>
  assert.ok(a !== undefined && Math.abs(a - b) < 1e-5, `${what}: ${a} != ${b}`);
const llama = issueSample('llama_cpp');
const sglang = issueSample('sglang');

// Expected figures computed independently in Python (statistics.quantiles 'inclusive', a
// hand-written Kaplan–Meier) from ../shared/data/issues/*.jsonl.gz, asOf 2025-07-19.
test('llama.cpp sample: close times with censoring, backlog, zero-comment share', { skip: llama.skip }, () => {
  const h = computeIssueHealth(llama.issues, { asOf, sample: 'stratified sample from yunwei37/vllm-exp' });
  assert.equal(h.issues.count, 1541);
  assert.equal(h.issues.closed, 1389);
  assert.equal(h.issues.open, 152);
  close(h.issues.timeToClose.completedOnly!.p50, 16.722407, 'closed-only p50');
  close(h.issues.timeToClose.completedOnly!.p90, 190.313722, 'closed-only p90');
  // Counting the 152 still-open issues doubles the median: closed-only figures read too fast.
  close(h.issues.timeToClose.km!.p50, 33.999676, 'KM p50');
  close(h.issues.timeToClose.km!.p90, 369.6427199074074, 'KM p90');
  assert.equal(h.issues.timeToClose.km!.censored, 152);
  close(h.issues.backlog.ageP50, 218.975058, 'backlog age p50');
  close(h.issues.backlog.ageP90, 542.61109, 'backlog age p90');
  close(h.issues.backlog.oldestDays, 854.644063, 'oldest');
  assert.deepEqual(
    [h.issues.unanswered.basis, h.issues.unanswered.eligible, h.issues.unanswered.unanswered],
    ['comment-count', 1500, 121],
  );
  assert.deepEqual(
    h.backlogTrend.map((p) => p.open),
    [142, 137, 138, 136, 125, 143, 152],
  );
  assert.equal(h.issues.firstResponse.basis, 'unknown');
  assert.equal(h.issues.firstResponse.reason, 'comment counts only, no comment timestamps');
  assert.equal(h.pullRequests.count, 0);
  assert.ok(h.notes.some((n) => n.startsWith('sample: stratified')));
  // Topic groups partition the issues.
  assert.equal(
    Object.values(h.byTopic).reduce((s, g) => s + g.count, 0),
    1541,
  );
  assert.deepEqual(Object.fromEntries(Object.entries(h.byTopic).map(([t, g]) => [t, g.count])), {
    security: 2,
    memory: 63,
    install: 199,
    performance: 99,
    serving: 160,
    other: 1018,
  });
  assert.equal(h.servingAndMemory.count, 233); // serving or memory among all matched topics, not only the primary
});

test('SGLang sample: same figures', { skip: sglang.skip }, () => {
  const h = computeIssueHealth(sglang.issues, { asOf });
  assert.deepEqual([h.issues.count, h.issues.closed, h.issues.open], [1062, 840, 222]);
  close(h.issues.timeToClose.completedOnly!.p50, 26.811794, 'closed-only p50');
  close(h.issues.timeToClose.km!.p50, 60.441204, 'KM p50');
  close(h.issues.timeToClose.km!.p90, 169.94967592592593, 'KM p90');
  close(h.issues.backlog.ageP50, 55.587459, 'backlog age p50');
  assert.deepEqual([h.issues.unanswered.eligible, h.issues.unanswered.unanswered], [973, 84]);
  assert.deepEqual(
    h.backlogTrend.map((p) => p.open),
    [130, 184, 221, 229, 202, 212, 222],
  );
});

test('asOf cuts the data: later issues are out, later closes are still open', { skip: llama.skip }, () => {
  const early = new Date('2024-01-01T00:00:00Z');
  const h = computeIssueHealth(llama.issues, { asOf: early });
  const created = llama.issues.filter((i) => i.createdAt <= early);
  assert.equal(h.issues.count, created.length);
  assert.equal(h.issues.open, created.filter((i) => !i.closedAt || i.closedAt > early).length);
});

test('Kaplan–Meier and quantile tables', () => {
  // Textbook: events at 1,2,3,4 with no censoring → p50 = 2 (S=0.5 at t=2).
  assert.equal(kaplanMeier([1, 2, 3, 4].map((t) => ({ t, event: true }))).p50, 2);
  // Censoring at 1.5 raises the median: S(1)=.75, S(2)=.75*.5=.375 → p50=2; without event after, p90 unreached.
  const k = kaplanMeier([
    { t: 1, event: true },
    { t: 1.5, event: false },
    { t: 2, event: true },
    { t: 3, event: false },
  ]);
  assert.deepEqual([k.p50, k.p90, k.events, k.censored, k.maxObserved], [2, undefined, 2, 2, 3]);
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantile([], 0.5), undefined);
});

// A recorded-shape case with comments (REST issue + issue-comment JSON), to exercise first response.
function apiIssue(n: number, created: string, extra: Record<string, unknown> = {}): Issue {
  const r = parseApiIssue({
    number: n,
    title: `issue ${n}`,
    state: 'open',
    created_at: created,
    user: { login: 'alice', type: 'User' },
    labels: [{ name: 'server' }],
    comments: 0,
    ...extra,
  });
  if ('error' in r) throw new Error(r.error);
  return r;
}
function apiComment(n: number, login: string, created: string, type = 'User') {
  const r = parseApiIssueComment({
    issue_url: `https://api.github.com/repos/o/r/issues/${n}`,
    user: { login, type },
    created_at: created,
    author_association: 'MEMBER',
  });
  if ('error' in r) throw new Error(r.error);
  return r;
}

test('first response skips the author and bots; unanswered after 30 days uses it', () => {
  const issues = attachComments(
    [
      apiIssue(1, '2026-01-01T00:00:00Z'),
      apiIssue(2, '2026-01-01T00:00:00Z'),
      apiIssue(3, '2026-01-01T00:00:00Z', { state: 'closed', closed_at: '2026-01-03T00:00:00Z' }),
    ],
    [
      apiComment(1, 'alice', '2026-01-01T01:00:00Z'), // the author
      apiComment(1, 'github-actions[bot]', '2026-01-01T02:00:00Z', 'Bot'),
      apiComment(1, 'maintainer', '2026-01-02T00:00:00Z'),
      apiComment(2, 'maintainer', '2026-02-15T00:00:00Z'), // after 45 days
    ],
  );
  assert.equal(firstResponse(issues[0]!, new Date('2026-03-01T00:00:00Z'))?.toISOString(), '2026-01-02T00:00:00.000Z');
  const h = computeIssueHealth(issues, { asOf: new Date('2026-03-01T00:00:00Z') });
  assert.equal(h.issues.firstResponse.basis, 'measured');
  // Responses at 1 and 45 days; #3 closed unanswered at day 2 (censored there).
  assert.deepEqual(h.issues.firstResponse.completedOnly, { n: 2, p50: 23, p90: 40.6 });
  assert.deepEqual(
    [h.issues.unanswered.basis, h.issues.unanswered.eligible, h.issues.unanswered.unanswered],
    ['first-response', 3, 2],
  );
  assert.equal(h.byTopic.serving.count, 3);
  assert.equal(h.servingAndMemory.count, 3);
});
