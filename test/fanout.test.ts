// Issue 5's "must show": `kept fanout` on each base model of the real Hub model trees, after
// `kept import hf-models`, matches the Hub's own fine-tune / adapter / quantized / merge counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedFile, tempDir } from './helpers/tmp.js';
import { runCli } from './helpers/run-cli.js';
import type { FanoutView } from '../src/views/fanout/model.js';

const { path: SUMMARY, skip: NO_TREES } = sharedFile('hf-model-trees/_summary.csv');

interface SummaryRow {
  base: string;
  records: number;
  finetune: number;
  adapter: number;
  quantized: number;
  merge: number;
}

function readSummary(path: string): SummaryRow[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = header!.split(',');
  return lines.map((l) => {
    const f = l.split(',');
    const v = (name: string): string => f[cols.indexOf(name)] ?? '';
    return {
      base: v('base_model'),
      records: Number(v('records')),
      finetune: Number(v('finetunes_listed')),
      adapter: Number(v('adapters_listed')),
      quantized: Number(v('quantized_listed')),
      merge: Number(v('merges_listed')),
    };
  });
}

/**
 * The used / empty / unknown split of a tree's new-work derivatives, from the raw records: a
 * descendant is used when it drew downloads or another record names it as its base.
 */
function usedFromRecords(file: string, base: string, f: FanoutView): { tree: number; empty: number; unknown: number } {
  const records = gunzipSync(readFileSync(file))
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string; downloads?: number; tags?: string[]; gated?: boolean | string });
  const parents = new Map<string, string[]>();
  for (const r of records)
    for (const t of r.tags ?? []) {
      const m = /^base_model:(?:finetune|adapter|quantized|merge):(.+)$/.exec(t);
      if (m) parents.set(r.id, [...(parents.get(r.id) ?? []), m[1]!]);
    }
  const hasChildren = new Set([...parents.values()].flat());
  const reuploads = new Set(f.reuploads.models.map((m) => m.id));
  // The tree: every record reached from the base through its parents.
  const inTree = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [id, ps] of parents)
      if (id !== base && !inTree.has(id) && ps.some((p) => p === base || inTree.has(p))) {
        inTree.add(id);
        grew = true;
      }
  }
  const out = { tree: 0, empty: 0, unknown: 0 };
  for (const r of records) {
    if (!inTree.has(r.id) || reuploads.has(r.id)) continue;
    if ((r.downloads ?? 0) > 0 || hasChildren.has(r.id)) out.tree++;
    // A gated repository's 0 is not a count (the Hub reports 0 for every gated model).
    else if (r.downloads === undefined || (r.gated !== undefined && r.gated !== false && r.gated !== 'false'))
      out.unknown++;
    else out.empty++;
  }
  return out;
}

test(
  "kept fanout matches _summary.csv (the Hub's own counts) for every real base model",
  { skip: NO_TREES },
  async () => {
    const dir = join(SUMMARY, '..');
    const db = join(tempDir(), 'k.duckdb');
    const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl.gz'));
    assert.equal(files.length, 8);
    for (const f of files) {
      const r = await runCli(['--db', db, 'import', 'hf-models', join(dir, f)]);
      assert.equal(r.code, 0, r.stderr);
    }
    const rows = readSummary(SUMMARY);
    assert.equal(rows.length, 8);
    const results = new Map<string, FanoutView>();
    for (const row of rows) {
      const r = await runCli(['--db', db, 'fanout', `hf:${row.base}`, '--json', '--as-of', '2025-12-31']);
      assert.equal(r.code, 0, r.stderr);
      const f = JSON.parse(r.stdout) as FanoutView;
      results.set(row.base, f);
      assert.equal(f.schema, 'kept.fanout/v2');
      // The Hub lists direct children per relation: so does kept's `direct`.
      assert.deepEqual(
        {
          finetune: f.direct.finetune,
          adapter: f.direct.adapter,
          quantized: f.direct.quantized,
          merge: f.direct.merge,
        },
        { finetune: row.finetune, adapter: row.adapter, quantized: row.quantized, merge: row.merge },
        row.base,
      );
      assert.equal(f.direct.unclassified, 0, `${row.base}: every record carries the Hub's relation tag`);
      assert.equal(
        f.direct.total,
        row.finetune + row.adapter + row.quantized + row.merge,
        `${row.base}: no child under two relations`,
      );
    }
    // The tree goes deeper than the Hub's lists: depth-2 descendants the scraper reached.
    const tree = (b: string): number[] => [...(results.get(b)?.tree.byDepth ?? [])];
    assert.deepEqual(tree('meta-llama/Llama-2-7b'), [44, 36, 22]);
    assert.deepEqual(tree('meta-llama/Llama-2-7b-chat-hf'), [1636, 27]);
    assert.deepEqual(tree('deepseek-ai/DeepSeek-V3'), [133, 2]);
    // Kokoro's file holds its own parent (StyleTTS2): above the base, never counted in its fan-out.
    assert.deepEqual(tree('hexgrad/Kokoro-82M'), [31]);
    // Re-uploads of the same weights, counted apart (values from the heuristic on real names; the
    // AMD awq-g128-int4-onnx and OPEA int4-sym-…-inc conversions among them).
    assert.equal(results.get('meta-llama/Llama-2-7b-chat-hf')?.reuploads.direct, 44);
    assert.equal(results.get('deepseek-ai/DeepSeek-V3')?.reuploads.direct, 20);
    // Beside the Hub's counts (every upload), the new work that was taken up: recomputed here from
    // the records themselves — downloads > 0 or derivatives of their own — for every tree.
    for (const row of rows) {
      const f = results.get(row.base)!;
      const want = usedFromRecords(join(dir, `${row.base.replace('/', '__')}.jsonl.gz`), row.base, f);
      assert.deepEqual(
        { tree: f.used.tree, empty: f.used.empty, unknown: f.used.unknown },
        want,
        `${row.base}: used derivatives`,
      );
      assert.equal(f.used.tree + f.used.empty + f.used.unknown, f.effective.tree, row.base);
    }
    assert.deepEqual(
      { ...results.get('deepseek-ai/DeepSeek-V3')!.used },
      { direct: 10, tree: 10, empty: 55, unknown: 48 },
    );
    const ds = results.get('deepseek-ai/DeepSeek-V3')!;
    assert.equal(ds.downloads.base, 775641);
    assert.equal(ds.downloads.known + ds.downloads.unknown, 135);
    assert.ok(ds.orgs.distinct > 50 && ds.orgs.distinct < 135, `${ds.orgs.distinct} organisations`);
    assert.equal(ds.spaces, null, 'the dumps carry no Spaces list: unknown, not zero');
  },
);

test('kept fanout: markdown, an unknown model, a bad id', async () => {
  const db = join(tempDir(), 'k.duckdb');
  const file = join(process.cwd(), 'data', 'demo', 'hf-model-trees', 'deepseek-ai__Janus-Pro-7B.jsonl.gz');
  assert.equal((await runCli(['--db', db, 'import', 'hf-models', file])).code, 0);
  const md = await runCli(['--db', db, 'fanout', 'deepseek-ai/Janus-Pro-7B', '--as-of', '2025-12-31']);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /\| direct children \| 26 \| 6 \| 2 \| 0 \| 0 \| 34 \|/);
  assert.match(md.stdout, /\| MISHANM\/deepseek-ai_janus-Pro-7B-fp16 \| finetune \| 1 \| same name as/);
  const before = await runCli(['--db', db, 'fanout', 'hf:deepseek-ai/Janus-Pro-7B', '--as-of', '2025-01-01']);
  assert.equal(before.code, 5, 'nothing was known before the snapshot');
  const wrongCase = await runCli(['--db', db, 'fanout', 'hf:deepseek-ai/janus-pro-7b']);
  assert.equal(wrongCase.code, 5);
  assert.match(wrongCase.stderr, /no Hub data for hf:deepseek-ai\/janus-pro-7b[\s\S]*case-sensitive/);
  const bad = await runCli(['--db', db, 'fanout', 'pypi:vllm']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /not a Hub model/);
});

test('the chunked tree reader (large stores) and the one-scan reader agree on a real three-level tree', async () => {
  const db = join(tempDir(), 'k.duckdb');
  const file = join(process.cwd(), 'data', 'demo', 'hf-model-trees', 'meta-llama__Llama-2-7b.jsonl.gz');
  assert.equal((await runCli(['--db', db, 'import', 'hf-models', file])).code, 0);
  const { DuckDbStore } = await import('../src/store/duckdb/duckdb-store.js');
  const { loadFanoutTree } = await import('../src/views/fanout/load.js');
  const { computeFanout } = await import('../src/signals/fanout.js');
  const store = await DuckDbStore.open(db, { readOnly: true });
  try {
    const base = { kind: 'hf' as const, id: 'meta-llama/Llama-2-7b' };
    const asOf = new Date('2025-12-31T00:00:00Z');
    const scanned = await loadFanoutTree(store, base, asOf, 8);
    const chunked = await loadFanoutTree(store, base, asOf, 8, 0);
    const a = computeFanout({ base: base.id, ...scanned, asOf });
    const b = computeFanout({ base: base.id, ...chunked, asOf });
    assert.deepEqual(a, b);
    assert.deepEqual([...a.tree.byDepth], [44, 36, 22]);
    // 90 derivatives carry a count, one of them a gated repository's 0: unknown, not 0.
    assert.equal(a.downloads.known, 89);
    assert.deepEqual(scanned.unknownDownloads, chunked.unknownDownloads);
  } finally {
    await store.close();
  }
});

test('kept fanout --org: every model of the organisation with derivatives', async () => {
  const db = join(tempDir(), 'k.duckdb');
  for (const f of [
    'deepseek-ai__DeepSeek-V3.jsonl.gz',
    'deepseek-ai__Janus-Pro-7B.jsonl.gz',
    'hexgrad__Kokoro-82M.jsonl.gz',
  ]) {
    assert.equal(
      (await runCli(['--db', db, 'import', 'hf-models', join(process.cwd(), 'data', 'demo', 'hf-model-trees', f)]))
        .code,
      0,
    );
  }
  const r = await runCli(['--db', db, 'fanout', '--org', 'deepseek-ai', '--json', '--as-of', '2025-12-31']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as {
    schema: string;
    models: { model: string; tree: number; direct: { finetune: number } }[];
  };
  assert.equal(j.schema, 'kept.fanout-org/v1');
  assert.deepEqual(
    j.models.map((m) => [m.model, m.direct.finetune, m.tree]),
    [
      ['deepseek-ai/DeepSeek-V3', 78, 135],
      ['deepseek-ai/Janus-Pro-7B', 26, 34],
    ],
  );
  const both = await runCli(['--db', db, 'fanout', 'hf:x/y', '--org', 'deepseek-ai']);
  assert.equal(both.code, 2);
  const none = await runCli(['--db', db, 'fanout', '--org', 'DeepSeek-AI']);
  assert.equal(none.code, 5);
});

test('fan-out counted empty uploads as adoption: of the 144 new-work DeepSeek derivatives (in-repo demo trees) 12 are used', async () => {
  // data/demo/hf-model-trees ships with kept: the real DeepSeek-V3 and Janus-Pro-7B trees.
  const db = join(tempDir(), 'k.duckdb');
  for (const f of ['deepseek-ai__DeepSeek-V3.jsonl.gz', 'deepseek-ai__Janus-Pro-7B.jsonl.gz']) {
    const file = join(process.cwd(), 'data', 'demo', 'hf-model-trees', f);
    assert.equal((await runCli(['--db', db, 'import', 'hf-models', file])).code, 0);
  }
  const v3 = JSON.parse(
    (await runCli(['--db', db, 'fanout', 'hf:deepseek-ai/DeepSeek-V3', '--json', '--as-of', '2025-12-31'])).stdout,
  ) as FanoutView;
  assert.equal(v3.direct.total, 133, "the Hub's own count of direct children is unchanged");
  assert.deepEqual({ ...v3.used }, { direct: 10, tree: 10, empty: 55, unknown: 48 });
  assert.match(v3.summary, /Of the new work, 10 are used \(downloads or derivatives of their own\), 55 empty/);
  const r = await runCli(['--db', db, 'verdict', 'deepseek', '--json', '--as-of', '2025-12-31']);
  assert.equal(r.code, 0, r.stderr);
  const v = JSON.parse(r.stdout) as { evidence: { rule: string; tier: { id: string } | null; detail: string }[] };
  const fan = v.evidence.find((e) => e.rule === 'fan-out')!;
  // 144 uploads (with ~1.1k downloads in all) read as production-facing; the 12 used ones are internal tooling.
  assert.equal(fan.tier?.id, 'internal-tooling');
  assert.match(
    fan.detail,
    /^12 used derivative models \(Hub model tree of 2 of 2 base models: 144 new-work derivatives, of which 12 used, 77 empty uploads/,
  );
});
