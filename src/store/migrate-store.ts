// Copies a DuckDB store into a ClickHouse store, batch by batch, under the original batch ids and
// bookkeeping, so the copy is verifiable (row counts and checksums per table) and resumable: a
// batch already committed in the target is skipped, one interrupted half-way is cleaned and copied
// again. Then compares the two stores through the Store contract's own reads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDbStore } from './duckdb/duckdb-store.js';
import { httpCacheEntryOf } from './sql/rows.js';
import type { ClickHouseStore } from './clickhouse/clickhouse-store.js';
import { APPEND_TABLES, TABLES, isTimeColumn } from './tables.js';

const ALL = Number.MAX_SAFE_INTEGER;

export interface CopyProgress {
  readonly batchIndex: number;
  readonly batches: number;
  readonly batchId: number;
  readonly rowsCopied: number;
}

export interface CopyResult {
  readonly batches: number;
  readonly copied: number;
  readonly skipped: number;
  readonly rows: number;
  readonly httpCache: number;
  readonly checkpoints: number;
}

export async function copyStore(
  from: DuckDbStore,
  to: ClickHouseStore,
  onProgress: (p: CopyProgress) => void = () => undefined,
): Promise<CopyResult> {
  const batches = (await from.batches(ALL)).reverse();
  let copied = 0;
  let skipped = 0;
  let rows = 0;
  const dir = mkdtempSync(join(tmpdir(), 'kept-migrate-'));
  try {
    for (const [i, b] of batches.entries()) {
      if (await to.hasBatch(b.batchId)) {
        skipped++;
        onProgress({ batchIndex: i + 1, batches: batches.length, batchId: b.batchId, rowsCopied: rows });
        continue;
      }
      await to.beginCopy(b.batchId);
      for (const table of APPEND_TABLES) {
        // DuckDB writes the batch as CSV (times as epoch ms); the ClickHouse server parses it.
        const file = join(dir, `${table}.csv`);
        const select = TABLES[table].columns.map((c) => (isTimeColumn(c) ? `epoch_ms(${c}) AS ${c}` : c)).join(', ');
        await from.rows(
          `COPY (SELECT ${select} FROM ${table} WHERE batch_id = ${Math.floor(b.batchId)}) TO ${sqlString(file)} (HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"')`,
        );
        const n = Number(
          (await from.rows(`SELECT count(*) AS n FROM ${table} WHERE batch_id = ${Math.floor(b.batchId)}`))[0]?.n ?? 0,
        );
        if (n > 0) await to.copyCsv(table, file);
        rmSync(file, { force: true });
        rows += n;
        onProgress({ batchIndex: i + 1, batches: batches.length, batchId: b.batchId, rowsCopied: rows });
      }
      await to.commitCopy(b);
      copied++;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const cache = await from.rows(`SELECT * FROM http_cache`);
  for (const r of cache) {
    await to.httpCachePut(String(r.key), httpCacheEntryOf(r));
  }
  const checkpoints = await from.rows(`SELECT scope, value FROM checkpoints`);
  for (const r of checkpoints) await to.checkpointPut(String(r.scope), String(r.value));
  return { batches: batches.length, copied, skipped, rows, httpCache: cache.length, checkpoints: checkpoints.length };
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export interface TableCheck {
  readonly table: string;
  readonly rows: number;
  /** Order-independent: two sums of 32-bit slices of each row's MD5 over a canonical text. */
  readonly checksum: string;
}

const BATCH_COLUMNS = ['batch_id', 'source', 'origin', 'fetched_at', 'committed_at', 'offered', 'added'];

/**
 * Row counts and checksums per table, computed by each engine over the same canonical row text
 * (fields joined by U+001F; times as epoch ms; whole numbers without a decimal point), so a DuckDB
 * store and its ClickHouse copy can be compared without reading the rows out.
 */
export async function storeChecksums(store: DuckDbStore | ClickHouseStore): Promise<TableCheck[]> {
  const out: TableCheck[] = [];
  const tables: [string, readonly string[]][] = [
    ...APPEND_TABLES.map((t) => [t, TABLES[t].columns] as [string, readonly string[]]),
    ['batches', BATCH_COLUMNS],
  ];
  for (const [table, cols] of tables) {
    let sql: string;
    if (store.backend === 'duckdb') {
      const field = (c: string): string =>
        isTimeColumn(c)
          ? `CAST(epoch_ms(${c}) AS VARCHAR)`
          : c === 'value' && table === 'observations'
            ? `CASE WHEN value = floor(value) AND abs(value) < 1e15 THEN CAST(CAST(value AS BIGINT) AS VARCHAR) ELSE CAST(value AS VARCHAR) END`
            : `CAST(${c} AS VARCHAR)`;
      const h = `md5(concat_ws(chr(31), ${cols.map(field).join(', ')}))`;
      sql = `SELECT count(*) AS n, coalesce(sum(CAST(('0x' || substr(${h}, 1, 8)) AS BIGINT)), 0) AS a,
        coalesce(sum(CAST(('0x' || substr(${h}, 9, 8)) AS BIGINT)), 0) AS b FROM ${table}`;
    } else {
      const ch = store as ClickHouseStore;
      const field = (c: string): string =>
        c === 'value' && table === 'observations'
          ? `if(value = floor(value) AND abs(value) < 1e15, toString(toInt64(value)), toString(value))`
          : `toString(${c})`;
      const h = `MD5(concat(${cols.map(field).join(`, '\x1F', `)}))`;
      sql = `SELECT count() AS n, sum(reinterpretAsUInt32(reverse(substring(${h}, 1, 4)))) AS a,
        sum(reinterpretAsUInt32(reverse(substring(${h}, 5, 4)))) AS b
        FROM ${ch.tableRef(table)}${table === 'batches' ? '' : ` WHERE ${ch.committedFilter()}`}`;
    }
    const r = (await store.rows(sql))[0] ?? {};
    out.push({
      table,
      rows: Number(r.n ?? 0),
      checksum: `${BigInt(String(r.a ?? 0)).toString(16)}-${BigInt(String(r.b ?? 0)).toString(16)}`,
    });
  }
  const stats = await store.stats();
  for (const table of ['http_cache', 'checkpoints']) out.push({ table, rows: stats.tables[table] ?? 0, checksum: '' });
  return out;
}
