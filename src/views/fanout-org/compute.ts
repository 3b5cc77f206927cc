// Computes the fanout-org view: the fan-out of each model, those with derivatives only, most
// derivatives first. A model built on two of the organisation's models counts under both. Pure.
import { isoDate } from '../../domain/time.js';
import { computeFanout } from '../../signals/fanout.js';
import { computeFreshness, latestOf, resolveAsOf } from '../shared/freshness.js';
import type { FanoutOrgInputs, FanoutOrgRequest } from './load.js';
import type { FanoutOrgView } from './model.js';

export function computeFanoutOrgView(
  inputs: FanoutOrgInputs,
  request: Pick<FanoutOrgRequest, 'org' | 'asOf' | 'today' | 'depth'>,
): FanoutOrgView {
  const { asOf, basis } = resolveAsOf(request.asOf, inputs.latestData, request.today);
  const rows = inputs.trees
    .map(({ model, tree }) => ({
      model,
      f: computeFanout({ base: model, edges: tree.edges, nodes: tree.nodes, asOf, maxDepth: request.depth }),
    }))
    .filter((r) => r.f.tree.total > 0)
    .sort((a, b) => b.f.tree.total - a.f.tree.total || (a.model < b.model ? -1 : 1));
  return {
    schema: 'kept.fanout-org/v1',
    org: request.org,
    asOf: isoDate(asOf),
    freshness: computeFreshness({
      asOf,
      basis,
      today: request.today,
      dataEnds: latestOf(inputs.trees.map((t) => t.tree.dataEnds)),
      what: `the Hub data of ${request.org}`,
    }),
    models: rows.map(({ model, f }) => ({
      model,
      direct: { ...f.direct },
      tree: f.tree.total,
      reuploads: f.reuploads.tree,
      effective: f.effective.tree,
      used: f.used.tree,
      orgs: f.orgs.distinct,
      downloads30d: f.downloads.base,
      derivativeDownloads30d: f.downloads.derivatives,
    })),
  };
}
