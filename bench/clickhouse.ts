// ClickHouse store bench: the 971,000-row pypi-top file imported through kept (the server parses
// the streamed CSV, then kept's dedup INSERT … SELECT with the commit marker) against
// clickhouse-client's own INSERT of the same file into a plain table; and the top-N query on both
// backends over the same data. Starts its own server (test/helpers/clickhouse-server.ts).
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
import { medianMs, timed, type BenchResult } from './harness.js';

const ROWS = 971_000;

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

async function topLatency(store: Store): Promise<number> {
  const ends = await store.windowEnds('pypi', METRICS.downloads);
  const at = ends[ends.length - 1]!;
  return medianMs(15, () =>
    store.top({ subjectKind: 'pypi', metric: METRICS.downloads, windowEnd: at, windowDays: 30, limit: 100 }),
  );
}

async function seriesLatency(store: Store): Promise<number> {
  return medianMs(15, () =>
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
    const ch = await openStore(server.url('kept_bench'));
    const duck = await openStore(join(tempDir(), 'bench.duckdb'));
    try {
      const chImport = await timed(() => importPypiTop(ch, file.path, { fetchedAt }));
      if (chImport.value.added !== ROWS)
        throw new Error(`ClickHouse import added ${chImport.value.added} rows, expected ${ROWS}`);
      const chReimport = await timed(() => importPypiTop(ch, file.path, { fetchedAt }));
      const duckImport = await timed(() => importPypiTop(duck, file.path, { fetchedAt }));

      let baselineMs = Number.NaN;
      if (client && server.tcpPort) {
        await server.query(
          'CREATE TABLE kept_bench.raw (snapshot_date Date, window_days Int32, project String, downloads Int64, source String) ENGINE = MergeTree PARTITION BY toYYYYMM(snapshot_date) ORDER BY (project, snapshot_date)',
        );
        baselineMs = (
          await timed(() =>
            clientInsert(client, server.tcpPort!, server.user, server.password, 'kept_bench.raw', file.path),
          )
        ).ms;
        const n = Number((await server.query('SELECT count() FROM kept_bench.raw')).trim());
        if (n !== ROWS) throw new Error(`clickhouse-client loaded ${n} rows, expected ${ROWS}`);
      }
      const rate = (ms: number): string => `${Math.round(ROWS / (ms / 1000)).toLocaleString('en-US')} rows/s`;
      const chTop = await topLatency(ch);
      const duckTop = await topLatency(duck);
      const chSeries = await seriesLatency(ch);
      const duckSeries = await seriesLatency(duck);
      // The same import and top-N on two shards (two servers on this machine, Distributed tables).
      const cluster = await clickHouseCluster();
      const sharded = await openStore(cluster.url('kept_bench'));
      let shardImportMs: number;
      let shardTop: number;
      try {
        const imp = await timed(() => importPypiTop(sharded, file.path, { fetchedAt }));
        if (imp.value.added !== ROWS)
          throw new Error(`two-shard import added ${imp.value.added} rows, expected ${ROWS}`);
        shardImportMs = imp.ms;
        shardTop = await topLatency(sharded);
      } finally {
        await sharded.close();
        for (const s of cluster.shards) s.stop();
      }
      return [
        {
          name: `pypi-top import into ClickHouse, ${ROWS.toLocaleString('en-US')} rows (server ${server.version})`,
          figure: chImport.ms / 1000,
          unit: 's',
          baselineLabel: 'clickhouse-client INSERT of the same file',
          baseline: baselineMs / 1000,
          note:
            `kept ${rate(chImport.ms)}; clickhouse-client ${Number.isFinite(baselineMs) ? rate(baselineMs) : 'n/a (no clickhouse-client)'}; ` +
            `re-import (adds nothing) ${(chReimport.ms / 1000).toFixed(1)} s; same import into DuckDB ${(duckImport.ms / 1000).toFixed(1)} s (${rate(duckImport.ms)})`,
        },
        {
          name: `pypi-top import onto two ClickHouse shards (Distributed), ${ROWS.toLocaleString('en-US')} rows`,
          figure: shardImportMs / 1000,
          unit: 's',
          baselineLabel: 'the same import into one ClickHouse server',
          baseline: chImport.ms / 1000,
          note: `two shards ${rate(shardImportMs)}; top 100 on two shards ${shardTop.toFixed(1)} ms (one server ${chTop.toFixed(1)} ms); both shards run on this one machine`,
        },
        {
          name: 'top 100 pypi by downloads, latest snapshot (median of 15)',
          figure: chTop,
          unit: 'ms',
          baselineLabel: 'DuckDB store, same data',
          baseline: duckTop,
        },
        {
          name: "one subject's monthly series, 158 snapshots (median of 15)",
          figure: chSeries,
          unit: 'ms',
          baselineLabel: 'DuckDB store, same data',
          baseline: duckSeries,
        },
      ];
    } finally {
      await ch.close();
      await duck.close();
    }
  } finally {
    server.stop();
  }
}
