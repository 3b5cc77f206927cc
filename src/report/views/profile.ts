// The profile view laid out: summary, deployment tier, downloads with their charts, CI and mirror
// noise, reverse dependencies, pulls, Hub models and fan-out, each GitHub repository, attention vs
// usage, maintenance, evidence and freshness, what the verdict read, and the one Unknown section.
// Every table holds the model's numbers as numbers. Pure.
import { formatShare } from '../../domain/format.js';
import type { ProfileDownloads, ProfileGithub, ProfileView } from '../../views/profile/model.js';
import type { Block, EvidenceItem, LineChartSpec, ReportDocument, ReportSection } from '../document.js';
import { unknownsSection } from '../sections/unknowns.js';
import { attentionSection, inputsSection, maintenanceSections, tierSection } from '../sections/verdict.js';
import { asOfHeader } from './freshness.js';

const idOf = (s: string): string => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');

type Noise = ProfileView['noise'][number];

const share = (x: number | null): string => (x === null ? 'an unknown share of' : formatShare(x));

/**
 * Raw vs filtered as a band where a source splits CI, mirrors and bots in the chart's own windows
 * (two or more of them); otherwise the caption says the counts are not filtered, and names the
 * sample that does split them, if any, with its shares.
 */
function noiseOnChart(d: ProfileDownloads, noise: readonly Noise[]): Pick<LineChartSpec, 'bands' | 'caption'> {
  const mine = noise.filter((n) => n.subject === d.subject && n.split);
  const ends = new Set(d.trend.series.map((p) => p.windowEnd));
  const points = mine
    .filter((n) => ends.has(n.windowEnd))
    .map((n) => ({ x: n.windowEnd, lo: n.split?.human ?? 0, hi: n.split?.raw ?? 0 }));
  if (points.length >= 2)
    return {
      bands: [{ series: d.subject, label: 'raw (top) vs without CI, mirrors and bots (bottom)', points }],
      caption: `Band: raw downloads vs the same without CI, mirrors and bots, as ${mine[0]?.source ?? 'the source'} splits them.`,
    };
  const sample = mine[0];
  const s = sample?.split;
  return {
    caption: `Counts as ${d.latest.source} gives them: CI, mirrors and bots are not filtered.${
      sample && s
        ? ` A ${sample.source} sample (${sample.windowStart} → ${sample.windowEnd}, ${sample.days} day${sample.days === 1 ? '' : 's'}, ${s.raw} downloads) splits them: ${share(s.shares.human)} human/production, at least ${share(s.shares.ci)} CI, ${share(s.shares.mirror)} mirrors, ${share(s.shares.bot)} bots (see CI and mirror noise).`
        : ''
    }`,
  };
}

export function downloadsChart(
  d: ProfileDownloads,
  noise: readonly Noise[] = [],
  range?: ProfileView['range'],
): LineChartSpec {
  const onChart = noiseOnChart(d, noise);
  const shown = new Set(d.trend.series.map((p) => p.windowEnd));
  return {
    ...onChart,
    // A chosen range says so first; every stored window is the default and goes unsaid.
    ...(range && range.id !== 'all' ? { caption: `${range.caption} ${onChart.caption ?? ''}`.trim() } : {}),
    type: 'line',
    title: `Monthly downloads of ${d.subject}`,
    yLabel: 'downloads',
    unit: 'per 30-day window',
    series: [{ name: d.subject, points: d.trend.series.map((p) => ({ x: p.windowEnd, y: p.value })) }],
    markers: d.trend.spikes.flatMap((s) => {
      const m = d.trend.months.find((x) => x.month === s.month);
      return m && shown.has(m.windowEnd)
        ? [{ series: d.subject, x: m.windowEnd, label: `spike ×${s.ratio.toFixed(1)}` }]
        : [];
    }),
  };
}

function summary(p: ProfileView): ReportSection {
  const blocks: Block[] = [];
  if (p.project.description) blocks.push({ kind: 'prose', text: p.project.description });
  for (const text of p.summary)
    blocks.push(text === p.freshness.note ? { kind: 'note', tone: 'warning', text } : { kind: 'prose', text });
  return { id: 'summary', title: 'Summary', blocks };
}

function downloads(p: ProfileView): ReportSection[] {
  if (!p.downloads.length) return [];
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
    blocks.push({ kind: 'chart', id: `chart-${idOf(d.subject)}`, chart: downloadsChart(d, p.noise, p.range) });
    if (d.trend.spikes.length)
      blocks.push(
        { kind: 'heading', text: `Spikes of ${d.subject}` },
        {
          kind: 'list',
          items: d.trend.spikes.map((s) => s.description),
        },
      );
    for (const n of d.trend.notes) blocks.push({ kind: 'note', tone: 'info', text: `${d.subject}: ${n}` });
  }
  blocks.push({
    kind: 'note',
    tone: 'info',
    text: 'Downloads include mirrors and CI where the source does not separate them (top-pypi-packages does not).',
  });
  return [{ id: 'downloads', title: 'Downloads', blocks }];
}

function noise(p: ProfileView): ReportSection[] {
  if (!p.noise.length) return [];
  const blocks: Block[] = [
    {
      kind: 'table',
      id: 'noise',
      caption: 'Raw downloads split into mirrors, CI, bots and the remaining human/production downloads',
      columns: [
        { key: 'package', label: 'package', format: 'text' },
        { key: 'window_start', label: 'window starts', format: 'date' },
        { key: 'window_end', label: 'window ends', format: 'date' },
        { key: 'days', label: 'days with data', format: 'count' },
        { key: 'raw', label: 'raw', format: 'count', unit: 'downloads' },
        { key: 'mirrors', label: 'mirrors', format: 'count', unit: 'downloads' },
        { key: 'ci', label: 'CI (a lower bound)', format: 'count', unit: 'downloads' },
        { key: 'bots', label: 'bots', format: 'count', unit: 'downloads' },
        { key: 'remaining', label: 'remaining (human/production)', format: 'count', unit: 'downloads' },
        { key: 'remaining_low', label: 'remaining, low estimate', format: 'count', unit: 'downloads' },
        { key: 'ci_share', label: 'CI share (at least)', format: 'share' },
        { key: 'source', label: 'source', format: 'text' },
      ],
      rows: p.noise.map((n) => {
        const s = n.split;
        const w = [n.subject, n.windowStart, n.windowEnd, n.days];
        if (s) return [...w, s.raw, s.mirror, s.ci, s.bot, s.human, s.humanBand?.low ?? null, s.shares.ci, n.source];
        const withMirrors = n.pypistats?.withMirrors ?? null;
        const without = n.pypistats?.withoutMirrors ?? null;
        return [
          ...w,
          withMirrors,
          withMirrors !== null && without !== null ? withMirrors - without : null,
          null,
          null,
          without,
          null,
          null,
          n.source,
        ];
      }),
    },
    { kind: 'list', items: [...new Set(p.noise.flatMap((n) => n.caveats))] },
  ];
  for (const n of p.noise)
    if (n.split)
      blocks.push({
        kind: 'chart',
        id: `noise-${idOf(n.subject)}`,
        chart: {
          type: 'bar',
          title: `Downloads of ${n.subject} by kind, ${n.windowStart} → ${n.windowEnd}`,
          yLabel: 'downloads',
          unit: 'downloads',
          bars: [
            { label: 'mirrors', value: n.split.mirror },
            { label: 'CI (a lower bound)', value: n.split.ci },
            { label: 'bots', value: n.split.bot },
            { label: 'remaining (human/production)', value: n.split.human },
          ],
        },
      });
  return [{ id: 'noise', title: 'Downloads: raw → mirrors / CI / bots / remaining', blocks }];
}

function noiseEstimates(p: ProfileView): ReportSection[] {
  const est = p.noiseEstimates.filter((e) => e.weekdayWeekend.ratio !== null || e.versions?.topVersion);
  if (!est.length) return [];
  return [
    {
      id: 'noise-estimates',
      title: 'Noise estimates (no source flag)',
      blocks: [
        {
          kind: 'table',
          id: 'noise-estimates',
          caption: 'Weekday/weekend ratio of daily downloads and the concentration on one version',
          columns: [
            { key: 'package', label: 'package', format: 'text' },
            { key: 'weekday_weekend', label: 'weekday / weekend', format: 'ratio' },
            { key: 'reading', label: 'reading', format: 'text' },
            { key: 'days', label: 'days', format: 'count' },
            { key: 'top_version', label: 'top version', format: 'text' },
            { key: 'top_share', label: 'its share of recent downloads', format: 'share' },
            { key: 'versions', label: 'versions', format: 'count' },
          ],
          rows: est.map((e) => [
            e.subject,
            e.weekdayWeekend.ratio,
            e.weekdayWeekend.reading,
            e.weekdayWeekend.weekdays + e.weekdayWeekend.weekendDays,
            e.versions?.topVersion ?? null,
            e.versions?.topShare ?? null,
            e.versions?.versions ?? null,
          ]),
        },
        {
          kind: 'note',
          tone: 'info',
          text: 'Heuristics, not filters: weekday dips suggest people, a flat week or one dominant version suggests CI fleets or mirrors.',
        },
      ],
    },
  ];
}

function dependents(p: ProfileView): ReportSection[] {
  if (!p.dependents.length) return [];
  return [
    {
      id: 'dependents',
      title: 'Reverse dependencies',
      blocks: [
        {
          kind: 'table',
          id: 'dependents',
          caption: 'Dependents per package and source, and their six-month change',
          columns: [
            { key: 'package', label: 'package', format: 'text' },
            { key: 'source', label: 'source', format: 'text' },
            { key: 'dependents', label: 'dependents', format: 'count' },
            { key: 'as_of', label: 'as of', format: 'date' },
            { key: 'growth_6m', label: '6-month change', format: 'percent' },
          ],
          rows: p.dependents.flatMap((d) =>
            d.figures.map((f) => [d.subject, f.source, f.value, f.observedAt, f.growth6m]),
          ),
        },
        ...p.dependents.map((d): Block =>
          d.disagree
            ? { kind: 'note', tone: 'warning', text: `${d.subject}: the sources disagree: ${d.note}` }
            : { kind: 'prose', text: `${d.subject}: ${d.note}` },
        ),
      ],
    },
  ];
}

function pulls(p: ProfileView): ReportSection[] {
  if (!p.pulls.length) return [];
  const notes = [...new Set(p.pulls.flatMap((x) => x.notes))];
  return [
    {
      id: 'pulls',
      title: 'Container and Ollama pulls',
      blocks: [
        {
          kind: 'table',
          id: 'pulls',
          caption: 'Cumulative pulls, and the last month differenced from kept’s snapshots',
          columns: [
            { key: 'artifact', label: 'artifact', format: 'text' },
            { key: 'total', label: 'total pulls', format: 'count' },
            { key: 'as_of', label: 'as of', format: 'date' },
            { key: 'precision', label: 'precision', format: 'text' },
            { key: 'month', label: 'last month', format: 'text' },
            { key: 'month_pulls', label: 'pulls that month', format: 'count' },
            { key: 'plus_minus', label: '±', format: 'count' },
            { key: 'growth', label: 'month-over-month', format: 'percent' },
          ],
          rows: p.pulls.map((x) => {
            const m = x.months[x.months.length - 1];
            return [
              x.subject,
              x.latest.value,
              x.latest.observedAt,
              x.precision ?? 'exact',
              m?.month ?? null,
              m?.value ?? null,
              m ? m.plusMinus : null,
              x.monthlyGrowth,
            ];
          }),
        },
        ...(notes.length ? [{ kind: 'list' as const, items: notes }] : []),
      ],
    },
  ];
}

const RELATIONS = ['finetune', 'adapter', 'quantized', 'merge'] as const;

function models(p: ProfileView): ReportSection[] {
  // A model with nothing stored is listed under Unknown, not as a row of unknowns.
  const measured = p.models.filter(
    (m) => m.downloads30d || m.likes || m.parameters || Object.keys(m.facts).length || m.derivatives,
  );
  if (!measured.length) return [];
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
        ...RELATIONS.map((r) => ({ key: r, label: r, format: 'count' as const })),
      ],
      rows: measured.map((m) => [
        m.subject,
        m.downloads30d?.value ?? null,
        m.likes?.value ?? null,
        m.parameters?.value ?? null,
        m.license,
        ...RELATIONS.map((r) => m.derivatives?.[r] ?? null),
      ]),
    },
  ];
  for (const m of measured) {
    const bars = m.derivatives
      ? [...RELATIONS, 'unclassified' as const]
          .map((r) => ({ label: r === 'unclassified' ? 'base_model' : r, value: m.derivatives?.[r] ?? 0 }))
          .filter((b) => b.value > 0)
      : [];
    if (bars.length)
      blocks.push({
        kind: 'chart',
        id: `fanout-${idOf(m.subject)}`,
        chart: {
          type: 'bar',
          title: `Direct derivatives of ${m.subject}`,
          yLabel: 'derivatives',
          unit: 'models',
          bars,
        },
      });
  }
  return [{ id: 'models', title: 'Hub models', blocks }];
}

function fanout(p: ProfileView): ReportSection[] {
  const withFanout = p.models.filter((m) => m.fanout && m.fanout.tree > 0);
  if (!withFanout.length) return [];
  return [
    {
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
            { key: 'used', label: 'used', format: 'count' },
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
              f.used,
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
    },
  ];
}

function githubSection(g: ProfileGithub): ReportSection {
  const id = `github-${idOf(g.subject.replace(/^github:/, ''))}`;
  const blocks: Block[] = [
    {
      kind: 'table',
      id: `${id}-levels`,
      caption: 'Repository levels',
      columns: [
        { key: 'stars', label: 'stars', format: 'count' },
        { key: 'forks', label: 'forks', format: 'count' },
        { key: 'watchers', label: 'watchers', format: 'count' },
        { key: 'open_issues_prs', label: 'open issues + PRs', format: 'count' },
        { key: 'contributors', label: 'contributors', format: 'count' },
        { key: 'accounts', label: 'contributor accounts (not bots)', format: 'count' },
        { key: 'observed', label: 'observed', format: 'date' },
        { key: 'source', label: 'source', format: 'text' },
      ],
      rows: [
        [
          g.stars?.value ?? null,
          g.forks?.value ?? null,
          g.watchers?.value ?? null,
          g.openIssuesAndPrs?.value ?? null,
          g.contributors.total?.value ?? null,
          g.contributors.accounts,
          g.stars?.observedAt ?? null,
          g.stars?.source ?? null,
        ],
      ],
    },
    {
      kind: 'table',
      id: `${id}-repository`,
      caption: 'Repository facts',
      columns: [
        { key: 'license', label: 'licence', format: 'text' },
        { key: 'created', label: 'created', format: 'date' },
        { key: 'pushed', label: 'last push', format: 'date' },
        { key: 'archived', label: 'archived', format: 'text' },
        { key: 'topics', label: 'topics', format: 'text' },
      ],
      rows: [
        [
          g.license,
          g.createdAt,
          g.pushedAt,
          g.archived === null ? null : g.archived ? 'yes' : 'no',
          g.topics.join(', ') || null,
        ],
      ],
    },
  ];
  const h = g.starHistory;
  if (h.series && h.monthly.length)
    blocks.push({
      kind: 'chart',
      id: `${id}-stars`,
      chart: {
        type: 'line',
        title: `Stars of ${g.subject} (${h.basis ?? 'sampled pages'})`,
        yLabel: 'stars',
        unit: 'cumulative',
        series: [{ name: g.subject, points: h.monthly.map((p) => ({ x: p.date, y: p.stars })) }],
        markers: [],
      },
    });
  if (h.gainedLast30d !== null)
    blocks.push({
      kind: 'table',
      id: `${id}-stars-gained`,
      caption: 'Stars gained',
      columns: [
        { key: 'last_30d', label: 'last 30 days', format: 'count' },
        { key: 'prior_30d', label: 'the 30 days before', format: 'count' },
      ],
      rows: [[h.gainedLast30d, h.gainedPrior30d]],
    });
  const c = g.contributors;
  if (c.topCompanies.length)
    blocks.push({
      kind: 'table',
      id: `${id}-companies`,
      caption: `Companies of the top ${c.companyLookedUp} contributors (${c.companyKnown} state one; free text as people wrote it)`,
      columns: [
        { key: 'company', label: 'company', format: 'text' },
        { key: 'contributors', label: 'contributors', format: 'count' },
        { key: 'contributions', label: 'contributions', format: 'count' },
      ],
      rows: c.topCompanies.map((x) => [x.company, x.contributors, x.contributions]),
    });
  const r = g.releases;
  blocks.push({
    kind: 'table',
    id: `${id}-releases`,
    caption: 'GitHub releases',
    columns: [
      { key: 'releases', label: 'releases', format: 'count' },
      { key: 'last_90d', label: 'in the last 90 days', format: 'count' },
      { key: 'latest', label: 'latest', format: 'text' },
      { key: 'published', label: 'published', format: 'date' },
      { key: 'prerelease', label: 'pre-release', format: 'text' },
    ],
    rows: [
      [
        r.count,
        r.last90d,
        r.latest?.tag ?? null,
        r.latest?.publishedAt ?? null,
        r.latest ? (r.latest.prerelease ? 'yes' : 'no') : null,
      ],
    ],
  });
  return { id, title: `GitHub: ${g.subject.replace(/^github:/, '')}`, blocks };
}

function evidence(p: ProfileView): ReportSection[] {
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
  for (const m of p.models)
    for (const [label, f] of [
      ['30-day downloads', m.downloads30d],
      ['likes', m.likes],
      ['parameters', m.parameters],
    ] as const)
      if (f)
        items.push({
          label: `${m.subject} ${label}`,
          value: f.value,
          format: 'count',
          source: f.source,
          window: `${f.windowStart} → ${f.windowEnd}`,
          observedAt: f.observedAt,
        });
  return items.length
    ? [{ id: 'evidence', title: 'Evidence and freshness', blocks: [{ kind: 'evidence', items }] }]
    : [];
}

export function profileDocument(p: ProfileView): ReportDocument {
  const attention = attentionSection(p.verdict);
  return {
    schema: 'kept.report/v1',
    view: 'profile',
    title: `${p.project.name} (${p.project.category})`,
    subtitle: `${asOfHeader(p.freshness)} · artifacts: ${p.project.artifacts.join(', ') || 'none'}`,
    asOf: p.asOf,
    sections: [
      summary(p),
      tierSection(p.verdict),
      ...downloads(p),
      ...noise(p),
      ...noiseEstimates(p),
      ...dependents(p),
      ...pulls(p),
      ...models(p),
      ...fanout(p),
      ...p.github.map(githubSection),
      ...(attention ? [attention] : []),
      ...maintenanceSections(p.verdict),
      ...evidence(p),
      inputsSection(p.verdict),
      unknownsSection(p.unknowns),
    ],
  };
}
