// The Interconnects-AI/tracked-models catalog files kept ships in data/catalog/ (see NOTICE.md):
// the organisation → developer-region map and model parameter counts. Pure: text in, facts and
// observations out. A user map in the same format extends or overrides the shipped one.
import { csvTable } from '../domain/csv.js';
import { InputError } from '../domain/errors.js';
import { METRICS } from '../domain/metrics.js';
import { REGION_FACT, type OrgRegion } from '../domain/org-regions.js';
import type { Fact, Observation } from '../domain/observation.js';
import { normalizeSubjectId } from '../domain/subject.js';

export { TRACKED_MODELS_SOURCE } from '../domain/records.js';
export { parseCsv } from '../domain/csv.js';
export {
  REGIONS,
  REGION_COLUMNS,
  REGION_FACT,
  parseOrganizationRegions,
  type OrgRegion,
  type Region,
} from '../domain/org-regions.js';
/** Date of the shipped copy (SOURCE_COMMIT of the upstream repository). */
export const TRACKED_MODELS_DATE = new Date(Date.UTC(2026, 7, 17));

export const PARAMETER_COLUMNS = ['model_id', 'total_params_b', 'active_params_b', 'is_moe', 'notes'] as const;

export interface ModelParameters {
  readonly modelId: string;
  /** Parameter counts, not billions. */
  readonly total: number;
  readonly active?: number;
}

/** `model_id,total_params_b,active_params_b,is_moe,notes`; rows without a total are skipped (counted). */
export function parseModelParameters(text: string, path: string): { rows: ModelParameters[]; skipped: number } {
  const rows: ModelParameters[] = [];
  let skipped = 0;
  for (const { line, cells } of csvTable(text, path, PARAMETER_COLUMNS)) {
    const id = normalizeSubjectId('hf', cells[0] ?? '');
    if (id === undefined)
      throw new InputError(`${path}: line ${line}: "${cells[0] ?? ''}" is not a Hub model id`, {
        hint: 'fix that line; nothing was imported',
      });
    const total = Number((cells[1] ?? '').trim());
    if ((cells[1] ?? '').trim() === '' || !Number.isFinite(total) || total <= 0) {
      skipped++;
      continue;
    }
    const active = Number((cells[2] ?? '').trim());
    rows.push({
      modelId: id,
      total: Math.round(total * 1e9),
      ...((cells[2] ?? '').trim() !== '' && Number.isFinite(active) && active > 0
        ? { active: Math.round(active * 1e9) }
        : {}),
    });
  }
  return { rows, skipped };
}

/** Region facts on `hf-org:<org>` and parameter levels on `hf:<id>`, observed at `at`. */
export function catalogRecords(
  regions: readonly OrgRegion[],
  params: readonly ModelParameters[],
  at: Date,
): { facts: Fact[]; observations: Observation[] } {
  const facts: Fact[] = regions.map((r) => ({
    subject: { kind: 'hf-org', id: r.org },
    name: REGION_FACT,
    value: r.region,
    observedAt: at,
  }));
  const observations: Observation[] = [];
  for (const p of params) {
    const subject = { kind: 'hf', id: p.modelId } as const;
    observations.push({
      subject,
      metric: METRICS.parameters,
      value: p.total,
      windowStart: at,
      windowEnd: at,
      observedAt: at,
    });
    if (p.active !== undefined)
      observations.push({
        subject,
        metric: METRICS.parametersActive,
        value: p.active,
        windowStart: at,
        windowEnd: at,
        observedAt: at,
      });
  }
  return { facts, observations };
}
