// A project's main package: of its PyPI and npm packages, the one with the most downloads in its
// latest stored window (as compare and the overview choose it), so commands that read one download
// series (trend, growth) accept a project where they take a package.
import { NotFoundError } from '../../domain/errors.js';
import { projectArtifacts, type Project } from '../../domain/project.js';
import { formatSubject, type Subject } from '../../domain/subject.js';
import type { Store } from '../../store/store.js';
import { loadDownloadSeriesBulk } from './download-series.js';

/** The main package of `project` in the store; a NotFoundError naming its packages when none has downloads. */
export async function loadMainPackage(store: Store, project: Project): Promise<Subject> {
  const packages = projectArtifacts(project).filter((a) => a.kind === 'pypi' || a.kind === 'npm');
  const series = await loadDownloadSeriesBulk(store, packages);
  let best: { subject: Subject; latest: number } | undefined;
  for (const p of packages) {
    const latest = series.get(formatSubject(p))?.latest?.value;
    if (latest !== undefined && (best === undefined || latest > best.latest)) best = { subject: p, latest };
  }
  if (best) return best.subject;
  throw new NotFoundError(
    packages.length === 0
      ? `project ${project.id} has no PyPI or npm package, so no download series`
      : `no download data for project ${project.id} (${packages.map(formatSubject).join(', ')}) in ${store.location}`,
    {
      hint:
        packages.length === 0
          ? `kept profile ${project.id} shows what is measured for it`
          : 'import its downloads first (e.g. kept import pypi-top FILE), or pass --db with a store that has them',
    },
  );
}
