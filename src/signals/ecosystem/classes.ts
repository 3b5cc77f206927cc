// The classification rules of the ecosystem report, as data: model families by name, size classes
// by parameters, open vs restricted licences, sizes read from names. The store applies the same
// rules in SQL (HubAggregateQuery); the functions here are their reference for tests. Pure.
import type { FamilyRule, SizeClassRule } from '../../domain/ecosystem.js';

/**
 * First match wins, over the lower-cased model name (the part after `org/`), then over the base
 * model's name. A distillation named after its teacher's maker (deepseek-r1-distill-qwen) goes to
 * the first family named, so the brands come before the bases they are often built on.
 */
export const FAMILY_RULES: readonly FamilyRule[] = [
  { family: 'DeepSeek', pattern: 'deepseek' },
  { family: 'GPT-OSS', pattern: 'gpt-oss' },
  { family: 'Qwen', pattern: 'qwen|qwq' },
  { family: 'Llama', pattern: 'llama' },
  { family: 'Mistral', pattern: 'mistral|mixtral|ministral|codestral|devstral|magistral|pixtral|voxtral' },
  { family: 'Gemma', pattern: 'gemma' },
  { family: 'Phi', pattern: '(^|[^a-z])phi-?[0-9]' },
  { family: 'GLM', pattern: 'glm' },
  { family: 'Kimi', pattern: 'kimi' },
  { family: 'MiniMax', pattern: 'minimax' },
  { family: 'Yi', pattern: '^yi-' },
  { family: 'Falcon', pattern: 'falcon' },
  { family: 'OLMo', pattern: 'olmo' },
  { family: 'Granite', pattern: 'granite' },
  { family: 'Command', pattern: 'command-r|c4ai-command|(^|[^a-z])aya-' },
  { family: 'InternLM', pattern: 'internlm|internvl' },
  { family: 'Hunyuan', pattern: 'hunyuan' },
  { family: 'ERNIE', pattern: 'ernie' },
  { family: 'EXAONE', pattern: 'exaone' },
  { family: 'Nemotron', pattern: 'nemotron' },
  { family: 'SmolLM', pattern: 'smollm|smolvlm' },
  { family: 'MiniCPM', pattern: 'minicpm' },
  { family: 'Baichuan', pattern: 'baichuan' },
  { family: 'StableLM', pattern: 'stablelm' },
  { family: 'Jamba', pattern: 'jamba' },
];
/** Models no rule recognises. */
export const OTHER_FAMILY = 'other';

/** The classes: `min <= parameters < max`. */
export const SIZE_CLASSES: readonly SizeClassRule[] = [
  { name: '<1B', min: 0, max: 1e9 },
  { name: '1–10B', min: 1e9, max: 10e9 },
  { name: '10–50B', min: 10e9, max: 50e9 },
  { name: '≥50B', min: 50e9, max: null },
];
export const UNKNOWN = 'unknown';

/** ≤ 4B parameters runs on a laptop or phone at 4-bit (the edge-capable threshold). */
export const EDGE_MAX_PARAMETERS = 4e9;

/**
 * Hub licence ids (lower case) that are OSI-approved or permissive open-content licences without
 * use restrictions. Every other stated licence (llama*, gemma, openrail*, cc-by-nc*, "other"…) is
 * restricted; no licence, or "unknown", is unknown.
 */
export const OPEN_LICENCES: readonly string[] = [
  'apache-2.0',
  'mit',
  'bsd',
  'bsd-2-clause',
  'bsd-3-clause',
  'bsd-3-clause-clear',
  'isc',
  'unlicense',
  'wtfpl',
  'zlib',
  'bsl-1.0',
  'mpl-2.0',
  'artistic-2.0',
  'afl-3.0',
  'ecl-2.0',
  'epl-1.0',
  'epl-2.0',
  'eupl-1.1',
  'eupl-1.2',
  'osl-3.0',
  'postgresql',
  'ncsa',
  'ms-pl',
  'gpl',
  'gpl-2.0',
  'gpl-3.0',
  'lgpl',
  'lgpl-2.1',
  'lgpl-3.0',
  'lgpl-lr',
  'agpl-3.0',
  'cc0-1.0',
  'cc-by-2.0',
  'cc-by-2.5',
  'cc-by-3.0',
  'cc-by-4.0',
  'cc-by-sa-3.0',
  'cc-by-sa-4.0',
  'odc-by',
  'odbl',
  'pddl',
];
export const LICENCE_CLASSES = ['open', 'restricted', UNKNOWN] as const;

/** `8x7b` (experts × size) in a name: total = product. */
export const NAME_MOE_PATTERN = '(?:^|[^a-z0-9.])([0-9]+)x([0-9]+(?:\\.[0-9]+)?)b(?:[^a-z0-9]|$)';
/** `7b`, `1.5b`, `135m` delimited in a name. */
export const NAME_SIZE_PATTERN = '(?:^|[^a-z0-9.])([0-9]+(?:\\.[0-9]+)?)([bm])(?:[^a-z0-9]|$)';

export const REGION_ORDER = ['us', 'china', 'eu', 'other', UNKNOWN] as const;

/** The name part of `org/name`, lower-cased, as the rules see it. */
export function ruleName(modelId: string): string {
  const slash = modelId.indexOf('/');
  return (slash < 0 ? modelId : modelId.slice(slash + 1)).toLowerCase();
}

export function classifyFamily(
  modelId: string,
  baseModelId?: string,
): { family: string; via: 'name' | 'base-model' | 'none' } {
  const own = FAMILY_RULES.find((r) => new RegExp(r.pattern).test(ruleName(modelId)));
  if (own) return { family: own.family, via: 'name' };
  const base =
    baseModelId === undefined ? undefined : FAMILY_RULES.find((r) => new RegExp(r.pattern).test(ruleName(baseModelId)));
  return base ? { family: base.family, via: 'base-model' } : { family: OTHER_FAMILY, via: 'none' };
}

/** Total parameters read from a model name, or undefined. */
export function parseSizeFromName(modelId: string): number | undefined {
  const name = ruleName(modelId);
  const moe = new RegExp(NAME_MOE_PATTERN).exec(name);
  if (moe) return Number(moe[1]) * Number(moe[2]) * 1e9;
  const m = new RegExp(NAME_SIZE_PATTERN).exec(name);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 'b' ? 1e9 : 1e6);
}

export function sizeClassOf(parameters: number | undefined): string {
  if (parameters === undefined || !Number.isFinite(parameters)) return UNKNOWN;
  return SIZE_CLASSES.find((c) => parameters >= c.min && (c.max === null || parameters < c.max))?.name ?? UNKNOWN;
}

export function licenceClassOf(licence: string | undefined): (typeof LICENCE_CLASSES)[number] {
  const l = (licence ?? '').trim().toLowerCase();
  if (l === '' || l === UNKNOWN) return UNKNOWN;
  return OPEN_LICENCES.includes(l) ? 'open' : 'restricted';
}

/** Bytes per parameter of the weights at each precision (int4 = half a byte; no quantization overhead counted). */
export const PRECISION_BYTES = { fp32: 4, bf16: 2, int8: 1, int4: 0.5 } as const;
export type Precision = keyof typeof PRECISION_BYTES;

/** Memory the weights alone need, in GB (10⁹ bytes), by precision: no KV cache, activations or runtime. */
export function weightsMemoryGb(parameters: number): Record<Precision, number> {
  const out = {} as Record<Precision, number>;
  for (const [k, b] of Object.entries(PRECISION_BYTES) as [Precision, number][]) out[k] = (parameters * b) / 1e9;
  return out;
}
