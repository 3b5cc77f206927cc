// The Hugging Face Hub and package-registry collectors, adapted to the Collector registry so
// `kept collect` runs them beside GitHub. Each artifact is its own part: a failing registry is a
// recorded failure with its reason, and the other artifacts are still collected.
import { errorMessage, KeptError } from '../../domain/errors.js';
import { formatSubject, type Subject } from '../../domain/subject.js';
import { projectArtifacts } from '../../domain/project.js';
import { collectHub } from './hub.js';
import {
  collectDocker,
  collectGhcr,
  collectNpm,
  collectOllama,
  collectPypi,
  type CollectStep,
  type RegistryBaseUrls,
} from './registries.js';
import type { CollectContext, CollectFailure, CollectOutcome, Collector } from './collectors.js';

function failure(collector: string, ctx: CollectContext, part: string, subject: string, err: unknown): CollectFailure {
  return {
    collector,
    project: ctx.project.id,
    part,
    subject,
    error: errorMessage(err),
    ...(err instanceof KeptError && err.hint ? { hint: err.hint } : {}),
  };
}

export const hubCollector: Collector = {
  name: 'hf-api',
  appliesTo: (p) => (p.hfModels?.length ?? 0) > 0 || (p.hfOrgs?.length ?? 0) > 0,
  async collect(ctx): Promise<CollectOutcome> {
    ctx.progress('hub', 0);
    try {
      const r = await collectHub(ctx.http, ctx.store, ctx.project, {
        endpoint: ctx.upstreams.hf.endpoint,
        now: ctx.options.asOf,
        onProgress: (m) => ctx.notice(m),
      });
      ctx.progress('hub', r.models + r.orgs, r.models + r.orgs);
      return {
        added: r.added,
        failures: r.failures.map((f) => ({
          collector: 'hf-api',
          project: ctx.project.id,
          part: 'hub',
          subject: f.subject,
          error: f.error,
          ...(f.hint ? { hint: f.hint } : {}),
        })),
      };
    } catch (err) {
      return { added: 0, failures: [failure('hf-api', ctx, 'hub', ctx.project.id, err)] };
    }
  },
};

/** Registry base URLs from the environment, for mirrors and tests (unset = the public services). */
export function registryBaseUrls(env: NodeJS.ProcessEnv): RegistryBaseUrls {
  const pick = (name: string): string | undefined => env[name]?.trim() || undefined;
  const urls: Record<string, string | undefined> = {
    pypi: pick('KEPT_PYPI_URL'),
    pypistats: pick('KEPT_PYPISTATS_URL'),
    npmDownloads: pick('KEPT_NPM_DOWNLOADS_URL'),
    npmRegistry: pick('npm_config_registry'),
    dockerhub: pick('KEPT_DOCKERHUB_URL'),
    ollama: pick('KEPT_OLLAMA_URL'),
    depsdev: pick('KEPT_DEPSDEV_URL'),
    ecosystems: pick('KEPT_ECOSYSTEMS_URL'),
  };
  return Object.fromEntries(Object.entries(urls).filter(([, v]) => v !== undefined)) as RegistryBaseUrls;
}

type RegistryFn = (
  client: CollectContext['http'],
  store: CollectContext['store'],
  name: string,
  opts: { now: Date; baseUrls?: RegistryBaseUrls },
) => Promise<CollectStep[]>;
const BY_KIND: Partial<Record<Subject['kind'], RegistryFn>> = {
  pypi: collectPypi,
  npm: collectNpm,
  docker: collectDocker,
  ghcr: collectGhcr,
  ollama: collectOllama,
};

export function registriesCollector(baseUrls: RegistryBaseUrls = {}): Collector {
  return {
    name: 'registries',
    appliesTo: (p) => projectArtifacts(p).some((a) => a.kind in BY_KIND),
    async collect(ctx): Promise<CollectOutcome> {
      const artifacts = projectArtifacts(ctx.project).filter((a) => a.kind in BY_KIND);
      const failures: CollectFailure[] = [];
      let added = 0;
      for (const [i, a] of artifacts.entries()) {
        ctx.progress('registries', i, artifacts.length);
        try {
          const steps = await BY_KIND[a.kind]!(ctx.http, ctx.store, a.id, { now: ctx.options.asOf, baseUrls });
          added += steps.reduce((n, s) => n + s.added, 0);
          for (const s of steps) for (const u of s.unknowns) ctx.notice(`${s.subject} (${s.source}): unknown ${u}`);
        } catch (err) {
          failures.push(failure('registries', ctx, a.kind, formatSubject(a), err));
        }
      }
      ctx.progress('registries', artifacts.length, artifacts.length);
      return { added, failures };
    },
  };
}
