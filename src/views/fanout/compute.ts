// Computes the fanout view: the fan-out signal over the loaded tree (signals/fanout.ts), and the
// sentences and notes every face shows with it. Pure.
import { formatCount, formatShare } from '../../domain/format.js';
import { formatSubject } from '../../domain/subject.js';
import { computeFanout, type FanoutResult } from '../../signals/fanout.js';
import { computeFreshness, resolveAsOf } from '../shared/freshness.js';
import type { FanoutInputs, FanoutRequest } from './load.js';
import type { FanoutView } from './model.js';

export const FANOUT_NOTES = [
  'Counts are the Hub model tree (base_model:{relation} tags) as imported or collected; downloads are the Hub 30-day counter, CI included.',
  'Re-uploads (the same weights re-hosted under another name) are found by a name heuristic and counted apart (docs/fanout.md).',
] as const;

export function computeFanoutView(
  tree: FanoutInputs,
  request: Pick<FanoutRequest, 'base' | 'asOf' | 'today' | 'depth'>,
): FanoutView {
  const { asOf, basis } = resolveAsOf(request.asOf, tree.latestData, request.today);
  const freshness = computeFreshness({
    asOf,
    basis,
    today: request.today,
    dataEnds: tree.dataEnds,
    what: `the Hub data of ${formatSubject(request.base)}`,
  });
  const unknownDownloads = tree.unknownDownloads.map((u) => ({ ...u }));
  const f = computeFanout({
    base: request.base.id,
    edges: tree.edges,
    nodes: tree.nodes,
    asOf,
    maxDepth: request.depth,
  });
  return {
    schema: 'kept.fanout/v2',
    subject: formatSubject(request.base),
    sources: [...tree.sources],
    base: f.base,
    asOf: f.asOf,
    freshness,
    direct: { ...f.direct },
    tree: { ...f.tree, byDepth: [...f.tree.byDepth] },
    reuploads: {
      direct: f.reuploads.direct,
      tree: f.reuploads.tree,
      models: f.reuploads.models.map((m) => ({ ...m })),
    },
    effective: { ...f.effective },
    used: { ...f.used },
    orgs: { ...f.orgs, top: f.orgs.top.map((o) => ({ ...o })) },
    downloads: { ...f.downloads },
    spaces: f.spaces,
    growth: f.growth.map((g) => ({ ...g })),
    unknownDownloads,
    summary: fanoutSummary(f),
    sentences: {
      organisations: organisationsSentence(f),
      downloads: downloadsSentence(f, unknownDownloads.find((u) => u.id === f.base)?.reason),
      spaces: `Spaces using it: ${f.spaces === null ? 'unknown (not collected)' : formatCount(f.spaces)}.`,
    },
    notes: [...FANOUT_NOTES],
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

function fanoutSummary(f: FanoutResult): string {
  const d = f.direct;
  const t = f.tree;
  if (t.total === 0) return `${f.base}: no derivatives stored on or before ${f.asOf}.`;
  const kinds = [
    plural(d.finetune, 'fine-tune'),
    plural(d.adapter, 'adapter'),
    `${formatCount(d.quantized)} quantized`,
    plural(d.merge, 'merge'),
    ...(d.unclassified ? [`${formatCount(d.unclassified)} unclassified`] : []),
  ];
  return `${f.base}: ${plural(d.total, 'direct derivative')} (${kinds.join(', ')}), ${formatCount(t.total)} in the whole tree (depth ${t.depth}): ${formatCount(f.effective.tree)} new work and ${plural(f.reuploads.tree, 're-upload')} of the same weights. Of the new work, ${formatCount(f.used.tree)} ${f.used.tree === 1 ? 'is' : 'are'} used (downloads or derivatives of their own), ${formatCount(f.used.empty)} empty (no downloads, no derivatives), ${formatCount(f.used.unknown)} without downloads recorded.`;
}

function organisationsSentence(f: FanoutResult): string {
  const top = f.orgs.top.slice(0, 5);
  return `Organisations building on it: ${formatCount(f.orgs.distinct)} besides its own (${plural(f.orgs.baseOrgDerivatives, 'derivative')} by the base's own organisation).${top.length ? ` Most active: ${top.map((o) => `${o.org} (${formatCount(o.models)})`).join(', ')}.` : ''}`;
}

function downloadsSentence(f: FanoutResult, baseUnknown: string | undefined): string {
  const dl = f.downloads;
  return `30-day downloads: base ${dl.base === null ? `unknown${baseUnknown ? ` (${baseUnknown})` : ''}` : formatCount(dl.base)}; derivatives ${formatCount(dl.derivatives)} (known for ${formatCount(dl.known)} of ${formatCount(dl.known + dl.unknown)}; re-uploads ${formatCount(dl.reuploads)}); derivatives' share ${dl.derivativeShare === null ? 'unknown' : formatShare(dl.derivativeShare)}.`;
}
