// `kept import pypi-top FILE`: sniffs the top-pypi-packages format and writes it in one transaction.
import { resolve } from 'node:path';
import type { PypiTopImportSummary } from '../../domain/imports.js';
import type { Store } from '../../store/store.js';
import { isGzipPath, readHead, readWholeText, verifyGzip } from '../../files/read-head.js';
import {
  PYPI_TOP_SOURCE,
  detectPypiTopFormat,
  monthlyCsvPlan,
  parsePypiTopJson,
  parsePypiTopTwoColumnCsv,
} from '../../files/pypi-top.js';

export interface ImportOptions {
  /** Snapshot date for formats that carry none. */
  readonly at?: Date;
  /** When kept fetched the data (now, read by the caller). */
  readonly fetchedAt: Date;
}

export async function importPypiTop(store: Store, file: string, options: ImportOptions): Promise<PypiTopImportSummary> {
  const path = resolve(file);
  const format = detectPypiTopFormat(await readHead(path, 4096), path);
  const provenance = { source: PYPI_TOP_SOURCE, origin: path, fetchedAt: options.fetchedAt };
  if (format === 'csv-monthly') {
    const gzip = isGzipPath(path);
    const r = await store.bulkLoad(
      monthlyCsvPlan(path, gzip, options.fetchedAt),
      provenance,
      gzip ? { beforeCommit: () => verifyGzip(path) } : {},
    );
    return { ...r, format, skipped: 0 };
  }
  const text = await readWholeText(path);
  const parsed =
    format === 'json'
      ? parsePypiTopJson(text, path, options.at, options.fetchedAt)
      : parsePypiTopTwoColumnCsv(text, path, options.at, options.fetchedAt);
  const r = await store.write({ provenance, observations: parsed.observations });
  return { ...r, format, skipped: parsed.skipped };
}
