// Live collection from the package and container registries: each function runs one upstream's
// sources for one artifact and writes what they return (values, and every failure as an
// `unknown:<metric>` fact with its reason) in one batch per source. `registriesCollector` runs them
// for `kept collect`, each artifact its own part: a failing registry is a recorded failure with its
// reason, and the other artifacts are still collected.
import type { Collected } from '../../domain/collected.js';
import { collectedFacts } from '../../domain/collected.js';
import { METRICS } from '../../domain/metrics.js';
import { projectArtifacts, type Project } from '../../domain/project.js';
import { formatSubject, subject, type Subject } from '../../domain/subject.js';
import { addDays, isoDate, parseIsoDate, utcDay } from '../../domain/time.js';
import type { HttpClient } from '../../http/http-client.js';
import {
  CLICKPY_SOURCE,
  fetchClickpy,
  type ClickHouseQuerier,
  type ClickpyOptions,
} from '../../sources/clickpy/clickpy.js';
import { DEPSDEV_BASE_URL, DEPSDEV_SOURCE, fetchDepsDev } from '../../sources/depsdev/depsdev.js';
import { DOCKERHUB_BASE_URL, DOCKERHUB_SOURCE, fetchDockerRepository } from '../../sources/dockerhub/dockerhub.js';
import { ECOSYSTEMS_BASE_URL, ECOSYSTEMS_SOURCE, fetchEcosystems } from '../../sources/ecosystems/ecosystems.js';
import { GHCR_SOURCE, GITHUB_WEB_URL, fetchGhcrPackage } from '../../sources/ghcr/ghcr.js';
import {
  NPM_DOWNLOADS_BASE_URL,
  NPM_DOWNLOADS_SOURCE,
  NPM_RANGE_MAX_DAYS,
  fetchNpmDownloadRange,
  fetchNpmVersionDownloads,
} from '../../sources/npm/downloads.js';
import { NPM_REGISTRY_SOURCE, NPM_REGISTRY_URL, fetchNpmPackument } from '../../sources/npm/packument.js';
import { OLLAMA_BASE_URL, OLLAMA_SOURCE, fetchOllamaModel } from '../../sources/ollama/ollama.js';
import { PYPI_BASE_URL, PYPI_JSON_SOURCE, fetchPypiProject } from '../../sources/pypi-json/pypi-json.js';
import { PYPISTATS_BASE_URL, PYPISTATS_SOURCE, fetchPypistats } from '../../sources/pypistats/pypistats.js';
import type { Store } from '../../store/store.js';
import {
  collectFailure,
  recordingFailures,
  type CollectFailure,
  type CollectOutcome,
  type Collector,
} from './contract.js';

export interface RegistryBaseUrls {
  /** PyPI itself (the JSON API), e.g. a devpi or Artifactory mirror. */
  readonly pypi?: string;
  readonly pypistats?: string;
  readonly npmDownloads?: string;
  /** The npm registry (`npm_config_registry` / `.npmrc registry=` in npm's own terms). */
  readonly npmRegistry?: string;
  readonly dockerhub?: string;
  readonly githubWeb?: string;
  readonly ollama?: string;
  readonly depsdev?: string;
  readonly ecosystems?: string;
}

export interface RegistryCollectOptions {
  /** When this run happens (the caller reads the clock). */
  readonly now: Date;
  readonly baseUrls?: RegistryBaseUrls;
  /** Skip the reverse-dependency sources (deps.dev, ecosyste.ms). */
  readonly skipDependents?: boolean;
}

export interface CollectStep {
  readonly subject: string;
  readonly source: string;
  /** Data rows newly stored. */
  readonly added: number;
  /** Rows newly stored that only say why a figure is unknown (`unknown:<metric>` facts). */
  readonly explained: number;
  readonly values: number;
  readonly unknowns: readonly string[];
}

/** What one source found, in one batch; a batch of nothing but unknowns counts as explanations, not data. */
async function writeCollected(
  store: Store,
  source: string,
  origin: string,
  c: Collected,
  now: Date,
  sub: Subject,
): Promise<CollectStep> {
  const r = await store.write({
    provenance: { source, origin, fetchedAt: now },
    observations: c.observations,
    facts: collectedFacts(c, now),
    relations: c.relations,
    records: c.records,
  });
  const onlyUnknowns = c.observations.length + c.facts.length + c.relations.length + c.records.length === 0;
  return {
    subject: formatSubject(sub),
    source,
    added: onlyUnknowns ? 0 : r.added,
    explained: onlyUnknowns ? r.added : 0,
    values: c.observations.length,
    unknowns: c.unknowns.map((u) => `${u.metric}: ${u.reason}`),
  };
}

async function dependentsSteps(
  client: HttpClient,
  store: Store,
  sub: Subject,
  opts: RegistryCollectOptions,
): Promise<CollectStep[]> {
  if (opts.skipDependents) return [];
  const u = opts.baseUrls ?? {};
  const d = await fetchDepsDev(client, sub, opts.now, { baseUrl: u.depsdev ?? DEPSDEV_BASE_URL });
  const e = await fetchEcosystems(client, sub, opts.now, { baseUrl: u.ecosystems ?? ECOSYSTEMS_BASE_URL });
  return [
    await writeCollected(store, DEPSDEV_SOURCE, u.depsdev ?? DEPSDEV_BASE_URL, d, opts.now, sub),
    await writeCollected(store, ECOSYSTEMS_SOURCE, u.ecosystems ?? ECOSYSTEMS_BASE_URL, e, opts.now, sub),
  ];
}

/** PyPI's JSON API (links, releases, yanks), pypistats.org (180 days, with/without mirrors, python_major, system) and the dependents sources. */
export async function collectPypi(
  client: HttpClient,
  store: Store,
  name: string,
  opts: RegistryCollectOptions,
): Promise<CollectStep[]> {
  const sub = subject('pypi', name);
  const pypi = opts.baseUrls?.pypi ?? PYPI_BASE_URL;
  const base = opts.baseUrls?.pypistats ?? PYPISTATS_BASE_URL;
  const project = await fetchPypiProject(client, sub, opts.now, { baseUrl: pypi });
  const c = await fetchPypistats(client, sub, opts.now, { baseUrl: base });
  return [
    await writeCollected(store, PYPI_JSON_SOURCE, pypi, project, opts.now, sub),
    await writeCollected(store, PYPISTATS_SOURCE, base, c, opts.now, sub),
    ...(await dependentsSteps(client, store, sub, opts)),
  ];
}

/**
 * ClickPy (public ClickHouse, or a self-hosted copy): daily downloads as far back as it goes, by
 * version, country, installer, system and Python version. Pass `from` for an incremental run.
 */
export async function collectPypiClickpy(
  q: ClickHouseQuerier,
  store: Store,
  name: string,
  opts: RegistryCollectOptions & ClickpyOptions,
): Promise<CollectStep[]> {
  const sub = subject('pypi', name);
  const c = await fetchClickpy(q, sub, opts.now, opts);
  return [await writeCollected(store, CLICKPY_SOURCE, q.origin, c, opts.now, sub)];
}

/**
 * npm daily downloads (the last 18 months on the first run, then from the last stored day, kept in a
 * checkpoint), per-version downloads of the last week, the registry document and dependents.
 */
export async function collectNpm(
  client: HttpClient,
  store: Store,
  name: string,
  opts: RegistryCollectOptions,
): Promise<CollectStep[]> {
  const sub = subject('npm', name);
  const u = opts.baseUrls ?? {};
  const dl = u.npmDownloads ?? NPM_DOWNLOADS_BASE_URL;
  const reg = u.npmRegistry ?? NPM_REGISTRY_URL;
  const to = addDays(utcDay(opts.now), -1); // npm processes a day after UTC midnight
  const scope = `npm-range:${sub.id}`;
  const last = await store.checkpointGet(scope);
  const lastDay = last ? parseIsoDate(last) : undefined;
  // Re-read the last two stored days: npm can still revise the most recent one.
  const from = lastDay ? addDays(lastDay, -2) : addDays(to, -(NPM_RANGE_MAX_DAYS - 1));
  const range = await fetchNpmDownloadRange(client, sub, opts.now, { from, to, baseUrl: dl });
  const versions = await fetchNpmVersionDownloads(client, sub, opts.now, { baseUrl: dl });
  const steps = [
    await writeCollected(
      store,
      NPM_DOWNLOADS_SOURCE,
      dl,
      {
        ...range,
        observations: [...range.observations, ...versions.observations],
        facts: [...range.facts, ...versions.facts],
        unknowns: [...range.unknowns, ...versions.unknowns],
      },
      opts.now,
      sub,
    ),
  ];
  const lastFetched = range.observations.reduce((m, o) => Math.max(m, o.windowStart.getTime()), 0);
  if (lastFetched > 0) await store.checkpointPut(scope, isoDate(new Date(lastFetched)));
  steps.push(
    await writeCollected(
      store,
      NPM_REGISTRY_SOURCE,
      reg,
      await fetchNpmPackument(client, sub, opts.now, { registry: reg }),
      opts.now,
      sub,
    ),
  );
  return [...steps, ...(await dependentsSteps(client, store, sub, opts))];
}

export async function collectDocker(
  client: HttpClient,
  store: Store,
  name: string,
  opts: RegistryCollectOptions,
): Promise<CollectStep[]> {
  const sub = subject('docker', name);
  const base = opts.baseUrls?.dockerhub ?? DOCKERHUB_BASE_URL;
  return [
    await writeCollected(
      store,
      DOCKERHUB_SOURCE,
      base,
      await fetchDockerRepository(client, sub, opts.now, { baseUrl: base }),
      opts.now,
      sub,
    ),
  ];
}

export async function collectGhcr(
  client: HttpClient,
  store: Store,
  name: string,
  opts: RegistryCollectOptions,
): Promise<CollectStep[]> {
  const sub = subject('ghcr', name);
  const base = opts.baseUrls?.githubWeb ?? GITHUB_WEB_URL;
  return [
    await writeCollected(
      store,
      GHCR_SOURCE,
      base,
      await fetchGhcrPackage(client, sub, opts.now, { baseUrl: base }),
      opts.now,
      sub,
    ),
  ];
}

export async function collectOllama(
  client: HttpClient,
  store: Store,
  name: string,
  opts: RegistryCollectOptions,
): Promise<CollectStep[]> {
  const sub = subject('ollama', name);
  const base = opts.baseUrls?.ollama ?? OLLAMA_BASE_URL;
  return [
    await writeCollected(
      store,
      OLLAMA_SOURCE,
      base,
      await fetchOllamaModel(client, sub, opts.now, { baseUrl: base }),
      opts.now,
      sub,
    ),
  ];
}

/** Every registry artifact of a project (PyPI, npm, Docker Hub, GHCR, Ollama), one after another. */
export async function collectRegistries(
  client: HttpClient,
  store: Store,
  project: Project,
  opts: RegistryCollectOptions,
): Promise<CollectStep[]> {
  const steps: CollectStep[] = [];
  for (const a of projectArtifacts(project)) {
    if (a.kind === 'pypi') steps.push(...(await collectPypi(client, store, a.id, opts)));
    else if (a.kind === 'npm') steps.push(...(await collectNpm(client, store, a.id, opts)));
    else if (a.kind === 'docker') steps.push(...(await collectDocker(client, store, a.id, opts)));
    else if (a.kind === 'ghcr') steps.push(...(await collectGhcr(client, store, a.id, opts)));
    else if (a.kind === 'ollama') steps.push(...(await collectOllama(client, store, a.id, opts)));
  }
  return steps;
}

/** Stored level snapshots of a metric for one subject and source, oldest first (for differencing). */
export async function loadLevelSnapshots(
  store: Store,
  sub: Subject,
  metric: string = METRICS.pullsTotal,
  source?: string,
): Promise<{ at: Date; value: number }[]> {
  const rows = await store.observations({
    subjects: [sub],
    metrics: [metric],
    dims: '',
    windowDays: 0,
    ...(source ? { sources: [source] } : {}),
  });
  return rows.map((o) => ({ at: o.windowEnd, value: o.value })).sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The environment variable that sets each registry's base URL. */
export const REGISTRY_VARIABLES: Readonly<Record<keyof RegistryBaseUrls, string>> = {
  pypi: 'KEPT_PYPI_URL',
  pypistats: 'KEPT_PYPISTATS_URL',
  npmDownloads: 'KEPT_NPM_DOWNLOADS_URL',
  npmRegistry: 'npm_config_registry',
  dockerhub: 'KEPT_DOCKERHUB_URL',
  githubWeb: 'KEPT_GITHUB_WEB_URL',
  ollama: 'KEPT_OLLAMA_URL',
  depsdev: 'KEPT_DEPSDEV_URL',
  ecosystems: 'KEPT_ECOSYSTEMS_URL',
};

/** Each registry's public base URL, used when its variable is unset. */
export const REGISTRY_DEFAULTS: Readonly<Record<keyof RegistryBaseUrls, string>> = {
  pypi: PYPI_BASE_URL,
  pypistats: PYPISTATS_BASE_URL,
  npmDownloads: NPM_DOWNLOADS_BASE_URL,
  npmRegistry: NPM_REGISTRY_URL,
  dockerhub: DOCKERHUB_BASE_URL,
  githubWeb: GITHUB_WEB_URL,
  ollama: OLLAMA_BASE_URL,
  depsdev: DEPSDEV_BASE_URL,
  ecosystems: ECOSYSTEMS_BASE_URL,
};

/** Registry base URLs from the environment, for mirrors and tests (unset = the public services). */
export function registryBaseUrls(env: NodeJS.ProcessEnv): RegistryBaseUrls {
  const urls: Record<string, string | undefined> = {};
  for (const [key, name] of Object.entries(REGISTRY_VARIABLES)) urls[key] = env[name]?.trim() || undefined;
  return Object.fromEntries(Object.entries(urls).filter(([, v]) => v !== undefined)) as RegistryBaseUrls;
}

/** The registries an artifact of this kind is read from (the dependents sources for packages). */
const SOURCES_OF: Partial<Record<Subject['kind'], readonly (keyof RegistryBaseUrls)[]>> = {
  pypi: ['pypi', 'pypistats', 'depsdev', 'ecosystems'],
  npm: ['npmDownloads', 'npmRegistry', 'depsdev', 'ecosystems'],
  docker: ['dockerhub'],
  ghcr: ['githubWeb'],
  ollama: ['ollama'],
};

type RegistryFn = (
  client: HttpClient,
  store: Store,
  name: string,
  opts: RegistryCollectOptions,
) => Promise<CollectStep[]>;
const BY_KIND: Partial<Record<Subject['kind'], RegistryFn>> = {
  pypi: collectPypi,
  npm: collectNpm,
  docker: collectDocker,
  ghcr: collectGhcr,
  ollama: collectOllama,
};

/**
 * The registries as a collector: every registry artifact of a project, one part per artifact. The
 * sources turn a failed request into an explained unknown (stored, so a profile says why); the part
 * still counts as failed, once per upstream host whose requests failed, with the first reason, unless
 * nothing stayed unknown (a fallback answered).
 */
export function registriesCollector(baseUrls: RegistryBaseUrls = {}): Collector {
  return {
    name: 'registries',
    appliesTo: (p) => projectArtifacts(p).some((a) => a.kind in BY_KIND),
    baseUrls: (p) => {
      const keys = new Set(projectArtifacts(p).flatMap((a) => SOURCES_OF[a.kind] ?? []));
      return [...keys].map((k) => ({ url: baseUrls[k] ?? REGISTRY_DEFAULTS[k], variable: REGISTRY_VARIABLES[k] }));
    },
    async collect(ctx): Promise<CollectOutcome> {
      const artifacts = projectArtifacts(ctx.project).filter((a) => a.kind in BY_KIND);
      const failures: CollectFailure[] = [];
      let added = 0;
      let explained = 0;
      for (const [i, a] of artifacts.entries()) {
        ctx.progress(`registries ${formatSubject(a)}`, i, artifacts.length);
        const watched = recordingFailures(ctx.http);
        try {
          const steps = await BY_KIND[a.kind]!(watched.http, ctx.store, a.id, { now: ctx.options.asOf, baseUrls });
          added += steps.reduce((n, s) => n + s.added, 0);
          explained += steps.reduce((n, s) => n + s.explained, 0);
          // A request that failed fails the part when something stayed unknown; a source that got
          // its answer another way (Docker Hub's legacy endpoint after the current one) did not fail.
          const unknowns = steps.some((s) => s.unknowns.length > 0);
          const failedHosts = new Set<string>();
          for (const err of unknowns ? watched.errors : []) {
            const f = collectFailure('registries', ctx.project.id, a.kind, formatSubject(a), err);
            if (failedHosts.has(f.host ?? '')) continue;
            failedHosts.add(f.host ?? '');
            failures.push(f);
          }
          // What failed is in the failures; the other unknowns (nothing published, no such package) are notices.
          if (failedHosts.size === 0)
            for (const s of steps) for (const u of s.unknowns) ctx.notice(`${s.subject} (${s.source}): unknown ${u}`);
        } catch (err) {
          failures.push(collectFailure('registries', ctx.project.id, a.kind, formatSubject(a), err));
        }
      }
      ctx.progress('registries', artifacts.length, artifacts.length);
      return { added, explained, failures };
    },
  };
}
