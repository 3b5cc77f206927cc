// Where kept keeps its data by default: $XDG_DATA_HOME/kept/kept.duckdb (~/.local/share/kept).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(base, 'kept');
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultDataDir(env), 'kept.duckdb');
}

/** --db wins, then KEPT_STORE_URL / KEPT_DB, then the config file's `store`, then the default. */
export function resolveStoreLocation(
  flag: string | undefined,
  configStore: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return flag || env.KEPT_STORE_URL || env.KEPT_DB || configStore || defaultDbPath(env);
}

/** A folder of the data kept ships (`data/demo`, `data/catalog`), found from this compiled file. */
export function shippedDataDir(name: 'demo' | 'catalog'): string {
  // dist/src/config/paths.js → <package root>/data/<name>/
  return fileURLToPath(new URL(`../../../data/${name}/`, import.meta.url));
}
