// Issue 2's benchmark: `kept import pypi-top` of the 971,000-row multi-snapshot CSV into a fresh
// database, against DuckDB's own `read_csv` of the same file into a fresh database in the same run.
// Goal: kept within 1.2× of the raw load. Runs alternate (raw, kept, raw, kept…) and the medians
// are compared, so a noisy neighbour hits both sides; CPU time (all threads) is printed beside.
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { importPypiTop } from '../src/ingest/import/pypi-top.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { sharedFile, tempDir } from '../test/helpers/tmp.js';
import { median, ratioGoal, timed, type BenchResult } from './harness.js';

const REPEATS = Number(process.env.KEPT_BENCH_REPEATS ?? 3);

export async function run(): Promise<BenchResult[]> {
  const { path: file, skip } = sharedFile('pypi-top-monthly.csv.gz');
  if (skip) throw new Error(skip);
  const dir = tempDir('kept-bench-');
  const raw: number[] = [];
  const kept: number[] = [];
  const rawCpu: number[] = [];
  const keptCpu: number[] = [];
  let rows = 0;
  for (let i = 0; i < REPEATS; i++) {
    const rawDb = join(dir, `raw-${i}.duckdb`);
    let cpu0 = process.cpuUsage();
    raw.push(
      (
        await timed(async () => {
          const inst = await DuckDBInstance.create(rawDb);
          const conn = await inst.connect();
          await conn.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}', header = true)`);
          const r = await conn.runAndReadAll('SELECT count(*) FROM t');
          rows = Number(r.getRows()[0]?.[0]);
          conn.closeSync();
          inst.closeSync();
        })
      ).ms,
    );
    let cpu = process.cpuUsage(cpu0);
    rawCpu.push((cpu.user + cpu.system) / 1000);
    cpu0 = process.cpuUsage();
    const keptDb = join(dir, `kept-${i}.duckdb`);
    kept.push(
      (
        await timed(async () => {
          const store = await DuckDbStore.open(keptDb);
          try {
            const r = await importPypiTop(store, file, { fetchedAt: new Date() });
            if (r.added !== rows) throw new Error(`kept stored ${r.added} rows, the raw load ${rows}`);
          } finally {
            await store.close();
          }
        })
      ).ms,
    );
    cpu = process.cpuUsage(cpu0);
    keptCpu.push((cpu.user + cpu.system) / 1000);
    for (const p of [rawDb, keptDb]) for (const f of [p, `${p}.wal`]) if (existsSync(f)) rmSync(f);
  }
  const figure = median(kept);
  const baseline = median(raw);
  const ms = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(', ');
  return [
    {
      name: `kept import pypi-top, ${rows.toLocaleString('en')} rows (median of ${REPEATS}, fresh database each)`,
      figure,
      unit: 'ms',
      baselineLabel: "DuckDB's own read_csv into a table",
      baseline,
      ...ratioGoal(1.2, figure, baseline),
      figureRuns: kept,
      baselineRuns: raw,
      note: `CPU time (all threads) kept ${ms(keptCpu)} ms vs raw ${ms(rawCpu)} ms: median ratio ${(median(keptCpu) / median(rawCpu)).toFixed(2)}×`,
    },
  ];
}
