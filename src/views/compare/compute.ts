// Computes the comparison from the projects' profiles: one row each (main package, trend, tier,
// unknown count), the summary sentences and the unknowns. Pure.
import { formatCount, formatPercent } from '../../domain/format.js';
import { isoDate, parseIsoDate } from '../../domain/time.js';
import { computeProfile, downloadSentence } from '../profile/compute.js';
import { computeFreshness, latestOf } from '../shared/freshness.js';
import type { ProfileInputs } from '../profile/load.js';
import type { ProfileDownloads, ProfileView } from '../profile/model.js';
import { unknownSignalCount } from '../verdict/compute.js';
import type { CompareRequest } from './load.js';
import type { CompareRow, CompareView } from './model.js';

/** A profile's main package: the one with the most downloads in its latest window. */
export function mainDownloads(p: ProfileView): ProfileDownloads | undefined {
  return [...p.downloads].sort((a, b) => b.latest.value - a.latest.value)[0];
}

function row(p: ProfileView): CompareRow {
  const d = mainDownloads(p);
  const t = p.verdict.tier;
  return {
    id: p.project.id,
    name: p.project.name,
    category: p.project.category,
    tier: { id: t.id, label: t.label, confidence: t.confidence },
    package: d?.subject ?? null,
    latest: d?.latest.value ?? null,
    windowStart: d?.latest.windowStart ?? null,
    windowEnd: d?.latest.windowEnd ?? null,
    source: d?.latest.source ?? null,
    growth: d?.trend.growth ?? null,
    monthlyRate: d?.trend.monthlyRate ?? null,
    shape: d?.trend.shape ?? null,
    spikes: d ? d.trend.spikes.length : null,
    unknownSignals: unknownSignalCount(p.unknowns),
    dataEnds: p.freshness.dataEnds,
    stale: p.freshness.stale,
    months: d?.trend.months.map((m) => ({ month: m.month, value: m.value })) ?? [],
    series: d?.trend.series.map((x) => ({ windowEnd: x.windowEnd, value: x.value })) ?? [],
  };
}

/** The comparison of profiles already computed (the dashboard keeps them cached). */
export function compareProfiles(profiles: readonly ProfileView[], asOf: Date): CompareView {
  const rows = profiles.map(row);
  const summary: string[] = [];
  for (const p of profiles) {
    const d = mainDownloads(p);
    if (d) summary.push(downloadSentence(p.project.name, d));
  }
  const ranked = rows.filter((r) => r.latest !== null);
  const byGrowth = ranked.filter((r) => r.growth !== null).sort((a, b) => (b.growth ?? 0) - (a.growth ?? 0));
  const byVolume = [...ranked].sort((a, b) => (b.latest ?? 0) - (a.latest ?? 0));
  const g = byGrowth[0];
  const v = byVolume[0];
  if (byGrowth.length >= 2 && g && v)
    summary.push(
      g.id === v.id
        ? `${v.name} leads on both volume (${formatCount(v.latest ?? 0)}) and six-month growth (${formatPercent(v.growth ?? 0)}).`
        : `${v.name} has the most downloads (${formatCount(v.latest ?? 0)}); ${g.name} grew fastest over six months (${formatPercent(g.growth ?? 0)}).`,
    );
  const missing = rows.filter((r) => r.latest === null);
  if (missing.length) summary.push(`No download data for ${missing.map((r) => r.name).join(', ')}.`);
  for (const p of profiles) if (p.freshness.note) summary.push(`${p.project.name}: ${p.freshness.note}`);
  summary.push(
    `Deployment tiers: ${rows.map((r) => `${r.name} ${r.tier.label} (confidence ${r.tier.confidence})`).join('; ')}.`,
  );
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
  };
}

export function computeCompare(inputs: readonly ProfileInputs[], request: CompareRequest): CompareView {
  const profiles = inputs.map((i) => computeProfile(i, { ...request, project: i.project }));
  const asOf = profiles[0] ? parseIsoDate(profiles[0].asOf) : undefined;
  return compareProfiles(profiles, asOf ?? request.asOf ?? request.today);
}
