// kept collect (the GitHub source, against the fake upstream serving recorded responses) and then
// kept verdict: the verdict reads the source's own records (github-issue / github-pull with first
// responses, github-release) and stars, with no import step.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { startFakeUpstream } from './helpers/fake-upstream.js';
import { loadRecordings } from './helpers/recorded-http.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/tmp.js';
import { verdictViewSchema } from '../src/views/verdict/model.js';

test('kept collect then kept verdict sglang: issue health with measured first responses, releases, stars', async () => {
  const recordings = loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'github'));
  const up = await startFakeUpstream({ recordings });
  const dir = tempDir();
  const db = join(dir, 'kept.duckdb');
  const env = { GITHUB_API_URL: up.url, HF_ENDPOINT: up.url, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir };
  try {
    const now = new Date('2025-07-20T00:00:00Z');
    const c = await runCli(['--db', db, 'collect', '--sources', 'github', 'sglang', '--since', '2025-07-10'], env, now);
    assert.equal(c.code, 0, c.stderr);
    const r = await runCli(['--db', db, 'verdict', 'sglang', '--json'], env, now);
    assert.equal(r.code, 0, r.stderr);
    const v = verdictViewSchema.parse(JSON.parse(r.stdout));
    const h = v.issueHealth!;
    // 18 issues and 2 pull requests recorded since 2025-07-10 (one PR opened by a bot is left out).
    assert.deepEqual([h.issues.count, h.pullRequests.count], [18, 1]);
    assert.equal(h.issues.firstResponse.basis, 'measured');
    // 8 answered (p50 0.89 days among them), 10 still waiting: the median is not reached within
    // the 9.2 days observed, so triage is "more than 9.2 days", slower than 7.
    assert.deepEqual(
      [h.issues.firstResponse.km!.events, h.issues.firstResponse.km!.censored, h.issues.firstResponse.km!.p50],
      [8, 10, null],
    );
    assert.ok(Math.abs(h.issues.firstResponse.completedOnly!.p50! - 0.8941435185185185) < 1e-9);
    assert.equal(v.upgrade!.releases.total, 3);
    assert.equal(v.upgrade!.releases.prerelease, 1);
    assert.ok(v.inputs.some((i) => i.startsWith('github:sgl-project/sglang: ') && i.includes('star counts')));
    const tri = v.evidence.find((e) => e.signal === 'triage')!;
    assert.equal(tri.rule, 'triage-slow');
    assert.match(tri.detail, /first response p50: more than \d+\.\d days \(> 7; n=\d+, \d+ still waiting\)/);
    assert.equal(v.checklist[2]!.status, 'fail');
    assert.match(v.checklist[2]!.detail, /^first response p50 more than [\d.]+ days \(median not reached\)/);
  } finally {
    await up.close();
  }
});
