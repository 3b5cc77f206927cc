// Loads the gap view's inputs: the download series of the families' PyPI and npm members (30-day
// windows where stored, else daily counts by month) and the cumulative pulls of their images.
// A member with nothing stored is simply absent; the store holding nothing of either family is a NotFoundError.
import type { GapFamilies } from '../../config/gap-families.js';
import { NotFoundError } from '../../domain/errors.js';
import { METRICS } from '../../domain/metrics.js';
import { formatSubject, type Subject } from '../../domain/subject.js';
import type { Store, StoredObservation } from '../../store/store.js';
import { loadDownloadSeriesBulk, type DownloadSeries } from '../shared/download-series.js';
import type { ViewRequest } from '../view.js';

export interface GapRequest extends ViewRequest {
  /** The two families (the catalog's, with kept.yaml's `gap:` lists: resolveGapFamilies). */
  readonly families: GapFamilies;
}

export interface GapInputs {
  /** One series per PyPI or npm member that has downloads stored. */
  readonly downloads: readonly DownloadSeries[];
  /** Cumulative pulls (undimensioned levels) of the Docker Hub and GHCR members. */
  readonly pulls: readonly StoredObservation[];
}

export async function loadGap(store: Store, request: GapRequest): Promise<GapInputs> {
  const byKey = new Map<string, Subject>();
  for (const s of [...request.families.closed.members, ...request.families.open.members])
    byKey.set(formatSubject(s), s);
  const members = [...byKey.values()];
  const packages = members.filter((s) => s.kind === 'pypi' || s.kind === 'npm');
  const images = members.filter((s) => s.kind === 'docker' || s.kind === 'ghcr');
  const series = await loadDownloadSeriesBulk(store, packages);
  const pulls = images.length
    ? await store.observations({ subjects: images, metrics: [METRICS.pullsTotal], dims: '', windowDays: 0 })
    : [];
  if (series.size === 0 && pulls.length === 0)
    throw new NotFoundError(`no downloads or pulls of either gap family's members in ${store.location}`, {
      hint: 'import PyPI snapshots first (kept import pypi-top FILE, or kept demo), or list stored packages in kept.yaml under gap:',
    });
  return { downloads: [...series.values()], pulls };
}
