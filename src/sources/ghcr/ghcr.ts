// GitHub Container Registry (api-sources.md §5): no public API gives download counts (the GraphQL
// `statistics.downloadsTotalCount` was deprecated for packages; a 2026 report says it works with
// read:packages + read:org, unverified). The package page shows "Total downloads" with the exact
// number in an `<h3 title="N">` (the shape scrapers parse). When that is absent, the count is an
// explicit unknown with the reason, never a zero.
import { errorMessage } from '../../domain/errors.js';
import type { Collected } from '../../domain/collected.js';
import { emptyCollected } from '../../domain/collected.js';
import { METRICS } from '../../domain/metrics.js';
import type { Subject } from '../../domain/subject.js';
import type { HttpClient } from '../../http/http-client.js';
import { levelObservation } from '../../domain/observation.js';

export const GHCR_SOURCE = 'ghcr-page';
export const GITHUB_WEB_URL = 'https://github.com';

export function ghcrPageUrl(base: string, id: string): string {
  const [owner, name] = id.split('/') as [string, string];
  return `${base.replace(/\/+$/, '')}/orgs/${encodeURIComponent(owner)}/packages/container/package/${encodeURIComponent(name)}`;
}

/** The exact total from the page, or why it could not be read. */
export function parseGhcrTotalDownloads(html: string): { total: number } | { error: string } {
  const at = html.search(/Total downloads/i);
  if (at < 0)
    return { error: 'the package page shows no "Total downloads" (private package, or the page layout changed)' };
  const near = html.slice(Math.max(0, at - 600), at + 600);
  const m = /<h3[^>]*\btitle="([\d,]+)"/i.exec(near);
  if (!m?.[1]) return { error: 'the package page has "Total downloads" but no number beside it' };
  return { total: Number(m[1].replace(/,/g, '')) };
}

export async function fetchGhcrPackage(
  client: HttpClient,
  subject: Subject,
  observedAt: Date,
  options: { baseUrl?: string } = {},
): Promise<Collected> {
  const c = emptyCollected();
  const url = ghcrPageUrl(options.baseUrl ?? GITHUB_WEB_URL, subject.id);
  const unknown = (reason: string): Collected => {
    c.unknowns.push({ subject, metric: METRICS.pullsTotal, reason: `GHCR exposes no download API; ${reason}` });
    return c;
  };
  try {
    const res = await client.getText(url, { acceptStatus: [404] });
    if (res.status === 404)
      return unknown(
        `the package page ${url} does not exist (404): the package is private, under a user rather than an org, or misnamed`,
      );
    const p = parseGhcrTotalDownloads(res.body);
    if ('error' in p) return unknown(p.error);
    c.observations.push(
      levelObservation({ subject, metric: METRICS.pullsTotal, value: p.total, observedAt, origin: url }),
    );
    c.facts.push({
      subject,
      name: `precision:${METRICS.pullsTotal}`,
      value: 'exact (page title attribute); scraped from HTML, not an API: may break when GitHub changes the page',
      observedAt,
      origin: url,
    });
    return c;
  } catch (err) {
    return unknown(`the package page failed: ${errorMessage(err)}`);
  }
}
