// Golden files: compare output with test/fixtures/<area>/<name>.<ext>; on mismatch write
// <name>-changed.<ext> beside it (review, then move it over the golden) and fail. KEPT_UPDATE_GOLDEN=1 rewrites them.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function assertGolden(area: string, name: string, actual: string): void {
  const path = join(process.cwd(), 'test', 'fixtures', area, name);
  const changed = path.replace(/(\.[^./]+)?$/, '-changed$1');
  if (process.env.KEPT_UPDATE_GOLDEN === '1') {
    writeFileSync(path, actual);
    rmSync(changed, { force: true });
    return;
  }
  if (!existsSync(path)) {
    writeFileSync(changed, actual);
    assert.fail(`no golden file ${path}: wrote ${changed}; review it and rename it to ${name}`);
  }
  const expected = readFileSync(path, 'utf8');
  if (expected === actual) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, actual);
  assert.equal(actual, expected, `output differs from ${path}; the new output is in ${changed}`);
}
