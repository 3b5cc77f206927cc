// Releases as kept reads them: the subset of the GitHub REST release JSON the upgrade-safety
// signal needs, and registry version states (npm deprecated, PyPI yanked). Pure.
import { isObj, str, date } from './json-values.js';

export interface Release {
  readonly tag: string;
  readonly name: string | undefined;
  /** published_at, else created_at. */
  readonly publishedAt: Date;
  readonly prerelease: boolean;
  readonly draft: boolean;
  readonly body: string;
  readonly url: string | undefined;
}

/** One version as a package registry lists it, with its deprecation / yank state. */
export interface RegistryVersion {
  readonly registry: 'npm' | 'pypi';
  readonly version: string;
  readonly publishedAt: Date | undefined;
  /** npm `versions[v].deprecated` message; undefined when not deprecated. */
  readonly deprecated: string | undefined;
  /** PyPI `yanked` (and its reason when given). */
  readonly yanked: boolean;
  readonly yankedReason: string | undefined;
}

/** A file found in the repository's docs, by path, with its text when it was fetched. */
export interface RepoDoc {
  readonly path: string;
  readonly text: string | undefined;
}

/** Reads one GitHub REST release object; a reason string when tag or dates are missing. */
export function parseApiRelease(data: unknown): Release | { error: string } {
  if (!isObj(data)) return { error: 'not a JSON object' };
  // Also the GitHub source's normalised `github-release` record: {tag, name, createdAt, publishedAt, …}.
  const tag = str(data.tag_name) ?? str(data.tag);
  if (!tag) return { error: 'missing "tag_name"' };
  const publishedAt =
    date(data.published_at) ?? date(data.created_at) ?? date(data.publishedAt) ?? date(data.createdAt);
  if (!publishedAt) return { error: `release ${tag}: no "published_at" or "created_at"` };
  return {
    tag,
    name: str(data.name) ?? undefined,
    publishedAt,
    prerelease: data.prerelease === true,
    draft: data.draft === true,
    body: str(data.body) ?? '',
    url: str(data.html_url) ?? str(data.url),
  };
}

/**
 * Reads a registry version record as the registry sources store them: `npm-version`
 * ({version, publishedAt, deprecated: string|null}) or `pypi-release` ({version, publishedAt,
 * yanked, yankedReason}).
 */
export function parseRegistryVersionRecord(kind: string, data: unknown): RegistryVersion | { error: string } {
  if (!isObj(data)) return { error: 'not a JSON object' };
  const version = str(data.version);
  if (!version) return { error: 'missing "version"' };
  const registry = kind === 'npm-version' ? 'npm' : kind === 'pypi-release' ? 'pypi' : undefined;
  if (!registry) return { error: `unknown registry record kind "${kind}"` };
  const deprecated = str(data.deprecated);
  return {
    registry,
    version,
    publishedAt: date(data.publishedAt),
    deprecated: deprecated === undefined || deprecated === '' ? undefined : deprecated,
    yanked: data.yanked === true,
    yankedReason: str(data.yankedReason) ?? undefined,
  };
}

/** Registry versions as releases without notes, for projects that publish no GitHub releases. */
export function releasesFromRegistry(versions: readonly RegistryVersion[]): Release[] {
  const out: Release[] = [];
  for (const v of versions) {
    if (!v.publishedAt) continue;
    out.push({
      tag: v.version,
      name: v.version,
      publishedAt: v.publishedAt,
      prerelease: false,
      draft: false,
      body: '',
      url: undefined,
    });
  }
  return out;
}
