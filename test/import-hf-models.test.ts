// `kept import hf-models`: the real Hub model-tree dumps go in once, with their facts, counters and
// base-model relations; bad lines are named by line number and leave the store as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { sharedFile, tempDir } from './helpers/tmp.js';
import { runCli } from './helpers/run-cli.js';

const DEMO_TREES = join(process.cwd(), 'data', 'demo', 'hf-model-trees');
const KOKORO = join(DEMO_TREES, 'hexgrad__Kokoro-82M.jsonl.gz');
const { path: CHAT, skip: NO_CHAT } = sharedFile('hf-model-trees/meta-llama__Llama-2-7b-chat-hf.jsonl.gz');

async function fingerprint(db: string): Promise<string> {
  const store = await DuckDbStore.open(db, { readOnly: true });
  try {
    const parts: string[] = [];
    for (const t of ['observations', 'facts', 'relations', 'batches']) {
      const r = await store.rows(`SELECT count(*) AS n, coalesce(sum(hash(t::VARCHAR)), 0)::VARCHAR AS h FROM ${t} t`);
      parts.push(`${t}:${String(r[0]?.n)}:${String(r[0]?.h)}`);
    }
    return parts.join(' ');
  } finally {
    await store.close();
  }
}

test('import hf-models stores facts, counters and relations of a real tree, dated by _summary.csv, once', async () => {
  const db = join(tempDir(), 'k.duckdb');
  const first = await runCli(['--db', db, 'import', 'hf-models', KOKORO]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(
    first.stdout,
    /32 records, 32 models, 32 base-model relations, snapshot 2025-04-22T22:00:03\.000Z \(from _summary\.csv\)/,
  );
  const again = await runCli(['--db', db, 'import', 'hf-models', KOKORO]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /0 new rows \(already stored\)/);

  const store = await DuckDbStore.open(db, { readOnly: true });
  try {
    const root = { kind: 'hf' as const, id: 'hexgrad/Kokoro-82M' };
    const obs = await store.observations({ subjects: [root] });
    const dl = obs.find((o) => o.metric === 'downloads');
    assert.equal(dl?.value, 1981704);
    assert.equal(dl?.windowEnd.toISOString(), '2025-04-22T22:00:03.000Z');
    assert.equal(dl?.windowStart.toISOString(), '2025-03-23T22:00:03.000Z', 'a 30-day window');
    assert.equal(obs.find((o) => o.metric === 'likes')?.value, 4086);
    const facts = Object.fromEntries((await store.facts({ subjects: [root] })).map((f) => [f.name, f.value]));
    assert.equal(facts.license, 'apache-2.0');
    assert.equal(facts.pipeline_tag, 'text-to-speech');
    assert.equal(facts.created_at, '2024-12-26T00:20:08.000Z');
    assert.equal(facts.base_models, 'yl4579/StyleTTS2-LJSpeech');
    const children = await store.relations({ to: [root] });
    const by: Record<string, number> = {};
    for (const r of children) by[r.relation] = (by[r.relation] ?? 0) + 1;
    // The Hub's own counts (_summary.csv): 13 fine-tunes, 9 adapters, 9 quantized.
    assert.deepEqual(by, { adapter: 9, finetune: 13, quantized: 9 });
    assert.equal(children[0]?.source, 'hf-dump');
  } finally {
    await store.close();
  }
});

test(
  'the largest real tree (1,664 records) imports whole; its parameter counts are stored',
  { skip: NO_CHAT },
  async () => {
    const db = join(tempDir(), 'k.duckdb');
    const r = await runCli(['--db', db, 'import', 'hf-models', CHAT]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /1664 records, 1664 models, 1663 base-model relations/);
    const store = await DuckDbStore.open(db, { readOnly: true });
    try {
      const params = await store.observations({
        subjects: [{ kind: 'hf', id: 'meta-llama/Llama-2-7b-chat-hf' }],
        metrics: ['parameters'],
      });
      assert.equal(params[0]?.value, 6738417664);
      const rel = await store.rows(
        `SELECT relation, count(*) AS n FROM relations WHERE to_id = 'meta-llama/Llama-2-7b-chat-hf' GROUP BY 1 ORDER BY 1`,
      );
      assert.deepEqual(
        rel.map((x) => [x.relation, Number(x.n)]),
        [
          ['adapter', 1129],
          ['finetune', 437],
          ['merge', 4],
          ['quantized', 66],
        ],
      );
    } finally {
      await store.close();
    }
  },
);

test('bad Hub dumps: one clear line naming the line, exit 3, the store unchanged', async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  assert.equal((await runCli(['--db', db, 'import', 'hf-models', KOKORO])).code, 0);
  const before = await fingerprint(db);
  const good = '{"id":"a/b","downloads":5,"tags":["base_model:finetune:hexgrad/Kokoro-82M"]}';
  const badLine = join(dir, 'bad.jsonl');
  writeFileSync(badLine, `${good}\n\n{"id":"c/d",\n`);
  const noId = join(dir, 'noid.jsonl.gz');
  writeFileSync(noId, gzipSync(`${good}\n{"downloads":1}\n`));
  const badId = join(dir, 'badid.jsonl');
  writeFileSync(badId, `${good}\n${good}\n{"id":"has space/x"}\n`);
  const bytes = readFileSync(KOKORO);
  const truncated = join(dir, 'trunc.jsonl.gz');
  writeFileSync(truncated, bytes.subarray(0, bytes.length - 40));
  const notJson = join(dir, 'x.jsonl');
  writeFileSync(notJson, 'id,downloads\na/b,5\n');
  const badArray = join(dir, 'arr.json');
  writeFileSync(badArray, `[\n${good},\n{"id": }\n]`);
  const cases: { name: string; args: string[]; message: RegExp }[] = [
    { name: 'malformed line', args: [badLine, '--at', '2025-05-01'], message: /bad\.jsonl:3: malformed JSON/ },
    { name: 'record without id', args: [noId, '--at', '2025-05-01'], message: /noid\.jsonl\.gz:2: record has no "id"/ },
    {
      name: 'invalid id',
      args: [badId, '--at', '2025-05-01'],
      message: /badid\.jsonl:3: "has space\/x" is not a Hub model id/,
    },
    { name: 'truncated gzip', args: [truncated, '--at', '2025-05-01'], message: /truncated or not valid gzip/ },
    { name: 'not JSON', args: [notJson, '--at', '2025-05-01'], message: /x\.jsonl:1: not JSON/ },
    { name: 'malformed array', args: [badArray, '--at', '2025-05-01'], message: /arr\.json:3: malformed JSON array/ },
    { name: 'no snapshot date', args: [badId], message: /carries no snapshot date[\s\S]*pass --at YYYY-MM-DD/ },
  ];
  for (const c of cases) {
    const r = await runCli(['--db', db, 'import', 'hf-models', ...c.args]);
    assert.equal(r.code, 3, `${c.name}: exit ${r.code}\n${r.stderr}`);
    assert.match(r.stderr, /^kept: error: /, c.name);
    assert.match(r.stderr, c.message, c.name);
    assert.equal(await fingerprint(db), before, `${c.name}: the database is unchanged`);
  }
  // A JSON array and repeated ids are accepted; the later record wins.
  const arr = join(dir, 'ok.json');
  writeFileSync(arr, `[${good}, {"id":"a/b","downloads":7,"tags":[]}]`);
  const ok = await runCli(['--db', db, 'import', 'hf-models', arr, '--at', '2025-05-01']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /2 records, 1 models, 0 base-model relations.*1 repeated ids/);
});

test('kept demo imports the bundled Hub trees and shows their fan-out', async () => {
  const home = tempDir();
  const r = await runCli(['demo'], { XDG_DATA_HOME: join(home, 'data') }, new Date('2026-11-30T12:00:00Z'));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\| DeepSeek \| hf:deepseek-ai\/DeepSeek-V3 \| 776k \| 78 \| 38 \| 16 \| 1 \|/);
  assert.match(r.stdout, /Hugging Face model trees of 8 base models/);
});
