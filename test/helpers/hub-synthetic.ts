// A synthetic Hub with known shares: two monthly snapshot CSVs of seven models, and the licences
// and base-model relations that make "whose weights" and the licence mix non-trivial. Shared by
// the ecosystem tests of both backends.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
