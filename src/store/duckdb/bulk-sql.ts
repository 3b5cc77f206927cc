// Compiles bulk-load expressions (domain/bulk-plan.ts) to DuckDB SQL. Column names must be declared
// in the plan; literals are escaped here, so nothing from a file's content reaches SQL text.
import type { BulkColumnType, BulkExpr, BulkLoadPlan } from '../../domain/bulk-plan.js';

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(v: string | number): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError(`not a finite number: ${v}`);
    return String(v);
  }
  return `'${v.replace(/'/g, "''")}'`;
}

export function duckdbType(t: BulkColumnType): string {
  switch (t) {
    case 'varchar':
      return 'VARCHAR';
    case 'integer':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'double':
      return 'DOUBLE';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'boolean':
      return 'BOOLEAN';
  }
}

export function compileBulkExpr(e: BulkExpr, plan: BulkLoadPlan): string {
  if ('col' in e) {
    if (!plan.columns.some((c) => c.name === e.col))
      throw new TypeError(`bulk plan refers to undeclared column ${e.col}`);
    return quoteIdent(e.col);
  }
  if ('lit' in e) return literal(e.lit);
  if ('pep503' in e) {
    // Most names are already normalised; the regex replace runs only on those that may not be.
    // trim(), the replace and lower() leave a name of only [a-z0-9-] with no "--" unchanged, and
    // one RE2 match tells so (cheaper than three contains(), a lower() and a trim() per row).
    const x = compileBulkExpr(e.pep503, plan);
    return `(CASE WHEN contains(${x}, '--') OR NOT regexp_full_match(${x}, '[a-z0-9-]*')
      THEN lower(regexp_replace(trim(${x}), '[-_.]+', '-', 'g')) ELSE ${x} END)`;
  }
  if ('lower' in e) return `lower(${compileBulkExpr(e.lower, plan)})`;
  if ('asTimestamp' in e) return `CAST(${compileBulkExpr(e.asTimestamp, plan)} AS TIMESTAMP)`;
  if ('daysBefore' in e) {
    return `(CAST(${compileBulkExpr(e.daysBefore, plan)} AS TIMESTAMP) - to_days(CAST(${compileBulkExpr(e.days, plan)} AS INTEGER)))`;
  }
  return `concat(${e.concat.map((x) => compileBulkExpr(x, plan)).join(', ')})`;
}
