// Reads what a comparison needs: each project's profile inputs, in the order asked. The only I/O
// of the compare view.
import { UsageError } from '../../domain/errors.js';
import type { Project } from '../../domain/project.js';
import type { Store } from '../../store/store.js';
import { loadProfiles, type ProfileInputs } from '../profile/load.js';
import type { VerdictSettings } from '../verdict/load.js';
import type { CompareScale } from './chart-scale.js';
import type { ViewRequest } from '../view.js';

export interface CompareRequest extends ViewRequest {
  readonly projects: readonly Project[];
  readonly settings?: VerdictSettings;
  /** Where the store's usage data ends, when the caller read it already (see VerdictRequest). */
  readonly latestData?: Date | undefined;
  /** How the chart draws the series (default log). */
  readonly scale?: CompareScale;
}

/** Refuses fewer than two, more than four, or the same project twice. */
export function checkCompareProjects(projects: readonly Project[]): void {
  if (projects.length < 2 || projects.length > 4)
    throw new UsageError(`compare takes 2 to 4 projects, not ${projects.length}`, {
      hint: 'e.g. kept compare vllm sglang',
    });
  const dup = projects.find((p, i) => projects.findIndex((x) => x.id === p.id) !== i);
  if (dup) throw new UsageError(`${dup.id} is named twice`, { hint: 'compare different projects' });
}

export async function loadCompare(store: Store, request: CompareRequest): Promise<ProfileInputs[]> {
  checkCompareProjects(request.projects);
  // One date for every project: asked, else where the store's usage data ends.
  return loadProfiles(store, request);
}
