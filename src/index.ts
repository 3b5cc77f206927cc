// The library face of kept: what a program needs to open a store, fill it from files, ask any
// view a question and render the answer. Everything else under src/ is internal; the package's
// `exports` make this module its only entry point.
import { runNamedView } from './views/run.js';
import type { ViewModel, ViewName, ViewRequestOf } from './views/registry.js';
import type { Store } from './store/store.js';

// ---------------------------------------------------------------------------------------- store

/**
 * Opens a store: a DuckDB file path (created when missing, unless `readOnly`) or a
 * `clickhouse://user@host:8123/database` URL. Close it with `store.close()`.
 */
export { openStore, type OpenStoreOptions } from './store/open.js';
export type { Store, StoredObservation, StoredFact, StoredRelation, StoredRecord } from './store/store.js';

/** The default store location ($XDG_DATA_HOME/kept/kept.duckdb) for an environment. */
export { defaultDbPath } from './config/paths.js';

// --------------------------------------------------------------------------------------- ingest

/**
 * The `kept import` kinds (pypi-top, hf-models, hf-snapshot, pypi-logs, pypi-bigquery,
 * npm-download-counts, issues, org-regions): `IMPORT_KINDS[kind].run(store, { file, fetchedAt })`
 * imports one file in one transaction; importing the same file again adds nothing.
 */
export { IMPORT_KINDS, type ImportKind, type ImportRequest } from './ingest/import/kinds.js';
export type { ImportKindName, ImportResult } from './domain/imports.js';

// -------------------------------------------------------------------------------------- catalog

/** The built-in catalog of projects (serving runtimes, frameworks, model families, vector databases…). */
export { CATALOG } from './config/catalog.js';
/** The catalog with a kept.yaml's `projects:` applied; `findProject` resolves an id, a name or an artifact. */
export { resolveProjects, findProject } from './config/resolve.js';
/** Reads kept.yaml (an explicit path, ./kept.yaml, then $XDG_CONFIG_HOME/kept/kept.yaml). */
export { loadConfig, type LoadedConfig } from './config/load.js';
export type { Project, ProjectCategory } from './domain/project.js';
export { subject, parseSubject, formatSubject, type Subject, type SubjectKind } from './domain/subject.js';

// ---------------------------------------------------------------------------------------- views

/**
 * Every view by name, each with its zod `schema` (the JSON contract, kept.<view>/vN), its `load`
 * (store → inputs, the only I/O) and its pure `compute` (inputs + request → model).
 */
export { VIEWS, VIEW_NAMES, type ViewName, type ViewModel, type ViewRequestOf } from './views/registry.js';
export type { View, ViewRequest } from './views/view.js';

/**
 * Answers one question: loads the view's inputs from the store and computes its model.
 *
 * @example
 * const store = await openStore('kept.duckdb', { readOnly: true });
 * const verdict = await view('verdict', store, { project: findProject(CATALOG, 'vllm'), today: new Date() });
 * console.log(verdict.tier.label, verdict.tier.confidence);
 */
export function view<K extends ViewName>(name: K, store: Store, request: ViewRequestOf<K>): Promise<ViewModel<K>> {
  return runNamedView(name, store, request);
}

export type { TrendView } from './views/trend/model.js';
export type { VerdictView } from './views/verdict/model.js';
export type { ProfileView } from './views/profile/model.js';
export type { CompareView } from './views/compare/model.js';
export type { OverviewView } from './views/overview/model.js';
export type { TopView } from './views/top/model.js';
export type { GrowthView } from './views/growth/model.js';
export type { FanoutView } from './views/fanout/model.js';
export type { FanoutOrgView } from './views/fanout-org/model.js';
export type { ContributorsView } from './views/contributors/model.js';
export type { EcosystemView } from './views/ecosystem/model.js';
export type { CatalogView } from './views/catalog/model.js';
export type { DoctorView } from './views/doctor/model.js';
export type { LinkView } from './views/link/model.js';

// --------------------------------------------------------------------------------------- report

/** A view's model laid out as a document (sections of typed tables, charts, notes). */
export { viewDocument } from './report/views/index.js';
/** A document as Markdown, one self-contained HTML file, or CSV (every table, or one by id). */
export { renderDocument, renderCsvFiles, type DocumentFormat } from './report/render.js';
export { renderMarkdown } from './report/render-markdown.js';
export { renderHtml } from './report/render-html.js';
export type { ReportDocument, ReportSection, Block, TableBlock, ChartBlock } from './report/document.js';

// --------------------------------------------------------------------------------------- errors

/** What kept throws: one class per kind of failure, each with a `hint` and the process exit code of its `code`. */
export {
  KeptError,
  UsageError,
  InputError,
  ConfigError,
  NotFoundError,
  StoreError,
  HttpError,
  EXIT_CODES,
} from './domain/errors.js';

export { VERSION } from './version.js';
