// Collects one project's Hub data: each base model's info and model tree, and each organisation's
// models, normalised like `kept import hf-models` and written one transaction per base model or
// organisation. A failing model is recorded and the rest goes on. Used by `kept collect`.
import { errorMessage } from '../domain/errors.js';
import type { Fact, Observation, Relation } from '../domain/observation.js';
import type { Project } from '../domain/project.js';
import { utcDay } from '../domain/time.js';
import type { HttpClient } from '../http/http-client.js';
import { HF_HUB_SOURCE, fetchModelTree, listModels, orgModelsUrl, type HubRecord } from '../sources/huggingface/hub.js';
import { normalizeModel } from '../sources/huggingface/normalize-model.js';
import type { Store } from '../store/store.js';

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
}

export interface CollectHubResult {
  readonly project: string;
  readonly snapshot: Date;
  readonly models: number;
  readonly orgs: number;
  readonly records: number;
  readonly listings: number;
  readonly added: number;
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

export async function collectHub(client: HttpClient, store: Store, project: Project, options: CollectHubOptions): Promise<CollectHubResult> {
  const snapshot = utcDay(options.now);
  const failures: CollectHubFailure[] = [];
  let models = 0;
  let orgs = 0;
  let records = 0;
  let listings = 0;
  let added = 0;
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
        failures.push({ subject: `hf:${id}`, error: `${tree.base.reason} (${tree.base.status} from ${tree.base.url})` });
        continue;
      }
      const rows = normalizeAll([tree.base.record, ...tree.descendants], snapshot);
      const r = await store.write({
        provenance: { source: HF_HUB_SOURCE, origin: tree.base.record.url, fetchedAt: options.now },
        observations: rows.observations,
        facts: rows.facts,
        relations: rows.relations,
      });
      models++;
      records += rows.records;
      added += r.added;
      if (rows.invalid) failures.push({ subject: `hf:${id}`, error: `${rows.invalid} records in the model tree had no valid id and were skipped` });
    } catch (err) {
      failures.push({ subject: `hf:${id}`, error: errorMessage(err) });
    }
  }
  if (!options.skipOrgs) {
    for (const org of project.hfOrgs ?? []) {
      options.onProgress?.(`hf-org:${org} models`);
      try {
        const all: HubRecord[] = [];
        listings++;
        for await (const page of listModels(client, orgModelsUrl(options.endpoint, org, options.pageSize))) all.push(...page);
        const rows = normalizeAll(all, snapshot);
        const r = await store.write({
          provenance: { source: HF_HUB_SOURCE, origin: orgModelsUrl(options.endpoint, org, options.pageSize), fetchedAt: options.now },
          observations: rows.observations,
          facts: rows.facts,
          relations: rows.relations,
        });
        orgs++;
        records += rows.records;
        added += r.added;
      } catch (err) {
        failures.push({ subject: `hf-org:${org}`, error: errorMessage(err) });
      }
    }
  }
  return { project: project.id, snapshot, models, orgs, records, listings, added, failures };
}
