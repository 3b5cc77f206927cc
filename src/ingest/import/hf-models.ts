// `kept import hf-models FILE`: a Hub model dump (JSONL or JSON array of /api/models records,
// plain or gzip) into the store in one transaction: facts, counters and base-model relations.
import { resolve } from 'node:path';
import { InputError } from '../../domain/errors.js';
import type { HfModelsImportSummary } from '../../domain/imports.js';
import type { Fact, Observation, Relation } from '../../domain/observation.js';
import { HF_DUMP_SOURCE, hubRecordError, readHubDump, summarySnapshot } from '../../files/hf-dump.js';
import { normalizeModel, type NormalizedModel } from '../../sources/huggingface/normalize-model.js';
import type { Store } from '../../store/store.js';

export interface HfImportOptions {
  /** The snapshot moment; default: the `_summary.csv` beside the file. */
  readonly at?: Date;
  readonly fetchedAt: Date;
}

export async function importHfModels(
  store: Store,
  file: string,
  options: HfImportOptions,
): Promise<HfModelsImportSummary> {
  const path = resolve(file);
  const fromSummary = options.at ? undefined : summarySnapshot(path);
  const snapshot = options.at ?? fromSummary;
  if (!snapshot) {
    throw new InputError(
      `${file}: a Hub dump carries no snapshot date, and no _summary.csv beside it names one for this file`,
      {
        hint: 'pass --at YYYY-MM-DD, the day the records were fetched',
      },
    );
  }
  // The last record per model id wins, in first-seen order.
  const byId = new Map<string, NormalizedModel>();
  let duplicates = 0;
  const records = await readHubDump(path, (raw, line) => {
    const m = normalizeModel(raw, snapshot);
    if ('error' in m) throw hubRecordError(path, line, m.error);
    if (byId.has(m.subject.id)) duplicates++;
    byId.set(m.subject.id, m);
  });
  const observations: Observation[] = [];
  const facts: Fact[] = [];
  const relations: Relation[] = [];
  for (const m of byId.values()) {
    observations.push(...m.observations);
    facts.push(...m.facts);
    relations.push(...m.relations);
  }
  const r = await store.write({
    provenance: { source: HF_DUMP_SOURCE, origin: path, fetchedAt: options.fetchedAt },
    observations,
    facts,
    relations,
  });
  return {
    ...r,
    records,
    models: byId.size,
    duplicates,
    relations: relations.length,
    snapshot,
    snapshotFrom: options.at ? 'option' : 'summary',
  };
}
