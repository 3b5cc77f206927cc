// Import kinds added by the registry work: per-download PyPI records (CDN log lines, BigQuery
// exports; each prints the CI / mirror / bot split it found) and npm's download-counts snapshots.
// Registered in IMPORT_KINDS (import.ts).
import { importNpmDownloadCounts } from '../../ingest/import/npm-download-counts.js';
import {
  importPypiBigQuery,
  importPypiLogs,
  type PypiDownloadsImportSummary,
} from '../../ingest/import/pypi-downloads.js';
import { formatCount, formatShare } from '../../domain/format.js';
import { CI_CAVEAT, DOWNLOAD_CATEGORIES } from '../../domain/downloads.js';
import type { ImportKind } from './import.js';

function summaryLine(file: string, r: PypiDownloadsImportSummary): string {
  const total = DOWNLOAD_CATEGORIES.reduce((n, c) => n + r.byCategory[c], 0);
  const split = DOWNLOAD_CATEGORIES.map(
    (c) => `${c} ${formatCount(r.byCategory[c])}${total ? ` (${formatShare(r.byCategory[c] / total)})` : ''}`,
  ).join(', ');
  const days =
    r.days.length === 0 ? 'no days' : r.days.length === 1 ? r.days[0] : `${r.days[0]} → ${r.days[r.days.length - 1]}`;
  const skipped = r.skipped
    ? `; ${r.skipped} skipped (${Object.entries(r.skipReasons)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')})`
    : '';
  const index = r.indexRequests ? `; ${r.indexRequests} index-page requests not counted` : '';
  return [
    `imported ${file} (${r.format}): ${formatCount(r.downloads)} downloads over ${days}, ${r.projectDays} project-days, ${r.added} new observations${r.added === 0 && r.offered > 0 ? ' (already stored)' : ''}${skipped}${index}`,
    `  split: ${split}`,
    `  CI is ${CI_CAVEAT}`,
  ].join('\n');
}

export const REGISTRY_IMPORT_KINDS: Record<string, ImportKind> = {
  'pypi-logs': {
    description:
      'PyPI CDN log lines (linehaul format, plain or .gz): daily downloads per project split human / ci / mirror / bot',
    async run(ctx, store, file) {
      const p = ctx.progress(`importing ${file}`);
      const r = await p.around(importPypiLogs(store, file, { fetchedAt: ctx.now() }), 'reading');
      p.done(`${r.lines} lines`);
      return summaryLine(file, r);
    },
  },
  'pypi-bigquery': {
    description:
      'a BigQuery export of pypi file_downloads (CSV, JSONL or .parquet; raw rows or day,file.project,…,count aggregates)',
    async run(ctx, store, file) {
      const p = ctx.progress(`importing ${file}`);
      const r = await p.around(importPypiBigQuery(store, file, { fetchedAt: ctx.now() }), 'reading');
      p.done(`${r.lines} rows`);
      return summaryLine(file, r);
    },
  },
  'npm-download-counts': {
    description:
      'a monthly snapshot of every npm package from the download-counts package (the npm pack .tgz, or counts.json)',
    async run(ctx, store, file, at) {
      const p = ctx.progress(`importing ${file}`);
      const r = await p.around(
        importNpmDownloadCounts(store, file, { ...(at ? { at } : {}), fetchedAt: ctx.now() }),
        'reading',
      );
      p.done(`${r.packages} packages`);
      return `imported ${file}: 30-day downloads ending ${r.snapshot} for ${formatCount(r.packages)} packages, ${r.added} new observations${r.added === 0 && r.offered > 0 ? ' (already stored)' : ''}${r.skippedNames ? `; ${r.skippedNames} names skipped (not valid npm names)` : ''}${r.nulls ? `; ${r.nulls} without a count` : ''}`;
    },
  },
};
