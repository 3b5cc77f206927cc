// The overview row a full profile implies (its main package's columns and its tier): what the
// overview's bulk computation must equal.
import { mainDownloads } from '../../src/views/compare/compute.js';
import type { OverviewRow } from '../../src/views/overview/model.js';
import type { ProfileView } from '../../src/views/profile/model.js';

export function rowFromProfile(p: ProfileView): OverviewRow {
  const d = mainDownloads(p);
  // Without package downloads, a model family reads its most downloaded base model on the Hub.
  const hub = d
    ? undefined
    : p.models
        .filter((m) => m.fanout !== null && m.downloads30d !== null)
        .sort((a, b) => (b.downloads30d?.value ?? 0) - (a.downloads30d?.value ?? 0))[0];
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
    package: d?.subject ?? hub?.subject ?? null,
    latest: d?.latest.value ?? hub?.downloads30d?.value ?? null,
    windowEnd: d?.latest.windowEnd ?? hub?.downloads30d?.windowEnd ?? null,
    growth: d?.trend.growth ?? null,
    shape: d?.trend.shape ?? null,
    spikes: d ? d.trend.spikes.length : null,
    source: d?.latest.source ?? (hub ? 'huggingface' : null),
    months: d?.trend.months.map((m) => m.value) ?? [],
    dataEnds: p.freshness.dataEnds,
    ageDays: p.freshness.ageDays,
    stale: p.freshness.stale,
  };
}
