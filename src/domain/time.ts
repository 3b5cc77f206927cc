// Calendar arithmetic in UTC. Pure: nothing here reads the clock.

export const DAY_MS = 86_400_000;

export function utcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

/** Adds calendar months, clamping the day (Mar 31 - 1 month = Feb 28/29). */
export function addMonths(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const target = new Date(
    Date.UTC(y, m, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target;
}

/** `2026-04-01` */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Parses `YYYY-MM-DD` (or a full ISO timestamp) as UTC; undefined when it is not a real date. */
export function parseIsoDate(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    text.trim(),
  );
  if (!m) return undefined;
  const d = new Date(
    m[4] === undefined
      ? `${m[1]}-${m[2]}-${m[3]}T00:00:00Z`
      : text.trim().replace(' ', 'T') + (m[7] === undefined ? 'Z' : ''),
  );
  if (Number.isNaN(d.getTime())) return undefined;
  if (d.getUTCFullYear() !== Number(m[1]) && m[7] === undefined) return undefined;
  // Reject 2026-02-30 and friends, which Date silently rolls over.
  if (m[4] === undefined && isoDate(d) !== `${m[1]}-${m[2]}-${m[3]}`) return undefined;
  return d;
}

export function daysBetween(a: Date, b: Date): number {
  return (b.getTime() - a.getTime()) / DAY_MS;
}
