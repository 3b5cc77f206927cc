// Reads a PyPI package's stored daily category counts (from `import pypi-logs` / `pypi-bigquery`)
// or pypistats' with/without-mirrors series, and computes the raw → mirror / CI / bot / remaining
// split over the last `days` days up to asOf. Used by the profile.
import { METRICS } from '../domain/metrics.js';
import { formatDims } from '../domain/observation.js';
import type { Subject } from '../domain/subject.js';
import { DAY_MS, isoDate } from '../domain/time.js';
import { CI_REPORTING_INSTALLERS, computeNoiseSplit, type NoiseSplit } from '../signals/noise.js';
import type { Store, StoredObservation } from '../store/store.js';

export interface StoredNoiseSplit {
  readonly source: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly days: number;
  /** null when the source cannot separate CI (pypistats). */
  readonly split: NoiseSplit | null;
  /** pypistats only: with and without its four mirrors. */
  readonly pypistats?: { readonly withMirrors: number; readonly withoutMirrors: number };
  readonly caveats: readonly string[];
}

export async function loadNoiseSplit(
  store: Store,
  subject: Subject,
  asOf: Date,
  days = 30,
): Promise<StoredNoiseSplit | undefined> {
  const rows = await store.observations({ subjects: [subject], metrics: [METRICS.downloads], windowDays: 1, to: asOf });
  if (rows.length === 0) return undefined;
  const bySource = new Map<string, StoredObservation[]>();
  for (const o of rows) bySource.set(o.source, [...(bySource.get(o.source) ?? []), o]);
  const withCategories = [...bySource.entries()].filter(([, os]) => os.some((o) => o.dims.category !== undefined));
  const pick = (
    withCategories.length
      ? withCategories
      : [...bySource.entries()].filter(([, os]) => os.some((o) => o.dims.pypistats !== undefined))
  )
    .map(([source, os]) => ({ source, os, last: Math.max(...os.map((o) => o.windowEnd.getTime())) }))
    .sort((a, b) => b.last - a.last)[0];
  if (!pick) return undefined;
  const from = pick.last - days * DAY_MS;
  const inWindow = pick.os.filter((o) => o.windowEnd.getTime() > from);
  const sum = (pred: (o: StoredObservation) => boolean) => inWindow.filter(pred).reduce((n, o) => n + o.value, 0);
  const dayCount = new Set(inWindow.map((o) => o.windowStart.getTime())).size;
  const start = isoDate(new Date(Math.min(...inWindow.map((o) => o.windowStart.getTime()))));
  const end = isoDate(new Date(pick.last));
  const raw = sum((o) => formatDims(o.dims) === '');
  if (withCategories.length) {
    const cat = (c: string) => sum((o) => o.dims.category === c && Object.keys(o.dims).length === 1);
    const ciReporting = sum(
      (o) => Object.keys(o.dims).length === 1 && CI_REPORTING_INSTALLERS.includes(o.dims.installer ?? ''),
    );
    const split = computeNoiseSplit({
      raw,
      mirror: cat('mirror'),
      ci: cat('ci'),
      bot: cat('bot'),
      human: cat('human'),
      ciReporting,
    });
    return { source: pick.source, windowStart: start, windowEnd: end, days: dayCount, split, caveats: split.caveats };
  }
  const without = sum((o) => o.dims.pypistats === 'without_mirrors');
  return {
    source: pick.source,
    windowStart: start,
    windowEnd: end,
    days: dayCount,
    split: null,
    pypistats: { withMirrors: raw, withoutMirrors: without },
    caveats: [
      'pypistats removes only bandersnatch, z3c.pypimirror, Artifactory and devpi (not Nexus or pep381client) and cannot separate CI: import PyPI logs or a BigQuery export for the CI split',
    ],
  };
}
