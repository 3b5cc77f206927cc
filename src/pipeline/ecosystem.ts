// `kept ecosystem`: picks the Hub snapshots of the window, has the store aggregate them with the
// attribution rules of signals/ecosystem/classes.ts, and computes the report model.
import type { HubAggregateQuery } from '../domain/ecosystem.js';
import { NotFoundError } from '../domain/errors.js';
import { METRICS } from '../domain/metrics.js';
import { addMonths, isoDate, utcDay } from '../domain/time.js';
import {
  EDGE_MAX_PARAMETERS,
  FAMILY_RULES,
  NAME_MOE_PATTERN,
  NAME_SIZE_PATTERN,
  OPEN_LICENCES,
  SIZE_CLASSES,
} from '../signals/ecosystem/classes.js';
import { computeEcosystem, type EcosystemModel } from '../signals/ecosystem/compute.js';
import { BASE_MODEL_RELATIONS } from '../sources/huggingface/normalize-model.js';
import { TRACKED_MODELS_SOURCE } from '../files/tracked-models.js';
import type { Store } from '../store/store.js';

export const ECOSYSTEM_TOP_N = [1, 10, 100] as const;
export const ECOSYSTEM_TOP_ORGS = 15;

/** The query for a set of snapshots, with kept's rules. */
export function hubAggregateQuery(
  snapshots: readonly Date[] | undefined,
  familySnapshot: Date | undefined,
): HubAggregateQuery {
  return {
    ...(snapshots ? { snapshots } : {}),
    ...(familySnapshot ? { familySnapshot } : {}),
    families: FAMILY_RULES,
    sizeClasses: SIZE_CLASSES,
    openLicences: OPEN_LICENCES,
    nameSizePattern: NAME_SIZE_PATTERN,
    nameMoePattern: NAME_MOE_PATTERN,
    catalogSource: TRACKED_MODELS_SOURCE,
    edgeMaxParameters: EDGE_MAX_PARAMETERS,
    topN: ECOSYSTEM_TOP_N,
    topOrgs: ECOSYSTEM_TOP_ORGS,
    baseRelations: BASE_MODEL_RELATIONS,
  };
}

export async function buildEcosystem(
  store: Store,
  options: { asOf: Date; windowMonths: number },
): Promise<EcosystemModel> {
  // Snapshots are UTC days: imports at different times of one day make one snapshot.
  const days = [...new Set((await store.windowEnds('hf', METRICS.downloads)).map((d) => utcDay(d).getTime()))].sort(
    (a, b) => a - b,
  );
  const ends = days.filter((t) => t <= options.asOf.getTime()).map((t) => new Date(t));
  const latest = ends[ends.length - 1];
  if (!latest) {
    const any = await store.windowEnds('hf', METRICS.downloads);
    throw new NotFoundError(
      any.length === 0
        ? 'no Hub download snapshots in the store'
        : `no Hub download snapshot on or before ${isoDate(options.asOf)}`,
      {
        hint:
          any.length === 0
            ? 'import some first: kept import hf-snapshot <csv or directory>, or kept import hf-models <jsonl>'
            : `the snapshots run from ${isoDate(any[0]!)} to ${isoDate(any[any.length - 1]!)}; pass --as-of within that range`,
      },
    );
  }
  const from = addMonths(options.asOf, -options.windowMonths).getTime();
  const inWindow = ends.filter((d) => d.getTime() > from || d.getTime() === latest.getTime());
  // The snapshot before the window too: month-over-month and differencing need it.
  const before = ends.filter((d) => d.getTime() <= from && d.getTime() !== latest.getTime()).slice(-1);
  const aggs = await store.hubSnapshotAggregates(hubAggregateQuery([...before, ...inWindow], latest));
  const model = computeEcosystem(aggs, {
    asOf: options.asOf,
    windowMonths: options.windowMonths,
    topN: ECOSYSTEM_TOP_N,
  });
  if (!model)
    throw new NotFoundError(`no Hub download snapshot on or before ${isoDate(options.asOf)}`, {
      hint: 'pass a later --as-of',
    });
  return model;
}
