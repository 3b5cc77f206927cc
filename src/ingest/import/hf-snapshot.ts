// `kept import hf-snapshot FILE|DIR`: monthly Hub download snapshots (CSV, one per date), each file
// loaded by the store engine's own reader as one batch, plus the shipped catalog attribution
// (organisation → region, model parameters) written once beside them. Idempotent throughout.
import { shippedDataDir } from '../../config/paths.js';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError, errorMessage } from '../../domain/errors.js';
import type { HfSnapshotFileResult, HfSnapshotImportSummary, OrgRegionsImportSummary } from '../../domain/imports.js';
import { HF_SNAPSHOT_SOURCE, checkHfSnapshotHeader, hfSnapshotPlan } from '../../files/hf-snapshot.js';
import { isGzipPath, readHead, verifyGzip } from '../../files/read-head.js';
import {
  TRACKED_MODELS_DATE,
  TRACKED_MODELS_SOURCE,
  catalogRecords,
  parseModelParameters,
  parseOrganizationRegions,
} from '../../files/tracked-models.js';
import type { Store } from '../../store/store.js';

export function catalogDataDir(): string {
  return shippedDataDir('catalog');
}

/** The shipped region map and parameter counts, as one idempotent batch. */
export async function importCatalogAttribution(
  store: Store,
  fetchedAt: Date,
): Promise<HfSnapshotImportSummary['catalog']> {
  const dir = catalogDataDir();
  const regionsPath = join(dir, 'organization_regions.csv');
  const paramsPath = join(dir, 'model_parameters.csv');
  const regions = parseOrganizationRegions(readFileSync(regionsPath, 'utf8'), regionsPath);
  const params = parseModelParameters(readFileSync(paramsPath, 'utf8'), paramsPath).rows;
  const { facts, observations } = catalogRecords(regions, params, TRACKED_MODELS_DATE);
  const r = await store.write({
    provenance: {
      source: TRACKED_MODELS_SOURCE,
      origin: 'data/catalog (Interconnects-AI/tracked-models@3cd80206, Apache-2.0)',
      fetchedAt,
    },
    facts,
    observations,
  });
  return { ...r, regions: regions.length, parameters: params.length };
}

/** A user's organisation → region map (`hf_org,region,notes`), later than and so overriding the shipped one. */
export async function importOrgRegions(store: Store, file: string, fetchedAt: Date): Promise<OrgRegionsImportSummary> {
  const path = resolve(file);
  const regions = parseOrganizationRegions(readFileSync(path, 'utf8'), path);
  const { facts } = catalogRecords(regions, [], fetchedAt);
  const r = await store.write({ provenance: { source: 'user-org-regions', origin: path, fetchedAt }, facts });
  return { ...r, regions: regions.length };
}

/** The snapshot files a path names: the file itself, or every `.csv`/`.csv.gz` in a directory, by name. */
export function listSnapshotFiles(target: string): string[] {
  const path = resolve(target);
  if (!statSync(path).isDirectory()) return [path];
  const files = readdirSync(path)
    .filter((f) => /\.csv(\.gz)?$/i.test(f))
    .sort()
    .map((f) => join(path, f));
  if (files.length === 0)
    throw new InputError(`${target}: no .csv or .csv.gz files in this directory`, {
      hint: 'pass a snapshot CSV or a directory of them',
    });
  return files;
}

export async function importHfSnapshots(
  store: Store,
  target: string,
  options: { fetchedAt: Date; onFile?: (path: string, index: number, count: number) => void },
): Promise<HfSnapshotImportSummary> {
  const files = listSnapshotFiles(target);
  // Every header is checked before anything is written: a wrong file stores nothing, not even the
  // shipped attribution that goes with snapshots.
  for (const path of files) checkHfSnapshotHeader(await readHead(path, 4096), path);
  const out: HfSnapshotFileResult[] = [];
  let catalog: HfSnapshotImportSummary['catalog'] | undefined;
  for (const [i, path] of files.entries()) {
    options.onFile?.(path, i, files.length);
    try {
      const gzip = isGzipPath(path);
      const r = await store.bulkLoad(
        hfSnapshotPlan(path, gzip, options.fetchedAt),
        { source: HF_SNAPSHOT_SOURCE, origin: path, fetchedAt: options.fetchedAt },
        gzip ? { beforeCommit: () => verifyGzip(path) } : {},
      );
      out.push({ ...r, path, rows: r.offered / 2 });
      // Once a snapshot is in, the attribution that reads it goes in too (idempotent).
      catalog ??= await importCatalogAttribution(store, options.fetchedAt);
    } catch (err) {
      if (out.length === 0 || !(err instanceof InputError)) throw err;
      // Earlier files are committed (one transaction each): say so, so the user re-runs after fixing.
      throw new InputError(errorMessage(err), {
        hint: `${err.hint ?? 'fix the file'}; the ${out.length} file(s) before it were imported and re-importing them adds nothing`,
        cause: err,
      });
    }
  }
  if (!catalog)
    throw new InputError(`${target}: no snapshot files`, { hint: 'pass a snapshot CSV or a directory of them' });
  return { files: out, catalog };
}
