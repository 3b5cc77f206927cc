// A synthetic Hub with known shares: two monthly snapshot CSVs of seven models, and the licences
// and base-model relations that make "whose weights" and the licence mix non-trivial. Shared by
// the ecosystem tests of both backends.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedFile } from './tmp.js';
import type { Store } from '../../src/store/store.js';

const HEADER = 'model_url,downloads,downloadsAllTime,organization,model_name,date\n';
// id, 30-day downloads at 2026-03-01, region of its org (via the shipped map or unmapped)
export const SYNTHETIC: readonly [string, number][] = [
  ['Qwen/Qwen-Syn-7B', 400], // china, 7B from name, apache-2.0
  ['Qwen/Qwen-Syn-0.6B', 100], // china, 0.6B from name, apache-2.0
  ['meta-llama/Llama-Syn-70B', 300], // us, 70B from name, llama3.1 (restricted)
  ['mistralai/Mistral-Syn-24B', 150], // eu, 24B from name, no licence
  ['someuser/my-model', 50], // unmapped org, no size, no licence
  ['someuser/zero-model', 0],
  ['deepseek-ai/DeepSeek-R1', 0], // china, 671B from the shipped catalog
];

/** Writes the two snapshots (2026-03-01, and 2026-04-01 with every count doubled) under `dir`/snapshots. */
export function syntheticFiles(dir: string): string {
  const snap = join(dir, 'snapshots');
  mkdirSync(snap);
  const a = SYNTHETIC.map(([id, dl]) => `${id},${dl},10000,${id.split('/')[0]},${id.split('/')[1]},2026-03-01`).join(
    '\n',
  );
  const b = SYNTHETIC.map(
    ([id, dl]) => `${id},${2 * dl},${10000 + 2 * dl},${id.split('/')[0]},${id.split('/')[1]},2026-04-01`,
  ).join('\n');
  writeFileSync(join(snap, '2026-03-01_hf.csv'), `${HEADER}${a}\n`);
  writeFileSync(join(snap, '2026-04-01_hf.csv'), `${HEADER}${b}\n`);
  return snap;
}

/** Licences of three models; a fine-tune of the Llama model, and a quantization of that fine-tune (two hops to the weights). */
export async function writeSyntheticAttributes(store: Store): Promise<void> {
  const at = new Date(Date.UTC(2026, 2, 1));
  await store.write({
    provenance: { source: 'test-licences', origin: 'test', fetchedAt: at },
    facts: [
      { subject: { kind: 'hf', id: 'Qwen/Qwen-Syn-7B' }, name: 'license', value: 'apache-2.0', observedAt: at },
      { subject: { kind: 'hf', id: 'Qwen/Qwen-Syn-0.6B' }, name: 'license', value: 'apache-2.0', observedAt: at },
      { subject: { kind: 'hf', id: 'meta-llama/Llama-Syn-70B' }, name: 'license', value: 'llama3.1', observedAt: at },
    ],
    relations: [
      {
        from: { kind: 'hf', id: 'someuser/my-model' },
        relation: 'finetune',
        to: { kind: 'hf', id: 'meta-llama/Llama-Syn-70B' },
        observedAt: at,
      },
      {
        from: { kind: 'hf', id: 'someuser/zero-model' },
        relation: 'quantized',
        to: { kind: 'hf', id: 'someuser/my-model' },
        observedAt: at,
      },
    ],
  });
}

/** The row of a share table by key. */
export const shareRow = <R extends { key: string }>(s: { rows: readonly R[] }, key: string): R | undefined =>
  s.rows.find((r) => r.key === key);

/** Model ids that probe the family and size rules' edges (anchors, capture groups, quotes). */
export const RULE_EDGE_IDS: readonly string[] = [
  'taide/Llama3-TAIDE-LX-8B-Chat-Alpha1',
  'taide/b.11.0.0',
  'taide/llava_llama3_8b_clip336_e',
  'Qwen/Qwen2.5-1.5B-Instruct',
  'Qwen/QwQ-32B',
  'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B',
  'mistralai/Mixtral-8x7B-Instruct-v0.1',
  'google/gemma-3-270m',
  'microsoft/Phi-3-mini-4k-instruct',
  'openai/gpt-oss-20b',
  '01-ai/Yi-34B',
  'HuggingFaceTB/SmolLM2-135M-Instruct',
  'google-bert/bert-base-uncased',
  'someone/model-v2.5b-test',
  'x/a-2x1.5b-moe-1b',
  'x/llama-70b-distilled-to-8b',
  "x/it's-7b",
  // At least one name per family rule.
  'THUDM/glm-4-9b-chat',
  'moonshotai/Kimi-K2-Instruct',
  'MiniMaxAI/MiniMax-M1-80k',
  'tiiuae/falcon-7b',
  'allenai/OLMo-2-1124-7B',
  'ibm-granite/granite-3.1-8b-instruct',
  'CohereForAI/c4ai-command-r-v01',
  'CohereForAI/aya-23-8B',
  'internlm/internlm2_5-7b-chat',
  'tencent/Hunyuan-A13B-Instruct',
  'baidu/ERNIE-4.5-0.3B-PT',
  'LGAI-EXAONE/EXAONE-3.5-7.8B-Instruct',
  'nvidia/Nemotron-Mini-4B-Instruct',
  'openbmb/MiniCPM-V-2_6',
  'baichuan-inc/Baichuan2-7B-Chat',
  'stabilityai/stablelm-2-1_6b',
  'ai21labs/AI21-Jamba-1.5-Mini',
  'mistralai/Devstral-Small-2505',
];

/** Every model id of the shared real Hub model trees ([] without them). */
export function realModelIds(): string[] {
  const trees = sharedFile('hf-model-trees');
  if (trees.skip) return [];
  const ids = new Set<string>();
  for (const f of readdirSync(trees.path).filter((x) => x.endsWith('.jsonl.gz')))
    for (const line of gunzipSync(readFileSync(join(trees.path, f)))
      .toString('utf8')
      .split('\n')) {
      const id = line ? (JSON.parse(line) as { id?: unknown }).id : undefined;
      if (typeof id === 'string') ids.add(id);
    }
  return [...ids].sort();
}
