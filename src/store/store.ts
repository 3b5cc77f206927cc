// The Store contract: append-only observations, facts, relations and documents with provenance,
// plus the bookkeeping kept needs (batches, HTTP cache, checkpoints). DuckDB implements it by
// default (store/duckdb); ClickHouse implements the same contract for scale. Calls made at once
// take effect in call order on both (store/call-order.ts): a read sees every write called before it.
import type {
  BatchResult,
  DocumentRecord,
  Fact,
  Observation,
  Provenance,
  Relation,
  WriteBatch,
} from '../domain/observation.js';
import type { Subject, SubjectKind } from '../domain/subject.js';
import type { HubAggregateQuery, HubAggregates } from '../domain/ecosystem.js';
import type { BulkLoadPlan } from '../domain/bulk-plan.js';
import type { HttpCache } from '../http/conditional-cache.js';

export interface StoredProvenance {
  readonly source: string;
  readonly origin: string;
  readonly fetchedAt: Date;
  readonly batchId: number;
}

export type StoredObservation = Observation & { readonly dims: Readonly<Record<string, string>> } & StoredProvenance;
export type StoredFact = Fact & StoredProvenance;
export type StoredRelation = Relation & StoredProvenance;
export type StoredRecord = DocumentRecord & StoredProvenance;

export interface ObservationFilter {
  readonly subjects?: readonly Subject[];
  readonly subjectKind?: SubjectKind;
  readonly metrics?: readonly string[];
  readonly sources?: readonly string[];
  /** Canonical dims text (see formatDims); '' selects undimensioned rows; omitted selects all. */
  readonly dims?: string;
  /** Only windows of this length in days (e.g. 30 for monthly, 1 for daily); 0 for levels. */
  readonly windowDays?: number;
  /** Inclusive bounds on windowEnd. */
  readonly from?: Date;
  readonly to?: Date;
}

export interface SubjectFilter {
  readonly subjects?: readonly Subject[];
  readonly subjectKind?: SubjectKind;
  readonly names?: readonly string[];
  readonly sources?: readonly string[];
}

export interface RelationFilter {
  readonly from?: readonly Subject[];
  readonly to?: readonly Subject[];
  readonly relations?: readonly string[];
}

export interface RecordFilter {
  readonly subjects?: readonly Subject[];
  readonly kinds?: readonly string[];
}

export interface TopQuery {
  readonly subjectKind: SubjectKind;
  readonly metric: string;
  readonly windowEnd: Date;
  /**
   * windowEnd names a UTC day: rank every window ending on that day, each subject by its largest
   * value (Hub trees scraped at different times of one day are one snapshot).
   */
  readonly wholeDay?: boolean;
  readonly windowDays?: number;
  readonly limit: number;
}

export interface TopRow {
  readonly subject: Subject;
  readonly value: number;
  readonly source: string;
  readonly origin: string;
}

export interface BatchInfo {
  readonly batchId: number;
  readonly source: string;
  readonly origin: string;
  readonly fetchedAt: Date;
  readonly committedAt: Date;
  readonly offered: number;
  readonly added: number;
}

export interface StoreStats {
  readonly schemaVersion: number;
  readonly tables: Readonly<Record<string, number>>;
  readonly batches: number;
}

export interface IntegrityReport {
  readonly ok: boolean;
  readonly schemaVersion: number;
  readonly expectedSchemaVersion: number;
  readonly problems: readonly string[];
}

export interface BulkLoadOptions {
  readonly beforeCommit?: () => Promise<void>;
}

/** The store is also the HTTP client's conditional-request cache (its port is http's). */
/** A window end (a snapshot date) and the number of distinct subjects with a value at it. */
export interface WindowEndCount {
  readonly windowEnd: Date;
  readonly subjects: number;
}

export interface Store extends HttpCache {
  readonly backend: 'duckdb' | 'clickhouse';
  /** Where the store lives, safe to print (credentials removed). */
  readonly location: string;

  /** Writes one batch in one transaction; rows already stored (same identity) are skipped. */
  write(batch: WriteBatch): Promise<BatchResult>;
  /**
   * Loads a delimited file with the engine's own reader; one transaction; idempotent.
   * `beforeCommit` runs alongside the load and must resolve for the rows to be committed.
   */
  bulkLoad(plan: BulkLoadPlan, provenance: Provenance, options?: BulkLoadOptions): Promise<BatchResult>;

  observations(filter: ObservationFilter): Promise<StoredObservation[]>;
  facts(filter: SubjectFilter): Promise<StoredFact[]>;
  relations(filter: RelationFilter): Promise<StoredRelation[]>;
  records(filter: RecordFilter): Promise<StoredRecord[]>;

  /** The largest values of one metric among subjects of a kind, for one window end. */
  top(query: TopQuery): Promise<TopRow[]>;
  /** Distinct window ends of a metric for a kind, ascending (the snapshot dates). */
  windowEnds(subjectKind: SubjectKind, metric: string): Promise<Date[]>;
  /** Each window end of a metric for a kind with how many distinct subjects have a value there, ascending. */
  windowEndCounts(subjectKind: SubjectKind, metric: string): Promise<WindowEndCount[]>;
  /** Distinct subjects that have any stored data, optionally of one kind. */
  subjects(kind?: SubjectKind): Promise<Subject[]>;

  batches(limit?: number): Promise<BatchInfo[]>;
  stats(): Promise<StoreStats>;
  integrity(): Promise<IntegrityReport>;

  checkpointGet(scope: string): Promise<string | undefined>;
  checkpointPut(scope: string, value: string): Promise<void>;

  close(): Promise<void>;

  // ---------------------------------------------------------------- ecosystem
  /**
   * Aggregates every Hub model's 30-day download snapshots with its attribution (organisation
   * region, family, size, licence, by the rules in `query`) into the small rows the ecosystem
   * signals need. Runs inside the engine: a whole-Hub snapshot never crosses into JavaScript.
   */
  hubSnapshotAggregates(query: HubAggregateQuery): Promise<HubAggregates>;
}
