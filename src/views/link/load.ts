// Loads the link view's input: the `source-repo` relations of the project's artifacts, and those
// pointing at every repository that could be the project's (its own, or one its artifacts name).
import type { Project } from '../../domain/project.js';
import { projectArtifacts } from '../../domain/project.js';
import { subject } from '../../domain/subject.js';
import type { Store, StoredRelation } from '../../store/store.js';
import type { ViewRequest } from '../view.js';

export interface LinkRequest extends ViewRequest {
  readonly project: Project;
}

export interface LinkInputs {
  /** Links from the project's artifacts to GitHub repositories. */
  readonly outgoing: readonly StoredRelation[];
  /** Links into each candidate repository (lower-case owner/repo) from any artifact. */
  readonly incoming: ReadonlyMap<string, readonly StoredRelation[]>;
}

export const LINK_RELATION = 'source-repo';

export async function loadLink(store: Store, request: LinkRequest): Promise<LinkInputs> {
  const known = projectArtifacts(request.project);
  const outgoing = (await store.relations({ from: known, relations: [LINK_RELATION] })).filter(
    (r) => r.to.kind === 'github',
  );
  const candidates = new Set(outgoing.map((r) => r.to.id));
  if (request.project.github) candidates.add(request.project.github.toLowerCase());
  const incoming = new Map<string, StoredRelation[]>();
  for (const repo of [...candidates].sort())
    incoming.set(repo, await store.relations({ to: [subject('github', repo)], relations: [LINK_RELATION] }));
  return { outgoing, incoming };
}
