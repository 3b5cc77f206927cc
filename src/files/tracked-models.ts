// The Interconnects-AI/tracked-models catalog files kept ships in data/catalog/ (see NOTICE.md):
// the organisation → developer-region map and model parameter counts. Pure: text in, facts and
// observations out. A user map in the same format extends or overrides the shipped one.
import { InputError, errorMessage } from '../domain/errors.js';
import { METRICS } from '../domain/metrics.js';
import type { Fact, Observation } from '../domain/observation.js';
import { normalizeSubjectId } from '../domain/subject.js';

export { TRACKED_MODELS_SOURCE } from '../domain/records.js';
/** Date of the shipped copy (SOURCE_COMMIT of the upstream repository). */
export const TRACKED_MODELS_DATE = new Date(Date.UTC(2026, 7, 17));

export const REGIONS = ['us', 'china', 'eu', 'other', 'unknown'] as const;
export type Region = (typeof REGIONS)[number];
/** Fact name on `hf-org` subjects. */
export const REGION_FACT = 'region';

export const REGION_COLUMNS = ['hf_org', 'region', 'notes'] as const;
export const PARAMETER_COLUMNS = ['model_id', 'total_params_b', 'active_params_b', 'is_moe', 'notes'] as const;

/** RFC 4180 CSV: quoted fields with doubled quotes and embedded commas/newlines. Lines starting with `#` before the header are comments. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const s = text.replace(/^\uFEFF/, '');
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      row.push(field);
      field = '';
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = [];
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    i++;
  }
  if (quoted) throw new InputError('unterminated quoted field', { hint: 'check the quotes in the file' });
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function table(text: string, path: string, columns: readonly string[]): { line: number; cells: string[] }[] {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    throw new InputError(`${path}: ${errorMessage(err)}`, {
      hint: 'check the quotes in the file; nothing was imported',
      cause: err,
    });
  }
  if (rows.length === 0)
    throw new InputError(`${path}: the file is empty`, {
      hint: `expected "${columns.join(',')}"; nothing was imported`,
    });
  const start = rows.findIndex((r) => !(r[0] ?? '').trimStart().startsWith('#'));
  const header = (rows[start] ?? []).map((c) => c.trim());
  if (start < 0 || header.length !== columns.length || header.some((c, i) => c !== columns[i])) {
    throw new InputError(`${path}: unexpected columns "${header.join(',').slice(0, 200)}"`, {
      hint: `expected "${columns.join(',')}"; nothing was imported`,
    });
  }
  return rows.slice(start + 1).map((cells, i) => ({ line: start + i + 2, cells }));
}

export interface OrgRegion {
  readonly org: string;
  readonly region: Region;
  readonly notes: string;
}

/** `hf_org,region,notes`; a bad organisation or an unknown region is an InputError naming the line. */
export function parseOrganizationRegions(text: string, path: string): OrgRegion[] {
  return table(text, path, REGION_COLUMNS).map(({ line, cells }) => {
    const org = normalizeSubjectId('hf-org', cells[0] ?? '');
    const region = (cells[1] ?? '').trim().toLowerCase();
    if (org === undefined)
      throw new InputError(`${path}: line ${line}: "${cells[0] ?? ''}" is not a Hub organisation`, {
        hint: 'fix that line; nothing was imported',
      });
    if (!(REGIONS as readonly string[]).includes(region)) {
      throw new InputError(`${path}: line ${line}: unknown region "${cells[1] ?? ''}"`, {
        hint: `use one of: ${REGIONS.join(', ')}; nothing was imported`,
      });
    }
    return { org, region: region as Region, notes: (cells[2] ?? '').trim() };
  });
}

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
  for (const { line, cells } of table(text, path, PARAMETER_COLUMNS)) {
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
