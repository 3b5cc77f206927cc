// Merges the built-in catalog with a user's kept.yaml (pure): entries with an existing id override
// that project's fields; new ids add projects. Also finds projects by id, name or artifact.
import { NotFoundError } from '../domain/errors.js';
import { projectArtifacts, type Project } from '../domain/project.js';
import { parseSubject, formatSubject } from '../domain/subject.js';
import type { KeptConfig, ProjectEntry } from './schema.js';

export function resolveProjects(catalog: readonly Project[], config: Pick<KeptConfig, 'projects'>): Project[] {
  const byId = new Map<string, Project>(catalog.map((p) => [p.id.toLowerCase(), p]));
  for (const entry of config.projects) {
    const id = entry.id.toLowerCase();
    const base = byId.get(id);
    byId.set(id, base ? overrideProject(base, entry) : newProject(entry));
  }
  return [...byId.values()];
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function overrideProject(base: Project, entry: ProjectEntry): Project {
  return { ...base, ...defined(entry), id: base.id } as Project;
}

function newProject(entry: ProjectEntry): Project {
  return { category: 'tooling', name: entry.id, ...defined(entry), id: entry.id.toLowerCase() } as Project;
}

/** Finds a project by id, display name, or any artifact subject (`pypi:vllm`); errors suggest near misses. */
export function findProject(projects: readonly Project[], query: string): Project {
  const q = query.trim().toLowerCase();
  const hit =
    projects.find((p) => p.id === q) ??
    projects.find((p) => p.name.toLowerCase() === q) ??
    (() => {
      const s = parseSubject(query);
      if ('error' in s) return undefined;
      const key = formatSubject(s);
      return projects.find((p) => projectArtifacts(p).some((a) => formatSubject(a) === key));
    })();
  if (hit) return hit;
  const near = suggest(
    q,
    projects.map((p) => p.id),
  );
  throw new NotFoundError(`no project "${query}" in the catalog or kept.yaml`, {
    hint: near.length
      ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? (kept catalog lists all)`
      : 'run `kept catalog` to list projects, or add it to kept.yaml',
  });
}

/** Closest ids by edit distance (at most 2 suggestions, distance ≤ 3). */
export function suggest(query: string, candidates: readonly string[]): string[] {
  return candidates
    .map((c) => ({ c, d: editDistance(query, c) }))
    .filter(
      (x) =>
        x.d <= Math.max(1, Math.min(3, Math.floor(query.length / 3))) || (query.length >= 3 && x.c.includes(query)),
    )
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, 2)
    .map((x) => x.c);
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
