// kept import issues + kept verdict end to end on the real SGLang issue sample and the demo PyPI
// subset; bad issue files are refused with the line number and store nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedFile, tempDir } from './helpers/tmp.js';
import { runCli, stderrLines } from './helpers/run-cli.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { verdictViewSchema } from '../src/views/verdict/model.js';

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
  const v = verdictViewSchema.parse(JSON.parse(r.stdout)); // docs/schemas/verdict.schema.json
  assert.equal(v.schema, 'kept.verdict/v2');
  assert.equal(verdictViewSchema.safeParse({ ...(JSON.parse(r.stdout) as object), checklist: [] }).success, false);
  assert.deepEqual(v.tier, {
    id: 'internal-tooling',
    label: 'internal tooling',
    confidence: 'low',
    familiesBacking: 2,
    headline: 'internal tooling · low · 2 of 6 signal families',
    coverage: 2 / 6,
    usageTier: { id: 'load-bearing-infrastructure', label: 'load-bearing infrastructure' },
    families: [
      { id: 'usage', label: 'usage/downloads', status: 'backs' },
      { id: 'reverse-dependencies', label: 'reverse dependencies', status: 'unknown' },
      { id: 'fan-out', label: 'fan-out', status: 'unknown' },
      { id: 'contributors', label: 'contributor breadth', status: 'unknown' },
      { id: 'issue-health', label: 'issue health', status: 'backs' },
      { id: 'upgrade-safety', label: 'upgrade safety', status: 'unknown' },
    ],
    confidenceSteps: [],
  });
  assert.deepEqual(
    v.evidence.map((e) => e.rule),
    ['download-floor', 'spike-and-decay', 'triage-slow-proxy'],
  );
  assert.deepEqual(
    v.unknowns.map((u) => [u.signal, u.subject]),
    [
      ['dependents', 'pypi:sglang'],
      ['container-pulls', 'docker:lmsysorg/sglang'],
      ['upgrade-safety', 'github:sgl-project/sglang'],
      ['contributors', 'github:sgl-project/sglang'],
    ],
  );
  // What would move the verdict are actions, not the unknown signals restated.
  assert.ok(v.wouldMove.length > 0);
  assert.ok(
    v.wouldMove.every((w) => !w.startsWith('measure ')),
    v.wouldMove.join('\n'),
  );
  assert.deepEqual(
    v.checklist.map((c) => c.status),
    ['fail', 'unknown', 'fail', 'unknown'],
  );
  // Ages are judged at the sample's own end, not at --as-of: the states are not known later.
  assert.equal(v.issueHealth?.asOf, '2025-07-17');
  assert.deepEqual([v.issueHealth?.issues.count, v.issueHealth?.issues.open], [1062, 222]);
  assert.equal(
    v.issueHealth?.sample,
    'sample of 1,062 of ~8,109 issues and pull requests (numbers up to #8,109, no pull requests held; declared: stratified sample (yunwei37/vllm-exp))',
  );
  assert.equal(v.issueHealth?.staleClosures.stale, 279, "SGLang's `inactive` closes");

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
  assert.ok(lenient.evidence.some((e) => e.rule === 'triage-fast-proxy'));
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
  const withC = verdictViewSchema.parse(
    JSON.parse(
      (await runCli(['--db', db, 'verdict', 'sglang', '--as-of', '2026-04-01', '--json', '--contributors', contrib]))
        .stdout,
    ),
  );
  assert.equal(withC.checklist[1]!.status, 'pass');
  assert.ok(
    withC.evidence.some(
      (e) =>
        e.rule === 'broad-contributors' &&
        e.detail.startsWith('4 organisations, elephant factor 2, bus factor 6, 50% of commits unattributed'),
    ),
  );
  assert.ok(!withC.unknowns.some((u) => u.signal === 'contributors'));
  const badC = await runCli(['--db', db, 'verdict', 'sglang', '--contributors', DEMO]);
  assert.equal(badC.code, 3);
  assert.match(badC.stderr, /not valid JSON/);

  const md = await runCli(['--db', db, 'verdict', 'SGLang', '--as-of', '2026-04-01']);
  assert.match(
    md.stdout,
    /^# SGLang: deployment verdict\n\nAs of 2026-04-01(; today is \d{4}-\d{2}-\d{2})? · serving\n/,
  );
  assert.match(md.stdout, /\| FAIL \| Are serving and memory bugs triaged fast\? \|/);
  assert.equal(md.stdout.match(/^## Unknown$/gm)?.length, 1, 'one Unknown section');
  const csv = await runCli([
    '--db',
    db,
    'verdict',
    'sglang',
    '--as-of',
    '2026-04-01',
    '--format',
    'csv',
    '--table',
    'issue-health',
  ]);
  assert.equal(csv.code, 0, csv.stderr);
  assert.match(csv.stdout, /^all issues,1062,222,/m, 'counts reach the CSV as numbers');
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
  const v = verdictViewSchema.parse(JSON.parse(r.stdout));
  assert.equal(v.tier.id, 'unknown');
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
    assert.equal(stderrLines(r.stderr).length, 2, 'one line and a hint');
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

const LLAMA_TREES = sharedFile('hf-model-trees/meta-llama__Llama-2-7b-chat-hf.jsonl.gz');
test(
  'a model family: fan-out from the real Llama-2 trees reaches the usage ladder; re-uploads are counted apart',
  { skip: LLAMA_TREES.skip },
  async () => {
    const db = join(tempDir(), 'k.duckdb');
    for (const f of ['meta-llama__Llama-2-7b-chat-hf.jsonl.gz', 'meta-llama__Llama-2-7b.jsonl.gz']) {
      const r = await runCli(['--db', db, 'import', 'hf-models', sharedFile(`hf-model-trees/${f}`).path]);
      assert.equal(r.code, 0, r.stderr);
    }
    const r = await runCli(['--db', db, 'verdict', 'llama', '--as-of', '2025-05-01', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const v = verdictViewSchema.parse(JSON.parse(r.stdout));
    const fan = v.evidence.find((e) => e.rule === 'fan-out')!;
    // Whole trees of both base models, new work only (55 re-uploads apart), and of those only the used
    // ones count: 133 drew downloads or have derivatives of their own; 383 are empty uploads (gated repositories' 0 is unknown, not empty).
    assert.equal(
      fan.detail,
      '133 used derivative models (Hub model tree of 2 of 2 base models: 1710 new-work derivatives, of which 133 used, 383 empty uploads (0 downloads, no derivatives), 1194 without downloads recorded; 55 re-uploads not counted); tiers at 10 / 100 / 1,000',
    );
    assert.equal(fan.tier?.id, 'production-facing');
    assert.ok(v.unknowns.some((u) => u.signal === 'downloads'));
    // The chat model's 1.19M Hub downloads reach load-bearing on the model-family ladder; with no
    // trend, triage, release or contributor signal, usage alone stops at production-facing, which
    // two usage families (Hub downloads and fan-out) reach.
    assert.equal(v.evidence.find((e) => e.rule === 'hub-downloads')?.tier?.id, 'load-bearing-infrastructure');
    assert.equal(v.tier.usageTier.id, 'load-bearing-infrastructure');
    assert.equal(v.tier.familiesBacking, 2);
    assert.equal(v.tier.id, 'production-facing');
    assert.ok(v.evidence.some((e) => e.rule === 'no-maintenance-evidence'));
    assert.equal(v.tier.confidence, 'low');
  },
);
