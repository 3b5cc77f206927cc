// ecosyste.ms packages (api-sources.md §6): dependent packages and repositories, Docker
// dependents and pulls, and rankings (the percent of the registry ranked above: lower is better;
// 100 or null when there is no data). Counts are across all versions, unlike deps.dev.
import { errorMessage } from '../../domain/errors.js';
import type { Collected } from '../../domain/collected.js';
import { emptyCollected } from '../../domain/collected.js';
import { METRICS } from '../../domain/metrics.js';
import { parseGithubRepo } from '../../domain/repo-url.js';
import type { Subject } from '../../domain/subject.js';
import type { HttpClient } from '../../http/http-client.js';
import { getJsonOrMissing } from '../../http/json-or-missing.js';
import { levelObservation } from '../../domain/observation.js';

export const ECOSYSTEMS_SOURCE = 'ecosyste.ms';
export const ECOSYSTEMS_BASE_URL = 'https://packages.ecosyste.ms';

export interface ApiEcosystemsPackage {
  readonly name?: string;
  readonly ecosystem?: string;
  readonly repository_url?: string | null;
  readonly versions_count?: number;
  readonly latest_release_published_at?: string | null;
  readonly dependent_packages_count?: number | null;
  readonly dependent_repos_count?: number | null;
  readonly downloads?: number | null;
  readonly downloads_period?: string | null;
  readonly docker_dependents_count?: number | null;
  readonly docker_downloads_count?: number | null;
  readonly rankings?: Readonly<Record<string, number | null>> | null;
  readonly status?: string | null;
}

const REGISTRY: Partial<Record<Subject['kind'], string>> = {
  pypi: 'pypi.org',
  npm: 'npmjs.org',
  docker: 'hub.docker.com',
};

export function ecosystemsUrl(base: string, subject: Subject): string | undefined {
  const reg = REGISTRY[subject.kind];
  return reg
    ? `${base.replace(/\/+$/, '')}/api/v1/registries/${reg}/packages/${encodeURIComponent(subject.id)}`
    : undefined;
}

export function normalizeEcosystems(subject: Subject, body: unknown, observedAt: Date, origin: string): Collected {
  const c = emptyCollected();
  const p = body as ApiEcosystemsPackage | null;
  if (p === null || typeof p !== 'object') {
    c.unknowns.push({ subject, metric: METRICS.dependents, reason: 'ecosyste.ms returned no package object' });
    return c;
  }
  const level = (metric: string, v: unknown, dims?: Record<string, string>): boolean => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return false;
    c.observations.push(levelObservation({ subject, metric, value: v, observedAt, origin, dims }));
    return true;
  };
  if (!level(METRICS.dependents, p.dependent_packages_count))
    c.unknowns.push({
      subject,
      metric: METRICS.dependents,
      reason: 'ecosyste.ms has no dependent_packages_count for this package',
    });
  if (!level(METRICS.dependentRepos, p.dependent_repos_count))
    c.unknowns.push({
      subject,
      metric: METRICS.dependentRepos,
      reason: 'ecosyste.ms has no dependent_repos_count for this package',
    });
  level(METRICS.dependents, p.docker_dependents_count, { kind: 'docker' });
  level(METRICS.pullsTotal, p.docker_downloads_count, { kind: 'docker-dependents' });
  for (const [k, v] of Object.entries(p.rankings ?? {})) {
    if (typeof v === 'number' && v < 100) level(METRICS.rankingPercentile, v, { by: k });
  }
  const gh = parseGithubRepo(p.repository_url);
  if (gh)
    c.relations.push({ from: subject, relation: 'source-repo', to: { kind: 'github', id: gh }, observedAt, origin });
  if (p.status) c.facts.push({ subject, name: 'ecosyste.ms.status', value: p.status, observedAt, origin });
  return c;
}

export async function fetchEcosystems(
  client: HttpClient,
  subject: Subject,
  observedAt: Date,
  options: { baseUrl?: string } = {},
): Promise<Collected> {
  const url = ecosystemsUrl(options.baseUrl ?? ECOSYSTEMS_BASE_URL, subject);
  const c = emptyCollected();
  if (!url) {
    c.unknowns.push({
      subject,
      metric: METRICS.dependents,
      reason: `ecosyste.ms has no registry for ${subject.kind} in kept`,
    });
    return c;
  }
  try {
    const res = await getJsonOrMissing(client, url);
    if (res.missing) {
      c.unknowns.push({
        subject,
        metric: METRICS.dependents,
        reason: `ecosyste.ms has no package ${subject.id} (${res.status})`,
      });
      return c;
    }
    return normalizeEcosystems(subject, res.body, observedAt, url);
  } catch (err) {
    c.unknowns.push({ subject, metric: METRICS.dependents, reason: `ecosyste.ms failed: ${errorMessage(err)}` });
    return c;
  }
}
