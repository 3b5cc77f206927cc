// Loads a base model's tree from the store (relations walked downwards, level by level) with each
// model's latest figures on or before asOf, and computes its fan-out (signals/fanout.ts).
import { NotFoundError } from '../domain/errors.js';
import { METRICS } from '../domain/metrics.js';
import { formatSubject, type Subject } from '../domain/subject.js';
import { FANOUT_RELATIONS, UNCLASSIFIED_RELATION, computeFanout, type FanoutEdge, type FanoutNode, type FanoutResult } from '../signals/fanout.js';
import type { Store } from '../store/store.js';

const CHUNK = 200;
const TREE_RELATIONS = [...FANOUT_RELATIONS, UNCLASSIFIED_RELATION];

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export interface FanoutLoad {
  readonly edges: FanoutEdge[];
  readonly nodes: Map<string, FanoutNode>;
  /** Whether the store knows anything about the base itself (figures, facts or children). */
  readonly known: boolean;
}

export async function loadFanoutTree(store: Store, base: Subject, asOf: Date, maxDepth: number): Promise<FanoutLoad> {
  const asOfMs = asOf.getTime();
  const edges: FanoutEdge[] = [];
  const seen = new Set<string>([base.id]);
  let frontier = [base.id];
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const next: string[] = [];
    for (const part of chunks(frontier, CHUNK)) {
      const rels = await store.relations({ to: part.map((id) => ({ kind: 'hf', id })), relations: TREE_RELATIONS });
      for (const r of rels) {
        if (r.from.kind !== 'hf' || r.observedAt.getTime() > asOfMs) continue;
        edges.push({ child: r.from.id, relation: r.relation, parent: r.to.id, firstSeen: r.observedAt });
        if (!seen.has(r.from.id)) {
          seen.add(r.from.id);
          next.push(r.from.id);
        }
      }
    }
    frontier = next;
  }
  const nodes = new Map<string, FanoutNode>();
  const mutable = new Map<string, { -readonly [K in keyof FanoutNode]: FanoutNode[K] }>();
  for (const id of seen) mutable.set(id, { id });
  for (const part of chunks([...seen], CHUNK)) {
    const subjects = part.map((id) => ({ kind: 'hf' as const, id }));
    const obs = await store.observations({ subjects, metrics: [METRICS.downloads, METRICS.parameters, METRICS.spaces], to: asOf });
    // Sorted by window end: the last one per metric wins.
    for (const o of obs.sort((a, b) => a.windowEnd.getTime() - b.windowEnd.getTime())) {
      const n = mutable.get(o.subject.id);
      if (!n) continue;
      if (o.metric === METRICS.downloads) n.downloads30d = o.value;
      else if (o.metric === METRICS.parameters) n.parameters = o.value;
      else if (o.metric === METRICS.spaces) n.spaces = o.value;
    }
    const facts = await store.facts({ subjects, names: ['author', 'format', 'library'] });
    for (const f of facts.sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime())) {
      if (f.observedAt.getTime() > asOfMs) continue;
      const n = mutable.get(f.subject.id);
      if (!n) continue;
      if (f.name === 'author') n.author = f.value;
      else if (f.name === 'format') n.format = f.value;
      else if (f.name === 'library') n.library = f.value;
    }
  }
  for (const [id, n] of mutable) nodes.set(id, n);
  const b = nodes.get(base.id);
  const known = edges.length > 0 || (b !== undefined && (b.downloads30d !== undefined || b.author !== undefined || b.parameters !== undefined));
  return { edges, nodes, known };
}

/** The fan-out of `base` as of `asOf`; NotFoundError when the store knows nothing of the model. */
export async function buildFanout(store: Store, base: Subject, asOf: Date, maxDepth = 8): Promise<FanoutResult> {
  const t = await loadFanoutTree(store, base, asOf, maxDepth);
  if (!t.known) {
    throw new NotFoundError(`no Hub data for ${formatSubject(base)} on or before ${asOf.toISOString().slice(0, 10)}`, {
      hint: 'import a model-tree dump (kept import hf-models FILE) or collect it from the Hub; ids are case-sensitive',
    });
  }
  return computeFanout({ base: base.id, edges: t.edges, nodes: t.nodes, asOf, maxDepth });
}

/** The same, or null when the store knows nothing of the model (for profiles). */
export async function tryFanout(store: Store, base: Subject, asOf: Date, maxDepth = 8): Promise<FanoutResult | null> {
  const t = await loadFanoutTree(store, base, asOf, maxDepth);
  return t.known ? computeFanout({ base: base.id, edges: t.edges, nodes: t.nodes, asOf, maxDepth }) : null;
}
