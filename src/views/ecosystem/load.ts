// Loads the ecosystem view's input: picks the Hub snapshots of the window (and the one before it,
// for differencing and month-over-month) and has the store aggregate them with the attribution
// rules of signals/ecosystem/classes.ts and the region maps of the catalog and kept.yaml: the
// heavy per-model work runs in the store's engine.
import { regionMaps } from '../../config/org-regions.js';
import type { HubAggregateQuery, HubAggregates } from '../../domain/ecosystem.js';
import { GATED_FACT, NOT_GATED_VALUES } from '../../domain/hub-counts.js';
import type { RegionMaps } from '../../domain/org-regions.js';
import { NotFoundError } from '../../domain/errors.js';
import { METRICS } from '../../domain/metrics.js';
import { addMonths, isoDate } from '../../domain/time.js';
import {
  EDGE_MAX_PARAMETERS,
  FAMILY_RULES,
  NAME_MOE_PATTERN,
  NAME_SIZE_PATTERN,
  OPEN_LICENCES,
  SIZE_CLASSES,
} from '../../signals/ecosystem/classes.js';
import { FANOUT_RELATIONS } from '../../signals/fanout.js';
import { TRACKED_MODELS_SOURCE } from '../../domain/records.js';
import type { Store } from '../../store/store.js';
import { resolveAsOf } from '../shared/freshness.js';
import { snapshotDays } from '../shared/latest-data.js';
import { splitPartialSnapshots, type SnapshotSize } from '../../signals/ecosystem/partial.js';
import type { ViewRequest } from '../view.js';
import { ECOSYSTEM_TOP_N } from './compute.js';

export const ECOSYSTEM_TOP_ORGS = 15;

export interface EcosystemRequest extends ViewRequest {
  /** How far back the series go, in months. */
  readonly windowMonths: number;
  /** kept.yaml's `organizations:` (Hub organisation → region): applied over every stored and shipped map. */
  readonly organizations?: Readonly<Record<string, string>>;
}

/** The store's aggregation query for a set of snapshots, with kept's rules and region maps. */
export function hubAggregateQuery(
  snapshots: readonly Date[] | undefined,
  familySnapshot: Date | undefined,
  maps: RegionMaps = regionMaps(),
): HubAggregateQuery {
  return {
    ...(snapshots ? { snapshots } : {}),
    ...(familySnapshot ? { familySnapshot } : {}),
    // The shipped map and kept.yaml's apply whatever was imported (config/org-regions.ts).
    regionMaps: maps,
    // A gated repository's 0 is not a count: unknown, left out.
    gated: { fact: GATED_FACT, notGatedValues: NOT_GATED_VALUES },
    families: FAMILY_RULES,
    sizeClasses: SIZE_CLASSES,
    openLicences: OPEN_LICENCES,
    nameSizePattern: NAME_SIZE_PATTERN,
    nameMoePattern: NAME_MOE_PATTERN,
    catalogSource: TRACKED_MODELS_SOURCE,
    edgeMaxParameters: EDGE_MAX_PARAMETERS,
    topN: ECOSYSTEM_TOP_N,
    topOrgs: ECOSYSTEM_TOP_ORGS,
    // A model with one of the fan-out relations to a base model is a derivative: its weights are its base's.
    baseRelations: FANOUT_RELATIONS,
  };
}

/** The store's aggregates, the latest comparable snapshot (the default as-of date) and the partial ones left out. */
export interface EcosystemInputs extends HubAggregates {
  readonly latestData?: Date | undefined;
  /** The window's partial snapshots (signals/ecosystem/partial.ts), ascending: in the region series only. */
  readonly partial?: readonly SnapshotSize[];
  /** The widest snapshot on or before the as-of date: the yardstick of "partial". */
  readonly widest?: SnapshotSize | undefined;
}

export async function loadEcosystem(store: Store, request: EcosystemRequest): Promise<EcosystemInputs> {
  // Snapshots are UTC days; the default as-of date is the latest comparable with the widest.
  const { days: sizes, latestComparable: latestData } = await snapshotDays(store, 'hf', METRICS.downloads);
  const asOf = resolveAsOf(request.asOf, latestData, request.today).asOf;
  const coverage = splitPartialSnapshots(sizes.filter((s) => s.snapshot.getTime() <= asOf.getTime()));
  const ends = coverage.full.map((s) => s.snapshot);
  const latest = ends[ends.length - 1];
  if (!latest)
    throw new NotFoundError(
      sizes.length === 0
        ? 'no Hub download snapshots in the store'
        : `no Hub download snapshot on or before ${isoDate(asOf)}`,
      {
        hint:
          sizes.length === 0
            ? 'import some first: kept import hf-snapshot <csv or directory>, or kept import hf-models <jsonl>'
            : `the snapshots run from ${isoDate(sizes[0]!.snapshot)} to ${isoDate(sizes[sizes.length - 1]!.snapshot)}; pass --as-of within that range`,
      },
    );
  const from = addMonths(asOf, -request.windowMonths).getTime();
  // Only the snapshots inside the window; the snapshot before it too (month-over-month and
  // differencing need it, and it is the as-of snapshot when none lies inside).
  const inWindow = ends.filter((d) => d.getTime() > from);
  const before = ends.filter((d) => d.getTime() <= from).slice(-1);
  // The window's partial snapshots are aggregated too: the region series shows them, marked.
  const partial = coverage.partial.filter((p) => p.snapshot.getTime() > from);
  const snapshots = [...before, ...inWindow, ...partial.map((p) => p.snapshot)].sort(
    (a, b) => a.getTime() - b.getTime(),
  );
  const aggs = await store.hubSnapshotAggregates(
    hubAggregateQuery(snapshots, latest, regionMaps(request.organizations)),
  );
  if (!aggs.cells.some((c) => c.snapshot.getTime() <= asOf.getTime()))
    throw new NotFoundError(`no Hub download snapshot on or before ${isoDate(asOf)}`, {
      hint: 'pass a later --as-of',
    });
  return { ...aggs, latestData, partial, widest: coverage.widest };
}
