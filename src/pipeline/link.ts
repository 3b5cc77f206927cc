// `kept link`: artifacts a project is linked to by the data itself, proposed for kept.yaml.
// Evidence is the stored `source-repo` relations written by the registry sources (PyPI
// project_urls, npm `repository`, deps.dev related projects, ecosyste.ms repository_url):
// an artifact pointing at the project's repository belongs to it; the repository its artifacts
// point at is proposed when the project names none; disagreement is reported, not resolved.
import { projectArtifacts, type Project } from '../domain/project.js';
import { formatSubject, sameSubject, type Subject } from '../domain/subject.js';
import type { Store } from '../store/store.js';

export interface LinkEvidence {
  readonly from: string;
  readonly to: string;
  readonly source: string;
  readonly origin: string;
}

export interface LinkProposal {
  readonly subject: string;
  readonly kind: Subject['kind'];
  readonly id: string;
  readonly evidence: readonly LinkEvidence[];
}

export interface LinkReport {
  readonly project: string;
  /** The repository the project names, or the one its artifacts point at. */
  readonly repository: string | null;
  readonly proposals: readonly LinkProposal[];
  /** Artifacts of the project whose data points at another repository. */
  readonly conflicts: readonly LinkEvidence[];
  /** kept.yaml lines adding the proposals (empty when there are none). */
  readonly yaml: string;
}

const YAML_KEY: Partial<Record<Subject['kind'], string>> = {
  pypi: 'pypi',
  npm: 'npm',
  docker: 'docker',
  ghcr: 'ghcr',
  ollama: 'ollama',
};

export async function proposeLinks(store: Store, project: Project): Promise<LinkReport> {
  const known = projectArtifacts(project);
  const ev = (r: { from: Subject; to: Subject; source: string; origin: string }): LinkEvidence => ({
    from: formatSubject(r.from),
    to: formatSubject(r.to),
    source: r.source,
    origin: r.origin,
  });
  const outgoing = (await store.relations({ from: known, relations: ['source-repo'] })).filter(
    (r) => r.to.kind === 'github',
  );
  let repo: Subject | undefined = project.github ? { kind: 'github', id: project.github.toLowerCase() } : undefined;
  const proposals = new Map<string, { s: Subject; evidence: LinkEvidence[] }>();
  const propose = (s: Subject, e: LinkEvidence): void => {
    if (known.some((k) => sameSubject(k, s))) return;
    const key = formatSubject(s);
    const p = proposals.get(key) ?? { s, evidence: [] };
    if (!p.evidence.some((x) => x.from === e.from && x.source === e.source)) p.evidence.push(e);
    proposals.set(key, p);
  };
  if (!repo && outgoing.length) {
    // The repository most of the artifacts' sources point at.
    const votes = new Map<string, number>();
    for (const r of outgoing) votes.set(r.to.id, (votes.get(r.to.id) ?? 0) + 1);
    const best = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    repo = { kind: 'github', id: best };
    for (const r of outgoing.filter((x) => x.to.id === best)) propose(repo, ev(r));
  }
  const conflicts = repo ? outgoing.filter((r) => r.to.id !== repo.id).map(ev) : [];
  if (repo) {
    for (const r of await store.relations({ to: [repo], relations: ['source-repo'] })) {
      if (YAML_KEY[r.from.kind]) propose(r.from, ev(r));
    }
  }
  const list = [...proposals.values()]
    .map((p) => ({ subject: formatSubject(p.s), kind: p.s.kind, id: p.s.id, evidence: p.evidence }))
    .sort((a, b) => a.subject.localeCompare(b.subject));
  return {
    project: project.id,
    repository: repo?.id ?? null,
    proposals: list,
    conflicts,
    yaml: renderLinkYaml(project, list),
  };
}

function renderLinkYaml(project: Project, proposals: readonly LinkProposal[]): string {
  if (proposals.length === 0) return '';
  const lines = ['projects:', `  - id: ${project.id}`];
  const gh = proposals.find((p) => p.kind === 'github');
  if (gh) lines.push(`    github: ${gh.id}`);
  for (const kind of ['pypi', 'npm', 'docker', 'ghcr', 'ollama'] as const) {
    const current = (project[kind] ?? []).map((x) => x.toLowerCase());
    const add = proposals.filter((p) => p.kind === kind).map((p) => p.id);
    if (add.length) lines.push(`    ${YAML_KEY[kind]}: [${[...new Set([...current, ...add])].join(', ')}]`);
  }
  return lines.join('\n');
}
