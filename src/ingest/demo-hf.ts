// The demo's Hub steps: imports the bundled model trees (data/demo/hf-model-trees/*.jsonl.gz), each
// dated by the _summary.csv beside them, so the overview shows fan-out offline; and the monthly
// download snapshots (data/demo/hf-monthly/*.csv) with the shipped organisation → region map, so the
// ecosystem report has a month-by-month series.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoStep } from './demo.js';
import { importHfModels } from './import/hf-models.js';
import { importHfSnapshots } from './import/hf-snapshot.js';
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

export async function importDemoHfMonthly(store: Store, dataDir: string, now: Date): Promise<DemoStep[]> {
  const r = await importHfSnapshots(store, join(dataDir, 'hf-monthly'), { fetchedAt: now });
  const dates = r.files.map((f) => /(\d{4}-\d{2}-\d{2})[^/\\]*$/.exec(f.path)?.[1] ?? '').sort();
  return [
    {
      what: `Hugging Face monthly download snapshots of one organisation's models (${r.files.length} snapshots, ${dates[0] ?? ''} to ${dates[dates.length - 1] ?? ''}), with the shipped organisation → region map`,
      file: 'data/demo/hf-monthly/*.csv',
      origin: 'kb-labb/huggingface_stats, fork nctu6/huggingface_stats',
      rows: r.files.reduce((n, f) => n + f.rows, 0),
      added: r.files.reduce((n, f) => n + f.added, 0) + r.catalog.added,
    },
  ];
}
