// Computes the comparison from the projects' profiles: one row each (main package, trend, tier with
// its confidence and signal families, Hub usage, unknown count), the summary sentences and the
// unknowns. A leader in downloads is named with the caveats its own evidence carries (a curve that
// spiked and decayed, a lower tier than the others), and a window that reads as suspect data is
// left out of the ranking. Pure.
import { TIERS } from '../../classify/tier.js';
import { formatCount, formatPercent } from '../../domain/format.js';
import { isoDate, parseIsoDate } from '../../domain/time.js';
import { SUSPECT_RATIO, suspectWindows } from '../../signals/suspect-windows.js';
import { computeProfile, downloadSentence } from '../profile/compute.js';
import { computeFreshness, latestOf } from '../shared/freshness.js';
import { CHART_RANGE_LABELS, DEFAULT_CHART_RANGE, windowsInRange, type ChartRange } from '../shared/chart-range.js';
import { DEFAULT_COMPARE_SCALE, firstCommonWindow, normalise, type CompareScale } from './chart-scale.js';
import type { ProfileInputs } from '../profile/load.js';
import type { ProfileDownloads, ProfileView } from '../profile/model.js';
import { unknownSignalCount } from '../verdict/compute.js';
import type { CompareRequest } from './load.js';
import type { CompareRow, CompareView } from './model.js';

/** A profile's main package: the one with the most downloads in its latest window. */
export function mainDownloads(p: ProfileView): ProfileDownloads | undefined {
  return [...p.downloads].sort((a, b) => b.latest.value - a.latest.value)[0];
}

/** The Hub usage of a project's base models: their 30-day downloads and used derivatives. */
function hubUsage(p: ProfileView): CompareRow['hub'] {
  const models = p.models.filter((m) => m.downloads30d !== null || m.fanout !== null);
  if (!models.length) return null;
  const known = models.filter((m) => m.downloads30d !== null);
  const ends = known.map((m) => m.downloads30d!.windowEnd).sort();
  return {
    models: models.length,
    downloads30d: known.length ? known.reduce((s, m) => s + m.downloads30d!.value, 0) : null,
    downloadsKnownFor: known.length,
    windowEnd: ends[ends.length - 1] ?? null,
    newWork: models.reduce((s, m) => s + (m.fanout?.effective ?? 0), 0),
    used: models.reduce((s, m) => s + (m.fanout?.used ?? 0), 0),
  };
}

function row(p: ProfileView): CompareRow {
  const d = mainDownloads(p);
  const t = p.verdict.tier;
  const series = d?.trend.series ?? [];
  const suspect = suspectWindows(series.map((x) => x.value)).includes(series.length - 1);
  return {
    id: p.project.id,
    name: p.project.name,
    category: p.project.category,
    tier: {
      id: t.id,
      label: t.label,
      confidence: t.confidence,
      familiesBacking: t.familiesBacking,
      headline: t.headline,
    },
    package: d?.subject ?? null,
    client: d?.client ?? null,
    latest: d?.latest.value ?? null,
    suspect: d ? suspect : null,
    windowStart: d?.latest.windowStart ?? null,
    windowEnd: d?.latest.windowEnd ?? null,
    source: d?.latest.source ?? null,
    growth: d?.trend.growth ?? null,
    monthlyRate: d?.trend.monthlyRate ?? null,
    shape: d?.trend.shape ?? null,
    spikes: d ? d.trend.spikes.length : null,
    // A spike's month is marked at that month's window end, as the project page marks it.
    spikeWindows:
      d?.trend.spikes.flatMap((s) => {
        const m = d.trend.months.find((x) => x.month === s.month);
        return m ? [{ windowEnd: m.windowEnd, ratio: s.ratio }] : [];
      }) ?? [],
    hub: hubUsage(p),
    unknownSignals: unknownSignalCount(p.unknowns),
    dataEnds: p.freshness.dataEnds,
    stale: p.freshness.stale,
    months: d?.trend.months.map((m) => ({ month: m.month, value: m.value })) ?? [],
    series: series.map((x) => ({ windowEnd: x.windowEnd, value: x.value })),
  };
}

const tierRank = (r: CompareRow): number => (r.tier.id === 'unknown' ? -1 : TIERS.indexOf(r.tier.id));

/** What a leader's own evidence says against reading the lead as adoption. */
function caveats(leader: CompareRow, rows: readonly CompareRow[]): string[] {
  const out: string[] = [];
  if (leader.shape === 'spike-and-decay')
    out.push(`${leader.name}'s curve is spike-and-decay (peaks that fall back: experimentation, not a floor)`);
  if (leader.client) out.push(`${leader.package} is a client library, not ${leader.name} itself`);
  const above = rows.filter((r) => r.id !== leader.id && tierRank(r) > tierRank(leader));
  if (above.length)
    out.push(
      `its tier (${leader.tier.label}) is below ${above.map((r) => `${r.name}'s (${r.tier.label})`).join(' and ')}`,
    );
  return out;
}

/** Who has the most downloads and who grew fastest, each with its caveats. */
function leadSentence(rows: readonly CompareRow[]): string | undefined {
  const ranked = rows.filter((r) => r.latest !== null && !r.suspect);
  const byGrowth = ranked.filter((r) => r.growth !== null).sort((a, b) => (b.growth ?? 0) - (a.growth ?? 0));
  const byVolume = [...ranked].sort((a, b) => (b.latest ?? 0) - (a.latest ?? 0));
  const g = byGrowth[0];
  const v = byVolume[0];
  if (byGrowth.length < 2 || !g || !v) return undefined;
  const volume = `the most downloads in its latest window (${formatCount(v.latest ?? 0)})`;
  const growth = `six-month growth (${formatPercent(g.growth ?? 0)})`;
  const but = (r: CompareRow): string => {
    const c = caveats(r, rows);
    return c.length ? `, but ${c.join(', and ')}` : '';
  };
  if (g.id === v.id) return `${v.name} has ${volume} and the fastest ${growth}${but(v)}.`;
  return `${v.name} has ${volume}${but(v)}. ${g.name} has the fastest ${growth}${but(g)}.`;
}

/**
 * The chart of the rows in a scale and a range: raw downloads, or each series over its value at the
 * first window common to every series within the range. The range counts back from the latest
 * window end of all charted series, so every series shows the same months.
 */
function compareChart(rows: readonly CompareRow[], scale: CompareScale, range: ChartRange): CompareView['chart'] {
  const all = rows.flatMap((r) => (r.package !== null && r.series.length ? [{ r, package: r.package }] : []));
  const end = all
    .flatMap((c) => c.r.series.map((p) => p.windowEnd))
    .reduce<string | null>((m, e) => (m === null || e > m ? e : m), null);
  const charted = all.map((c) => ({ ...c, series: windowsInRange(c.r.series, range, end) }));
  const base = scale === 'normalised' ? firstCommonWindow(charted.map((c) => c.series)) : null;
  // The document adds where the data ends ("; data to …"), so the span names only the range.
  const span = range === 'all' ? '' : ` The last ${CHART_RANGE_LABELS[range]} of windows.`;
  const caption =
    (scale === 'log'
      ? 'One log scale.'
      : base === null
        ? 'Normalised: no window is common to every series, so none can be drawn from one starting line.'
        : `Normalised: each series divided by its own value in the window ending ${base}, the first every series has (1 = that value), on one log scale.`) +
    span;
  return {
    scale,
    range,
    base,
    caption,
    series: charted.map(({ r, package: pkg, series }) => ({
      project: r.id,
      package: pkg,
      points: scale === 'log' ? series : base === null ? [] : normalise(series, base),
    })),
  };
}

/** The comparison of profiles already computed (the dashboard keeps them cached). */
export function compareProfiles(
  profiles: readonly ProfileView[],
  asOf: Date,
  scale: CompareScale = DEFAULT_COMPARE_SCALE,
  range: ChartRange = DEFAULT_CHART_RANGE,
): CompareView {
  const rows = profiles.map(row);
  const summary: string[] = [];
  for (const p of profiles) {
    const d = mainDownloads(p);
    if (d) summary.push(downloadSentence(p.project.name, d));
  }
  for (const r of rows)
    if (r.suspect)
      summary.push(
        `${r.name}: the latest window of ${r.package} (${formatCount(r.latest ?? 0)}) is more than ${SUSPECT_RATIO}× the window before it: suspect data, left out of the ranking.`,
      );
  for (const r of rows)
    if (r.hub)
      summary.push(
        `${r.name} on the Hub: ${r.hub.downloads30d === null ? 'downloads unknown' : `${formatCount(r.hub.downloads30d)} downloads in 30 days to ${r.hub.windowEnd}`} over ${r.hub.models} base model${r.hub.models === 1 ? '' : 's'}; ${formatCount(r.hub.used)} of ${formatCount(r.hub.newWork)} new-work derivatives are used.`,
      );
  const lead = leadSentence(rows);
  if (lead) summary.push(lead);
  const missing = rows.filter((r) => r.latest === null);
  if (missing.length) summary.push(`No package download data for ${missing.map((r) => r.name).join(', ')}.`);
  for (const p of profiles) if (p.freshness.note) summary.push(`${p.project.name}: ${p.freshness.note}`);
  summary.push(`Deployment tiers: ${rows.map((r) => `${r.name} ${r.tier.headline}`).join('; ')}.`);
  const first = profiles[0]?.freshness;
  const freshness = computeFreshness({
    asOf,
    basis: first?.asOfBasis ?? 'requested',
    today: (first && parseIsoDate(first.today)) || asOf,
    dataEnds: latestOf(profiles.map((p) => (p.freshness.dataEnds ? parseIsoDate(p.freshness.dataEnds) : undefined))),
    what: "every project's usage data",
  });
  return {
    schema: 'kept.compare/v2',
    asOf: isoDate(asOf),
    freshness,
    summary,
    projects: rows,
    unknowns: profiles.flatMap((p) => p.unknowns.map((u) => ({ project: p.project.id, ...u }))),
    chart: compareChart(rows, scale, range),
  };
}

export function computeCompare(inputs: readonly ProfileInputs[], request: CompareRequest): CompareView {
  const profiles = inputs.map((i) => computeProfile(i, { ...request, project: i.project }));
  const asOf = profiles[0] ? parseIsoDate(profiles[0].asOf) : undefined;
  return compareProfiles(profiles, asOf ?? request.asOf ?? request.today, request.scale);
}
