// Hub model record -> kept observations, facts and relations. Pure. Used by the bulk importer
// (`kept import hf-models`), live collection and the ecosystem dumps alike, so every path stores
// a model the same way.
import { METRICS } from '../../domain/metrics.js';
import type { Fact, Observation, Relation } from '../../domain/observation.js';
import { normalizeSubjectId, type Subject } from '../../domain/subject.js';
import { addDays } from '../../domain/time.js';
import type { ApiModel } from './api-types.js';

/** Relations the Hub infers between a model and its base (api-sources.md §1, "Model tree"). */
export const BASE_MODEL_RELATIONS = ['finetune', 'adapter', 'quantized', 'merge'] as const;
export type BaseModelRelation = (typeof BASE_MODEL_RELATIONS)[number];

export interface NormalizedModel {
  readonly subject: Subject;
  readonly observations: Observation[];
  readonly facts: Fact[];
  readonly relations: Relation[];
}

export type NormalizeResult = NormalizedModel | { readonly error: string };

/** Base models named in `base_model:{relation}:{id}` tags, by relation. */
export function parseBaseModelTags(
  tags: readonly unknown[] | undefined,
): { relation: BaseModelRelation; base: string }[] {
  const out: { relation: BaseModelRelation; base: string }[] = [];
  const seen = new Set<string>();
  for (const t of tags ?? []) {
    if (typeof t !== 'string' || !t.startsWith('base_model:')) continue;
    const rest = t.slice('base_model:'.length);
    const colon = rest.indexOf(':');
    if (colon < 0) continue; // plain `base_model:X` repeats the relation tag; the relation tag is authoritative
    const relation = rest.slice(0, colon);
    const base = rest.slice(colon + 1);
    if (!(BASE_MODEL_RELATIONS as readonly string[]).includes(relation)) continue;
    if (normalizeSubjectId('hf', base) === undefined) continue;
    const key = `${relation}\u0000${base}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ relation: relation as BaseModelRelation, base });
  }
  return out;
}

/**
 * The model's bases with their relation. The Hub's `base_model:{relation}:X` tags are
 * authoritative (api-sources.md §1, "Model tree"); a record without them (a card-only dump) falls
 * back to `cardData.base_model`, with the card's own `base_model_relation` when it states one and
 * the relation `base_model` (unclassified) otherwise: kept never guesses the Hub's inference.
 */
export function modelBaseRelations(m: ApiModel): { relation: BaseModelRelation | 'base_model'; base: string }[] {
  const fromTags = parseBaseModelTags(m.tags);
  if (fromTags.length > 0) return fromTags;
  const card = m.cardData;
  if (!card || typeof card !== 'object') return [];
  const raw = card.base_model;
  const bases = (typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : []).filter(
    (b): b is string => typeof b === 'string',
  );
  const rel = card.base_model_relation;
  const relation =
    typeof rel === 'string' && (BASE_MODEL_RELATIONS as readonly string[]).includes(rel)
      ? (rel as BaseModelRelation)
      : 'base_model';
  const out: { relation: BaseModelRelation | 'base_model'; base: string }[] = [];
  for (const b of new Set(bases.map((x) => x.trim())))
    if (normalizeSubjectId('hf', b) !== undefined) out.push({ relation, base: b });
  return out;
}

/** The licence: the `license:` tag (computed by the Hub), else the card's. */
export function modelLicense(m: ApiModel): string | undefined {
  for (const t of m.tags ?? []) if (typeof t === 'string' && t.startsWith('license:')) return t.slice(8).toLowerCase();
  const l = m.cardData?.license;
  if (typeof l === 'string' && l) return l.toLowerCase();
  if (Array.isArray(l) && typeof l[0] === 'string') return (l[0] as string).toLowerCase();
  return undefined;
}

/** Parameter count from safetensors, else GGUF (api-sources.md §1: gguf.total looks like a parameter count [U]). */
export function modelParameters(m: ApiModel): { value: number; from: 'safetensors' | 'gguf' } | undefined {
  const st = m.safetensors?.total;
  if (typeof st === 'number' && Number.isFinite(st) && st > 0) return { value: st, from: 'safetensors' };
  const gg = m.gguf?.total;
  if (typeof gg === 'number' && Number.isFinite(gg) && gg > 0) return { value: gg, from: 'gguf' };
  return undefined;
}

function finiteCount(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/**
 * Normalises one record observed at `observedAt` (the snapshot moment). Counts the record lacks
 * are not stored: a missing `downloads` is unknown, not zero.
 */
export function normalizeModel(raw: unknown, observedAt: Date): NormalizeResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { error: 'not a JSON object' };
  const m = raw as ApiModel;
  const rawId = typeof m.id === 'string' ? m.id : typeof m.modelId === 'string' ? m.modelId : undefined;
  if (rawId === undefined) return { error: 'record has no "id"' };
  const id = normalizeSubjectId('hf', rawId);
  if (id === undefined) return { error: `"${rawId}" is not a Hub model id` };
  const subject: Subject = { kind: 'hf', id };
  const observations: Observation[] = [];
  const level = (metric: string, value: number | undefined): void => {
    if (value === undefined) return;
    observations.push({ subject, metric, value, windowStart: observedAt, windowEnd: observedAt, observedAt });
  };
  const downloads = finiteCount(m.downloads);
  if (downloads !== undefined) {
    // `downloads` is the last 30 days (api-sources.md §1, field table).
    observations.push({
      subject,
      metric: METRICS.downloads,
      value: downloads,
      windowStart: addDays(observedAt, -30),
      windowEnd: observedAt,
      observedAt,
    });
  }
  level(METRICS.downloadsTotal, finiteCount(m.downloadsAllTime));
  level(METRICS.likes, finiteCount(m.likes));
  const params = modelParameters(m);
  level(METRICS.parameters, params?.value);
  // Model info with expand=spaces lists the Spaces using the model; whether the list is capped is
  // unverified (api-sources.md §1), so this is a floor.
  if (Array.isArray(m.spaces)) level(METRICS.spaces, m.spaces.length);

  const facts: Fact[] = [];
  const fact = (name: string, value: unknown): void => {
    if (typeof value === 'string' && value.length > 0 && value.length <= 2000)
      facts.push({ subject, name, value, observedAt });
    else if (typeof value === 'boolean') facts.push({ subject, name, value: String(value), observedAt });
  };
  const author = typeof m.author === 'string' ? m.author : id.includes('/') ? id.slice(0, id.indexOf('/')) : undefined;
  fact('author', author);
  fact('license', modelLicense(m));
  fact('library', m.library_name);
  fact('pipeline_tag', m.pipeline_tag);
  fact('created_at', m.createdAt);
  fact('last_modified', m.lastModified);
  fact('gated', typeof m.gated === 'string' ? m.gated : m.gated);
  if (params) fact('parameters_from', params.from);
  if (m.gguf && typeof m.gguf === 'object') fact('format', 'gguf');
  else if ((m.tags ?? []).includes('gguf')) fact('format', 'gguf');
  else if ((m.tags ?? []).includes('mlx') || m.library_name === 'mlx') fact('format', 'mlx');

  const bases = modelBaseRelations(m);
  // One fact, so "which bases did this model name on that day" is a single lookup.
  fact('base_models', [...new Set(bases.map((b) => b.base))].sort().join(','));

  const relations: Relation[] = bases.map(({ relation, base }) => ({
    from: subject,
    relation,
    to: { kind: 'hf', id: base },
    observedAt,
  }));
  return { subject, observations, facts, relations };
}
