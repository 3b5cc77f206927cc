// Computes the catalog view: each project with its artifacts as subjects. Pure.
import { projectArtifacts } from '../../domain/project.js';
import { formatSubject } from '../../domain/subject.js';
import { isoDate } from '../../domain/time.js';
import type { CatalogInputs, CatalogRequest } from './load.js';
import type { CatalogView } from './model.js';

export function computeCatalogView(inputs: CatalogInputs, request: CatalogRequest): CatalogView {
  return {
    schema: 'kept.catalog/v2',
    asOf: isoDate(request.asOf ?? request.today),
    version: request.version,
    config: request.configPath,
    projects: inputs.projects.map((p) => ({
      id: p.id,
      name: p.name,
      category: p.category,
      ...(p.description === undefined ? {} : { description: p.description }),
      ...(p.github === undefined ? {} : { github: p.github }),
      ...list('pypi', p.pypi),
      ...list('npm', p.npm),
      ...list('docker', p.docker),
      ...list('ghcr', p.ghcr),
      ...list('hfOrgs', p.hfOrgs),
      ...list('hfModels', p.hfModels),
      ...list('ollama', p.ollama),
      ...list('clients', p.clients),
      artifacts: projectArtifacts(p).map(formatSubject),
    })),
  };
}

/** An artifact list of a project as a field of its own, absent when the project has none. */
function list<K extends string>(key: K, names: readonly string[] | undefined): Partial<Record<K, string[]>> {
  return names === undefined ? {} : ({ [key]: [...names] } as Partial<Record<K, string[]>>);
}
