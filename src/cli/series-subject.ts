// How trend and growth read the series a user names: `kind:id` (pypi:vllm) is that package; a
// project (vllm, its display name, or project:vllm) stands for its main package, as in profile.
import { findProject } from '../config/resolve.js';
import { NotFoundError, UsageError } from '../domain/errors.js';
import type { Project } from '../domain/project.js';
import { parseSubject, type Subject } from '../domain/subject.js';
import type { Store } from '../store/store.js';
import { loadMainPackage } from '../views/shared/main-package.js';

export type SeriesTarget = { readonly subject: Subject } | { readonly project: Project };

/** Parses one argument: a package subject, or a catalog project (by id, name or `project:id`). */
export function parseSeriesTarget(text: string, projects: readonly Project[]): SeriesTarget {
  const s = parseSubject(text);
  if (!('error' in s) && s.kind !== 'project') return { subject: s };
  const name = 'error' in s ? text : s.id;
  // A bare word that is no project is most likely a package without its kind: findProject says so.
  if ('error' in s && text.includes(':'))
    throw new UsageError(s.error, { hint: 'write kind:id, e.g. pypi:vllm, or a project name, e.g. vllm' });
  try {
    return { project: findProject(projects, name) };
  } catch (err) {
    if (!(err instanceof NotFoundError) || !('error' in s)) throw err;
    throw new NotFoundError(`"${text}" is neither a project nor a package (kind:id)`, {
      hint: `${err.hint ?? 'kept catalog lists the projects'}; a package is written kind:id, e.g. pypi:${name.toLowerCase()}`,
      cause: err,
    });
  }
}

/** The series subject of a target: a project's main package is looked up in the store. */
export async function seriesSubject(store: Store, target: SeriesTarget): Promise<Subject> {
  return 'subject' in target ? target.subject : loadMainPackage(store, target.project);
}
