// `npm run bench`: runs every bench module in dist/bench (or those whose name contains an
// argument) and prints figure, same-run baseline and ratio for each. Each module runs in a fresh
// Node process: one bench's leftovers (a large heap, DuckDB instances and their threads, a
// ClickHouse server shutting down) must not bill the next one (they once made the pypi-logs
// import 35% slower than when run alone).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatResult, type BenchResult } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const ONE = '--module';

async function runModule(file: string): Promise<boolean> {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run?: () => Promise<BenchResult[]> };
  if (typeof mod.run !== 'function') return true;
  console.log(`\n## ${file.replace(/\.js$/, '')}`);
  try {
    for (const r of await mod.run()) console.log(formatResult(r));
    return true;
  } catch (err) {
    console.log(`  failed: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}

if (process.argv[2] === ONE && process.argv[3]) {
  process.exit((await runModule(process.argv[3])) ? 0 : 1);
}

const filters = process.argv.slice(2);
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.js') && !['run.js', 'harness.js'].includes(f) && !f.endsWith('.test.js'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
let failed = 0;
for (const file of modules) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ONE, file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
