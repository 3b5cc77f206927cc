// The ecosystem report model from aggregated Hub rows: download share by developer region over
// time, concentration, size classes, licence mix, the family table and month-over-month changes,
// each with its unknown share and its method. Pure: takes `asOf`, never reads the clock.
import type { HubAggregates, HubCell, HubConcentrationRow, HubFamilyRow } from '../../domain/ecosystem.js';
import { addMonths, isoDate } from '../../domain/time.js';
import {
  LICENCE_CLASSES,
  OTHER_FAMILY,
  PRECISION_BYTES,
  REGION_ORDER,
  SIZE_CLASSES,
  UNKNOWN,
  weightsMemoryGb,
  type Precision,
} from './classes.js';
import { computeConcentration, distributionStats, type Concentration } from './concentration.js';

export const ECOSYSTEM_SCHEMA = 'kept.ecosystem/v1';

export interface ShareRow {
  readonly key: string;
  readonly models: number;
  readonly downloads: number;
  /** Share of the downloads (null when there were none). */
  readonly share: number | null;
  /** Share of the models. */
  readonly modelShare: number | null;
}

export interface SnapshotShares {
  readonly snapshot: string;
  readonly models: number;
  readonly downloads: number;
  readonly rows: readonly ShareRow[];
  /** A partial snapshot (signals/ecosystem/partial.ts): shown in the series, counted in no share. */
  readonly partial?: boolean;
}

export interface ConcentrationRow extends Concentration {
  readonly level: 'model' | 'org' | 'family' | 'region';
}

/** A family of the report: the store's aggregate row plus its share and unknown-licence count. */
export interface FamilyTableRow extends HubFamilyRow {
  readonly share: number | null;
  readonly licenceUnknown: number;
}

export interface ChangeRow {
  readonly key: string;
  readonly downloadsFrom: number;
  readonly downloadsTo: number;
  /** Relative change of downloads (null from zero). */
  readonly growth: number | null;
  readonly shareFrom: number | null;
  readonly shareTo: number | null;
  /** Change of share in percentage points. */
  readonly sharePoints: number | null;
}

export interface MonthOverMonth {
  readonly from: string;
  readonly to: string;
  readonly downloadsFrom: number;
  readonly downloadsTo: number;
  readonly growth: number | null;
  readonly regions: readonly ChangeRow[];
  readonly sizeClasses: readonly ChangeRow[];
  readonly licenceClasses: readonly ChangeRow[];
  readonly families: readonly ChangeRow[];
}

export interface CoverageSummary {
  readonly models: number;
  readonly downloads: number;
  /** attribute → basis → models/downloads and download share. */
  readonly attributes: readonly {
    readonly attribute: string;
    readonly basis: string;
    readonly models: number;
    readonly downloads: number;
    readonly share: number | null;
  }[];
  /** Share of downloads whose developer region is known (us/china/eu/other). */
  readonly regionAttributedShare: number | null;
  readonly sizeKnownShare: number | null;
  readonly licenceKnownShare: number | null;
  readonly familyKnownShare: number | null;
}

export interface EcosystemModel {
  readonly schema: typeof ECOSYSTEM_SCHEMA;
  readonly asOf: string;
  /** The snapshot the point-in-time sections describe: the latest on or before asOf. */
  readonly snapshot: string;
  readonly windowMonths: number;
  /** The window is (windowStart, asOf]: asOf − windowMonths, exclusive. */
  readonly windowStart: string;
  /** Snapshots in the window (asOf − window, asOf], ascending; empty when the as-of snapshot is older. */
  readonly snapshots: readonly string[];
  readonly method: typeof METHOD;
  readonly coverage: CoverageSummary;
  readonly regionShare: {
    readonly series: readonly SnapshotShares[];
    /** Sum of the 30-day counts of every snapshot in the window, by region (from/to null: none in it). */
    readonly window: SnapshotShares & {
      readonly from: string | null;
      readonly to: string | null;
      readonly snapshotCount: number;
    };
    /** Downloads between consecutive snapshots from all-time totals (null when no history). */
    readonly differenced: readonly (SnapshotShares & { readonly from: string; readonly decreasedModels: number })[];
    /** "Whose weights": derivatives counted for their base model's developer region. */
    readonly weights: readonly (SnapshotShares & {
      readonly derivativeModels: number;
      readonly derivativeDownloads: number;
    })[];
  };
  readonly concentration: readonly ConcentrationRow[];
  readonly concentrationSeries: readonly ({ readonly snapshot: string } & ConcentrationRow)[];
  readonly sizeClasses: readonly SnapshotShares[];
  readonly licenceMix: readonly SnapshotShares[];
  readonly families: readonly FamilyTableRow[];
  readonly topOrgs: readonly {
    readonly org: string;
    readonly region: string;
    readonly models: number;
    readonly downloads: number;
    readonly share: number | null;
  }[];
  readonly monthOverMonth: MonthOverMonth | null;
  /** Weights memory of each family's smallest and largest known size, by precision. */
  readonly memory: readonly MemoryRow[];
}

export interface MemoryRow {
  readonly family: string;
  readonly parameters: number;
  readonly gb: Readonly<Record<Precision, number>>;
  /** The most precise format whose weights fit 8 GB (null: none does). */
  readonly fits8GbAt: Precision | null;
}

export interface EcosystemOptions {
  readonly asOf: Date;
  readonly windowMonths: number;
  readonly topN: readonly number[];
  /**
   * Snapshots far narrower than the widest (signals/ecosystem/partial.ts): the region series shows
   * them, marked; no window share, point-in-time table or month-over-month change uses them.
   */
  readonly partial?: readonly Date[];
}

export const METHOD = {
  downloads:
    "Hub `downloads` as snapshotted: the 30 days ending on each snapshot date, summed over every model with a value on that date (a gated repository's 0 is not a count: it is left out as unknown).",
  region:
    "Developer region of the model's organisation (the `org` in `org/name`), from the organisation → region map (shipped catalog, extendable with `kept import org-regions`). Organisations absent from the map, or mapped to `unknown`, count as unknown. The region of the developer, not of the downloader.",
  window:
    'Window share: the 30-day counts of the snapshots inside (as-of − window, as-of] summed by region: the downloads of the window only when the snapshots are 30 days apart and cover it (gaps and overlaps between irregular snapshot dates are not corrected); a snapshot before the window is never counted.',
  weights:
    "Whose weights: a model with a Hub base_model relation (fine-tune, adapter, quantization, merge) counts for the region of its base model's organisation (up to two hops back), every other model for its own; the uploader view above counts every model for its own organisation.",
  differenced:
    'Differenced: all-time totals (`downloadsAllTime`) at consecutive snapshots, subtracted per model present in both; models whose total went down are excluded and counted.',
  concentration:
    'Over units (models, organisations, families, regions) of the as-of snapshot: HHI = Σ share² (0–1; ×10,000 on the antitrust scale); Gini = 2·Σ i·x(i) / (n·Σx) − (n+1)/n with x ascending; top-N = downloads of the N largest / all; zero share = units with 0 downloads / units.',
  size: 'Total parameters from the curated catalog (tracked-models) first, then Hub safetensors counts, then a size in the model name (`7b`, `1.5b`, `135m`, `8x7b` = 56B); classes <1B, 1–10B, 10–50B, ≥50B (lower bound inclusive); no count = unknown.',
  licence:
    'Hub licence id: open = OSI-approved or permissive open-content licences (apache-2.0, mit, bsd-*, cc-by-4.0…); restricted = any other stated licence (llama*, gemma, openrail*, cc-by-nc*, other…); none or `unknown` = unknown.',
  family:
    "First family whose pattern matches the lower-cased model name, else its base model's name (Hub base_model relation); no match = other. Edge-capable = ≤ 4B parameters.",
  memory:
    'Weights only, parameters × bytes per parameter (fp32 4, bf16 2, int8 1, int4 0.5), in GB of 10⁹ bytes; the KV cache, activations and runtime come on top.',
  monthOverMonth:
    'The as-of snapshot against the snapshot before it, whatever their distance; share changes in percentage points.',
} as const;

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

function sharesBy(
  cells: readonly HubCell[],
  keyOf: (c: HubCell) => string,
  order: readonly string[],
): { rows: ShareRow[]; models: number; downloads: number } {
  const acc = new Map<string, { models: number; downloads: number }>();
  for (const k of order) acc.set(k, { models: 0, downloads: 0 });
  let models = 0;
  let downloads = 0;
  for (const c of cells) {
    const k = keyOf(c);
    const a = acc.get(k) ?? { models: 0, downloads: 0 };
    a.models += c.models;
    a.downloads += c.downloads;
    acc.set(k, a);
    models += c.models;
    downloads += c.downloads;
  }
  const keys = [...acc.keys()];
  const rank = (k: string): number => (order.includes(k) ? order.indexOf(k) : order.length);
  const sorted =
    order.length > 0
      ? keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
      : keys.sort((a, b) => acc.get(b)!.downloads - acc.get(a)!.downloads || a.localeCompare(b));
  return {
    rows: sorted.map((k) => ({
      key: k,
      models: acc.get(k)!.models,
      downloads: acc.get(k)!.downloads,
      share: share(acc.get(k)!.downloads, downloads),
      modelShare: share(acc.get(k)!.models, models),
    })),
    models,
    downloads,
  };
}

function snapshotShares(
  snapshot: string,
  cells: readonly HubCell[],
  keyOf: (c: HubCell) => string,
  order: readonly string[],
): SnapshotShares {
  const s = sharesBy(cells, keyOf, order);
  return { snapshot, models: s.models, downloads: s.downloads, rows: s.rows };
}

function changes(from: SnapshotShares, to: SnapshotShares): ChangeRow[] {
  const keys = [...new Set([...to.rows.map((r) => r.key), ...from.rows.map((r) => r.key)])];
  return keys.map((key) => {
    const a = from.rows.find((r) => r.key === key);
    const b = to.rows.find((r) => r.key === key);
    const df = a?.downloads ?? 0;
    const dt = b?.downloads ?? 0;
    const sf = a ? a.share : share(0, from.downloads);
    const st = b ? b.share : share(0, to.downloads);
    return {
      key,
      downloadsFrom: df,
      downloadsTo: dt,
      growth: df > 0 ? dt / df - 1 : null,
      shareFrom: sf,
      shareTo: st,
      sharePoints: sf !== null && st !== null ? (st - sf) * 100 : null,
    };
  });
}

const REGIONS = REGION_ORDER as readonly string[];
const SIZES = [...SIZE_CLASSES.map((c) => c.name), UNKNOWN];
const LICENCES = LICENCE_CLASSES as readonly string[];

/** Builds the report model; undefined when no snapshot lies on or before `asOf`. */
export function computeEcosystem(aggs: HubAggregates, options: EcosystemOptions): EcosystemModel | undefined {
  const asOfMs = options.asOf.getTime();
  const partial = new Set((options.partial ?? []).map((d) => d.getTime()));
  const stored = [...new Set(aggs.cells.map((c) => c.snapshot.getTime()))]
    .filter((t) => t <= asOfMs)
    .sort((a, b) => a - b);
  // Comparable snapshots only: a partial one is never the as-of snapshot nor in a share.
  const all = stored.filter((t) => !partial.has(t));
  const latest = all[all.length - 1];
  if (latest === undefined) return undefined;
  const windowStart = addMonths(options.asOf, -options.windowMonths).getTime();
  // The window holds only the snapshots inside it. The point-in-time tables describe the as-of
  // snapshot even when it lies before the window: then they show it alone, and the view says so.
  const inWindow = all.filter((t) => t > windowStart);
  const shown = inWindow.length ? inWindow : [latest];
  const cellsAt = (t: number): HubCell[] => aggs.cells.filter((c) => c.snapshot.getTime() === t);
  const day = (t: number): string => isoDate(new Date(t));
  const current = cellsAt(latest);

  // The region series also shows the window's partial snapshots, marked, month by month.
  const seriesDays = [...new Set([...shown, ...stored.filter((t) => t > windowStart && partial.has(t))])].sort(
    (a, b) => a - b,
  );
  const regionSeries = seriesDays.map((t) => {
    const s = snapshotShares(day(t), cellsAt(t), (c) => c.region, REGIONS);
    return partial.has(t) ? { ...s, partial: true } : s;
  });
  const windowCells = aggs.cells.filter((c) => inWindow.includes(c.snapshot.getTime()));
  const windowShares = snapshotShares(day(latest), windowCells, (c) => c.region, REGIONS);
  // Differences between consecutive comparable snapshots only.
  const comparablePairs = aggs.differenced.filter((r) => !partial.has(r.from.getTime()));
  const differenced = [...new Set(comparablePairs.map((r) => r.to.getTime()))]
    .filter((t) => inWindow.includes(t))
    .sort((a, b) => a - b)
    .map((t) => {
      const rows = comparablePairs.filter((r) => r.to.getTime() === t);
      const total = rows.reduce((a, r) => a + r.downloads, 0);
      const models = rows.reduce((a, r) => a + r.models, 0);
      const byRegion = REGIONS.map((region) => {
        const rr = rows.filter((r) => r.region === region);
        const dl = rr.reduce((a, r) => a + r.downloads, 0);
        const m = rr.reduce((a, r) => a + r.models, 0);
        return { key: region, models: m, downloads: dl, share: share(dl, total), modelShare: share(m, models) };
      });
      return {
        from: day(rows[0]!.from.getTime()),
        snapshot: day(t),
        models,
        downloads: total,
        rows: byRegion,
        decreasedModels: rows.reduce((a, r) => a + r.decreased, 0),
      };
    });

  const weights = shown.map((t) => {
    const rows = aggs.weights.filter((r) => r.snapshot.getTime() === t);
    const downloads = rows.reduce((a, r) => a + r.downloads, 0);
    const models = rows.reduce((a, r) => a + r.models, 0);
    const derived = rows.filter((r) => r.basis === 'base-model');
    return {
      snapshot: day(t),
      models,
      downloads,
      rows: REGIONS.map((region) => {
        const rr = rows.filter((r) => r.region === region);
        const dl = rr.reduce((a, r) => a + r.downloads, 0);
        const m = rr.reduce((a, r) => a + r.models, 0);
        return { key: region, models: m, downloads: dl, share: share(dl, downloads), modelShare: share(m, models) };
      }),
      derivativeModels: derived.reduce((a, r) => a + r.models, 0),
      derivativeDownloads: derived.reduce((a, r) => a + r.downloads, 0),
    };
  });

  // Concentration at the as-of snapshot: models and organisations from the store's statistics,
  // families and regions from the cube.
  const statRow = (level: 'model' | 'org', t: number): HubConcentrationRow | undefined =>
    aggs.concentration.find((r) => r.level === level && r.snapshot.getTime() === t);
  const fromCells = (cells: readonly HubCell[], keyOf: (c: HubCell) => string): Concentration => {
    const by = new Map<string, number>();
    for (const c of cells) by.set(keyOf(c), (by.get(keyOf(c)) ?? 0) + c.downloads);
    return computeConcentration(distributionStats([...by.values()], options.topN), options.topN);
  };
  const concentrationAt = (t: number): ConcentrationRow[] => {
    const out: ConcentrationRow[] = [];
    for (const level of ['model', 'org'] as const) {
      const s = statRow(level, t);
      if (s) out.push({ level, ...computeConcentration(s, options.topN) });
    }
    const cells = cellsAt(t);
    out.push({
      level: 'family',
      ...fromCells(
        cells.filter((c) => c.family !== OTHER_FAMILY),
        (c) => c.family,
      ),
    });
    out.push({
      level: 'region',
      ...fromCells(
        cells.filter((c) => c.region !== UNKNOWN),
        (c) => c.region,
      ),
    });
    return out;
  };

  const sizeClasses = shown.map((t) => snapshotShares(day(t), cellsAt(t), (c) => c.sizeClass, SIZES));
  const licenceMix = shown.map((t) => snapshotShares(day(t), cellsAt(t), (c) => c.licenceClass, LICENCES));
  const totalNow = current.reduce((a, c) => a + c.downloads, 0);
  const modelsNow = current.reduce((a, c) => a + c.models, 0);

  const coverageRows = aggs.coverage.filter((r) => r.snapshot.getTime() === latest);
  const knownShare = (attribute: string, basis: (b: string) => boolean): number | null =>
    share(
      coverageRows.filter((r) => r.attribute === attribute && basis(r.basis)).reduce((a, r) => a + r.downloads, 0),
      totalNow,
    );
  const coverage: CoverageSummary = {
    models: modelsNow,
    downloads: totalNow,
    attributes: coverageRows.map((r) => ({
      attribute: r.attribute,
      basis: r.basis,
      models: r.models,
      downloads: r.downloads,
      share: share(r.downloads, totalNow),
    })),
    regionAttributedShare: knownShare('region', (b) => b === 'map'),
    sizeKnownShare: knownShare('size', (b) => b !== UNKNOWN),
    licenceKnownShare: knownShare('licence', (b) => b === 'known'),
    familyKnownShare: knownShare('family', (b) => b !== 'none'),
  };

  const families: FamilyTableRow[] = aggs.families.map((f) => ({
    ...f,
    share: share(f.downloads, totalNow),
    licenceUnknown: coverageLicenceUnknown(current, f.family),
  }));

  const previous = all.length >= 2 ? all[all.length - 2] : undefined;
  let monthOverMonth: MonthOverMonth | null = null;
  if (previous !== undefined) {
    const before = cellsAt(previous);
    const pair = (keyOf: (c: HubCell) => string, order: readonly string[]): ChangeRow[] =>
      changes(snapshotShares(day(previous), before, keyOf, order), snapshotShares(day(latest), current, keyOf, order));
    const dlBefore = before.reduce((a, c) => a + c.downloads, 0);
    monthOverMonth = {
      from: day(previous),
      to: day(latest),
      downloadsFrom: dlBefore,
      downloadsTo: totalNow,
      growth: dlBefore > 0 ? totalNow / dlBefore - 1 : null,
      regions: pair((c) => c.region, REGIONS),
      sizeClasses: pair((c) => c.sizeClass, SIZES),
      licenceClasses: pair((c) => c.licenceClass, LICENCES),
      families: pair((c) => c.family, []),
    };
  }

  const memory: MemoryRow[] = [];
  for (const f of families) {
    const sizes = [...new Set([f.minParameters, f.maxParameters].filter((p): p is number => p !== null))];
    for (const parameters of sizes) {
      const gb = weightsMemoryGb(parameters);
      const fits = (Object.keys(PRECISION_BYTES) as Precision[]).find((k) => gb[k] <= 8) ?? null;
      memory.push({ family: f.family, parameters, gb, fits8GbAt: fits });
    }
  }

  return {
    schema: ECOSYSTEM_SCHEMA,
    asOf: isoDate(options.asOf),
    snapshot: day(latest),
    windowMonths: options.windowMonths,
    windowStart: day(windowStart),
    snapshots: inWindow.map(day),
    method: METHOD,
    coverage,
    regionShare: {
      series: regionSeries,
      window: {
        ...windowShares,
        from: inWindow.length ? day(inWindow[0]!) : null,
        to: inWindow.length ? day(latest) : null,
        snapshotCount: inWindow.length,
      },
      differenced,
      weights,
    },
    concentration: concentrationAt(latest),
    concentrationSeries: shown.flatMap((t) => concentrationAt(t).map((c) => ({ snapshot: day(t), ...c }))),
    sizeClasses,
    licenceMix,
    families,
    topOrgs: aggs.topOrgs
      .filter((o) => o.snapshot.getTime() === latest)
      .map((o) => ({
        org: o.org,
        region: o.region,
        models: o.models,
        downloads: o.downloads,
        share: share(o.downloads, totalNow),
      })),
    monthOverMonth,
    memory,
  };
}

function coverageLicenceUnknown(cells: readonly HubCell[], family: string): number {
  return cells.filter((c) => c.family === family && c.licenceClass === UNKNOWN).reduce((a, c) => a + c.models, 0);
}
