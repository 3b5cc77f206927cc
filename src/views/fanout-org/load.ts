// Loads the fanout-org view's input: the tree of every model of an organisation (its author fact,
// or its id's namespace). An organisation with no model stored is a NotFoundError.
import { NotFoundError } from '../../domain/errors.js';
import type { Store } from '../../store/store.js';
import { hubAsOf, loadFanoutTree, type FanoutLoad, type FanoutScans } from '../fanout/load.js';
import type { ViewRequest } from '../view.js';

export interface FanoutOrgRequest extends ViewRequest {
  /** The Hub organisation, case-sensitive. */
  readonly org: string;
  readonly depth: number;
}

export interface FanoutOrgInputs {
  /** Each model the store knows, by id, in id order. */
  readonly trees: readonly { readonly model: string; readonly tree: FanoutLoad }[];
  /** Where the store's Hub data ends, read when no as-of date was asked for (the default). */
  readonly latestData?: Date | undefined;
}

export async function loadFanoutOrg(store: Store, request: FanoutOrgRequest): Promise<FanoutOrgInputs> {
  const { org } = request;
  const { asOf, latestData } = await hubAsOf(store, request);
  const ids = new Set<string>();
  for (const f of await store.facts({ subjectKind: 'hf', names: ['author'] }))
    if (f.value === org) ids.add(f.subject.id);
  for (const s of await store.subjects('hf')) if (s.id.startsWith(`${org}/`)) ids.add(s.id);
  if (ids.size === 0)
    throw new NotFoundError(`no Hub models of ${org} stored`, {
      hint: 'import model-tree dumps (kept import hf-models FILE) or collect the organisation; names are case-sensitive',
    });
  // One set of whole-table scans for every tree of the organisation (small stores).
  const scans: FanoutScans = {};
  const trees = [];
  for (const model of [...ids].sort()) {
    const tree = await loadFanoutTree(store, { kind: 'hf', id: model }, asOf, request.depth, undefined, scans);
    if (tree.known) trees.push({ model, tree });
  }
  return { trees, latestData };
}
