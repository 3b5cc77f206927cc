// PyPI's JSON API (`GET https://pypi.org/pypi/{name}/json`, docs.pypi.org/api/json): the project's
// links (`info.project_urls`, `home_page`) for linking it to its repository, its releases with
// upload times and `yanked` flags (PEP 592) for upgrade safety, and the licence.
import { errorMessage } from '../../domain/errors.js';
import type { Collected } from '../../domain/collected.js';
import { emptyCollected } from '../../domain/collected.js';
import { METRICS } from '../../domain/metrics.js';
import { parseGithubRepo } from '../../domain/repo-url.js';
import type { Subject } from '../../domain/subject.js';
import type { HttpClient } from '../../http/http-client.js';
import { getJsonOrMissing } from '../../http/json-or-missing.js';
import { levelObservation } from '../../domain/observation.js';

export const PYPI_JSON_SOURCE = 'pypi-json';
export const PYPI_BASE_URL = 'https://pypi.org';

export interface ApiPypiFile {
  readonly filename?: string;
  readonly upload_time_iso_8601?: string;
  readonly yanked?: boolean;
  readonly yanked_reason?: string | null;
}

export interface ApiPypiProject {
  readonly info?: {
    readonly name?: string;
    readonly version?: string;
    readonly license?: string | null;
    readonly home_page?: string | null;
    readonly project_urls?: Readonly<Record<string, string>> | null;
    readonly yanked?: boolean;
  };
  readonly releases?: Readonly<Record<string, readonly ApiPypiFile[]>>;
}

/** The repository among a project's links: "Source"/"Repository"/"Code" first, then any GitHub URL. */
export function repositoryFromProjectUrls(
  urls: Readonly<Record<string, string>> | null | undefined,
  homePage?: string | null,
): string | undefined {
  const entries = Object.entries(urls ?? {});
  const preferred = entries.filter(([k]) => /^(source|source code|repository|code|github|git)$/i.test(k.trim()));
  for (const [, u] of [...preferred, ...entries]) {
    const gh = parseGithubRepo(u);
    if (gh) return gh;
  }
  return parseGithubRepo(homePage ?? undefined);
}

export function normalizePypiProject(subject: Subject, body: unknown, observedAt: Date, origin: string): Collected {
  const c = emptyCollected();
  const p = body as ApiPypiProject | null;
  if (p === null || typeof p !== 'object' || typeof p.info !== 'object' || p.info === null) {
    c.unknowns.push({ subject, metric: 'pypi.project', reason: 'the PyPI JSON document has no info object' });
    return c;
  }
  const fact = (name: string, value: string | null | undefined): void =>
    void (value ? c.facts.push({ subject, name, value, observedAt, origin }) : undefined);
  fact('pypi.latest', p.info.version);
  fact('license', p.info.license && p.info.license.length < 200 ? p.info.license : undefined);
  const repo = repositoryFromProjectUrls(p.info.project_urls, p.info.home_page);
  if (repo)
    c.relations.push({ from: subject, relation: 'source-repo', to: { kind: 'github', id: repo }, observedAt, origin });
  const releases = Object.entries(p.releases ?? {});
  const level = (metric: string, value: number): void =>
    void c.observations.push(levelObservation({ subject, metric, value, observedAt, origin }));
  // A release is yanked when all of its files are (PEP 592 yanks releases, PyPI flags each file).
  const yanked = releases.filter(([, files]) => files.length > 0 && files.every((f) => f.yanked === true));
  level(METRICS.versions, releases.filter(([, files]) => files.length > 0).length);
  level(METRICS.yankedVersions, yanked.length);
  for (const [version, files] of releases) {
    if (files.length === 0) continue;
    const times = files
      .map((f) => f.upload_time_iso_8601)
      .filter((t): t is string => typeof t === 'string')
      .sort();
    c.records.push({
      subject,
      kind: 'pypi-release',
      key: version,
      observedAt,
      origin,
      data: {
        version,
        publishedAt: times[0] ?? null,
        yanked: files.every((f) => f.yanked === true),
        yankedReason: files.find((f) => f.yanked_reason)?.yanked_reason ?? null,
        files: files.length,
      },
    });
  }
  return c;
}

export async function fetchPypiProject(
  client: HttpClient,
  subject: Subject,
  observedAt: Date,
  options: { baseUrl?: string } = {},
): Promise<Collected> {
  const url = `${(options.baseUrl ?? PYPI_BASE_URL).replace(/\/+$/, '')}/pypi/${encodeURIComponent(subject.id)}/json`;
  try {
    const res = await getJsonOrMissing(client, url);
    if (res.missing) {
      const c = emptyCollected();
      c.unknowns.push({ subject, metric: 'pypi.project', reason: `PyPI has no project ${subject.id} (${res.status})` });
      return c;
    }
    return normalizePypiProject(subject, res.body, observedAt, url);
  } catch (err) {
    const c = emptyCollected();
    c.unknowns.push({ subject, metric: 'pypi.project', reason: `PyPI JSON API failed: ${errorMessage(err)}` });
    return c;
  }
}
