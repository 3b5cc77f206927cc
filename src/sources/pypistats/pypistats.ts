// pypistats.org JSON API (api-sources.md §3): daily downloads for the last 180 days, `overall`
// with and without mirrors, and splits by Python major version and operating system.
// pypistats removes only four mirror installers (not Nexus, pep381client) and ignores CI.
import { errorMessage } from '../../domain/errors.js';
import type { Collected } from '../../domain/collected.js';
import { emptyCollected } from '../../domain/collected.js';
import { METRICS } from '../../domain/metrics.js';
import type { Observation } from '../../domain/observation.js';
import type { Subject } from '../../domain/subject.js';
import { DAY_MS, parseIsoDate } from '../../domain/time.js';
import type { HttpClient } from '../../http/http-client.js';
import { getJsonOrMissing } from '../../http/json-or-missing.js';

export const PYPISTATS_SOURCE = 'pypistats';
export const PYPISTATS_BASE_URL = 'https://pypistats.org';

export interface ApiPypistatsRow {
  readonly category: string;
  readonly date: string;
  readonly downloads: number;
}

export interface ApiPypistatsList {
  readonly data: readonly ApiPypistatsRow[];
  readonly package: string;
  readonly type: string;
}

export type PypistatsEndpoint = 'overall' | 'python_major' | 'system';

/** pypistats normalises names only by `.`/`_` → `-` (not lower-casing): send the PEP 503 form. */
export function pypistatsUrl(base: string, pkg: string, endpoint: PypistatsEndpoint): string {
  return `${base.replace(/\/+$/, '')}/api/packages/${encodeURIComponent(pkg)}/${endpoint}`;
}

/** Dims per endpoint: `overall` with_mirrors is the raw figure (no dims). */
function dimsFor(endpoint: PypistatsEndpoint, category: string): Readonly<Record<string, string>> | undefined {
  const cat = category === 'null' || category === '' ? 'unknown' : category;
  if (endpoint === 'overall') return cat === 'with_mirrors' ? undefined : { pypistats: cat };
  return { [endpoint]: cat };
}

export function normalizePypistats(
  subject: Subject,
  endpoint: PypistatsEndpoint,
  body: unknown,
  observedAt: Date,
): { observations: Observation[]; error?: string } {
  const b = body as Partial<ApiPypistatsList> | null;
  if (b === null || typeof b !== 'object' || !Array.isArray(b.data))
    return { observations: [], error: `pypistats ${endpoint}: the body has no data list` };
  const out: Observation[] = [];
  let bad = 0;
  for (const row of b.data as unknown[]) {
    const r = row as Partial<ApiPypistatsRow>;
    const day = typeof r.date === 'string' ? parseIsoDate(r.date) : undefined;
    if (!day || typeof r.downloads !== 'number' || !Number.isFinite(r.downloads) || typeof r.category !== 'string') {
      bad++;
      continue;
    }
    const end = new Date(day.getTime() + DAY_MS);
    const dims = dimsFor(endpoint, r.category);
    out.push({
      subject,
      metric: METRICS.downloads,
      value: r.downloads,
      windowStart: day,
      windowEnd: end,
      observedAt,
      ...(dims ? { dims } : {}),
    });
  }
  return bad
    ? { observations: out, error: `pypistats ${endpoint}: ${bad} malformed rows skipped` }
    : { observations: out };
}

export interface PypistatsOptions {
  readonly baseUrl?: string;
  readonly endpoints?: readonly PypistatsEndpoint[];
}

/** Fetches every endpoint; a missing package or a failed endpoint becomes an unknown, not a throw. */
export async function fetchPypistats(
  client: HttpClient,
  subject: Subject,
  observedAt: Date,
  options: PypistatsOptions = {},
): Promise<Collected> {
  const c = emptyCollected();
  const base = options.baseUrl ?? PYPISTATS_BASE_URL;
  for (const endpoint of options.endpoints ?? (['overall', 'python_major', 'system'] as const)) {
    const url = pypistatsUrl(base, subject.id, endpoint);
    try {
      const res = await getJsonOrMissing(client, url);
      if (res.missing) {
        c.unknowns.push({
          subject,
          metric: `pypistats.${endpoint}`,
          reason: `pypistats.org has no package ${subject.id} (404)`,
        });
        break; // every endpoint would say the same
      }
      const n = normalizePypistats(subject, endpoint, res.body, observedAt);
      c.observations.push(...n.observations.map((o) => ({ ...o, origin: url })));
      if (n.error) c.unknowns.push({ subject, metric: `pypistats.${endpoint}`, reason: n.error });
    } catch (err) {
      c.unknowns.push({
        subject,
        metric: `pypistats.${endpoint}`,
        reason: `pypistats.org ${endpoint} failed: ${errorMessage(err)}`,
      });
    }
  }
  return c;
}
