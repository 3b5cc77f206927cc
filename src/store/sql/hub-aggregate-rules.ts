// The ecosystem's classification rules (HubAggregateQuery: families, size classes, sizes from
// names, open licences) compiled to SQL CASE expressions once for both engines; each engine's
// dialect supplies only its literals, RE2 matching, capture groups and casts.
import type { HubAggregateQuery } from '../../domain/ecosystem.js';

export interface RuleDialect {
  /** An escaped string literal. */
  str(s: string): string;
  /** True where the RE2 pattern matches anywhere in the text (NULL text: NULL). */
  matches(text: string, pattern: string): string;
  /** Capture group `group` of the leftmost match, as text (only called where `matches` holds). */
  group(text: string, pattern: string, group: number): string;
  /** Text as DOUBLE, NULL when it does not parse. */
  toDouble(text: string): string;
  /** Lower-cased, spaces trimmed from both ends. */
  trimLower(text: string): string;
}

export function num(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`not a finite number: ${n}`);
  return String(n);
}

/**
 * The first family whose pattern matches `col`, or NULL. The patterns joined into one alternation
 * (RE2 matches it where any of them matches) rule out the names no rule matches in one pass; only
 * the rest are tried rule by rule, in order.
 */
export function familySql(d: RuleDialect, q: HubAggregateQuery, col: string): string {
  if (q.families.length === 0) return 'NULL';
  const any = q.families.map((f) => `(?:${f.pattern})`).join('|');
  const each = q.families.map((f) => `WHEN ${d.matches(col, f.pattern)} THEN ${d.str(f.family)}`).join(' ');
  return `CASE WHEN NOT ${d.matches(col, any)} THEN NULL ${each} ELSE NULL END`;
}

/** Total parameters written in the (lower-cased) name: `8x7b` experts first, then `7b` / `135m`; NULL without. */
export function nameParamsSql(d: RuleDialect, q: HubAggregateQuery, col: string): string {
  const moe = (i: number): string => d.toDouble(d.group(col, q.nameMoePattern, i));
  const size = (i: number): string => d.group(col, q.nameSizePattern, i);
  return `CASE
      WHEN ${d.matches(col, q.nameMoePattern)} THEN ${moe(1)} * ${moe(2)} * 1e9
      WHEN ${d.matches(col, q.nameSizePattern)} THEN ${d.toDouble(size(1))} * (CASE ${size(2)} WHEN 'b' THEN 1e9 ELSE 1e6 END)
      ELSE NULL END`;
}

/** The size class of a parameter count (`min <= p < max`), `unknown` without one. */
export function sizeClassSql(d: RuleDialect, q: HubAggregateQuery, col: string): string {
  const whens = q.sizeClasses.map(
    (c) => `WHEN ${col} >= ${num(c.min)}${c.max === null ? '' : ` AND ${col} < ${num(c.max)}`} THEN ${d.str(c.name)}`,
  );
  return `CASE WHEN ${col} IS NULL THEN 'unknown' ${whens.join(' ')} ELSE 'unknown' END`;
}

/** open / restricted / unknown (none, empty or `unknown`). */
export function licenceClassSql(d: RuleDialect, q: HubAggregateQuery, col: string): string {
  return `CASE WHEN ${col} IS NULL OR ${d.trimLower(col)} IN ('', 'unknown') THEN 'unknown'
           WHEN ${d.trimLower(col)} IN (${q.openLicences.map((l) => d.str(l)).join(', ') || "''"}) THEN 'open' ELSE 'restricted' END`;
}

/**
 * Precedence of the organisation → region sources, highest wins (each engine adds the stored
 * fact's time, in its own unit, below the next band): stored copies of the shipped map, the
 * shipped map applied at query time, stored user maps (the later import wins), kept.yaml's map.
 */
export const REGION_PRECEDENCE = { storedCatalog: 0, shipped: 1, storedUser: 2, configured: 3 } as const;

/** The maps a query applies, as (org, region, precedence band) rows. */
export function regionMapRows(q: HubAggregateQuery): { org: string; region: string; band: number }[] {
  const m = q.regionMaps;
  if (!m) return [];
  return [
    ...m.shipped.map((r) => ({ ...r, band: REGION_PRECEDENCE.shipped })),
    ...m.configured.map((r) => ({ ...r, band: REGION_PRECEDENCE.configured })),
  ];
}
