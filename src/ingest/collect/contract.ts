// The collector contract: what `kept collect` hands each collector (the project, the store, the
// HTTP client, the run's options) and what a collector returns (rows added, parts that failed, and
// notes worth the run's summary).
import { errorMessage, HttpError, KeptError } from '../../domain/errors.js';
import type { Project } from '../../domain/project.js';
import type { HttpClient, HttpRequestOptions, HttpResponse } from '../../http/http-client.js';
import type { Upstreams } from '../../http/upstreams.js';
import type { Store } from '../../store/store.js';

export interface CollectOptions {
  /** The run's "now": observations are dated by it; days before its UTC date are complete. */
  readonly asOf: Date;
  /** Collect issues and pull requests updated since this time (default: incremental, first run 90 days). */
  readonly since?: Date;
  /** Most stargazer pages one repository's exact walk may read in a run (the walk continues next run). */
  readonly budget: number;
  /** Also walk the stargazer list star by star, where the token may list it (admins and collaborators). */
  readonly exactStars?: boolean;
}

export interface CollectContext {
  readonly project: Project;
  /** Safe for concurrent use: the store orders its own calls. */
  readonly store: Store;
  /** The run's client, bound to this project's deadline: no request, wait or retry runs past it. */
  readonly http: HttpClient;
  readonly upstreams: Upstreams;
  readonly options: CollectOptions;
  /** Progress within the project, e.g. ('stars', 40, 400). */
  progress(part: string, done: number, total?: number): void;
  /** A notice worth a line on stderr (a skipped part, a value that could not be measured). */
  notice(text: string): void;
}

/** A part that failed, and why: a failing source is data, not a crash. */
export interface CollectFailure {
  readonly collector: string;
  readonly project: string;
  readonly part: string;
  readonly subject: string;
  readonly error: string;
  readonly hint?: string;
  /** The upstream host the failing request went to, when a request failed. */
  readonly host?: string;
}

/** Something the run's summary says about a part that did not fail (where a series came from, a closed list). */
export interface CollectNote {
  readonly collector: string;
  readonly project: string;
  readonly part: string;
  readonly subject: string;
  readonly text: string;
}

export interface CollectOutcome {
  /** Data rows newly stored. */
  readonly added: number;
  /** Rows stored that only explain why a value is unknown (`unknown:<metric>` facts). */
  readonly explained?: number;
  readonly failures: readonly CollectFailure[];
  readonly notes?: readonly CollectNote[];
}

export interface Collector {
  readonly name: string;
  appliesTo(project: Project): boolean;
  /**
   * The base URLs this collector asks for this project, each with the environment variable that sets
   * it: the run checks each host once before the plan, and names the variable of a host that failed.
   */
  baseUrls(project: Project, upstreams: Upstreams): readonly BaseUrl[];
  collect(ctx: CollectContext): Promise<CollectOutcome>;
}

/** An upstream base URL and the environment variable that sets it. */
export interface BaseUrl {
  readonly url: string;
  readonly variable: string;
}

/** The host of the request an error is about, when it is an HTTP error. */
export function failedHost(err: unknown): string | undefined {
  if (!(err instanceof HttpError)) return undefined;
  try {
    return new URL(err.url).host;
  } catch {
    return undefined;
  }
}

/** The failure record of `part` of a project's collection, with the error's hint and host when it has them. */
export function collectFailure(
  collector: string,
  project: string,
  part: string,
  subject: string,
  err: unknown,
): CollectFailure {
  const host = failedHost(err);
  return {
    collector,
    project,
    part,
    subject,
    error: errorMessage(err),
    ...(err instanceof KeptError && err.hint ? { hint: err.hint } : {}),
    ...(host ? { host } : {}),
  };
}

/**
 * A client that remembers every request that failed (threw), for sources that turn a failed request
 * into an explained unknown: the part still counts as failed, with the reason.
 */
export function recordingFailures(http: HttpClient): { readonly http: HttpClient; readonly errors: unknown[] } {
  const errors: unknown[] = [];
  const note = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (err) {
      errors.push(err);
      throw err;
    }
  };
  return {
    errors,
    http: {
      getJson: <T>(url: string, o?: HttpRequestOptions) => note(http.getJson<T>(url, o)),
      getText: (url: string, o?: HttpRequestOptions) => note(http.getText(url, o)),
      postJson: <T>(url: string, body: unknown, o?: HttpRequestOptions & { readonly idempotent?: boolean }) =>
        note(http.postJson<T>(url, body, o)),
      async *paginate<T>(url: string, o?: HttpRequestOptions): AsyncGenerator<HttpResponse<T[]>> {
        const it = http.paginate<T>(url, o);
        for (;;) {
          const r = await note(it.next());
          if (r.done) return;
          yield r.value;
        }
      },
    },
  };
}
