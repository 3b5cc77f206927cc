// Computes the link view: the project's repository (its own, else the one most of its artifacts'
// data points at), the artifacts linked to it that the project does not list, the disagreements,
// and the kept.yaml lines that would add the proposals. Pure.
import { projectArtifacts, type Project } from '../../domain/project.js';
import { formatSubject, sameSubject, type Subject } from '../../domain/subject.js';
import { isoDate } from '../../domain/time.js';
import type { StoredRelation } from '../../store/store.js';
import type { LinkInputs, LinkRequest } from './load.js';
import type { LinkEvidence, LinkView } from './model.js';

/** Artifact kinds a kept.yaml project entry lists, in the order the entry writes them. */
const YAML_KINDS = ['pypi', 'npm', 'docker', 'ghcr', 'ollama'] as const;

type Proposal = LinkView['proposals'][number];

export function computeLinkView(inputs: LinkInputs, request: LinkRequest): LinkView {
  const project = request.project;
  const known = projectArtifacts(project);
  const ev = (r: StoredRelation): LinkEvidence => ({
    from: formatSubject(r.from),
    to: formatSubject(r.to),
    source: r.source,
    origin: r.origin,
  });
  let repo: Subject | undefined = project.github ? { kind: 'github', id: project.github.toLowerCase() } : undefined;
  const proposals = new Map<string, { s: Subject; evidence: LinkEvidence[] }>();
  const propose = (s: Subject, e: LinkEvidence): void => {
    if (known.some((k) => sameSubject(k, s))) return;
    const key = formatSubject(s);
    const p = proposals.get(key) ?? { s, evidence: [] };
    if (!p.evidence.some((x) => x.from === e.from && x.source === e.source)) p.evidence.push(e);
    proposals.set(key, p);
  };
  const outgoing = inputs.outgoing;
  if (!repo && outgoing.length) {
    // The repository most of the artifacts' sources point at.
    const votes = new Map<string, number>();
    for (const r of outgoing) votes.set(r.to.id, (votes.get(r.to.id) ?? 0) + 1);
    const best = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    repo = { kind: 'github', id: best };
    for (const r of outgoing.filter((x) => x.to.id === best)) propose(repo, ev(r));
  }
  const conflicts = repo ? outgoing.filter((r) => r.to.id !== repo.id).map(ev) : [];
  if (repo)
    for (const r of inputs.incoming.get(repo.id) ?? [])
      if ((YAML_KINDS as readonly string[]).includes(r.from.kind)) propose(r.from, ev(r));
  const list: Proposal[] = [...proposals.values()]
    .map((p) => ({ subject: formatSubject(p.s), kind: p.s.kind, id: p.s.id, evidence: p.evidence }))
    .sort((a, b) => a.subject.localeCompare(b.subject));
  const entry = yamlEntry(project, list);
  return {
    schema: 'kept.link/v2',
    asOf: isoDate(request.asOf ?? request.today),
    project: project.id,
    repository: repo?.id ?? null,
    proposals: list,
    conflicts,
    yaml: entry.length
      ? ['projects:', `  - id: ${entry[0]![1]}`, ...entry.slice(1).map(([k, v]) => `    ${k}: ${v}`)].join('\n')
      : '',
    yamlInline: entry.length ? `projects: [{${entry.map(([k, v]) => `${k}: ${v}`).join(', ')}}]` : '',
    summary: linkSummary(repo?.id ?? null, list.length, conflicts.length),
  };
}

function linkSummary(repository: string | null, proposals: number, conflicts: number): string {
  const repo = repository
    ? `Repository: ${repository}.`
    : 'Repository: unknown (neither the project nor the data of its artifacts names one).';
  const found =
    proposals === 0
      ? 'No new artifacts found in the collected data.'
      : `${proposals} artifact${proposals === 1 ? '' : 's'} the data links to the project ${proposals === 1 ? 'is' : 'are'} not in it yet.`;
  const disagree =
    conflicts === 0
      ? ''
      : ` ${conflicts} link${conflicts === 1 ? '' : 's'} from the project's artifacts point${conflicts === 1 ? 's' : ''} at another repository (kept as they are).`;
  return `${repo} ${found}${disagree}`;
}

/** The kept.yaml entry adding the proposals, as [key, value] pairs (id first); empty without proposals. */
function yamlEntry(project: Project, proposals: readonly Proposal[]): [string, string][] {
  if (proposals.length === 0) return [];
  const out: [string, string][] = [['id', yamlScalar(project.id)]];
  const gh = proposals.find((p) => p.kind === 'github');
  if (gh) out.push(['github', yamlScalar(gh.id)]);
  for (const kind of YAML_KINDS) {
    const current = (project[kind] ?? []).map((x) => x.toLowerCase());
    const add = proposals.filter((p) => p.kind === kind).map((p) => p.id);
    if (add.length) out.push([kind, `[${[...new Set([...current, ...add])].map(yamlScalar).join(', ')}]`]);
  }
  return out;
}

/** A plain YAML scalar when it is safe as one (in block and flow context alike), else a quoted one. */
function yamlScalar(s: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(s) ? s : JSON.stringify(s);
}
