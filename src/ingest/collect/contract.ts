// The collector contract: what `kept collect` hands each collector (the project, the store, the
// HTTP client, the run's options) and what a collector returns (rows added, parts that failed).
import { errorMessage, KeptError } from '../../domain/errors.js';
import type { Project } from '../../domain/project.js';
import type { KeptHttpClient } from '../../http/client.js';
import type { Upstreams } from '../../http/upstreams.js';
import type { Store } from '../../store/store.js';

export interface CollectOptions {
  /** The run's "now": observations are dated by it; days before its UTC date are complete. */
  readonly asOf: Date;
  /** Collect issues and pull requests updated since this time (default: incremental, first run 90 days). */
  readonly since?: Date;
  /** Most requests one project's star history may use before it is sampled. */
  readonly budget: number;
}

export interface CollectContext {
  readonly project: Project;
  /** Safe for concurrent use: the store orders its own calls. */
  readonly store: Store;
  readonly http: KeptHttpClient;
  readonly upstreams: Upstreams;
  readonly options: CollectOptions;
  /** Progress within the project, e.g. ('stars', 40, 400). */
  progress(part: string, done: number, total?: number): void;
  /** A notice worth a line on stderr (a sampled history, a skipped part). */
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
}

export interface CollectOutcome {
  /** Rows newly stored. */
  readonly added: number;
  readonly failures: readonly CollectFailure[];
}

export interface Collector {
  readonly name: string;
  appliesTo(project: Project): boolean;
  collect(ctx: CollectContext): Promise<CollectOutcome>;
}

/** The failure record of `part` of a project's collection, with the error's hint when it has one. */
export function collectFailure(
  collector: string,
  project: string,
  part: string,
  subject: string,
  err: unknown,
): CollectFailure {
  return {
    collector,
    project,
    part,
    subject,
    error: errorMessage(err),
    ...(err instanceof KeptError && err.hint ? { hint: err.hint } : {}),
  };
}
