// Computes the digest: each project's verdict as of `from` and as of `to` (the verdict's own
// computation), compared field by field, plus the download spikes, growth crossings and new Hub
// derivatives of the period; every change ranked by kind weight × magnitude (docs/digest.md). Pure.
import { contributorsFromReport } from '../../classify/contributor-input.js';
import type { ContributorBreadthInput } from '../../classify/tier.js';
import { TIERS } from '../../classify/tier.js';
import { formatCount, formatPercent, formatShare } from '../../domain/format.js';
import type { Project } from '../../domain/project.js';
import { formatSubject } from '../../domain/subject.js';
import { isoDate } from '../../domain/time.js';
import { detectSpikes, monthlySeries, type MonthValue } from '../../signals/trend.js';
import type { DownloadSeries } from '../shared/download-series.js';
import { computeTrendView, describeSpike, spikeModel } from '../trend/compute.js';
import { computeVerdictView, tierRef } from '../verdict/compute.js';
import type { VerdictInputs } from '../verdict/load.js';
import type { CheckItemModel, TierRef, VerdictView } from '../verdict/model.js';
import type { DigestInputs, DigestProjectInputs, DigestRequest, DigestTree } from './load.js';
import { DIGEST_CHANGE_KINDS, type DigestChange, type DigestChangeKind, type DigestView } from './model.js';

/** What each kind of change weighs before its magnitude: a tier move matters most. */
export const DIGEST_WEIGHTS: Readonly<Record<DigestChangeKind, number>> = {
  tier: 100,
  checklist: 70,
  'breaking-release': 60,
  'contributor-breadth': 55,
  confidence: 50,
  'star-burst': 45,
  deprecation: 45,
  spike: 40,
  'spike-decay': 35,
  growth: 35,
  derivative: 25,
};

/** Six-month growth crossing either of these (as a fraction) is a change. */
export const GROWTH_THRESHOLD = 0.25;
/** A new derivative drawing at least this many downloads in its latest 30 days is "large". */
export const LARGE_DERIVATIVE_DOWNLOADS = 10_000;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const CONFIDENCE_LEVELS = ['none', 'low', 'medium', 'high'] as const;

/** A change before it is ranked: its score's parts, and the reach that breaks ties. */
type Draft = Omit<DigestChange, 'rank' | 'score'> & { readonly magnitude: number; readonly reach: number };

interface Period {
  readonly from: Date;
  readonly to: Date;
}

const inPeriod = (d: Date, p: Period): boolean => d.getTime() > p.from.getTime() && d.getTime() <= p.to.getTime();

/** Upstream text (a release tag, a model id, a changelog line) as a quoted, bounded literal. */
export function quoteData(text: string, max = 160): string {
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return JSON.stringify(cut);
}

function projectLink(id: string): string {
  return `/project/${encodeURIComponent(id)}`;
}

/** A dashboard view page, /<view>/<subject> with the subject's ':' and '/' kept readable. */
function viewLink(view: string, arg: string): string {
  return `/${view}/${encodeURIComponent(arg).replace(/%3A/gi, ':').replace(/%2F/gi, '/')}`;
}

const clamp = (x: number, lo = 1, hi = 2): number => Math.min(hi, Math.max(lo, x));

function tierRank(t: TierRef): number | undefined {
  const i = (TIERS as readonly string[]).indexOf(t.id);
  return i < 0 ? undefined : i;
}

/** The project's largest latest 30-day downloads on or before `to`: ties between equal scores go to the wider-used project. */
function reachOf(inputs: VerdictInputs, to: Date): number {
  let best = 0;
  for (const { series } of inputs.series)
    for (const p of series?.points ?? []) if (p.windowEnd.getTime() <= to.getTime()) best = Math.max(best, p.value);
  return best;
}

interface Ctx {
  readonly project: Project;
  readonly ref: { readonly id: string; readonly name: string };
  readonly reach: number;
  readonly period: Period;
}

function base(c: Ctx): Pick<Draft, 'project' | 'reach' | 'link'> {
  return { project: c.ref, reach: c.reach, link: projectLink(c.project.id) };
}

function tierChanges(c: Ctx, before: VerdictView, after: VerdictView): Draft[] {
  const a = before.tier;
  const b = after.tier;
  if (a.id !== b.id) {
    const ra = tierRank(a);
    const rb = tierRank(b);
    const steps = ra !== undefined && rb !== undefined ? Math.abs(rb - ra) : 1;
    const direction = ra === undefined || rb === undefined ? 'neutral' : rb > ra ? 'better' : 'worse';
    const verb =
      ra === undefined
        ? `can now be judged: ${b.label}`
        : rb === undefined
          ? `can no longer be judged (was ${a.label})`
          : `${direction === 'better' ? 'rose' : 'fell'} from ${a.label} to ${b.label}`;
    const rulesBefore = new Set(before.evidence.map((e) => e.rule));
    const rulesAfter = new Set(after.evidence.map((e) => e.rule));
    const added = after.evidence.filter((e) => !rulesBefore.has(e.rule)).map((e) => `now: ${e.rule}: ${e.detail}`);
    const gone = before.evidence.filter((e) => !rulesAfter.has(e.rule)).map((e) => `no longer: ${e.rule}: ${e.detail}`);
    const why = [...added, ...gone];
    return [
      {
        ...base(c),
        kind: 'tier',
        direction,
        subject: null,
        date: null,
        before: `${a.label} (confidence ${a.confidence})`,
        after: `${b.label} (confidence ${b.confidence})`,
        title: `${c.ref.name}: deployment tier ${verb} (confidence ${b.confidence}).`,
        evidence: (why.length ? why : after.evidence.map((e) => `${e.rule}: ${e.detail}`)).slice(0, 5),
        magnitude: clamp(steps),
      },
    ];
  }
  if (a.confidence !== b.confidence) {
    const la = CONFIDENCE_LEVELS.indexOf(a.confidence);
    const lb = CONFIDENCE_LEVELS.indexOf(b.confidence);
    const was = new Set(before.unknowns.filter((u) => u.tier).map((u) => u.signal));
    const now = new Set(after.unknowns.filter((u) => u.tier).map((u) => u.signal));
    const evidence = [
      `signals measured: ${formatShare(a.coverage ?? 0)} → ${formatShare(b.coverage ?? 0)} of those the tier weighs`,
      ...[...now].filter((s) => !was.has(s)).map((s) => `now unknown: ${s}`),
      ...[...was].filter((s) => !now.has(s)).map((s) => `now measured: ${s}`),
    ];
    return [
      {
        ...base(c),
        kind: 'confidence',
        direction: lb > la ? 'better' : 'worse',
        subject: null,
        date: null,
        before: a.confidence,
        after: b.confidence,
        title: `${c.ref.name}: confidence in its ${b.label} tier ${lb > la ? 'rose' : 'fell'} from ${a.confidence} to ${b.confidence}.`,
        evidence,
        magnitude: clamp(1 + 0.5 * (Math.abs(lb - la) - 1)),
      },
    ];
  }
  return [];
}

function checklistChanges(c: Ctx, before: VerdictView, after: VerdictView): Draft[] {
  const out: Draft[] = [];
  for (const item of after.checklist) {
    const was: CheckItemModel | undefined = before.checklist.find((x) => x.id === item.id);
    if (!was || was.status === item.status) continue;
    const direction = item.status === 'pass' ? 'better' : item.status === 'fail' ? 'worse' : 'neutral';
    out.push({
      ...base(c),
      kind: 'checklist',
      direction,
      subject: null,
      date: null,
      before: was.status,
      after: item.status,
      title: `${c.ref.name}: checklist "${item.question}" went from ${was.status} to ${item.status}.`,
      evidence: [`now: ${item.detail} (${item.basis})`, `before: ${was.detail} (${was.basis})`],
      magnitude: item.status === 'fail' && was.status === 'pass' ? 1.5 : item.status === 'pass' ? 1.25 : 1,
    });
  }
  return out;
}

const BREAKING_REASONS: Readonly<Record<string, string>> = {
  'major-bump': 'a major version bump',
  'zero-minor-bump': 'a 0.x minor bump',
  'breaking-section': 'release notes with a breaking-changes section',
  'removed-section': 'release notes with a removed section',
};

function upgradeChanges(c: Ctx, before: VerdictView, after: VerdictView): Draft[] {
  const up = after.upgrade;
  if (!up) return [];
  const repo = c.project.github ? `github:${c.project.github}` : null;
  const out: Draft[] = [];
  for (const b of up.breaking) {
    if (!inPeriod(new Date(`${b.date}T00:00:00Z`), c.period)) continue;
    out.push({
      ...base(c),
      kind: 'breaking-release',
      direction: 'worse',
      subject: repo,
      date: b.date,
      before: null,
      after: b.tag,
      title: `${c.ref.name}: breaking release ${quoteData(b.tag, 60)} on ${b.date}.`,
      evidence: [
        `why breaking: ${b.reasons.map((r) => BREAKING_REASONS[r] ?? r).join('; ')}`,
        `breaking releases in the twelve months to ${up.asOf}: ${up.breakingLast12Months}${before.upgrade ? ` (${before.upgrade.breakingLast12Months} at ${before.upgrade.asOf})` : ''}`,
      ],
      magnitude: 1,
    });
  }
  for (const d of up.deprecationNotices) {
    if (!inPeriod(new Date(`${d.date}T00:00:00Z`), c.period)) continue;
    out.push({
      ...base(c),
      kind: 'deprecation',
      direction: 'neutral',
      subject: repo,
      date: d.date,
      before: null,
      after: d.tag,
      title: `${c.ref.name}: deprecation notice in release ${quoteData(d.tag, 60)} on ${d.date}.`,
      evidence: [`data from the release notes: ${quoteData(d.line, 200)}`],
      magnitude: 1,
    });
  }
  const ra = before.upgrade?.registry;
  const rb = up.registry;
  if (rb && (rb.deprecated > (ra?.deprecated ?? 0) || rb.yanked > (ra?.yanked ?? 0))) {
    const parts = [
      ...(rb.deprecated > (ra?.deprecated ?? 0)
        ? [`${rb.deprecated - (ra?.deprecated ?? 0)} npm version(s) deprecated`]
        : []),
      ...(rb.yanked > (ra?.yanked ?? 0) ? [`${rb.yanked - (ra?.yanked ?? 0)} PyPI version(s) yanked`] : []),
    ];
    out.push({
      ...base(c),
      kind: 'deprecation',
      direction: 'worse',
      subject: null,
      date: null,
      before: ra ? `${ra.deprecated} deprecated, ${ra.yanked} yanked` : null,
      after: `${rb.deprecated} deprecated, ${rb.yanked} yanked`,
      title: `${c.ref.name}: ${parts.join(' and ')}.`,
      evidence: [
        `registry versions: ${rb.versions}${
          rb.examples.length
            ? `; e.g. ${rb.examples
                .slice(0, 3)
                .map((x) => quoteData(x, 40))
                .join(', ')}`
            : ''
        }`,
      ],
      magnitude: 1,
    });
  }
  return out;
}

function breadth(inputs: VerdictInputs): ContributorBreadthInput | undefined {
  if (!inputs.storedContributors) return undefined;
  const b = contributorsFromReport(inputs.storedContributors);
  return 'error' in b ? undefined : b;
}

function breadthText(b: ContributorBreadthInput): string {
  return `${plural(b.organizations, 'organisation')}, elephant factor ${b.elephantFactor}, bus factor ${b.busFactor}${b.topOrganizationShare === undefined ? '' : `, top organisation ${formatShare(b.topOrganizationShare)}`}`;
}

function contributorChanges(c: Ctx, p: DigestProjectInputs): Draft[] {
  const a = breadth(p.before);
  const b = breadth(p.after);
  if (!b) return [];
  const topMoved =
    a?.topOrganizationShare !== undefined &&
    b.topOrganizationShare !== undefined &&
    Math.abs(b.topOrganizationShare - a.topOrganizationShare) >= 0.05;
  if (
    a &&
    a.organizations === b.organizations &&
    a.elephantFactor === b.elephantFactor &&
    a.busFactor === b.busFactor &&
    !topMoved
  )
    return [];
  const direction = !a
    ? 'neutral'
    : b.elephantFactor !== a.elephantFactor
      ? b.elephantFactor > a.elephantFactor
        ? 'better'
        : 'worse'
      : b.organizations !== a.organizations
        ? b.organizations > a.organizations
          ? 'better'
          : 'worse'
        : 'neutral';
  const what = !a
    ? 'first measured'
    : direction === 'better'
      ? 'broadened'
      : direction === 'worse'
        ? 'narrowed'
        : 'shifted';
  return [
    {
      ...base(c),
      kind: 'contributor-breadth',
      direction,
      subject: null,
      date: null,
      before: a ? breadthText(a) : null,
      after: breadthText(b),
      title: `${c.ref.name}: contributor breadth ${what}: ${a ? `${breadthText(a)} → ` : ''}${breadthText(b)}.`,
      evidence: [...(b.window ? [`now: ${b.window}`] : []), ...(a?.window ? [`before: ${a.window}`] : [])],
      magnitude: a && a.elephantFactor !== b.elephantFactor ? 1.5 : 1,
    },
  ];
}

type StarBurst = NonNullable<NonNullable<VerdictView['attention']>['starBursts']>['bursts'][number];

/**
 * The star bursts a verdict reports, or undefined when its model carries no daily star history
 * (then the digest lists star bursts as not reported rather than as "none").
 */
export function starBurstsOf(v: VerdictView): readonly StarBurst[] | undefined {
  return v.attention?.starBursts?.bursts;
}

function starBurstChanges(c: Ctx, after: VerdictView): Draft[] {
  const bursts = starBurstsOf(after) ?? [];
  return bursts
    .filter((b) => inPeriod(new Date(`${b.start}T00:00:00Z`), c.period))
    .map((b) => ({
      ...base(c),
      kind: 'star-burst' as const,
      // A burst usage followed is adoption; one it did not is attention only.
      direction: b.followedByUsage === true ? ('better' as const) : ('neutral' as const),
      subject: c.project.github ? `github:${c.project.github}` : null,
      date: b.start,
      before: null,
      after: `${formatCount(b.stars)} stars`,
      title: `${c.ref.name}: star burst: ${b.text}.`,
      evidence: [
        `peak ${formatCount(b.peakStars)} stars on ${b.peakDay} against a 12-week median of ${formatCount(b.baselineMedian)} a ${b.kind}`,
        `usage after it: ${b.usage.reading}${b.usage.basis ? ` (${b.usage.basis})` : ''}`,
      ],
      magnitude: clamp(1 + (b.ratio ? Math.log10(b.ratio) / 2 : 0)),
    }));
}

function windowEndOf(months: readonly MonthValue[], month: string): Date | undefined {
  return months.find((m) => m.month === month)?.windowEnd;
}

function seriesChanges(c: Ctx, series: DownloadSeries, today: Date): Draft[] {
  const { from, to } = c.period;
  const subject = formatSubject(series.subject);
  const link = viewLink('trend', subject);
  const source = `source: ${series.sources.join(', ') || 'unknown'} (${series.basis === 'monthly-snapshots' ? '30-day windows' : 'daily counts summed by month'})`;
  const upTo = (d: Date) => series.points.filter((x) => x.windowEnd.getTime() <= d.getTime());
  const monthsTo = monthlySeries(upTo(to));
  const monthsFrom = monthlySeries(upTo(from));
  const spikesTo = detectSpikes(monthsTo);
  const out: Draft[] = [];

  for (const s of spikesTo) {
    const end = windowEndOf(monthsTo, s.month);
    if (!end || !inPeriod(end, c.period)) continue;
    const fate =
      s.decayed === undefined || s.next === undefined
        ? 'the latest month, so its decay is not yet known'
        : s.decayed
          ? `then it decayed to ${formatCount(s.next)} the next month`
          : `then it held at ${formatCount(s.next)} the next month`;
    out.push({
      ...base(c),
      link,
      kind: 'spike',
      direction: 'neutral',
      subject,
      date: isoDate(end),
      before: null,
      after: `${formatCount(s.value)} in ${s.month}`,
      title: `${c.ref.name}: download spike on ${subject} in ${s.month}: ${formatCount(s.value)}, ${s.ratio.toFixed(1)}× the ${formatCount(s.baseline)} of the months before; ${fate}.`,
      evidence: [spikeModel(s).description, source],
      magnitude: clamp(1 + Math.log10(s.ratio)),
    });
  }

  // Spikes still open at `from` (the latest month then): the period tells whether they fell back.
  for (const s of detectSpikes(monthsFrom)) {
    if (s.decayed !== undefined) continue;
    const i = monthsTo.findIndex((m) => m.month === s.month);
    const next = i >= 0 ? monthsTo[i + 1] : undefined;
    if (!next || !inPeriod(next.windowEnd, c.period)) continue;
    const now = spikesTo.find((x) => x.month === s.month);
    const decayed = now?.decayed === true;
    const share = formatShare(next.value / s.value);
    out.push({
      ...base(c),
      link,
      kind: 'spike-decay',
      direction: decayed ? 'neutral' : 'better',
      subject,
      date: isoDate(next.windowEnd),
      before: `${formatCount(s.value)} in ${s.month}, decay not yet known`,
      after: `${formatCount(next.value)} in ${next.month}`,
      title: decayed
        ? `${c.ref.name}: the ${s.month} download spike on ${subject} decayed: ${formatCount(next.value)} in ${next.month}, ${share} of the spike.`
        : `${c.ref.name}: the ${s.month} jump on ${subject} held: ${formatCount(next.value)} in ${next.month}, ${(next.value / s.value).toFixed(1)}× it (more than half), a step up rather than a spike.`,
      evidence: [
        describeSpike({ ...spikeModel(s), next: next.value, decayed }),
        `a spike has decayed when the next month is at most ${formatShare(0.5)} of it`,
        source,
      ],
      magnitude: 1,
    });
  }

  // Six-month growth crossing ±25% (the trend view's growth, judged at both dates).
  const tFrom = computeTrendView(series, { asOf: from, today });
  const tTo = computeTrendView(series, { asOf: to, today });
  const g0 = tFrom.growth;
  const g1 = tTo.growth;
  if (g0 !== null && g1 !== null) {
    // Every threshold crossed, in the direction of the move: one line even when a jump crosses both.
    const crossed = [-GROWTH_THRESHOLD, GROWTH_THRESHOLD].filter((t) => (g0 < t && g1 >= t) || (g0 >= t && g1 < t));
    if (crossed.length) {
      const upward = g1 > g0;
      const limit = upward ? Math.max(...crossed) : Math.min(...crossed);
      const through =
        crossed.length > 1 ? ` (from below ${formatPercent(upward ? -GROWTH_THRESHOLD : GROWTH_THRESHOLD)})` : '';
      out.push({
        ...base(c),
        link,
        kind: 'growth',
        direction: upward ? 'better' : 'worse',
        subject,
        date: tTo.dataEnds,
        before: formatPercent(g0),
        after: formatPercent(g1),
        title: `${c.ref.name}: six-month download growth of ${subject} ${upward ? 'rose above' : 'fell below'} ${formatPercent(limit)}${upward ? through : through.replace('below', 'above')}: ${formatPercent(g0)} → ${formatPercent(g1)}.`,
        evidence: [`now: ${tTo.summary}`, `before: ${tFrom.summary}`, source],
        magnitude: clamp(1 + Math.abs(g1 - g0) / 2),
      });
    }
  }
  return out;
}

function derivativeChanges(c: Ctx, tree: DigestTree): Draft[] {
  const out: Draft[] = [];
  const seen = new Set<string>();
  const baseSubject = formatSubject(tree.subject);
  for (const e of tree.edges) {
    if (seen.has(e.child) || !inPeriod(e.firstSeen, c.period)) continue;
    const node = tree.nodes.get(e.child);
    const dl = node?.downloads30d;
    if (dl === undefined || dl < LARGE_DERIVATIVE_DOWNLOADS) continue;
    seen.add(e.child);
    out.push({
      ...base(c),
      link: viewLink('fanout', baseSubject),
      kind: 'derivative',
      direction: 'better',
      subject: `hf:${e.child}`,
      date: isoDate(e.firstSeen),
      before: null,
      after: `${formatCount(dl)} downloads in 30 days`,
      title: `${c.ref.name}: a new ${e.relation} in the tree of ${tree.subject.id}, ${quoteData(e.child, 100)}, with ${formatCount(dl)} downloads in 30 days.`,
      evidence: [
        `first seen ${isoDate(e.firstSeen)}; relation ${e.relation} to ${quoteData(e.parent, 100)}`,
        `large: at least ${formatCount(LARGE_DERIVATIVE_DOWNLOADS)} downloads in its latest 30-day window`,
        ...(node?.author ? [`author: ${quoteData(node.author, 60)}`] : []),
      ],
      magnitude: clamp(1 + Math.log10(dl / LARGE_DERIVATIVE_DOWNLOADS) / 2),
    });
  }
  return out;
}

/** Rank order: score, then the wider-used project, then names, so equal inputs give equal output. */
function rankDrafts(drafts: readonly Draft[]): DigestChange[] {
  const scored = drafts.map((d) => ({ d, score: Math.round(DIGEST_WEIGHTS[d.kind] * d.magnitude * 10) / 10 }));
  scored.sort(
    (x, y) =>
      y.score - x.score ||
      y.d.reach - x.d.reach ||
      (x.d.project?.name ?? '').localeCompare(y.d.project?.name ?? '') ||
      DIGEST_CHANGE_KINDS.indexOf(x.d.kind) - DIGEST_CHANGE_KINDS.indexOf(y.d.kind) ||
      (x.d.subject ?? '').localeCompare(y.d.subject ?? '') ||
      (x.d.date ?? '').localeCompare(y.d.date ?? ''),
  );
  return scored.map(({ d, score }, i) => {
    const { magnitude: _m, reach: _r, ...change } = d;
    return { rank: i + 1, score, ...change };
  });
}

export function computeDigestView(inputs: DigestInputs, request: DigestRequest): DigestView {
  const period: Period = { from: request.from, to: request.to };
  const from = isoDate(request.from);
  const to = isoDate(request.to);
  const drafts: Draft[] = [];
  const judged: { id: string; name: string; before: VerdictView; after: VerdictView }[] = [];
  let starHistory = false;
  let upgradeData = false;
  let contributorData = false;
  for (const p of inputs.projects) {
    const common = {
      project: p.project,
      today: request.today,
      ...(request.settings ? { settings: request.settings } : {}),
    };
    const before = computeVerdictView(p.before, { ...common, asOf: request.from });
    const after = computeVerdictView(p.after, { ...common, asOf: request.to });
    judged.push({ id: p.project.id, name: p.project.name, before, after });
    if (starBurstsOf(after) !== undefined) starHistory = true;
    if (after.upgrade) upgradeData = true;
    if (p.after.storedContributors) contributorData = true;
    const c: Ctx = {
      project: p.project,
      ref: { id: p.project.id, name: p.project.name },
      reach: reachOf(p.after, request.to),
      period,
    };
    drafts.push(
      ...tierChanges(c, before, after),
      ...checklistChanges(c, before, after),
      ...upgradeChanges(c, before, after),
      ...contributorChanges(c, p),
      ...starBurstChanges(c, after),
    );
    for (const { series } of p.after.series) if (series) drafts.push(...seriesChanges(c, series, request.today));
    for (const t of p.trees) drafts.push(...derivativeChanges(c, t));
  }
  const changes = rankDrafts(drafts);

  const projects = judged.flatMap((j) => {
    const mine = changes.filter((x) => x.project?.id === j.id);
    const top = mine[0];
    return top
      ? [
          {
            id: j.id,
            name: j.name,
            link: projectLink(j.id),
            changes: mine.length,
            tierFrom: tierRef(j.before.tier.id),
            tierTo: tierRef(j.after.tier.id),
            top: top.title,
            first: top.rank,
          },
        ]
      : [];
  });
  projects.sort((a, b) => a.first - b.first);

  const tierIds = [...TIERS, 'unknown'] as const;
  const tiers = tierIds.map((id) => ({
    tier: tierRef(id),
    from: judged.filter((j) => j.before.tier.id === id).length,
    to: judged.filter((j) => j.after.tier.id === id).length,
  }));
  const byKind = DIGEST_CHANGE_KINDS.map((kind) => ({
    kind,
    changes: changes.filter((x) => x.kind === kind).length,
  })).filter((k) => k.changes > 0);
  const ups = changes.filter((x) => x.kind === 'tier' && x.direction === 'better').length;
  const downs = changes.filter((x) => x.kind === 'tier' && x.direction === 'worse').length;
  const catalogSentence =
    `${plural(judged.length, 'project')} judged; ${projects.length} changed between ${from} and ${to}` +
    (ups || downs ? `: ${plural(ups, 'tier')} up, ${plural(downs, 'tier')} down.` : '.');

  const notReported: DigestView['notReported'] = [];
  if (!starHistory)
    notReported.push({
      kind: 'star-burst',
      reason:
        'no project has a daily star history stored (kept collect github reads /stargazers/history): star bursts cannot be told apart from steady gains',
    });
  if (!upgradeData)
    for (const kind of ['breaking-release', 'deprecation'] as const)
      notReported.push({
        kind,
        reason: 'no release or registry version records are stored (kept collect github, or kept import)',
      });
  if (!contributorData)
    notReported.push({
      kind: 'contributor-breadth',
      reason: 'no contributor report is stored (kept contributors <clone> --project <id>)',
    });
  if (!inputs.projects.some((p) => p.trees.length))
    notReported.push({ kind: 'derivative', reason: 'no Hub model tree is stored for the projects judged' });

  const top = changes[0];
  const summary = top
    ? `${plural(changes.length, 'change')} between ${from} and ${to} in ${projects.length} of ${plural(judged.length, 'project')}; the largest: ${top.title}`
    : `No changes between ${from} and ${to} in ${plural(judged.length, 'project')} judged.`;
  return {
    schema: 'kept.digest/v1',
    from,
    to,
    asOf: to,
    scope: request.scope ? [...request.scope] : null,
    summary,
    changes,
    projects: projects.map(({ first: _f, ...p }) => p),
    catalog: { projects: judged.length, changed: projects.length, tiers, byKind, sentence: catalogSentence },
    notReported,
    ranking: `Ranked by score = kind weight (${Object.entries(DIGEST_WEIGHTS)
      .map(([k, w]) => `${k} ${w}`)
      .join(
        ', ',
      )}) × magnitude (1 to 2, from the size of the change); equal scores go to the project with more downloads (docs/digest.md).`,
    notes: [
      `The period runs from ${from} (exclusive) to ${to} (inclusive); each project is judged as of both dates with the data stored now, so data imported late still counts at the date it describes.`,
    ],
  };
}
