// The ecosystem aggregation's result rows, read from either engine's row objects: both backends
// name their columns alike, so the HubAggregates they return are built (and key-ordered) by one code.
// Also the session both engines run the aggregation's statements in, and the differencing of
// consecutive snapshots they both do.
import type {
  HubCell,
  HubConcentrationRow,
  HubCoverageRow,
  HubDifferencedRow,
  HubFamilyRow,
  HubOrgRow,
  HubWeightsRow,
} from '../../domain/ecosystem.js';
import { rowDate, type Row } from './rows.js';
import { distributionStatsOfCounts } from '../../domain/distribution-stats.js';

/** Statements of one connection or server session (its temporary tables), run one at a time. */
export interface SqlSession {
  run(sql: string): Promise<void>;
  rows(sql: string): Promise<Row[]>;
}

/**
 * The all-time totals of every consecutive pair of snapshots, differenced: one UNION ALL branch per
 * pair (`branch`, dates as constants so each side is a filtered scan), aggregated by `query`; no
 * rows without two snapshots.
 */
export async function differencedRows<T>(
  db: SqlSession,
  snapshots: readonly T[],
  branch: (from: T, to: T) => string,
  query: (pairs: string) => string,
): Promise<HubDifferencedRow[]> {
  const pairs = snapshots.slice(1).map((to, i) => branch(snapshots[i]!, to));
  if (pairs.length === 0) return [];
  return (await db.rows(query(pairs.join('\n UNION ALL ')))).map(hubDifferenced);
}

export const rowNumber = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const nOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const n = rowNumber;

/** snap, region, family, size_class, licence_class, models, zero, dl */
export function hubCell(r: Row): HubCell {
  return {
    snapshot: rowDate(r.snap),
    region: String(r.region),
    family: String(r.family),
    sizeClass: String(r.size_class),
    licenceClass: String(r.licence_class),
    models: n(r.models),
    zeroModels: n(r.zero),
    downloads: n(r.dl),
  };
}

/** snap, org, region, models, dl */
export function hubOrg(r: Row): HubOrgRow {
  return {
    snapshot: rowDate(r.snap),
    org: String(r.org),
    region: String(r.region),
    models: n(r.models),
    downloads: n(r.dl),
  };
}

/**
 * family, models, dl, orgs, min_p, max_p, size_known, edge, via_base, and the top lists: top_orgs
 * (names), licences ({licence, models}), libraries ({library, models}).
 */
export function hubFamily(r: Row): HubFamilyRow {
  return {
    family: String(r.family),
    models: n(r.models),
    downloads: n(r.dl),
    orgs: n(r.orgs),
    topOrgs: ((r.top_orgs as unknown[] | null) ?? []).map(String),
    minParameters: nOrNull(r.min_p),
    maxParameters: nOrNull(r.max_p),
    sizeKnown: n(r.size_known),
    edgeModels: n(r.edge),
    viaBaseModel: n(r.via_base),
    licences: ((r.licences as { licence: unknown; models: unknown }[] | null) ?? []).map((l) => ({
      licence: String(l.licence),
      models: n(l.models),
    })),
    libraries: ((r.libraries as { library: unknown; models: unknown }[] | null) ?? []).map((l) => ({
      library: String(l.library),
      models: n(l.models),
    })),
  };
}

/** snap, attribute, basis, models, dl */
export function hubCoverage(r: Row): HubCoverageRow {
  return {
    snapshot: rowDate(r.snap),
    attribute: String(r.attribute) as HubCoverageRow['attribute'],
    basis: String(r.basis),
    models: n(r.models),
    downloads: n(r.dl),
  };
}

/** from_snap, to_snap, region, models, dl, decreased */
export function hubDifferenced(r: Row): HubDifferencedRow {
  return {
    from: rowDate(r.from_snap),
    to: rowDate(r.to_snap),
    region: String(r.region),
    models: n(r.models),
    downloads: n(r.dl),
    decreased: n(r.decreased),
  };
}

/** snap, weights_region, basis, models, dl */
export function hubWeights(r: Row): HubWeightsRow {
  return {
    snapshot: rowDate(r.snap),
    region: String(r.weights_region),
    basis: String(r.basis) as HubWeightsRow['basis'],
    models: n(r.models),
    downloads: n(r.dl),
  };
}

/**
 * Concentration statistics per snapshot from histogram rows (snap, dl, k: how many units had dl
 * downloads), ascending by snapshot; the rank sums are computed by the pure signal code.
 */
export function hubConcentration(
  rows: readonly Row[],
  level: HubConcentrationRow['level'],
  topN: readonly number[],
): HubConcentrationRow[] {
  const bySnap = new Map<number, [number, number][]>();
  for (const r of rows) {
    const t = rowDate(r.snap).getTime();
    const counts = bySnap.get(t) ?? [];
    counts.push([n(r.dl), n(r.k)]);
    bySnap.set(t, counts);
  }
  return [...bySnap.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, counts]) => ({ snapshot: new Date(t), level, ...distributionStatsOfCounts(counts, topN) }));
}
