// `kept import`'s result laid out: the import's line (what was read, what was new), the figures as
// a table, and for per-download PyPI records the noise split and its CI caveat; the JSON is the
// result itself (kept.import/v1). Pure.
import { z } from 'zod';
import { CI_CAVEAT, DOWNLOAD_CATEGORIES } from '../../domain/downloads.js';
import { formatCount, formatShare } from '../../domain/format.js';
import { IMPORT_KIND_NAMES, type ImportResult, type PypiDownloadsImportSummary } from '../../domain/imports.js';
import { isoDate } from '../../domain/time.js';
import type { Block, Cell, ReportDocument } from '../document.js';

export const importRunSchema = z
  .looseObject({
    schema: z.literal('kept.import/v1'),
    kind: z.enum(IMPORT_KIND_NAMES),
    file: z.string().describe('the file or directory as named on the command line'),
    added: z.number().int().nonnegative().optional().describe('rows newly stored (absent for hf-snapshot: see files)'),
    offered: z.number().int().nonnegative().optional().describe('rows offered to the store'),
  })
  .describe(
    'kept import --format json: the kind, the file, and the figures of that kind (pypi-top: format, skipped; hf-models: records, models, duplicates, relations, snapshot, snapshotFrom; pypi-logs / pypi-bigquery: format, lines, downloads, skipped, skipReasons, byCategory, days, projectDays, indexRequests; npm-download-counts: snapshot, packages, skippedNames, nulls; hf-snapshot: files, catalog; org-regions: regions; issues: repo, issues, pullRequests, observedAt)',
  );
export type ImportRunJson = z.output<typeof importRunSchema>;

/** The JSON of an import: the result with its schema id. */
export function importRunJson(r: ImportResult): { readonly schema: 'kept.import/v1' } & ImportResult {
  return { schema: 'kept.import/v1', ...r };
}

const stored = (added: number, offered: number): string => (added === 0 && offered > 0 ? ' (already stored)' : '');

function pypiDownloadsLine(file: string, r: PypiDownloadsImportSummary): string {
  const days =
    r.days.length === 0 ? 'no days' : r.days.length === 1 ? r.days[0] : `${r.days[0]} → ${r.days[r.days.length - 1]}`;
  const skipped = r.skipped
    ? `; ${r.skipped} skipped (${Object.entries(r.skipReasons)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')})`
    : '';
  const index = r.indexRequests ? `; ${r.indexRequests} index-page requests not counted` : '';
  return `imported ${file} (${r.format}): ${formatCount(r.downloads)} downloads over ${days}, ${r.projectDays} project-days, ${r.added} new observations${stored(r.added, r.offered)}${skipped}${index}`;
}

function splitLine(r: PypiDownloadsImportSummary): string {
  const total = DOWNLOAD_CATEGORIES.reduce((n, c) => n + r.byCategory[c], 0);
  return `split: ${DOWNLOAD_CATEGORIES.map(
    (c) => `${c} ${formatCount(r.byCategory[c])}${total ? ` (${formatShare(r.byCategory[c] / total)})` : ''}`,
  ).join(', ')}`;
}

/** The one line that says what the import read and stored. */
export function importRunLine(r: ImportResult): string {
  switch (r.kind) {
    case 'pypi-top':
      return `imported ${r.file} (${r.format}): ${r.offered} rows read, ${r.added} new observations${stored(r.added, r.offered)}${r.skipped ? `, ${r.skipped} rows skipped (invalid project name or count)` : ''}`;
    case 'hf-models':
      return `imported ${r.file}: ${r.records} records, ${r.models} models, ${r.relations} base-model relations, snapshot ${r.snapshot.toISOString()} (from ${r.snapshotFrom === 'option' ? '--at' : '_summary.csv'}); ${r.added} new rows${stored(r.added, r.offered)}${r.duplicates ? `, ${r.duplicates} repeated ids (the later record kept)` : ''}`;
    case 'pypi-logs':
    case 'pypi-bigquery':
      return pypiDownloadsLine(r.file, r);
    case 'npm-download-counts':
      return `imported ${r.file}: 30-day downloads ending ${r.snapshot} for ${formatCount(r.packages)} packages, ${r.added} new observations${stored(r.added, r.offered)}${r.skippedNames ? `; ${r.skippedNames} names skipped (not valid npm names)` : ''}${r.nulls ? `; ${r.nulls} without a count` : ''}`;
    case 'hf-snapshot': {
      const rows = r.files.reduce((n, f) => n + f.rows, 0);
      const added = r.files.reduce((n, f) => n + f.added, 0);
      return `imported ${r.file}: ${r.files.length} file(s), ${rows} rows read, ${added} new observations${stored(added, rows)}; catalog: ${r.catalog.regions} organisation regions, ${r.catalog.parameters} parameter counts (${r.catalog.added} new rows)`;
    }
    case 'org-regions':
      return `imported ${r.file}: ${r.regions} organisation regions, ${r.added} new facts`;
    case 'issues':
      return `imported ${r.file}: ${r.issues} issues and ${r.pullRequests} pull requests of github:${r.repo} (states as of ${isoDate(r.observedAt)}), ${r.added} new rows${r.added === 0 ? ' (already stored)' : ''}`;
  }
}

/** What was read, for the progress line's last word (e.g. "971000 rows"). */
export function importRunProgress(r: ImportResult): string {
  switch (r.kind) {
    case 'pypi-top':
      return `${r.offered} rows`;
    case 'hf-models':
      return `${r.records} records`;
    case 'pypi-logs':
      return `${r.lines} lines`;
    case 'pypi-bigquery':
      return `${r.lines} rows`;
    case 'npm-download-counts':
      return `${r.packages} packages`;
    case 'hf-snapshot':
      return `${r.files.reduce((n, f) => n + f.rows, 0)} rows`;
    case 'org-regions':
      return `${r.regions} regions`;
    case 'issues':
      return `${r.issues + r.pullRequests} issues`;
  }
}

/** The import's figures, one row each: what was read, what was new, what was skipped. */
function figures(r: ImportResult): [string, Cell][] {
  switch (r.kind) {
    case 'pypi-top':
      return [
        ['rows read', r.offered],
        ['new observations', r.added],
        ['rows skipped', r.skipped],
      ];
    case 'hf-models':
      return [
        ['records', r.records],
        ['models', r.models],
        ['base-model relations', r.relations],
        ['repeated ids', r.duplicates],
        ['new rows', r.added],
      ];
    case 'pypi-logs':
    case 'pypi-bigquery':
      return [
        ['lines read', r.lines],
        ['downloads', r.downloads],
        ['project-days', r.projectDays],
        ['new observations', r.added],
        ['skipped', r.skipped],
        ['index-page requests', r.indexRequests],
      ];
    case 'npm-download-counts':
      return [
        ['packages', r.packages],
        ['new observations', r.added],
        ['names skipped', r.skippedNames],
        ['without a count', r.nulls],
      ];
    case 'hf-snapshot':
      return [
        ['files', r.files.length],
        ['rows read', r.files.reduce((n, f) => n + f.rows, 0)],
        ['new observations', r.files.reduce((n, f) => n + f.added, 0)],
        ['organisation regions', r.catalog.regions],
        ['parameter counts', r.catalog.parameters],
        ['new catalog rows', r.catalog.added],
      ];
    case 'org-regions':
      return [
        ['organisation regions', r.regions],
        ['new facts', r.added],
      ];
    case 'issues':
      return [
        ['issues', r.issues],
        ['pull requests', r.pullRequests],
        ['new rows', r.added],
      ];
  }
}

/** The document of one import; `asOf` is the day it ran. */
export function importRunDocument(r: ImportResult, asOf: string): ReportDocument {
  const blocks: Block[] = [{ kind: 'prose', text: importRunLine(r) }];
  if (r.kind === 'pypi-logs' || r.kind === 'pypi-bigquery') {
    const total = DOWNLOAD_CATEGORIES.reduce((n, c) => n + r.byCategory[c], 0);
    blocks.push(
      { kind: 'prose', text: splitLine(r) },
      { kind: 'note', tone: 'info', text: `CI is ${CI_CAVEAT}` },
      {
        kind: 'table',
        id: 'split',
        caption: 'Downloads by category (human, CI, mirror, bot)',
        columns: [
          { key: 'category', label: 'category', format: 'text' },
          { key: 'downloads', label: 'downloads', format: 'count' },
          { key: 'share', label: 'share', format: 'share' },
        ],
        rows: DOWNLOAD_CATEGORIES.map((c) => [c, r.byCategory[c], total ? r.byCategory[c] / total : null]),
      },
    );
  }
  blocks.push({
    kind: 'table',
    id: 'figures',
    caption: 'Figures of this import',
    columns: [
      { key: 'figure', label: 'figure', format: 'text' },
      { key: 'value', label: 'value', format: 'count' },
    ],
    rows: figures(r),
  });
  if (r.kind === 'hf-snapshot')
    blocks.push({
      kind: 'table',
      id: 'files',
      caption: 'Snapshot files',
      columns: [
        { key: 'path', label: 'file', format: 'text' },
        { key: 'rows', label: 'rows', format: 'count' },
        { key: 'added', label: 'new observations', format: 'count' },
      ],
      rows: r.files.map((f) => [f.path, f.rows, f.added]),
    });
  return {
    schema: 'kept.report/v1',
    view: 'import',
    title: `Import: ${r.kind}`,
    subtitle: `${r.file} · imported ${asOf}`,
    asOf,
    sections: [{ id: 'result', title: 'Result', blocks }],
  };
}
