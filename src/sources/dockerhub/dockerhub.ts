// Docker Hub repository (api-sources.md §5): the current GetRepository endpoint
// `/v2/namespaces/{ns}/repositories/{repo}`, falling back to the deprecated but still served
// `/v2/repositories/{ns}/{repo}/`. `pull_count` is cumulative only: pulls per period come from
// kept's own snapshots, differenced by the snapshot-growth signal.
import { errorMessage } from '../../domain/errors.js';
import type { Collected } from '../../domain/collected.js';
import { emptyCollected } from '../../domain/collected.js';
import { METRICS } from '../../domain/metrics.js';
import type { Subject } from '../../domain/subject.js';
import type { HttpClient } from '../../http/http-client.js';
import { getJsonOrMissing } from '../../http/json-or-missing.js';
import { levelObservation } from '../../domain/observation.js';

export const DOCKERHUB_SOURCE = 'dockerhub';
export const DOCKERHUB_BASE_URL = 'https://hub.docker.com';

export interface ApiDockerRepository {
  readonly name?: string;
  readonly namespace?: string;
  readonly is_private?: boolean;
  readonly pull_count?: number;
  readonly star_count?: number;
  readonly last_updated?: string | null;
  readonly last_modified?: string | null;
  readonly status?: number;
  readonly status_description?: string;
  readonly description?: string | null;
  readonly storage_size?: number;
}

export function dockerhubUrls(base: string, id: string): { current: string; legacy: string } {
  const [ns, repo] = id.split('/') as [string, string];
  const b = base.replace(/\/+$/, '');
  return {
    current: `${b}/v2/namespaces/${encodeURIComponent(ns)}/repositories/${encodeURIComponent(repo)}`,
    legacy: `${b}/v2/repositories/${encodeURIComponent(ns)}/${encodeURIComponent(repo)}/`,
  };
}

export function normalizeDockerRepository(
  subject: Subject,
  body: unknown,
  observedAt: Date,
  origin: string,
): Collected {
  const c = emptyCollected();
  const r = body as ApiDockerRepository | null;
  if (r === null || typeof r !== 'object') {
    c.unknowns.push({ subject, metric: METRICS.pullsTotal, reason: 'Docker Hub returned no repository object' });
    return c;
  }
  const level = (metric: string, v: unknown): boolean => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return false;
    c.observations.push(levelObservation({ subject, metric, value: v, observedAt, origin }));
    return true;
  };
  if (!level(METRICS.pullsTotal, r.pull_count))
    c.unknowns.push({
      subject,
      metric: METRICS.pullsTotal,
      reason: 'Docker Hub answered without a numeric pull_count',
    });
  if (!level(METRICS.containerStars, r.star_count))
    c.unknowns.push({
      subject,
      metric: METRICS.containerStars,
      reason: 'Docker Hub answered without a numeric star_count',
    });
  if (r.last_updated) c.facts.push({ subject, name: 'docker.last_updated', value: r.last_updated, observedAt, origin });
  return c;
}

export async function fetchDockerRepository(
  client: HttpClient,
  subject: Subject,
  observedAt: Date,
  options: { baseUrl?: string } = {},
): Promise<Collected> {
  const { current, legacy } = dockerhubUrls(options.baseUrl ?? DOCKERHUB_BASE_URL, subject.id);
  const problems: string[] = [];
  for (const url of [current, legacy]) {
    try {
      const res = await getJsonOrMissing(client, url);
      if (res.missing) {
        problems.push(`${url}: ${res.status}`);
        continue;
      }
      const c = normalizeDockerRepository(subject, res.body, observedAt, url);
      if (url === legacy)
        c.facts.push({
          subject,
          name: 'docker.endpoint',
          value: 'legacy /v2/repositories (the current endpoint failed)',
          observedAt,
          origin: url,
        });
      return c;
    } catch (err) {
      problems.push(errorMessage(err));
    }
  }
  const c = emptyCollected();
  const missing = problems.every((p) => /: 404$/.test(p));
  const reason = missing
    ? `Docker Hub has no public repository ${subject.id} (404 on both endpoints)`
    : `Docker Hub failed: ${problems.join('; ')}`;
  c.unknowns.push({ subject, metric: METRICS.pullsTotal, reason }, { subject, metric: METRICS.containerStars, reason });
  return c;
}
