// Compiles bulk-load plans (domain/bulk-plan.ts) to ClickHouse SQL. The file is first read by the
// server into a staging table of String columns c0…cN (so empty and malformed values can be found
// and reported, where typed columns would silently read them as 0); `typedSelect` then converts
// each column to its declared type under its plan name, and `compileBulkExpr` builds the
// observation columns over that. Column names come from the plan; literals are escaped here.
import type { BulkColumnType, BulkExpr, BulkLoadPlan } from '../../domain/bulk-plan.js';

/** A ClickHouse string literal: backslash and quote escaped (ClickHouse reads C-style escapes). */
export function chString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\0/g, '\\0')}'`;
}

export function chIdent(name: string): string {
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

export const stageColumn = (i: number): string => `c${i}`;

/** A file column under its plan name, prefixed so it never meets an output alias (ClickHouse
 * aliases are visible in the whole SELECT: a file column `source` would read the alias). */
export const fileColumn = (name: string): string => chIdent(`f_${name}`);

/** Per column: SQL that is 1 when a non-empty value does not parse as the declared type. */
export function malformedCheck(type: BulkColumnType, col: string): string | undefined {
  switch (type) {
    case 'varchar':
      return undefined;
    case 'integer':
    case 'bigint':
      return `(${col} != '' AND NOT match(${col}, '^[-+]?[0-9]+$'))`;
    case 'double':
      return `(${col} != '' AND isNull(toFloat64OrNull(${col})))`;
    case 'date':
      return `(${col} != '' AND toString(toDateOrZero(${col})) != ${col})`;
    case 'timestamp':
      return `(${col} != '' AND isNull(parseDateTimeBestEffortOrNull(${col}, 'UTC')))`;
    case 'boolean':
      return `(${col} != '' AND lower(${col}) NOT IN ('true', 'false', 't', 'f', '1', '0', 'yes', 'no'))`;
  }
}

function typedColumn(type: BulkColumnType, col: string): string {
  switch (type) {
    case 'varchar':
      return col;
    case 'integer':
    case 'bigint':
      return `toInt64OrZero(${col})`;
    case 'double':
      return `toFloat64OrZero(${col})`;
    case 'date':
      return `toDateOrZero(${col})`;
    case 'timestamp':
      return `parseDateTimeBestEffort(${col}, 'UTC')`;
    case 'boolean':
      return `toUInt8(lower(${col}) IN ('true', 't', '1', 'yes'))`;
  }
}

/** SELECT list turning the staging columns into the plan's typed, named columns. */
export function typedSelect(plan: BulkLoadPlan): string {
  return plan.columns.map((c, i) => `${typedColumn(c.type, stageColumn(i))} AS ${fileColumn(c.name)}`).join(', ');
}

type Kind = 'string' | 'number' | 'date' | 'timestamp' | 'bool' | 'ms';
interface Compiled {
  readonly sql: string;
  readonly kind: Kind;
}

function columnKind(t: BulkColumnType): Kind {
  switch (t) {
    case 'varchar':
      return 'string';
    case 'integer':
    case 'bigint':
    case 'double':
      return 'number';
    case 'date':
      return 'date';
    case 'timestamp':
      return 'timestamp';
    case 'boolean':
      return 'bool';
  }
}

function asString(c: Compiled): string {
  return c.kind === 'string' ? c.sql : `toString(${c.sql})`;
}

/** Milliseconds since the epoch, UTC, as Int64. */
function asMs(c: Compiled): string {
  switch (c.kind) {
    case 'ms':
      return c.sql;
    case 'date':
      return `(toInt64(toUInt16(${c.sql})) * 86400000)`;
    case 'timestamp':
      return `(toInt64(toUInt32(${c.sql})) * 1000)`;
    case 'string':
      return `(toInt64(toUInt32(parseDateTimeBestEffort(${c.sql}, 'UTC'))) * 1000)`;
    default:
      return `toInt64(${c.sql})`;
  }
}

/** Values PEP 503 normalisation leaves unchanged (lower-case ASCII words joined by single dashes). */
export const PEP503_NORMAL = '^[a-z0-9]+(-[a-z0-9]+)*$';

/** The file columns under a `pep503` of the plain column in `e`, recursively. */
export function pep503Columns(e: BulkExpr): string[] {
  if ('pep503' in e) return 'col' in e.pep503 ? [e.pep503.col] : pep503Columns(e.pep503);
  if ('lower' in e) return pep503Columns(e.lower);
  if ('asTimestamp' in e) return pep503Columns(e.asTimestamp);
  if ('daysBefore' in e) return [...pep503Columns(e.daysBefore), ...pep503Columns(e.days)];
  if ('concat' in e) return e.concat.flatMap(pep503Columns);
  return [];
}

/**
 * Compiles `e`. `normal` names file columns whose every value PEP 503 normalisation leaves unchanged
 * (checked on the file first): their `pep503` is the column itself, sparing two regex passes a row.
 */
export function compileBulkExpr(e: BulkExpr, plan: BulkLoadPlan, normal: ReadonlySet<string> = NONE): Compiled {
  if ('col' in e) {
    const col = plan.columns.find((c) => c.name === e.col);
    if (!col) throw new TypeError(`bulk plan refers to undeclared column ${e.col}`);
    return { sql: fileColumn(e.col), kind: columnKind(col.type) };
  }
  if ('lit' in e) {
    if (typeof e.lit === 'number') {
      if (!Number.isFinite(e.lit)) throw new TypeError(`not a finite number: ${e.lit}`);
      return { sql: `toFloat64(${String(e.lit)})`, kind: 'number' };
    }
    return { sql: chString(e.lit), kind: 'string' };
  }
  if ('pep503' in e) {
    if ('col' in e.pep503 && normal.has(e.pep503.col)) return compileBulkExpr(e.pep503, plan, normal);
    const inner = asString(compileBulkExpr(e.pep503, plan, normal));
    return {
      sql: `lowerUTF8(replaceRegexpAll(replaceRegexpAll(${inner}, '^ +| +$', ''), '[-_.]+', '-'))`,
      kind: 'string',
    };
  }
  if ('lower' in e) return { sql: `lowerUTF8(${asString(compileBulkExpr(e.lower, plan, normal))})`, kind: 'string' };
  if ('asTimestamp' in e) return { sql: asMs(compileBulkExpr(e.asTimestamp, plan, normal)), kind: 'ms' };
  if ('daysBefore' in e) {
    const base = asMs(compileBulkExpr(e.daysBefore, plan, normal));
    const days = compileBulkExpr(e.days, plan, normal);
    return { sql: `(${base} - toInt64(${days.sql}) * 86400000)`, kind: 'ms' };
  }
  return {
    sql: `concat(${e.concat.map((x) => asString(compileBulkExpr(x, plan, normal))).join(', ')})`,
    kind: 'string',
  };
}

const NONE: ReadonlySet<string> = new Set();

export function compileMs(e: BulkExpr, plan: BulkLoadPlan, normal: ReadonlySet<string> = NONE): string {
  return asMs(compileBulkExpr(e, plan, normal));
}

export function compileString(e: BulkExpr, plan: BulkLoadPlan, normal: ReadonlySet<string> = NONE): string {
  return asString(compileBulkExpr(e, plan, normal));
}

export function compileNumber(e: BulkExpr, plan: BulkLoadPlan, normal: ReadonlySet<string> = NONE): string {
  return `toFloat64(${compileBulkExpr(e, plan, normal).sql})`;
}
