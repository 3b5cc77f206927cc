// Sections of a project profile report. Each reads only the Profile fields it needs; a section
// whose signal is absent returns null. New signals (tier, fan-out, contributors, issue health)
// add a builder here and an entry in PROFILE_SECTIONS. Pure.
import type { Profile, ProfileDownloads } from '../../pipeline/profile.js';
import type { Block, ChartSpec, EvidenceItem, ReportSection } from '../document.js';
import { formatCount, formatPercent } from '../../domain/format.js';
import { renderGithubMarkdown } from '../profile-github-md.js';
import { MARK, TIER_NAMES, tierQualifier } from '../tier-md.js';
import { renderIssueHealthMarkdown } from '../issue-health-md.js';
import { renderUpgradeMarkdown } from '../upgrade-md.js';
import { renderRegistriesMarkdown } from '../profile-registries-md.js';
import { sectionsFromMarkdown } from './from-markdown.js';
import { describeSpike } from '../trend-output.js';
import type { SectionBuilder } from './registry.js';

const SHAPE_WORDS: Readonly<Record<string, string>> = {
  'climbing-floor': 'a climbing floor (each low higher than the last: a dependency)',
  'spike-and-decay': 'spike-and-decay (peaks that fall back: experimentation)',
  growing: 'growing',
  declining: 'declining',
  flat: 'flat',
  'insufficient-data': 'too short to judge',
};

/** One deterministic sentence per download series, each number also in the downloads table. */
export function downloadSentence(name: string, d: ProfileDownloads): string {
  const t = d.trend;
  const growth =
    t.growth === null
      ? 'six-month growth unknown'
      : `${formatPercent(t.growth)} over six months (last 3 months vs the 3 before)`;
  const spikes = t.spikes.length
    ? `; ${t.spikes.length} spike${t.spikes.length > 1 ? 's' : ''} (${t.spikes.map((s) => s.month).join(', ')})`
    : '';
  const days = Math.round((Date.parse(d.latest.windowEnd) - Date.parse(d.latest.windowStart)) / 86_400_000);
  const span = days === 1 ? 'on the day' : `in the ${days} days`;
  return `${name}: ${d.subject} was downloaded ${formatCount(d.latest.value)} times ${span} to ${d.latest.windowEnd}, ${growth}; the curve is ${SHAPE_WORDS[t.shape] ?? t.shape}${spikes}.`;
}

export function downloadsChart(d: ProfileDownloads): ChartSpec {
  return {
    type: 'line',
    title: `Monthly downloads of ${d.subject}`,
    yLabel: 'downloads',
    unit: 'per 30-day window',
    series: [{ name: d.subject, points: d.trend.series.map((p) => ({ x: p.windowEnd, y: p.value })) }],
    markers: d.trend.spikes.flatMap((s) => {
      const m = d.trend.months.find((x) => x.month === s.month);
      return m ? [{ series: d.subject, x: m.windowEnd, label: `spike ×${s.ratio.toFixed(1)}` }] : [];
    }),
  };
}

const summary: SectionBuilder<Profile> = {
  id: 'summary',
  build(p) {
    const blocks: Block[] = [];
    if (p.project.description) blocks.push({ kind: 'prose', text: p.project.description });
    for (const d of p.downloads)
      blocks.push({
        kind: 'prose',
        text: downloadSentence(p.project.name, d),
        figures: [`${d.subject} latest`, `${d.subject} growth`],
      });
    const withHub = p.models.filter((m) => m.downloads30d);
    for (const m of withHub) {
      const total = Object.values(m.derivatives).reduce((a, b) => a + b, 0);
      blocks.push({
        kind: 'prose',
        text: `${m.subject}: ${formatCount(m.downloads30d?.value ?? 0)} Hub downloads in 30 days and ${formatCount(total)} direct derivatives (as of ${m.downloads30d?.observedAt ?? 'unknown'}).`,
      });
    }
    const t = p.verdict.tier;
    blocks.push({
      kind: 'prose',
      text: `Deployment tier: ${t.tier} (confidence ${t.confidence}, ${Math.round(t.coverage * 100)}% of the expected signals known); the evidence and the build-on-it checklist are below.`,
    });
    if (p.unknowns.length)
      blocks.push({
        kind: 'prose',
        text: `${p.unknowns.length} signal${p.unknowns.length > 1 ? 's are' : ' is'} not measured yet (listed under Unknown).`,
      });
    return { id: 'summary', title: 'Summary', blocks };
  },
};

const downloads: SectionBuilder<Profile> = {
  id: 'downloads',
  build(p) {
    if (!p.downloads.length) return null;
    const blocks: Block[] = [
      {
        kind: 'table',
        id: 'downloads',
        caption: 'Latest downloads and six-month trend per package',
        columns: [
          { key: 'package', label: 'package', format: 'text' },
          { key: 'latest', label: 'latest', format: 'count', unit: 'downloads / 30 days' },
          { key: 'window_start', label: 'window starts', format: 'date' },
          { key: 'window_end', label: 'window ends', format: 'date' },
          { key: 'growth', label: '6-month growth', format: 'percent' },
          { key: 'monthly_rate', label: 'slope / month', format: 'percent' },
          { key: 'shape', label: 'shape', format: 'text' },
          { key: 'source', label: 'source', format: 'text' },
        ],
        rows: p.downloads.map((d) => [
          d.subject,
          d.latest.value,
          d.latest.windowStart,
          d.latest.windowEnd,
          d.trend.growth,
          d.trend.monthlyRate,
          d.trend.shape,
          d.latest.source,
        ]),
        sparklines: p.downloads.map((d) => d.trend.months.map((m) => m.value)),
      },
    ];
    for (const d of p.downloads) {
      blocks.push({ kind: 'chart', id: `chart-${d.subject.replace(/[^a-z0-9]+/gi, '-')}`, chart: downloadsChart(d) });
      if (d.trend.spikes.length)
        blocks.push({
          kind: 'prose',
          text: `Spikes of ${d.subject}: ${d.trend.spikes.map(describeSpike).join('; ')}.`,
        });
      for (const n of d.trend.notes) blocks.push({ kind: 'prose', text: `Note (${d.subject}): ${n}` });
    }
    blocks.push({
      kind: 'prose',
      text: 'Downloads include mirrors and CI where the source does not separate them (top-pypi-packages does not).',
    });
    return { id: 'downloads', title: 'Downloads', blocks };
  },
};

const models: SectionBuilder<Profile> = {
  id: 'models',
  build(p) {
    // A model with nothing stored is listed under Unknown, not as a row of zeros.
    const measured = p.models.filter(
      (m) =>
        m.downloads30d || m.likes || m.parameters || Object.keys(m.facts).length || Object.keys(m.derivatives).length,
    );
    if (!measured.length) return null;
    const rels = ['finetune', 'adapter', 'quantized', 'merge'];
    const blocks: Block[] = [
      {
        kind: 'table',
        id: 'models',
        caption: 'Hub models: downloads, likes and direct derivatives',
        columns: [
          { key: 'model', label: 'model', format: 'text' },
          { key: 'downloads_30d', label: '30-day downloads', format: 'count' },
          { key: 'likes', label: 'likes', format: 'count' },
          { key: 'parameters', label: 'parameters', format: 'count' },
          { key: 'license', label: 'licence', format: 'text' },
          ...rels.map((r) => ({ key: r, label: r, format: 'count' as const })),
        ],
        rows: measured.map((m) => [
          m.subject,
          m.downloads30d?.value ?? null,
          m.likes?.value ?? null,
          m.parameters?.value ?? null,
          m.facts.license ?? null,
          ...rels.map((r) => m.derivatives[r] ?? 0),
        ]),
      },
    ];
    for (const m of measured) {
      const bars = Object.entries(m.derivatives).map(([label, value]) => ({ label, value }));
      if (bars.length)
        blocks.push({
          kind: 'chart',
          id: `fanout-${m.subject.replace(/[^a-z0-9]+/gi, '-')}`,
          chart: {
            type: 'bar',
            title: `Direct derivatives of ${m.subject}`,
            yLabel: 'derivatives',
            unit: 'models',
            bars,
          },
        });
    }
    return { id: 'models', title: 'Hub models', blocks };
  },
};

const fanout: SectionBuilder<Profile> = {
  id: 'fanout',
  build(p) {
    const withFanout = p.models.filter((m) => m.fanout && m.fanout.tree > 0);
    if (!withFanout.length) return null;
    return {
      id: 'fanout',
      title: 'Fan-out of the Hub models',
      blocks: [
        {
          kind: 'table',
          id: 'fanout',
          caption: 'Derivatives of each base model: the whole tree, re-uploads counted apart (docs/fanout.md)',
          columns: [
            { key: 'model', label: 'model', format: 'text' },
            { key: 'tree', label: 'fan-out (tree)', format: 'count' },
            { key: 'depth', label: 'depth', format: 'count' },
            { key: 'reuploads', label: 're-uploads', format: 'count' },
            { key: 'new_work', label: 'new work', format: 'count' },
            { key: 'organisations', label: 'organisations', format: 'count' },
            { key: 'derivative_downloads', label: "derivatives' 30-day downloads", format: 'count' },
            { key: 'derivative_share', label: 'share of downloads', format: 'share' },
            { key: 'spaces', label: 'Spaces', format: 'count' },
          ],
          rows: withFanout.map((m) => {
            const f = m.fanout!;
            return [
              m.subject,
              f.tree,
              f.depth,
              f.reuploads,
              f.effective,
              f.orgs,
              f.derivativeDownloads30d,
              f.derivativeShare,
              f.spaces,
            ];
          }),
        },
        {
          kind: 'prose',
          text: 'Re-uploads are the same weights re-hosted under the same name (GGUF, MLX, AWQ, bf16…); kept fanout hf:MODEL shows the tree.',
        },
      ],
    };
  },
};

/** One section per GitHub repository (levels, star curve, contributors' companies, releases, issues). */
const github: SectionBuilder<Profile> = {
  id: 'github',
  build(p) {
    return p.github.length ? sectionsFromMarkdown(renderGithubMarkdown(p.github), 'github', 'GitHub') : null;
  },
};

/** The deployment tier, its evidence, what would move it, and the four-point checklist. */
const verdict: SectionBuilder<Profile> = {
  id: 'verdict',
  build(p) {
    const t = p.verdict.tier;
    const blocks: Block[] = [
      { kind: 'prose', text: `Deployment tier: ${TIER_NAMES[t.tier]} (${t.tier}), ${tierQualifier(t)}` },
      { kind: 'heading', text: 'Evidence' },
      t.evidence.length === 0
        ? { kind: 'prose', text: 'None: no signal was measured.' }
        : {
            kind: 'table',
            id: 'verdict-evidence',
            caption: 'The rules that fired: each supports a tier or blocks the verdict below it',
            columns: [
              { key: 'direction', label: 'direction', format: 'text' },
              { key: 'rule', label: 'rule', format: 'text' },
              { key: 'tier', label: 'tier', format: 'text' },
              { key: 'detail', label: 'detail', format: 'text' },
            ],
            rows: t.evidence.map((e) => [
              e.direction === 'for' ? 'supports' : 'blocks',
              e.rule,
              e.tier === 'unknown' ? null : (TIER_NAMES[e.tier] ?? e.tier),
              e.detail,
            ]),
          },
      { kind: 'heading', text: 'Unknown' },
      { kind: 'unknowns', items: t.unknown.map((u) => ({ signal: u.signal, reason: u.reason })) },
      { kind: 'heading', text: 'What would move the verdict' },
      ...(t.wouldMove.length ? t.wouldMove : ['nothing measured stands in the way']).map((w): Block => ({
        kind: 'prose',
        text: `• ${w}`,
      })),
      { kind: 'heading', text: 'Can I build on it?' },
      {
        kind: 'table',
        id: 'verdict-checklist',
        caption: 'The four-point checklist (always all four)',
        columns: [
          { key: 'result', label: 'result', format: 'text' },
          { key: 'check', label: 'check', format: 'text' },
          { key: 'detail', label: 'detail', format: 'text' },
          { key: 'basis', label: 'basis', format: 'text' },
        ],
        rows: p.verdict.checklist.map((c) => [MARK[c.status] ?? c.status, c.question, c.detail, c.basis]),
      },
    ];
    return [{ id: 'verdict-deployment-tier', title: 'Deployment tier', blocks }];
  },
};

/** Issue-tracker health and upgrade safety, as the verdict measured them (when issues/releases are stored). */
const maintenance: SectionBuilder<Profile> = {
  id: 'maintenance',
  build(p) {
    const v = p.verdict;
    const lines = [
      ...(v.issueHealth ? [renderIssueHealthMarkdown(v.issueHealth)] : []),
      ...(v.upgrade ? [renderUpgradeMarkdown(v.upgrade)] : []),
    ];
    return lines.length ? sectionsFromMarkdown(lines, 'maintenance', 'Maintenance') : null;
  },
};

/** CI/mirror noise, reverse dependencies, container and Ollama pulls (one section each). */
const registries: SectionBuilder<Profile> = {
  id: 'registries',
  build(p) {
    const lines = renderRegistriesMarkdown(p);
    return lines.length ? sectionsFromMarkdown(lines, 'registries', 'Registries') : null;
  },
};

const evidence: SectionBuilder<Profile> = {
  id: 'evidence',
  build(p) {
    const items: EvidenceItem[] = [];
    for (const d of p.downloads)
      items.push({
        label: `${d.subject} downloads`,
        value: d.latest.value,
        format: 'count',
        source: d.latest.source,
        window: `${d.latest.windowStart} → ${d.latest.windowEnd}`,
        observedAt: d.latest.observedAt,
      });
    for (const m of p.models) {
      for (const [label, f] of [
        ['30-day downloads', m.downloads30d],
        ['likes', m.likes],
        ['parameters', m.parameters],
      ] as const) {
        if (f)
          items.push({
            label: `${m.subject} ${label}`,
            value: f.value,
            format: 'count',
            source: f.source,
            window: `${f.windowStart} → ${f.windowEnd}`,
            observedAt: f.observedAt,
          });
      }
    }
    return items.length
      ? { id: 'evidence', title: 'Evidence and freshness', blocks: [{ kind: 'evidence', items }] }
      : null;
  },
};

const unknowns: SectionBuilder<Profile> = {
  id: 'unknowns',
  build(p) {
    return {
      id: 'unknowns',
      title: 'Unknown',
      blocks: [
        {
          kind: 'unknowns',
          items: p.unknowns.map((u) => ({
            signal: u.signal,
            ...(u.subject ? { subject: u.subject } : {}),
            reason: u.reason,
          })),
        },
      ],
    };
  },
};

/** The profile report, in page order. Other signals register here (one entry each). */
export const PROFILE_SECTIONS: SectionBuilder<Profile>[] = [
  summary,
  verdict,
  downloads,
  registries,
  models,
  fanout,
  github,
  maintenance,
  evidence,
  unknowns,
];

export type { ReportSection };
