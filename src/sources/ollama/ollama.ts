// Ollama library pages (api-sources.md §7): there is no API. Pull counts exist only in HTML as
// abbreviated text (`<span x-test-pull-count>11.3M</span>`), next to the tag count and a relative
// "updated" time. The count is stored with its precision (`precision:pulls_total`), and a page
// that cannot be parsed is an explicit unknown, never a zero.
import { errorMessage } from '../../domain/errors.js';
import type { Collected } from '../../domain/collected.js';
import { emptyCollected } from '../../domain/collected.js';
import { METRICS } from '../../domain/metrics.js';
import type { Subject } from '../../domain/subject.js';
import type { HttpClient } from '../../http/http-client.js';
import { levelObservation } from '../../domain/observation.js';

export const OLLAMA_SOURCE = 'ollama-library';
export const OLLAMA_BASE_URL = 'https://ollama.com';

export interface AbbreviatedCount {
  readonly value: number;
  /** Half a unit of the last shown digit: "11.3M" is 11,300,000 ± 50,000. */
  readonly plusMinus: number;
  readonly text: string;
}

const SCALE: Readonly<Record<string, number>> = { '': 1, K: 1e3, M: 1e6, B: 1e9 };

/** "11.3M" → 11,300,000 ± 50,000; "950" → 950 ± 0; "1,234" → 1234; undefined when not a count. */
export function parseAbbreviatedCount(text: string): AbbreviatedCount | undefined {
  const t = text.trim().replace(/,/g, '');
  const m = /^(\d+)(?:\.(\d+))?\s*([KMB]?)$/i.exec(t);
  if (!m) return undefined;
  const scale = SCALE[(m[3] ?? '').toUpperCase()] ?? 1;
  const decimals = m[2]?.length ?? 0;
  const value = Math.round(Number(`${m[1]}.${m[2] ?? '0'}`) * scale);
  const plusMinus = scale === 1 ? 0 : scale / 10 ** decimals / 2;
  return { value, plusMinus, text: text.trim() };
}

function attrText(html: string, attr: string): string | undefined {
  const re = new RegExp(`<[^>]*\\b${attr}\\b[^>]*>([^<]*)<`, 'i');
  return re.exec(html)?.[1]?.trim();
}

export interface OllamaPage {
  readonly pulls: AbbreviatedCount | undefined;
  readonly tags: number | undefined;
  readonly updated: string | undefined;
}

export function parseOllamaPage(html: string): OllamaPage {
  const pullText = attrText(html, 'x-test-pull-count');
  const tagText = attrText(html, 'x-test-tag-count');
  const tags = tagText === undefined ? undefined : parseAbbreviatedCount(tagText)?.value;
  return {
    pulls: pullText === undefined ? undefined : parseAbbreviatedCount(pullText),
    tags,
    updated: attrText(html, 'x-test-updated'),
  };
}

export function ollamaLibraryUrl(base: string, model: string): string {
  const name = model.split(':')[0]!;
  return `${base.replace(/\/+$/, '')}/${name.includes('/') ? name : `library/${name}`}`;
}

export async function fetchOllamaModel(
  client: HttpClient,
  subject: Subject,
  observedAt: Date,
  options: { baseUrl?: string } = {},
): Promise<Collected> {
  const c = emptyCollected();
  const url = ollamaLibraryUrl(options.baseUrl ?? OLLAMA_BASE_URL, subject.id);
  try {
    const res = await client.getText(url, { acceptStatus: [404] });
    if (res.status === 404) {
      c.unknowns.push({
        subject,
        metric: METRICS.pullsTotal,
        reason: `ollama.com has no library page for ${subject.id} (404)`,
      });
      return c;
    }
    const page = parseOllamaPage(res.body);
    if (page.pulls) {
      c.observations.push(
        levelObservation({ subject, metric: METRICS.pullsTotal, value: page.pulls.value, observedAt, origin: url }),
      );
      c.facts.push({
        subject,
        name: `precision:${METRICS.pullsTotal}`,
        value: `±${page.pulls.plusMinus} (shown as "${page.pulls.text}")`,
        observedAt,
        origin: url,
      });
    } else {
      c.unknowns.push({
        subject,
        metric: METRICS.pullsTotal,
        reason:
          'the ollama.com page has no readable x-test-pull-count (the page layout changed, or the model is not in the library)',
      });
    }
    if (page.tags !== undefined)
      c.observations.push(
        levelObservation({ subject, metric: METRICS.tags, value: page.tags, observedAt, origin: url }),
      );
    else
      c.unknowns.push({
        subject,
        metric: METRICS.tags,
        reason: 'the ollama.com page has no readable x-test-tag-count',
      });
    // "1 week ago" is relative to the page's render time: kept stores it verbatim, not as a date.
    if (page.updated) c.facts.push({ subject, name: 'ollama.updated', value: page.updated, observedAt, origin: url });
  } catch (err) {
    c.unknowns.push({ subject, metric: METRICS.pullsTotal, reason: `ollama.com failed: ${errorMessage(err)}` });
  }
  return c;
}
