// Collects one project's Hub data: each base model's info and model tree, and each organisation's
// models, normalised like `kept import hf-models` and written one transaction per base model or
// organisation, with the day's count of direct derivatives (per model) or models (per
// organisation). A failing model or organisation is stored as an unknown with its reason
// (`unknown:derivatives` / `unknown:models`) and the rest goes on. `hubCollector` runs it for
// `kept collect`.
import { unknownFact } from '../../domain/collected.js';
import { errorMessage, KeptError } from '../../domain/errors.js';
import { METRICS } from '../../domain/metrics.js';
import type { Fact, Observation, Relation } from '../../domain/observation.js';
import type { Project } from '../../domain/project.js';
import { normalizeSubjectId, subject, type Subject } from '../../domain/subject.js';
import { isoDate, utcDay } from '../../domain/time.js';
import type { HttpClient } from '../../http/http-client.js';
import {
  HF_HUB_SOURCE,
  fetchModelTree,
  listModels,
  modelInfoUrl,
  orgModelsUrl,
  type HubRecord,
} from '../../sources/huggingface/hub.js';
import { normalizeModel } from '../../sources/huggingface/normalize-model.js';
import type { Store } from '../../store/store.js';
import { collectFailure, failedHost, type CollectOutcome, type Collector } from './contract.js';

export interface CollectHubOptions {
  /** The Hub base URL (hubEndpoint(env)). */
  readonly endpoint: string;
  /** The run's clock reading; the snapshot is its UTC day, so a rerun the same day adds nothing. */
  readonly now: Date;
  readonly depth?: number;
  readonly expandLimit?: number;
  readonly pageSize?: number;
  /** Skip the organisation listings (they can be long). */
  readonly skipOrgs?: boolean;
  readonly onProgress?: (message: string) => void;
}

export interface CollectHubFailure {
  readonly subject: string;
  readonly error: string;
  readonly hint?: string;
  /** The host of the request that failed. */
  readonly host?: string;
}

export interface CollectHubResult {
  readonly project: string;
  readonly snapshot: Date;
  readonly models: number;
  readonly orgs: number;
  readonly records: number;
  readonly listings: number;
  /** Data rows newly stored. */
  readonly added: number;
  /** Rows stored that only say why a figure is unknown. */
  readonly explained: number;
  readonly failures: readonly CollectHubFailure[];
}

interface Rows {
  observations: Observation[];
  facts: Fact[];
  relations: Relation[];
  records: number;
  invalid: number;
}

function normalizeAll(records: readonly HubRecord[], snapshot: Date): Rows {
  const rows: Rows = { observations: [], facts: [], relations: [], records: 0, invalid: 0 };
  for (const r of records) {
    const n = normalizeModel(r.model, snapshot);
    if ('error' in n) {
      rows.invalid++;
      continue;
    }
    rows.records++;
    rows.observations.push(...n.observations.map((o) => ({ ...o, origin: r.url })));
    rows.facts.push(...n.facts.map((f) => ({ ...f, origin: r.url })));
    rows.relations.push(...n.relations.map((x) => ({ ...x, origin: r.url })));
  }
  return rows;
}

/** A level observed on the snapshot day. */
function level(sub: Subject, metric: string, value: number, snapshot: Date): Observation {
  return { subject: sub, metric, value, windowStart: snapshot, windowEnd: snapshot, observedAt: snapshot };
}

export async function collectHub(
  client: HttpClient,
  store: Store,
  project: Project,
  options: CollectHubOptions,
): Promise<CollectHubResult> {
  const snapshot = utcDay(options.now);
  const failures: CollectHubFailure[] = [];
  let models = 0;
  let orgs = 0;
  let records = 0;
  let listings = 0;
  let added = 0;
  let explained = 0;
  const write = async (
    origin: string,
    rows: Rows,
    extra: { observations?: Observation[]; facts?: Fact[] } = {},
    explains = false,
  ): Promise<void> => {
    const r = await store.write({
      provenance: { source: HF_HUB_SOURCE, origin, fetchedAt: options.now },
      observations: [...rows.observations, ...(extra.observations ?? [])],
      facts: [...rows.facts, ...(extra.facts ?? [])],
      relations: rows.relations,
    });
    records += rows.records;
    if (explains) explained += r.added;
    else added += r.added;
  };
  // A part that could not be read: a failure for the run's summary, and an unknown in the store so
  // a profile says why the day's figure is missing. The day is in the reason, so a failure on a
  // later day is stored again (facts keep the first time a value was seen).
  const fail = async (
    kind: 'hf' | 'hf-org',
    id: string,
    metric: string,
    origin: string,
    err: unknown,
  ): Promise<void> => {
    const error = errorMessage(err);
    const hint = err instanceof KeptError ? err.hint : undefined;
    const host = failedHost(err);
    failures.push({ subject: `${kind}:${id}`, error, ...(hint ? { hint } : {}), ...(host ? { host } : {}) });
    const sub = normalizeSubjectId(kind, id);
    if (sub === undefined) return; // not an id the store can hold; the failure says why
    const reason = `the Hub snapshot of ${isoDate(snapshot)} could not be read: ${error}`;
    await write(
      origin,
      normalizeAll([], snapshot),
      { facts: [unknownFact({ subject: { kind, id: sub }, metric, reason }, snapshot, origin)] },
      true,
    );
  };
  for (const id of project.hfModels ?? []) {
    options.onProgress?.(`hf:${id} model tree`);
    try {
      const tree = await fetchModelTree(client, options.endpoint, id, {
        ...(options.depth === undefined ? {} : { depth: options.depth }),
        ...(options.expandLimit === undefined ? {} : { expandLimit: options.expandLimit }),
        ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      });
      listings += tree.listings;
      if (!tree.base.found) {
        await fail(
          'hf',
          id,
          METRICS.derivatives,
          tree.base.url,
          `${tree.base.reason} (${tree.base.status} from ${tree.base.url})`,
        );
        continue;
      }
      const rows = normalizeAll([tree.base.record, ...tree.descendants], snapshot);
      // Stored under the id the Hub answered with (it may correct the case), like the records.
      const m = tree.base.record.model;
      const base = subject('hf', typeof m.id === 'string' ? m.id : typeof m.modelId === 'string' ? m.modelId : id);
      const direct = tree.descendants.filter((d) => d.depth === 1).length;
      await write(tree.base.record.url, rows, {
        observations: [{ ...level(base, METRICS.derivatives, direct, snapshot), origin: tree.base.record.url }],
      });
      models++;
      if (rows.invalid)
        failures.push({
          subject: `hf:${id}`,
          error: `${rows.invalid} records in the model tree had no valid id and were skipped`,
        });
    } catch (err) {
      await fail('hf', id, METRICS.derivatives, modelInfoUrl(options.endpoint, id), err);
    }
  }
  if (!options.skipOrgs) {
    for (const org of project.hfOrgs ?? []) {
      options.onProgress?.(`hf-org:${org} models`);
      const url = orgModelsUrl(options.endpoint, org, options.pageSize);
      try {
        const all: HubRecord[] = [];
        listings++;
        for await (const page of listModels(client, url)) all.push(...page);
        await write(url, normalizeAll(all, snapshot), {
          observations: [{ ...level(subject('hf-org', org), METRICS.models, all.length, snapshot), origin: url }],
        });
        orgs++;
      } catch (err) {
        await fail('hf-org', org, METRICS.models, url, err);
      }
    }
  }
  return { project: project.id, snapshot, models, orgs, records, listings, added, explained, failures };
}

/** The Hub as a collector: a project's base models and organisations, one part ('hub'). */
export const hubCollector: Collector = {
  name: 'hf-api',
  appliesTo: (p) => (p.hfModels?.length ?? 0) > 0 || (p.hfOrgs?.length ?? 0) > 0,
  baseUrls: (_p, upstreams) => [{ url: upstreams.hf.endpoint, variable: 'HF_ENDPOINT' }],
  async collect(ctx): Promise<CollectOutcome> {
    ctx.progress('hub', 0);
    try {
      const parts = (ctx.project.hfModels?.length ?? 0) + (ctx.project.hfOrgs?.length ?? 0);
      let done = 0;
      const r = await collectHub(ctx.http, ctx.store, ctx.project, {
        endpoint: ctx.upstreams.hf.endpoint,
        now: ctx.options.asOf,
        // Which model or organisation is under way is progress, not a notice of its own.
        onProgress: (m) => ctx.progress(`hub ${m}`, done++, parts),
      });
      ctx.progress('hub', parts, parts);
      return {
        added: r.added,
        explained: r.explained,
        failures: r.failures.map((f) => ({
          collector: 'hf-api',
          project: ctx.project.id,
          part: 'hub',
          subject: f.subject,
          error: f.error,
          ...(f.hint ? { hint: f.hint } : {}),
          ...(f.host ? { host: f.host } : {}),
        })),
      };
    } catch (err) {
      return { added: 0, failures: [collectFailure('hf-api', ctx.project.id, 'hub', ctx.project.id, err)] };
    }
  },
};
