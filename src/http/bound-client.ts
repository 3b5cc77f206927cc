// A client whose every request carries the same extra options: a collector's work bound to its
// project's deadline (`deadline`) without passing it through every source function.
import type { HttpClient, HttpRequestOptions, HttpResponse } from './http-client.js';

export function boundClient(http: HttpClient, extra: HttpRequestOptions): HttpClient {
  const merge = <O extends HttpRequestOptions>(o: O | undefined): O => ({ ...extra, ...(o ?? ({} as O)) });
  return {
    getJson: <T>(url: string, o?: HttpRequestOptions): Promise<HttpResponse<T>> => http.getJson<T>(url, merge(o)),
    getText: (url: string, o?: HttpRequestOptions) => http.getText(url, merge(o)),
    postJson: <T>(url: string, body: unknown, o?: HttpRequestOptions & { readonly idempotent?: boolean }) =>
      http.postJson<T>(url, body, merge(o)),
    paginate: <T>(url: string, o?: HttpRequestOptions): AsyncGenerator<HttpResponse<T[]>> =>
      http.paginate<T>(url, merge(o)),
  };
}
