// Assembles a project's profile from the store: downloads and their six-month trend per package,
// Hub models with their facts and fan-out, and every signal that could not be measured, with why.
import { METRICS } from '../domain/metrics.js';
import { projectArtifacts, type Project } from '../domain/project.js';
import { formatSubject, type Subject } from '../domain/subject.js';
import { isoDate } from '../domain/time.js';
import { computeTrend } from '../signals/trend.js';
import { trendJson, type TrendJson } from '../report/trend-output.js';
import type { Store } from '../store/store.js';
import { loadDownloadSeries } from '../views/shared/download-series.js';
import { buildVerdict, type VerdictLoaders, type VerdictOptions } from './verdict.js';
import type { VerdictReport } from '../report/tier-md.js';
import { tryFanout } from '../views/fanout/load.js';
import { buildGithubProfile, type ProfileGithub } from './profile-github.js';
import { loadNoiseSplit, type StoredNoiseSplit } from './noise-split.js';
import { PRECISION_FACT_PREFIX, UNKNOWN_FACT_PREFIX } from '../domain/collected.js';
import { compareDependents, computeDependentsTrend } from '../signals/dependents.js';
import { computeSnapshotGrowth } from '../signals/snapshot-growth.js';
import {
  computeVersionConcentration,
  computeWeekdayWeekend,
  type VersionConcentration,
  type WeekdayWeekend,
} from '../signals/noise-estimates.js';

export interface ProfileFigure {
  readonly value: number;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly observedAt: string;
  readonly source: string;
  readonly origin: string;
}

export interface ProfileDownloads {
  readonly subject: string;
  readonly latest: ProfileFigure;
  readonly trend: TrendJson;
}

export interface ProfileModelEntry {
  readonly subject: string;
  readonly facts: Readonly<Record<string, string>>;
  readonly downloads30d: ProfileFigure | null;
  readonly likes: ProfileFigure | null;
  readonly parameters: ProfileFigure | null;
  /** Direct derivatives by relation (finetune, adapter, quantized, merge), as first seen by asOf. */
  readonly derivatives: Readonly<Record<string, number>>;
  /** The model's fan-out (signals/fanout.ts, docs/fanout.md); null when no Hub data is stored. */
  readonly fanout: ProfileFanout | null;
}

export interface ProfileFanout {
  readonly direct: number;
  readonly tree: number;
  readonly depth: number;
  /** Same weights re-hosted (GGUF, MLX, AWQ… of the same name), counted apart. */
  readonly reuploads: number;
  /** tree - reuploads: derivatives that are new work. */
  readonly effective: number;
  readonly orgs: number;
  readonly derivativeDownloads30d: number;
  readonly downloadsKnownFor: number;
  readonly derivativeShare: number | null;
  readonly spaces: number | null;
}

export interface ProfileUnknown {
  readonly signal: string;
  readonly subject?: string;
  readonly reason: string;
}

export interface ProfileDependents {
  readonly subject: string;
  readonly figures: readonly {
    readonly source: string;
    readonly value: number;
    readonly observedAt: string;
    readonly growth6m: number | null;
    readonly trendNote: string;
  }[];
  readonly disagree: boolean;
  readonly note: string;
}

export interface ProfilePulls {
  readonly subject: string;
  readonly latest: ProfileFigure;
  readonly precision: string | null;
  readonly months: readonly { readonly month: string; readonly value: number; readonly plusMinus: number }[];
  readonly monthlyGrowth: number | null;
  readonly notes: readonly string[];
}

export interface Profile {
  readonly schema: 'kept.profile/v1';
  readonly asOf: string;
  readonly project: {
    readonly id: string;
    readonly name: string;
    readonly category: string;
    readonly description: string | null;
    readonly artifacts: readonly string[];
  };
  readonly downloads: readonly ProfileDownloads[];
  readonly models: readonly ProfileModelEntry[];
  /** What `kept collect` stored about the project's repository (issue 3). */
  readonly github: readonly ProfileGithub[];
  /** Raw → mirror / CI / bot / remaining for PyPI packages with per-download data (issue 4). */
  readonly noise: readonly ({ readonly subject: string } & StoredNoiseSplit)[];
  /** Reverse dependencies per package and source, their agreement and six-month trend (issue 4). */
  readonly dependents: readonly ProfileDependents[];
  /** Cumulative pulls (Docker Hub, GHCR, Ollama) and the monthly pulls differenced from snapshots (issue 4). */
  readonly pulls: readonly ProfilePulls[];
  /** Noise estimated where no source flags it: weekday/weekend ratio, version concentration (issue 4). */
  readonly noiseEstimates: readonly {
    readonly subject: string;
    readonly weekdayWeekend: WeekdayWeekend;
    readonly versions: VersionConcentration | null;
  }[];
  readonly unknowns: readonly ProfileUnknown[];
  /** The deployment tier with its evidence and the build-on-it checklist (pipeline/verdict.ts). */
  readonly verdict: VerdictReport;
}

function figure(o: {
  value: number;
  windowStart: Date;
  windowEnd: Date;
  observedAt: Date;
  source: string;
  origin: string;
}): ProfileFigure {
  return {
    value: o.value,
    windowStart: isoDate(o.windowStart),
    windowEnd: isoDate(o.windowEnd),
    observedAt: isoDate(o.observedAt),
    source: o.source,
    origin: o.origin,
  };
}

/** Download data older than this (days before asOf) is reported as not current. */
const STALE_AFTER_DAYS = 45;

export interface ProfileOptions {
  /** Tier thresholds, topic rules and contributor input for the verdict (kept.yaml `verdict:`). */
  readonly verdict?: Omit<VerdictOptions, 'asOf'>;
}

export async function buildProfile(
  store: Store,
  project: Project,
  asOf: Date,
  options: ProfileOptions = {},
): Promise<Profile> {
  // Download series and fan-out are read once and shared with the verdict below.
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    if (!memo.has(key)) memo.set(key, load());
    return memo.get(key) as Promise<T>;
  };
  const loaders: Pick<VerdictLoaders, 'series' | 'fanout'> = {
    series: (sub) => once(`series ${formatSubject(sub)}`, () => loadDownloadSeries(store, sub)),
    fanout: (sub) => once(`fanout ${formatSubject(sub)}`, () => tryFanout(store, sub, asOf)),
  };
  const artifacts = projectArtifacts(project);
  const downloads: ProfileDownloads[] = [];
  const unknowns: ProfileUnknown[] = [];
  for (const a of artifacts.filter((x) => x.kind === 'pypi' || x.kind === 'npm')) {
    const series = await loaders.series(a);
    const inWindow = series ? series.points.filter((p) => p.windowEnd.getTime() <= asOf.getTime()) : [];
    const latest = series && inWindow.length ? series.latest : undefined;
    if (!series || !latest) {
      unknowns.push({
        signal: 'downloads',
        subject: formatSubject(a),
        reason: `no download data stored for ${formatSubject(a)} on or before ${isoDate(asOf)}`,
      });
      continue;
    }
    const lastPoint = inWindow[inWindow.length - 1]!;
    const latestFig =
      latest.windowEnd.getTime() <= asOf.getTime()
        ? figure(latest)
        : figure({ ...latest, ...lastPoint, observedAt: lastPoint.windowEnd });
    downloads.push({
      subject: formatSubject(a),
      latest: latestFig,
      trend: trendJson(series, computeTrend(series.points, asOf)),
    });
    const staleDays = Math.floor((asOf.getTime() - Date.parse(latestFig.windowEnd)) / 86_400_000);
    if (staleDays > STALE_AFTER_DAYS) {
      unknowns.push({
        signal: 'current downloads',
        subject: formatSubject(a),
        reason: `the latest data ends ${latestFig.windowEnd}, ${staleDays} days before ${isoDate(asOf)}: the trend describes that time (collect or import newer data)`,
      });
    }
  }
  const models: ProfileModelEntry[] = [];
  for (const m of artifacts.filter((x) => x.kind === 'hf'))
    models.push(await modelEntry(store, m, asOf, unknowns, loaders));
  const github: ProfileGithub[] = [];
  for (const g of artifacts.filter((x) => x.kind === 'github')) {
    const block = await buildGithubProfile(store, g, asOf);
    if (block) github.push(block);
  }
  for (const kind of ['github', 'docker', 'ghcr', 'ollama', 'hf-org'] as const) {
    for (const a of artifacts.filter((x) => x.kind === kind)) {
      const has = (await store.observations({ subjects: [a], to: asOf })).length > 0;
      if (!has)
        unknowns.push({
          signal: kind === 'github' ? 'stars and contributors' : 'usage',
          subject: formatSubject(a),
          reason: `nothing collected yet for ${formatSubject(a)} (run kept collect with network access)`,
        });
    }
  }
  const noise: ({ subject: string } & StoredNoiseSplit)[] = [];
  for (const a of artifacts.filter((x) => x.kind === 'pypi')) {
    const n = await loadNoiseSplit(store, a, asOf);
    if (n) noise.push({ subject: formatSubject(a), ...n });
  }
  const dependents: ProfileDependents[] = [];
  for (const a of artifacts.filter((x) => x.kind === 'pypi' || x.kind === 'npm')) {
    const obs = await store.observations({
      subjects: [a],
      metrics: [METRICS.dependents],
      dims: '',
      windowDays: 0,
      to: asOf,
    });
    if (obs.length === 0) continue;
    const bySource = new Map<string, { source: string; value: number; at: Date }[]>();
    for (const o of obs)
      bySource.set(o.source, [
        ...(bySource.get(o.source) ?? []),
        { source: o.source, value: o.value, at: o.windowEnd },
      ]);
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
    const cmp = compareDependents(
      figures.map((f) => ({ source: f.source, value: f.value, at: new Date(f.observedAt) })),
    );
    dependents.push({ subject: formatSubject(a), figures, disagree: cmp.disagree, note: cmp.note });
  }
  const noiseEstimates: { subject: string; weekdayWeekend: WeekdayWeekend; versions: VersionConcentration | null }[] =
    [];
  for (const a of artifacts.filter((x) => x.kind === 'pypi' || x.kind === 'npm')) {
    const daily = await store.observations({
      subjects: [a],
      metrics: [METRICS.downloads],
      dims: '',
      windowDays: 1,
      to: asOf,
    });
    if (daily.length === 0) continue;
    const ww = computeWeekdayWeekend(daily.map((o) => ({ day: o.windowStart, value: o.value })));
    const perVersion = (await store.observations({ subjects: [a], metrics: [METRICS.downloads], to: asOf })).filter(
      (o) => o.dims.version !== undefined && Object.keys(o.dims).length === 1,
    );
    const lastEnd = Math.max(0, ...perVersion.map((o) => o.windowEnd.getTime()));
    const recent: Record<string, number> = {};
    for (const o of perVersion)
      if (o.windowEnd.getTime() > lastEnd - 30 * 86_400_000)
        recent[o.dims.version!] = (recent[o.dims.version!] ?? 0) + o.value;
    noiseEstimates.push({
      subject: formatSubject(a),
      weekdayWeekend: ww,
      versions: perVersion.length ? computeVersionConcentration(recent) : null,
    });
  }
  const pulls: ProfilePulls[] = [];
  for (const a of artifacts.filter((x) => x.kind === 'docker' || x.kind === 'ghcr' || x.kind === 'ollama')) {
    const obs = (
      await store.observations({ subjects: [a], metrics: [METRICS.pullsTotal], dims: '', windowDays: 0, to: asOf })
    ).sort((x, y) => x.windowEnd.getTime() - y.windowEnd.getTime());
    const last = obs[obs.length - 1];
    if (!last) continue;
    const precision =
      (await store.facts({ subjects: [a] }))
        .filter((f) => f.name === `${PRECISION_FACT_PREFIX}${METRICS.pullsTotal}`)
        .sort((x, y) => y.observedAt.getTime() - x.observedAt.getTime())[0]?.value ?? null;
    const pm = precision ? Number(/^±(\d+)/.exec(precision)?.[1] ?? 0) : 0;
    const g = computeSnapshotGrowth(
      obs.map((o) => ({ at: o.windowEnd, value: o.value, plusMinus: pm })),
      asOf,
    );
    pulls.push({
      subject: formatSubject(a),
      latest: figure(last),
      precision,
      months: g.months.slice(-6).map((m) => ({ month: m.month, value: m.value, plusMinus: m.plusMinus })),
      monthlyGrowth: g.monthlyGrowth,
      notes: g.notes,
    });
  }
  // Failures recorded by live collection (`unknown:<metric>` facts), newest reason per metric and
  // source, unless the same source has since stored a level of that metric (a later snapshot worked).
  const seen = new Set<string>();
  for (const f of (await store.facts({ subjects: artifacts })).sort(
    (a, b) => b.observedAt.getTime() - a.observedAt.getTime(),
  )) {
    if (!f.name.startsWith(UNKNOWN_FACT_PREFIX) || f.observedAt.getTime() > asOf.getTime()) continue;
    const key = `${formatSubject(f.subject)} ${f.name} ${f.source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const metric = f.name.slice(UNKNOWN_FACT_PREFIX.length);
    const later = await store.observations({
      subjects: [f.subject],
      metrics: [metric],
      sources: [f.source],
      windowDays: 0,
      from: f.observedAt,
      to: asOf,
    });
    if (later.length > 0) continue;
    unknowns.push({
      signal: metric,
      subject: formatSubject(f.subject),
      reason: `${f.value} (${f.source}, ${isoDate(f.observedAt)})`,
    });
  }
  return {
    schema: 'kept.profile/v1',
    asOf: isoDate(asOf),
    project: {
      id: project.id,
      name: project.name,
      category: project.category,
      description: project.description ?? null,
      artifacts: artifacts.map(formatSubject),
    },
    downloads,
    models,
    github,
    noise,
    dependents,
    pulls,
    noiseEstimates,
    unknowns,
    verdict: await buildVerdict(store, project, { ...options.verdict, asOf, loaders }),
  };
}

async function modelEntry(
  store: Store,
  m: Subject,
  asOf: Date,
  unknowns: ProfileUnknown[],
  loaders: Pick<VerdictLoaders, 'fanout'>,
): Promise<ProfileModelEntry> {
  const obs = (await store.observations({ subjects: [m], to: asOf })).sort(
    (a, b) => a.windowEnd.getTime() - b.windowEnd.getTime(),
  );
  const last = (metric: string) => {
    const o = obs.filter((x) => x.metric === metric).pop();
    return o ? figure(o) : null;
  };
  const facts: Record<string, string> = {};
  let recordedUnknown = false;
  for (const f of await store.facts({ subjects: [m] })) {
    if (f.observedAt.getTime() > asOf.getTime()) continue;
    // Recorded failures are listed with the other unknowns, not as facts of the model.
    if (f.name.startsWith(UNKNOWN_FACT_PREFIX)) recordedUnknown = true;
    else facts[f.name] = f.value;
  }
  const f = await loaders.fanout(m);
  const derivatives: Record<string, number> = {};
  if (f)
    for (const rel of ['adapter', 'finetune', 'merge', 'quantized'] as const)
      if (f.direct[rel] > 0) derivatives[rel] = f.direct[rel];
  if (f && f.direct.unclassified > 0) derivatives.base_model = f.direct.unclassified;
  const fanout: ProfileFanout | null = f
    ? {
        direct: f.direct.total,
        tree: f.tree.total,
        depth: f.tree.depth,
        reuploads: f.reuploads.tree,
        effective: f.effective.tree,
        orgs: f.orgs.distinct,
        derivativeDownloads30d: f.downloads.derivatives,
        downloadsKnownFor: f.downloads.known,
        derivativeShare: f.downloads.derivativeShare,
        spaces: f.spaces,
      }
    : null;
  const entry = {
    subject: formatSubject(m),
    facts,
    downloads30d: last(METRICS.downloads),
    likes: last(METRICS.likes),
    parameters: last(METRICS.parameters),
    derivatives,
    fanout,
  };
  if (obs.length === 0 && Object.keys(facts).length === 0 && !recordedUnknown)
    unknowns.push({
      signal: 'model downloads and fan-out',
      subject: formatSubject(m),
      reason: `no Hub data stored for ${formatSubject(m)} (import a Hub dump or run kept collect)`,
    });
  return entry;
}
