// `kept import hf-models FILE`: a Hub model dump (JSONL or JSON array of /api/models records,
// plain or gzip) into the store in one transaction: facts, counters and base-model relations.
import { resolve } from 'node:path';
import { InputError } from '../../domain/errors.js';
import type { HfModelsImportSummary } from '../../domain/imports.js';
import type { Fact, Observation, Relation } from '../../domain/observation.js';
import { HF_DUMP_SOURCE, hubRecordError, readHubDump, summarySnapshot } from '../../files/hf-dump.js';
import { normalizeModel, type NormalizedModel } from '../../sources/huggingface/normalize-model.js';
import type { Store } from '../../store/store.js';
import { countProblem, dateProblem } from '../../files/values.js';
import { isoDate } from '../../domain/time.js';

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
  const late = dateProblem(isoDate(snapshot), options.fetchedAt);
  if (late)
    throw new InputError(`${file}: the snapshot date ${late}`, {
      hint: 'check --at or the _summary.csv; nothing was imported',
    });
  // The last record per model id wins, in first-seen order.
  const byId = new Map<string, NormalizedModel>();
  let duplicates = 0;
  const records = await readHubDump(path, (raw, line) => {
    const bad = countFieldProblem(raw);
    if (bad) throw hubRecordError(path, line, bad);
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

/** The Hub's counters a record carries, which must be counts when present (null is "not given"). */
const COUNT_FIELDS = ['downloads', 'downloadsAllTime', 'likes'] as const;

/** Why a record's counter is not a count (a negative or non-numeric downloads), or undefined. */
function countFieldProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined; // normalizeModel says why
  for (const f of COUNT_FIELDS) {
    const v = (raw as Record<string, unknown>)[f];
    if (v === undefined || v === null) continue;
    const problem = typeof v === 'number' ? countProblem(v) : `${JSON.stringify(v).slice(0, 40)} is not a number`;
    if (problem) return `"${f}" ${problem}`;
  }
  return undefined;
}
