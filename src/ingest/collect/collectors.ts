// The registry of live collectors. A collector measures one upstream for one project; `kept collect`
// runs every collector that applies to each project. Adding a source is one line in COLLECTORS.
import type { KeptHttpClient } from '../../http/client.js';
import type { Upstreams } from '../../http/upstreams.js';
import type { Project } from '../../domain/project.js';
import type { Store } from '../../store/store.js';
import { githubCollector } from './github.js';
import { hubCollector, registriesCollector, registryBaseUrls } from './hub-and-registries.js';

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
  /** Safe for concurrent use (calls are serialised). */
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

/** Every collector, for a run whose environment is `env` (registry mirrors: KEPT_*_URL). */
export function collectors(env: NodeJS.ProcessEnv): readonly Collector[] {
  return [githubCollector, hubCollector, registriesCollector(registryBaseUrls(env))];
}
