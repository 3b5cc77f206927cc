// End to end: the real `kept collect` executable against the fake upstream on 127.0.0.1, with a
// primary quota and a secondary limit injected and a planted token, then the store is read back.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { startFakeUpstream } from './helpers/fake-upstream.js';
import { loadRecordings } from './helpers/recorded-http.js';
import { BIN, runBinAsync } from './helpers/run-cli.js';
import { tempDir } from './helpers/tmp.js';
import { collectRunSchema } from '../src/report/runs/collect.js';

const TOKEN = 'ghp_E2ePlantedTokenE2ePlantedToken123456';

test('kept collect fills the store from the fake upstream, waits out its limits, and never leaks the token', async () => {
  const recordings = loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'github'));
  const up = await startFakeUpstream({
    recordings,
    // Spent by count, not by speed (see the fake's closesWhenSpent): the waits do not depend on the machine.
    rateLimit: { limit: 12, windowMs: 2000, closesWhenSpent: true },
    secondaryAt: [3],
    secondaryRetryAfterSeconds: 1,
  });
  const dir = tempDir();
  const db = join(dir, 'kept.duckdb');
  const env = {
    GITHUB_API_URL: up.url,
    HF_ENDPOINT: up.url,
    GITHUB_TOKEN: TOKEN,
    XDG_CONFIG_HOME: dir,
    XDG_DATA_HOME: dir,
  };
  try {
    const run = await runBinAsync(
      ['--db', db, 'collect', '--sources', 'github', 'sglang', 'llama-cpp-python', '--since', '2025-07-10'],
      env,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /collected 2 project\(s\): \d+ new rows/);
    assert.match(run.stderr, /secondary rate limit, waiting until \d\d:\d\d:\d\d UTC/);
    assert.match(run.stderr, /rate limit spent, waiting until \d\d:\d\d:\d\d UTC/);
    // Progress: per source done/total, then per host requests, 304s, quota left and waits.
    assert.match(run.stderr, /collect: github 2\/2 \| 127\.0\.0\.1:\d+: \d+ req \(0 × 304\), \d+ left, [2-9] waits/);
    assert.equal(up.fake.stats.primaryRefusals, 0, `the run never exceeded the quota\n${run.stderr}`);
    assert.ok(up.fake.stats.authorizations.has(`Bearer ${TOKEN}`), 'the token was sent to the upstream');
    for (const text of [run.stdout, run.stderr]) assert.ok(!text.includes(TOKEN));

    const again = await runBinAsync(
      ['--db', db, 'collect', '--sources', 'github', 'sglang', 'llama-cpp-python', '--since', '2025-07-10', '--json'],
      env,
    );
    assert.equal(again.code, 0, again.stderr);
    const summary = collectRunSchema.parse(JSON.parse(again.stdout));
    // Only the run's own snapshot of the levels is new: stars, forks, watchers, open issues+PRs and
    // two contributor counts per repository, dated by the run. No history, records or facts.
    assert.equal(summary.added, 12);
    const host = Object.values(summary.hosts)[0]!;
    assert.equal(host.requests, host.notModified, 'the second run was all 304s');

    const store = await DuckDbStore.open(db, { readOnly: true });
    const stars = await store.observations({
      subjects: [{ kind: 'github', id: 'sgl-project/sglang' }],
      metrics: ['stars'],
      dims: '',
    });
    assert.deepEqual(
      stars.map((o) => o.value),
      [230, 230],
      'one snapshot per run',
    );
    const gained = await store.observations({
      subjects: [{ kind: 'github', id: 'sgl-project/sglang' }],
      metrics: ['stars_gained'],
    });
    assert.equal(
      gained.reduce((n, o) => n + o.value, 0),
      230,
    );
    const issues = await store.records({
      subjects: [{ kind: 'github', id: 'sgl-project/sglang' }],
      kinds: ['github-issue', 'github-pull'],
    });
    assert.equal(issues.length, 20);
    assert.equal(
      (
        await store.records({
          subjects: [{ kind: 'github', id: 'abetlen/llama-cpp-python' }],
          kinds: ['github-contributor'],
        })
      ).length,
      2,
    );
    await store.close();
    // kept profile shows what was collected, with sources and dates.
    const profile = await runBinAsync(['--db', db, 'profile', 'sglang'], env);
    assert.equal(profile.code, 0, profile.stderr);
    assert.match(profile.stdout, /## GitHub: sgl-project\/sglang/);
    // stars, forks, watchers, open issues + PRs, contributors, accounts, observed, source
    assert.match(profile.stdout, /\| 230 \| 41 \| 19 \| 37 \| 12 \| 8 \| \d{4}-\d\d-\d\d \| github \|/);
    assert.match(profile.stdout, /\| Apache-2\.0 \| 2024-01-08 \|/);
    assert.match(profile.stdout, /_Chart: Stars of github:sgl-project\/sglang \(every star, by day\)/);
    assert.match(profile.stdout, /- github:sgl-project\/sglang: \S+ \d+ \(2024-01-\d\d\) → 230 \(2025-07-\d\d\)/);
    assert.match(
      profile.stdout,
      /_Companies of the top 8 contributors \(6 state one; [^_]*_\n\n[^]*\| sgl-project \| 1 \|/,
    );
    assert.match(profile.stdout, /\| 3 \| \d+ \| v0\.4\.9\.post2 \| 2025-07-14 \| no \|/);
    assert.match(
      profile.stdout,
      /## Issue-tracker health[\s\S]*\| all issues \| 18 \| 15 \|/,
      "one set of issue figures: the verdict's",
    );
    const json = await runBinAsync(['--db', db, 'profile', 'sglang', '--json'], env);
    const p = JSON.parse(json.stdout) as {
      github: { stars: { value: number; origin: string } }[];
      verdict: { issueHealth: { issues: { count: number } } };
    };
    assert.equal(p.github[0]?.stars.value, 230);
    assert.equal(p.github[0]?.stars.origin, `${up.url}/repos/sgl-project/sglang`);
    assert.equal(p.verdict.issueHealth.issues.count, 18);

    const bytes = readFileSync(db).toString('latin1');
    assert.ok(!bytes.includes(TOKEN) && !bytes.includes('E2ePlantedToken'), 'the token is nowhere in the database');
  } finally {
    await up.close();
  }
});

test('kept collect names an unknown project and a bad --budget in one line', async () => {
  const dir = tempDir();
  const r = await runBinAsync(['--db', join(dir, 'k.duckdb'), 'collect', 'sglangg'], {
    XDG_CONFIG_HOME: dir,
    XDG_DATA_HOME: dir,
  });
  assert.equal(r.code, 5);
  assert.match(r.stderr, /no project "sglangg".*\n.*did you mean "sglang"/);
  const b = await runBinAsync(
    ['--db', join(dir, 'k.duckdb'), 'collect', '--sources', 'github', 'sglang', '--budget', 'lots'],
    { XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir },
  );
  assert.equal(b.code, 2);
  assert.match(b.stderr, /--budget lots is not a positive whole number/);
});

test('a run killed with SIGKILL mid-walk, run again, ends with the same rows as an uninterrupted run', async () => {
  const recordings = loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'github'));
  const big = {
    fullName: 'kept-test/big',
    stars: 5_050,
    contributors: 130,
    issues: 260,
    commentsPerIssue: 2,
    releases: 4,
    from: '2023-01-01T00:00:00Z',
    until: '2025-07-16T00:00:00Z',
  };
  const dir = tempDir();
  const config = join(dir, 'kept.yaml');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(config, 'projects:\n  - id: big\n    github: kept-test/big\n');
  const args = (db: string): string[] => [
    '--db',
    db,
    '--config',
    config,
    'collect',
    '--sources',
    'github',
    'big',
    '--since',
    '2025-05-01',
    '--concurrency',
    '1',
  ];

  const rowsOf = async (db: string): Promise<string[]> => {
    const store = await DuckDbStore.open(db, { readOnly: true });
    const subjects = [{ kind: 'github' as const, id: 'kept-test/big' }];
    // Levels are snapshots dated by each run's clock; everything else must be identical.
    const obs = (await store.observations({ subjects }))
      .filter((o) => o.dims.series !== undefined || o.metric === 'stars_gained')
      .map((o) => `o ${o.metric} ${JSON.stringify(o.dims)} ${o.windowEnd.toISOString()} ${o.value}`);
    const facts = (await store.facts({ subjects })).map((f) => `f ${f.name} ${f.value}`);
    const recs = (await store.records({ subjects })).map((r) => `r ${r.kind} ${r.key} ${JSON.stringify(r.data)}`);
    await store.close();
    return [...obs, ...facts, ...recs].sort();
  };

  const whole = await startFakeUpstream({ recordings, synthetic: [big] });
  try {
    const r = await runBinAsync(args(join(dir, 'whole.duckdb')), {
      GITHUB_API_URL: whole.url,
      XDG_CONFIG_HOME: dir,
      XDG_DATA_HOME: dir,
    });
    assert.equal(r.code, 0, r.stderr);
  } finally {
    await whole.close();
  }
  const expected = await rowsOf(join(dir, 'whole.duckdb'));
  assert.ok(expected.length > 500);

  const up = await startFakeUpstream({ recordings, synthetic: [big] });
  const db = join(dir, 'killed.duckdb');
  try {
    // Kill the process from inside the fake when it has answered 30 requests (mid star walk).
    const child = spawn(process.execPath, [BIN, ...args(db)], {
      env: {
        HOME: process.env.HOME,
        PATH: process.env.PATH,
        TZ: 'UTC',
        GITHUB_API_URL: up.url,
        XDG_CONFIG_HOME: dir,
        XDG_DATA_HOME: dir,
      },
      stdio: 'ignore',
    });
    const handle = up.fake.handle.bind(up.fake);
    up.fake.handle = (...a: Parameters<typeof handle>) => {
      if (up.fake.stats.requests === 30) child.kill('SIGKILL');
      return handle(...a);
    };
    const signal = await new Promise<NodeJS.Signals | null>((r) => child.on('close', (_code, sig) => r(sig)));
    assert.equal(signal, 'SIGKILL');
    up.fake.handle = handle;
    const again = await runBinAsync(args(db), { GITHUB_API_URL: up.url, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir });
    assert.equal(again.code, 0, again.stderr);
  } finally {
    await up.close();
  }
  assert.deepEqual(await rowsOf(db), expected);
});
