// GET a JSON document where "missing" (404/410) is data, not an error (the registry sources), and
// a non-JSON or truncated body fails with a message that says so. Reads text so a 404 page in HTML
// never reaches JSON.parse.
import { HttpError, errorMessage } from '../domain/errors.js';
import type { HttpClient, HttpRequestOptions } from './http-client.js';

export type JsonOrMissing =
  | { readonly missing: false; readonly body: unknown; readonly url: string }
  | { readonly missing: true; readonly status: number; readonly url: string };

export async function getJsonOrMissing(
  client: HttpClient,
  url: string,
  options: HttpRequestOptions = {},
): Promise<JsonOrMissing> {
  const res = await client.getText(url, { ...options, acceptStatus: [...(options.acceptStatus ?? []), 404, 410] });
  if (res.status === 404 || res.status === 410) return { missing: true, status: res.status, url: res.url };
  try {
    return { missing: false, body: JSON.parse(res.body) as unknown, url: res.url };
  } catch (err) {
    throw new HttpError('GET', res.url, res.status, `malformed JSON (${res.body.length} bytes: ${errorMessage(err)})`, {
      hint: 'the upstream or a proxy answered something else; retry later, or check the base URL',
      cause: err,
    });
  }
}
