// Readers for values in parsed JSON from outside: each answers the typed value or undefined,
// never throws. Shared by the parsers of issues, releases and kept's own JSON reports.

export const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

export const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

export const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

/** An ISO timestamp string as a Date; undefined when absent, empty or not a date. */
export function date(x: unknown): Date | undefined {
  if (typeof x !== 'string' || x === '') return undefined;
  const d = new Date(x);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
