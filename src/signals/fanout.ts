// Model fan-out: how many models people built on a base model (fine-tunes, adapters,
// quantizations, merges), directly and over the whole tree, by how many organisations, how much
// of the downloads they draw, how many are mere re-uploads of the same weights, and how many of the
// rest were taken up (downloads, or derivatives of their own) rather than left as empty uploads.
// Pure: the model tree and the latest figures per model come in, with `asOf`. Definitions: docs/fanout.md.

export const FANOUT_RELATIONS = ['finetune', 'adapter', 'quantized', 'merge'] as const;
export type FanoutRelation = (typeof FANOUT_RELATIONS)[number];
/** A card names a base without a Hub relation tag (see normalize-model.ts). */
export const UNCLASSIFIED_RELATION = 'base_model';

export interface FanoutNode {
  readonly id: string;
  readonly author?: string;
  /** Latest 30-day downloads on or before asOf. */
  readonly downloads30d?: number;
  readonly parameters?: number;
  /** 'gguf' | 'mlx' when the record says so. */
  readonly format?: string;
  readonly library?: string;
  /** Spaces using the model (a level), when collected. */
  readonly spaces?: number;
}

export interface FanoutEdge {
  readonly child: string;
  readonly relation: string;
  readonly parent: string;
  /** When kept first saw the relation (relations are stored once, first-seen). */
  readonly firstSeen: Date;
}

export interface FanoutInput {
  readonly base: string;
  readonly edges: readonly FanoutEdge[];
  readonly nodes: ReadonlyMap<string, FanoutNode>;
  readonly asOf: Date;
  /** How deep to walk the tree (1 = direct children only). Default 8. */
  readonly maxDepth?: number;
}

export type RelationCounts = Record<FanoutRelation | 'unclassified', number> & { total: number };

export interface ReuploadMatch {
  readonly id: string;
  readonly relation: string;
  readonly depth: number;
  readonly reason: string;
}

export interface FanoutResult {
  readonly base: string;
  readonly asOf: string;
  /** Children naming the base directly, by relation (a child under two relations counts in both; total counts it once). */
  readonly direct: RelationCounts;
  /** Every descendant within maxDepth, each counted once, by the relation that first reached it. */
  readonly tree: RelationCounts & { readonly depth: number; readonly byDepth: readonly number[] };
  /** Descendants that re-host the same weights (see reuploadReason); counted apart. */
  readonly reuploads: { readonly direct: number; readonly tree: number; readonly models: readonly ReuploadMatch[] };
  /** Derivatives that are new work: tree total minus re-uploads. */
  readonly effective: { readonly direct: number; readonly tree: number };
  /**
   * The new-work derivatives by use: `used` drew downloads (> 0) or have derivatives of their own;
   * `empty` show 0 downloads and no derivatives (an upload nobody took up); `unknown` have no
   * downloads recorded (the Hub's lists often carry only the id) and no derivatives.
   */
  readonly used: {
    readonly direct: number;
    readonly tree: number;
    readonly empty: number;
    readonly unknown: number;
  };
  readonly orgs: {
    /** Distinct authors of descendants, the base's own organisation excluded. */
    readonly distinct: number;
    readonly baseOrgDerivatives: number;
    readonly top: readonly { readonly org: string; readonly models: number }[];
  };
  readonly downloads: {
    readonly base: number | null;
    /** Sum of the latest 30-day downloads of descendants whose downloads are known. */
    readonly derivatives: number;
    readonly reuploads: number;
    readonly known: number;
    readonly unknown: number;
    /** derivatives / (base + derivatives), null when the base's downloads are unknown. */
    readonly derivativeShare: number | null;
  };
  readonly spaces: number | null;
  /** Cumulative direct and tree counts at each day kept first saw a relation (the snapshots). */
  readonly growth: readonly { readonly date: string; readonly direct: number; readonly tree: number }[];
}

function emptyCounts(): RelationCounts {
  return { finetune: 0, adapter: 0, quantized: 0, merge: 0, unclassified: 0, total: 0 };
}

function relationKey(r: string): FanoutRelation | 'unclassified' {
  return (FANOUT_RELATIONS as readonly string[]).includes(r) ? (r as FanoutRelation) : 'unclassified';
}

/** The organisation of a model: its author, else the id's namespace. */
export function modelOrg(id: string, node?: FanoutNode): string {
  if (node?.author) return node.author;
  const slash = id.indexOf('/');
  return slash > 0 ? id.slice(0, slash) : id;
}

// Name tokens that say "same weights, other packaging": formats, precisions, bit widths, quantiser
// names and settings, repackaging words and platform tags. Quant specs (Q4_K_M, IQ3_M, q4f16_1,
// q4-0) are removed before tokenising. Each group names what it covers, with a real Hub name.
const PACKAGING_WORDS: readonly string[] = [
  // file formats and runtimes: TheBloke/Llama-2-7B-Chat-GGUF, jartine/phi-2-llamafile, llmware/llama-2-chat-ov
  'gguf',
  'ggml',
  'mlx',
  'mlc',
  'onnx',
  'openvino',
  'ov',
  'exl2',
  'llamafile',
  'safetensors',
  'tensorrt',
  'trt',
  'neuronx',
  'ct2',
  'coreml',
  // quantisers and their settings: OPEA/DeepSeek-V3-int4-sym-gptq-inc, amd/…-awq-g128-int4-asym-…
  'awq',
  'gptq',
  'autogptq',
  'autoround',
  'hqq',
  'quanto',
  'bnb',
  'nf4',
  'sym',
  'asym',
  'inc',
  'g\\d+',
  'i1',
  'imat',
  'imatrix',
  'ud', // unsloth/DeepSeek-R1-GGUF-UD: "Unsloth Dynamic" quants
  'dynamic',
  'static',
  // precisions and bit widths: nvidia/DeepSeek-R1-FP4, …-QUANTO-float8bit-smashed, …_W8A8_FP8
  '(mx|nv)?fp\\d+',
  'bf16',
  'f\\d+',
  'e4m3',
  'e5m2',
  'u?int\\d+',
  'w\\d+a\\d+',
  '(u?int|float)?\\d+bits?',
  '\\d+bpw',
  // platform tags: amd/…-onnx-ryzen-strix, …-stable-diffusion-3-medium_amdgpu
  'amdgpu',
  'rocm',
  'cuda',
  'cpu',
  'gpu',
  'npu',
  'directml',
  'dml',
  'ryzen',
  'strix',
  'hybrid',
  'webgpu',
  'qnn',
  // repackaging words: Remsky/kokoro-82m-mirror, PrunaAI/…-smashed
  'hf',
  'mirror',
  'copy',
  'reupload',
  'split',
  'sharded',
  'smashed',
  'quantized',
  'quant',
  'quants',
  'weights',
  'original',
  'converted',
  'model',
];
const PACKAGING_TOKEN = new RegExp(`^(${PACKAGING_WORDS.join('|')})$`);
const QUANT_SPEC = /(^|[-_.])(q\d+-\d+|i?q\d+(_[0-9a-z]{1,2}){0,2}|q\d+f\d+(_\d+)?)(?=$|[-_.])/g;

/** Lower-cased name tokens with packaging words removed: `TheBloke/Llama-2-7B-Chat-GGUF` → llama 2 7b chat. */
export function coreNameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .replace(QUANT_SPEC, '$1')
    .split(/[-_.\s]+/)
    .filter((t) => t !== '' && !PACKAGING_TOKEN.test(t));
}

/**
 * Why `child` re-hosts the weights of `parent` unchanged, or undefined when it does not look so.
 * Heuristic (docs/fanout.md): adapters and merges never are (they carry new weights or combine
 * several); a fine-tune or quantization is a re-upload when its name, with the parent's namespace
 * prefix and packaging words (GGUF, MLX, AWQ, bf16, 4bit, Q4_K_M, mirror…) removed, equals the
 * parent's name treated the same way, and its parameter count, when both are known, is within 1%
 * of the parent's (a pruned or resized model is new work even under the same name).
 */
export function reuploadReason(
  child: string,
  relation: string,
  parent: string,
  nodes: ReadonlyMap<string, FanoutNode>,
): string | undefined {
  if (relation === 'adapter' || relation === 'merge') return undefined;
  const childName = child.slice(child.indexOf('/') + 1);
  const parentName = parent.slice(parent.indexOf('/') + 1);
  const parentCore = coreNameTokens(parentName);
  if (parentCore.length === 0) return undefined;
  let core = coreNameTokens(childName);
  // `meta-llama-Llama-2-7b-chat-hf-…`, `deepseek-ai_janus-Pro-7B-fp16`: the parent's namespace as a prefix.
  const ns = parent.includes('/') ? coreNameTokens(parent.slice(0, parent.indexOf('/'))) : [];
  if (ns.length && core.length > parentCore.length && ns.every((t, i) => core[i] === t)) core = core.slice(ns.length);
  if (core.join(' ') !== parentCore.join(' ')) return undefined;
  const cp = nodes.get(child)?.parameters;
  const pp = nodes.get(parent)?.parameters;
  if (cp !== undefined && pp !== undefined && pp > 0 && Math.abs(cp - pp) / pp > 0.01) return undefined;
  const parentTokens = new Set(parentName.toLowerCase().split(/[-_.\s]+/));
  const quant = [...childName.toLowerCase().matchAll(QUANT_SPEC)].map((m) => m[2] ?? '').filter(Boolean);
  const packaging = [
    ...quant,
    ...childName
      .toLowerCase()
      .replace(QUANT_SPEC, '$1')
      .split(/[-_.\s]+/)
      .filter((t) => PACKAGING_TOKEN.test(t) && !parentTokens.has(t)),
  ];
  const fmt = nodes.get(child)?.format;
  const what = [...new Set([...(fmt ? [fmt] : []), ...packaging])].join(', ');
  return `same name as ${parent}${what ? ` (${what})` : ''}${cp !== undefined && pp !== undefined ? ', same parameter count' : ''}`;
}

const DAY = 86_400_000;

export function computeFanout(input: FanoutInput): FanoutResult {
  const maxDepth = Math.max(1, input.maxDepth ?? 8);
  const asOfMs = input.asOf.getTime();
  const edges = input.edges.filter((e) => e.firstSeen.getTime() <= asOfMs && e.child !== e.parent);
  const childrenOf = new Map<string, FanoutEdge[]>();
  for (const e of edges) {
    const list = childrenOf.get(e.parent) ?? [];
    list.push(e);
    childrenOf.set(e.parent, list);
  }
  const order = (a: FanoutEdge, b: FanoutEdge): number =>
    a.child < b.child
      ? -1
      : a.child > b.child
        ? 1
        : FANOUT_RELATIONS.indexOf(relationKey(a.relation) as FanoutRelation) -
          FANOUT_RELATIONS.indexOf(relationKey(b.relation) as FanoutRelation);

  // Direct children, by relation: what the Hub's model tree lists for the base.
  const direct = emptyCounts();
  const directEdges = (childrenOf.get(input.base) ?? []).slice().sort(order);
  const seenPair = new Set<string>();
  const directIds = new Set<string>();
  for (const e of directEdges) {
    const k = relationKey(e.relation);
    const pair = `${e.child}\u0000${k}`;
    if (seenPair.has(pair)) continue;
    seenPair.add(pair);
    direct[k]++;
    directIds.add(e.child);
  }
  direct.total = directIds.size;

  // The tree, breadth first: each descendant once, at its smallest depth, via its first edge.
  const reached = new Map<string, { edge: FanoutEdge; depth: number }>();
  const visited = new Set<string>([input.base]);
  let frontier = [input.base];
  const byDepth: number[] = [];
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const next: string[] = [];
    for (const parent of frontier) {
      for (const e of (childrenOf.get(parent) ?? []).slice().sort(order)) {
        if (visited.has(e.child)) continue;
        visited.add(e.child);
        reached.set(e.child, { edge: e, depth });
        next.push(e.child);
      }
    }
    if (next.length) byDepth.push(next.length);
    frontier = next.sort();
  }
  const tree = emptyCounts();
  for (const { edge } of reached.values()) tree[relationKey(edge.relation)]++;
  tree.total = reached.size;

  const reuploads: ReuploadMatch[] = [];
  for (const [id, { edge, depth }] of [...reached.entries()].sort(
    (a, b) => a[1].depth - b[1].depth || (a[0] < b[0] ? -1 : 1),
  )) {
    const reason = reuploadReason(id, edge.relation, edge.parent, input.nodes);
    if (reason) reuploads.push({ id, relation: edge.relation, depth, reason });
  }
  const reuploadIds = new Set(reuploads.map((r) => r.id));
  const directReuploads = reuploads.filter((r) => r.depth === 1).length;

  // Use: a derivative counts as used when it drew downloads or others built on it in turn.
  const used = { direct: 0, tree: 0, empty: 0, unknown: 0 };
  for (const [id, { depth }] of reached) {
    if (reuploadIds.has(id)) continue;
    const d = input.nodes.get(id)?.downloads30d;
    if ((d !== undefined && d > 0) || (childrenOf.get(id) ?? []).some((e) => e.child !== input.base)) {
      used.tree++;
      if (depth === 1) used.direct++;
    } else if (d === undefined) used.unknown++;
    else used.empty++;
  }

  const baseOrg = modelOrg(input.base, input.nodes.get(input.base));
  const orgCount = new Map<string, number>();
  let baseOrgDerivatives = 0;
  for (const id of reached.keys()) {
    const org = modelOrg(id, input.nodes.get(id));
    if (org === baseOrg) baseOrgDerivatives++;
    else orgCount.set(org, (orgCount.get(org) ?? 0) + 1);
  }
  const top = [...orgCount.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 10)
    .map(([org, models]) => ({ org, models }));

  let derivatives = 0;
  let reuploadDownloads = 0;
  let known = 0;
  for (const id of reached.keys()) {
    const d = input.nodes.get(id)?.downloads30d;
    if (d === undefined) continue;
    known++;
    derivatives += d;
    if (reuploadIds.has(id)) reuploadDownloads += d;
  }
  const baseDl = input.nodes.get(input.base)?.downloads30d;
  const share = baseDl === undefined || baseDl + derivatives === 0 ? null : derivatives / (baseDl + derivatives);

  // Growth: cumulative counts at each day a relation in the tree was first seen.
  const days = [...new Set([...reached.values()].map(({ edge }) => Math.floor(edge.firstSeen.getTime() / DAY)))].sort(
    (a, b) => a - b,
  );
  const growth = days.map((day) => {
    const end = (day + 1) * DAY;
    let d = 0;
    let t = 0;
    for (const { edge, depth } of reached.values()) {
      if (edge.firstSeen.getTime() >= end) continue;
      t++;
      if (depth === 1) d++;
    }
    return { date: new Date(day * DAY).toISOString().slice(0, 10), direct: d, tree: t };
  });

  return {
    base: input.base,
    asOf: input.asOf.toISOString().slice(0, 10),
    direct,
    tree: { ...tree, depth: byDepth.length, byDepth },
    reuploads: { direct: directReuploads, tree: reuploads.length, models: reuploads },
    effective: { direct: direct.total - directReuploads, tree: tree.total - reuploads.length },
    used,
    orgs: { distinct: orgCount.size, baseOrgDerivatives, top },
    downloads: {
      base: baseDl ?? null,
      derivatives,
      reuploads: reuploadDownloads,
      known,
      unknown: reached.size - known,
      derivativeShare: share,
    },
    spaces: input.nodes.get(input.base)?.spaces ?? null,
    growth,
  };
}
