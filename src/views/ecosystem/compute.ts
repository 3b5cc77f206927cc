// Computes the ecosystem view: the ecosystem signal over the store's aggregates
// (signals/ecosystem/compute.ts), plus every sentence the report shows and a note when the
// latest snapshot is old. Pure.
import { InputError } from '../../domain/errors.js';
import { formatCount, formatPercent, formatShare } from '../../domain/format.js';
import { isoDate } from '../../domain/time.js';
import { computeEcosystem, type EcosystemModel, type SnapshotShares } from '../../signals/ecosystem/compute.js';
import { computeFreshness, resolveAsOf, STALE_AFTER_DAYS } from '../shared/freshness.js';
import { PARTIAL_SNAPSHOT_SHARE } from '../../signals/ecosystem/partial.js';
import type { EcosystemInputs, EcosystemRequest } from './load.js';
import type { EcosystemView } from './model.js';

/** The N of the top-N shares of the concentration table. */
export const ECOSYSTEM_TOP_N = [1, 10, 100] as const;

/** A snapshot older than this many days before asOf gets a note: the report is not current. */
export const ECOSYSTEM_STALE_AFTER_DAYS = STALE_AFTER_DAYS;

const share = (x: number | null): string => (x === null ? 'n/a' : formatShare(x));

export function computeEcosystemView(
  aggs: EcosystemInputs,
  request: Pick<EcosystemRequest, 'asOf' | 'today' | 'windowMonths'>,
): EcosystemView {
  const { asOf, basis } = resolveAsOf(request.asOf, aggs.latestData, request.today);
  const m = computeEcosystem(aggs, {
    asOf,
    windowMonths: request.windowMonths,
    topN: ECOSYSTEM_TOP_N,
    partial: (aggs.partial ?? []).map((p) => p.snapshot),
  });
  // loadEcosystem refuses a store without a snapshot on or before asOf.
  if (!m) throw new InputError(`no Hub download snapshot on or before ${isoDate(asOf)}`);
  const freshness = computeFreshness({
    asOf,
    basis,
    today: request.today,
    dataEnds: new Date(`${m.snapshot}T00:00:00Z`),
    what: 'the latest Hub snapshot',
  });
  const window = `Window of ${m.windowMonths} months, ${m.windowStart} (exclusive) to ${m.asOf}`;
  const n = m.snapshots.length;
  return {
    ...viewOf(m),
    freshness,
    summary: n
      ? `${capitalized(freshness.statement)}. ${window}: ${n === 1 ? `1 snapshot, ${m.snapshots[0]}` : `${n} snapshots, ${m.snapshots[0]} → ${m.snapshots[n - 1]}`}.`
      : `${capitalized(freshness.statement)}. ${window}: no snapshot in it. The sections below describe the latest snapshot before it, ${m.snapshot}, which no window share includes.`,
    sentences: sentences(m),
    partialSnapshots: (aggs.partial ?? []).map((p) => ({ snapshot: isoDate(p.snapshot), models: p.models })),
    notes: [...(freshness.note ? [freshness.note] : []), ...partialNote(aggs)],
  };
}

/** Why the window's partial snapshots are left out, naming each. */
function partialNote(aggs: EcosystemInputs): string[] {
  const partial = aggs.partial ?? [];
  const widest = aggs.widest;
  if (!partial.length || !widest) return [];
  const listed = partial.map((p) => `${isoDate(p.snapshot)} (${formatCount(p.models)} models)`).join(', ');
  return [
    `${partial.length} partial snapshot(s) in the window: each holds fewer than ${formatShare(PARTIAL_SNAPSHOT_SHARE)} of the models of the widest, ${isoDate(widest.snapshot)} (${formatCount(widest.models)} models stored, gated ones without a count included), so its shares describe only the models it holds: the region series shows them marked "partial", and no window share, point-in-time table or month-over-month change counts them: ${listed} (kept growth hf:ORG/MODEL shows those models over time).`,
  ];
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sentences(m: EcosystemModel): EcosystemView['sentences'] {
  const c = m.coverage;
  const cov = (what: string, x: number | null): string =>
    `Coverage on ${m.snapshot}: ${what} for ${share(x)} of the downloads.`;
  const w = m.regionShare.window;
  const mom = m.monthOverMonth;
  return {
    coverage: `${formatCount(c.models)} models with a 30-day count on ${m.snapshot}, ${formatCount(c.downloads)} downloads. Attributable: region ${share(c.regionAttributedShare)}, size ${share(c.sizeKnownShare)}, licence ${share(c.licenceKnownShare)}, family ${share(c.familyKnownShare)} of the downloads.`,
    regionCoverage: cov('region known', c.regionAttributedShare),
    sizeCoverage: cov('size known', c.sizeKnownShare),
    licenceCoverage: cov('licence known', c.licenceKnownShare),
    familyCoverage: cov('family recognised', c.familyKnownShare),
    window:
      w.from === null || w.to === null
        ? `Window ${m.windowStart} (exclusive) → ${m.asOf}: no snapshot in it, so no window share (the latest snapshot, ${m.snapshot}, lies before it).`
        : `Window ${w.from} → ${w.to} (${w.snapshotCount} snapshot(s), ${formatCount(w.downloads)} downloads): ${w.rows.map((r) => `${r.key} ${share(r.share)}`).join(', ')}.`,
    weights: m.regionShare.weights.some((x) => x.derivativeModels > 0)
      ? null
      : 'No base-model relations are stored for these models, so every model counts for its own organisation (import Hub model records with kept import hf-models for the derivative view).',
    monthOverMonth: mom
      ? `${mom.from} → ${mom.to}: downloads ${formatCount(mom.downloadsFrom)} → ${formatCount(mom.downloadsTo)} (${mom.growth === null ? 'n/a' : formatPercent(mom.growth)}).`
      : 'Only one snapshot on or before the as-of date: no change to show.',
  };
}

/** The signal's model as the view's v2 fields (fresh arrays: the view is plain, mutable JSON data). */
function viewOf(
  m: EcosystemModel,
): Omit<EcosystemView, 'summary' | 'sentences' | 'notes' | 'freshness' | 'partialSnapshots'> {
  const shares = (s: SnapshotShares): EcosystemView['sizeClasses'][number] => ({
    snapshot: s.snapshot,
    models: s.models,
    downloads: s.downloads,
    rows: s.rows.map((r) => ({ ...r })),
    ...(s.partial ? { partial: true } : {}),
  });
  const attribute = (a: string): EcosystemView['coverage']['attributes'][number]['attribute'] => {
    if (a === 'region' || a === 'size' || a === 'licence' || a === 'family') return a;
    throw new InputError(`unknown coverage attribute "${a}" from the store`);
  };
  const conc = (r: EcosystemModel['concentration'][number]): EcosystemView['concentration'][number] => ({
    level: r.level,
    units: r.units,
    total: r.total,
    hhi: r.hhi,
    gini: r.gini,
    top: r.top.map((t) => ({ ...t })),
    zeroShare: r.zeroShare,
  });
  const mom = m.monthOverMonth;
  return {
    schema: 'kept.ecosystem/v2',
    asOf: m.asOf,
    snapshot: m.snapshot,
    windowMonths: m.windowMonths,
    windowStart: m.windowStart,
    snapshots: [...m.snapshots],
    method: { ...m.method },
    coverage: {
      ...m.coverage,
      attributes: m.coverage.attributes.map((a) => ({ ...a, attribute: attribute(a.attribute) })),
    },
    regionShare: {
      series: m.regionShare.series.map(shares),
      window: {
        ...shares(m.regionShare.window),
        from: m.regionShare.window.from,
        to: m.regionShare.window.to,
        snapshotCount: m.regionShare.window.snapshotCount,
      },
      differenced: m.regionShare.differenced.map((d) => ({
        ...shares(d),
        from: d.from,
        decreasedModels: d.decreasedModels,
      })),
      weights: m.regionShare.weights.map((d) => ({
        ...shares(d),
        derivativeModels: d.derivativeModels,
        derivativeDownloads: d.derivativeDownloads,
      })),
    },
    concentration: m.concentration.map(conc),
    concentrationSeries: m.concentrationSeries.map((r) => ({ snapshot: r.snapshot, ...conc(r) })),
    sizeClasses: m.sizeClasses.map(shares),
    licenceMix: m.licenceMix.map(shares),
    families: m.families.map((f) => ({
      family: f.family,
      models: f.models,
      downloads: f.downloads,
      share: f.share,
      orgs: f.orgs,
      topOrgs: [...f.topOrgs],
      minParameters: f.minParameters,
      maxParameters: f.maxParameters,
      sizeKnown: f.sizeKnown,
      edgeModels: f.edgeModels,
      viaBaseModel: f.viaBaseModel,
      licences: f.licences.map((l) => ({ ...l })),
      licenceUnknown: f.licenceUnknown,
      libraries: f.libraries.map((l) => ({ ...l })),
    })),
    topOrgs: m.topOrgs.map((o) => ({ ...o })),
    monthOverMonth: mom
      ? {
          from: mom.from,
          to: mom.to,
          downloadsFrom: mom.downloadsFrom,
          downloadsTo: mom.downloadsTo,
          growth: mom.growth,
          regions: mom.regions.map((r) => ({ ...r })),
          sizeClasses: mom.sizeClasses.map((r) => ({ ...r })),
          licenceClasses: mom.licenceClasses.map((r) => ({ ...r })),
          families: mom.families.map((r) => ({ ...r })),
        }
      : null,
    memory: m.memory.map((r) => ({ ...r, gb: { ...r.gb } })),
  };
}
