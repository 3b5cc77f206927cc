// Report documents of the views kept shows: one project (profile), 2–4 projects side by side
// (compare), and the whole catalog (overview). Pure.
import type { Profile } from '../pipeline/profile.js';
import type { Block, ReportDocument } from './document.js';
import { formatCount, formatPercent } from '../domain/format.js';
import { PROFILE_SECTIONS, downloadSentence } from './sections/profile-sections.js';
import { buildSections } from './sections/registry.js';

export function profileReport(p: Profile): ReportDocument {
  return {
    schema: 'kept.report/v1',
    view: 'profile',
    title: `${p.project.name} (${p.project.category})`,
    subtitle: `As of ${p.asOf} · artifacts: ${p.project.artifacts.join(', ') || 'none'}`,
    asOf: p.asOf,
    sections: buildSections(PROFILE_SECTIONS, p),
  };
}

/** The first (most downloaded) package of a profile: what the overview and compare show. */
export function mainDownloads(p: Profile): Profile['downloads'][number] | undefined {
  return [...p.downloads].sort((a, b) => b.latest.value - a.latest.value)[0];
}

export function compareReport(profiles: readonly Profile[], asOf: string): ReportDocument {
  const rows = profiles.map((p) => {
    const d = mainDownloads(p);
    return [
      p.project.name,
      p.project.category,
      d?.subject ?? null,
      d?.latest.value ?? null,
      d?.latest.windowEnd ?? null,
      d?.trend.growth ?? null,
      d?.trend.monthlyRate ?? null,
      d?.trend.shape ?? null,
      d ? d.trend.spikes.length : null,
      p.unknowns.length,
    ];
  });
  const ranked = profiles.map((p) => ({ p, d: mainDownloads(p) })).filter((x) => x.d);
  const prose: Block[] = [];
  for (const { p, d } of ranked) if (d) prose.push({ kind: 'prose', text: downloadSentence(p.project.name, d) });
  const byGrowth = ranked
    .filter((x) => x.d?.trend.growth !== null)
    .sort((a, b) => (b.d?.trend.growth ?? 0) - (a.d?.trend.growth ?? 0));
  const byVolume = [...ranked].sort((a, b) => (b.d?.latest.value ?? 0) - (a.d?.latest.value ?? 0));
  if (byGrowth.length >= 2 && byVolume[0]) {
    const g = byGrowth[0];
    const v = byVolume[0];
    prose.push({
      kind: 'prose',
      text:
        g?.p.project.id === v.p.project.id
          ? `${v.p.project.name} leads on both volume (${formatCount(v.d?.latest.value ?? 0)}) and six-month growth (${formatPercent(v.d?.trend.growth ?? 0)}).`
          : `${v.p.project.name} has the most downloads (${formatCount(v.d?.latest.value ?? 0)}); ${g?.p.project.name ?? ''} grew fastest over six months (${formatPercent(g?.d?.trend.growth ?? 0)}).`,
    });
  }
  const missing = profiles.filter((p) => !mainDownloads(p));
  if (missing.length)
    prose.push({ kind: 'prose', text: `No download data for ${missing.map((p) => p.project.name).join(', ')}.` });
  const series = ranked.map(({ d }) => ({
    name: d?.subject ?? '',
    points: (d?.trend.series ?? []).map((x) => ({ x: x.windowEnd, y: x.value })),
  }));
  return {
    schema: 'kept.report/v1',
    view: 'compare',
    title: `Compare: ${profiles.map((p) => p.project.name).join(' vs ')}`,
    subtitle: `As of ${asOf} · main package of each project (the most downloaded)`,
    asOf,
    sections: [
      { id: 'summary', title: 'Summary', blocks: prose },
      {
        id: 'side-by-side',
        title: 'Side by side',
        blocks: [
          {
            kind: 'table',
            id: 'compare',
            caption: 'Main package per project: latest downloads and six-month trend',
            columns: [
              { key: 'project', label: 'project', format: 'text' },
              { key: 'category', label: 'category', format: 'text' },
              { key: 'package', label: 'package', format: 'text' },
              { key: 'latest', label: 'latest', format: 'count', unit: 'downloads / 30 days' },
              { key: 'window_end', label: 'window ends', format: 'date' },
              { key: 'growth', label: '6-month growth', format: 'percent' },
              { key: 'monthly_rate', label: 'slope / month', format: 'percent' },
              { key: 'shape', label: 'shape', format: 'text' },
              { key: 'spikes', label: 'spikes', format: 'count' },
              { key: 'unknowns', label: 'unknown signals', format: 'count' },
            ],
            rows,
            links: profiles.map((p, row) => ({
              row,
              column: 'project',
              href: `/project/${encodeURIComponent(p.project.id)}`,
            })),
            sparklines: profiles.map((p) => mainDownloads(p)?.trend.months.map((m) => m.value) ?? null),
          },
          ...(series.length
            ? [
                {
                  kind: 'chart' as const,
                  id: 'compare-downloads',
                  chart: {
                    type: 'line' as const,
                    title: 'Monthly downloads, main package of each project',
                    yLabel: 'downloads',
                    unit: 'per 30-day window',
                    series,
                    markers: [],
                    log: true,
                  },
                },
              ]
            : []),
        ],
      },
      {
        id: 'unknowns',
        title: 'Unknown',
        blocks: [
          {
            kind: 'unknowns',
            items: profiles.flatMap((p) =>
              p.unknowns.map((u) => ({
                signal: `${p.project.name}: ${u.signal}`,
                ...(u.subject ? { subject: u.subject } : {}),
                reason: u.reason,
              })),
            ),
          },
        ],
      },
    ],
  };
}
