// Golden files: compare rendered output with test/golden/<name>; on mismatch write
// <name>-changed beside it (diff the two, then copy over if the change is right).
// KEPT_UPDATE_GOLDEN=1 rewrites the golden files instead.
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import assert from 'node:assert/strict';

export function assertGolden(name: string, actual: string): void {
  const path = join(process.cwd(), 'test', 'golden', name);
  const changed = `${path}-changed`;
  if (process.env.KEPT_UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    if (process.env.KEPT_UPDATE_GOLDEN !== '1') assert.fail(`golden file ${name} did not exist; written now — review it and run again`);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  if (expected !== actual) {
    writeFileSync(changed, actual);
    assert.fail(`${name} differs from the golden file; see ${changed}`);
  }
  if (existsSync(changed)) rmSync(changed);
}
