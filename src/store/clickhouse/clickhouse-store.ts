// The Store contract on a ClickHouse server, through @clickhouse/client over HTTP.
//
// Atomicity without transactions: ClickHouse (certainly the 18.x servers Debian ships) has no
// multi-statement transactions, so a batch is made visible by a commit marker. A writer
//   1. claims a batch id (batch_claims), above every id claimed or committed before;
//   2. inserts its rows into the tables tagged with that batch_id, skipping rows whose identity is
//      already stored in a committed batch (an INSERT … SELECT with NOT IN over the identity
//      columns, and LIMIT 1 BY for repeats inside the batch);
//   3. when every insert succeeded (and bulkLoad's beforeCommit resolved), inserts ONE row into
//      `batches`: a single-row insert is atomic in ClickHouse, and that is the commit.
// Every read sees only rows whose batch_id is in `batches`, so an interrupted batch is invisible.
// Its rows are deleted when the failure is seen (ALTER … DELETE, asynchronous) and, should the
// process die first, by purgeUncommitted() (`kept doctor --repair`). A retry is not blocked by
// them: deduplication compares with committed rows only.
//
// No server-side query parameters in this server generation ({name:Type} came in 19.x): every
// value reaches SQL through chString/chNumber, and bulk rows through JSONEachRow or the file.
//
// Cluster mode (`?cluster=NAME&shards=…`, see location.ts and applyStatement): the append-only
// tables are Distributed over per-shard `_local` tables, subqueries are GLOBAL, distributed
// inserts are synchronous; batches and bookkeeping stay on the node in the URL. Known limit in
// both modes: two writers importing the same identities at the same instant can both insert them
// (neither sees the other's uncommitted rows); integrity() reports such duplicates.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createClient, ClickHouseLogLevel, type ClickHouseClient } from '@clickhouse/client';
import type { BatchResult, Provenance, WriteBatch } from '../../domain/observation.js';
import { StoreError, errorMessage, redactSecrets } from '../../domain/errors.js';
import type { Subject, SubjectKind } from '../../domain/subject.js';
import { DAY_MS } from '../../domain/time.js';
import type { HubAggregateQuery, HubAggregates } from '../../domain/ecosystem.js';
import {
  emptyColumnError,
  mismatchError,
  firstBroken,
  outOfRangeError,
  repeatedKeyError,
  type BulkColumnType,
  type BulkLoadPlan,
  type BulkObservation,
  type BulkRange,
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
import { APPEND_TABLES, TABLES, type AppendTable } from '../tables.js';
import { CallOrder } from '../call-order.js';
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
  rowDate,
  type Row,
} from '../sql/rows.js';
import { bulkReadError, type ReaderErrors } from '../sql/bulk-errors.js';
import {
  chIdent,
  chString,
  compileMs,
  compileNumber,
  compileString,
  fileColumn,
  malformedCheck,
  pep503Columns,
  PEP503_NORMAL,
  stageColumn,
  typedSelect,
} from './bulk-sql.js';
import { hubSnapshotAggregatesClickHouse } from './hub-aggregates-sql.js';
import { parseClickHouseLocation, type ClickHouseLocation } from './location.js';
import { CLICKHOUSE_MIGRATIONS, type ClickHouseMigration } from './schema.js';

export interface ClickHouseStoreOptions {
  readonly readOnly?: boolean;
  /** Where CLICKHOUSE_USER / CLICKHOUSE_PASSWORD are read when the URL has none. */
  readonly env?: NodeJS.ProcessEnv;
  /** For tests of forward migration: the migrations this build knows. */
  readonly migrations?: readonly ClickHouseMigration[];
  /** Test hook: called after each table of a batch is inserted, before the commit marker. */
  readonly afterTableInsert?: (table: string, batchId: number) => Promise<void>;
  /** Test hook: the parallel insert lanes of a bulk load (default: the server's cores, at most 4,
   * for loads of at least 200,000 rows). */
  readonly bulkLanes?: { readonly lanes: number; readonly minRows: number };
}

/** Rows of one JSONEachRow insert request. */
const INSERT_CHUNK = 50_000;
/** Parallel INSERT … SELECT lanes of one bulk load: at most this many, each at least this big. */
const MAX_LANES = 4;
const MIN_ROWS_PER_LANE = 100_000;

/** One of `of` disjoint lanes: `where(hash)` keeps the rows whose hash falls in it. */
interface Lane {
  where(hash: string): string;
}

function lane(k: number, of: number): Lane {
  return { where: (hash) => (of === 1 ? '1' : `${hash} % ${of} = ${k}`) };
}

/** Pre-filter of the dedup subquery: the subject columns, served by each table's order key. */
const SUBJECT_COLS: Record<AppendTable, readonly [string, string]> = {
  observations: ['subject_kind', 'subject_id'],
  facts: ['subject_kind', 'subject_id'],
  relations: ['to_kind', 'to_id'],
  records: ['subject_kind', 'subject_id'],
};

export class ClickHouseStore implements Store {
  readonly backend = 'clickhouse' as const;
  readonly location: string;
  private closed = false;
  private verSeq = 0;
  private lastBatchId = 0;
  /** The server's max_threads, read at the first large bulk load. */
  private serverThreads: number | undefined;
  private readonly order = new CallOrder();
  private readonly db: string;
  private readonly migrations: readonly ClickHouseMigration[];
  private readonly expectedVersion: number;
  /** Cluster mode: subqueries are GLOBAL (computed here, sent to the shards). */
  private readonly IN: string;
  private readonly NOT_IN: string;
  private readonly shardClients: readonly ClickHouseClient[];

  private constructor(
    private readonly client: ClickHouseClient,
    private readonly loc: ClickHouseLocation,
    private readonly options: ClickHouseStoreOptions,
  ) {
    this.location = loc.safe;
    this.db = chIdent(loc.database);
    this.migrations = options.migrations ?? CLICKHOUSE_MIGRATIONS;
    this.expectedVersion = this.migrations.reduce((v, m) => Math.max(v, m.version), 0);
    this.IN = loc.cluster ? 'GLOBAL IN' : 'IN';
    this.NOT_IN = loc.cluster ? 'GLOBAL NOT IN' : 'NOT IN';
    this.shardClients = (loc.cluster?.shards ?? []).map((url) => makeClient(url, loc));
  }

  /** Connects, creates the database if needed and brings its schema up to date. */
  static async open(location: string, options: ClickHouseStoreOptions = {}): Promise<ClickHouseStore> {
    const loc = parseClickHouseLocation(location, options.env ?? process.env);
    const client = makeClient(loc.url, loc);
    const store = new ClickHouseStore(client, loc, options);
    try {
      const ping = await client.ping();
      if (!ping.success) throw ping.error;
      await client.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then((rs) => rs.json()); // /ping does not authenticate
      if (!options.readOnly) {
        await store.command(`CREATE DATABASE IF NOT EXISTS ${store.db}`);
        await store.migrate();
      } else if (
        Number(
          (await store.rows(`SELECT count() AS n FROM system.databases WHERE name = ${chString(loc.database)}`))[0]
            ?.n ?? 0,
        ) === 0
      ) {
        throw new StoreError(`there is no kept store at ${store.location} (no database "${loc.database}")`, {
          hint: 'check the database name in the store URL, or import something first (e.g. kept import pypi-top FILE)',
        });
      }
    } catch (err) {
      await store.close().catch(() => undefined);
      if (err instanceof StoreError && err.cause === undefined) throw err;
      throw store.connectError(err instanceof StoreError ? err.cause : err);
    }
    return store;
  }

  private connectError(err: unknown): StoreError {
    const msg = errorMessage(err);
    if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|timeout/i.test(msg)) {
      return new StoreError(`cannot reach the ClickHouse server at ${this.location}: ${firstLine(msg)}`, {
        hint: 'check the host and HTTP port (8123 by default) and that clickhouse-server is running',
        cause: err,
      });
    }
    if (/Code: 19[2-4]|Authentication|password|Unknown user/i.test(msg)) {
      return new StoreError(`the ClickHouse server at ${this.location} refused the credentials`, {
        hint: 'check the user and password in the store URL (or CLICKHOUSE_USER / CLICKHOUSE_PASSWORD)',
        cause: err,
      });
    }
    return new StoreError(`cannot open the ClickHouse store ${this.location}: ${firstLine(msg)}`, {
      hint: 'check the store URL: clickhouse://user:password@host:8123/database',
      cause: err,
    });
  }

  // ---------------------------------------------------------------- low level

  private async command(
    sql: string,
    settings: Record<string, string | number> = {},
    sessionId?: string,
  ): Promise<void> {
    try {
      await this.client.command({
        query: sql,
        clickhouse_settings: settings,
        ...(sessionId ? { session_id: sessionId } : {}),
      });
    } catch (err) {
      throw this.queryError(err);
    }
  }

  /**
   * Runs read-only SQL for callers inside store/ (report queries, the bench baseline); in a server
   * session (its temporary tables) when `sessionId` is given.
   */
  async rows(sql: string, sessionId?: string): Promise<Row[]> {
    try {
      const rs = await this.client.query({
        query: sql,
        format: 'JSONEachRow',
        ...(sessionId ? { session_id: sessionId } : {}),
      });
      return await rs.json<Row>();
    } catch (err) {
      throw this.queryError(err);
    }
  }

  private async insertRows(table: string, rows: readonly Row[]): Promise<void> {
    for (let off = 0; off < rows.length; off += INSERT_CHUNK) {
      try {
        await this.client.insert({ table, values: rows.slice(off, off + INSERT_CHUNK), format: 'JSONEachRow' });
      } catch (err) {
        throw this.queryError(err);
      }
    }
  }

  private queryError(err: unknown): StoreError {
    if (err instanceof StoreError) return err;
    return new StoreError(`ClickHouse store ${this.location}: ${firstLine(errorMessage(err))}`, {
      hint: 'check that the server is running and the store URL is right; nothing partial is visible',
      cause: err,
    });
  }

  private t(name: string): string {
    return `${this.db}.${chIdent(name)}`;
  }

  private committed(): string {
    return `batch_id ${this.IN} (SELECT batch_id FROM ${this.t('batches')})`;
  }

  // ---------------------------------------------------------------- schema

  async schemaVersion(): Promise<number> {
    const exists = await this.rows(
      `SELECT count() AS n FROM system.tables WHERE database = ${chString(this.loc.database)} AND name = 'schema_migrations'`,
    );
    if (Number(exists[0]?.n ?? 0) === 0) return 0;
    const v = await this.rows(`SELECT max(version) AS v FROM ${this.t('schema_migrations')}`);
    return Number(v[0]?.v ?? 0);
  }

  private async migrate(): Promise<void> {
    // A database of other tables and no schema_migrations is another program's: refused untouched.
    const tables = (
      await this.rows(
        `SELECT name FROM system.tables WHERE database = ${chString(this.loc.database)} AND NOT is_temporary ORDER BY name`,
      )
    ).map((r) => String(r.name));
    if (tables.length > 0 && !tables.includes('schema_migrations'))
      throw new StoreError(
        `the ClickHouse database ${this.location} holds tables kept did not create (${tables.slice(0, 3).join(', ')}${tables.length > 3 ? ` and ${tables.length - 3} more` : ''})`,
        { hint: "kept leaves other programs' databases untouched: point --db at a kept store or a new database name" },
      );
    await this.command(
      `CREATE TABLE IF NOT EXISTS ${this.t('schema_migrations')} (version UInt32, name String, applied_at Int64) ENGINE = MergeTree ORDER BY version`,
    );
    const current = await this.schemaVersion();
    if (current > this.expectedVersion) {
      throw new StoreError(
        `the ClickHouse store ${this.location} has schema version ${current}, newer than this kept (${this.expectedVersion})`,
        {
          hint: 'upgrade kept, or point --db at another database',
        },
      );
    }
    for (const m of this.migrations) {
      if (m.version <= current) continue;
      // Statements are idempotent; the version row is written last, so a crash re-applies.
      for (const sql of m.statements) await this.applyStatement(sql);
      await this.insertRows(this.t('schema_migrations'), [
        { version: m.version, name: m.name, applied_at: Date.now() },
      ]);
    }
  }

  /**
   * One migration statement. In cluster mode an append-only table is created as `X_local` on every
   * shard (directly over HTTP: ON CLUSTER needs ZooKeeper) and `X` here as a Distributed table
   * sharded by subject, so every identity lives on one shard.
   */
  private async applyStatement(sql: string): Promise<void> {
    const cluster = this.loc.cluster;
    const m = /^\s*CREATE TABLE IF NOT EXISTS \{db\}\.(observations|facts|relations|records)\b/.exec(sql);
    if (!cluster || !m) {
      await this.command(sql.replaceAll('{db}', this.db));
      return;
    }
    const table = m[1] as AppendTable;
    const local = sql.replace(`{db}.${table}`, `{db}.${table}_local`).replaceAll('{db}', this.db);
    for (const shard of this.shardClients) {
      try {
        await shard.command({ query: `CREATE DATABASE IF NOT EXISTS ${this.db}` });
        await shard.command({ query: local });
      } catch (err) {
        throw this.queryError(err);
      }
    }
    const [kindCol, idCol] = SUBJECT_COLS[table];
    await this.command(
      `CREATE TABLE IF NOT EXISTS ${this.t(table)} AS ${this.t(`${table}_local`)}
       ENGINE = Distributed(${cluster.name}, ${chString(this.loc.database)}, ${chString(`${table}_local`)}, cityHash64(${kindCol}, ${idCol}))`,
    );
  }

  /** Runs an ALTER on the table that holds the rows: the table itself, or every shard's `_local`. */
  private async alterRows(table: AppendTable, alter: string): Promise<void> {
    if (!this.loc.cluster) {
      await this.command(`ALTER TABLE ${this.t(table)} ${alter}`);
      return;
    }
    for (const shard of this.shardClients) {
      try {
        await shard.command({ query: `ALTER TABLE ${this.t(`${table}_local`)} ${alter}` });
      } catch (err) {
        throw this.queryError(err);
      }
    }
  }

  // ---------------------------------------------------------------- writes

  async write(batch: WriteBatch): Promise<BatchResult> {
    return this.oneWriter(() => this.writeBatch(batch));
  }

  async bulkLoad(plan: BulkLoadPlan, provenance: Provenance, options: BulkLoadOptions = {}): Promise<BatchResult> {
    return this.oneWriter(() => this.loadBulk(plan, provenance, options));
  }

  /**
   * Runs this process's writes one at a time, in call order with its reads (CallOrder); reads run
   * at once (the client is concurrent). A batch skips only identities already in a committed batch,
   * so two of this store's batches in flight with a common row (two projects' Hub trees sharing a
   * model) would both insert it.
   */
  private oneWriter<T>(work: () => Promise<T>): Promise<T> {
    return this.order.write(work);
  }

  private async writeBatch(batch: WriteBatch): Promise<BatchResult> {
    const p = batch.provenance;
    const source = redactSecrets(p.source);
    const defaultOrigin = redactSecrets(p.origin);
    const staged = batchRows(batch, epochMs);
    const offered = Object.values(staged).reduce((n, rows) => n + rows.length, 0);
    if (offered === 0) return { batchId: 0, offered: 0, added: 0 };

    const batchId = await this.claimBatch();
    const stages: string[] = [];
    try {
      let added = 0;
      for (const table of APPEND_TABLES) {
        const rows = staged[table];
        if (rows.length === 0) continue;
        const stage = this.t(`kept_stage_${batchId}_${table}`);
        stages.push(stage);
        await this.command(`CREATE TABLE ${stage} AS ${this.t(table)} ENGINE = Memory`);
        const cols = TABLES[table].columns;
        await this.insertRows(
          stage,
          rows.map((r) => Object.fromEntries(cols.map((c, i) => [c, i < r.length ? r[i] : batchId]))),
        );
        const [kindCol, idCol] = SUBJECT_COLS[table];
        added += await this.insertNew(
          table,
          `SELECT * FROM ${stage}`,
          batchId,
          `(${kindCol}, ${idCol}) ${this.IN} (SELECT ${kindCol}, ${idCol} FROM ${stage})`,
        );
        await this.options.afterTableInsert?.(table, batchId);
      }
      if (added > 0) await this.commitBatch(batchId, source, defaultOrigin, p.fetchedAt, offered, added);
      return { batchId: added > 0 ? batchId : 0, offered, added };
    } catch (err) {
      await this.abandon(batchId);
      throw err;
    } finally {
      for (const s of stages) await this.command(`DROP TABLE IF EXISTS ${s}`).catch(() => undefined);
    }
  }

  private async loadBulk(plan: BulkLoadPlan, provenance: Provenance, options: BulkLoadOptions): Promise<BatchResult> {
    const mappings = [plan.observation, ...(plan.alsoObservations ?? [])];
    const source = redactSecrets(provenance.source);
    const origin = redactSecrets(provenance.origin);
    const fetched = epochMs(provenance.fetchedAt, 'fetchedAt');
    // Started before the load so it runs while the server reads; awaited before the commit.
    const verified = options.beforeCommit?.();
    verified?.catch(() => undefined);
    const batchId = await this.claimBatch();
    const stage = this.t(`kept_stage_${batchId}_bulk`);
    const stages = [stage];
    try {
      await this.command(
        `CREATE TABLE ${stage} (${plan.columns.map((_, i) => `${stageColumn(i)} String`).join(', ')}) ENGINE = Memory`,
      );
      try {
        await this.loadFile(stage, plan);
      } catch (err) {
        await verified; // a truncated file explains a parse error better than the parse error does
        throw bulkReadError(plan.path, err, CLICKHOUSE_READER);
      }
      const total = Number((await this.rows(`SELECT count() AS n FROM ${stage}`))[0]?.n ?? 0);
      // Every check in one scan, each with its first offending row: read on one thread, a Memory
      // table gives its rows back in the order the file had them (row 0 is line 2).
      const rules: { bad: string; value: string; error: (n: number, example: unknown, row: number) => Error }[] = [];
      plan.columns.forEach((c, i) => {
        const col = stageColumn(i);
        if (plan.required.includes(c.name))
          rules.push({
            bad: `${col} = ''`,
            value: col,
            error: (n, _e, row) => emptyColumnError(plan, c.name, n, row),
          });
        const malformed = malformedCheck(c.type, col);
        if (malformed)
          rules.push({
            bad: malformed,
            value: col,
            error: (n, e, row) => mismatchError(plan, { column: c.name, regex: '', what: `a ${c.type}` }, n, e, row),
          });
      });
      for (const m of plan.matches ?? []) {
        const col = stageColumn(plan.columns.findIndex((c) => c.name === m.column));
        rules.push({
          bad: `(${col} != '' AND NOT match(${col}, ${chString(`^(?:${m.regex})$`)}))`,
          value: col,
          error: (n, e, row) => mismatchError(plan, m, n, e, row),
        });
      }
      for (const r of plan.ranges ?? []) {
        const i = plan.columns.findIndex((c) => c.name === r.column);
        rules.push({
          bad: rangeViolation(plan.columns[i]!.type, stageColumn(i), r),
          value: stageColumn(i),
          error: (n, e, row) => outOfRangeError(plan, r, n, e, row),
        });
      }
      // A cheap scan on every thread first; the ordered single-thread scan that finds each rule's
      // first offending row runs only when one is broken.
      // The same scan counts, per column under a pep503, the values normalisation would change.
      const pep503 = [
        ...new Set(
          mappings.flatMap((o) =>
            [o.subjectId, ...(o.dims ? [o.dims] : []), ...(o.origin ? [o.origin] : [])].flatMap(pep503Columns),
          ),
        ),
      ];
      const scan =
        (
          await this.rows(
            `SELECT ${[
              `countIf(${rules.length > 0 ? rules.map((x) => `(${x.bad})`).join(' OR ') : '0'}) AS broken`,
              ...pep503.map(
                (c, i) =>
                  `countIf(NOT match(${stageColumn(plan.columns.findIndex((x) => x.name === c))}, ${chString(PEP503_NORMAL)})) AS p${i}`,
              ),
            ].join(', ')} FROM ${stage}`,
          )
        )[0] ?? {};
      const normal = new Set(pep503.filter((_, i) => Number(scan[`p${i}`] ?? 1) === 0));
      if (Number(scan.broken ?? 0) > 0) {
        const r =
          (
            await this.rows(
              `SELECT ${rules
                .map(
                  (x, i) =>
                    `countIf(${x.bad}) AS n${i}, minIf(kept_row, ${x.bad}) AS r${i}, argMinIf(${x.value}, kept_row, ${x.bad}) AS e${i}`,
                )
                .join(
                  ', ',
                )} FROM (SELECT *, rowNumberInAllBlocks() AS kept_row FROM ${stage}) SETTINGS max_threads = 1`,
            )
          )[0] ?? {};
        const broken = firstBroken(rules.map((_, i) => ({ n: Number(r[`n${i}`] ?? 0), row: Number(r[`r${i}`]) })));
        if (broken !== undefined)
          throw rules[broken]!.error(Number(r[`n${broken}`]), r[`e${broken}`], Number(r[`r${broken}`]));
      }
      if (plan.uniqueBy && plan.uniqueBy.length > 0) {
        const key = plan.uniqueBy.map(fileColumn);
        const dup = (
          await this.rows(`SELECT ${key.map((c, i) => `toString(${c}) AS k${i}`).join(', ')}, count() AS n
          FROM (SELECT ${typedSelect(plan)} FROM ${stage}) GROUP BY ${key.join(', ')} HAVING count() > 1 ORDER BY n DESC LIMIT 1`)
        )[0];
        if (dup)
          throw repeatedKeyError(
            plan,
            Number(dup.n),
            plan.uniqueBy.map((_, i) => dup[`k${i}`]),
          );
      }
      const rawRow = `cityHash64(${plan.columns.map((_, i) => stageColumn(i)).join(', ')})`;
      const select = (
        o: BulkObservation,
        lane: Lane,
      ): string => `SELECT ${chString(o.subjectKind)} AS subject_kind, ${compileString(o.subjectId, plan, normal)} AS subject_id,
          ${chString(o.metric)} AS metric, ${o.dims ? compileString(o.dims, plan, normal) : `''`} AS dims, ${compileNumber(o.value, plan)} AS value,
          ${compileMs(o.windowStart, plan)} AS window_start, ${compileMs(o.windowEnd, plan)} AS window_end,
          ${compileMs(o.observedAt, plan)} AS observed_at, ${chString(source)} AS source,
          ${o.origin ? compileString(o.origin, plan, normal) : chString(origin)} AS origin, toInt64(${fetched}) AS fetched_at,
          toUInt64(${batchId}) AS batch_id
        FROM (SELECT ${typedSelect(plan)} FROM ${stage} WHERE ${lane.where(rawRow)})`;
      // Converted rows are staged once more, so the dedup set is bounded by the snapshots the file
      // holds (window_end, which also prunes monthly partitions), not by everything ever stored.
      const rowsStage = this.t(`kept_stage_${batchId}_rows`);
      stages.push(rowsStage);
      await this.command(`CREATE TABLE ${rowsStage} AS ${this.t('observations')} ENGINE = Memory`);
      // One insert per mapping of a row (e.g. a 30-day count and an all-time level), each split
      // into lanes by a hash of the raw row so the server converts on every core.
      const lanes = await this.insertLanes(total);
      for (const o of mappings)
        await this.inLanes(lanes, (lane) =>
          this.command(`INSERT INTO ${rowsStage} (${TABLES.observations.columns.join(', ')}) ${select(o, lane)}`),
        );
      const prefilter = `subject_kind IN (${mappings.map((o) => chString(o.subjectKind)).join(', ')})
        AND metric IN (${mappings.map((o) => chString(o.metric)).join(', ')}) AND source = ${chString(source)}
        AND window_end ${this.IN} (SELECT window_end FROM ${rowsStage} GROUP BY window_end)`;
      const added = await this.insertNew('observations', `SELECT * FROM ${rowsStage}`, batchId, prefilter, lanes);
      await this.options.afterTableInsert?.('observations', batchId);
      await verified;
      // Offered counts observations: one per row and mapping.
      const offered = total * mappings.length;
      if (added > 0) await this.commitBatch(batchId, source, origin, provenance.fetchedAt, offered, added);
      return { batchId: added > 0 ? batchId : 0, offered, added };
    } catch (err) {
      await this.abandon(batchId);
      throw err;
    } finally {
      for (const st of stages) await this.command(`DROP TABLE IF EXISTS ${st}`).catch(() => undefined);
    }
  }

  /** Streams the file to the server, which parses it (CSVWithNames), decompressing gzip itself. */
  private async loadFile(stage: string, plan: BulkLoadPlan): Promise<void> {
    const stream: Readable = createReadStream(plan.path);
    const opened = new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    await opened;
    await this.client.insert({
      table: stage,
      values: stream,
      format: 'CSVWithNames',
      clickhouse_settings: {
        format_csv_delimiter: plan.delimiter,
        format_csv_allow_single_quotes: 0,
        input_format_allow_errors_num: '0',
      },
      ...(plan.compression === 'gzip' ? { http_headers: { 'Content-Encoding': 'gzip' } } : {}),
    });
  }

  /**
   * Inserts the rows of `select` (all table columns, batch_id included) whose identity is not in a
   * committed batch, once per identity; returns how many were inserted.
   */
  private async insertNew(
    table: AppendTable,
    select: string,
    batchId: number,
    prefilter: string,
    lanes = 1,
  ): Promise<number> {
    const spec = TABLES[table];
    const id = spec.identity.join(', ');
    const cols = spec.columns.join(', ');
    // LIMIT 1 BY slows the insert down by 2x on 1M rows; it is only needed when the batch repeats
    // an identity. Distinct hashes prove distinct identities (a collision only costs the slow path).
    const probe = await this.rows(`SELECT count() = uniqExact(cityHash64(${id})) AS distinct FROM (${select})`);
    const repeats = Number(probe[0]?.distinct ?? 0) !== 1;
    // Lanes split by identity: a repeated identity stays in one lane, so LIMIT 1 BY still holds.
    await this.inLanes(lanes, (lane) =>
      this.command(
        `INSERT INTO ${this.t(table)} (${cols})
         SELECT ${cols} FROM (${select})
         WHERE ${lane.where(`cityHash64(${id})`)}
           AND (${id}) ${this.NOT_IN} (SELECT ${id} FROM ${this.t(table)}
             WHERE ${this.committed()} AND ${prefilter} AND ${lane.where(`cityHash64(${id})`)})
         ${repeats ? `LIMIT 1 BY ${id}` : ''}`,
      ),
    );
    const n = await this.rows(`SELECT count() AS n FROM ${this.t(table)} WHERE batch_id = ${batchId}`);
    return Number(n[0]?.n ?? 0);
  }

  /**
   * How many concurrent INSERT … SELECTs a bulk load of `rows` rows runs: this server generation
   * writes one INSERT … SELECT on one thread, so a large load is split in disjoint lanes, one per
   * core the server reports (max_threads), at most MAX_LANES. Small loads stay in one statement.
   */
  private async insertLanes(rows: number): Promise<number> {
    const forced = this.options.bulkLanes;
    if (forced) return rows >= forced.minRows ? forced.lanes : 1;
    if (rows < MIN_ROWS_PER_LANE * 2) return 1;
    if (this.serverThreads === undefined) {
      const r = await this.rows(`SELECT value FROM system.settings WHERE name = 'max_threads'`);
      const n = Number(String(r[0]?.value ?? '1').replace(/\D/g, ''));
      this.serverThreads = Number.isFinite(n) && n > 0 ? n : 1;
    }
    return Math.max(1, Math.min(MAX_LANES, this.serverThreads, Math.floor(rows / MIN_ROWS_PER_LANE)));
  }

  /** Runs `work` once per lane, concurrently; every lane is awaited before a failure is thrown. */
  private async inLanes(lanes: number, work: (lane: Lane) => Promise<void>): Promise<void> {
    const results = await Promise.allSettled(Array.from({ length: lanes }, (_, k) => work(lane(k, lanes))));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** A batch id above every id claimed or committed (time-based, so concurrent writers rarely meet). */
  private async claimBatch(): Promise<number> {
    const r = await this.rows(
      `SELECT greatest((SELECT max(batch_id) FROM ${this.t('batch_claims')}), (SELECT max(batch_id) FROM ${this.t('batches')})) AS m`,
    );
    const maxKnown = Math.max(Number(r[0]?.m ?? 0), this.lastBatchId);
    const id = Math.max(maxKnown + 1, Date.now() * 1000 + Math.floor(Math.random() * 1000));
    this.lastBatchId = id; // concurrent writes through this store never share an id
    await this.insertRows(this.t('batch_claims'), [{ batch_id: id, claimed_at: Date.now() }]);
    return id;
  }

  /** The commit: one atomic single-row insert. */
  private async commitBatch(
    batchId: number,
    source: string,
    origin: string,
    fetchedAt: Date,
    offered: number,
    added: number,
  ): Promise<void> {
    await this.insertRows(this.t('batches'), [
      {
        batch_id: batchId,
        source,
        origin,
        fetched_at: epochMs(fetchedAt, 'fetchedAt'),
        committed_at: Date.now(),
        offered,
        added,
      },
    ]);
  }

  /** Best effort: deletes an uncommitted batch's rows (they are invisible either way). */
  private async abandon(batchId: number): Promise<void> {
    for (const table of APPEND_TABLES) {
      await this.alterRows(table, `DELETE WHERE batch_id = ${batchId}`).catch(() => undefined);
    }
  }

  // ---------------------------------------------------------------- reads

  async observations(f: ObservationFilter): Promise<StoredObservation[]> {
    return this.order.read(async () => {
      const where = [this.committed()];
      subjectWhere(where, f.subjects, f.subjectKind, 'subject_kind', 'subject_id');
      inList(where, 'metric', f.metrics, chString);
      inList(where, 'source', f.sources, chString);
      if (f.dims !== undefined) where.push(`dims = ${chString(f.dims)}`);
      if (f.windowDays !== undefined)
        where.push(`${dayDiff('window_start', 'window_end')} = ${chNumber(f.windowDays)}`);
      if (f.from) where.push(`window_end >= ${epochMs(f.from, 'from')}`);
      if (f.to) where.push(`window_end <= ${epochMs(f.to, 'to')}`);
      const rows = await this.rows(
        `SELECT * FROM ${this.t('observations')} WHERE ${where.join(' AND ')}
         ORDER BY ${TABLES.observations.order.join(', ')}`,
      );
      return rows.map(observationOf);
    });
  }

  async facts(f: SubjectFilter): Promise<StoredFact[]> {
    return this.order.read(async () => {
      const where = [this.committed()];
      subjectWhere(where, f.subjects, f.subjectKind, 'subject_kind', 'subject_id');
      inList(where, 'name', f.names, chString);
      inList(where, 'source', f.sources, chString);
      const rows = await this.rows(
        `SELECT * FROM ${this.t('facts')} WHERE ${where.join(' AND ')} ORDER BY ${TABLES.facts.order.join(', ')}`,
      );
      return rows.map(factOf);
    });
  }

  async relations(f: RelationFilter): Promise<StoredRelation[]> {
    return this.order.read(async () => {
      const where = [this.committed()];
      subjectWhere(where, f.from, undefined, 'from_kind', 'from_id');
      subjectWhere(where, f.to, undefined, 'to_kind', 'to_id');
      inList(where, 'relation', f.relations, chString);
      const rows = await this.rows(
        `SELECT * FROM ${this.t('relations')} WHERE ${where.join(' AND ')} ORDER BY ${TABLES.relations.order.join(', ')}`,
      );
      return rows.map(relationOf);
    });
  }

  async records(f: RecordFilter): Promise<StoredRecord[]> {
    return this.order.read(async () => {
      const where = [this.committed()];
      subjectWhere(where, f.subjects, undefined, 'subject_kind', 'subject_id');
      inList(where, 'kind', f.kinds, chString);
      const rows = await this.rows(
        `SELECT * FROM ${this.t('records')} WHERE ${where.join(' AND ')} ORDER BY ${TABLES.records.order.join(', ')}`,
      );
      return rows.map(recordOf);
    });
  }

  async top(q: TopQuery): Promise<TopRow[]> {
    return this.order.read(async () => {
      const where = [
        this.committed(),
        `subject_kind = ${chString(q.subjectKind)}`,
        `metric = ${chString(q.metric)}`,
        `dims = ''`,
        q.wholeDay
          ? `window_end >= ${epochMs(q.windowEnd, 'windowEnd')} AND window_end < ${epochMs(new Date(q.windowEnd.getTime() + DAY_MS), 'windowEnd')}`
          : `window_end = ${epochMs(q.windowEnd, 'windowEnd')}`,
      ];
      if (q.windowDays !== undefined)
        where.push(`${dayDiff('window_start', 'window_end')} = ${chNumber(q.windowDays)}`);
      const limit = chNumber(Math.max(0, Math.floor(q.limit)));
      const ranked = `SELECT subject_id, max(value) AS top_value, argMax(source, value) AS top_source, argMax(origin, value) AS top_origin
         FROM ${this.t('observations')} WHERE ${where.join(' AND ')}
         GROUP BY subject_id ORDER BY top_value DESC, subject_id LIMIT ${limit}`;
      // On a cluster every subject lives on one shard (the sharding key is the subject), so each
      // shard ranks its own subjects and only its top N travel: the initiator merges N per shard
      // instead of every subject's aggregation state.
      const rows = await this.rows(
        this.loc.cluster
          ? `SELECT * FROM (${ranked}) ORDER BY top_value DESC, subject_id LIMIT ${limit} SETTINGS distributed_group_by_no_merge = 1`
          : ranked,
      );
      return rows.map((r) => ({
        subject: { kind: q.subjectKind, id: String(r.subject_id) },
        value: Number(r.top_value),
        source: String(r.top_source),
        origin: String(r.top_origin),
      }));
    });
  }

  async windowEnds(subjectKind: SubjectKind, metric: string): Promise<Date[]> {
    return this.order.read(async () => {
      const rows = await this.rows(
        // GROUP BY, not DISTINCT: DISTINCT over several parts repeats values on 18.x servers.
        `SELECT window_end FROM ${this.t('observations')}
         WHERE ${this.committed()} AND subject_kind = ${chString(subjectKind)} AND metric = ${chString(metric)}
         GROUP BY window_end ORDER BY window_end`,
      );
      return rows.map((r) => rowDate(r.window_end));
    });
  }

  async windowEndCounts(subjectKind: SubjectKind, metric: string): Promise<WindowEndCount[]> {
    return this.order.read(async () => {
      const rows = await this.rows(
        `SELECT window_end, uniqExact(subject_id) AS n FROM ${this.t('observations')}
         WHERE ${this.committed()} AND subject_kind = ${chString(subjectKind)} AND metric = ${chString(metric)}
         GROUP BY window_end ORDER BY window_end`,
      );
      return rows.map((r) => ({ windowEnd: rowDate(r.window_end), subjects: Number(r.n) }));
    });
  }

  async subjects(kind?: SubjectKind): Promise<Subject[]> {
    return this.order.read(async () => {
      const w = `WHERE ${this.committed()}${kind ? ` AND subject_kind = ${chString(kind)}` : ''}`;
      const rows = await this.rows(
        `SELECT subject_kind, subject_id FROM (
           SELECT subject_kind, subject_id FROM ${this.t('observations')} ${w}
           UNION ALL SELECT subject_kind, subject_id FROM ${this.t('facts')} ${w}
           UNION ALL SELECT subject_kind, subject_id FROM ${this.t('records')} ${w}
         ) GROUP BY subject_kind, subject_id ORDER BY subject_kind, subject_id`,
      );
      return rows.map((r) => ({ kind: r.subject_kind as SubjectKind, id: String(r.subject_id) }));
    });
  }

  async batches(limit = 50): Promise<BatchInfo[]> {
    return this.order.read(async () => {
      const rows = await this.rows(
        `SELECT * FROM ${this.t('batches')} ORDER BY batch_id DESC LIMIT ${chNumber(Math.max(0, Math.floor(limit)))}`,
      );
      return rows.map(batchOf);
    });
  }

  async stats(): Promise<StoreStats> {
    return this.order.read(async () => {
      const parts = [
        ...APPEND_TABLES.map((t) => `(SELECT count() FROM ${this.t(t)} WHERE ${this.committed()}) AS ${t}`),
        `(SELECT count() FROM ${this.t('batches')}) AS batches`,
        `(SELECT count() FROM ${this.t('http_cache')} FINAL) AS http_cache`,
        `(SELECT count() FROM ${this.t('checkpoints')} FINAL) AS checkpoints`,
      ];
      const r = (await this.rows(`SELECT ${parts.join(', ')}`))[0] ?? {};
      const tables: Record<string, number> = {};
      for (const t of [...APPEND_TABLES, 'batches', 'http_cache', 'checkpoints']) tables[t] = Number(r[t] ?? 0);
      return { schemaVersion: await this.schemaVersion(), tables, batches: tables.batches ?? 0 };
    });
  }

  async integrity(): Promise<IntegrityReport> {
    return this.order.read(async () => {
      const problems: string[] = [];
      const version = await this.schemaVersion();
      if (version !== this.expectedVersion)
        problems.push(`schema version ${version}, expected ${this.expectedVersion}`);
      if (version > 0) {
        for (const table of APPEND_TABLES) {
          // Rows of claimed, uncommitted batches are invisible by design (interrupted writes);
          // rows whose batch was never claimed should not exist.
          const orphans = await this.rows(
            `SELECT count() AS n FROM ${this.t(table)} WHERE NOT ${this.committed()}
             AND batch_id ${this.NOT_IN} (SELECT batch_id FROM ${this.t('batch_claims')})`,
          );
          const n = Number(orphans[0]?.n ?? 0);
          if (n > 0) problems.push(`${table}: ${n} row(s) belong to no batch`);
          const id = TABLES[table].identity.join(', ');
          const dups = await this.rows(
            `SELECT count() AS n FROM (SELECT ${id} FROM ${this.t(table)} WHERE ${this.committed()} GROUP BY ${id} HAVING count() > 1)`,
          );
          const d = Number(dups[0]?.n ?? 0);
          if (d > 0) problems.push(`${table}: ${d} identity key(s) stored more than once`);
        }
        const union = APPEND_TABLES.map((t) => `SELECT batch_id FROM ${this.t(t)} WHERE ${this.committed()}`).join(
          ' UNION ALL ',
        );
        const counts = await this.rows(
          `SELECT batch_id, added, n FROM (SELECT batch_id, added FROM ${this.t('batches')})
           ANY LEFT JOIN (SELECT batch_id, count() AS n FROM (${union}) GROUP BY batch_id) USING batch_id
           WHERE added != n`,
        );
        for (const c of counts) problems.push(partialBatchProblem(c));
        const dupBatches = await this.rows(
          `SELECT count() AS n FROM (SELECT batch_id FROM ${this.t('batches')} GROUP BY batch_id HAVING count() > 1)`,
        );
        if (Number(dupBatches[0]?.n ?? 0) > 0)
          problems.push(`batches: ${String(dupBatches[0]?.n)} batch id(s) committed twice`);
      }
      return {
        ok: problems.length === 0,
        schemaVersion: version,
        expectedSchemaVersion: this.expectedVersion,
        problems,
      };
    });
  }

  // ---------------------------------------------------------------- bookkeeping

  /** A version for ReplacingMergeTree rows: later puts from this process always win. */
  private nextVer(): number {
    this.verSeq = (this.verSeq + 1) % 1000;
    return Date.now() * 1000 + this.verSeq;
  }

  async httpCacheGet(key: string): Promise<HttpCacheEntry | undefined> {
    return this.order.read(async () => {
      const rows = await this.rows(`SELECT * FROM ${this.t('http_cache')} FINAL WHERE key = ${chString(key)}`);
      const r = rows[0];
      return r ? httpCacheEntryOf(r) : undefined;
    });
  }

  async httpCachePut(key: string, e: HttpCacheEntry): Promise<void> {
    return this.oneWriter(async () => {
      await this.insertRows(this.t('http_cache'), [
        {
          key,
          etag: e.etag ?? null,
          last_modified: e.lastModified ?? null,
          status: e.status,
          headers: redactSecrets(JSON.stringify(e.headers)),
          body: redactSecrets(e.body),
          stored_at: epochMs(e.storedAt, 'storedAt'),
          ver: this.nextVer(),
        },
      ]);
    });
  }

  async checkpointGet(scope: string): Promise<string | undefined> {
    return this.order.read(async () => {
      const rows = await this.rows(`SELECT value FROM ${this.t('checkpoints')} FINAL WHERE scope = ${chString(scope)}`);
      return rows[0] ? String(rows[0].value) : undefined;
    });
  }

  async checkpointPut(scope: string, value: string): Promise<void> {
    return this.oneWriter(async () => {
      await this.insertRows(this.t('checkpoints'), [{ scope, value, updated_at: Date.now(), ver: this.nextVer() }]);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
    for (const shard of this.shardClients) await shard.close();
  }

  // -------------------------------------------------------------- ecosystem

  /**
   * The Hub aggregation (hub-aggregates-sql.ts) in a session of its own: its temporary tables
   * live on the server until it ends, and no other call shares the session.
   */
  async hubSnapshotAggregates(query: HubAggregateQuery): Promise<HubAggregates> {
    return this.order.read(async () => {
      const session = `kept-eco-${randomUUID()}`;
      return hubSnapshotAggregatesClickHouse(
        { run: (sql) => this.command(sql, {}, session), rows: (sql) => this.rows(sql, session) },
        {
          observations: this.t('observations'),
          facts: this.t('facts'),
          relations: this.t('relations'),
          committed: this.committed(),
          in: this.IN,
        },
        query,
      );
    });
  }

  // ---------------------------------------------------------------- ClickHouse only (doctor, migrate)

  /** Rows of claimed batches that never committed (invisible; left by interrupted writers). */
  async uncommittedRows(): Promise<number> {
    const parts = APPEND_TABLES.map((t) => `(SELECT count() FROM ${this.t(t)} WHERE NOT ${this.committed()})`);
    const r = await this.rows(`SELECT ${parts.join(' + ')} AS n`);
    return Number(r[0]?.n ?? 0);
  }

  /** Deletes rows of batches claimed before `before` that never committed. */
  async purgeUncommitted(before: Date): Promise<void> {
    // Computed here: a shard cannot see this node's batches, so the ids go as literals.
    const committedIds = (await this.rows(`SELECT batch_id FROM ${this.t('batches')}`)).map((r) => String(r.batch_id));
    const staleIds = (
      await this.rows(`SELECT batch_id FROM ${this.t('batch_claims')} WHERE claimed_at < ${epochMs(before, 'before')}`)
    )
      .map((r) => String(r.batch_id))
      .filter((id) => !committedIds.includes(id));
    if (staleIds.length === 0) staleIds.push('0');
    const stale = `batch_id IN (${staleIds.map((id) => chNumber(Number(id))).join(', ')})`;
    for (const table of APPEND_TABLES) await this.alterRows(table, `DELETE WHERE ${stale}`);
    // Staging tables of writers that died (Memory tables: empty after a restart, but still listed).
    const cutoff = epochMs(before, 'before') * 1000;
    const stages = await this.rows(
      `SELECT name FROM system.tables WHERE database = ${chString(this.loc.database)} AND startsWith(name, 'kept_stage_')`,
    );
    for (const r of stages) {
      const id = Number(/^kept_stage_(\d+)_/.exec(String(r.name))?.[1] ?? Number.NaN);
      if (Number.isFinite(id) && id < cutoff) await this.command(`DROP TABLE IF EXISTS ${this.t(String(r.name))}`);
    }
  }

  // ---------------------------------------------------------------- copying a store (kept migrate)

  /** Whether a batch with this id is committed here. */
  async hasBatch(batchId: number): Promise<boolean> {
    const r = await this.rows(`SELECT count() AS n FROM ${this.t('batches')} WHERE batch_id = ${chNumber(batchId)}`);
    return Number(r[0]?.n ?? 0) > 0;
  }

  /**
   * Prepares to copy a batch under its original id: removes rows a previous, interrupted copy left
   * (waiting for the deletion, so none can reappear under the commit) and claims the id.
   */
  async beginCopy(batchId: number): Promise<void> {
    const left = async (): Promise<number> => {
      const parts = APPEND_TABLES.map(
        (t) => `(SELECT count() FROM ${this.t(t)} WHERE batch_id = ${chNumber(batchId)})`,
      );
      return Number((await this.rows(`SELECT ${parts.join(' + ')} AS n`))[0]?.n ?? 0);
    };
    if ((await left()) > 0) {
      await this.abandon(batchId);
      for (let i = 0; (await left()) > 0; i++) {
        if (i > 600)
          throw new StoreError(`rows of the interrupted copy of batch ${batchId} are still being deleted`, {
            hint: 'run kept migrate again in a minute',
          });
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await this.insertRows(this.t('batch_claims'), [{ batch_id: batchId, claimed_at: Date.now() }]);
  }

  /** Loads a CSV file (header; columns as in TABLES, times in ms) into a table, parsed by the server. */
  async copyCsv(table: AppendTable, path: string): Promise<void> {
    try {
      await this.client.insert({
        table: this.t(table),
        values: createReadStream(path),
        format: 'CSVWithNames',
        columns: [...TABLES[table].columns] as [string, ...string[]],
        clickhouse_settings: { format_csv_allow_single_quotes: 0 },
      });
    } catch (err) {
      throw this.queryError(err);
    }
  }

  /** The qualified name of a table and the filter that selects committed rows, for store/ callers. */
  tableRef(name: string): string {
    return this.t(name);
  }

  committedFilter(): string {
    return this.committed();
  }

  /** Commits a copied batch with its original bookkeeping. */
  async commitCopy(b: BatchInfo): Promise<void> {
    await this.insertRows(this.t('batches'), [
      {
        batch_id: b.batchId,
        source: b.source,
        origin: b.origin,
        fetched_at: epochMs(b.fetchedAt, 'fetchedAt'),
        committed_at: epochMs(b.committedAt, 'committedAt'),
        offered: b.offered,
        added: b.added,
      },
    ]);
  }

  /** Drops this store's whole database (kept demo replaces its own demo database). */
  async dropDatabase(): Promise<void> {
    await this.command(`DROP DATABASE IF EXISTS ${this.db}`);
    for (const shard of this.shardClients)
      await shard
        .command({ query: `DROP DATABASE IF EXISTS ${this.db}` })
        .catch((err: unknown) => Promise.reject(this.queryError(err)));
  }

  /** The server's version string. */
  async serverVersion(): Promise<string> {
    return String((await this.rows('SELECT version() AS v'))[0]?.v ?? '');
  }
}

// ------------------------------------------------------------------ helpers

/** How the server reports a file it cannot read or parse (its rows count from 0 after the header). */
const CLICKHOUSE_READER: ReaderErrors = {
  line: (msg) => {
    const row = /at row (\d+)/i.exec(msg)?.[1];
    return row === undefined ? undefined : Number(row) + 1;
  },
  unreadable: /ENOENT|EACCES|EISDIR/,
  prefix: /^Code: \d+, e\.displayText\(\) = DB::Exception: /,
};

function makeClient(url: string, loc: ClickHouseLocation): ClickHouseClient {
  return createClient({
    url,
    username: loc.username,
    password: loc.password,
    application: 'kept',
    request_timeout: 600_000,
    log: { level: ClickHouseLogLevel.OFF },
    // Cluster mode: an insert into a Distributed table returns once every shard has its rows, so
    // the commit marker is never written before the rows it commits.
    ...(loc.cluster ? { clickhouse_settings: { insert_distributed_sync: 1 } } : {}),
  });
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).replace(/, e\.what\(\) = DB::Exception$/, '');
}

function chNumber(n: number): string {
  if (!Number.isFinite(n)) throw new StoreError(`not a finite number: ${n}`);
  return String(n);
}

/** DuckDB's date_diff('day', a, b): day boundaries crossed, UTC. */
function dayDiff(a: string, b: string): string {
  return `(toInt64(floor(${b} / ${DAY_MS})) - toInt64(floor(${a} / ${DAY_MS})))`;
}

function subjectWhere(
  where: string[],
  subjects: readonly Subject[] | undefined,
  kind: SubjectKind | undefined,
  kindCol: string,
  idCol: string,
): void {
  if (kind) where.push(`${kindCol} = ${chString(kind)}`);
  if (!subjects) return;
  if (subjects.length === 0) {
    where.push('0');
    return;
  }
  // Few subjects: OR of equalities, which this server generation's primary-key analysis uses
  // (a tuple IN over literal tuples read 3x more in the bench); many: one tuple IN set.
  if (subjects.length <= 64) {
    where.push(
      `(${subjects.map((s) => `(${kindCol} = ${chString(s.kind)} AND ${idCol} = ${chString(s.id)})`).join(' OR ')})`,
    );
  } else {
    where.push(
      `(${kindCol}, ${idCol}) IN (${subjects.map((s) => `(${chString(s.kind)}, ${chString(s.id)})`).join(', ')})`,
    );
  }
}

/** SQL true for a staged (String) value outside a range rule: a number (finite) or an ISO day. */
function rangeViolation(type: BulkColumnType, col: string, r: BulkRange): string {
  const date = type === 'date';
  const value = date ? col : `toFloat64OrNull(${col})`;
  const bound = (v: number | string): string => (date ? chString(String(v)) : String(Number(v)));
  const parts = [
    ...(date ? [] : [`NOT isFinite(${value})`]),
    ...(r.min === undefined ? [] : [`${value} < ${bound(r.min)}`]),
    ...(r.max === undefined ? [] : [`${value} > ${bound(r.max)}`]),
  ];
  return `(${col} != '' AND (${parts.join(' OR ')}))`;
}
