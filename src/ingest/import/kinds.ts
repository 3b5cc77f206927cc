// The table of `kept import` kinds: what each kind's file holds, whether it also takes a directory,
// and how it is imported. `kept import` parses its arguments, runs one kind and prints its result.
import type { ImportKindName, ImportResult } from '../../domain/imports.js';
import type { Store } from '../../store/store.js';
import { importHfModels } from './hf-models.js';
import { importHfSnapshots, importOrgRegions } from './hf-snapshot.js';
import { importIssues } from './issues.js';
import { importNpmDownloadCounts } from './npm-download-counts.js';
import { importPypiBigQuery, importPypiLogs } from './pypi-downloads.js';
import { importPypiTop } from './pypi-top.js';

export interface ImportRequest {
  /** The file (or directory, for kinds that take one) as the user named it. */
  readonly file: string;
  /** Snapshot date for files that carry none. */
  readonly at?: Date;
  /** When kept read the file (the caller reads the clock). */
  readonly fetchedAt: Date;
  /** issues: the repository, owner/name (default: from the issues' html_url). */
  readonly repo?: string;
  /** issues: the file is a sample, described so (reports say so). */
  readonly sample?: string;
}

export interface ImportKind {
  readonly description: string;
  /** The kind also takes a directory (every matching file in it). */
  readonly acceptsDirectory?: boolean;
  run(store: Store, request: ImportRequest): Promise<ImportResult>;
}

/** The snapshot date and the fetch time, for importers that take both. */
function dated(r: ImportRequest): { at?: Date; fetchedAt: Date } {
  return { ...(r.at ? { at: r.at } : {}), fetchedAt: r.fetchedAt };
}

/** Import kinds by name, in the order `kept import --help` lists them. */
export const IMPORT_KINDS: Readonly<Record<ImportKindName, ImportKind>> = {
  'pypi-top': {
    description:
      'top-pypi-packages snapshots: the JSON, its two-column CSV, or the multi-snapshot CSV (snapshot_date,window_days,project,downloads,source)',
    run: async (store, r) => ({ kind: 'pypi-top', file: r.file, ...(await importPypiTop(store, r.file, dated(r))) }),
  },
  'hf-models': {
    description:
      'Hugging Face Hub model records (/api/models shape), JSONL or a JSON array: counters, facts and base-model relations; the snapshot date comes from --at or a _summary.csv beside the file',
    run: async (store, r) => ({ kind: 'hf-models', file: r.file, ...(await importHfModels(store, r.file, dated(r))) }),
  },
  'pypi-logs': {
    description:
      'PyPI CDN log lines (linehaul format, plain or .gz): daily downloads per project split human / ci / mirror / bot',
    run: async (store, r) => ({
      kind: 'pypi-logs',
      file: r.file,
      ...(await importPypiLogs(store, r.file, { fetchedAt: r.fetchedAt })),
    }),
  },
  'pypi-bigquery': {
    description:
      'a BigQuery export of pypi file_downloads (CSV, JSONL or .parquet; raw rows or day,file.project,…,count aggregates)',
    run: async (store, r) => ({
      kind: 'pypi-bigquery',
      file: r.file,
      ...(await importPypiBigQuery(store, r.file, { fetchedAt: r.fetchedAt })),
    }),
  },
  'npm-download-counts': {
    description:
      'a monthly snapshot of every npm package from the download-counts package (the npm pack .tgz, or counts.json)',
    run: async (store, r) => ({
      kind: 'npm-download-counts',
      file: r.file,
      ...(await importNpmDownloadCounts(store, r.file, dated(r))),
    }),
  },
  'hf-snapshot': {
    description:
      'monthly Hub download snapshots, a CSV (model_url,downloads,downloadsAllTime,organization,model_name,date) or a directory of them; also stores the shipped organisation → region map and parameter counts',
    acceptsDirectory: true,
    run: async (store, r) => ({
      kind: 'hf-snapshot',
      file: r.file,
      ...(await importHfSnapshots(store, r.file, { fetchedAt: r.fetchedAt })),
    }),
  },
  'org-regions': {
    description:
      'your own organisation → region map (hf_org,region,notes; region us|china|eu|other|unknown), overriding the shipped one',
    run: async (store, r) => ({
      kind: 'org-regions',
      file: r.file,
      ...(await importOrgRegions(store, r.file, r.fetchedAt)),
    }),
  },
  issues: {
    description:
      'GitHub issues, one REST issue JSON object per line (.jsonl or .jsonl.gz); --repo owner/name when html_url is absent, --sample to mark a sample',
    run: async (store, r) => ({
      kind: 'issues',
      file: r.file,
      ...(await importIssues(store, r.file, {
        ...dated(r),
        ...(r.repo ? { repo: r.repo } : {}),
        ...(r.sample ? { sample: r.sample } : {}),
      })),
    }),
  },
};

export function isImportKind(name: string): name is ImportKindName {
  return Object.hasOwn(IMPORT_KINDS, name);
}
