// The classification rules, table-driven, and the same rules evaluated by DuckDB's RE2 (as the
// store applies them) giving the same answers as JavaScript's RegExp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  FAMILY_RULES,
  NAME_MOE_PATTERN,
  NAME_SIZE_PATTERN,
  classifyFamily,
  licenceClassOf,
  parseSizeFromName,
  ruleName,
  sizeClassOf,
} from './classes.js';
import { computeConcentration, distributionStats, distributionStatsOfCounts } from './concentration.js';

const NAMES: readonly [string, string, number | undefined][] = [
  ['taide/Llama3-TAIDE-LX-8B-Chat-Alpha1', 'Llama', 8e9],
  ['taide/TAIDE-LX-7B-Chat-4bit', 'other', 7e9],
  ['taide/b.11.0.0', 'other', undefined],
  ['taide/llava_llama3_8b_clip336_e', 'Llama', 8e9],
  ['Qwen/Qwen2.5-1.5B-Instruct', 'Qwen', 1.5e9],
  ['Qwen/QwQ-32B', 'Qwen', 32e9],
  ['deepseek-ai/DeepSeek-R1-Distill-Qwen-7B', 'DeepSeek', 7e9],
  ['mistralai/Mixtral-8x7B-Instruct-v0.1', 'Mistral', 56e9],
  ['google/gemma-3-270m', 'Gemma', 270e6],
  ['microsoft/Phi-3-mini-4k-instruct', 'Phi', undefined],
  ['microsoft/phi-4', 'Phi', undefined],
  ['openai/gpt-oss-20b', 'GPT-OSS', 20e9],
  ['zai-org/GLM-4.5-Air', 'GLM', undefined],
  ['01-ai/Yi-34B', 'Yi', 34e9],
  ['HuggingFaceTB/SmolLM2-135M-Instruct', 'SmolLM', 135e6],
  ['google-bert/bert-base-uncased', 'other', undefined],
  ['someone/model-v2.5b-test', 'other', undefined],
];

test('family and size from names', () => {
  for (const [id, family, size] of NAMES) {
    assert.equal(classifyFamily(id).family, family, id);
    assert.equal(parseSizeFromName(id), size, id);
  }
  assert.deepEqual(classifyFamily('someone/my-finetune', 'Qwen/Qwen3-8B'), { family: 'Qwen', via: 'base-model' });
  assert.deepEqual(classifyFamily('someone/my-finetune'), { family: 'other', via: 'none' });
});

test('size classes: lower bounds inclusive, unknown without a count', () => {
  assert.equal(sizeClassOf(undefined), 'unknown');
  assert.equal(sizeClassOf(999_999_999), '<1B');
  assert.equal(sizeClassOf(1e9), '1–10B');
  assert.equal(sizeClassOf(10e9), '10–50B');
  assert.equal(sizeClassOf(50e9), '≥50B');
  assert.equal(sizeClassOf(671e9), '≥50B');
});

test('licence classes', () => {
  assert.equal(licenceClassOf('apache-2.0'), 'open');
  assert.equal(licenceClassOf('MIT'), 'open');
  assert.equal(licenceClassOf('llama3.1'), 'restricted');
  assert.equal(licenceClassOf('other'), 'restricted');
  assert.equal(licenceClassOf('cc-by-nc-4.0'), 'restricted');
  assert.equal(licenceClassOf(undefined), 'unknown');
  assert.equal(licenceClassOf('unknown'), 'unknown');
});

test('DuckDB (RE2) applies the same family and size patterns as JavaScript', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    for (const [id] of NAMES) {
      const name = ruleName(id);
      const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
      const fam = FAMILY_RULES.map(
        (r) => `CASE WHEN regexp_matches(${lit(name)}, ${lit(r.pattern)}) THEN 1 ELSE 0 END AS "${r.family}"`,
      ).join(', ');
      const rows = (
        await conn.runAndReadAll(`SELECT ${fam},
        regexp_extract(${lit(name)}, ${lit(NAME_MOE_PATTERN)}, 1) AS moe1, regexp_extract(${lit(name)}, ${lit(NAME_MOE_PATTERN)}, 2) AS moe2,
        regexp_extract(${lit(name)}, ${lit(NAME_SIZE_PATTERN)}, 1) AS n, regexp_extract(${lit(name)}, ${lit(NAME_SIZE_PATTERN)}, 2) AS u`)
      ).getRowObjectsJS()[0]!;
      const first = FAMILY_RULES.find((r) => rows[r.family] === 1)?.family ?? 'other';
      assert.equal(first, classifyFamily(id).family, `family of ${id}`);
      const sqlSize =
        rows.moe1 !== ''
          ? Number(rows.moe1) * Number(rows.moe2) * 1e9
          : rows.n !== ''
            ? Number(rows.n) * (rows.u === 'b' ? 1e9 : 1e6)
            : undefined;
      assert.equal(sqlSize, parseSizeFromName(id), `size of ${id}`);
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
});

test('concentration from sufficient statistics', () => {
  const c = computeConcentration(distributionStats([0, 50, 100, 150, 300, 400], [1, 3]), [1, 3]);
  assert.equal(c.units, 6);
  assert.ok(Math.abs(c.hhi! - 0.285) < 1e-15);
  assert.ok(Math.abs(c.gini! - 7 / 15) < 1e-15);
  assert.deepEqual(c.top, [
    { n: 1, share: 0.4 },
    { n: 3, share: 0.85 },
  ]);
  assert.equal(c.zeroShare, 1 / 6);
  const equal = computeConcentration(distributionStats([5, 5, 5, 5], [1]), [1]);
  assert.equal(equal.gini, 0);
  assert.equal(equal.hhi, 0.25);
  const one = computeConcentration(distributionStats([0, 0, 0, 9], [1]), [1]);
  assert.equal(one.hhi, 1);
  assert.equal(one.gini, 0.75, 'n−1/n: the most unequal a 4-unit distribution can be');
  const none = computeConcentration(distributionStats([0, 0], [1]), [1]);
  assert.equal(none.hhi, null);
  assert.equal(none.gini, null);
  assert.equal(none.zeroShare, 1);
});

test('statistics from a histogram equal those of the sorted values, ties and top-N across a tie included', () => {
  const naive = (values: readonly number[], topN: readonly number[]) => {
    const asc = [...values].sort((a, b) => a - b);
    const desc = [...asc].reverse();
    return {
      n: asc.length,
      total: asc.reduce((a, x) => a + x, 0),
      sumSquares: asc.reduce((a, x) => a + x * x, 0),
      rankWeightedSum: asc.reduce((a, x, i) => a + (i + 1) * x, 0),
      zeros: asc.filter((x) => x === 0).length,
      topSums: Object.fromEntries(topN.map((k) => [String(k), desc.slice(0, k).reduce((a, x) => a + x, 0)])),
    };
  };
  const cases: number[][] = [
    [],
    [0],
    [0, 0, 0],
    [5, 5, 5, 5],
    [0, 0, 50, 100, 150, 300, 400],
    [7, 3, 7, 7, 0, 3, 12, 12, 1],
    [1e6, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3],
  ];
  for (const values of cases) {
    assert.deepEqual(distributionStats(values, [1, 2, 3, 10]), naive(values, [1, 2, 3, 10]), values.join(','));
    const counts = new Map<number, number>();
    for (const x of values) counts.set(x, (counts.get(x) ?? 0) + 1);
    // The order of the histogram's rows does not matter, nor a value split over two rows.
    const rows = [...counts.entries()].reverse().flatMap(([x, c]): [number, number][] =>
      c > 1
        ? [
            [x, 1],
            [x, c - 1],
          ]
        : [[x, c]],
    );
    assert.deepEqual(distributionStatsOfCounts(rows, [1, 2, 3, 10]), naive(values, [1, 2, 3, 10]), values.join(','));
  }
});
