// What every command receives: streams, environment, the clock, config and the store opener.
// Commands take this instead of reaching for process.* so tests can run them in-process.
import { CATALOG } from '../config/catalog.js';
import { loadConfig, type LoadedConfig } from '../config/load.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir, defaultDbPath, resolveStoreLocation } from '../config/paths.js';
import { resolveProjects } from '../config/resolve.js';
import type { Project } from '../domain/project.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { Progress } from './progress.js';

export interface GlobalOptions {
  readonly db?: string;
  readonly config?: string;
  readonly verbose?: boolean;
  readonly quiet?: boolean;
}

export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
}

export class CliContext {
  private loaded: LoadedConfig | undefined;
  constructor(
    readonly stdout: Output,
    readonly stderr: Output,
    readonly env: NodeJS.ProcessEnv,
    readonly cwd: string,
    readonly now: () => Date,
    readonly globals: GlobalOptions,
  ) {}

  get config(): LoadedConfig {
    if (!this.loaded) {
      this.loaded = loadConfig(this.globals.config, this.env, this.cwd);
      for (const w of this.loaded.warnings) this.warn(w);
    }
    return this.loaded;
  }

  projects(): Project[] {
    return resolveProjects(CATALOG, this.config.config);
  }

  storeLocation(): string {
    return resolveStoreLocation(this.globals.db, this.config.config.store, this.env);
  }

  async openStore(options: { readOnly?: boolean } = {}): Promise<Store> {
    const location = this.storeLocation();
    return openStore(options.readOnly ? this.readLocation(location) : location, { ...options, env: this.env });
  }

  /**
   * Where a read goes: the store named, or, while no default store exists and none was named, the
   * demo's (so `kept profile vllm` works right after `kept demo`). Writes always go to the default
   * store, which the first import or collect creates; from then on reads use it.
   */
  private readLocation(location: string): string {
    const named = this.globals.db || this.env.KEPT_STORE_URL || this.env.KEPT_DB || this.config.config.store;
    if (named || location !== defaultDbPath(this.env) || existsSync(location)) return location;
    const demo = join(defaultDataDir(this.env), 'demo.duckdb');
    if (!existsSync(demo)) return location;
    this.info(
      `kept: reading the demo store ${demo} (there is no ${location} yet; kept import or kept collect creates it)`,
    );
    return demo;
  }

  /** Runs `work` with a store that is always closed afterwards. */
  async withStore<T>(work: (store: Store) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
    const store = await this.openStore(options);
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  print(text: string): void {
    this.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  printJson(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  info(text: string): void {
    if (!this.globals.quiet) this.stderr.write(`${text}\n`);
  }

  warn(text: string): void {
    this.stderr.write(`kept: warning: ${text}\n`);
  }

  progress(label: string): Progress {
    return new Progress(this.stderr, label, this.globals.quiet === true, this.now);
  }
}

/** Wraps a command action so it receives the context (built from the global options) first. */
export type Wrap = <A extends unknown[]>(
  action: (ctx: CliContext, ...args: A) => Promise<void>,
) => (...args: A) => Promise<void>;
