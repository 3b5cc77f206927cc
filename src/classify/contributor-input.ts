// Reads contributor breadth for the verdict from a `kept contributors --json` report
// (kept.contributors/v1, defined on feat/contributors): the last-12-months window, else all time.
// Pure; tolerant of fields it does not need.
import type { ContributorBreadthInput } from './tier.js';
import { isObj, num } from '../domain/json-values.js';

export function contributorsFromReport(data: unknown): ContributorBreadthInput | { error: string } {
  if (!isObj(data) || data.schema !== 'kept.contributors/v1')
    return { error: 'not a kept contributors --json report (schema kept.contributors/v1)' };
  const windows = Array.isArray(data.windows) ? data.windows.filter(isObj) : [];
  const w = windows.find((x) => x.window === '12m' && num(x.commits)) ?? windows.find((x) => x.window === 'all');
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
