// `kept import hf-snapshot`: every real monthly snapshot once, idempotent, DuckDB's own reader,
// and malformed files rejected with one line while the database stays as it was; the same on ClickHouse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { openStore } from '../src/store/open.js';
import { CLICKHOUSE_SKIP, clickHouseServer, freshDatabase } from './helpers/clickhouse-server.js';
import { runCli } from './helpers/run-cli.js';
import { sharedFile, tempDir } from './helpers/tmp.js';

const { path: MONTHLY, skip: NO_MONTHLY } = sharedFile('hf-monthly');

async function fingerprint(db: string): Promise<string> {
  const store = await DuckDbStore.open(db, { readOnly: true });
  try {
    const parts: string[] = [];
    for (const t of ['observations', 'facts', 'batches']) {
      const r = await store.rows(`SELECT count(*) AS n, coalesce(sum(hash(t::VARCHAR)), 0)::VARCHAR AS h FROM ${t} t`);
      parts.push(`${t}:${String(r[0]?.n)}:${String(r[0]?.h)}`);
    }
    return parts.join(' ');
  } finally {
    await store.close();
  }
}

/** Imports every monthly file, then again: everything is new the first time, nothing the second. */
async function importMonthlyTwice(db: string): Promise<void> {
  const first = await runCli(['--db', db, 'import', 'hf-snapshot', MONTHLY]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(
    first.stdout,
    /19 file\(s\), 199 rows read, 398 new observations; catalog: 118 organisation regions, 299 parameter counts/,
  );
  const again = await runCli(['--db', db, 'import', 'hf-snapshot', MONTHLY]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /199 rows read, 0 new observations \(already stored\).*\(0 new rows\)/);
}

test(
  'kept import hf-snapshot loads all 19 real monthly files once, values as in the CSVs',
  { skip: NO_MONTHLY },
  async () => {
    const db = join(tempDir(), 'k.duckdb');
    const csvRows = readdirSync(MONTHLY)
      .filter((f) => f.endsWith('.csv'))
      .reduce((n, f) => n + readFileSync(join(MONTHLY, f), 'utf8').trim().split('\n').length - 1, 0);
    assert.equal(csvRows, 199);
    await importMonthlyTwice(db);

    const store = await DuckDbStore.open(db, { readOnly: true });
    try {
      const r = await store.rows(`SELECT value, window_start::VARCHAR AS ws, window_end::VARCHAR AS we FROM observations
      WHERE subject_kind = 'hf' AND subject_id = 'taide/Llama3-TAIDE-LX-8B-Chat-Alpha1' AND metric = 'downloads' AND window_end = '2024-10-01'`);
      assert.deepEqual(r, [{ value: 5042, ws: '2024-09-01 00:00:00', we: '2024-10-01 00:00:00' }]);
      const t = await store.rows(
        `SELECT value FROM observations WHERE subject_id = 'taide/TAIDE-LX-7B-Chat' AND metric = 'downloads_total' AND window_end = '2026-01-06'`,
      );
      assert.equal(t.length, 1);
      const batches = await store.rows(`SELECT count(*) AS n FROM batches WHERE source = 'hf-snapshot'`);
      assert.equal(Number(batches[0]?.n), 19, 'one batch (transaction) per file');
      const region = await store.rows(
        `SELECT value FROM facts WHERE subject_kind = 'hf-org' AND subject_id = 'Qwen' AND name = 'region'`,
      );
      assert.deepEqual(region, [{ value: 'china' }]);
      const params = await store.rows(
        `SELECT value FROM observations WHERE subject_id = 'deepseek-ai/DeepSeek-R1' AND metric = 'parameters'`,
      );
      assert.deepEqual(params, [{ value: 671e9 }]);
    } finally {
      await store.close();
    }
  },
);

test('malformed snapshot files get one clear line and leave the database as it was', { skip: NO_MONTHLY }, async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  assert.equal((await runCli(['--db', db, 'import', 'hf-snapshot', join(MONTHLY, '2024-06-13_hf.csv')])).code, 0);
  const before = await fingerprint(db);
  const header = 'model_url,downloads,downloadsAllTime,organization,model_name,date\n';
  const write = (name: string, body: string | Buffer): string => {
    const p = join(dir, name);
    writeFileSync(p, body);
    return p;
  };
  const good = gzipSync(`${header}a/b,1,2,a,b,2026-01-01\n`.repeat(1));
  const cases: { name: string; file: string; message: RegExp }[] = [
    {
      name: 'wrong columns',
      file: write('w.csv', 'model,downloads\na/b,1\n'),
      message: /unexpected columns "model,downloads"/,
    },
    {
      name: 'count not a number',
      file: write('n.csv', `${header}a/b,lots,2,a,b,2026-01-01\n`),
      message: /cannot parse the file/,
    },
    { name: 'bad date', file: write('d.csv', `${header}a/b,1,2,a,b,2026-02-30\n`), message: /cannot parse the file/ },
    {
      name: 'not a model id',
      file: write('i.csv', `${header}a/b,1,2,a,b,2026-01-01\nnot an id,1,2,a,b,2026-01-01\n`),
      message: /i\.csv:3: "model_url" "not an id" is not a Hub model id/,
    },
    {
      name: 'a negative count',
      file: write('neg.csv', `${header}a/b,1,2,a,b,2026-01-01\nc/d,-5,2,c,d,2026-01-01\n`),
      message: /neg\.csv:3: "downloads" -5 is not a download count/,
    },
    {
      name: 'a date in the future',
      file: write('fut.csv', `${header}a/b,1,2,a,b,2099-01-01\n`),
      message: /fut\.csv:2: "date" 2099-01-01 is not a date from 2000-01-01 to/,
    },
    { name: 'empty downloads', file: write('e.csv', `${header}a/b,,2,a,b,2026-01-01\n`), message: /empty "downloads"/ },
    {
      name: 'a model twice on one date',
      file: write('dup.csv', `${header}a/b,1,2,a,b,2026-01-01\nc/d,1,2,c,d,2026-01-01\na/b,3,4,a,b,2026-01-01\n`),
      message: /2 rows for the same model_url "a\/b", date "2026-01-01"/,
    },
    {
      name: 'extra column',
      file: write('x.csv', `${header}a/b,1,2,a,b,2026-01-01,extra\n`),
      message: /cannot parse the file/,
    },
    {
      name: 'truncated gzip',
      file: write('t.csv.gz', good.subarray(0, good.length - 12)),
      message: /truncated or not valid gzip/,
    },
  ];
  for (const c of cases) {
    const r = await runCli(['--db', db, 'import', 'hf-snapshot', c.file]);
    assert.equal(r.code, 3, `${c.name}: exit ${r.code}\n${r.stderr}`);
    assert.match(r.stderr, /^kept: error: /, c.name);
    assert.match(r.stderr, c.message, c.name);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, `${c.name}: no stack trace`);
    assert.equal(await fingerprint(db), before, `${c.name}: database unchanged`);
  }
  const empty = tempDir();
  const r = await runCli(['--db', db, 'import', 'hf-snapshot', empty]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /no \.csv or \.csv\.gz files in this directory/);
});

test(
  'kept import hf-snapshot into ClickHouse: the same summary and rows as on DuckDB, idempotent, bad ids and repeated keys refused in the same words',
  { skip: CLICKHOUSE_SKIP || NO_MONTHLY },
  async () => {
    const ch = (await clickHouseServer()).url(freshDatabase('kept_hfs'));
    await importMonthlyTwice(ch);
    const store = await openStore(ch);
    try {
      const id = { kind: 'hf' as const, id: 'taide/Llama3-TAIDE-LX-8B-Chat-Alpha1' };
      const obs = await store.observations({
        subjects: [id],
        from: new Date('2024-10-01T00:00:00Z'),
        to: new Date('2024-10-01T00:00:00Z'),
      });
      assert.deepEqual(
        obs.filter((o) => o.metric === 'downloads').map((o) => [o.value, o.windowStart.toISOString()]),
        [[5042, '2024-09-01T00:00:00.000Z']],
      );
      assert.equal(
        obs.filter((o) => o.metric === 'downloads_total').length,
        1,
        'the all-time level is stored beside the 30-day count',
      );
      const before = (await store.stats()).tables;
      const dir = tempDir();
      const header = 'model_url,downloads,downloadsAllTime,organization,model_name,date\n';
      const cases = [
        ['not an id', `${header}a/b,1,2,a,b,2026-01-01\nnot an id,1,2,a,b,2026-01-01\n`],
        ['a negative count', `${header}a/b,1,2,a,b,2026-01-01\nc/d,-5,2,c,d,2026-01-01\n`],
        [
          'a model twice on one date',
          `${header}a/b,1,2,a,b,2026-01-01\nc/d,1,2,c,d,2026-01-01\na/b,3,4,a,b,2026-01-01\n`,
        ],
      ] as const;
      for (const [name, body] of cases) {
        const file = join(dir, `${name.replaceAll(' ', '-')}.csv`);
        writeFileSync(file, body);
        const onCh = await runCli(['--db', ch, 'import', 'hf-snapshot', file]);
        const onDuck = await runCli(['--db', join(dir, 'k.duckdb'), 'import', 'hf-snapshot', file]);
        assert.equal(onCh.code, 3, `${name}: ${onCh.stderr}`);
        assert.match(
          onCh.stderr,
          /:3: "model_url" "not an id" is not a Hub model id|:3: "downloads" -5 is not a download count|2 rows for the same model_url "a\/b", date "2026-01-01"/,
          name,
        );
        assert.equal(onCh.stderr, onDuck.stderr, name);
      }
      assert.deepEqual((await store.stats()).tables, before, 'nothing from the refused files is stored');
    } finally {
      await store.close();
    }
  },
);
