// Assembles a project's profile from the store: downloads and their six-month trend per package,
// Hub models with their facts and fan-out, and every signal that could not be measured, with why.
import { METRICS } from '../domain/metrics.js';
import { projectArtifacts, type Project } from '../domain/project.js';
import { formatSubject, type Subject } from '../domain/subject.js';
import { isoDate } from '../domain/time.js';
import { computeTrend } from '../signals/trend.js';
import { trendJson, type TrendJson } from '../report/trend-output.js';
import type { Store } from '../store/store.js';
import { loadDownloadSeries } from './downloads.js';
import { tryFanout } from './fanout.js';
import { buildGithubProfile, type ProfileGithub } from './profile-github.js';

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
  readonly unknowns: readonly ProfileUnknown[];
}

function figure(o: { value: number; windowStart: Date; windowEnd: Date; observedAt: Date; source: string; origin: string }): ProfileFigure {
  return { value: o.value, windowStart: isoDate(o.windowStart), windowEnd: isoDate(o.windowEnd), observedAt: isoDate(o.observedAt), source: o.source, origin: o.origin };
}

export async function buildProfile(store: Store, project: Project, asOf: Date): Promise<Profile> {
  const artifacts = projectArtifacts(project);
  const downloads: ProfileDownloads[] = [];
  const unknowns: ProfileUnknown[] = [];
  for (const a of artifacts.filter((x) => x.kind === 'pypi' || x.kind === 'npm')) {
    const series = await loadDownloadSeries(store, a);
    const inWindow = series ? series.points.filter((p) => p.windowEnd.getTime() <= asOf.getTime()) : [];
    const latest = series && inWindow.length ? series.latest : undefined;
    if (!series || !latest) {
      unknowns.push({ signal: 'downloads', subject: formatSubject(a), reason: `no download data stored for ${formatSubject(a)} on or before ${isoDate(asOf)}` });
      continue;
    }
    const lastPoint = inWindow[inWindow.length - 1]!;
    const latestFig = latest.windowEnd.getTime() <= asOf.getTime() ? figure(latest) : figure({ ...latest, ...lastPoint, observedAt: lastPoint.windowEnd });
    downloads.push({ subject: formatSubject(a), latest: latestFig, trend: trendJson(series, computeTrend(series.points, asOf)) });
  }
  const models: ProfileModelEntry[] = [];
  for (const m of artifacts.filter((x) => x.kind === 'hf')) models.push(await modelEntry(store, m, asOf, unknowns));
  const github: ProfileGithub[] = [];
  for (const g of artifacts.filter((x) => x.kind === 'github')) {
    const block = await buildGithubProfile(store, g, asOf);
    if (block) github.push(block);
  }
  for (const kind of ['github', 'docker', 'ghcr', 'ollama', 'hf-org'] as const) {
    for (const a of artifacts.filter((x) => x.kind === kind)) {
      const has = (await store.observations({ subjects: [a], to: asOf })).length > 0;
      if (!has) unknowns.push({ signal: kind === 'github' ? 'stars and contributors' : 'usage', subject: formatSubject(a), reason: `nothing collected yet for ${formatSubject(a)} (run kept collect with network access)` });
    }
  }
  return {
    schema: 'kept.profile/v1',
    asOf: isoDate(asOf),
    project: { id: project.id, name: project.name, category: project.category, description: project.description ?? null, artifacts: artifacts.map(formatSubject) },
    downloads,
    models,
    github,
    unknowns,
  };
}

async function modelEntry(store: Store, m: Subject, asOf: Date, unknowns: ProfileUnknown[]): Promise<ProfileModelEntry> {
  const obs = (await store.observations({ subjects: [m], to: asOf })).sort((a, b) => a.windowEnd.getTime() - b.windowEnd.getTime());
  const last = (metric: string) => {
    const o = obs.filter((x) => x.metric === metric).pop();
    return o ? figure(o) : null;
  };
  const facts: Record<string, string> = {};
  for (const f of await store.facts({ subjects: [m] })) if (f.observedAt.getTime() <= asOf.getTime()) facts[f.name] = f.value;
  const f = await tryFanout(store, m, asOf);
  const derivatives: Record<string, number> = {};
  if (f) for (const rel of ['adapter', 'finetune', 'merge', 'quantized'] as const) if (f.direct[rel] > 0) derivatives[rel] = f.direct[rel];
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
  const entry = { subject: formatSubject(m), facts, downloads30d: last(METRICS.downloads), likes: last(METRICS.likes), parameters: last(METRICS.parameters), derivatives, fanout };
  if (obs.length === 0 && Object.keys(facts).length === 0) unknowns.push({ signal: 'model downloads and fan-out', subject: formatSubject(m), reason: `no Hub data stored for ${formatSubject(m)} (import a Hub dump or run kept collect)` });
  return entry;
}
