// The npm registry package document (api-sources.md §4, npm/registry docs/responses/package-metadata.md):
// versions with publish times, `deprecated` messages (absent = not deprecated), maintainers,
// dependencies and the repository. Full document only: the abbreviated form has no `time`.
import { errorMessage } from '../../domain/errors.js';
import type { Collected } from '../../domain/collected.js';
import { emptyCollected } from '../../domain/collected.js';
import { METRICS } from '../../domain/metrics.js';
import { parseGithubRepo } from '../../domain/repo-url.js';
import type { Subject } from '../../domain/subject.js';
import type { HttpClient } from '../../http/http-client.js';
import { getJsonOrMissing } from '../../http/json-or-missing.js';
import { levelObservation } from '../../domain/observation.js';

export const NPM_REGISTRY_SOURCE = 'npm-registry';
export const NPM_REGISTRY_URL = 'https://registry.npmjs.org';

export interface ApiNpmVersion {
  readonly name?: string;
  readonly version?: string;
  readonly deprecated?: string;
  readonly license?: string | { readonly type?: string };
  readonly repository?: string | { readonly type?: string; readonly url?: string; readonly directory?: string };
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly maintainers?: readonly { readonly name?: string }[];
  readonly _npmUser?: { readonly name?: string };
}

export interface ApiPackument {
  readonly name?: string;
  readonly 'dist-tags'?: Readonly<Record<string, string>>;
  readonly time?: Readonly<Record<string, string>>;
  readonly versions?: Readonly<Record<string, ApiNpmVersion>>;
  readonly maintainers?: readonly { readonly name?: string; readonly email?: string }[];
  readonly repository?: ApiNpmVersion['repository'];
  readonly license?: ApiNpmVersion['license'];
}

/** `@scope/name` → `@scope%2Fname`, the form the registry documents for scoped packages. */
export function packumentUrl(registry: string, name: string): string {
  return `${registry.replace(/\/+$/, '')}/${name.replace('/', '%2F')}`;
}

function repoUrl(r: ApiNpmVersion['repository']): string | undefined {
  return typeof r === 'string' ? r : r?.url;
}

function licenseText(l: ApiNpmVersion['license']): string | undefined {
  return typeof l === 'string' ? l : l?.type;
}

export function normalizePackument(subject: Subject, body: unknown, observedAt: Date, origin: string): Collected {
  const c = emptyCollected();
  const p = body as ApiPackument | null;
  if (p === null || typeof p !== 'object' || typeof p.versions !== 'object' || p.versions === null) {
    c.unknowns.push({
      subject,
      metric: 'npm.package',
      reason: `the registry document for ${subject.id} has no versions (unpublished, or not a package document)`,
    });
    return c;
  }
  const versions = Object.entries(p.versions);
  const latest = p['dist-tags']?.latest;
  const latestDoc = latest ? p.versions[latest] : undefined;
  const fact = (name: string, value: string | undefined): void => {
    if (value) c.facts.push({ subject, name, value, observedAt, origin });
  };
  fact('npm.latest', latest);
  fact('license', licenseText(p.license) ?? licenseText(latestDoc?.license));
  const repo = repoUrl(p.repository) ?? repoUrl(latestDoc?.repository);
  fact('repository', repo);
  fact('npm.created', p.time?.created);
  fact('npm.modified', p.time?.modified);
  fact('deprecated', latestDoc?.deprecated);
  const gh = parseGithubRepo(repo);
  if (gh)
    c.relations.push({ from: subject, relation: 'source-repo', to: { kind: 'github', id: gh }, observedAt, origin });
  const level = (metric: string, value: number): void =>
    void c.observations.push(levelObservation({ subject, metric, value, observedAt, origin }));
  level(METRICS.versions, versions.length);
  level(
    METRICS.deprecatedVersions,
    versions.filter(([, v]) => typeof v?.deprecated === 'string' && v.deprecated.length > 0).length,
  );
  if (Array.isArray(p.maintainers)) level(METRICS.maintainers, p.maintainers.length);
  else
    c.unknowns.push({
      subject,
      metric: METRICS.maintainers,
      reason: 'the registry document lists no maintainers (mirrors and proxies may strip them)',
    });
  if (!p.time)
    c.unknowns.push({
      subject,
      metric: 'npm.release_times',
      reason:
        'the registry document has no `time` (the abbreviated form, or a stripped mirror): release cadence cannot be computed',
    });
  for (const [version, v] of versions) {
    c.records.push({
      subject,
      kind: 'npm-version',
      key: version,
      observedAt,
      origin,
      data: {
        version,
        publishedAt: p.time?.[version] ?? null,
        deprecated: typeof v?.deprecated === 'string' && v.deprecated.length > 0 ? v.deprecated : null,
        dependencies: Object.keys(v?.dependencies ?? {}).sort(),
        peerDependencies: Object.keys(v?.peerDependencies ?? {}).sort(),
        publisher: v?._npmUser?.name ?? null,
      },
    });
  }
  return c;
}

export async function fetchNpmPackument(
  client: HttpClient,
  subject: Subject,
  observedAt: Date,
  options: { registry?: string } = {},
): Promise<Collected> {
  const url = packumentUrl(options.registry ?? NPM_REGISTRY_URL, subject.id);
  try {
    // The full document (not `application/vnd.npm.install-v1+json`): only it has `time`.
    const res = await getJsonOrMissing(client, url, { headers: { accept: 'application/json' } });
    if (res.missing) {
      const c = emptyCollected();
      c.unknowns.push({
        subject,
        metric: 'npm.package',
        reason: `the npm registry has no package ${subject.id} (${res.status})`,
      });
      return c;
    }
    return normalizePackument(subject, res.body, observedAt, url);
  } catch (err) {
    const c = emptyCollected();
    c.unknowns.push({
      subject,
      metric: 'npm.package',
      reason: `the npm registry document failed: ${errorMessage(err)}`,
    });
    return c;
  }
}
