// The values an imported file may hold, the same for every reader: a download count is a whole
// number ≥ 0, a date lies between 2000-01-01 (before any registry kept reads counted downloads)
// and the day after the import (a time zone ahead of UTC), a name is valid for its registry. A
// value outside them is an InputError naming the file and the line; nothing of the file is stored.
// Pure.
import { InputError } from '../domain/errors.js';
import { normalizeSubjectId, type SubjectKind } from '../domain/subject.js';
import { addDays, isoDate } from '../domain/time.js';

/** The earliest date of any data kept imports. */
export const EARLIEST_DATE = '2000-01-01';

/** The latest date a file imported at `fetchedAt` may carry: the next UTC day. */
export function latestDate(fetchedAt: Date): string {
  return isoDate(addDays(fetchedAt, 1));
}

/** Why `n` is not a download count, or undefined when it is one. */
export function countProblem(n: number): string | undefined {
  if (!Number.isFinite(n)) return `${n} is not a finite number`;
  if (n < 0) return `${n} is negative`;
  if (!Number.isInteger(n)) return `${n} is not a whole number`;
  return undefined;
}

/** Why the ISO day `day` (YYYY-MM-DD) is out of range for an import at `fetchedAt`, or undefined. */
export function dateProblem(day: string, fetchedAt: Date): string | undefined {
  if (day < EARLIEST_DATE) return `${day} is before ${EARLIEST_DATE}`;
  const latest = latestDate(fetchedAt);
  if (day > latest) return `${day} is in the future (after ${latest})`;
  return undefined;
}

/** Why `name` is not a valid name on its registry, or undefined. */
export function nameProblem(kind: SubjectKind, name: string): string | undefined {
  return normalizeSubjectId(kind, name) === undefined
    ? `${JSON.stringify(name.slice(0, 80))} is not a valid ${REGISTRY_NAMES[kind] ?? `${kind} id`}`
    : undefined;
}

const REGISTRY_NAMES: Partial<Record<SubjectKind, string>> = {
  pypi: 'PyPI project name',
  npm: 'npm package name',
  hf: 'Hub model id',
  'hf-org': 'Hub organisation',
  github: 'GitHub repository (owner/name)',
  docker: 'Docker Hub repository',
};

/**
 * A bad value at a line (`where` a line number: `file:12:`) or at an entry of a format without
 * lines (`where` e.g. "row 12"): the file is refused whole.
 */
export function badValueError(path: string, where: number | string, problem: string, field?: string): InputError {
  const at = typeof where === 'number' ? `${path}:${where}` : `${path}: ${where}`;
  return new InputError(`${at}: ${field ? `${field} ` : ''}${problem}`, {
    hint: 'fix or remove that line, then import again; nothing was imported',
  });
}
