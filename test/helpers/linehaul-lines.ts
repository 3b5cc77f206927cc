// The real PyPI CDN log lines in linehaul's own fixtures (../shared/data/pypi-linehaul/fixtures,
// Apache-2.0, see its LICENSE), for the tests of the log import.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedFile } from './tmp.js';

export const LINEHAUL_FIXTURES = sharedFile('pypi-linehaul/fixtures');

/** Every non-empty line of the fixture logs, in file-name order. */
export function realLinehaulLines(): string[] {
  const dir = LINEHAUL_FIXTURES.path;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.log.gz'))
    .sort()
    .flatMap((f) =>
      gunzipSync(readFileSync(join(dir, f)))
        .toString('utf8')
        .split('\n')
        .filter(Boolean),
    );
}
