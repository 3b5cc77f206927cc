// Temporary directories for tests, removed when the process exits.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const made: string[] = [];
process.on('exit', () => {
  if (process.env.KEPT_KEEP_TMP) return;
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

export function tempDir(prefix = 'kept-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

/**
 * The shared real-data directory (../shared/data beside the checkout, or KEPT_SHARED_DATA), or
 * undefined when this checkout has none. Tests that need the full files skip with `needSharedData`.
 */
export const SHARED_DATA: string | undefined = findSharedData();

function findSharedData(): string | undefined {
  const env = process.env.KEPT_SHARED_DATA;
  if (env) return existsSync(env) ? env : undefined;
  let dir = resolve(process.cwd());
  for (;;) {
    const candidate = join(dir, '..', 'shared', 'data');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return existsSync('/work/shared/data') ? '/work/shared/data' : undefined;
}

/** The path of a shared data file, or a skip reason for node:test when it is not here. */
export function sharedFile(rel: string): { path: string; skip: string | false } {
  const path = SHARED_DATA ? join(SHARED_DATA, rel) : rel;
  return existsSync(path)
    ? { path, skip: false }
    : {
        path,
        skip: `needs the shared real data (${rel}): put ../shared/data beside the checkout or set KEPT_SHARED_DATA`,
      };
}
