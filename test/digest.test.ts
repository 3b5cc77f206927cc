// kept digest: on a store seeded with known changes between two dates it lists exactly those
// changes, ranked; on the demo store it names SGLang's March spike and the decay of its January
// one; an empty period says "no changes"; --webhook posts once to a local receiver, never retries
// a receiver that does not answer, and never prints the URL.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { METRICS } from '../src/domain/metrics.js';
import type { Project } from '../src/domain/project.js';
import { CONTRIBUTORS_RECORD_KIND } from '../src/domain/records.js';
import { renderMarkdown } from '../src/report/render-markdown.js';
import { digestSlackPayload } from '../src/report/views/digest.js';
import { viewDocument } from '../src/report/views/index.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { VIEWS } from '../src/views/registry.js';
import { runNamedView } from '../src/views/run.js';
import { demoStore } from './helpers/demo-store.js';
import { runBinAsync, runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/tmp.js';

const day = (s: string): Date => new Date(`${s}T00:00:00Z`);
const FROM = day('2026-01-01');
const TO = day('2026-04-01');
const TODAY = day('2026-04-15');

const ACME: Project = {
  id: 'acme',
  name: 'Acme',
  category: 'serving',
  github: 'acme/acme',
  pypi: ['acme'],
  hfModels: ['acme/base'],
};

/** A contributor report (kept.contributors/v1) with the figures the verdict reads from its 12-month window. */
function report(asOf: string, orgs: readonly [string, number][], elephantFactor: number, busFactor: number) {
  const total = orgs.reduce((s, [, n]) => s + n, 0);
  return {
    schema: 'kept.contributors/v1',
    asOf: `${asOf}T00:00:00.000Z`,
    source: { kind: 'git', path: 'acme' },
    windows: [
      {
        window: '12m',
        end: `${asOf}T00:00:00.000Z`,
        commits: total,
        organizations: orgs.map(([name, commits]) => ({ name, commits, share: commits / total })),
        topOrganizationShare: Math.max(...orgs.map(([, n]) => n)) / total,
        elephantFactor,
        busFactor,
        unattributedShare: 0,
      },
    ],
  };
}

/**
 * The known changes of Acme between 2026-01-01 and 2026-04-01:
 * - pypi:acme: 1,000 a month through 2025-12, a spike to 5,000 in 2026-01 that decays to 1,100 in
 *   2026-02 (then 1,200): a spike with its decay, and six-month growth crossing +25% (0% → +143%);
 * - a major release v2.0.0 on 2026-02-10 after v1.4.0 (2025-10-01), its notes deprecating a call;
 * - contributor breadth from one organisation (elephant factor 1) to three (elephant factor 2);
 * - on the Hub: a new fine-tune of acme/base with 50,000 downloads first seen 2026-02-20 (plus a
 *   small one, and a large one seen before the period, which are not changes).
 */
async function seededStore(): Promise<string> {
  const db = join(tempDir(), 'digest.duckdb');
  const store = await DuckDbStore.open(db);
  const months = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];
  const values = [1000, 1000, 1000, 1000, 1000, 1000, 5000, 1100, 1200];
  try {
    await store.write({
      provenance: { source: 'test-pypi', origin: 'test', fetchedAt: TO },
      observations: months.map((m, i) => {
        const start = day(`${m}-01`);
        const end = new Date(start.getTime() + 30 * 86_400_000);
        return {
          subject: { kind: 'pypi', id: 'acme' },
          metric: METRICS.downloads,
          value: values[i]!,
          windowStart: start,
          windowEnd: end,
          observedAt: end,
        };
      }),
    });
    const release = (tag: string, date: string, body: string, seen: string) => ({
      subject: { kind: 'github' as const, id: 'acme/acme' },
      kind: 'release',
      key: tag,
      observedAt: day(seen),
      data: { tag_name: tag, published_at: `${date}T12:00:00Z`, body, prerelease: false, draft: false },
    });
    await store.write({
      provenance: { source: 'test-github', origin: 'test', fetchedAt: TO },
      records: [
        release('v1.4.0', '2025-10-01', 'Fixes.', '2025-12-01'),
        release('v2.0.0', '2026-02-10', '## Changes\n- `acme.old_run()` is deprecated; use `acme.run()`', '2026-03-01'),
        {
          subject: { kind: 'project', id: 'acme' },
          kind: CONTRIBUTORS_RECORD_KIND,
          key: 'acme-2025-12',
          observedAt: day('2025-12-01'),
          data: report('2025-12-01', [['acme-inc', 40]], 1, 2),
        },
        {
          subject: { kind: 'project', id: 'acme' },
          kind: CONTRIBUTORS_RECORD_KIND,
          key: 'acme-2026-03',
          observedAt: day('2026-03-15'),
          data: report(
            '2026-03-15',
            [
              ['acme-inc', 30],
              ['bigco', 25],
              ['smallco', 10],
            ],
            2,
            4,
          ),
        },
      ],
    });
    const child = (id: string, seen: string) => ({
      from: { kind: 'hf' as const, id },
      relation: 'finetune',
      to: { kind: 'hf' as const, id: 'acme/base' },
      observedAt: day(seen),
    });
    const hubDownloads = (id: string, value: number) => ({
      subject: { kind: 'hf' as const, id },
      metric: METRICS.downloads,
      value,
      windowStart: day('2026-01-30'),
      windowEnd: day('2026-03-01'),
      observedAt: day('2026-03-01'),
    });
    await store.write({
      provenance: { source: 'test-hub', origin: 'test', fetchedAt: TO },
      relations: [
        child('someone/acme-ft', '2026-02-20'),
        child('tiny/acme-small', '2026-02-20'),
        child('early/acme-old', '2025-11-01'),
      ],
      observations: [
        hubDownloads('acme/base', 200_000),
        hubDownloads('someone/acme-ft', 50_000),
        hubDownloads('tiny/acme-small', 500),
        hubDownloads('early/acme-old', 80_000),
      ],
    });
  } finally {
    await store.close();
  }
  return db;
}

test('digest of a seeded store lists exactly its known changes, ranked, each with evidence and a page', async () => {
  const db = await seededStore();
  const store = await DuckDbStore.open(db, { readOnly: true });
  try {
    const model = await runNamedView('digest', store, { from: FROM, to: TO, projects: [ACME], today: TODAY });
    assert.ok(VIEWS.digest.schema.safeParse(JSON.parse(JSON.stringify(model))).success);
    // The seeded changes, plus what they cause: the spike-and-decay fails the usage-trends point,
    // three organisations pass the multiple-organisations point, and with the base model's Hub
    // downloads and the broader contributors the tier rises from experiment to internal tooling.
    assert.deepEqual(
      model.changes.map((c) => [c.rank, c.kind, c.subject, c.date, c.direction]),
      [
        [1, 'checklist', null, null, 'worse'],
        [2, 'tier', null, null, 'better'],
        [3, 'checklist', null, null, 'better'],
        [4, 'contributor-breadth', null, null, 'better'],
        [5, 'spike', 'pypi:acme', '2026-01-31', 'neutral'],
        [6, 'growth', 'pypi:acme', '2026-03-31', 'better'],
        [7, 'breaking-release', 'github:acme/acme', '2026-02-10', 'worse'],
        [8, 'deprecation', 'github:acme/acme', '2026-02-10', 'neutral'],
        [9, 'derivative', 'hf:someone/acme-ft', '2026-02-20', 'better'],
      ],
    );
    const byKind = (k: string) => model.changes.find((c) => c.kind === k)!;
    assert.equal(
      byKind('spike').title,
      'Acme: download spike on pypi:acme in 2026-01: 5,000, 5.0× the 1,000 of the months before; then it decayed to 1,100 the next month.',
    );
    assert.equal(byKind('growth').title, 'Acme: six-month download growth of pypi:acme rose above +25%: 0.0% → +143%.');
    assert.match(byKind('breaking-release').evidence[0]!, /a major version bump/);
    assert.match(byKind('deprecation').evidence[0]!, /^data from the release notes: ".*old_run\(\)` is deprecated/);
    assert.match(
      byKind('contributor-breadth').title,
      /1 organisation, elephant factor 1.* → 3 organisations, elephant factor 2/,
    );
    assert.match(byKind('derivative').title, /"someone\/acme-ft", with 50k downloads in 30 days/);
    assert.equal(
      byKind('tier').title,
      'Acme: deployment tier rose from experiment to internal tooling (confidence low).',
    );
    assert.equal(byKind('checklist').link, '/project/acme');
    assert.equal(byKind('spike').link, '/trend/pypi:acme');
    assert.equal(byKind('derivative').link, '/fanout/hf:acme/base');
    for (const c of model.changes) assert.ok(c.evidence.length > 0, `${c.kind} has evidence`);
    const scores = model.changes.map((c) => c.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
      'ranked by score',
    );
    assert.deepEqual(
      model.notReported.map((n) => n.kind),
      ['star-burst'],
    );
    assert.equal(model.projects.length, 1);
    assert.equal(model.projects[0]?.changes, 9);
    assert.match(model.summary, /^9 changes between 2026-01-01 and 2026-04-01 in 1 of 1 project;/);

    // Nothing changed in an earlier quiet period: the digest says so rather than printing nothing.
    const quiet = await runNamedView('digest', store, {
      from: day('2025-09-15'),
      to: day('2025-10-15'),
      projects: [ACME],
      today: TODAY,
    });
    assert.deepEqual(quiet.changes, []);
    assert.equal(quiet.summary, 'No changes between 2025-09-15 and 2025-10-15 in 1 project judged.');
    assert.match(renderMarkdown(viewDocument('digest', quiet)), /No changes between/);
  } finally {
    await store.close();
  }
});

test("kept digest on the demo store names SGLang's March spike and the decay of its January one, with figures", async () => {
  const { dbPath } = await demoStore();
  const r = await runCli(['--db', dbPath, 'digest', '--from', '2026-01-01', '--to', '2026-04-01', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const model = VIEWS.digest.schema.parse(JSON.parse(r.stdout));
  const sglang = model.changes.filter((c) => c.project?.id === 'sglang' && c.kind === 'spike');
  assert.deepEqual(
    sglang.map((c) => c.title),
    [
      'SGLang: download spike on pypi:sglang in 2026-01: 15.5M, 6.6× the 2.33M of the months before; then it decayed to 2.92M the next month.',
      'SGLang: download spike on pypi:sglang in 2026-03: 36M, 3.6× the 10.1M of the months before; the latest month, so its decay is not yet known.',
    ],
  );
  assert.ok(sglang.every((c) => c.link === '/trend/pypi:sglang'));
  const md = await runCli(['--db', dbPath, 'digest', '--from', '2026-01-01', '--to', '2026-04-01']);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /SGLang: download spike on pypi:sglang in 2026-03: 36M/);
  assert.match(md.stdout, /\| \/project\/sglang \|/);
  // Today (the demo data ends 2026-04-01) nothing changed in the last week.
  const week = await runCli(['--db', dbPath, 'digest', '--since', '7d'], {}, day('2026-12-07'));
  assert.equal(week.code, 0, week.stderr);
  assert.match(week.stdout, /No changes between 2026-11-30 and 2026-12-07/);
});

test('kept digest: a period that is not one, contradictory options and a bad --since are usage errors', async () => {
  const { dbPath } = await demoStore();
  for (const args of [
    ['--from', '2026-04-01', '--to', '2026-01-01'],
    ['--since', '7d', '--from', '2026-01-01'],
    ['--since', 'a week'],
    ['--webhook-format', 'teams'],
  ]) {
    const r = await runCli(['--db', dbPath, 'digest', ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
  }
});

/** A local receiver on 127.0.0.1 that records every request; `answer` false: it never answers. */
async function receiver(
  answer: boolean,
): Promise<{ url: string; posts: { body: string; req: IncomingMessage }[]; server: Server }> {
  const posts: { body: string; req: IncomingMessage }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      posts.push({ body, req });
      if (answer) res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/T000/B000/s3cr3t-webhook-path`, posts, server };
}

test('kept digest --webhook posts the JSON once to a local receiver; a Slack payload with --webhook-format slack', async () => {
  const { dbPath } = await demoStore();
  const rx = await receiver(true);
  try {
    const args = ['--db', dbPath, 'digest', '--from', '2026-01-01', '--to', '2026-04-01', '--webhook', rx.url];
    const r = await runBinAsync([...args, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(rx.posts.length, 1);
    const post = rx.posts[0]!;
    assert.equal(post.req.method, 'POST');
    assert.match(String(post.req.headers['content-type']), /^application\/json/);
    const posted = VIEWS.digest.schema.parse(JSON.parse(post.body));
    assert.deepEqual(posted, JSON.parse(r.stdout));
    assert.ok(!r.stdout.includes('s3cr3t') && !r.stderr.includes('s3cr3t'), 'the URL is never printed');

    const slack = await runBinAsync([...args, '--webhook-format', 'slack', '--json']);
    assert.equal(slack.code, 0, slack.stderr);
    assert.equal(rx.posts.length, 2);
    const payload = JSON.parse(rx.posts[1]!.body) as { text: string };
    assert.deepEqual(Object.keys(payload), ['text']);
    assert.equal(payload.text, digestSlackPayload(posted).text);
    assert.match(payload.text, /^\*kept digest 2026-01-01 → 2026-04-01\*\n/);
  } finally {
    rx.server.close();
  }
});

test('kept digest --webhook: a receiver that never answers times out after one post, is not retried, and the URL stays secret', async () => {
  const { dbPath } = await demoStore();
  const rx = await receiver(false);
  try {
    const r = await runBinAsync([
      '--db',
      dbPath,
      'digest',
      '--from',
      '2026-01-01',
      '--to',
      '2026-04-01',
      '--json',
      '--webhook',
      rx.url,
      '--webhook-timeout',
      '1',
    ]);
    assert.equal(r.code, 6, r.stderr);
    assert.match(r.stderr, /\[POST\] \(the webhook URL\): no answer within 1 s/);
    assert.match(r.stderr, /not retried/);
    // Wait past the timeout: a retry would have arrived by now.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(rx.posts.length, 1, 'exactly one post reached the receiver');
    assert.ok(!r.stderr.includes('s3cr3t') && !r.stdout.includes('s3cr3t'), 'the URL is never printed');
    assert.ok(!r.stderr.includes(rx.url));
  } finally {
    rx.server.closeAllConnections();
    rx.server.close();
  }
});
