// Reads contributor breadth for the verdict from a `kept contributors --json` file (the view,
// kept.contributors/v2 and v3) or a stored report (kept.contributors/v1 and v2): the
// last-12-months window, else all time. A report names the project it describes (its source):
// one about another project is refused. Pure; tolerant of fields it does not need.
import type { ContributorBreadthInput } from './tier.js';
import { isObj, num } from '../domain/json-values.js';

/** The schemas a contributors file may carry: stored reports (v1, v2) and the view's JSON (v2, v3). */
export const CONTRIBUTOR_FILE_SCHEMAS: readonly string[] = [
  'kept.contributors/v1',
  'kept.contributors/v2',
  'kept.contributors/v3',
];

/** The project a verdict is for: its catalog id and GitHub repository, to match the report's source against. */
export interface ContributorReportTarget {
  readonly project: string;
  readonly github?: string | undefined;
}

/** Where a report comes from and the window the verdict would read: what a verdict states about it. */
export interface ContributorReportScope {
  /** The catalog project the report names, or null. */
  readonly project: string | null;
  /** The repository it was read from (a clone's path, or owner/repo). */
  readonly path: string | null;
  /** End of the window read (ISO day). */
  readonly end: string | null;
}

/** The window the verdict reads: the last 12 months when it has commits, else all time. */
function chosenWindow(data: Record<string, unknown>): Record<string, unknown> | undefined {
  const windows = Array.isArray(data.windows) ? data.windows.filter(isObj) : [];
  return windows.find((x) => x.window === '12m' && num(x.commits)) ?? windows.find((x) => x.window === 'all');
}

/** The report's source and window end, or undefined when the data is not a contributors report. */
export function contributorReportScope(data: unknown): ContributorReportScope | undefined {
  if (!isObj(data) || !CONTRIBUTOR_FILE_SCHEMAS.includes(String(data.schema))) return undefined;
  const src = isObj(data.source) ? data.source : {};
  const w = chosenWindow(data);
  const end = String(w?.end ?? data.asOf ?? '').slice(0, 10);
  return {
    project: typeof src.project === 'string' && src.project !== '' ? src.project : null,
    path: typeof src.path === 'string' && src.path !== '' ? src.path : null,
    end: /^\d{4}-\d{2}-\d{2}$/.test(end) ? end : null,
  };
}

/** Why a report may not stand for `target`: it names another project, or another GitHub repository. */
function otherProject(data: Record<string, unknown>, target: ContributorReportTarget): string | undefined {
  const src = isObj(data.source) ? data.source : {};
  if (
    typeof src.project === 'string' &&
    src.project !== '' &&
    src.project.toLowerCase() !== target.project.toLowerCase()
  )
    return `the report describes project ${src.project}, not ${target.project}`;
  if (
    src.kind === 'github' &&
    typeof src.path === 'string' &&
    target.github !== undefined &&
    src.path.toLowerCase() !== target.github.toLowerCase()
  )
    return `the report was read from github:${src.path}, not ${target.project}'s repository github:${target.github}`;
  return undefined;
}

export function contributorsFromReport(
  data: unknown,
  target?: ContributorReportTarget,
): ContributorBreadthInput | { error: string } {
  if (!isObj(data) || !CONTRIBUTOR_FILE_SCHEMAS.includes(String(data.schema)))
    return { error: `not a kept contributors --json report (schema ${CONTRIBUTOR_FILE_SCHEMAS.join(', ')})` };
  const other = target ? otherProject(data, target) : undefined;
  if (other) return { error: other };
  const w = chosenWindow(data);
  if (!w) return { error: 'the report has no 12m or all-time window' };
  const elephantFactor = num(w.elephantFactor);
  const busFactor = num(w.busFactor);
  if (elephantFactor === undefined || busFactor === undefined)
    return { error: `window ${String(w.window)}: elephant or bus factor is null (no attributed commits)` };
  const orgs = Array.isArray(w.organizations) ? w.organizations.length : 0;
  const top = num(w.topOrganizationShare);
  const unattributed = num(w.unattributedShare);
  const src = isObj(data.source) ? data.source : {};
  return {
    organizations: orgs,
    elephantFactor,
    busFactor,
    ...(top !== undefined ? { topOrganizationShare: top } : {}),
    ...(unattributed !== undefined ? { unattributedShare: unattributed } : {}),
    window:
      `${w.window === '12m' ? 'last 12 months' : 'all time'} to ${String(w.end ?? data.asOf ?? '').slice(0, 10)}, ${typeof src.kind === 'string' ? src.kind : 'git'} ${typeof src.path === 'string' ? src.path : ''}`.trim(),
  };
}
