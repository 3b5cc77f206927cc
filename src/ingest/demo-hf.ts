// The demo's Hub step: imports the bundled model trees (data/demo/hf-model-trees/*.jsonl.gz), each
// dated by the _summary.csv beside them, so the overview shows fan-out offline.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoStep } from './demo.js';
import { importHfModels } from './import/hf-models.js';
import type { Store } from '../store/store.js';

export async function importDemoHfTrees(store: Store, dataDir: string, now: Date): Promise<DemoStep[]> {
  const dir = join(dataDir, 'hf-model-trees');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl.gz'))
    .sort();
  let rows = 0;
  let added = 0;
  const dates = new Set<string>();
  for (const f of files) {
    const r = await importHfModels(store, join(dir, f), { fetchedAt: now });
    rows += r.records;
    added += r.added;
    dates.add(r.snapshot.toISOString().slice(0, 10));
  }
  return [
    {
      what: `Hugging Face model trees of ${files.length} base models (30-day downloads, likes, base-model relations; snapshots ${[...dates].sort().join(', ')})`,
      file: 'data/demo/hf-model-trees/*.jsonl.gz',
      origin: 'hamidahoderinwale/model_metadata_analyses, Hub /api/models records',
      rows,
      added,
    },
  ];
}
