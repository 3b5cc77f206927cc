// The HTTP contract every source uses, and the events the client reports. One implementation
// (src/http/client.ts) adds retries, rate limits, per-host concurrency, the ETag cache and
// redaction; tests inject `fetch`.

export interface HttpRequestOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** Send If-None-Match / If-Modified-Since from the cache and answer 304s from it. Default true for GET. */
  readonly conditional?: boolean;
  /** Accept statuses other than 2xx without throwing (e.g. [404] to read "missing" as data). */
  readonly acceptStatus?: readonly number[];
  /** Override the client's timeout for this request, in ms. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** When the work this request belongs to must end (on the client's clock): no wait or retry runs past it. */
  readonly deadline?: Deadline;
}

/** A point in time (ms on the client's clock) and what set it, for the message when it passes. */
export interface Deadline {
  readonly at: number;
  /** e.g. "the project's deadline (--project-deadline 10m)" */
  readonly label: string;
}

export interface HttpResponse<T> {
  readonly status: number;
  /** The final URL, credentials removed. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: T;
  /** True when the upstream answered 304 and the body came from the cache. */
  readonly notModified: boolean;
}

export interface HttpClient {
  getJson<T = unknown>(url: string, options?: HttpRequestOptions): Promise<HttpResponse<T>>;
  getText(url: string, options?: HttpRequestOptions): Promise<HttpResponse<string>>;
  /** Follows `Link: <…>; rel="next"` (GitHub and the Hub use the same format). */
  paginate<T = unknown>(url: string, options?: HttpRequestOptions): AsyncGenerator<HttpResponse<T[]>>;
  /** POST with a JSON body (GraphQL). Retried only when `idempotent` is set: a GraphQL query is. */
  postJson<T = unknown>(
    url: string,
    body: unknown,
    options?: HttpRequestOptions & { readonly idempotent?: boolean },
  ): Promise<HttpResponse<T>>;
}

/** What the client tells its caller about, for progress lines and summaries. */
export type HttpEvent =
  | {
      readonly type: 'response';
      readonly host: string;
      readonly method: string;
      readonly url: string;
      readonly status: number;
      readonly notModified: boolean;
    }
  | {
      readonly type: 'retry';
      readonly host: string;
      readonly url: string;
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
    }
  | { readonly type: 'pause'; readonly host: string; readonly until: Date; readonly reason: string }
  | {
      readonly type: 'rate';
      readonly host: string;
      readonly remaining: number;
      readonly limit: number | undefined;
      readonly reset: Date | undefined;
    };
