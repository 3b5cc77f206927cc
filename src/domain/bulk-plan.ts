// A bulk-load plan: how a delimited file becomes observations, as operations rather than SQL.
// Each backend compiles it for its own engine, so a big file is parsed by the database's own
// reader (DuckDB read_csv, ClickHouse input formats) instead of row by row in JavaScript.
import { InputError } from './errors.js';
import type { SubjectKind } from './subject.js';

export type BulkColumnType = 'varchar' | 'integer' | 'bigint' | 'double' | 'date' | 'timestamp' | 'boolean';

/** Expressions over a row of the file. Literals always reach SQL as escaped constants or parameters. */
export type BulkExpr =
  | { readonly col: string }
  | { readonly lit: string | number }
  | { readonly pep503: BulkExpr }
  | { readonly lower: BulkExpr }
  | { readonly asTimestamp: BulkExpr }
  | { readonly daysBefore: BulkExpr; readonly days: BulkExpr }
  | { readonly concat: readonly BulkExpr[] };

export interface BulkLoadPlan {
  /** Path of a local file; `.gz` is read compressed. */
  readonly path: string;
  readonly compression: 'gzip' | 'none';
  readonly delimiter: string;
  /** The file's header, in order, with the type each column must parse as. */
  readonly columns: readonly { readonly name: string; readonly type: BulkColumnType }[];
  /** Columns that may not be empty. */
  readonly required: readonly string[];
  /** Columns that identify a row of the file (e.g. model and date): a file that repeats a key is refused. */
  readonly uniqueBy?: readonly string[];
  /** Columns whose every value must fully match a regular expression (RE2 syntax), e.g. an id shape. */
  readonly matches?: readonly { readonly column: string; readonly regex: string; readonly what: string }[];
  /**
   * Columns whose every value must lie within bounds: numbers (finite, for double columns), or ISO
   * days `YYYY-MM-DD` for date columns. A file with one value outside is refused, naming its line.
   */
  readonly ranges?: readonly BulkRange[];
  readonly observation: BulkObservation;
  /**
   * Further observations made from the same row (e.g. a 30-day count and an all-time level),
   * loaded in the same transaction as `observation`.
   */
  readonly alsoObservations?: readonly BulkObservation[];
}

export interface BulkRange {
  readonly column: string;
  readonly min?: number | string;
  readonly max?: number | string;
  /** What a value must be, e.g. "a download count (a whole number ≥ 0)". */
  readonly what: string;
}

/** How one row of the file becomes one observation. */
export interface BulkObservation {
  readonly subjectKind: SubjectKind;
  readonly subjectId: BulkExpr;
  readonly metric: string;
  readonly value: BulkExpr;
  readonly windowStart: BulkExpr;
  readonly windowEnd: BulkExpr;
  readonly observedAt: BulkExpr;
  readonly dims?: BulkExpr;
  readonly origin?: BulkExpr;
}

export function bulkPlanColumns(plan: BulkLoadPlan): string[] {
  return plan.columns.map((c) => c.name);
}

/** `:N`, the line of the file (the header is line 1) of the 0-based data row `row`; "" when unknown. */
function lineOf(row: number | undefined): string {
  return row === undefined || !Number.isFinite(row) ? '' : `:${row + 2}`;
}

function andMore(n: number): string {
  return n > 1 ? ` (${n} rows in all)` : '';
}

/** Of the rules a load checked (`n` rows broke each, the first at `row`), the one broken earliest in the file. */
export function firstBroken(results: readonly { readonly n: number; readonly row: number }[]): number | undefined {
  let best: number | undefined;
  results.forEach((r, i) => {
    if (r.n > 0 && (best === undefined || r.row < results[best]!.row)) best = i;
  });
  return best;
}

const FIX_ROWS = 'fix or remove those rows, then import again; nothing was imported';

/** A required column empty in `n` rows, the first at data row `row`: the same words on every backend. */
export function emptyColumnError(plan: BulkLoadPlan, column: string, n: number, row?: number): InputError {
  return new InputError(`${plan.path}${lineOf(row)}: an empty "${column}"${andMore(n)}`, { hint: FIX_ROWS });
}

/** A `matches` rule broken by `n` rows, `example` the first offending value (at data row `row`): the same words on every backend. */
export function mismatchError(
  plan: BulkLoadPlan,
  m: NonNullable<BulkLoadPlan['matches']>[number],
  n: number,
  example: unknown,
  row?: number,
): InputError {
  return new InputError(
    `${plan.path}${lineOf(row)}: "${m.column}" ${JSON.stringify(String(example).slice(0, 80))} is not ${m.what}${andMore(n)}`,
    { hint: FIX_ROWS },
  );
}

/** A `ranges` rule broken by `n` rows, `example` the first offending value (at data row `row`). */
export function outOfRangeError(
  plan: BulkLoadPlan,
  r: BulkRange,
  n: number,
  example: unknown,
  row?: number,
): InputError {
  return new InputError(
    `${plan.path}${lineOf(row)}: "${r.column}" ${String(example).slice(0, 80)} is not ${r.what}${andMore(n)}`,
    { hint: FIX_ROWS },
  );
}

/** A `uniqueBy` key repeated: `keys` are the key's values as text, in uniqueBy order. */
export function repeatedKeyError(plan: BulkLoadPlan, n: number, keys: readonly unknown[]): InputError {
  const what = (plan.uniqueBy ?? []).map((c, i) => `${c} ${JSON.stringify(String(keys[i]).slice(0, 80))}`).join(', ');
  return new InputError(`${plan.path}: ${n} rows for the same ${what}`, {
    hint: 'a file must have one row per key; fix the file, nothing was imported',
  });
}
