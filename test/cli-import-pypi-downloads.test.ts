// `kept import pypi-logs` on the real CDN log sample and `kept import pypi-bigquery` on an export
// in BigQuery's shapes: stored daily counts split raw / human / ci / mirror / bot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { formatDims } from '../src/domain/observation.js';
import { sharedFile, tempDir } from './helpers/tmp.js';
import { runCli } from './helpers/run-cli.js';

const { path: FIXTURES, skip } = sharedFile('pypi-linehaul/fixtures');

async function daily(db: string, id: string): Promise<Record<string, number>> {
  const store = await DuckDbStore.open(db, { readOnly: true });
  try {
    const rows = await store.observations({ subjects: [{ kind: 'pypi', id }], metrics: ['downloads'], windowDays: 1 });
    return Object.fromEntries(rows.map((o) => [formatDims(o.dims) || 'raw', o.value]));
  } finally {
    await store.close();
  }
}

test('kept import pypi-logs: the real sample, split and stored; re-import adds nothing', { skip }, async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  const log = join(
    FIXTURES,
    readdirSync(FIXTURES).find((f) => f.startsWith('downloads-'))!,
  );
  const r = await runCli(['--db', db, 'import', 'pypi-logs', log]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /5 downloads over 2021-01-07/);
  assert.match(r.stdout, /split: human 2 \(40%\), ci 2 \(40%\), mirror 0 \(0\.0%\), bot 1 \(20%\)/);
  assert.match(r.stdout, /lower bound: only pip and uv report CI/);
  const crum = await daily(db, 'django-crum');
  assert.equal(crum.raw, 3);
  assert.equal(crum['category=ci'], 2);
  assert.equal(crum['category=human'], 1);
  assert.equal(crum['category=mirror'], 0);
  // The last real line says pip/22.0.3 before its JSON, whose installer is uv: linehaul reads the JSON.
  assert.equal(crum['installer=pip'], 2);
  assert.equal(crum['installer=uv'], 1);
  assert.equal(crum['version=0.7.9'], 3);
  const enum34 = await daily(db, 'enum34');
  assert.equal(enum34['category=bot'], 1);
  assert.equal(enum34['installer=unknown'], 1);
  const again = await runCli(['--db', db, 'import', 'pypi-logs', log]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /0 new observations \(already stored\)/);
});

test('kept import pypi-logs refuses a second file of an already stored day, and non-log input', { skip }, async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  const log = join(
    FIXTURES,
    readdirSync(FIXTURES).find((f) => f.startsWith('downloads-'))!,
  );
  assert.equal((await runCli(['--db', db, 'import', 'pypi-logs', log])).code, 0);
  const copy = join(dir, 'other-minute.log.gz');
  writeFileSync(copy, readFileSync(log));
  const clash = await runCli(['--db', db, 'import', 'pypi-logs', copy]);
  assert.equal(clash.code, 3);
  assert.match(clash.stderr, /2021-01-07 is already stored from .*downloads-.*would not add up/);
  assert.match(clash.stderr, /cat a\.log\.gz b\.log\.gz/);
  const junk = join(dir, 'junk.log');
  writeFileSync(junk, 'hello\nworld\n');
  const bad = await runCli(['--db', db, 'import', 'pypi-logs', junk]);
  assert.equal(bad.code, 3);
  assert.match(bad.stderr, /no line is a PyPI CDN log line/);
  const truncated = join(dir, 'cut.log.gz');
  writeFileSync(truncated, readFileSync(log).subarray(0, 200));
  const cut = await runCli(['--db', db, 'import', 'pypi-logs', truncated]);
  assert.equal(cut.code, 3);
  assert.match(cut.stderr, /truncated or not valid gzip/);
});

test('kept import pypi-bigquery: aggregated CSV (day,file.project,…,count) and nested JSONL', async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  const csv = join(dir, 'export.csv.gz');
  writeFileSync(
    csv,
    gzipSync(
      [
        'day,file.project,file.version,details.installer.name,details.ci,country_code,count',
        '2026-03-01,vllm,0.8.0,pip,,US,1000',
        '2026-03-01,vllm,0.8.0,pip,true,US,300',
        '2026-03-01,vllm,0.8.0,uv,true,DE,200',
        '2026-03-01,vllm,0.8.0,bandersnatch,,CN,150',
        '2026-03-01,vllm,0.8.0,Nexus,,"US",50',
        '2026-03-01,vllm,0.7.3,,,US,25',
        '2026-03-01,Not A Name!,1,pip,,US,5',
      ].join('\n') + '\n',
    ),
  );
  const r = await runCli(['--db', db, 'import', 'pypi-bigquery', csv]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /bigquery-csv/);
  assert.match(r.stdout, /split: human 1,025 .*, ci 500 .*, mirror 200 .*, bot 0/);
  assert.match(r.stdout, /1,725 downloads.*5 skipped \(invalid project name: 5\)/);
  const v = await daily(db, 'vllm');
  assert.equal(v.raw, 1725);
  assert.equal(v['category=mirror'], 200);
  assert.equal(v['category=ci'], 500);
  assert.equal(v['country=US'], 1375);
  assert.equal(v['installer=unknown'], 25);

  // The profile shows the split, the CI share as a lower bound, and the caveat.
  const prof = await runCli(['--db', db, 'profile', 'vllm', '--as-of', '2026-03-05']);
  assert.equal(prof.code, 0, prof.stderr);
  assert.match(prof.stdout, /## Downloads: raw → mirrors \/ CI \/ bots \/ remaining/);
  assert.match(
    prof.stdout,
    /\| pypi:vllm \| 2026-03-01 \| 2026-03-02 \| 1 \| 1,725 \| 200 \| 500 \| 0 \| 1,025 \| 1,017 \| 29% \| pypi-bigquery \|/,
  );
  assert.match(prof.stdout, /CI is a lower bound: only pip and uv report CI/);
  const pj = JSON.parse((await runCli(['--db', db, 'profile', 'vllm', '--as-of', '2026-03-05', '--json'])).stdout) as {
    noise: { split: { ci: number; humanBand: { low: number; high: number } } }[];
  };
  assert.equal(pj.noise[0]!.split.ci, 500);
  // pip+uv non-CI = 1,000, CI 500 → CI rate 1/3 among reporting installers; 25 unknown-installer downloads → ~8 more.
  assert.deepEqual(pj.noise[0]!.split.humanBand, { low: 1017, high: 1025 });

  const jsonl = join(dir, 'export.jsonl');
  writeFileSync(
    jsonl,
    [
      {
        timestamp: '2026-03-02 10:00:01 UTC',
        country_code: 'FR',
        project: 'vllm',
        file: { filename: 'vllm-0.8.0.tar.gz', project: 'vllm', version: '0.8.0', type: 'sdist' },
        details: { installer: { name: 'pip', version: '25.0' }, ci: true },
      },
      {
        timestamp: '2026-03-02 10:00:02 UTC',
        country_code: 'FR',
        project: 'vllm',
        file: { filename: 'vllm-0.8.0.tar.gz', project: 'vllm', version: '0.8.0', type: 'sdist' },
        details: { installer: { name: 'pip', version: '25.0' }, ci: null },
      },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n'),
  );
  const j = await runCli(['--db', db, 'import', 'pypi-bigquery', jsonl]);
  assert.equal(j.code, 0, j.stderr);
  assert.match(j.stdout, /bigquery-jsonl.*2 downloads over 2026-03-02/);
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'a,b,c\n1,2,3\n');
  const b = await runCli(['--db', db, 'import', 'pypi-bigquery', bad]);
  assert.equal(b.code, 3);
  assert.match(b.stderr, /not a PyPI BigQuery export/);
});

test("kept import pypi-bigquery: a Parquet export with BigQuery's nested file/details structs", async () => {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  const pq = join(dir, 'file_downloads.parquet');
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  // The file_downloads schema (api-sources.md §3), as BigQuery writes it to Parquet: structs stay nested.
  const row = (ts: string, cc: string, ver: string, inst: string | null, ci: boolean | null) =>
    `(TIMESTAMP '${ts}', '${cc}', '/packages/x/vllm-${ver}.tar.gz', 'vllm', {'filename': 'vllm-${ver}.tar.gz', 'project': 'vllm', 'version': '${ver}', 'type': 'sdist'},
      {'installer': {'name': ${inst === null ? 'NULL' : `'${inst}'`}, 'version': '1'}, 'python': '3.12.1', 'ci': ${ci === null ? 'NULL' : ci}}, 'TLSv1.3', 'x')`;
  await conn.run(
    `COPY (SELECT * FROM (VALUES ${[
      row('2026-03-01 10:00:00', 'US', '0.11.0', 'pip', true),
      row('2026-03-01 11:00:00', 'US', '0.11.0', 'pip', null),
      row('2026-03-01 12:00:00', 'CN', '0.11.0', 'bandersnatch', null),
      row('2026-03-02 01:00:00', 'DE', '0.10.2', 'uv', true),
      row('2026-03-02 02:00:00', 'DE', '0.10.2', null, null),
    ].join(
      ', ',
    )}) AS t(timestamp, country_code, url, project, file, details, tls_protocol, tls_cipher)) TO '${pq}' (FORMAT parquet, ROW_GROUP_SIZE 2)`,
  );
  conn.closeSync();
  const r = await runCli(['--db', db, 'import', 'pypi-bigquery', pq]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\(bigquery-parquet\): 5 downloads over 2026-03-01 → 2026-03-02, 2 project-days/);
  assert.match(r.stdout, /split: human 2 \(40%\), ci 2 \(40%\), mirror 1 \(20%\), bot 0/);
  const v = await daily(db, 'vllm');
  assert.equal(v['installer=unknown'], 1);
  const bad = join(dir, 'bad.parquet');
  writeFileSync(bad, 'PAR1 not really');
  const b = await runCli(['--db', db, 'import', 'pypi-bigquery', bad]);
  assert.equal(b.code, 3);
  assert.match(b.stderr, /not a readable Parquet file/);
});
