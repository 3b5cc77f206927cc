// A bare HttpClient over any fetch (no retries, cache or rate limits), for testing a source's
// requests and parsing on recorded responses. The real client (src/http/client.ts) is tested on
// its own; end-to-end tests use it.
import type { HttpClient, HttpRequestOptions, HttpResponse } from '../../src/http/http-client.js';

function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

export function simpleHttpClient(fetchFn: typeof fetch): HttpClient {
  async function request(
    method: string,
    url: string,
    body: unknown,
    options: HttpRequestOptions | undefined,
    parse: 'json' | 'text',
  ): Promise<HttpResponse<unknown>> {
    const res = await fetchFn(url, {
      method,
      headers: { ...(options?.headers ?? {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      headers[k] = v;
    });
    if (!res.ok && !(options?.acceptStatus ?? []).includes(res.status))
      throw new Error(`HTTP ${res.status} for ${url}`);
    const text = await res.text();
    return {
      status: res.status,
      url,
      headers,
      body: parse === 'json' && text ? JSON.parse(text) : text,
      notModified: false,
    };
  }
  return {
    getJson: async <T>(url: string, o?: HttpRequestOptions) =>
      (await request('GET', url, undefined, o, 'json')) as HttpResponse<T>,
    getText: async (url: string, o?: HttpRequestOptions) =>
      (await request('GET', url, undefined, o, 'text')) as HttpResponse<string>,
    postJson: async <T>(url: string, b: unknown, o?: HttpRequestOptions) =>
      (await request('POST', url, b, o, 'json')) as HttpResponse<T>,
    async *paginate<T>(url: string, o?: HttpRequestOptions) {
      let next: string | undefined = url;
      while (next) {
        const page = (await request('GET', next, undefined, o, 'json')) as HttpResponse<T[]>;
        yield page;
        next = nextLink(page.headers.link ?? null);
      }
    },
  };
}
