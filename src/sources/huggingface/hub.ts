// The Hugging Face Hub API source: model info, a base model's derivatives (the model tree) and an
// organisation's models, through the shared HttpClient (retries, rate limits, ETag cache and
// redaction live there). Yields raw /api/models records with the URL they came from; the caller
// normalises them (normalize-model.ts) exactly as `kept import hf-models` does. Facts about the
// API: ../shared/docs/api-sources.md §1 ("api-sources" below).
import { HttpError } from '../../domain/errors.js';
import type { HttpClient } from '../../http/http-client.js';
import type { ApiModel } from './api-types.js';
import { BASE_MODEL_RELATIONS, type BaseModelRelation } from './normalize-model.js';

export const HF_HUB_SOURCE = 'hf-hub';
export const HF_DEFAULT_ENDPOINT = 'https://huggingface.co';

/**
 * The Hub's base URL: `HF_ENDPOINT` as huggingface_hub reads it, else huggingface.co. Trailing
 * slashes dropped so paths join cleanly.
 */
export function hubEndpoint(env: Readonly<Record<string, string | undefined>>): string {
  const e = env.HF_ENDPOINT?.trim();
  return (e && e.length ? e : HF_DEFAULT_ENDPOINT).replace(/\/+$/, '');
}

/**
 * Fields asked of every model. `expand` returns only what it lists and cannot be combined with
 * `full`/`cardData`/`config` (api-sources, "List parameters"). Sent as repeated `expand=`, the
 * form the official clients use ([V]); `expand[]=` is only reported by third parties ([O]).
 */
export const MODEL_FIELDS = [
  'author',
  'createdAt',
  'lastModified',
  'downloads',
  'downloadsAllTime',
  'likes',
  'library_name',
  'pipeline_tag',
  'tags',
  'gated',
  'cardData',
  'safetensors',
  'gguf',
] as const;
/** Model info also lists the Spaces using the model (api-sources: `expand=spaces`). */
export const MODEL_INFO_FIELDS = [...MODEL_FIELDS, 'spaces'] as const;
/** The official JS client's page size (api-sources, "Pagination"); 1000 is only claimed by third parties. */
export const DEFAULT_PAGE_SIZE = 500;

function expandQuery(fields: readonly string[]): string {
  return fields.map((f) => `expand=${encodeURIComponent(f)}`).join('&');
}

/** `org/name` → `org/name` with each segment encoded (the slash is part of the path). */
function modelPath(id: string): string {
  return id.split('/').map(encodeURIComponent).join('/');
}

export function modelInfoUrl(endpoint: string, id: string): string {
  return `${endpoint}/api/models/${modelPath(id)}?${expandQuery(MODEL_INFO_FIELDS)}`;
}

/**
 * Children of `base` under one relation: `filter=base_model:{relation}:{id}` (api-sources, "Model
 * tree"). The id is case-sensitive: the wrong case lists nothing, so callers pass the id the model
 * info returned. Sorted by downloads (always descending: `direction` is dead).
 */
export function childrenUrl(
  endpoint: string,
  base: string,
  relation: BaseModelRelation,
  pageSize = DEFAULT_PAGE_SIZE,
): string {
  return `${endpoint}/api/models?filter=${encodeURIComponent(`base_model:${relation}:${base}`)}&sort=downloads&${expandQuery(MODEL_FIELDS)}&limit=${pageSize}`;
}

export function orgModelsUrl(endpoint: string, org: string, pageSize = DEFAULT_PAGE_SIZE): string {
  return `${endpoint}/api/models?author=${encodeURIComponent(org)}&sort=downloads&${expandQuery(MODEL_FIELDS)}&limit=${pageSize}`;
}

/** A record and the URL of the response it came in (provenance). */
export interface HubRecord {
  readonly model: ApiModel;
  readonly url: string;
}

export type ModelInfoResult =
  | { readonly found: true; readonly record: HubRecord }
  | { readonly found: false; readonly url: string; readonly status: number; readonly reason: string };

function isRecord(x: unknown): x is ApiModel {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function modelId(m: ApiModel): string | undefined {
  return typeof m.id === 'string' ? m.id : typeof m.modelId === 'string' ? m.modelId : undefined;
}

/**
 * One model's info. A missing or private model is data, not a crash: the Hub answers 401 (no
 * token) or 404 (api-sources: "Unauthenticated requests for a non-existent repo return 401").
 */
export async function fetchModelInfo(client: HttpClient, endpoint: string, id: string): Promise<ModelInfoResult> {
  const url = modelInfoUrl(endpoint, id);
  const res = await client.getJson<unknown>(url, { acceptStatus: [401, 403, 404] });
  if (res.status === 401 || res.status === 403 || res.status === 404) {
    const code = res.headers['x-error-code'];
    const reason =
      res.status === 404 || code === 'RepoNotFound'
        ? `the model ${id} does not exist on the Hub, or is private (ids are case-sensitive)`
        : res.status === 403
          ? `the model ${id} is gated or private and the token has no access`
          : `the Hub answered 401 for ${id}: it does not exist, or is private (set HF_TOKEN if you have access)`;
    return { found: false, url: res.url, status: res.status, reason };
  }
  const answered = isRecord(res.body) ? modelId(res.body) : undefined;
  if (answered === undefined) {
    throw new HttpError('GET', res.url, res.status, 'the response is not a Hub model record', {
      hint: 'check HF_ENDPOINT points at the Hub API',
    });
  }
  // The Hub may correct the case of an id (the walk then uses its spelling), but a record of
  // another model is a wrong answer (a proxy, a renamed repository): storing it would file one
  // model's figures under another's id.
  if (answered.toLowerCase() !== id.toLowerCase()) {
    throw new HttpError('GET', res.url, res.status, `the Hub answered with the record of "${answered}", not "${id}"`, {
      hint: 'if the repository was renamed, use its new id; else check HF_ENDPOINT points at the Hub API',
    });
  }
  return { found: true, record: { model: res.body as ApiModel, url: res.url } };
}

/**
 * Every page of a /api/models listing (cursor pagination over `Link: <…>; rel="next"`). Every
 * recorded Hub model record carries `id`, and the official JS client's ModelEntry requires it
 * (api-sources §1), so a page that is not an array of records with ids is a wrong answer and fails
 * the listing: dropping the odd items would store a tree with children silently missing.
 */
export async function* listModels(client: HttpClient, url: string): AsyncGenerator<HubRecord[]> {
  for await (const page of client.paginate<unknown>(url)) {
    if (!Array.isArray(page.body))
      throw new HttpError('GET', page.url, page.status, 'expected a JSON array of models', {
        hint: 'check HF_ENDPOINT points at the Hub API',
      });
    const bad = page.body.findIndex((m) => !isRecord(m) || modelId(m) === undefined);
    if (bad >= 0)
      throw new HttpError(
        'GET',
        page.url,
        page.status,
        `item ${bad} of the listing is not a Hub model record with an id`,
        { hint: 'check HF_ENDPOINT points at the Hub API' },
      );
    yield (page.body as ApiModel[]).map((model) => ({ model, url: page.url }));
  }
}

export interface ModelTreeOptions {
  /** 1 = direct children only. Default 2. */
  readonly depth?: number;
  /**
   * Below the base, at each level only the N most-downloaded models found are walked further
   * (each walk costs one listing per relation, most of them empty). Default 50.
   */
  readonly expandLimit?: number;
  readonly pageSize?: number;
  readonly relations?: readonly BaseModelRelation[];
}

export interface ModelTree {
  /** The base's own record (from model info), when it exists. */
  readonly base: ModelInfoResult;
  /** Every descendant record, each model once (first listing wins), with its depth. */
  readonly descendants: readonly (HubRecord & { readonly depth: number })[];
  readonly listings: number;
}

/**
 * The model tree of `id`: its info, then its children by relation, level by level to `depth`.
 * The walk uses the id as the Hub spells it in the model info, since the filter is case-sensitive.
 */
export async function fetchModelTree(
  client: HttpClient,
  endpoint: string,
  id: string,
  options: ModelTreeOptions = {},
): Promise<ModelTree> {
  const depth = Math.max(1, options.depth ?? 2);
  const expandLimit = Math.max(0, options.expandLimit ?? 50);
  const relations = options.relations ?? BASE_MODEL_RELATIONS;
  const base = await fetchModelInfo(client, endpoint, id);
  const descendants: (HubRecord & { depth: number })[] = [];
  let listings = 0;
  if (!base.found) return { base, descendants, listings };
  const canonical = modelId(base.record.model) ?? id;
  const seen = new Set<string>([canonical]);
  let frontier = [canonical];
  for (let level = 1; level <= depth && frontier.length; level++) {
    const next: { id: string; downloads: number }[] = [];
    for (const parent of frontier) {
      for (const relation of relations) {
        listings++;
        for await (const page of listModels(client, childrenUrl(endpoint, parent, relation, options.pageSize))) {
          for (const r of page) {
            const cid = modelId(r.model);
            if (cid === undefined || seen.has(cid)) continue;
            seen.add(cid);
            descendants.push({ ...r, depth: level });
            next.push({ id: cid, downloads: typeof r.model.downloads === 'number' ? r.model.downloads : -1 }); // unknown sorts last
          }
        }
      }
    }
    // Deeper levels: the most-downloaded children only (ties by id, so runs are reproducible).
    frontier = next
      .sort((a, b) => b.downloads - a.downloads || (a.id < b.id ? -1 : 1))
      .slice(0, expandLimit)
      .map((x) => x.id);
  }
  return { base, descendants, listings };
}
