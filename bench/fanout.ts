// Hub model-tree import: `kept import hf-models` of the largest real tree (Llama-2-7b-chat-hf,
// 1,664 records) against DuckDB's own read_json of the same file in the same run, plus the fan-out
// computation over the imported tree. Reads ../shared/data (skips when absent).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNamedView } from '../src/views/run.js';
import { importHfModels } from '../src/ingest/import/hf-models.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { SHARED_DATA } from '../test/helpers/tmp.js';
import { median, medianMs, ratioGoal, timings, type BenchResult } from './harness.js';

const REPEATS = 7;

export async function run(): Promise<BenchResult[]> {
  const file = SHARED_DATA ? join(SHARED_DATA, 'hf-model-trees', 'meta-llama__Llama-2-7b-chat-hf.jsonl.gz') : '';
  if (!existsSync(file)) throw new Error('needs ../shared/data/hf-model-trees (set KEPT_SHARED_DATA)');
  const dir = mkdtempSync(join(tmpdir(), 'kept-bench-fanout-'));
  try {
    let n = 0;
    let records = 0;
    // Each repeat imports into a fresh database. Both sides' times include opening it (the schema's
    // migrations) and closing it (the checkpoint of what was written).
    const keptRuns = await timings(REPEATS, async () => {
      const store = await DuckDbStore.open(join(dir, `k${n++}.duckdb`));
      try {
        const r = await importHfModels(store, file, { fetchedAt: new Date() });
        records = r.records;
      } finally {
        await store.close();
      }
    });
    const duckRuns = await timings(REPEATS, async () => {
      const store = await DuckDbStore.open(join(dir, `d${n++}.duckdb`));
      try {
        await store.rows(
          `CREATE TABLE raw_models AS SELECT * FROM read_json('${file.replace(/'/g, "''")}', format = 'newline_delimited', compression = 'gzip')`,
        );
      } finally {
        await store.close();
      }
    });
    const keptMs = median(keptRuns);
    const duckMs = median(duckRuns);
    const store = await DuckDbStore.open(join(dir, 'k0.duckdb'));
    let fanMs: number;
    try {
      fanMs = await medianMs(REPEATS, () =>
        runNamedView('fanout', store, {
          base: { kind: 'hf', id: 'meta-llama/Llama-2-7b-chat-hf' },
          today: new Date(),
          depth: 8,
        }),
      );
    } finally {
      await store.close();
    }
    const rate = (ms: number): string => `${Math.round(records / (ms / 1000)).toLocaleString('en-US')} rows/s`;
    return [
      {
        name: `hf-models import, largest real tree (${records} records, Llama-2-7b-chat-hf)`,
        figure: keptMs,
        unit: 'ms',
        baselineLabel: 'DuckDB read_json of the same file',
        baseline: duckMs,
        ...ratioGoal(1.3, keptMs, duckMs),
        figureRuns: keptRuns,
        baselineRuns: duckRuns,
        note: `kept ${rate(keptMs)} (parse, normalise, facts + counters + relations, idempotent anti-join, one transaction) vs DuckDB ${rate(duckMs)} (raw rows into one table); median of ${REPEATS}`,
      },
      {
        name: 'kept fanout of the same tree (1,663 descendants), from the store (the view: load + compute)',
        figure: fanMs,
        unit: 'ms',
        baselineLabel: 'the import itself',
        baseline: keptMs,
        note: `median of ${REPEATS}`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
