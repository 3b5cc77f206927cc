// deps.dev (api-sources.md §6, google/deps.dev api/v3 and v3alpha protos): the package's versions
// (default, deprecated flags), the default version's linked source repository, and its dependents
// (v3alpha `:dependents`: dependent, direct and indirect counts, public packages only, counted for
// ONE version). Proto3 JSON may omit zero fields: a missing count reads as 0.
import { errorMessage } from '../../domain/errors.js';
import type { Collected } from '../../domain/collected.js';
import { emptyCollected } from '../../domain/collected.js';
import { METRICS } from '../../domain/metrics.js';
import { parseGithubRepo } from '../../domain/repo-url.js';
import type { Subject } from '../../domain/subject.js';
import type { HttpClient } from '../../http/http-client.js';
import { getJsonOrMissing } from '../../http/json-or-missing.js';
import { levelObservation } from '../../domain/observation.js';

export const DEPSDEV_SOURCE = 'deps.dev';
export const DEPSDEV_BASE_URL = 'https://api.deps.dev';

export interface ApiVersionKey {
  readonly system?: string;
  readonly name?: string;
  readonly version?: string;
}

export interface ApiDepsPackage {
  readonly packageKey?: { readonly system?: string; readonly name?: string };
  readonly versions?: readonly {
    readonly versionKey?: ApiVersionKey;
    readonly publishedAt?: string;
    readonly isDefault?: boolean;
    readonly isDeprecated?: boolean;
    readonly deprecatedReason?: string;
  }[];
}

export interface ApiDepsVersion {
  readonly versionKey?: ApiVersionKey;
  readonly isDefault?: boolean;
  readonly isDeprecated?: boolean;
  readonly licenses?: readonly string[];
  readonly links?: readonly { readonly label?: string; readonly url?: string }[];
  readonly relatedProjects?: readonly {
    readonly projectKey?: { readonly id?: string };
    readonly relationType?: string;
    readonly relationProvenance?: string;
  }[];
}

export interface ApiDependents {
  readonly dependentCount?: number;
  readonly directDependentCount?: number;
  readonly indirectDependentCount?: number;
}

/** kept subject kind → deps.dev system (lower-case in paths). */
export function depsDevSystem(kind: Subject['kind']): 'pypi' | 'npm' | undefined {
  return kind === 'pypi' ? 'pypi' : kind === 'npm' ? 'npm' : undefined;
}

export function depsDevUrls(
  base: string,
  system: string,
  name: string,
  version?: string,
): { pkg: string; version: string; dependents: string } {
  const b = base.replace(/\/+$/, '');
  const n = encodeURIComponent(name);
  const v = encodeURIComponent(version ?? '');
  return {
    pkg: `${b}/v3/systems/${system}/packages/${n}`,
    version: `${b}/v3/systems/${system}/packages/${n}/versions/${v}`,
    dependents: `${b}/v3alpha/systems/${system}/packages/${n}/versions/${v}:dependents`,
  };
}

export async function fetchDepsDev(
  client: HttpClient,
  subject: Subject,
  observedAt: Date,
  options: { baseUrl?: string } = {},
): Promise<Collected> {
  const c = emptyCollected();
  const system = depsDevSystem(subject.kind);
  const unknown = (reason: string): Collected => {
    c.unknowns.push({ subject, metric: METRICS.dependents, reason });
    return c;
  };
  if (!system) return unknown(`deps.dev has no ${subject.kind} system in kept (PyPI and npm only)`);
  const base = options.baseUrl ?? DEPSDEV_BASE_URL;
  const level = (metric: string, value: number, origin: string, dims?: Record<string, string>): void =>
    void c.observations.push(levelObservation({ subject, metric, value, observedAt, origin, dims }));
  try {
    const urls = depsDevUrls(base, system, subject.id);
    const pkgRes = await getJsonOrMissing(client, urls.pkg);
    if (pkgRes.missing) return unknown(`deps.dev has no ${system} package ${subject.id} (${pkgRes.status})`);
    const pkg = pkgRes.body as ApiDepsPackage;
    const versions = Array.isArray(pkg?.versions) ? pkg.versions : [];
    level(METRICS.versions, versions.length, urls.pkg);
    level(METRICS.deprecatedVersions, versions.filter((v) => v.isDeprecated === true).length, urls.pkg);
    const def = versions.find((v) => v.isDefault === true)?.versionKey?.version;
    if (!def) return unknown(`deps.dev lists no default version for ${subject.id}: dependents are counted per version`);
    c.facts.push({ subject, name: 'deps.dev.default_version', value: def, observedAt, origin: urls.pkg });
    const vUrls = depsDevUrls(base, system, subject.id, def);
    try {
      const vRes = await getJsonOrMissing(client, vUrls.version);
      if (!vRes.missing) {
        const v = vRes.body as ApiDepsVersion;
        for (const rp of v?.relatedProjects ?? []) {
          if (rp.relationType !== 'SOURCE_REPO') continue;
          const gh = parseGithubRepo(rp.projectKey?.id);
          if (gh)
            c.relations.push({
              from: subject,
              relation: 'source-repo',
              to: { kind: 'github', id: gh },
              observedAt,
              origin: vUrls.version,
            });
        }
      }
    } catch (err) {
      c.unknowns.push({
        subject,
        metric: 'source-repo',
        reason: `deps.dev version ${def} failed: ${errorMessage(err)}`,
      });
    }
    const dRes = await getJsonOrMissing(client, vUrls.dependents);
    if (dRes.missing) return unknown(`deps.dev has no dependents data for ${subject.id}@${def} (${dRes.status})`);
    const d = (dRes.body ?? {}) as ApiDependents;
    const n = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0); // proto3 JSON omits zeros
    level(METRICS.dependents, n(d.dependentCount), vUrls.dependents);
    level(METRICS.dependents, n(d.directDependentCount), vUrls.dependents, { scope: 'direct' });
    level(METRICS.dependents, n(d.indirectDependentCount), vUrls.dependents, { scope: 'indirect' });
    c.facts.push({ subject, name: 'deps.dev.dependents_version', value: def, observedAt, origin: vUrls.dependents });
    return c;
  } catch (err) {
    return unknown(`deps.dev failed: ${errorMessage(err)}`);
  }
}
