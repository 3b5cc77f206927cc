// The overview row a full profile implies (its main package's columns and its tier): what the
// overview's bulk computation must equal.
import { mainDownloads } from '../../src/views/compare/compute.js';
import type { OverviewRow } from '../../src/views/overview/model.js';
import type { ProfileView } from '../../src/views/profile/model.js';

export function rowFromProfile(p: ProfileView): OverviewRow {
  const d = mainDownloads(p);
  return {
    id: p.project.id,
    name: p.project.name,
    category: p.project.category as OverviewRow['category'],
    tier: (({ id, label, confidence, familiesBacking, headline }) => ({
      id,
      label,
      confidence,
      familiesBacking,
      headline,
    }))(p.verdict.tier),
    package: d?.subject ?? null,
    latest: d?.latest.value ?? null,
    windowEnd: d?.latest.windowEnd ?? null,
    growth: d?.trend.growth ?? null,
    shape: d?.trend.shape ?? null,
    spikes: d ? d.trend.spikes.length : null,
    source: d?.latest.source ?? null,
    months: d?.trend.months.map((m) => m.value) ?? [],
    dataEnds: p.freshness.dataEnds,
    ageDays: p.freshness.ageDays,
    stale: p.freshness.stale,
  };
}
