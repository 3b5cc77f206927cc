// Reads what the digest compares: every project's verdict inputs as of `from` and as of `to`
// (through the catalog-wide prefetch the overview uses), the contributor report each date had, and
// the Hub model trees of the project's base models as of `to`. The only I/O of the digest view.
import type { ContributorReport } from '../../domain/contributors.js';
import type { Project } from '../../domain/project.js';
import type { Subject } from '../../domain/subject.js';
import type { FanoutEdge, FanoutNode } from '../../signals/fanout.js';
import type { Store, StoredRecord } from '../../store/store.js';
import { CONTRIBUTORS_RECORD_KIND } from '../contributors/load.js';
import { loadFanoutTree, type FanoutScans } from '../fanout/load.js';
import { prefetchVerdictLoaders } from '../overview/load.js';
import { loadVerdictInputs, type VerdictInputs, type VerdictSettings } from '../verdict/load.js';
import type { ViewRequest } from '../view.js';

export interface DigestRequest extends ViewRequest {
  /** Start of the period, exclusive: the state compared against. */
  readonly from: Date;
  /** End of the period, inclusive. */
  readonly to: Date;
  /** The projects to judge (the whole catalog, or those asked for). */
  readonly projects: readonly Project[];
  /** The ids asked for; absent when the whole catalog is judged. */
  readonly scope?: readonly string[];
  readonly settings?: VerdictSettings;
}

/** A base model's tree as of `to`: the relations with the day kept first saw each, and each model's figures. */
export interface DigestTree {
  readonly subject: Subject;
  readonly edges: readonly FanoutEdge[];
  readonly nodes: ReadonlyMap<string, FanoutNode>;
}

export interface DigestProjectInputs {
  readonly project: Project;
  /** The verdict's inputs as of `from`, with the contributor report stored by then. */
  readonly before: VerdictInputs;
  /** The verdict's inputs as of `to`, with the contributor report stored by then. */
  readonly after: VerdictInputs;
  readonly trees: readonly DigestTree[];
}

export interface DigestInputs {
  readonly projects: readonly DigestProjectInputs[];
}

/** The latest contributor report observed on or before `at` (a later one was not known then). */
function reportAt(records: readonly StoredRecord[], at: Date): ContributorReport | undefined {
  const known = records.filter((r) => r.observedAt.getTime() <= at.getTime());
  known.sort((a, b) => b.observedAt.getTime() - a.observedAt.getTime());
  return known[0] ? (known[0].data as ContributorReport) : undefined;
}

/** How deep the digest walks a base model's tree for new derivatives (as the fan-out view does). */
const TREE_DEPTH = 8;

export async function loadDigest(store: Store, request: DigestRequest): Promise<DigestInputs> {
  const { from, to, projects } = request;
  const atFrom = await prefetchVerdictLoaders(store, projects, from);
  const atTo = await prefetchVerdictLoaders(store, projects, to);
  const scans: FanoutScans = {};
  const out: DigestProjectInputs[] = [];
  for (const project of projects) {
    const reports = await atTo.records([{ kind: 'project', id: project.id }], [CONTRIBUTORS_RECORD_KIND]);
    const before = await loadVerdictInputs(atFrom, project, from);
    const after = await loadVerdictInputs(atTo, project, to);
    const trees: DigestTree[] = [];
    for (const id of project.hfModels ?? []) {
      const subject: Subject = { kind: 'hf', id };
      const t = await loadFanoutTree(store, subject, to, TREE_DEPTH, undefined, scans);
      if (t.known) trees.push({ subject, edges: t.edges, nodes: t.nodes });
    }
    out.push({
      project,
      before: { ...before, storedContributors: reportAt(reports, from) },
      after: { ...after, storedContributors: reportAt(reports, to) },
      trees,
    });
  }
  return { projects: out };
}
