// kept import issues + kept verdict end to end on the real SGLang issue sample and the demo PyPI
// subset; bad issue files are refused with the line number and store nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedFile, tempDir } from './helpers/tmp.js';
import { runCli } from './helpers/run-cli.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { verdictJsonSchema } from '../src/report/verdict-schema.js';

const SGLANG = sharedFile('issues/sglang.jsonl.gz');
const DEMO = join(process.cwd(), 'data', 'demo', 'pypi-top-catalog.csv.gz');

test('import the SGLang sample, then the verdict reads it with the downloads', { skip: SGLANG.skip }, async () => {
  const db = join(tempDir(), 'k.duckdb');
  const imp = await runCli([
    '--db',
    db,
    'import',
    'issues',
    SGLANG.path,
    '--sample',
    'stratified sample (yunwei37/vllm-exp)',
  ]);
  assert.equal(imp.code, 0, imp.stderr);
  assert.match(
    imp.stdout,
    /1062 issues and 0 pull requests of github:sgl-project\/sglang \(states as of 2025-07-17\), 1063 new rows/,
  );
  const again = await runCli([
    '--db',
    db,
    'import',
    'issues',
    SGLANG.path,
    '--sample',
    'stratified sample (yunwei37/vllm-exp)',
  ]);
  assert.match(again.stdout, /0 new rows \(already stored\)/);
  assert.equal((await runCli(['--db', db, 'import', 'pypi-top', DEMO])).code, 0);

  const r = await runCli(['--db', db, 'verdict', 'sglang', '--as-of', '2026-04-01', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const v = JSON.parse(r.stdout) as {
    schema: string;
    tier: {
      tier: string;
      usageTier: string;
      confidence: string;
      evidence: { rule: string }[];
      unknown: { signal: string }[];
    };
    checklist: { id: string; status: string }[];
    issueHealth: { asOf: string; sample: string; issues: { count: number; open: number } };
  };
  assert.equal(v.schema, 'kept.verdict/v1');
  verdictJsonSchema.parse(JSON.parse(r.stdout)); // docs/schemas/verdict.schema.json
  assert.equal(verdictJsonSchema.safeParse({ ...(JSON.parse(r.stdout) as object), checklist: [] }).success, false);
  assert.equal(v.tier.tier, 'internal-tooling');
  assert.equal(v.tier.usageTier, 'load-bearing-infrastructure');
  assert.deepEqual(
    v.tier.evidence.map((e) => e.rule),
    ['download-floor', 'spike-and-decay', 'triage-slow-proxy'],
  );
  assert.deepEqual(
    v.tier.unknown.map((u) => u.signal),
    ['dependents', 'container-pulls', 'upgrade-safety', 'contributors'],
  );
  assert.deepEqual(
    v.checklist.map((c) => c.status),
    ['fail', 'unknown', 'fail', 'unknown'],
  );
  // Ages are judged at the sample's own end, not at --as-of: the states are not known later.
  assert.equal(v.issueHealth.asOf, '2025-07-17T07:47:09.000Z');
  assert.deepEqual([v.issueHealth.issues.count, v.issueHealth.issues.open], [1062, 222]);
  assert.equal(v.issueHealth.sample, 'stratified sample (yunwei37/vllm-exp)');

  // Thresholds and topic rules come from kept.yaml.
  const dir = tempDir();
  writeFileSync(join(dir, 'kept.yaml'), 'verdict:\n  thresholds:\n    triageCloseProxyDays: 90\n');
  const lenient = JSON.parse(
    (
      await runCli([
        '--db',
        db,
        '--config',
        join(dir, 'kept.yaml'),
        'verdict',
        'sglang',
        '--as-of',
        '2026-04-01',
        '--json',
      ])
    ).stdout,
  ) as typeof v;
  assert.deepEqual(
    lenient.checklist.map((c) => c.status),
    ['fail', 'unknown', 'pass', 'unknown'],
  );
  assert.ok(lenient.tier.evidence.some((e) => e.rule === 'triage-fast-proxy'));
  writeFileSync(join(dir, 'bad.yaml'), 'verdict:\n  topics:\n    - topic: serving\n      keywords: ["(unclosed"]\n');
  const bad = await runCli(['--db', db, '--config', join(dir, 'bad.yaml'), 'verdict', 'sglang']);
  assert.equal(bad.code, 4);
  assert.match(bad.stderr, /verdict\.topics: topic "serving": pattern "\(unclosed" is not a valid regular expression/);

  // Contributor breadth from a kept contributors --json report (kept.contributors/v1 shape).
  const contrib = join(dir, 'contributors.json');
  writeFileSync(
    contrib,
    JSON.stringify({
      schema: 'kept.contributors/v1',
      asOf: '2026-04-01T00:00:00.000Z',
      source: { kind: 'git', path: '/src/sglang' },
      windows: [
        {
          window: '12m',
          end: '2026-04-01T00:00:00.000Z',
          commits: 900,
          organizations: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }],
          topOrganizationShare: 0.45,
          elephantFactor: 2,
          busFactor: 6,
          unattributedShare: 0.5,
        },
      ],
    }),
  );
  const withC = verdictJsonSchema.parse(
    JSON.parse(
      (await runCli(['--db', db, 'verdict', 'sglang', '--as-of', '2026-04-01', '--json', '--contributors', contrib]))
        .stdout,
    ),
  );
  assert.equal(withC.checklist[1]!.status, 'pass');
  assert.ok(
    withC.tier.evidence.some(
      (e) =>
        e.rule === 'broad-contributors' &&
        e.detail.startsWith('4 organisations, elephant factor 2, bus factor 6, 50% of commits unattributed'),
    ),
  );
  assert.ok(!withC.tier.unknown.some((u) => u.signal === 'contributors'));
  const badC = await runCli(['--db', db, 'verdict', 'sglang', '--contributors', DEMO]);
  assert.equal(badC.code, 3);
  assert.match(badC.stderr, /not valid JSON/);

  const md = await runCli(['--db', db, 'verdict', 'SGLang', '--as-of', '2026-04-01']);
  assert.match(md.stdout, /^# SGLang: deployment verdict as of 2026-04-01/);
  assert.match(md.stdout, /\| FAIL \| Are serving and memory bugs triaged fast\?/);
});

test('a project with nothing stored is unknown, not experiment', async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  // A store that exists but holds nothing about vllm (issues of another repository).
  writeFileSync(
    join(dir, 'other.jsonl'),
    '{"number": 1, "state": "open", "created_at": "2025-01-01T00:00:00Z", "html_url": "https://github.com/o/r/issues/1"}\n',
  );
  assert.equal((await runCli(['--db', db, 'import', 'issues', join(dir, 'other.jsonl')])).code, 0);
  const r = await runCli(['--db', db, 'verdict', 'vllm', '--as-of', '2026-04-01', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const v = JSON.parse(r.stdout) as { tier: { tier: string; confidence: string }; checklist: { status: string }[] };
  verdictJsonSchema.parse(v);
  assert.equal(v.tier.tier, 'unknown');
  assert.equal(v.tier.confidence, 'none');
  assert.deepEqual(
    v.checklist.map((c) => c.status),
    ['unknown', 'unknown', 'unknown', 'unknown'],
  );
});

test('bad issue files: the line is named, the exit code is 3, and nothing is stored', async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  const good =
    '{"number": 1, "title": "a", "labels": [], "state": "open", "created_at": "2025-01-01T00:00:00Z", "html_url": "https://github.com/o/r/issues/1"}';
  const cases: [string, RegExp][] = [
    [`${good}\n{"number": 2, "state": "open"\n`, /bad\.jsonl:2: not valid JSON/],
    [`${good}\n{"number": 3, "state": "open"}\n`, /bad\.jsonl:2: issue #3: missing or invalid "created_at"/],
    [`${good}\n${good.replace('o/r', 'x/y').replace('"number": 1', '"number": 2')}\n`, /issues from 2 repositories/],
    ['\n', /no issues in the file/],
  ];
  for (const [text, re] of cases) {
    const f = join(dir, 'bad.jsonl');
    writeFileSync(f, text);
    const r = await runCli(['--db', db, 'import', 'issues', f]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.split('\n').filter(Boolean).length, 2, 'one line and a hint');
  }
  const store = await DuckDbStore.open(db, { readOnly: true });
  try {
    assert.equal((await store.records({})).length, 0);
  } finally {
    await store.close();
  }
  const f = join(dir, 'norepo.jsonl');
  writeFileSync(f, '{"number": 1, "state": "open", "created_at": "2025-01-01T00:00:00Z"}\n');
  assert.match((await runCli(['--db', db, 'import', 'issues', f])).stderr, /pass --repo owner\/name/);
  const ok = await runCli(['--db', db, 'import', 'issues', f, '--repo', 'o/r']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /1 issues and 0 pull requests of github:o\/r/);
});

test('a model family: fan-out from the real Llama-2 trees reaches the usage ladder; re-uploads are counted apart', async () => {
  const trees = sharedFile('hf-model-trees/meta-llama__Llama-2-7b-chat-hf.jsonl.gz');
  if (trees.skip) return;
  const db = join(tempDir(), 'k.duckdb');
  for (const f of ['meta-llama__Llama-2-7b-chat-hf.jsonl.gz', 'meta-llama__Llama-2-7b.jsonl.gz']) {
    const r = await runCli(['--db', db, 'import', 'hf-models', sharedFile(`hf-model-trees/${f}`).path]);
    assert.equal(r.code, 0, r.stderr);
  }
  const r = await runCli(['--db', db, 'verdict', 'llama', '--as-of', '2025-05-01', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const v = verdictJsonSchema.parse(JSON.parse(r.stdout));
  const fan = v.tier.evidence.find((e) => e.rule === 'fan-out')!;
  // Whole trees of both base models, new work only (signals/fanout.ts effective.tree): 1,714, and 51 re-uploads apart.
  assert.equal(
    fan.detail,
    '1,714 derivative models (Hub model tree of 2 of 2 base models; 51 re-uploads not counted); tiers at 10 / 100 / 1,000',
  );
  assert.equal(fan.tier, 'load-bearing-infrastructure');
  assert.ok(v.tier.unknown.some((u) => u.signal === 'downloads'));
  // No trend, triage, release or contributor signal: usage alone stops at production-facing.
  assert.equal(v.tier.usageTier, 'load-bearing-infrastructure');
  assert.equal(v.tier.tier, 'production-facing');
  assert.ok(v.tier.evidence.some((e) => e.rule === 'no-maintenance-evidence'));
  assert.equal(v.tier.confidence, 'low');
});
