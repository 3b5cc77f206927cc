// End to end, the real `kept` executable against the fake upstream answering as GitHub does since
// July 2026: the stargazer list closed (404), the star history served by /stargazers/history. The
// collection succeeds, asks the closed list once, says so and where the history came from; the
// profile holds today's total and month ends equal to the upstream's own cumulative counts; and a
// seeded burst (3,000 stars in two days on a repository gaining about 20 a day) is flagged in the
// verdict and the profile with its date and ratio, while the same stars spread over a year are not.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { subject } from '../src/domain/subject.js';
import { DAY_MS, isoDate, utcDay } from '../src/domain/time.js';
import { collectRunSchema } from '../src/report/runs/collect.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { startFakeUpstream, type SyntheticRepo } from './helpers/fake-upstream.js';
import { loadRecordings } from './helpers/recorded-http.js';
import { runBinAsync } from './helpers/run-cli.js';
import { tempDir } from './helpers/tmp.js';

const recordings = loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'github'));
// The worlds end at today's UTC midnight, whenever the test runs: the executable's clock is real.
const TODAY = utcDay(new Date()).getTime();
const day = (offset: number): string => isoDate(new Date(TODAY + offset * DAY_MS));

interface ProfileJson {
  github: {
    stars: { value: number } | null;
    starHistory: { series: string | null; basis: string | null; monthly: { date: string; stars: number }[] };
  }[];
  verdict: { attention: AttentionJson | null };
}

interface AttentionJson {
  evidence: string[];
  starBursts: {
    found: number;
    bursts: {
      kind: string;
      start: string;
      end: string;
      ratio: number | null;
      attentionEvidence: boolean;
      followedByUsage: boolean | null;
      text: string;
    }[];
  } | null;
}

test('closed stargazer lists: collect exits 0, the list is asked once and said restricted, the profile holds the history', async () => {
  const vllm: SyntheticRepo = {
    fullName: 'vllm-project/vllm',
    stars: 30_000,
    contributors: 60,
    issues: 300,
    commentsPerIssue: 1,
    releases: 10,
    from: new Date(TODAY - 3 * 365 * DAY_MS).toISOString(),
    until: new Date(TODAY).toISOString(),
  };
  const up = await startFakeUpstream({ recordings, synthetic: [vllm] });
  const dir = tempDir();
  const db = join(dir, 'kept.duckdb');
  const env = { GITHUB_API_URL: up.url, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir };
  try {
    const run = await runBinAsync(['--db', db, 'collect', 'vllm', '--sources', 'github'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /collected 1 project\(s\): \d+ new rows; \d+ requests/);
    assert.match(
      run.stdout,
      /\| vllm \| github:vllm-project\/vllm \| stars \| star history from \/stargazers\/history \(stars still held, by the day they were given\): \d+ pages, [\d,]+ days from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d, 30,000 stars held at its end \(30,000 today\) \|/,
    );
    assert.match(
      run.stdout,
      /\| vllm \| github:vllm-project\/vllm \| stargazer list \| the stargazer list is restricted to the repository's admins and collaborators \(404 Not Found\): asked once on \d{4}-\d\d-\d\d, not again before \d{4}-\d\d-\d\d; the star history does not need it \|/,
    );
    assert.doesNotMatch(run.stdout, /## Failures\n\n[^N]/, 'nothing failed');
    assert.equal(up.fake.stats.byPath.get('/repos/vllm-project/vllm/stargazers'), 1, 'the closed list was asked once');
    assert.equal(up.fake.stats.byPath.get('/graphql'), undefined);

    const again = await runBinAsync(['--db', db, 'collect', 'vllm', '--sources', 'github', '--json'], env);
    assert.equal(again.code, 0, again.stderr);
    const summary = collectRunSchema.parse(JSON.parse(again.stdout));
    assert.ok(summary.notes.some((n) => n.part === 'stargazer list' && /restricted .*\(404 Not Found\)/.test(n.text)));
    assert.equal(up.fake.stats.byPath.get('/repos/vllm-project/vllm/stargazers'), 1, 'and not asked again');

    const profile = await runBinAsync(['--db', db, 'profile', 'vllm', '--json'], env);
    assert.equal(profile.code, 0, profile.stderr);
    const g = (JSON.parse(profile.stdout) as ProfileJson).github[0]!;
    assert.equal(g.stars?.value, 30_000, "today's total from stargazers_count");
    assert.equal(g.starHistory.series, 'history');
    assert.equal(g.starHistory.basis, 'stars still held, by the day they were given');
    const times = up.fake.starTimes('vllm-project/vllm');
    const upstreamCount = (end: number): number => times.filter((t) => t < end).length;
    assert.ok(g.starHistory.monthly.length >= 36, `${g.starHistory.monthly.length} months`);
    for (const m of g.starHistory.monthly)
      assert.equal(m.stars, upstreamCount(Date.parse(`${m.date}T00:00:00Z`) + DAY_MS), `the month ending ${m.date}`);
    const last = g.starHistory.monthly[g.starHistory.monthly.length - 1]!;
    assert.equal(last.date, day(-1), 'the last complete day');
  } finally {
    await up.close();
  }
});

test('a seeded burst is flagged with its date and ratio in the verdict and the profile; the same stars over a year are not', async () => {
  const base = { contributors: 5, issues: 20, commentsPerIssue: 1, releases: 3 };
  const from = new Date(TODAY - 730 * DAY_MS).toISOString();
  const until = new Date(TODAY).toISOString();
  const burstDay = -60;
  const burst: SyntheticRepo = {
    ...base,
    fullName: 'kept-test/burst',
    stars: 730 * 20,
    from,
    until,
    bursts: [
      { date: day(burstDay), stars: 1500 },
      { date: day(burstDay + 1), stars: 1500 },
    ],
  };
  // The same 3,000 stars, 8 or 9 a day over the last year.
  const spread: SyntheticRepo = {
    ...base,
    fullName: 'kept-test/spread',
    stars: 730 * 20,
    from,
    until,
    bursts: Array.from({ length: 365 }, (_, i) => ({ date: day(i - 365), stars: i < 80 ? 9 : 8 })),
  };
  assert.equal(
    spread.bursts!.reduce((n, b) => n + b.stars, 0),
    3000,
  );
  const up = await startFakeUpstream({ recordings, synthetic: [burst, spread] });
  const dir = tempDir();
  const db = join(dir, 'kept.duckdb');
  const config = join(dir, 'kept.yaml');
  writeFileSync(
    config,
    'projects:\n  - id: burst\n    github: kept-test/burst\n    pypi: [burstpkg]\n  - id: spread\n    github: kept-test/spread\n',
  );
  const env = { GITHUB_API_URL: up.url, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir };
  const cli = (...args: string[]) => runBinAsync(['--db', db, '--config', config, ...args], env);
  try {
    const run = await cli('collect', 'burst', 'spread', '--sources', 'github');
    assert.equal(run.code, 0, run.stderr);
    // Downloads, flat at about 1,000 a day over 200 days: usage did not follow the burst.
    const store = await DuckDbStore.open(db);
    const pkg = subject('pypi', 'burstpkg');
    await store.write({
      provenance: { source: 'pypistats', origin: 'test: flat downloads', fetchedAt: new Date(TODAY) },
      observations: Array.from({ length: 200 }, (_, i) => {
        const start = new Date(TODAY - (200 - i) * DAY_MS);
        return {
          subject: pkg,
          metric: 'downloads',
          value: 1000 + ((i * 37) % 50),
          windowStart: start,
          windowEnd: new Date(start.getTime() + DAY_MS),
          observedAt: new Date(TODAY),
        };
      }),
    });
    await store.close();

    const verdict = await cli('verdict', 'burst', '--json');
    assert.equal(verdict.code, 0, verdict.stderr);
    const a = (JSON.parse(verdict.stdout) as { attention: AttentionJson }).attention;
    const b = a.starBursts?.bursts[0];
    assert.equal(a.starBursts?.found, 1, JSON.stringify(a.starBursts?.bursts.map((x) => x.text)));
    assert.equal(b?.kind, 'day');
    assert.equal(b?.start, day(burstDay));
    assert.equal(b?.end, day(burstDay + 1));
    assert.ok(b!.ratio! > 70 && b!.ratio! < 80, String(b?.ratio));
    assert.equal(b?.followedByUsage, false);
    assert.equal(b?.attentionEvidence, true);
    const text = new RegExp(
      `^3,040 stars on ${day(burstDay)} to ${day(burstDay + 1)}, 7\\d× its 12-week median on ${day(burstDay)}; downloads flat \\([+-]?\\d+\\.\\d% in the 30 days after\\)$`,
    );
    assert.match(b!.text, text);
    assert.ok(a.evidence.some((e) => e === `star burst, not followed by usage: ${b!.text}`));

    const profile = await cli('profile', 'burst', '--json');
    assert.equal(profile.code, 0, profile.stderr);
    const pa = (JSON.parse(profile.stdout) as ProfileJson).verdict.attention!;
    assert.match(pa.starBursts!.bursts[0]!.text, text);
    const md = await cli('profile', 'burst');
    assert.match(
      md.stdout,
      /_Star bursts: days and weeks far above the repository's own 12-week baseline \(1 found; stars still held, by the day they were given\)_/,
    );
    assert.match(
      md.stdout,
      new RegExp(`\\| ${day(burstDay)} \\| ${day(burstDay + 1)} \\| 3,040 \\| ×7\\d(\\.\\d)? \\| flat \\| yes \\|`),
    );

    const calm = await cli('verdict', 'spread', '--json');
    assert.equal(calm.code, 0, calm.stderr);
    const c = (JSON.parse(calm.stdout) as { attention: AttentionJson }).attention;
    assert.equal(c.starBursts?.found, 0, 'the same gains over a year are no burst');
    assert.ok(!c.evidence.some((e) => e.startsWith('star burst')));
  } finally {
    await up.close();
  }
});
