// Loads a base model's tree from the store (relations walked downwards, level by level) with each
// model's latest figures on or before asOf: the fanout view's input. tryFanout and buildFanout also
// compute the fan-out signal over it, for the verdict and profiles that need only the figures.
import { NotFoundError } from '../../domain/errors.js';
import { METRICS } from '../../domain/metrics.js';
import { formatSubject, type Subject } from '../../domain/subject.js';
import { gatedZeroReason, hubDownloadsUnknown } from '../../domain/hub-counts.js';
import {
  FANOUT_RELATIONS,
  UNCLASSIFIED_RELATION,
  computeFanout,
  type FanoutEdge,
  type FanoutNode,
  type FanoutResult,
} from '../../signals/fanout.js';
import type { Store, StoredFact, StoredObservation, StoredRelation } from '../../store/store.js';
import { latestOf, resolveAsOf } from '../shared/freshness.js';
import { snapshotDays } from '../shared/latest-data.js';
import type { ViewRequest } from '../view.js';

// Two ways to read a tree. The store filters subjects with OR chains, which DuckDB plans slowly
// beyond ~50 subjects, so a store small enough is read in one scan per table and filtered here;
// a large one is read level by level in chunks. (bench/fanout.ts measures the difference.)
const CHUNK = 50;
const SCAN_LIMIT = 1_000_000;
const TREE_RELATIONS = [...FANOUT_RELATIONS, UNCLASSIFIED_RELATION];
const NODE_METRICS = [METRICS.downloads, METRICS.parameters, METRICS.spaces];
const NODE_FACTS = ['author', 'format', 'library', 'gated'];

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
  /** The sources of the relations naming the base directly (hf-dump, hf-hub), sorted. */
  readonly sources: string[];
  /** End of the latest 30-day download window of a model of the tree, on or before asOf. */
  readonly dataEnds: Date | undefined;
  /** Models whose stored count is not a measurement (a gated repository's 0), with why: their downloads are unknown. */
  readonly unknownDownloads: readonly { readonly id: string; readonly reason: string }[];
}

/** The fan-out signal with where its data ends and which counts are unknown (for the verdict's freshness). */
export type StoredFanout = FanoutResult & {
  readonly dataEnds?: Date | undefined;
  readonly unknownDownloads?: readonly { readonly id: string; readonly reason: string }[];
};

type MutableNode = { -readonly [K in keyof FanoutNode]: FanoutNode[K] };

/**
 * The whole-table reads of a small store, shared by the trees of several bases read at one asOf
 * (the catalog overview reads a dozen): each is made once, by the first tree that needs it.
 */
export interface FanoutScans {
  stats?: Promise<Readonly<Record<string, number>>>;
  relations?: Promise<Map<string, StoredRelation[]>>;
  observations?: Promise<StoredObservation[]>;
  facts?: Promise<StoredFact[]>;
}

export async function loadFanoutTree(
  store: Store,
  base: Subject,
  asOf: Date,
  maxDepth: number,
  scanLimit = SCAN_LIMIT,
  scans: FanoutScans = {},
): Promise<FanoutLoad> {
  const asOfMs = asOf.getTime();
  const sizes = await (scans.stats ??= store.stats().then((s) => s.tables));
  const scan = (table: string): boolean => (sizes[table] ?? Infinity) <= scanLimit;
  const hf = (id: string): Subject => ({ kind: 'hf', id });
  // By window end: the last one per metric wins. By observation time: the latest fact wins.
  const byWindowEnd = (rows: StoredObservation[]) => rows.sort((a, b) => a.windowEnd.getTime() - b.windowEnd.getTime());
  const byObservedAt = (rows: StoredFact[]) => rows.sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
  // The nodes' whole-table scans, shared through `scans`, do not depend on the walk: asked now, a
  // store that reads on several connections runs them beside it (a failure surfaces where each
  // is awaited below).
  const observationScan = () =>
    (scans.observations ??= store
      .observations({ subjectKind: 'hf', metrics: NODE_METRICS, to: asOf })
      .then(byWindowEnd));
  const factScan = () => (scans.facts ??= store.facts({ subjectKind: 'hf', names: NODE_FACTS }).then(byObservedAt));
  if (scan('observations')) void observationScan().catch(() => undefined);
  if (scan('facts')) void factScan().catch(() => undefined);

  // Relations pointing at a set of parents, by parent.
  const relationsTo = async (parents: readonly string[]): Promise<StoredRelation[]> => {
    if (scan('relations')) {
      const allRelations = await (scans.relations ??= store.relations({ relations: TREE_RELATIONS }).then((rows) => {
        const byParent = new Map<string, StoredRelation[]>();
        for (const r of rows) {
          if (r.to.kind !== 'hf') continue;
          const list = byParent.get(r.to.id) ?? [];
          list.push(r);
          byParent.set(r.to.id, list);
        }
        return byParent;
      }));
      return parents.flatMap((p) => allRelations.get(p) ?? []);
    }
    const out: StoredRelation[] = [];
    for (const part of chunks(parents, CHUNK))
      out.push(...(await store.relations({ to: part.map(hf), relations: TREE_RELATIONS })));
    return out;
  };

  const edges: FanoutEdge[] = [];
  const sources = new Set<string>();
  const seen = new Set<string>([base.id]);
  let frontier = [base.id];
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const next: string[] = [];
    for (const r of await relationsTo(frontier)) {
      if (r.from.kind !== 'hf' || r.observedAt.getTime() > asOfMs) continue;
      edges.push({ child: r.from.id, relation: r.relation, parent: r.to.id, firstSeen: r.observedAt });
      if (depth === 1) sources.add(r.source);
      if (!seen.has(r.from.id)) {
        seen.add(r.from.id);
        next.push(r.from.id);
      }
    }
    frontier = next;
  }

  const mutable = new Map<string, MutableNode>();
  for (const id of seen) mutable.set(id, { id });
  const ids = [...seen];
  const obs = scan('observations')
    ? await observationScan()
    : byWindowEnd(
        (
          await Promise.all(
            chunks(ids, CHUNK).map((part) =>
              store.observations({ subjects: part.map(hf), metrics: NODE_METRICS, to: asOf }),
            ),
          )
        ).flat(),
      );
  let dataEnds: Date | undefined;
  for (const o of obs) {
    const n = o.subject.kind === 'hf' ? mutable.get(o.subject.id) : undefined;
    if (!n) continue;
    if (o.metric === METRICS.downloads) {
      n.downloads30d = o.value;
      if (!dataEnds || o.windowEnd.getTime() > dataEnds.getTime()) dataEnds = o.windowEnd;
    } else if (o.metric === METRICS.parameters) n.parameters = o.value;
    else if (o.metric === METRICS.spaces) n.spaces = o.value;
  }
  const facts = scan('facts')
    ? await factScan()
    : byObservedAt(
        (
          await Promise.all(
            chunks(ids, CHUNK).map((part) => store.facts({ subjects: part.map(hf), names: NODE_FACTS })),
          )
        ).flat(),
      );
  const gated = new Map<string, string>();
  for (const f of facts) {
    if (f.observedAt.getTime() > asOfMs) continue;
    const n = f.subject.kind === 'hf' ? mutable.get(f.subject.id) : undefined;
    if (!n) continue;
    if (f.name === 'author') n.author = f.value;
    else if (f.name === 'format') n.format = f.value;
    else if (f.name === 'library') n.library = f.value;
    else if (f.name === 'gated') gated.set(n.id, f.value);
  }
  // A gated repository's 0 is what the listing shows, not use: unknown (domain/hub-counts.ts).
  const unknownDownloads: { id: string; reason: string }[] = [];
  for (const n of mutable.values())
    if (hubDownloadsUnknown(n.downloads30d, gated.get(n.id))) {
      delete n.downloads30d;
      unknownDownloads.push({ id: n.id, reason: gatedZeroReason(n.id) });
    }
  const nodes = new Map<string, FanoutNode>(mutable);
  const b = nodes.get(base.id);
  const known =
    edges.length > 0 ||
    (b !== undefined && (b.downloads30d !== undefined || b.author !== undefined || b.parameters !== undefined));
  return { edges, nodes, known, sources: [...sources].sort(), dataEnds, unknownDownloads };
}

export interface FanoutRequest extends ViewRequest {
  /** The base model, hf:org/model (case-sensitive). */
  readonly base: Subject;
  /** How deep to walk the model tree (1 = direct children). */
  readonly depth: number;
}

/** A tree as the fanout view reads it, with where the store's Hub data ends (the default as-of date). */
export type FanoutInputs = FanoutLoad & { readonly latestData?: Date | undefined };

/**
 * The as-of date of a Hub view: asked; else where the base model's own downloads end (one tree's
 * date, not another organisation's later scrape); else the latest comparable Hub snapshot; else today.
 */
export async function hubAsOf(
  store: Store,
  request: Pick<ViewRequest, 'asOf' | 'today'>,
  base?: Subject,
): Promise<{ asOf: Date; latestData: Date | undefined }> {
  const own = async (): Promise<Date | undefined> =>
    base
      ? latestOf((await store.observations({ subjects: [base], metrics: [METRICS.downloads] })).map((o) => o.windowEnd))
      : undefined;
  const latestData = request.asOf
    ? undefined
    : ((await own()) ?? (await snapshotDays(store, 'hf', METRICS.downloads)).latestComparable);
  return { asOf: resolveAsOf(request.asOf, latestData, request.today).asOf, latestData };
}

/** The fanout view's input: the tree of `base` as of the request's date; NotFoundError when the store knows nothing of it. */
export async function loadFanout(store: Store, request: FanoutRequest): Promise<FanoutInputs> {
  const { asOf, latestData } = await hubAsOf(store, request, request.base);
  const t = { ...(await loadFanoutTree(store, request.base, asOf, request.depth)), latestData };
  if (!t.known) {
    const near = nearHubModels(
      request.base.id,
      (await store.subjects('hf')).map((s) => s.id),
    );
    throw new NotFoundError(
      `no Hub data for ${formatSubject(request.base)} on or before ${asOf.toISOString().slice(0, 10)}`,
      {
        hint: near.length
          ? `did you mean ${near.map((id) => `hf:${id}`).join(' or ')}? (Hub ids are case-sensitive)`
          : 'import a model-tree dump (kept import hf-models FILE) or collect it from the Hub; ids are case-sensitive',
      },
    );
  }
  return t;
}

/**
 * Stored models a mistyped id most likely meant: the same id in another case, else (for a bare
 * family name such as "deepseek") models of an organisation whose name starts with it, else ids
 * that contain it; at most three, base models (short ids) first.
 */
export function nearHubModels(query: string, ids: readonly string[]): string[] {
  const q = query.toLowerCase();
  const same = ids.filter((id) => id.toLowerCase() === q);
  if (same.length > 0) return same.slice(0, 3);
  const org = (id: string): string => id.split('/')[0]!.toLowerCase();
  const byOrg = ids.filter((id) => !q.includes('/') && id.includes('/') && org(id).startsWith(q));
  const containing = ids.filter((id) => id.toLowerCase().includes(q));
  const pick = byOrg.length > 0 ? byOrg : containing;
  return [...pick].sort((a, b) => a.length - b.length || a.localeCompare(b)).slice(0, 3);
}

/** The fan-out signal of `base` as of `asOf`; NotFoundError when the store knows nothing of the model. */
export async function buildFanout(store: Store, base: Subject, asOf: Date, maxDepth = 8): Promise<FanoutResult> {
  const t = await loadFanout(store, { base, asOf, today: asOf, depth: maxDepth });
  return computeFanout({ base: base.id, edges: t.edges, nodes: t.nodes, asOf, maxDepth });
}

/** The same with where its data ends, or null when the store knows nothing of the model (for profiles). */
export async function tryFanout(
  store: Store,
  base: Subject,
  asOf: Date,
  maxDepth = 8,
  scans: FanoutScans = {},
): Promise<StoredFanout | null> {
  const t = await loadFanoutTree(store, base, asOf, maxDepth, SCAN_LIMIT, scans);
  if (!t.known) return null;
  return {
    ...computeFanout({ base: base.id, edges: t.edges, nodes: t.nodes, asOf, maxDepth }),
    dataEnds: t.dataEnds,
    unknownDownloads: t.unknownDownloads,
  };
}
