// What one `kept import` reports, per kind: the figures the importers (ingest/import) return and
// the import's document (report/runs/import.ts) lays out. Types only.
import type { DownloadCategory } from './downloads.js';
import type { BatchResult } from './observation.js';

export const IMPORT_KIND_NAMES = [
  'pypi-top',
  'hf-models',
  'pypi-logs',
  'pypi-bigquery',
  'npm-download-counts',
  'hf-snapshot',
  'org-regions',
  'issues',
] as const;
export type ImportKindName = (typeof IMPORT_KIND_NAMES)[number];

/** top-pypi-packages snapshots. */
export interface PypiTopImportSummary extends BatchResult {
  /** json, csv (two columns) or csv-monthly. */
  readonly format: string;
  /** Rows with an invalid project name or count. */
  readonly skipped: number;
}

/** A Hub model dump. */
export interface HfModelsImportSummary extends BatchResult {
  readonly records: number;
  readonly models: number;
  /** Records whose id repeated an earlier record's (the later one is kept). */
  readonly duplicates: number;
  readonly relations: number;
  readonly snapshot: Date;
  /** Where the snapshot moment came from: --at, or the _summary.csv beside the file. */
  readonly snapshotFrom: 'option' | 'summary';
}

export interface HfSnapshotFileResult extends BatchResult {
  readonly path: string;
  /** Rows in the file (each row gives two observations). */
  readonly rows: number;
}

/** Monthly Hub download snapshots, and the shipped catalog attribution written beside them. */
export interface HfSnapshotImportSummary {
  readonly files: readonly HfSnapshotFileResult[];
  readonly catalog: BatchResult & { readonly regions: number; readonly parameters: number };
}

/** A user's organisation → region map. */
export interface OrgRegionsImportSummary extends BatchResult {
  readonly regions: number;
}

/** GitHub issues (REST JSON lines). */
export interface IssuesImportSummary {
  /** owner/name */
  readonly repo: string;
  readonly issues: number;
  readonly pullRequests: number;
  readonly added: number;
  /** The states are as of this moment. */
  readonly observedAt: Date;
}

/** A snapshot of the npm download-counts package. */
export interface NpmCountsImportSummary extends BatchResult {
  /** The last day of the 30-day window, YYYY-MM-DD. */
  readonly snapshot: string;
  readonly packages: number;
  /** Names that are not valid npm names. */
  readonly skippedNames: number;
  /** Packages without a count. */
  readonly nulls: number;
}

/** Per-download PyPI records (CDN log lines or a BigQuery export), counted per project and day. */
export interface PypiDownloadsImportSummary extends BatchResult {
  readonly format: string;
  readonly lines: number;
  readonly downloads: number;
  readonly skipped: number;
  readonly skipReasons: Readonly<Record<string, number>>;
  readonly byCategory: Readonly<Record<DownloadCategory, number>>;
  /** The days the records cover, YYYY-MM-DD, ascending. */
  readonly days: readonly string[];
  readonly projectDays: number;
  /** Index-page requests in CDN logs (not downloads). */
  readonly indexRequests: number;
}

interface Imported<K extends ImportKindName> {
  readonly kind: K;
  /** The file or directory as the user named it. */
  readonly file: string;
}

/** One import's result, by kind. */
export type ImportResult =
  | (Imported<'pypi-top'> & PypiTopImportSummary)
  | (Imported<'hf-models'> & HfModelsImportSummary)
  | (Imported<'pypi-logs' | 'pypi-bigquery'> & PypiDownloadsImportSummary)
  | (Imported<'npm-download-counts'> & NpmCountsImportSummary)
  | (Imported<'hf-snapshot'> & HfSnapshotImportSummary)
  | (Imported<'org-regions'> & OrgRegionsImportSummary)
  | (Imported<'issues'> & IssuesImportSummary);
