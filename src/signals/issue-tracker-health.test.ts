import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeIssueHealth,
  firstResponse,
  kaplanMeier,
  medianBound,
  quantile,
  trackerCoverage,
} from './issue-tracker-health.js';
import {
  attachComments,
  isStaleLabel,
  parseApiIssue,
  parseApiIssueComment,
  type Issue,
  type IssueComment,
} from '../domain/issue.js';
import { issueSample } from '../../test/helpers/issue-samples.js';

const asOf = new Date('2025-07-19T00:00:00Z');
const close = (a: number | undefined, b: number, what: string) =>
  assert.ok(a !== undefined && Math.abs(a - b) < 1e-5, `${what}: ${a} != ${b}`);
const llama = issueSample('llama_cpp');
const sglang = issueSample('sglang');

// Expected figures computed independently in Python (statistics.quantiles 'inclusive', a
// hand-written Kaplan–Meier; a label is stale when a word of it is stale, inactive or
// no-activity) from ../shared/data/issues/*.jsonl.gz, asOf 2025-07-19.
test('llama.cpp sample: close times with censoring, backlog, zero-comment share', { skip: llama.skip }, () => {
  const h = computeIssueHealth(llama.issues, { asOf, sample: 'stratified sample from yunwei37/vllm-exp' });
  assert.equal(h.issues.count, 1541);
  assert.equal(h.issues.closed, 1389);
  assert.equal(h.issues.open, 152);
  // 471 of the 1,389 closes carry llama.cpp's `stale` label: the bot's closes, not resolutions.
  assert.equal(h.issues.closedAsStale, 471);
  assert.deepEqual(h.staleClosures, { rule: 'labels', closed: 1389, stale: 471, share: 471 / 1389, closerRecorded: 0 });
  // Over the 918 issues closed other than as stale (stale closes before: 16.7 and 190.3 days).
  close(h.issues.timeToClose.completedOnly!.p50, 2.136857638888889, 'closed-only p50');
  close(h.issues.timeToClose.completedOnly!.p90, 72.80539467592595, 'closed-only p90');
  assert.equal(h.issues.timeToClose.completedOnly!.n, 918);
  // Counting the 152 still-open issues and the 471 stale closes as censored: the median is 34.0
  // days (stale closes come after ~44 days, so they do not move it), p90 is never reached.
  close(h.issues.timeToClose.km!.p50, 33.999676, 'KM p50');
  assert.equal(h.issues.timeToClose.km!.p90, undefined);
  assert.equal(h.issues.timeToClose.km!.censored, 152 + 471);
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
  assert.equal(
    h.sample,
    'sample of 1,541 of ~14,752 issues and pull requests (numbers up to #14,752, no pull requests held; declared: stratified sample from yunwei37/vllm-exp)',
  );
  // Every topic an issue matches counts it; "other" holds the issues that match none.
  assert.deepEqual(Object.fromEntries(Object.entries(h.byTopic).map(([t, g]) => [t, g.count])), {
    security: 2,
    memory: 59,
    install: 206,
    performance: 102,
    serving: 173,
    other: 1027,
  });
  assert.ok(Object.values(h.byTopic).reduce((s, g) => s + g.count, 0) > 1541, 'issues matching two topics count twice');
  assert.equal(h.servingAndMemory.count, 229); // the union: an issue both serving and memory counts once
});

test('SGLang sample: same figures', { skip: sglang.skip }, () => {
  const h = computeIssueHealth(sglang.issues, { asOf });
  assert.deepEqual([h.issues.count, h.issues.closed, h.issues.open], [1062, 840, 222]);
  // SGLang's bot labels `inactive`: 279 of 840 closes. Before they were censored the median read 60.4 days.
  assert.equal(h.staleClosures.stale, 279);
  close(h.issues.timeToClose.completedOnly!.p50, 4.976481481481481, 'closed-only p50');
  close(h.issues.timeToClose.completedOnly!.p90, 64.86402777777778, 'closed-only p90');
  close(h.issues.timeToClose.km!.p50, 67.45962962962963, 'KM p50');
  assert.equal(h.issues.timeToClose.km!.p90, undefined);
  // Nothing says it is a sample, but 1,062 issues over numbers up to #8,109 cannot be every issue.
  assert.equal(
    h.sample,
    'sample of 1,062 of ~8,109 issues and pull requests (numbers up to #8,109, no pull requests held)',
  );
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

/** A REST issue object with what the rules read; `days` after 2026-01-01 for its open and close. */
function rest(
  n: number,
  o: { open?: number; close?: number; labels?: string[]; closer?: string; reason?: string; pr?: boolean } = {},
): Issue {
  const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString();
  const r = parseApiIssue({
    number: n,
    title: `issue ${n}`,
    state: o.close === undefined ? 'open' : 'closed',
    created_at: day(o.open ?? 0),
    closed_at: o.close === undefined ? null : day((o.open ?? 0) + o.close),
    user: { login: 'alice', type: 'User' },
    labels: (o.labels ?? []).map((name) => ({ name })),
    comments: 1,
    ...(o.closer ? { closed_by: { login: o.closer, type: o.closer.endsWith('[bot]') ? 'Bot' : 'User' } } : {}),
    ...(o.reason ? { state_reason: o.reason } : {}),
    ...(o.pr ? { pull_request: { url: `https://api.github.com/repos/o/r/pulls/${n}` } } : {}),
  });
  if ('error' in r) throw new Error(r.error);
  return r;
}

test('defect: stale-bot closes counted as resolutions — time to close censors them at their close (hand-computed)', () => {
  // Resolved after 1, 2 and 3 days; closed as stale after 1.5 and 10 days; one open 20 days.
  // Kaplan–Meier: S(1) = 5/6; the stale close at 1.5 leaves 4 at risk; S(2) = 5/6·3/4 = 0.625;
  // S(3) = 0.625·2/3 = 0.417 ≤ 0.5, so p50 = 3; p90 is never reached. Counting the stale closes
  // as resolutions (the old reading) gives S(2) = 0.5, p50 = 2.
  const asOfH = new Date('2026-01-21T00:00:00Z');
  const items = [
    rest(1, { close: 1 }),
    rest(2, { close: 1.5, labels: ['Stale'] }),
    rest(3, { close: 2 }),
    rest(4, { close: 3 }),
    rest(5, { close: 10, closer: 'github-actions[bot]', reason: 'not_planned' }),
    rest(6, {}),
  ];
  const h = computeIssueHealth(items, { asOf: asOfH });
  const ttc = h.issues.timeToClose;
  assert.deepEqual([ttc.km!.p50, ttc.km!.p90, ttc.km!.events, ttc.km!.censored], [3, undefined, 3, 3]);
  assert.deepEqual([h.issues.closed, h.issues.closedAsStale], [5, 2]);
  // Closed only: over the three resolutions [1, 2, 3].
  assert.deepEqual(ttc.completedOnly, { n: 3, p50: 2, p90: 2.8 });
  assert.deepEqual(h.staleClosures, { rule: 'labels', closed: 5, stale: 2, share: 0.4, closerRecorded: 1 });
  assert.ok(
    h.notes.includes(
      "2 of 5 closed issues (40%) were closed as stale (a stale, no-activity or inactive label, or a bot closing as not planned): censored at their close in time to close, not counted as resolved; the account that closed the issue is recorded for 1 of 5, so a stale bot's close without a label cannot be seen on the others",
    ),
    h.notes.join('\n'),
  );
});

test('defect: a stale bot closing without a label read as a resolution — the closer decides; a person closing as not planned does not', () => {
  const asOfH = new Date('2026-12-01T00:00:00Z');
  const items = [
    rest(1, { close: 130, closer: 'github-actions[bot]', reason: 'not_planned' }),
    rest(2, { close: 140, closer: 'stale[bot]', reason: 'completed' }),
    rest(3, { close: 5, closer: 'maintainer', reason: 'not_planned' }), // a person's "won't fix"
    rest(4, { close: 6, closer: 'github-actions[bot]', reason: 'completed' }), // a linked fix merged by automation
  ];
  const h = computeIssueHealth(items, { asOf: asOfH });
  assert.deepEqual(h.issues.timeToClose.completedOnly, { n: 2, p50: 5.5, p90: 5.9 });
  assert.deepEqual([h.issues.closedAsStale, h.staleClosures.rule], [2, 'labels-and-closer']);
});

test('stale labels as trackers name them; exemption labels are not stale', () => {
  for (const l of [
    'stale',
    'Stale',
    'lifecycle/stale',
    'Status: Stale',
    'inactive',
    'no-activity',
    'No Activity',
    'no-recent-activity',
  ])
    assert.ok(isStaleLabel(l), l);
  for (const l of ['stale-exempt', 'no-stale', 'never-stale', 'bug', 'staleness-check', 'reactivate'])
    assert.ok(!isStaleLabel(l), l);
});

test('defect: rules that could not run for lack of a field were silent — no user, no closer, no labels say so', () => {
  const bare = (n: number, closed: boolean) => {
    const r = parseApiIssue({
      number: n,
      state: closed ? 'closed' : 'open',
      created_at: '2026-01-01T00:00:00Z',
      closed_at: closed ? '2026-01-05T00:00:00Z' : null,
    });
    if ('error' in r) throw new Error(r.error);
    return r;
  };
  const h = computeIssueHealth([bare(1, true), bare(2, false)], { asOf: new Date('2026-02-01T00:00:00Z') });
  assert.ok(
    h.notes.includes(
      'who opened each item is not in the records (no "user"): items opened by bots could not be left out',
    ),
  );
  assert.deepEqual(h.botOpened, { rule: 'unavailable', left: 0, authorRecorded: 0, items: 2 });
  assert.equal(h.staleClosures.rule, 'unavailable');
  assert.equal(h.staleClosures.share, undefined);
  assert.ok(
    h.notes.includes(
      'closes as stale could not be told apart: the records carry neither labels nor the account that closed each issue',
    ),
  );
  // With `user` recorded on every item the rule runs and says how many it left out.
  const withUser = computeIssueHealth([rest(1, {}), { ...rest(2, {}), author: 'dependabot[bot]', authorType: 'Bot' }], {
    asOf: new Date('2026-02-01T00:00:00Z'),
  });
  assert.deepEqual([withUser.botOpened.rule, withUser.botOpened.left], ['applied', 1]);
  assert.ok(withUser.notes.includes('1 items opened by bots left out'));
});

test('defect: a partial tracker read as the whole — numbers missing from the range make it "sample of N of ~M"', () => {
  // 1,416 issues spread over numbers up to #21,000 with no pull requests: vLLM's imported file.
  const spread = Array.from({ length: 1416 }, (_, k) => rest(1 + Math.floor((k * 20999) / 1415)));
  assert.equal(
    computeIssueHealth(spread, { asOf: new Date('2026-02-01T00:00:00Z') }).sample,
    'sample of 1,416 of ~21,000 issues and pull requests (numbers up to #21,000, no pull requests held)',
  );
  const c = trackerCoverage(spread, undefined);
  assert.deepEqual([c.status, c.held, c.highestNumber, c.pullRequestsHeld], ['sample', 1416, 21000, 0]);
  assert.equal(
    c.statement,
    'sample of 1,416 of ~21,000 issues and pull requests (numbers up to #21,000, no pull requests held)',
  );
  const h = computeIssueHealth(spread, { asOf: new Date('2026-02-01T00:00:00Z') });
  assert.equal(h.sample, c.statement);
  // Issues and pull requests #1–#100 with three numbers missing (deleted, transferred): the whole tracker.
  const full = Array.from({ length: 100 }, (_, k) => rest(k + 1, { pr: k % 2 === 1 })).filter(
    (i) => ![7, 40, 41].includes(i.number),
  );
  assert.equal(trackerCoverage(full, undefined).status, 'complete');
  assert.equal(computeIssueHealth(full, { asOf: new Date('2026-02-01T00:00:00Z') }).sample, undefined);
  // Half the numbers with pull requests among them: a sample (a collection window, a filtered export).
  const half = full.filter((i) => i.number > 50);
  assert.equal(
    trackerCoverage(half, undefined).statement,
    'sample of 50 of ~100 issues and pull requests (numbers up to #100)',
  );
  // Issues only, 40% of the numbers: the rest may all be pull requests, so it cannot be told.
  const issuesOnly = Array.from({ length: 40 }, (_, k) => rest(k * 2 + 1)).concat(rest(100));
  const u = trackerCoverage(issuesOnly, undefined);
  assert.equal(u.status, 'undetermined');
  assert.match(u.statement, /whether this is every issue cannot be told/);
  // Declared on import: a sample whatever the numbers say, with its description.
  assert.equal(
    trackerCoverage(full, 'stratified by resolution time').statement,
    'sample of 97 of ~100 issues and pull requests (numbers up to #100; declared: stratified by resolution time)',
  );
});

test('defect: topic rows counted only the primary topic, serving last — "Serving latency regression" and "OOM when serving 70B" count under serving', () => {
  const titled = (n: number, title: string) => ({ ...rest(n, {}), title });
  const h = computeIssueHealth(
    [titled(1, 'Serving latency regression'), titled(2, 'OOM when serving 70B'), titled(3, 'Typo in README')],
    {
      asOf: new Date('2026-02-01T00:00:00Z'),
    },
  );
  assert.deepEqual(Object.fromEntries(Object.entries(h.byTopic).map(([t, g]) => [t, g.count])), {
    security: 0,
    memory: 1,
    install: 0,
    performance: 1,
    serving: 2,
    other: 1,
  });
  assert.equal(h.servingAndMemory.count, 2, 'the serving + memory row stays a union');
});

// Days after 2026-01-01, as `rest` counts them.
const D = (d: number): Date => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000);
const said = (at: number, author: string | undefined = 'maintainer'): IssueComment => ({
  author,
  authorType: 'User',
  authorAssociation: 'MEMBER',
  createdAt: D(at),
});
const withComments = (i: Issue, comments: IssueComment[]): Issue => ({ ...i, comments });

test('Kaplan–Meier with censoring that changes the answer (docs/testing.md); no data gives no median bound', () => {
  // An event at 1, two censored at 2, events at 3 and 4: S(1) = 0.8, S(3) = 0.4, so p50 = 3 (not 4).
  const k = kaplanMeier([
    { t: 1, event: true },
    { t: 2, event: false },
    { t: 2, event: false },
    { t: 3, event: true },
    { t: 4, event: true },
  ]);
  assert.deepEqual([k.p50, k.p90, k.maxObserved], [3, 4, 4]);
  assert.deepEqual(medianBound(k), { days: 3, exact: true });
  assert.deepEqual(medianBound(kaplanMeier([{ t: 5, event: false }])), { days: 5, exact: false });
  assert.equal(medianBound(kaplanMeier([])), undefined);
  assert.equal(medianBound(undefined), undefined);
});

test('first response (product.md): a comment at asOf counts, one after it does not; an unknown author is no author', () => {
  const issue = withComments(rest(1, {}), [said(2)]);
  assert.equal(firstResponse(issue, D(2))?.getTime(), D(2).getTime());
  assert.equal(firstResponse(issue, new Date(D(2).getTime() - 1)), undefined);
  // Later comments are not read past asOf, even one that would qualify.
  const late = withComments(rest(2, {}), [said(5), said(1)]);
  assert.equal(firstResponse(late, D(3)), undefined);
  // No recorded author on the issue nor the comment: the comment is an answer.
  const anon = withComments({ ...rest(3, {}), author: undefined }, [{ ...said(1), author: undefined }]);
  assert.equal(firstResponse(anon, D(9))?.getTime(), D(1).getTime());
});

test('first response recorded by the collector (no comments): used up to asOf', () => {
  const recorded = (at: Date | undefined, known = true): Issue => ({
    ...rest(1, {}),
    comments: undefined,
    recordedFirstResponse: { at, known },
  });
  assert.equal(firstResponse(recorded(D(3)), D(3))?.getTime(), D(3).getTime());
  assert.equal(firstResponse(recorded(D(3)), D(2)), undefined);
  assert.equal(firstResponse(recorded(D(3), false), D(9)), undefined);
  assert.equal(firstResponse(recorded(undefined), D(9)), undefined);
  const h = computeIssueHealth([recorded(D(3)), { ...recorded(undefined), number: 2 }], { asOf: D(10) });
  assert.equal(h.issues.firstResponse.basis, 'measured');
  assert.deepEqual(
    [h.issues.firstResponse.km?.events, h.issues.firstResponse.km?.censored, h.issues.firstResponse.reason],
    [1, 1, undefined],
  );
});

test('first response: closed-only quantiles over sorted times, and which items it is known for', () => {
  const h = computeIssueHealth(
    [
      withComments(rest(1, {}), [said(10)]),
      withComments(rest(2, {}), [said(1)]),
      withComments(rest(3, {}), [said(4)]),
      rest(4, {}),
    ],
    { asOf: D(60) },
  );
  assert.deepEqual(h.issues.firstResponse.completedOnly, { n: 3, p50: 4, p90: 8.8 });
  assert.equal(h.issues.firstResponse.reason, 'first response known for 3 of 4');
});

test('first response unknown: why, from what the records hold', () => {
  const noCount = (n: number): Issue => ({ ...rest(n, {}), commentCount: undefined });
  const reason = (items: Issue[]) => computeIssueHealth(items, { asOf: D(60) }).issues.firstResponse.reason;
  assert.equal(reason([noCount(1), noCount(2)]), 'comments not collected');
  assert.equal(reason([noCount(1), rest(2, {})]), 'comment counts only, no comment timestamps');
  const h = computeIssueHealth([rest(1, {})], { asOf: D(60) });
  assert.deepEqual(h.pullRequests.firstResponse, {
    basis: 'unknown',
    reason: 'no items',
    km: undefined,
    completedOnly: undefined,
  });
  assert.deepEqual(h.pullRequests.timeToClose, {
    basis: 'unknown',
    reason: 'no items',
    km: undefined,
    completedOnly: undefined,
  });
});

test('unanswered after 30 days (product.md): eligible at exactly 30 days old; an answer at exactly 30 days is in time', () => {
  const asOfU = D(40);
  const h = computeIssueHealth(
    [
      withComments(rest(1, { open: 10 }), [said(40)]), // 30 days old, answered at 30 days
      withComments(rest(2, { open: 5 }), [said(35 + 1e-6)]), // answered just after 30 days
      withComments(rest(3, { open: 10.001 }), []), // not yet 30 days old
      withComments(rest(4, { open: 0 }), []),
      withComments(rest(5, { open: 0 }), [said(1)]), // answered in time
    ],
    { asOf: asOfU },
  );
  assert.deepEqual(h.issues.unanswered, {
    basis: 'first-response',
    afterDays: 30,
    eligible: 4,
    unanswered: 2,
    share: 0.5,
  });
  // Comment counts as the fallback: only items whose count is recorded are eligible.
  const counts = computeIssueHealth(
    [{ ...rest(1, {}), commentCount: 0 }, rest(2, {}), rest(3, {}), { ...rest(4, {}), commentCount: undefined }],
    { asOf: asOfU },
  );
  assert.deepEqual(counts.issues.unanswered, {
    basis: 'comment-count',
    afterDays: 30,
    eligible: 3,
    unanswered: 1,
    share: 1 / 3,
  });
  const none = computeIssueHealth([{ ...rest(1, {}), commentCount: undefined }], { asOf: asOfU });
  assert.deepEqual(none.issues.unanswered, {
    basis: 'unknown',
    afterDays: 30,
    eligible: 0,
    unanswered: 0,
    share: undefined,
  });
});

test('open and closed at asOf: created at asOf is open, closed at asOf is closed, closed later is open', () => {
  const h = computeIssueHealth(
    [rest(1, { open: 10 }), rest(2, { close: 10 }), rest(3, { close: 11 }), rest(4, { open: 11 })],
    {
      asOf: D(10),
    },
  );
  assert.deepEqual([h.issues.count, h.issues.open, h.issues.closed], [3, 2, 1]);
  assert.equal(h.backlogTrend.at(-1)?.open, 2);
});

test('a closed issue without a close time: neither open nor closed, and said', () => {
  const undated: Issue = { ...rest(1, { close: 3 }), closedAt: undefined };
  const h = computeIssueHealth([undated, rest(2, {}), rest(3, { pr: true }), rest(4, { close: 2 })], { asOf: D(10) });
  assert.deepEqual([h.issues.count, h.issues.open, h.issues.closed], [3, 1, 1]);
  assert.ok(
    h.notes.includes('1 closed items have no close time and are left out of time to close'),
    h.notes.join('\n'),
  );
  assert.ok(!h.notes.includes('no pull requests in the data'));
  const plain = computeIssueHealth([rest(2, {})], { asOf: D(10) });
  assert.ok(!plain.notes.some((n) => n.includes('have no close time')));
  assert.ok(plain.notes.includes('no pull requests in the data'));
});

test('scope: since is inclusive, pull requests apart, bots named only when some were left out', () => {
  const h = computeIssueHealth(
    [rest(1, { open: 4 }), rest(2, { open: 5 }), rest(3, { open: 6, pr: true }), rest(4, { open: 7, pr: true })],
    {
      asOf: D(10),
      since: D(5),
    },
  );
  assert.deepEqual([h.issues.count, h.pullRequests.count, h.botOpened.items], [1, 2, 3]);
  assert.ok(!h.notes.some((n) => n.includes('opened by bots left out')));
  assert.ok(!h.notes.some((n) => n.startsWith('who opened the item is recorded')));
  const partial = computeIssueHealth(
    [rest(1, {}), { ...rest(2, {}), recorded: { ...rest(2, {}).recorded, author: false } }],
    {
      asOf: D(10),
    },
  );
  assert.equal(partial.botOpened.rule, 'partial');
  assert.ok(
    partial.notes.includes(
      'who opened the item is recorded for 1 of 2 items: bots among the others could not be left out',
    ),
  );
  const noTimes = computeIssueHealth([{ ...rest(1, {}), comments: undefined }], { asOf: D(10) });
  assert.ok(noTimes.notes.some((n) => n.startsWith('no comment timestamps')));
  const withTimes = computeIssueHealth([withComments(rest(1, {}), []), rest(2, {})], { asOf: D(10) });
  assert.ok(!withTimes.notes.some((n) => n.startsWith('no comment timestamps')));
});

test('backlog trend: month starts before asOf, then asOf; a month start at asOf is not repeated', () => {
  const asOfM = new Date('2026-03-01T00:00:00Z');
  const h = computeIssueHealth([rest(1, { open: 31 }), rest(2, { open: 0, close: 45 })], {
    asOf: asOfM,
    backlogMonths: 3,
  });
  assert.deepEqual(
    h.backlogTrend.map((p) => [p.at.slice(0, 10), p.open]),
    [
      ['2026-01-01', 1],
      ['2026-02-01', 2],
      ['2026-03-01', 1],
    ],
  );
});

test('closes as stale: the sentence for each rule, and shares under 10 % with one decimal', () => {
  const note = (items: Issue[]) => computeIssueHealth(items, { asOf: D(400) }).notes[1];
  const closedN = (k: number, o: Parameters<typeof rest>[1] = {}) =>
    Array.from({ length: k }, (_, j) => rest(100 + j, { close: 2, ...o }));
  assert.equal(note([rest(1, {})]), 'no closed issues to check for stale closes');
  assert.equal(
    note([rest(1, { close: 1, closer: 'maintainer' })]),
    '0 of 1 closed issues (0.0%) were closed as stale (a stale, no-activity or inactive label, or a bot closing as not planned): censored at their close in time to close, not counted as resolved',
  );
  assert.match(
    note([rest(1, { close: 1, labels: ['stale'] }), ...closedN(9)])!,
    /^1 of 10 closed issues \(10%\) were closed as stale/,
  );
  assert.match(note([rest(1, { close: 1, labels: ['stale'] }), ...closedN(19)])!, /^1 of 20 closed issues \(5\.0%\)/);
  const closed = rest(1, { close: 1, closer: 'maintainer' });
  const closer = computeIssueHealth([{ ...closed, recorded: { ...closed.recorded, labels: false } }], { asOf: D(400) });
  assert.equal(closer.staleClosures.rule, 'closer');
  assert.match(
    closer.notes[1]!,
    /; the records carry no labels, so only closes by a bot are seen \(on 1 of 1 with a recorded closer\)$/,
  );
  // Labels recorded on some issues only still let the label rule run.
  const some = computeIssueHealth(
    [rest(1, { close: 1 }), { ...rest(2, {}), recorded: { ...rest(2, {}).recorded, labels: false } }],
    {
      asOf: D(400),
    },
  );
  assert.equal(some.staleClosures.rule, 'labels');
});

test('tracker coverage at its bounds: 90 % of the numbers is complete, 25 % of issues only is undetermined', () => {
  const numbered = (ns: number[], pr = false) => ns.map((n) => rest(n, { pr }));
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);
  const eighty = trackerCoverage([...numbered(range(1, 6)), ...numbered([9], true), ...numbered([10])], undefined);
  assert.equal(eighty.status, 'sample');
  const complete = trackerCoverage([...numbered(range(2, 9)), ...numbered([10], true)], undefined);
  assert.deepEqual([complete.status, complete.pullRequestsHeld], ['complete', 1]);
  assert.equal(complete.statement, '9 of the issue and pull-request numbers #1–#10 held: the whole tracker');
  assert.equal(trackerCoverage([], undefined).statement, 'no issues held');
  const quarter = trackerCoverage(numbered([...range(1, 24), 100]), undefined);
  assert.equal(quarter.status, 'undetermined');
  assert.equal(trackerCoverage(numbered([...range(1, 23), 100]), undefined).status, 'sample');
  const prs = trackerCoverage(numbered([1, 2], true), undefined);
  assert.equal(prs.pullRequestsHeld, 2);
  assert.match(trackerCoverage(numbered([1, 1234567]), undefined).statement, /numbers up to #1,234,567/);
});
