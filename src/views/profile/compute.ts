// Computes a project's profile from what load.ts read: each package's latest downloads and trend
// (the trend view), the noise split and estimates, reverse dependencies, pulls, Hub models and
// fan-out, the GitHub block, the verdict, the summary sentences and the one list of unknowns.
// Pure: asOf and today come in the request.
import { PRECISION_FACT_PREFIX, UNKNOWN_FACT_PREFIX } from '../../domain/collected.js';
import { formatCount, formatPercent } from '../../domain/format.js';
import { METRICS, STAR_HISTORY_BASIS } from '../../domain/metrics.js';
import { formatDims } from '../../domain/observation.js';
import { isClientArtifact, projectArtifacts } from '../../domain/project.js';
import { formatSubject, type Subject } from '../../domain/subject.js';
import { DAY_MS, isoDate, utcDay } from '../../domain/time.js';
import { compareDependents, computeDependentsTrend } from '../../signals/dependents.js';
import { computeVersionConcentration, computeWeekdayWeekend } from '../../signals/noise-estimates.js';
import { CI_REPORTING_INSTALLERS, computeNoiseSplit } from '../../signals/noise.js';
import { computeSnapshotGrowth } from '../../signals/snapshot-growth.js';
import { gatedZeroReason, hubDownloadsUnknown } from '../../domain/hub-counts.js';
import type { StoredFanout } from '../fanout/load.js';
import type { DownloadSeries } from '../shared/download-series.js';
import { CHART_RANGE_LABELS, DEFAULT_CHART_RANGE, windowsInRange, type ChartRange } from '../shared/chart-range.js';
import { resolveAsOf, STALE_AFTER_DAYS, type AsOfBasis } from '../shared/freshness.js';
import { computeTrendView } from '../trend/compute.js';
import {
  computeVerdictParts,
  checklistSentence,
  tierSentence,
  unknownSentence,
  verdictFreshness,
} from '../verdict/compute.js';
import type { UnknownItem } from '../verdict/model.js';
import type { ProfileInputs, ProfileRequest } from './load.js';
import type { Figure, ProfileDownloads, ProfileGithub, ProfileModel, ProfileView } from './model.js';

/** A stored observation and a stored fact, as the inputs carry them. */
type StoredObservation = ProfileInputs['downloads'][number]['observations'][number];
type StoredFact = ProfileInputs['facts'][number];

/** Download data whose latest window ends more than this many days before asOf is not current. */
export const PROFILE_STALE_AFTER_DAYS = STALE_AFTER_DAYS;

/** Days a window spans, counted as the store counts them (calendar days between its ends). */
function windowDays(o: StoredObservation): number {
  return Math.round((utcDay(o.windowEnd).getTime() - utcDay(o.windowStart).getTime()) / DAY_MS);
}

function figure(o: {
  value: number;
  windowStart: Date;
  windowEnd: Date;
  observedAt: Date;
  source: string;
  origin: string;
}): Figure {
  return {
    value: o.value,
    windowStart: isoDate(o.windowStart),
    windowEnd: isoDate(o.windowEnd),
    observedAt: isoDate(o.observedAt),
    source: o.source,
    origin: o.origin,
  };
}

/** An unknown found by the profile, before it is merged with the verdict's. */
export interface FoundUnknown extends Omit<UnknownItem, 'tier'> {
  /** A "nothing stored" entry: dropped when a more specific one names the same signal and subject. */
  readonly generic: boolean;
}

const SHAPE_WORDS: Readonly<Record<string, string>> = {
  'climbing-floor': 'a climbing floor (each low higher than the last: a dependency)',
  'spike-and-decay': 'spike-and-decay (peaks that fall back: experimentation)',
  growing: 'growing',
  declining: 'declining',
  flat: 'flat',
  'insufficient-data': 'too short to judge',
};

/** One sentence per download series, each number also in the downloads table. */
export function downloadSentence(name: string, d: ProfileDownloads): string {
  const t = d.trend;
  const growth =
    t.growth === null
      ? 'six-month growth unknown'
      : `${formatPercent(t.growth)} over six months (last 3 months vs the 3 before)`;
  // A spike's month is the month its 30-day window mostly covers; the charts mark the window's end
  // (the 1st of the next month for top-pypi-packages): both are named, so neither reads as another date.
  const ends = t.spikes.map((s) => t.months.find((m) => m.month === s.month)?.windowEnd);
  const spikes = t.spikes.length
    ? `; ${t.spikes.length} spike${t.spikes.length > 1 ? 's' : ''} (${t.spikes.map((s) => s.month).join(', ')}${
        ends.every((e) => e !== undefined) ? `: the window${ends.length > 1 ? 's' : ''} ending ${ends.join(', ')}` : ''
      })`
    : '';
  const days = Math.round((Date.parse(d.latest.windowEnd) - Date.parse(d.latest.windowStart)) / DAY_MS);
  const span = days === 1 ? 'on the day' : `in the ${days} days`;
  return `${name}: ${d.subject} was downloaded ${formatCount(d.latest.value)} times ${span} to ${d.latest.windowEnd}, ${growth}; the curve is ${SHAPE_WORDS[t.shape] ?? t.shape}${spikes}.`;
}

function downloadsOf(
  subject: Subject,
  client: boolean,
  series: DownloadSeries | undefined,
  asOf: Date,
  basis: AsOfBasis,
  today: Date,
  found: FoundUnknown[],
): ProfileDownloads | undefined {
  const inWindow = series ? series.points.filter((p) => p.windowEnd.getTime() <= asOf.getTime()) : [];
  const latest = series && inWindow.length ? series.latest : undefined;
  const lastPoint = inWindow[inWindow.length - 1];
  if (!series || !latest || !lastPoint) {
    found.push({
      signal: 'downloads',
      subject: formatSubject(subject),
      reason: `no download data stored for ${formatSubject(subject)} on or before ${isoDate(asOf)}`,
      generic: true,
    });
    return undefined;
  }
  const latestFig =
    latest.windowEnd.getTime() <= asOf.getTime()
      ? figure(latest)
      : figure({ ...latest, ...lastPoint, observedAt: lastPoint.windowEnd });
  const staleDays = Math.floor((asOf.getTime() - Date.parse(latestFig.windowEnd)) / DAY_MS);
  if (staleDays > PROFILE_STALE_AFTER_DAYS)
    found.push({
      signal: 'current downloads',
      subject: formatSubject(subject),
      reason: `no download window after ${latestFig.windowEnd}, ${staleDays} days before ${isoDate(asOf)} (collect or import newer data)`,
      generic: false,
    });
  // The trend is judged at the profile's date, chosen the same way.
  const trend =
    basis === 'requested'
      ? computeTrendView(series, { asOf, today })
      : computeTrendView({ ...series, latestData: asOf }, { today });
  return { subject: formatSubject(subject), client, latest: latestFig, trend };
}

function modelOf(
  subject: Subject,
  fanout: StoredFanout | null,
  observations: readonly StoredObservation[],
  facts: readonly StoredFact[],
  found: FoundUnknown[],
): ProfileModel {
  const obs = [...observations].sort((a, b) => a.windowEnd.getTime() - b.windowEnd.getTime());
  const last = (metric: string): Figure | null => {
    const o = obs.filter((x) => x.metric === metric).pop();
    return o ? figure(o) : null;
  };
  const named: Record<string, string> = {};
  let recordedUnknown = false;
  for (const f of facts) {
    // Recorded failures are listed with the other unknowns, not as facts of the model.
    if (f.name.startsWith(UNKNOWN_FACT_PREFIX)) recordedUnknown = true;
    else named[f.name] = f.value;
  }
  if (obs.length === 0 && Object.keys(named).length === 0 && !recordedUnknown)
    found.push({
      signal: 'fan-out',
      subject: formatSubject(subject),
      reason: `no Hub data stored for ${formatSubject(subject)} (import a Hub dump or run kept collect)`,
      generic: true,
    });
  // A gated repository's 0 is not a measurement of use: unknown, with why (domain/hub-counts.ts).
  let downloads30d = last(METRICS.downloads);
  if (downloads30d && hubDownloadsUnknown(downloads30d.value, named.gated)) {
    downloads30d = null;
    found.push({
      signal: 'downloads',
      subject: formatSubject(subject),
      reason: gatedZeroReason(subject.id),
      generic: false,
    });
  }
  return {
    subject: formatSubject(subject),
    license: named.license ?? null,
    facts: named,
    downloads30d,
    likes: last(METRICS.likes),
    parameters: last(METRICS.parameters),
    derivatives: fanout
      ? {
          finetune: fanout.direct.finetune,
          adapter: fanout.direct.adapter,
          quantized: fanout.direct.quantized,
          merge: fanout.direct.merge,
          unclassified: fanout.direct.unclassified,
        }
      : null,
    fanout: fanout
      ? {
          direct: fanout.direct.total,
          tree: fanout.tree.total,
          depth: fanout.tree.depth,
          reuploads: fanout.reuploads.tree,
          effective: fanout.effective.tree,
          used: fanout.used.tree,
          orgs: fanout.orgs.distinct,
          derivativeDownloads30d: fanout.downloads.derivatives,
          downloadsKnownFor: fanout.downloads.known,
          derivativeShare: fanout.downloads.derivativeShare,
          spaces: fanout.spaces,
        }
      : null,
  };
}

function latestLevel(obs: readonly StoredObservation[], metric: string, dims = ''): ProfileGithub['stars'] {
  const o = obs.filter((x) => x.metric === metric && formatDims(x.dims) === dims).pop();
  return o ? { value: o.value, observedAt: isoDate(o.observedAt), source: o.source, origin: o.origin } : null;
}

/** The latest stored version of each (kind, key) record observed on or before asOf, as its data. */
function latestData<T>(
  records: readonly { key: string; kind: string; observedAt: Date; data: unknown }[],
  asOf: Date,
): T[] {
  const out = new Map<string, { at: number; d: T }>();
  for (const r of records) {
    const t = r.observedAt.getTime();
    if (t > asOf.getTime()) continue;
    const k = `${r.kind}:${r.key}`;
    const prev = out.get(k);
    if (!prev || t >= prev.at) out.set(k, { at: t, d: r.data as T });
  }
  return [...out.values()].map((v) => v.d);
}

function githubOf(
  s: Subject,
  observations: readonly StoredObservation[],
  facts: readonly StoredFact[],
  inputs: ProfileInputs,
  asOf: Date,
): ProfileGithub | undefined {
  const obs = [...observations].sort(
    (a, b) => a.windowEnd.getTime() - b.windowEnd.getTime() || a.observedAt.getTime() - b.observedAt.getTime(),
  );
  const factRows = [...facts].sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
  if (obs.length === 0 && factRows.length === 0) return undefined;
  // Recorded failures are listed with the other unknowns, not as facts of the repository.
  const stored: Record<string, string> = {};
  for (const f of factRows) if (!f.name.startsWith(UNKNOWN_FACT_PREFIX)) stored[f.name] = f.value;

  const levels = obs.filter((o) => Object.keys(o.dims).length === 0 || o.dims.kind !== undefined);
  const history = obs.filter(
    (o) => o.metric === METRICS.stars && (o.dims.series === 'history' || o.dims.series === 'sampled'),
  );
  const series = history.some((o) => o.dims.series === 'history') ? 'history' : history.length ? 'sampled' : null;
  const byMonth = new Map<string, { date: string; stars: number }>();
  // A day's count is a level at the next midnight: it belongs to the day that just ended, so the
  // level at 1 April 00:00 is the month-end value of March.
  for (const o of history.filter((x) => x.dims.series === series)) {
    const day = isoDate(new Date(o.windowEnd.getTime() - 1));
    byMonth.set(day.slice(0, 7), { date: day, stars: o.value });
  }
  const gained = obs.filter((o) => o.metric === METRICS.starsGained);
  const sumGained = (fromDays: number, toDays: number): number | null => {
    if (series !== 'history') return null;
    const lo = asOf.getTime() - fromDays * DAY_MS;
    const hi = asOf.getTime() - toDays * DAY_MS;
    return gained
      .filter((o) => o.windowEnd.getTime() > lo && o.windowEnd.getTime() <= hi)
      .reduce((n, o) => n + o.value, 0);
  };

  const records = inputs.githubRecords.filter((r) => formatSubject(r.subject) === formatSubject(s));
  const contributors = latestData<{ contributions: number; company?: string | null }>(
    records.filter((r) => r.kind === 'github-contributor' && !r.key.includes(':anon:')),
    asOf,
  );
  const companies = new Map<string, { contributors: number; contributions: number }>();
  let companyLookedUp = 0;
  let companyKnown = 0;
  for (const c of contributors) {
    if (c.company === undefined) continue;
    companyLookedUp++;
    if (!c.company) continue;
    companyKnown++;
    // "@sgl-project" and "sgl-project" are the same organisation written two ways.
    const name = c.company.replace(/^@/, '').trim();
    const e = companies.get(name) ?? { contributors: 0, contributions: 0 };
    e.contributors++;
    e.contributions += c.contributions;
    companies.set(name, e);
  }
  const topCompanies = [...companies]
    .map(([company, v]) => ({ company, ...v }))
    .sort(
      (a, b) =>
        b.contributors - a.contributors || b.contributions - a.contributions || a.company.localeCompare(b.company),
    )
    .slice(0, 10);

  const releases = latestData<{ tag: string; publishedAt: string | null; prerelease: boolean }>(
    records.filter((r) => r.kind === 'github-release'),
    asOf,
  ).sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
  const published = (r: { publishedAt: string | null }): boolean =>
    r.publishedAt !== null && Date.parse(r.publishedAt) <= asOf.getTime();
  const latest = releases.find(published);
  const day = (text: string | undefined): string | null =>
    text && /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : null;
  return {
    subject: formatSubject(s),
    stars: latestLevel(levels, METRICS.stars),
    forks: latestLevel(levels, METRICS.forks),
    watchers: latestLevel(levels, METRICS.watchers),
    openIssuesAndPrs: latestLevel(levels, METRICS.openIssuesAndPrs),
    license: stored.license ?? null,
    createdAt: day(stored.created_at),
    pushedAt: day(stored.pushed_at),
    archived: stored.archived === undefined ? null : stored.archived === 'true',
    topics: stored.topics ? stored.topics.split(/\s*,\s*/).filter(Boolean) : [],
    facts: stored,
    starHistory: {
      series,
      basis:
        series === 'history'
          ? STAR_HISTORY_BASIS
          : series === 'sampled'
            ? 'stars still held at sampled points of the stargazer list'
            : null,
      monthly: [...byMonth.values()],
      gainedLast30d: sumGained(30, 0),
      gainedPrior30d: sumGained(60, 30),
    },
    contributors: {
      total: latestLevel(levels, METRICS.contributors),
      accounts: latestLevel(levels, METRICS.contributors, 'kind=account')?.value ?? null,
      topCompanies,
      companyKnown,
      companyLookedUp,
    },
    releases: {
      count: releases.length,
      last90d: releases.filter((r) => published(r) && Date.parse(r.publishedAt!) > asOf.getTime() - 90 * DAY_MS).length,
      latest: latest
        ? { tag: latest.tag, publishedAt: day(latest.publishedAt ?? undefined), prerelease: latest.prerelease }
        : null,
    },
  };
}

/** The raw → mirror / CI / bot / remaining split of a PyPI package over the last 30 days of its daily data. */
function noiseOf(
  subject: Subject,
  observations: readonly StoredObservation[],
  days = 30,
): ProfileView['noise'][number] | undefined {
  const rows = observations.filter((o) => windowDays(o) === 1);
  if (rows.length === 0) return undefined;
  const bySource = new Map<string, StoredObservation[]>();
  for (const o of rows) bySource.set(o.source, [...(bySource.get(o.source) ?? []), o]);
  const withCategories = [...bySource.entries()].filter(([, os]) => os.some((o) => o.dims.category !== undefined));
  const pick = (
    withCategories.length
      ? withCategories
      : [...bySource.entries()].filter(([, os]) => os.some((o) => o.dims.pypistats !== undefined))
  )
    .map(([source, os]) => ({ source, os, last: Math.max(...os.map((o) => o.windowEnd.getTime())) }))
    .sort((a, b) => b.last - a.last)[0];
  if (!pick) return undefined;
  const from = pick.last - days * DAY_MS;
  const inWindow = pick.os.filter((o) => o.windowEnd.getTime() > from);
  const sum = (pred: (o: StoredObservation) => boolean) => inWindow.filter(pred).reduce((n, o) => n + o.value, 0);
  const window = {
    subject: formatSubject(subject),
    source: pick.source,
    windowStart: isoDate(new Date(Math.min(...inWindow.map((o) => o.windowStart.getTime())))),
    windowEnd: isoDate(new Date(pick.last)),
    days: new Set(inWindow.map((o) => o.windowStart.getTime())).size,
  };
  const raw = sum((o) => formatDims(o.dims) === '');
  if (withCategories.length) {
    const cat = (c: string) => sum((o) => o.dims.category === c && Object.keys(o.dims).length === 1);
    const ciReporting = sum(
      (o) => Object.keys(o.dims).length === 1 && CI_REPORTING_INSTALLERS.includes(o.dims.installer ?? ''),
    );
    const s = computeNoiseSplit({
      raw,
      mirror: cat('mirror'),
      ci: cat('ci'),
      bot: cat('bot'),
      human: cat('human'),
      ciReporting,
    });
    return {
      ...window,
      split: {
        raw: s.raw,
        mirror: s.mirror,
        ci: s.ci,
        bot: s.bot,
        human: s.human,
        ciReporting: s.ciReporting ?? null,
        shares: { ...s.shares },
        humanBand: s.humanBand ? { ...s.humanBand } : null,
      },
      pypistats: null,
      caveats: [...s.caveats],
    };
  }
  return {
    ...window,
    split: null,
    pypistats: { withMirrors: raw, withoutMirrors: sum((o) => o.dims.pypistats === 'without_mirrors') },
    caveats: [
      'pypistats removes only bandersnatch, z3c.pypimirror, Artifactory and devpi (not Nexus or pep381client) and cannot separate CI: import PyPI logs or a BigQuery export for the CI split',
    ],
  };
}

/** Weekday/weekend reading and version concentration of a package's downloads (no source flag needed). */
function noiseEstimateOf(
  subject: Subject,
  observations: readonly StoredObservation[],
): ProfileView['noiseEstimates'][number] | undefined {
  const daily = observations.filter((o) => windowDays(o) === 1 && formatDims(o.dims) === '');
  if (daily.length === 0) return undefined;
  const ww = computeWeekdayWeekend(daily.map((o) => ({ day: o.windowStart, value: o.value })));
  const perVersion = observations.filter((o) => o.dims.version !== undefined && Object.keys(o.dims).length === 1);
  const lastEnd = Math.max(0, ...perVersion.map((o) => o.windowEnd.getTime()));
  const recent: Record<string, number> = {};
  for (const o of perVersion)
    if (o.windowEnd.getTime() > lastEnd - 30 * DAY_MS)
      recent[o.dims.version!] = (recent[o.dims.version!] ?? 0) + o.value;
  return {
    subject: formatSubject(subject),
    weekdayWeekend: { ...ww },
    versions: perVersion.length ? { ...computeVersionConcentration(recent) } : null,
  };
}

function dependentsOf(
  subject: Subject,
  observations: readonly StoredObservation[],
  asOf: Date,
): ProfileView['dependents'][number] | undefined {
  const obs = observations.filter(
    (o) =>
      formatSubject(o.subject) === formatSubject(subject) &&
      o.metric === METRICS.dependents &&
      formatDims(o.dims) === '' &&
      windowDays(o) === 0 &&
      o.windowEnd.getTime() <= asOf.getTime(),
  );
  if (obs.length === 0) return undefined;
  const bySource = new Map<string, { source: string; value: number; at: Date }[]>();
  for (const o of obs)
    bySource.set(o.source, [...(bySource.get(o.source) ?? []), { source: o.source, value: o.value, at: o.windowEnd }]);
  const figures = [...bySource.entries()].sort().map(([source, snaps]) => {
    const t = computeDependentsTrend(snaps, asOf);
    return {
      source,
      value: t.latest!.value,
      observedAt: isoDate(t.latest!.at),
      growth6m: t.growth,
      trendNote: t.note,
    };
  });
  const cmp = compareDependents(figures.map((f) => ({ source: f.source, value: f.value, at: new Date(f.observedAt) })));
  return { subject: formatSubject(subject), figures, disagree: cmp.disagree, note: cmp.note };
}

function pullsOf(
  subject: Subject,
  observations: readonly StoredObservation[],
  facts: readonly StoredFact[],
  asOf: Date,
): ProfileView['pulls'][number] | undefined {
  const obs = observations
    .filter((o) => o.metric === METRICS.pullsTotal && formatDims(o.dims) === '' && windowDays(o) === 0)
    .sort((x, y) => x.windowEnd.getTime() - y.windowEnd.getTime());
  const last = obs[obs.length - 1];
  if (!last) return undefined;
  const precision =
    [...facts]
      .filter((f) => f.name === `${PRECISION_FACT_PREFIX}${METRICS.pullsTotal}`)
      .sort((x, y) => y.observedAt.getTime() - x.observedAt.getTime())[0]?.value ?? null;
  const pm = precision ? Number(/^±(\d+)/.exec(precision)?.[1] ?? 0) : 0;
  const g = computeSnapshotGrowth(
    obs.map((o) => ({ at: o.windowEnd, value: o.value, plusMinus: pm })),
    asOf,
  );
  return {
    subject: formatSubject(subject),
    latest: figure(last),
    precision,
    months: g.months.slice(-6).map((m) => ({ month: m.month, value: m.value, plusMinus: m.plusMinus })),
    monthlyGrowth: g.monthlyGrowth,
    notes: [...g.notes],
  };
}

/** The signal a recorded failure of `metric` on a subject of this kind stands for. */
function failureSignal(metric: string, s: Subject): string {
  if (metric === METRICS.pullsTotal && (s.kind === 'docker' || s.kind === 'ghcr')) return 'container-pulls';
  // Ollama's pull count is its one signal: the same name as its nothing-stored entry, so a failure
  // replaces that entry instead of standing beside it.
  if (metric === METRICS.pullsTotal && s.kind === 'ollama') return 'pulls';
  if (metric === METRICS.derivatives && s.kind === 'hf') return 'fan-out';
  return metric;
}

/** What nothing stored about an artifact of this kind leaves unknown. */
const NOTHING_STORED_SIGNAL: Readonly<Partial<Record<Subject['kind'], string>>> = {
  github: 'stars',
  docker: 'container-pulls',
  ghcr: 'container-pulls',
  ollama: 'pulls',
  'hf-org': 'usage',
};

/**
 * The one list of unknowns: the verdict's unknown signals, each replaced by the profile's more
 * specific entry for the same signal (and subject), then the rest of what the profile found
 * missing; a "nothing stored" entry is left out when a recorded failure already names the same
 * signal and subject.
 */
export function mergeUnknowns(verdict: readonly UnknownItem[], found: readonly FoundUnknown[]): UnknownItem[] {
  const merged: UnknownItem[] = verdict.map((u) => ({ ...u }));
  // Indices still holding the verdict's own (less specific) entry.
  const fromVerdict = new Set(merged.keys());
  for (const f of [...found.filter((x) => !x.generic), ...found.filter((x) => x.generic)]) {
    const listed = merged.some((m, k) => !fromVerdict.has(k) && m.signal === f.signal && m.subject === f.subject);
    if (f.generic && listed) continue;
    const item = { signal: f.signal, subject: f.subject, reason: f.reason };
    const i = merged.findIndex(
      (m, k) => fromVerdict.has(k) && m.signal === f.signal && (m.subject === null || m.subject === f.subject),
    );
    if (i >= 0) {
      merged[i] = { ...item, tier: true };
      fromVerdict.delete(i);
    } else merged.push({ ...item, tier: verdict.some((v) => v.signal === f.signal) });
  }
  return merged;
}

export function computeProfile(inputs: ProfileInputs, request: ProfileRequest): ProfileView {
  const { asOf, basis } = resolveAsOf(request.asOf, inputs.latestData, request.today);
  const project = inputs.project;
  const found: FoundUnknown[] = [];
  const factsOf = (s: Subject): StoredFact[] =>
    inputs.facts.filter(
      (f) => formatSubject(f.subject) === formatSubject(s) && f.observedAt.getTime() <= asOf.getTime(),
    );
  const observationsOf = (s: Subject): readonly StoredObservation[] =>
    inputs.artifacts.find((a) => formatSubject(a.subject) === formatSubject(s))?.observations ?? [];
  const downloadsObs = (s: Subject): readonly StoredObservation[] =>
    inputs.downloads.find((a) => formatSubject(a.subject) === formatSubject(s))?.observations ?? [];

  const downloads: ProfileDownloads[] = [];
  for (const { subject, series } of inputs.verdict.series) {
    const d = downloadsOf(subject, isClientArtifact(project, subject), series, asOf, basis, request.today, found);
    if (d) downloads.push(d);
  }
  const models = inputs.verdict.fanouts.map(({ subject, fanout }) =>
    modelOf(subject, fanout, observationsOf(subject), factsOf(subject), found),
  );
  const artifacts = projectArtifacts(project);
  const github: ProfileGithub[] = [];
  for (const g of artifacts.filter((x) => x.kind === 'github')) {
    const block = githubOf(g, observationsOf(g), factsOf(g), inputs, asOf);
    if (block) github.push(block);
  }
  for (const a of artifacts) {
    const signal = NOTHING_STORED_SIGNAL[a.kind];
    if (signal && observationsOf(a).length === 0)
      found.push({
        signal,
        subject: formatSubject(a),
        reason: `nothing collected yet for ${formatSubject(a)} (run kept collect with network access)`,
        generic: true,
      });
  }
  const packages = artifacts.filter((x) => x.kind === 'pypi' || x.kind === 'npm');
  const noise = artifacts.filter((x) => x.kind === 'pypi').flatMap((a) => noiseOf(a, downloadsObs(a)) ?? []);
  const dependents = packages.flatMap((a) => dependentsOf(a, inputs.verdict.dependents, asOf) ?? []);
  const noiseEstimates = packages.flatMap((a) => noiseEstimateOf(a, downloadsObs(a)) ?? []);
  const pulls = artifacts
    .filter((x) => x.kind === 'docker' || x.kind === 'ghcr' || x.kind === 'ollama')
    .flatMap(
      (a) =>
        pullsOf(
          a,
          observationsOf(a),
          inputs.facts.filter((f) => formatSubject(f.subject) === formatSubject(a)),
          asOf,
        ) ?? [],
    );
  for (const f of inputs.failures)
    found.push({
      signal: failureSignal(f.name.slice(UNKNOWN_FACT_PREFIX.length), f.subject),
      subject: formatSubject(f.subject),
      reason: `${f.value} (${f.source}, ${isoDate(f.observedAt)})`,
      generic: false,
    });

  const parts = computeVerdictParts(inputs.verdict, asOf, request.settings);
  const freshness = verdictFreshness(parts, asOf, basis, request.today);
  const unknowns = mergeUnknowns(parts.unknowns, found);
  const summary: string[] = [];
  for (const d of downloads) summary.push(downloadSentence(project.name, d));
  for (const m of models)
    if (m.downloads30d) {
      const direct = m.derivatives ? Object.values(m.derivatives).reduce((a, b) => a + b, 0) : 0;
      summary.push(
        `${m.subject}: ${formatCount(m.downloads30d.value)} Hub downloads in 30 days and ${formatCount(direct)} direct derivatives (as of ${m.downloads30d.observedAt}).`,
      );
    }
  summary.push(tierSentence(parts.core), ...(freshness.note ? [freshness.note] : []), checklistSentence(parts.core));
  const unknown = unknownSentence(unknowns);
  if (unknown) summary.push(unknown);
  const view: ProfileView = {
    schema: 'kept.profile/v2',
    asOf: isoDate(asOf),
    freshness,
    project: {
      id: project.id,
      name: project.name,
      category: project.category,
      description: project.description ?? null,
      artifacts: artifacts.map(formatSubject),
    },
    summary,
    verdict: parts.core,
    downloads,
    models,
    github,
    noise,
    noiseEstimates,
    dependents,
    pulls,
    unknowns,
    range: chartRangeModel(DEFAULT_CHART_RANGE),
  };
  return request.range ? profileInRange(view, request.range) : view;
}

function chartRangeModel(range: ChartRange): ProfileView['range'] {
  return {
    id: range,
    label: CHART_RANGE_LABELS[range],
    caption: {
      '6m': "The last 6 months of windows, to the end of the package's data.",
      '1y': "The last year of windows, to the end of the package's data.",
      all: 'Every stored window.',
    }[range],
  };
}

/**
 * A profile whose download charts show `range`: each package's series keeps the windows of the
 * range before its own data end (so a stale package still shows its last months).
 */
export function profileInRange(view: ProfileView, range: ChartRange): ProfileView {
  return {
    ...view,
    range: chartRangeModel(range),
    downloads: view.downloads.map((d) => ({
      ...d,
      trend: { ...d.trend, series: windowsInRange(d.trend.series, range, d.trend.dataEnds) },
    })),
  };
}
