// Issue 2's "must show": the real 971,000-row import, idempotency, trend and top JSON, and bad
// input that leaves the database exactly as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { sharedFile, tempDir } from './helpers/tmp.js';
import { runBin, runCli } from './helpers/run-cli.js';

const { path: FULL, skip: NO_FULL } = sharedFile('pypi-top-monthly.csv.gz');
const DEMO = join(process.cwd(), 'data', 'demo', 'pypi-top-catalog.csv.gz');

/** Row counts and an order-independent checksum of every table: "exactly as it was". */
async function fingerprint(db: string): Promise<string> {
  const store = await DuckDbStore.open(db, { readOnly: true });
  try {
    const parts: string[] = [];
    for (const t of ['observations', 'facts', 'relations', 'records', 'batches', 'schema_migrations']) {
      const r = await store.rows(`SELECT count(*) AS n, coalesce(sum(hash(t::VARCHAR)), 0)::VARCHAR AS h FROM ${t} t`);
      parts.push(`${t}:${String(r[0]?.n)}:${String(r[0]?.h)}`);
    }
    return parts.join(' ');
  } finally {
    await store.close();
  }
}

test('kept import pypi-top stores all 971,000 rows once; trend and top read them', { skip: NO_FULL }, async () => {
  const db = join(tempDir(), 'k.duckdb');
  const first = await runCli(['--db', db, 'import', 'pypi-top', FULL]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /971000 rows read, 971000 new observations/);
  const again = await runCli(['--db', db, 'import', 'pypi-top', FULL]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /971000 rows read, 0 new observations/);

  const trend = await runCli(['--db', db, 'trend', 'pypi:vllm', '--json', '--as-of', '2026-04-01']);
  assert.equal(trend.code, 0, trend.stderr);
  const t = JSON.parse(trend.stdout) as {
    schema: string;
    series: { windowEnd: string; value: number }[];
    growth: number;
    slope: number;
    months: unknown[];
  };
  assert.equal(t.schema, 'kept.trend/v1');
  assert.equal(t.series.find((p) => p.windowEnd === '2026-04-01')?.value, 8432809);
  assert.equal(t.months.length, 6);
  assert.equal(typeof t.growth, 'number');
  assert.equal(typeof t.slope, 'number');

  const top = await runCli(['--db', db, 'top', 'pypi', '--at', '2026-04-01', '--limit', '20', '--json']);
  assert.equal(top.code, 0, top.stderr);
  const rows = (JSON.parse(top.stdout) as { rows: { rank: number; name: string; downloads: number }[] }).rows;
  assert.equal(rows.length, 20);
  assert.deepEqual(
    rows.slice(0, 4).map((r) => r.name),
    ['boto3', 'packaging', 'setuptools', 'urllib3'],
  );
  assert.equal(rows[0]!.downloads, 1880218825);
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1]!.downloads >= rows[i]!.downloads);
});

test('bad input gets one clear line, a non-zero exit, and leaves the database as it was', async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  assert.equal((await runCli(['--db', db, 'import', 'pypi-top', DEMO])).code, 0);
  const before = await fingerprint(db);

  const demoBytes = readFileSync(DEMO);
  const truncated = join(dir, 'truncated.csv.gz');
  writeFileSync(truncated, demoBytes.subarray(0, Math.floor(demoBytes.length / 2)));
  const wrongCols = join(dir, 'wrong.csv');
  writeFileSync(wrongCols, 'date,name,count\n2026-01-01,vllm,5\n');
  const badJson = join(dir, 'bad.json');
  writeFileSync(badJson, '{"last_update": "2026-04-01 07:00:00", "rows": [{"download_count": 1, ');
  const badValue = join(dir, 'badvalue.csv.gz');
  writeFileSync(
    badValue,
    gzipSync(
      'snapshot_date,window_days,project,downloads,source\n2026-05-01,30,newpkg,12,ClickHouse\n2026-05-01,30,other,lots,ClickHouse\n',
    ),
  );
  const emptyName = join(dir, 'emptyname.csv');
  writeFileSync(emptyName, 'snapshot_date,window_days,project,downloads,source\n2026-05-01,30,,12,ClickHouse\n');

  const cases: { name: string; args: string[]; code: number; message: RegExp }[] = [
    { name: 'truncated .gz', args: ['import', 'pypi-top', truncated], code: 3, message: /truncated or not valid gzip/ },
    {
      name: 'CSV with wrong columns',
      args: ['import', 'pypi-top', wrongCols],
      code: 3,
      message: /unexpected columns "date,name,count"/,
    },
    { name: 'malformed JSON', args: ['import', 'pypi-top', badJson], code: 3, message: /malformed JSON/ },
    {
      name: 'a value that is not a number',
      args: ['import', 'pypi-top', badValue],
      code: 3,
      message: /cannot parse the file/,
    },
    { name: 'an empty project name', args: ['import', 'pypi-top', emptyName], code: 3, message: /empty "project"/ },
    { name: 'missing file', args: ['import', 'pypi-top', join(dir, 'nope.csv')], code: 3, message: /no such file/ },
    {
      name: 'unknown import kind',
      args: ['import', 'pypi-tops', DEMO],
      code: 2,
      message: /unknown import kind "pypi-tops"/,
    },
    {
      name: 'unknown subject',
      args: ['trend', 'pypi:vlm'],
      code: 5,
      message: /no download data for pypi:vlm[\s\S]*did you mean pypi:vllm/,
    },
    { name: 'unknown subject kind', args: ['trend', 'pipy:vllm'], code: 2, message: /unknown subject kind "pipy"/ },
    {
      name: 'unknown project',
      args: ['profile', 'vllmm'],
      code: 5,
      message: /no project "vllmm"[\s\S]*did you mean "vllm"/,
    },
    { name: 'bad date', args: ['top', 'pypi', '--at', '2026-02-30'], code: 2, message: /not a date/ },
    {
      name: 'missing snapshot',
      args: ['top', 'pypi', '--at', '2026-04-02'],
      code: 5,
      message: /no pypi snapshot dated 2026-04-02[\s\S]*nearest snapshots: 2026-04-01/,
    },
    { name: 'unknown option', args: ['top', 'pypi', '--limt', '3'], code: 2, message: /unknown option '--limt'/ },
  ];
  for (const c of cases) {
    const r = await runCli(['--db', db, ...c.args]);
    assert.equal(r.code, c.code, `${c.name}: exit ${r.code}\n${r.stderr}`);
    assert.match(r.stderr, c.message, c.name);
    assert.match(r.stderr, /^kept: error: /, `${c.name}: starts with one clear line`);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, `${c.name}: no stack trace`);
    assert.equal(r.stdout, '', `${c.name}: nothing on stdout`);
    assert.equal(await fingerprint(db), before, `${c.name}: the database is unchanged`);
  }
});

test('a --db whose parent is a file gets one clear line and exit 7', async () => {
  const dir = tempDir();
  const file = join(dir, 'plain-file');
  copyFileSync(DEMO, file);
  const before = readFileSync(file);
  const r = await runCli(['--db', join(file, 'k.duckdb'), 'import', 'pypi-top', DEMO]);
  assert.equal(r.code, 7, r.stderr);
  assert.match(r.stderr, /^kept: error: cannot create the directory for the database/);
  assert.match(r.stderr, /pass --db with a path in a writable directory/);
  assert.deepEqual(readFileSync(file), before);
});

test('the real executable: --help everywhere, demo offline, profile --json', () => {
  const home = tempDir();
  const env = { HOME: home, XDG_DATA_HOME: join(home, 'data') };
  for (const args of [
    ['--help'],
    ['demo', '--help'],
    ['import', '--help'],
    ['profile', '--help'],
    ['trend', '--help'],
    ['top', '--help'],
  ]) {
    const r = runBin(args, env);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stdout, /Usage: kept/);
  }
  const demo = runBin(['demo'], env);
  assert.equal(demo.code, 0, demo.stderr);
  assert.match(demo.stdout, /^# Adoption overview as of 2026-04-01$/m);
  assert.match(
    demo.stdout,
    /\| vLLM \| serving \| load-bearing infrastructure · low · 1 of 6 signal families \| pypi:vllm \| 8\.43M \| 2026-04-01 \| current \| \+33% \|/,
  );
  assert.match(demo.stdout, /pypi-top-catalog\.csv\.gz \(hugovk\/top-pypi-packages/);
  const again = runBin(['demo'], env);
  assert.equal(again.code, 0, 'the demo database is replaced on a second run');
  const db = join(home, 'data', 'kept', 'demo.duckdb');
  const profile = runBin(['--db', db, 'profile', 'sglang', '--json', '--as-of', '2026-04-01'], env);
  assert.equal(profile.code, 0, profile.stderr);
  const p = JSON.parse(profile.stdout) as {
    schema: string;
    downloads: { subject: string; latest: { value: number; source: string }; trend: { shape: string } }[];
  };
  assert.equal(p.schema, 'kept.profile/v2');
  assert.equal(p.downloads[0]?.subject, 'pypi:sglang');
  assert.equal(p.downloads[0]?.latest.value, 35999206);
  assert.equal(p.downloads[0]?.trend.shape, 'spike-and-decay');
  const notDemo = runBin(['--db', join(home, 'data', 'kept', 'x.duckdb'), 'import', 'pypi-top', DEMO], env);
  assert.equal(notDemo.code, 0);
  const refuse = runBin(['--db', join(home, 'data', 'kept', 'x.duckdb'), 'demo'], env);
  assert.equal(refuse.code, 7);
  assert.match(refuse.stderr, /not a kept demo database; refusing to replace it/);
});
