// ClickHouse store bench: the 971,000-row pypi-top file imported through kept (the server parses
// the streamed CSV, then kept's dedup INSERT … SELECT with the commit marker) against
// clickhouse-client's own INSERT of the same file into a plain table; and the top-N query on both
// backends over the same data. Starts its own server (test/helpers/clickhouse-server.ts). Goals:
// import ≤ 1.5× clickhouse-client, one subject's series ≤ 2× DuckDB, top 100 on two shards ≤ 1.5×
// one server. Imports alternate with the client's (each into a fresh database) and medians compare.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { METRICS } from '../src/domain/metrics.js';
import { importPypiTop } from '../src/ingest/import/pypi-top.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import {
  CLICKHOUSE_INSTALL_HINT,
  clickHouseCluster,
  findClickHouseServer,
  startClickHouseServer,
} from '../test/helpers/clickhouse-server.js';
import { sharedFile, tempDir } from '../test/helpers/tmp.js';
import { median, ratioGoal, timed, timings, type BenchResult } from './harness.js';

const ROWS = 971_000;
const IMPORTS = Number(process.env.KEPT_BENCH_REPEATS ?? 3);
const READS = 15;

function clientBinary(): string | undefined {
  for (const p of ['/usr/bin/clickhouse-client', '/usr/local/bin/clickhouse-client']) if (existsSync(p)) return p;
  return undefined;
}

/** clickhouse-client --query "INSERT … FORMAT CSVWithNames" < the decompressed file. */
async function clientInsert(
  bin: string,
  port: number,
  user: string,
  password: string,
  table: string,
  file: string,
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      bin,
      [
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--user',
        user,
        '--password',
        password,
        '--query',
        `INSERT INTO ${table} FORMAT CSVWithNames`,
      ],
      {
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`clickhouse-client exited ${code}: ${err.split('\n')[0]}`)),
    );
    createReadStream(file).pipe(createGunzip()).pipe(child.stdin);
  });
}

async function topLatency(store: Store): Promise<number[]> {
  const ends = await store.windowEnds('pypi', METRICS.downloads);
  const at = ends[ends.length - 1]!;
  return timings(READS, () =>
    store.top({ subjectKind: 'pypi', metric: METRICS.downloads, windowEnd: at, windowDays: 30, limit: 100 }),
  );
}

async function seriesLatency(store: Store): Promise<number[]> {
  return timings(READS, () =>
    store.observations({ subjects: [{ kind: 'pypi', id: 'vllm' }], metrics: [METRICS.downloads], windowDays: 30 }),
  );
}

export async function run(): Promise<BenchResult[]> {
  const file = sharedFile('pypi-top-monthly.csv.gz');
  if (file.skip) throw new Error(file.skip);
  if (!findClickHouseServer()) throw new Error(`no ClickHouse server: ${CLICKHOUSE_INSTALL_HINT}`);
  const client = clientBinary();
  const server = await startClickHouseServer();
  try {
    const fetchedAt = new Date('2026-04-02T00:00:00Z');
    const keptImports: number[] = [];
    const clientImports: number[] = [];
    let ch: Store | undefined;
    const duck = await openStore(join(tempDir(), 'bench.duckdb'));
    try {
      await server.query('CREATE DATABASE IF NOT EXISTS kept_bench');
      for (let i = 0; i < IMPORTS; i++) {
        if (client && server.tcpPort) {
          const table = `kept_bench.raw_${i}`;
          await server.query(
            `CREATE TABLE ${table} (snapshot_date Date, window_days Int32, project String, downloads Int64, source String) ENGINE = MergeTree PARTITION BY toYYYYMM(snapshot_date) ORDER BY (project, snapshot_date)`,
          );
          clientImports.push(
            (await timed(() => clientInsert(client, server.tcpPort!, server.user, server.password, table, file.path)))
              .ms,
          );
          const n = Number((await server.query(`SELECT count() FROM ${table}`)).trim());
          if (n !== ROWS) throw new Error(`clickhouse-client loaded ${n} rows, expected ${ROWS}`);
          await server.query(`DROP TABLE ${table}`);
        }
        // The last import's store stays for the reads below; the others are dropped.
        await ch?.close();
        if (i > 0) await server.query(`DROP DATABASE kept_bench_${i - 1}`);
        ch = await openStore(server.url(`kept_bench_${i}`));
        const store = ch;
        const imp = await timed(() => importPypiTop(store, file.path, { fetchedAt }));
        if (imp.value.added !== ROWS)
          throw new Error(`ClickHouse import added ${imp.value.added} rows, expected ${ROWS}`);
        keptImports.push(imp.ms);
      }
      const store = ch!;
      const chReimport = await timed(() => importPypiTop(store, file.path, { fetchedAt }));
      const duckImport = await timed(() => importPypiTop(duck, file.path, { fetchedAt }));
      const chImportMs = median(keptImports);
      const baselineMs = clientImports.length > 0 ? median(clientImports) : Number.NaN;
      const rate = (ms: number): string => `${Math.round(ROWS / (ms / 1000)).toLocaleString('en-US')} rows/s`;
      const chTop = await topLatency(store);
      const duckTop = await topLatency(duck);
      const chSeries = await seriesLatency(store);
      const duckSeries = await seriesLatency(duck);
      // The same import and top-N on two shards (two servers on this machine, Distributed tables).
      const cluster = await clickHouseCluster();
      const sharded = await openStore(cluster.url('kept_bench'));
      let shardImportMs: number;
      let shardTop: number[];
      let oneTop: number[];
      try {
        const imp = await timed(() => importPypiTop(sharded, file.path, { fetchedAt }));
        if (imp.value.added !== ROWS)
          throw new Error(`two-shard import added ${imp.value.added} rows, expected ${ROWS}`);
        shardImportMs = imp.ms;
        // Alternating with the one-server read, so both see the same neighbours.
        shardTop = [];
        oneTop = [];
        for (let i = 0; i < 3; i++) {
          shardTop.push(...(await topLatency(sharded)));
          oneTop.push(...(await topLatency(store)));
        }
      } finally {
        await sharded.close();
        for (const s of cluster.shards) s.stop();
      }
      const secs = (xs: number[]): number[] => xs.map((x) => x / 1000);
      return [
        {
          name: `pypi-top import into ClickHouse, ${ROWS.toLocaleString('en-US')} rows (server ${server.version}), median of ${IMPORTS}`,
          figure: chImportMs / 1000,
          unit: 's',
          baselineLabel: 'clickhouse-client INSERT of the same file',
          baseline: baselineMs / 1000,
          ...ratioGoal(1.5, chImportMs, baselineMs),
          figureRuns: secs(keptImports),
          baselineRuns: secs(clientImports),
          note:
            `kept ${rate(chImportMs)}; clickhouse-client ${Number.isFinite(baselineMs) ? rate(baselineMs) : 'n/a (no clickhouse-client)'}; ` +
            `re-import (adds nothing) ${(chReimport.ms / 1000).toFixed(1)} s; same import into DuckDB ${(duckImport.ms / 1000).toFixed(1)} s (${rate(duckImport.ms)})`,
        },
        {
          name: `pypi-top import onto two ClickHouse shards (Distributed), ${ROWS.toLocaleString('en-US')} rows`,
          figure: shardImportMs / 1000,
          unit: 's',
          baselineLabel: 'the same import into one ClickHouse server',
          baseline: chImportMs / 1000,
          note: `two shards ${rate(shardImportMs)}; both shards run on this one machine`,
        },
        {
          name: `top 100 pypi by downloads on two ClickHouse shards (median of ${shardTop.length}, alternating with one server)`,
          figure: median(shardTop),
          unit: 'ms',
          baselineLabel: 'one ClickHouse server, same data',
          baseline: median(oneTop),
          ...ratioGoal(1.5, median(shardTop), median(oneTop)),
          figureRuns: shardTop,
          baselineRuns: oneTop,
          note: 'both shards run on this one machine',
        },
        {
          name: `top 100 pypi by downloads, latest snapshot (median of ${READS})`,
          figure: median(chTop),
          unit: 'ms',
          baselineLabel: 'DuckDB store, same data',
          baseline: median(duckTop),
          figureRuns: chTop,
          baselineRuns: duckTop,
        },
        {
          name: `one subject's monthly series on ClickHouse (vllm's downloads, every snapshot; median of ${READS})`,
          figure: median(chSeries),
          unit: 'ms',
          baselineLabel: 'DuckDB store, same data',
          baseline: median(duckSeries),
          ...ratioGoal(2, median(chSeries), median(duckSeries)),
          figureRuns: chSeries,
          baselineRuns: duckSeries,
        },
      ];
    } finally {
      await ch?.close();
      await duck.close();
    }
  } finally {
    server.stop();
  }
}
