// Issue health on real-shaped trackers, end to end through `kept import issues` and the verdict
// and profile views: a vLLM-style tracker whose stale bot closes a third of the issues, and an
// imported partial tracker (1,416 issues of ~21,000 numbers, without `user`) that every face
// calls a sample. The issues are synthetic, in the REST shape of api-sources.md §2 (`closed_by`,
// `state_reason`, `labels` as objects, `pull_request` on pull requests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers/tmp.js';
import { runCli } from './helpers/run-cli.js';
import { verdictViewSchema } from '../src/views/verdict/model.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const TITLES = [
  '[Bug]: CUDA out of memory when serving Llama-3-70B',
  '[Bug]: OpenAI server returns 500 on /v1/chat/completions',
  '[Usage]: how to set max_model_len',
  '[Bug]: wrong logprobs with beam search',
  '[Installation]: pip install fails on CUDA 12.4',
  '[Performance]: throughput drops with prefix caching',
];

/**
 * A vLLM-style tracker: issues on even numbers, pull requests on odd ones (#1–#900, the whole
 * tracker). Of the 450 issues 60 are open; of the 390 closed, 260 are resolved by a maintainer
 * within 0.5–19.9 days and 130 (a third) closed by the stale bot 120–150 days after opening, half
 * with the `stale` label and half without it (a bot closing as not planned).
 */
function staleTracker(): string[] {
  const lines: string[] = [];
  let issue = 0;
  for (let n = 1; n <= 900; n++) {
    const created = T0 + (n % 200) * DAY;
    const url = `https://github.com/vllm-project/vllm/${n % 2 ? 'pull' : 'issues'}/${n}`;
    const base = {
      url: `https://api.github.com/repos/vllm-project/vllm/issues/${n}`,
      html_url: url,
      number: n,
      user: { login: `user${n % 37}`, type: 'User' },
      author_association: 'NONE',
      comments: 2,
      created_at: iso(created),
    };
    if (n % 2) {
      lines.push(
        JSON.stringify({
          ...base,
          title: `[Misc] change ${n}`,
          labels: [],
          state: 'closed',
          closed_at: iso(created + 2 * DAY),
          state_reason: 'completed',
          closed_by: { login: 'maintainer', type: 'User' },
          pull_request: { url: `https://api.github.com/repos/vllm-project/vllm/pulls/${n}` },
        }),
      );
      continue;
    }
    const k = issue++;
    const title = TITLES[k % TITLES.length]!;
    if (k < 60) {
      lines.push(JSON.stringify({ ...base, title, labels: [{ name: 'bug' }], state: 'open', closed_at: null }));
    } else if (k < 190) {
      const labelled = k % 2 === 0;
      lines.push(
        JSON.stringify({
          ...base,
          title,
          labels: labelled ? [{ name: 'bug' }, { name: 'stale' }] : [{ name: 'bug' }],
          state: 'closed',
          closed_at: iso(created + (120 + ((k * 7) % 31)) * DAY),
          state_reason: 'not_planned',
          closed_by: { login: 'github-actions[bot]', type: 'Bot' },
        }),
      );
    } else {
      lines.push(
        JSON.stringify({
          ...base,
          title,
          labels: [{ name: 'bug' }],
          state: 'closed',
          closed_at: iso(created + (0.5 + ((k * 13) % 195) / 10) * DAY),
          state_reason: 'completed',
          closed_by: { login: 'maintainer', type: 'User' },
        }),
      );
    }
  }
  return lines;
}

test('a vLLM-style tracker where the stale bot closes a third of the issues: time to close censors them and the report says how many', async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  const file = join(dir, 'vllm-issues.jsonl');
  writeFileSync(file, `${staleTracker().join('\n')}\n`);
  const imp = await runCli(['--db', db, 'import', 'issues', file]);
  assert.equal(imp.code, 0, imp.stderr);
  assert.match(imp.stdout, /450 issues and 450 pull requests of github:vllm-project\/vllm/);

  const r = await runCli(['--db', db, 'verdict', 'vllm', '--as-of', '2026-01-01', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const h = verdictViewSchema.parse(JSON.parse(r.stdout)).issueHealth!;
  assert.deepEqual(h.staleClosures, {
    rule: 'labels-and-closer',
    closed: 390,
    stale: 130,
    share: 1 / 3,
    closerRecorded: 390,
  });
  assert.equal(h.coverage.status, 'complete');
  assert.equal(h.sample, null);
  const ttc = h.issues.timeToClose;
  // 260 resolutions are the events; the 60 open issues and the 130 stale closes are censored.
  assert.deepEqual([ttc.km?.events, ttc.km?.censored, ttc.completedOnly?.n], [260, 190, 260]);
  // Fewer than 90% of the issues were resolved, so p90 is never reached; the closed-only p90 is
  // the resolutions' (17.4 days), not the stale bot's 120–150 days (141 when they counted).
  assert.equal(ttc.km?.p90, null);
  assert.ok(ttc.completedOnly!.p90! < 20, `resolved p90 ${ttc.completedOnly?.p90}`);
  assert.equal(h.issues.closedAsStale, 130);

  const md = await runCli(['--db', db, 'verdict', 'vllm', '--as-of', '2026-01-01']);
  assert.match(
    md.stdout,
    /130 of 390 closed issues \(33%\) were closed as stale \(a stale, no-activity or inactive label, or a bot closing as not planned\): censored at their close in time to close, not counted as resolved/,
  );
  assert.match(md.stdout, /\| group \| items \| open \| closed as stale \|/);
  assert.match(md.stdout, /^\| all issues \| 450 \| 60 \| 130 \|/m);
  assert.doesNotMatch(md.stdout, /sample of/);
});

test('an imported partial tracker: 1,416 issues of ~21,000 numbers read as a sample in every face; the bot rule says it could not run', async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  const file = join(dir, 'vllm-partial.jsonl');
  // Numbers spread over #1–#21,000 with no pull requests and no `user` (the shape of an export
  // that kept only some fields): 1,416 issues, 354 of them open.
  const lines = Array.from({ length: 1416 }, (_, k) => {
    const n = 1 + Math.floor((k * 20999) / 1415);
    const created = T0 + (k % 400) * DAY;
    const open = k % 4 === 0;
    return JSON.stringify({
      number: n,
      title: TITLES[k % TITLES.length],
      labels: k % 5 === 0 ? ['stale'] : [],
      state: open ? 'open' : 'closed',
      created_at: iso(created),
      closed_at: open ? null : iso(created + ((k % 40) + 1) * DAY),
      comments: k % 3,
      author_association: 'NONE',
      html_url: `https://github.com/vllm-project/vllm/issues/${n}`,
    });
  });
  writeFileSync(file, `${lines.join('\n')}\n`);
  assert.equal((await runCli(['--db', db, 'import', 'issues', file])).code, 0);

  const statement =
    'sample of 1,416 of ~21,000 issues and pull requests (numbers up to #21,000, no pull requests held)';
  const json = await runCli(['--db', db, 'verdict', 'vllm', '--as-of', '2026-04-01', '--json']);
  assert.equal(json.code, 0, json.stderr);
  const v = verdictViewSchema.parse(JSON.parse(json.stdout));
  const h = v.issueHealth!;
  assert.deepEqual([h.issues.count, h.issues.open], [1416, 354]);
  assert.equal(h.sample, statement);
  assert.deepEqual(
    [h.coverage.status, h.coverage.held, h.coverage.highestNumber, h.coverage.pullRequestsHeld],
    ['sample', 1416, 21000, 0],
  );
  assert.equal(h.botOpened.rule, 'unavailable');
  assert.ok(
    h.notes.includes(
      'who opened each item is not in the records (no "user"): items opened by bots could not be left out',
    ),
  );
  // The triage check's figures say they describe a sample.
  const triage = v.checklist.find((c) => c.id === 'serving-memory-triage')!;
  assert.ok(triage.detail.endsWith(` — ${statement}`), triage.detail);

  for (const format of ['md', 'html'] as const) {
    const out = await runCli(['--db', db, 'verdict', 'vllm', '--as-of', '2026-04-01', '--format', format]);
    assert.equal(out.code, 0, out.stderr);
    assert.ok(out.stdout.includes(statement), `${format}: the sample statement`);
    assert.ok(out.stdout.includes('items opened by bots could not be left out'), `${format}: the bot rule`);
  }
  const profile = await runCli(['--db', db, 'profile', 'vllm', '--as-of', '2026-04-01']);
  assert.equal(profile.code, 0, profile.stderr);
  assert.ok(profile.stdout.includes(statement), 'profile: the sample statement');
});

test('defect: a tracker whose titles name serving showed "topic: serving — 0 items"; kept.yaml extends the topic rules', async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  const file = join(dir, 'serving.jsonl');
  const titles = [
    'Serving latency regression',
    'OOM when serving 70B',
    'Crash in the scheduler with prefix caching',
    'Typo in the quickstart',
  ];
  writeFileSync(
    file,
    titles
      .map((title, k) =>
        JSON.stringify({
          number: k + 1,
          title,
          labels: [],
          state: 'open',
          created_at: iso(T0 + k * DAY),
          user: { login: `user${k}`, type: 'User' },
          comments: 0,
          html_url: `https://github.com/vllm-project/vllm/issues/${k + 1}`,
        }),
      )
      .join('\n'),
  );
  assert.equal((await runCli(['--db', db, 'import', 'issues', file])).code, 0);
  const counts = async (config?: string) => {
    const r = await runCli([
      '--db',
      db,
      ...(config ? ['--config', config] : []),
      'verdict',
      'vllm',
      '--as-of',
      '2025-02-01',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const h = verdictViewSchema.parse(JSON.parse(r.stdout)).issueHealth!;
    return {
      ...Object.fromEntries(Object.entries(h.byTopic).map(([t, g]) => [t, g.count])),
      'serving+memory': h.servingAndMemory.count,
    };
  };
  assert.deepEqual(await counts(), {
    security: 0,
    memory: 1,
    install: 0,
    performance: 1,
    serving: 2,
    other: 2,
    'serving+memory': 2,
  });
  const md = await runCli(['--db', db, 'verdict', 'vllm', '--as-of', '2025-02-01']);
  assert.match(md.stdout, /^\| topic: serving \| 2 \| 2 \|/m);
  assert.equal(md.stdout.match(/whole tracker/g)?.length, undefined, 'the coverage is complete: no note');

  // A kept.yaml rule adds to the built-in ones: the scheduler crash becomes serving too.
  writeFileSync(
    join(dir, 'kept.yaml'),
    'verdict:\n  topics:\n    - topic: serving\n      keywords: ["\\\\bscheduler\\\\b"]\n',
  );
  assert.deepEqual(await counts(join(dir, 'kept.yaml')), {
    security: 0,
    memory: 1,
    install: 0,
    performance: 1,
    serving: 3,
    other: 1,
    'serving+memory': 3,
  });
  // The schema is checked: a misspelt field is refused with the file's line.
  writeFileSync(join(dir, 'bad.yaml'), 'verdict:\n  topics:\n    - topic: serving\n      keyword: ["x"]\n');
  const bad = await runCli(['--db', db, '--config', join(dir, 'bad.yaml'), 'verdict', 'vllm']);
  assert.equal(bad.code, 4, bad.stderr);
  assert.match(bad.stderr, /keyword/);
});
