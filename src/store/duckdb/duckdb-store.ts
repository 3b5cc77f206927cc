// The default Store: one DuckDB file through @duckdb/node-api. Writes go through staging tables
// and then keep only rows whose identity columns are new (see insertNew), inside one transaction
// per batch, so a re-import adds nothing and an interrupted one leaves nothing behind.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  BIGINT,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBTimestampValue,
  TIMESTAMP,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBPreparedStatement,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { BatchResult, Provenance, WriteBatch } from '../../domain/observation.js';
import { NotFoundError, StoreError, errorMessage, redactSecrets } from '../../domain/errors.js';
import type { Subject, SubjectKind } from '../../domain/subject.js';
import {
  emptyColumnError,
  mismatchError,
  firstBroken,
  outOfRangeError,
  type BulkRange,
  repeatedKeyError,
  type BulkExpr,
  type BulkLoadPlan,
  type BulkObservation,
} from '../../domain/bulk-plan.js';
import type {
  BatchInfo,
  BulkLoadOptions,
  IntegrityReport,
  ObservationFilter,
  RecordFilter,
  RelationFilter,
  Store,
  StoreStats,
  StoredFact,
  StoredObservation,
  StoredRecord,
  StoredRelation,
  SubjectFilter,
  TopQuery,
  TopRow,
  WindowEndCount,
} from '../store.js';
import type { HttpCacheEntry } from '../../http/conditional-cache.js';
import type { HubAggregateQuery, HubAggregates } from '../../domain/ecosystem.js';
import { hubSnapshotAggregatesSql } from './hub-aggregates-sql.js';
import {
  checkStoreFile,
  damagedStoreError,
  verifyStoreChecksums,
  emptyStoreError,
  foreignStoreError,
  openStoreError,
} from './store-file.js';
import { compileBulkExpr, quoteIdent, duckdbType } from './bulk-sql.js';
import {
  MIGRATIONS,
  OBSERVATION_KEY_COLUMNS,
  OBSERVATION_ROWS,
  SCHEMA_VERSION,
  type ObservationKey,
} from './schema.js';
import { APPEND_TABLES, TABLES, isTimeColumn, type AppendTable } from '../tables.js';
import {
  batchOf,
  batchRows,
  epochMs,
  factOf,
  httpCacheEntryOf,
  inList,
  observationOf,
  partialBatchProblem,
  recordOf,
  relationOf,
  type Row,
} from '../sql/rows.js';
import { bulkReadError, type ReaderErrors } from '../sql/bulk-errors.js';
import { CallOrder } from '../call-order.js';

const CHUNK_ROWS = 2048;

/**
 * Reader connections beside the writing one: two reads at once keep both of a small machine's
 * cores busy (a page's big scan runs beside its small lookups); more would only queue in DuckDB.
 */
const READ_LANES = 2;

/** Prepared statements kept per connection (least recently used dropped first). */
const STATEMENTS_PER_CONNECTION = 64;

type QueryFn = (sql: string, params?: DuckDBValue[]) => Promise<Row[]>;

export interface DuckDbStoreOptions {
  readonly readOnly?: boolean;
  /**
   * DuckDB's memory_limit (e.g. '512MB'); default: KEPT_DUCKDB_MEMORY_LIMIT, else DuckDB's own
   * (80% of RAM). Bulk loads of millions of rows (npm download-counts) stay under 1 GB with ~512MB;
   * a file database spills to `<db>.tmp` beyond it.
   */
  readonly memoryLimit?: string;
}

export class DuckDbStore implements Store {
  readonly backend = 'duckdb' as const;
  readonly location: string;
  private closed = false;
  /** Every call but a typed read is a write here (one connection runs it); see read(). */
  private readonly order = new CallOrder();
  /** Reader connections not in use, and the calls waiting for one; at most READ_LANES exist. */
  private readonly idleReaders: DuckDBConnection[] = [];
  private readonly readerWaiters: ((conn: DuckDBConnection) => void)[] = [];
  private readers: DuckDBConnection[] = [];
  private readonly statements = new Map<DuckDBConnection, Map<string, DuckDBPreparedStatement>>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    path: string,
  ) {
    this.location = path;
  }

  /** Opens (creating if needed) the database file and brings its schema up to date. */
  static async open(path: string, options: DuckDbStoreOptions = {}): Promise<DuckDbStore> {
    const full = path === ':memory:' ? path : resolve(path);
    if (full !== ':memory:' && !options.readOnly) {
      try {
        mkdirSync(dirname(full), { recursive: true });
      } catch (err) {
        throw new StoreError(`cannot create the directory for the database ${full}: ${errorMessage(err)}`, {
          hint: 'pass --db with a path in a writable directory',
          cause: err,
        });
      }
    }
    if (full !== ':memory:' && options.readOnly && !existsSync(full)) {
      throw new NotFoundError(`no database at ${full}`, {
        hint: 'create one with kept demo, kept import or kept collect, or pass --db with an existing database',
      });
    }
    // The file is checked before DuckDB opens it: closing any descriptor of a file drops every
    // POSIX lock this process holds on it, DuckDB's included, so it cannot be read after.
    if (full !== ':memory:') await refuseDamagedFile(full, options.readOnly === true);
    let instance: DuckDBInstance;
    try {
      const memoryLimit = options.memoryLimit ?? process.env.KEPT_DUCKDB_MEMORY_LIMIT;
      instance = await DuckDBInstance.create(full, {
        ...(options.readOnly ? { access_mode: 'READ_ONLY' } : {}),
        ...(memoryLimit ? { memory_limit: memoryLimit } : {}),
        // Everything kept runs is built in: a file DuckDB takes for another format (a SQLite file)
        // must fail, not make it download and load an extension.
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
      });
    } catch (err) {
      throw openStoreError(full, err, options.readOnly === true);
    }
    let conn: DuckDBConnection | undefined;
    try {
      conn = await instance.connect();
      const store = new DuckDbStore(instance, conn, full);
      if ((await store.checkSchema(options.readOnly === true)) === 'current') return store;
      // A store an older kept made, opened for reading: brought up to date once (a writable open
      // migrates it, in one transaction), then opened for reading as asked.
      await store.close();
      await (await DuckDbStore.open(full, { ...options, readOnly: false })).close();
      return DuckDbStore.open(full, options);
    } catch (err) {
      try {
        conn?.closeSync();
        instance.closeSync();
      } catch {
        // the instance may be invalidated by the error; the error is what matters
      }
      if (err instanceof StoreError) throw err;
      throw damagedStoreError(full, err) ?? err;
    }
  }

  // ---------------------------------------------------------------- schema

  async schemaVersion(): Promise<number> {
    return this.serial(() => this.version());
  }

  private async version(): Promise<number> {
    const rows = await this.query(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'schema_migrations' AND table_schema = 'main'`,
    );
    if (Number(rows[0]?.n ?? 0) === 0) return 0;
    const v = await this.query(`SELECT coalesce(max(version), 0) AS v FROM schema_migrations`);
    return Number(v[0]?.v ?? 0);
  }

  /** Names of the tables, views and sequences in the main schema. */
  private async objects(): Promise<string[]> {
    const rows = await this.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main'
       UNION ALL SELECT sequence_name AS name FROM duckdb_sequences() WHERE schema_name = 'main' AND NOT temporary
       ORDER BY name`,
    );
    return rows.map((r) => String(r.name));
  }

  /**
   * Refuses a database kept did not make (objects of its own and no schema_migrations) before
   * anything is written to it, and an empty one opened for reading; brings a writable kept store's
   * schema up to date. A new store's schema_migrations is created with its first migration, in one
   * transaction, so a refused or interrupted open leaves nothing behind. 'older': a kept store
   * opened for reading whose schema this kept would migrate (open() does, then reopens it).
   */
  private async checkSchema(readOnly: boolean): Promise<'current' | 'older'> {
    if (this.location === ':memory:' && readOnly) return 'current';
    const objects = await this.objects();
    const kept = objects.includes('schema_migrations');
    if (!kept && objects.length > 0) throw foreignStoreError(this.location, objects);
    if (readOnly) {
      if (!kept) throw emptyStoreError(this.location);
      return (await this.version()) < SCHEMA_VERSION ? 'older' : 'current';
    }
    await this.migrate(kept);
    return 'current';
  }

  private async migrate(exists: boolean): Promise<void> {
    const current = exists ? await this.version() : 0;
    if (current > SCHEMA_VERSION) {
      throw new StoreError(
        `the database ${this.location} has schema version ${current}, newer than this kept (${SCHEMA_VERSION})`,
        {
          hint: 'upgrade kept, or pass --db to use another database',
        },
      );
    }
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      await this.transaction(async () => {
        await this.conn.run(
          `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`,
        );
        for (const sql of m.statements) await this.conn.run(sql);
        await this.conn.run(`INSERT INTO schema_migrations VALUES ($1, $2, now()::TIMESTAMP)`, [m.version, m.name]);
      });
    }
  }

  // ---------------------------------------------------------------- writes

  async write(batch: WriteBatch): Promise<BatchResult> {
    return this.serial(async () => {
      const p = batch.provenance;
      const source = redactSecrets(p.source);
      const stageRows = batchRows<DuckDBValue>(batch, ts);
      const offered = Object.values(stageRows).reduce((n, rows) => n + rows.length, 0);
      if (offered === 0) return { batchId: 0, offered: 0, added: 0 };

      // Staged before the transaction: DuckDB scans a committed temp table in parallel, one created
      // in the open transaction on one thread (twice the time on a large batch).
      const tables = (Object.keys(stageRows) as AppendTable[]).filter((t) => stageRows[t].length > 0);
      try {
        for (const table of tables) await this.stage(table, stageRows[table]);
        return await this.transaction(async () => {
          const batchId = await this.nextBatchId();
          let added = 0;
          for (const table of tables) {
            const cols = TABLES[table].columns.filter((c) => c !== 'batch_id');
            added += await this.insertNew(
              table,
              `(SELECT ${cols.join(', ')}, ${batchId}::BIGINT AS batch_id FROM stage_${table})`,
              source,
              batchId,
            );
          }
          if (added > 0) await this.recordBatch(batchId, source, redactSecrets(p.origin), p.fetchedAt, offered, added);
          return { batchId: added > 0 ? batchId : 0, offered, added };
        });
      } finally {
        for (const table of tables) await this.conn.run(`DROP TABLE IF EXISTS stage_${table}`);
      }
    });
  }

  async bulkLoad(plan: BulkLoadPlan, provenance: Provenance, options: BulkLoadOptions = {}): Promise<BatchResult> {
    return this.serial(async () => {
      const colTypes = plan.columns.map((c) => `${sqlString(c.name)}: ${sqlString(duckdbType(c.type))}`).join(', ');
      const reader = `read_csv(${sqlString(plan.path)}, header = true, auto_detect = false, delim = ${sqlString(plan.delimiter)},
        quote = '"', escape = '"', compression = ${sqlString(plan.compression === 'gzip' ? 'gzip' : 'none')},
        columns = {${colTypes}}, strict_mode = true, null_padding = false)`;
      const source = redactSecrets(provenance.source);
      const origin = redactSecrets(provenance.origin);
      // Started before the load so it runs while DuckDB reads; awaited before COMMIT.
      const verified = options.beforeCommit?.();
      verified?.catch(() => undefined);
      const rules = bulkRules(plan);
      const direct = await this.loadDirect(plan, reader, rules, source, origin, provenance.fetchedAt, verified);
      if (direct) return direct;
      // Staged and checked before the transaction opens: DuckDB scans a committed temp table in
      // parallel, one created in the open transaction on one thread (twice the time here).
      try {
        try {
          await this.conn.run(`CREATE OR REPLACE TEMP TABLE bulk_stage AS SELECT * FROM ${reader}`);
        } catch (err) {
          await verified; // a truncated file explains a parse error better than the parse error does
          throw bulkReadError(plan.path, err, DUCKDB_READER);
        }
        const total = Number((await this.query(`SELECT count(*) AS n FROM bulk_stage`))[0]?.n ?? 0);
        // Every check in one scan of the staged rows; errors are reported in declaration order, each
        // with its first offending row (the stage keeps the file's order: rowid 0 is line 2).
        const row =
          rules.length > 0
            ? ((
                await this.query(
                  `SELECT ${rules
                    .map(
                      (r, i) =>
                        `count(*) FILTER (WHERE ${r.bad}) AS n${i}, min(rowid) FILTER (WHERE ${r.bad}) AS r${i}, arg_min(${r.value}, rowid) FILTER (WHERE ${r.bad}) AS e${i}`,
                    )
                    .join(', ')} FROM bulk_stage`,
                )
              )[0] ?? {})
            : {};
        const broken = firstBroken(rules.map((_, i) => ({ n: Number(row[`n${i}`] ?? 0), row: Number(row[`r${i}`]) })));
        if (broken !== undefined)
          throw rules[broken]!.error(Number(row[`n${broken}`]), row[`e${broken}`], Number(row[`r${broken}`]));
        if (plan.uniqueBy && plan.uniqueBy.length > 0) {
          const key = plan.uniqueBy.map(quoteIdent).join(', ');
          const dup = await this
            .query(`SELECT ${plan.uniqueBy.map((c, i) => `${quoteIdent(c)}::VARCHAR AS k${i}`).join(', ')}, count(*) AS n
            FROM bulk_stage GROUP BY ${key} HAVING count(*) > 1 ORDER BY n DESC LIMIT 1`);
          const d = dup[0];
          if (d)
            throw repeatedKeyError(
              plan,
              Number(d.n),
              plan.uniqueBy.map((_, i) => d[`k${i}`]),
            );
        }
        return await this.transaction(async () => {
          const batchId = await this.nextBatchId();
          const select = bulkSelect(plan, 'bulk_stage', source, origin, provenance.fetchedAt, batchId);
          const added = await this.insertNew('observations', `(${select})`, source, batchId);
          await verified;
          // Offered counts observations: one per row and mapping.
          const offered = total * (1 + (plan.alsoObservations?.length ?? 0));
          if (added > 0) await this.recordBatch(batchId, source, origin, provenance.fetchedAt, offered, added);
          return { batchId: added > 0 ? batchId : 0, offered, added };
        });
      } finally {
        await this.conn.run(`DROP TABLE IF EXISTS bulk_stage`);
      }
    });
  }

  /**
   * The common case of a bulk load in one pass: the file read straight into observations, every
   * rule checked on the way (a broken one raises an error), in one transaction that commits only
   * when the rows are proved new: no repeat within the file (distinct identity hashes) and no
   * snapshot (coarse keys) this source already holds. Anything else (a broken rule, a read error,
   * a repeat, a snapshot stored before) rolls back and returns undefined: the staged path then
   * reports it precisely or inserts only the new rows. A valid first import reads the file once,
   * with no staging table (a third less work on the 971,000-row import, and no memory that grows
   * with the file).
   */
  private async loadDirect(
    plan: BulkLoadPlan,
    reader: string,
    rules: readonly BulkRule[],
    source: string,
    origin: string,
    fetchedAt: Date,
    verified: Promise<void> | undefined,
  ): Promise<BatchResult | undefined> {
    if (plan.uniqueBy && plan.uniqueBy.length > 0 && !identityCoversUniqueBy(plan)) return undefined;
    // A file this source committed before is most likely imported again: straight to the staged
    // path, which adds nothing without writing the file's rows first.
    const again = await this.query(`SELECT 1 AS x FROM batches WHERE source = $1 AND origin = $2 LIMIT 1`, [
      source,
      origin,
    ]);
    if (again.length > 0) return undefined;
    // Each mapping's key (kind, metric, dims, source) is known before the file is read when its
    // dims are a constant: the rows then carry the key's number and no text per key column.
    const keys = [plan.observation, ...(plan.alsoObservations ?? [])].map((o) => constantKey(o, source));
    if (keys.some((k) => k === undefined)) return undefined;
    const checked = rules.length === 0 ? reader : `(SELECT * FROM ${reader} WHERE ${directGuard(rules)}) r`;
    await this.conn.run('BEGIN TRANSACTION');
    let done = false;
    try {
      const batchId = await this.nextBatchId();
      const keyIds: number[] = [];
      for (const k of keys) keyIds.push(await this.observationKey(k!));
      await this.conn.run(`SET preserve_insertion_order = false`);
      const inserted = (
        await this.conn.run(
          `INSERT INTO ${OBSERVATION_ROWS.table} (${OBSERVATION_ROWS.columns.join(', ')})
           ${bulkSelect(plan, checked, source, origin, fetchedAt, batchId, keyIds)}`,
        )
      ).rowsChanged;
      const rows = `FROM ${OBSERVATION_ROWS.table} WHERE batch_id = ${batchId}`;
      const id = OBSERVATION_ROWS.identity.join(', ');
      const distinct = Number((await this.query(`SELECT count(DISTINCT hash(${id})) AS n ${rows}`))[0]?.n ?? 0);
      if (distinct !== inserted) return undefined;
      const coarse = TABLES.observations.coarse;
      const seen = await this.query(
        `SELECT 1 AS x FROM (SELECT DISTINCT ${coarse.join(', ')} FROM observations WHERE batch_id = ${batchId}) b
         WHERE EXISTS (SELECT 1 FROM observations t WHERE t.source = $1 AND t.batch_id <> ${batchId}
           AND ${coarse.map((c) => `t.${c} = b.${c}`).join(' AND ')}) LIMIT 1`,
        [source],
      );
      if (seen.length > 0) return undefined;
      await verified;
      const offered = inserted;
      if (inserted > 0) await this.recordBatch(batchId, source, origin, fetchedAt, offered, inserted);
      await this.conn.run('COMMIT');
      done = true;
      return { batchId: inserted > 0 ? batchId : 0, offered, added: inserted };
    } catch {
      // The staged path reads the file again and reports what went wrong in full.
      return undefined;
    } finally {
      if (!done) {
        try {
          await this.conn.run('ROLLBACK');
        } catch {
          // already aborted
        }
      }
      await this.conn.run(`RESET preserve_insertion_order`);
    }
  }

  /** Appends rows (every column but batch_id, in TABLES order) to the temp table stage_<table>. */
  private async stage(table: AppendTable, rows: DuckDBValue[][]): Promise<void> {
    const cols = TABLES[table].columns.filter((c) => c !== 'batch_id');
    const types = cols.map((c) => columnType(table, c));
    const stage = `stage_${table}`;
    await this.conn.run(
      `CREATE OR REPLACE TEMP TABLE ${stage} (${cols.map((c, i) => `${c} ${typeName(types[i]!)}`).join(', ')})`,
    );
    const appender = await this.conn.createAppender(stage, 'main', 'temp');
    try {
      for (let off = 0; off < rows.length; off += CHUNK_ROWS) {
        const slice = rows.slice(off, off + CHUNK_ROWS);
        const chunk = DuckDBDataChunk.create(types, slice.length);
        chunk.setColumns(cols.map((_, ci) => slice.map((r) => r[ci] ?? null)));
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  /**
   * Inserts the rows of `select` (one batch, all from `source`) whose identity is not stored yet
   * nor repeated within the batch; returns how many went in.
   *
   * Identity includes the source (and, for observations, the metric and window), so when the table
   * holds nothing from `source` with the batch's coarse keys (a new month of a snapshot, a first
   * import) only repeats within the batch can collide: the rows go straight in, and one hash of
   * each row's identity proves them distinct (distinct hashes imply distinct identities; any equal
   * pair sends the batch to a delete of the later copies). That halves a first import of a large
   * file (the import-pypi-top benchmark). Otherwise DISTINCT ON (a hash aggregate, half the time of a
   * row_number() window) and an anti-join on the stored rows.
   *
   * Both run with preserve_insertion_order off: DuckDB then appends in parallel without having to
   * reorder row groups at the next checkpoint (~300 ms on 971,000 rows). Nothing reads this
   * store's rows in insertion order: every read sorts by its table's total order (TABLES.order).
   */
  private async insertNew(table: AppendTable, select: string, source: string, batchId: number): Promise<number> {
    const spec = TABLES[table];
    const coarse: readonly string[] = 'coarse' in spec ? spec.coarse : [];
    const sameCoarse =
      coarse.length === 0
        ? ''
        : `AND EXISTS (SELECT 1 FROM (SELECT DISTINCT ${coarse.join(', ')} FROM ${select} q) b WHERE ${coarse.map((c) => `b.${c} = t.${c}`).join(' AND ')})`;
    const any = async (where: string): Promise<boolean> =>
      (await this.query(`SELECT 1 AS x FROM ${table} t WHERE t.source = $1 ${where} LIMIT 1`, [source])).length > 0;
    const stored = (await any('')) && (sameCoarse === '' || (await any(sameCoarse)));
    // Observations are written as rows of observation_rows, each naming its key (created first).
    const [target, rows] =
      table === 'observations'
        ? [OBSERVATION_ROWS, await this.keyedRows(select)]
        : [{ table, columns: spec.columns, identity: spec.identity }, select];
    const id = target.identity.join(', ');
    const cols = target.columns.join(', ');
    await this.conn.run(`SET preserve_insertion_order = false`);
    try {
      if (!stored) {
        const inserted = (await this.conn.run(`INSERT INTO ${target.table} (${cols}) SELECT ${cols} FROM ${rows} q`))
          .rowsChanged;
        const batch = `FROM ${target.table} WHERE batch_id = ${batchId}`;
        const distinct = Number((await this.query(`SELECT count(DISTINCT hash(${id})) AS n ${batch}`))[0]?.n ?? 0);
        if (distinct === inserted) return inserted;
        const repeats = await this.conn.run(
          `DELETE ${batch} AND rowid NOT IN (SELECT min(rowid) ${batch} GROUP BY ${id})`,
        );
        return inserted - repeats.rowsChanged;
      }
      const match = target.identity.map((c) => `t.${c} = s.${c}`).join(' AND ');
      const r = await this.conn.run(`INSERT INTO ${target.table} (${cols})
        SELECT ${target.columns.map((c) => `s.${c}`).join(', ')} FROM (SELECT DISTINCT ON (${id}) * FROM ${rows} q) s
        WHERE NOT EXISTS (SELECT 1 FROM ${target.table} t WHERE ${match})`);
      return r.rowsChanged;
    } finally {
      await this.conn.run(`RESET preserve_insertion_order`);
    }
  }

  /**
   * `select` (observations' columns) as observation_rows' columns: the keys it names that are not
   * stored yet are added first, then each row is joined to its key.
   */
  private async keyedRows(select: string): Promise<string> {
    await this.addKeys(select);
    return `(SELECT ${OBSERVATION_ROWS.columns.map((c) => (c === 'key_id' ? 'k.key_id' : `q.${c}`)).join(', ')}
      FROM ${select} q JOIN observation_keys k USING (${OBSERVATION_KEY_COLUMNS.join(', ')}))`;
  }

  /** The number of the observation key (kind, metric, dims, source), added if it is new. */
  private async observationKey(key: ObservationKey): Promise<number> {
    await this.addKeys(`(SELECT ${OBSERVATION_KEY_COLUMNS.map((c) => `${sqlString(key[c])} AS ${c}`).join(', ')})`);
    const match = OBSERVATION_KEY_COLUMNS.map((c, i) => `${c} = $${i + 1}`).join(' AND ');
    const found = await this.query(
      `SELECT key_id FROM observation_keys WHERE ${match}`,
      OBSERVATION_KEY_COLUMNS.map((c) => key[c]),
    );
    return Number(found[0]?.key_id);
  }

  /** Adds the keys `select` names that are not stored yet, numbered after the last one. */
  private async addKeys(select: string): Promise<void> {
    const keys = OBSERVATION_KEY_COLUMNS.join(', ');
    await this.conn.run(`INSERT INTO observation_keys (key_id, ${keys})
      SELECT (SELECT coalesce(max(key_id), 0) FROM observation_keys) + row_number() OVER (ORDER BY ${keys}), ${keys}
      FROM (SELECT DISTINCT ${keys} FROM ${select} q) d
      WHERE NOT EXISTS (SELECT 1 FROM observation_keys k WHERE ${OBSERVATION_KEY_COLUMNS.map((c) => `k.${c} = d.${c}`).join(' AND ')})`);
  }

  private async nextBatchId(): Promise<number> {
    const r = await this.query(`SELECT nextval('batch_seq') AS id`);
    return Number(r[0]?.id);
  }

  private async recordBatch(
    batchId: number,
    source: string,
    origin: string,
    fetchedAt: Date,
    offered: number,
    added: number,
  ): Promise<void> {
    await this.conn.run(`INSERT INTO batches VALUES ($1, $2, $3, $4::TIMESTAMP, now()::TIMESTAMP, $5, $6)`, [
      batchId,
      source,
      origin,
      isoTs(fetchedAt),
      offered,
      added,
    ]);
  }

  private async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.conn.run('BEGIN TRANSACTION');
    try {
      const out = await work();
      await this.conn.run('COMMIT');
      return out;
    } catch (err) {
      try {
        await this.conn.run('ROLLBACK');
      } catch {
        // The transaction may already be aborted; the original error is what matters.
      }
      throw err;
    }
  }

  // ---------------------------------------------------------------- reads

  async observations(f: ObservationFilter): Promise<StoredObservation[]> {
    return this.read(async (query) => {
      // The keys first (a scan of a few hundred rows): no key, no rows, and no scan of
      // observation_rows; otherwise the rows are read by key number, which DuckDB checks against
      // each row group's min and max (a load's rows share one key) before reading it.
      const keyWhere: string[] = [];
      const keyParams: DuckDBValue[] = [];
      const kinds = f.subjects ? [...new Set(f.subjects.map((s) => s.kind))] : undefined;
      inList(keyWhere, 'subject_kind', f.subjectKind ? [f.subjectKind] : undefined, binder(keyParams));
      inList(keyWhere, 'subject_kind', kinds, binder(keyParams));
      inList(keyWhere, 'metric', f.metrics, binder(keyParams));
      inList(keyWhere, 'source', f.sources, binder(keyParams));
      inList(keyWhere, 'dims', f.dims === undefined ? undefined : [f.dims], binder(keyParams));
      const keys = await query(
        `SELECT key_id FROM observation_keys ${keyWhere.length ? `WHERE ${keyWhere.join(' AND ')}` : ''} ORDER BY key_id`,
        keyParams,
      );
      if (keys.length === 0) return [];
      const where: string[] = [`key_id IN (${keys.map((k) => Math.trunc(Number(k.key_id))).join(', ')})`];
      const params: DuckDBValue[] = [];
      subjectWhere(where, params, f.subjects, f.subjectKind, 'subject_kind', 'subject_id');
      inList(where, 'metric', f.metrics, binder(params));
      inList(where, 'source', f.sources, binder(params));
      if (f.dims !== undefined) {
        params.push(f.dims);
        where.push(`dims = $${params.length}`);
      }
      if (f.windowDays !== undefined) {
        params.push(f.windowDays);
        where.push(`date_diff('day', window_start, window_end) = $${params.length}`);
      }
      if (f.from) {
        params.push(isoTs(f.from));
        where.push(`window_end >= $${params.length}::TIMESTAMP`);
      }
      if (f.to) {
        params.push(isoTs(f.to));
        where.push(`window_end <= $${params.length}::TIMESTAMP`);
      }
      const rows = await query(
        `SELECT ${TABLES.observations.columns.join(', ')}
         FROM ${OBSERVATION_ROWS.table} JOIN observation_keys USING (key_id) WHERE ${where.join(' AND ')}
         ORDER BY ${TABLES.observations.order.join(', ')}`,
        params,
      );
      return rows.map(observationOf);
    });
  }

  async facts(f: SubjectFilter): Promise<StoredFact[]> {
    return this.read(async (query) => {
      const where: string[] = [];
      const params: DuckDBValue[] = [];
      subjectWhere(where, params, f.subjects, f.subjectKind, 'subject_kind', 'subject_id');
      inList(where, 'name', f.names, binder(params));
      inList(where, 'source', f.sources, binder(params));
      const rows = await query(
        `SELECT * FROM facts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${TABLES.facts.order.join(', ')}`,
        params,
      );
      return rows.map(factOf);
    });
  }

  async relations(f: RelationFilter): Promise<StoredRelation[]> {
    return this.read(async (query) => {
      const where: string[] = [];
      const params: DuckDBValue[] = [];
      subjectWhere(where, params, f.from, undefined, 'from_kind', 'from_id');
      subjectWhere(where, params, f.to, undefined, 'to_kind', 'to_id');
      inList(where, 'relation', f.relations, binder(params));
      const rows = await query(
        `SELECT * FROM relations ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${TABLES.relations.order.join(', ')}`,
        params,
      );
      return rows.map(relationOf);
    });
  }

  async records(f: RecordFilter): Promise<StoredRecord[]> {
    return this.read(async (query) => {
      const where: string[] = [];
      const params: DuckDBValue[] = [];
      subjectWhere(where, params, f.subjects, undefined, 'subject_kind', 'subject_id');
      inList(where, 'kind', f.kinds, binder(params));
      const rows = await query(
        `SELECT * FROM records ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${TABLES.records.order.join(', ')}`,
        params,
      );
      return rows.map(recordOf);
    });
  }

  async top(q: TopQuery): Promise<TopRow[]> {
    return this.read(async (query) => {
      const params: DuckDBValue[] = [q.subjectKind, q.metric, isoTs(q.windowEnd)];
      const endClause = q.wholeDay
        ? `window_end >= $3::TIMESTAMP AND window_end < $3::TIMESTAMP + INTERVAL 1 DAY`
        : `window_end = $3::TIMESTAMP`;
      let windowClause = '';
      if (q.windowDays !== undefined) {
        params.push(q.windowDays);
        windowClause = `AND date_diff('day', window_start, window_end) = $${params.length}`;
      }
      params.push(q.limit);
      const rows = await query(
        `SELECT subject_id, max(value) AS value, arg_max(source, value) AS source, arg_max(origin, value) AS origin
         FROM observations
         WHERE subject_kind = $1 AND metric = $2 AND dims = '' AND ${endClause} ${windowClause}
         GROUP BY subject_id ORDER BY value DESC, subject_id LIMIT $${params.length}`,
        params,
      );
      return rows.map((r) => ({
        subject: { kind: q.subjectKind, id: String(r.subject_id) },
        value: Number(r.value),
        source: String(r.source),
        origin: String(r.origin),
      }));
    });
  }

  async windowEnds(subjectKind: SubjectKind, metric: string): Promise<Date[]> {
    return this.read(async (query) => {
      const rows = await query(
        `SELECT DISTINCT window_end FROM observations WHERE subject_kind = $1 AND metric = $2 ORDER BY window_end`,
        [subjectKind, metric],
      );
      return rows.map((r) => r.window_end as Date);
    });
  }

  async windowEndCounts(subjectKind: SubjectKind, metric: string): Promise<WindowEndCount[]> {
    return this.read(async (query) => {
      const counts = (rows: Row[]): WindowEndCount[] =>
        rows.map((r) => ({ windowEnd: r.window_end as Date, subjects: Number(r.n) }));
      const keys = await query(`SELECT key_id FROM observation_keys WHERE subject_kind = $1 AND metric = $2`, [
        subjectKind,
        metric,
      ]);
      if (keys.length === 0) return [];
      if (keys.length === 1) {
        // One key, and one window per window end: a row's identity is its key, subject and window,
        // so each row is another subject and counting rows counts them, with no hash of every name.
        const rows = await query(
          `SELECT window_end, count(*) AS n, min(window_start) = max(window_start) AS one FROM ${OBSERVATION_ROWS.table}
           WHERE key_id = ${Math.trunc(Number(keys[0]!.key_id))} GROUP BY window_end ORDER BY window_end`,
        );
        if (rows.every((r) => r.one === true)) return counts(rows);
      }
      return counts(
        await query(
          `SELECT window_end, count(DISTINCT subject_id) AS n FROM observations
           WHERE subject_kind = $1 AND metric = $2 GROUP BY window_end ORDER BY window_end`,
          [subjectKind, metric],
        ),
      );
    });
  }

  async subjects(kind?: SubjectKind): Promise<Subject[]> {
    return this.read(async (query) => {
      const params: DuckDBValue[] = kind ? [kind] : [];
      const w = kind ? 'WHERE subject_kind = $1' : '';
      const rows = await query(
        `SELECT DISTINCT subject_kind, subject_id FROM (
           SELECT subject_kind, subject_id FROM observations ${w}
           UNION ALL SELECT subject_kind, subject_id FROM facts ${w}
           UNION ALL SELECT subject_kind, subject_id FROM records ${w}
         ) ORDER BY subject_kind, subject_id`,
        params,
      );
      return rows.map((r) => ({ kind: r.subject_kind as SubjectKind, id: String(r.subject_id) }));
    });
  }

  async batches(limit = 50): Promise<BatchInfo[]> {
    return this.read(async (query) => {
      const rows = await query(`SELECT * FROM batches ORDER BY batch_id DESC LIMIT $1`, [limit]);
      return rows.map(batchOf);
    });
  }

  async stats(): Promise<StoreStats> {
    return this.read(async (query) => {
      const names = [...APPEND_TABLES, 'batches', 'http_cache', 'checkpoints'];
      // One statement: every opened store has schema_migrations (open migrates or refuses).
      // Observations counted in observation_rows: the view's join is not needed to count them.
      const counts = names
        .map((t) => `(SELECT count(*) FROM ${t === 'observations' ? OBSERVATION_ROWS.table : t}) AS ${t}`)
        .join(', ');
      const row = (
        await query(`SELECT ${counts}, (SELECT coalesce(max(version), 0) FROM schema_migrations) AS schema_version`)
      )[0];
      const tables = Object.fromEntries(names.map((t) => [t, Number(row?.[t] ?? 0)]));
      return { schemaVersion: Number(row?.schema_version ?? 0), tables, batches: tables.batches ?? 0 };
    });
  }

  async integrity(): Promise<IntegrityReport> {
    return this.serial(async () => {
      const problems: string[] = [];
      const version = await this.version();
      if (version !== SCHEMA_VERSION) problems.push(`schema version ${version}, expected ${SCHEMA_VERSION}`);
      if (version > 0) {
        for (const table of APPEND_TABLES) {
          const orphans = await this.query(
            `SELECT count(*) AS n FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM batches b WHERE b.batch_id = t.batch_id)`,
          );
          const n = Number(orphans[0]?.n ?? 0);
          if (n > 0) problems.push(`${table}: ${n} row(s) belong to no committed batch`);
          const id = TABLES[table].identity.join(', ');
          const dups = await this.query(
            `SELECT count(*) AS n FROM (SELECT ${id} FROM ${table} GROUP BY ${id} HAVING count(*) > 1)`,
          );
          const d = Number(dups[0]?.n ?? 0);
          if (d > 0) problems.push(`${table}: ${d} identity key(s) stored more than once`);
        }
        const unkeyed = await this.query(
          `SELECT count(*) AS n FROM ${OBSERVATION_ROWS.table} r
           WHERE NOT EXISTS (SELECT 1 FROM observation_keys k WHERE k.key_id = r.key_id)`,
        );
        const u = Number(unkeyed[0]?.n ?? 0);
        if (u > 0) problems.push(`${OBSERVATION_ROWS.table}: ${u} row(s) name no observation key`);
        const counts = await this.query(
          `SELECT b.batch_id, b.added, coalesce(o.n, 0) + coalesce(f.n, 0) + coalesce(r.n, 0) + coalesce(d.n, 0) AS n
           FROM batches b
           LEFT JOIN (SELECT batch_id, count(*) n FROM observations GROUP BY ALL) o USING (batch_id)
           LEFT JOIN (SELECT batch_id, count(*) n FROM facts GROUP BY ALL) f USING (batch_id)
           LEFT JOIN (SELECT batch_id, count(*) n FROM relations GROUP BY ALL) r USING (batch_id)
           LEFT JOIN (SELECT batch_id, count(*) n FROM records GROUP BY ALL) d USING (batch_id)
           WHERE b.added <> coalesce(o.n, 0) + coalesce(f.n, 0) + coalesce(r.n, 0) + coalesce(d.n, 0)`,
        );
        for (const c of counts) problems.push(partialBatchProblem(c));
        const check = await this.query(`PRAGMA database_size`);
        if (check.length === 0) problems.push('database_size returned nothing');
      }
      return { ok: problems.length === 0, schemaVersion: version, expectedSchemaVersion: SCHEMA_VERSION, problems };
    });
  }

  // ---------------------------------------------------------------- bookkeeping

  async httpCacheGet(key: string): Promise<HttpCacheEntry | undefined> {
    return this.serial(async () => {
      const rows = await this.query(`SELECT * FROM http_cache WHERE key = $1`, [key]);
      const r = rows[0];
      return r ? httpCacheEntryOf(r) : undefined;
    });
  }

  async httpCachePut(key: string, e: HttpCacheEntry): Promise<void> {
    return this.serial(async () => {
      await this.conn.run(`INSERT OR REPLACE INTO http_cache VALUES ($1, $2, $3, $4, $5, $6, $7::TIMESTAMP)`, [
        key,
        e.etag ?? null,
        e.lastModified ?? null,
        e.status,
        redactSecrets(JSON.stringify(e.headers)),
        redactSecrets(e.body),
        isoTs(e.storedAt),
      ]);
    });
  }

  async checkpointGet(scope: string): Promise<string | undefined> {
    return this.serial(async () => {
      const rows = await this.query(`SELECT value FROM checkpoints WHERE scope = $1`, [scope]);
      return rows[0] ? String(rows[0].value) : undefined;
    });
  }

  async checkpointPut(scope: string, value: string): Promise<void> {
    return this.serial(async () => {
      await this.conn.run(`INSERT OR REPLACE INTO checkpoints VALUES ($1, $2, now()::TIMESTAMP)`, [scope, value]);
    });
  }

  /** Runs read-only SQL for callers inside store/ (report queries, the bench baseline). */
  async rows(sql: string, params: DuckDBValue[] = []): Promise<Row[]> {
    return this.serial(() => this.query(sql, params));
  }

  private async query(sql: string, params: DuckDBValue[] = [], conn: DuckDBConnection = this.conn): Promise<Row[]> {
    if (params.length === 0) return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Row[];
    const statement = await this.statement(conn, sql);
    statement.bind(params);
    return (await statement.runAndReadAll()).getRowObjectsJS() as Row[];
  }

  /**
   * The connection's prepared statement for this SQL, prepared once: a page asks the same dozen
   * queries every time, and parsing, planning and freeing each again held the event loop for
   * about 10 ms a page. A connection runs one call at a time, so its statements are never bound twice at once.
   */
  private async statement(conn: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
    let cache = this.statements.get(conn);
    if (!cache) this.statements.set(conn, (cache = new Map()));
    const known = cache.get(sql);
    if (known) {
      cache.delete(sql); // most recently used last
      cache.set(sql, known);
      return known;
    }
    const prepared = await conn.prepare(sql);
    cache.set(sql, prepared);
    if (cache.size > STATEMENTS_PER_CONNECTION) {
      const [oldest, statement] = cache.entries().next().value as [string, DuckDBPreparedStatement];
      cache.delete(oldest);
      statement.destroySync();
    }
    return prepared;
  }

  /**
   * Runs public calls one at a time, in call order: a DuckDB connection runs one statement (and one
   * transaction) at a time, and collectors and dashboard requests call in parallel.
   */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    return this.order.write(work).catch(this.inStoreWords);
  }

  /** A damaged block shows only when a statement reads it: say so, in the store's words. */
  private readonly inStoreWords = (err: unknown): never => {
    throw err instanceof StoreError ? err : (damagedStoreError(this.location, err) ?? err);
  };

  /**
   * Runs a typed read on a reader connection of its own, beside other reads: it starts once every
   * write called before it has finished (so it sees them), and every call made after it waits for
   * it as for any other call. DuckDB runs the statements of separate connections at once, and a
   * page's dozen reads no longer queue behind its one big scan.
   */
  private read<T>(work: (query: QueryFn) => Promise<T>): Promise<T> {
    return this.order
      .read(async () => {
        const conn = await this.reader();
        try {
          return await work((sql, params) => this.query(sql, params, conn));
        } finally {
          this.release(conn);
        }
      })
      .catch(this.inStoreWords);
  }

  private async reader(): Promise<DuckDBConnection> {
    const idle = this.idleReaders.pop();
    if (idle) return idle;
    if (this.readers.length < READ_LANES) {
      const conn = await this.instance.connect();
      this.readers.push(conn);
      return conn;
    }
    return new Promise((resolve) => this.readerWaiters.push(resolve));
  }

  private release(conn: DuckDBConnection): void {
    const next = this.readerWaiters.shift();
    if (next) next(conn);
    else this.idleReaders.push(conn);
  }

  async close(): Promise<void> {
    return this.serial(async () => {
      if (this.closed) return;
      this.closed = true;
      try {
        this.statements.clear(); // each connection frees its own statements as it closes
        for (const r of this.readers) r.closeSync();
        this.readers = [];
        this.idleReaders.length = 0;
        this.conn.closeSync();
        this.instance.closeSync();
      } catch (err) {
        // After a fatal engine error (a damaged file) closing fails too; that error was already reported.
        if (!damagedStoreError(this.location, err)) throw err;
      }
    });
  }

  // -------------------------------------------------------------- ecosystem

  async hubSnapshotAggregates(query: HubAggregateQuery): Promise<HubAggregates> {
    return this.serial(async () => {
      // Its temp tables are read only by aggregates and ordered queries: built without keeping
      // insertion order, DuckDB writes them in parallel (about 8% less time for the three largest).
      await this.conn.run(`SET preserve_insertion_order = false`);
      try {
        return await hubSnapshotAggregatesSql(
          { run: async (sql) => void (await this.conn.run(sql)), rows: (sql) => this.query(sql) },
          query,
        );
      } finally {
        await this.conn.run(`RESET preserve_insertion_order`);
      }
    });
  }
}

// ------------------------------------------------------------------ helpers

/** How DuckDB's read_csv reports a file it cannot read or parse. */
const DUCKDB_READER: ReaderErrors = {
  line: (msg) => {
    const n = /line[: ]+(\d+)/i.exec(msg)?.[1];
    return n === undefined ? undefined : Number(n);
  },
  unreadable: /No files found|Cannot open file|No such file/i,
  prefix: /^[A-Za-z ]+Error: /,
};

function ts(d: Date, what: string): DuckDBTimestampValue {
  return new DuckDBTimestampValue(BigInt(epochMs(d, what)) * 1000n);
}

/** Binds a value as the next positional parameter. */
function binder(params: DuckDBValue[]): (value: string) => string {
  return (value) => {
    params.push(value);
    return `$${params.length}`;
  };
}

function isoTs(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function columnType(table: AppendTable, name: string): DuckDBType {
  if (table === 'observations' && name === 'value') return DOUBLE;
  if (name === 'batch_id') return BIGINT;
  if (isTimeColumn(name)) return TIMESTAMP;
  return VARCHAR;
}

function typeName(t: DuckDBType): string {
  return t.toString();
}

function subjectWhere(
  where: string[],
  params: DuckDBValue[],
  subjects: readonly Subject[] | undefined,
  kind: SubjectKind | undefined,
  kindCol: string,
  idCol: string,
): void {
  if (kind) {
    params.push(kind);
    where.push(`${kindCol} = $${params.length}`);
  }
  if (!subjects) return;
  if (subjects.length === 0) {
    where.push('false');
    return;
  }
  // One IN list per kind: DuckDB plans `id IN (...)` as a hash lookup, where a long chain of
  // (kind AND id) ORs is evaluated term by term (10× slower for the 60 packages of the catalog).
  const byKind = new Map<string, string[]>();
  for (const s of subjects) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s.id]);
  const ors = [...byKind.entries()].map(([k, ids]) => {
    params.push(k);
    const kindParam = params.length;
    const idParams = ids.map((id) => {
      params.push(id);
      return `$${params.length}`;
    });
    return `(${kindCol} = $${kindParam} AND ${idCol} IN (${idParams.join(', ')}))`;
  });
  where.push(`(${ors.join(' OR ')})`);
}

/** SQL true for a staged value outside a range rule: a number (finite, for doubles) or an ISO day. */
/** A bulk-load rule: SQL true for a row that breaks it, the value to quote, and its error. */
interface BulkRule {
  readonly bad: string;
  readonly value: string;
  readonly error: (n: number, example: unknown, row: number) => Error;
}

/** The plan's row rules over the file's columns, in declaration order (required, matches, ranges). */
function bulkRules(plan: BulkLoadPlan): BulkRule[] {
  return [
    ...plan.required.map((name) => ({
      // Only text can be empty: a parsed date or number never casts to '' (casting every one of
      // them to text just to compare cost a tenth of the 971,000-row import).
      bad:
        plan.columns.find((c) => c.name === name)?.type === 'varchar'
          ? `${quoteIdent(name)} IS NULL OR ${quoteIdent(name)} = ''`
          : `${quoteIdent(name)} IS NULL`,
      value: `''`,
      error: (n: number, _e: unknown, row: number) => emptyColumnError(plan, name, n, row),
    })),
    ...(plan.matches ?? []).map((m) => ({
      bad: `NOT regexp_full_match(${quoteIdent(m.column)}, ${sqlString(m.regex)})`,
      value: quoteIdent(m.column),
      error: (n: number, e: unknown, row: number) => mismatchError(plan, m, n, e, row),
    })),
    ...(plan.ranges ?? []).map((r) => ({
      bad: rangeViolation(plan, r),
      value: `CAST(${quoteIdent(r.column)} AS VARCHAR)`,
      error: (n: number, e: unknown, row: number) => outOfRangeError(plan, r, n, e, row),
    })),
  ];
}

/**
 * A WHERE condition true for every row that keeps all rules, raising an error at the first that
 * does not: the one-pass load stops rather than skip a row (the staged path then names it).
 */
function directGuard(rules: readonly BulkRule[]): string {
  // One coalesce over the OR of every rule: a rule that is NULL counts as kept, as it would alone.
  return `CASE WHEN coalesce(${rules.map((r) => `(${r.bad})`).join(' OR ')}, false) THEN error('kept: a row breaks a bulk-load rule') ELSE true END`;
}

/**
 * The SELECT of observations (every column, batch_id included) from `from`: each row of `from` once
 * per mapping. Several mappings read `from` once, crossed with their numbers, each column a CASE
 * over them where the mappings differ: a UNION ALL of one SELECT per mapping would read and parse
 * the file once per mapping. Given each mapping's observation key number, it selects
 * observation_rows' columns instead: the key's number in place of its four columns.
 */
function bulkSelect(
  plan: BulkLoadPlan,
  from: string,
  source: string,
  origin: string,
  fetchedAt: Date,
  batchId: number,
  keyIds?: readonly number[],
): string {
  const e = (x: Parameters<typeof compileBulkExpr>[0]): string => compileBulkExpr(x, plan);
  const arms = [plan.observation, ...(plan.alsoObservations ?? [])];
  const column = (name: string, sql: (o: BulkObservation, i: number) => string): string => {
    const each = arms.map(sql);
    const same = each.every((x) => x === each[0]);
    return `${same ? each[0] : `CASE kept_mapping ${each.map((x, i) => `WHEN ${i} THEN ${x}`).join(' ')} END`} AS ${name}`;
  };
  const keyed = keyIds
    ? { key_id: column('key_id', (_, i) => `${keyIds[i]}::INTEGER`) }
    : {
        subject_kind: column('subject_kind', (o) => sqlString(o.subjectKind)),
        metric: column('metric', (o) => sqlString(o.metric)),
        dims: column('dims', (o) => (o.dims ? e(o.dims) : `''`)),
        source: `${sqlString(source)} AS source`,
      };
  const all: Record<string, string> = {
    ...keyed,
    subject_id: column('subject_id', (o) => e(o.subjectId)),
    value: column('value', (o) => `CAST(${e(o.value)} AS DOUBLE)`),
    window_start: column('window_start', (o) => `CAST(${e(o.windowStart)} AS TIMESTAMP)`),
    window_end: column('window_end', (o) => `CAST(${e(o.windowEnd)} AS TIMESTAMP)`),
    observed_at: column('observed_at', (o) => `CAST(${e(o.observedAt)} AS TIMESTAMP)`),
    origin: column('origin', (o) => (o.origin ? e(o.origin) : sqlString(origin))),
    fetched_at: `${sqlString(isoTs(fetchedAt))}::TIMESTAMP AS fetched_at`,
    batch_id: `${batchId}::BIGINT AS batch_id`,
  };
  const columns: readonly string[] = keyIds ? OBSERVATION_ROWS.columns : TABLES.observations.columns;
  return `SELECT ${columns.map((c) => all[c]).join(',\n      ')}
    FROM ${from}${arms.length > 1 ? ` CROSS JOIN range(${arms.length}) AS kept_mappings(kept_mapping)` : ''}`;
}

/** A mapping's observation key when every part of it is a constant (its dims absent or a literal). */
function constantKey(o: BulkObservation, source: string): ObservationKey | undefined {
  const dims = o.dims === undefined ? '' : 'lit' in o.dims ? String(o.dims.lit) : undefined;
  return dims === undefined ? undefined : { subject_kind: o.subjectKind, metric: o.metric, dims, source };
}

/**
 * Whether two rows of the file repeat a `uniqueBy` key exactly when their first observations share
 * an identity: the identity's expressions read only key columns, and each key column appears bare
 * (or as a timestamp) in one of them. Then the one-pass load's distinct-identity proof also proves
 * the key unique, and a repeat sends the file to the staged path, which names it.
 */
function identityCoversUniqueBy(plan: BulkLoadPlan): boolean {
  const keys = new Set(plan.uniqueBy ?? []);
  const o = plan.observation;
  const parts: BulkExpr[] = [o.subjectId, o.windowStart, o.windowEnd, ...(o.dims ? [o.dims] : [])];
  const columns = (x: BulkExpr): string[] => {
    if ('col' in x) return [x.col];
    if ('lit' in x) return [];
    if ('pep503' in x) return columns(x.pep503);
    if ('lower' in x) return columns(x.lower);
    if ('asTimestamp' in x) return columns(x.asTimestamp);
    if ('daysBefore' in x) return [...columns(x.daysBefore), ...columns(x.days)];
    return x.concat.flatMap(columns);
  };
  const bare = (x: BulkExpr): string | undefined =>
    'col' in x ? x.col : 'asTimestamp' in x && 'col' in x.asTimestamp ? x.asTimestamp.col : undefined;
  return (
    parts.every((p) => columns(p).every((c) => keys.has(c))) && [...keys].every((k) => parts.some((p) => bare(p) === k))
  );
}

function rangeViolation(plan: BulkLoadPlan, r: BulkRange): string {
  const col = quoteIdent(r.column);
  const type = plan.columns.find((c) => c.name === r.column)?.type;
  if (type === undefined) throw new TypeError(`bulk plan range on undeclared column ${r.column}`);
  const bound = (v: number | string): string =>
    type === 'date' ? `DATE ${sqlString(String(v))}` : Number.isFinite(Number(v)) ? String(Number(v)) : 'NULL';
  const parts = [
    ...(type === 'double' ? [`NOT isfinite(${col})`] : []),
    ...(r.min === undefined ? [] : [`${col} < ${bound(r.min)}`]),
    ...(r.max === undefined ? [] : [`${col} > ${bound(r.max)}`]),
  ];
  return parts.length > 0 ? `(${col} IS NOT NULL AND (${parts.join(' OR ')}))` : 'false';
}

/**
 * Refuses a file that is not a kept DuckDB store or is damaged, before DuckDB opens it. A file
 * another process is writing can look damaged for a moment: when a read-only open finds it locked,
 * the lock is what is reported.
 */
async function refuseDamagedFile(path: string, readOnly: boolean): Promise<void> {
  try {
    checkStoreFile(path);
    verifyStoreChecksums(path, { readOnly });
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    try {
      const probe = await DuckDBInstance.create(path, {
        access_mode: 'READ_ONLY',
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
      });
      probe.closeSync();
    } catch (openErr) {
      if (/Could not set lock|Conflicting lock/i.test(errorMessage(openErr)))
        throw openStoreError(path, openErr, readOnly);
    }
    throw err;
  }
}
