// Parsers of option values shared by commands: each returns the value or throws a UsageError
// whose hint shows the expected form.
import { UsageError } from '../domain/errors.js';
import { isoDate, parseIsoDate } from '../domain/time.js';

export function parseDateOption(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = parseIsoDate(value);
  if (!d)
    throw new UsageError(`${flag} ${value} is not a date`, {
      hint: `write ${flag} YYYY-MM-DD, e.g. ${flag} ${isoDate(new Date(Date.UTC(2026, 3, 1)))}`,
    });
  return d;
}
