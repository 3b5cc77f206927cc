// The library face as a user gets it: `npm pack` (the files package.json ships), installed into
// a new project with npm, imported by its name, used to seed a store from a file and ask for a
// verdict. Only the package's entry point is reachable.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './helpers/tmp.js';

const PROGRAM = `
import { CATALOG, IMPORT_KINDS, findProject, openStore, renderDocument, view, viewDocument } from 'kept';

const [file, db] = process.argv.slice(2);
const store = await openStore(db);
try {
  await IMPORT_KINDS['pypi-top'].run(store, { file, fetchedAt: new Date('2026-04-15T00:00:00Z') });
  const verdict = await view('verdict', store, {
    project: findProject(CATALOG, 'vllm'),
    asOf: new Date('2026-04-01T00:00:00Z'),
    today: new Date('2026-04-15T00:00:00Z'),
  });
  const md = renderDocument(viewDocument('verdict', verdict), 'md');
  console.log(JSON.stringify({ schema: verdict.schema, tier: verdict.tier, heading: md.split('\\n')[0] }));
} finally {
  await store.close();
}
try {
  await import('kept/dist/src/cli/main.js');
  console.log('deep import: allowed');
} catch (err) {
  console.log('deep import: ' + err.code);
}
`;

test('the packed package installs into a new project; import { view } from "kept" computes a verdict on a seeded store', () => {
  const dir = tempDir('kept-lib-');
  // --ignore-scripts: dist/ is built already, and the prepare script would rebuild it under the other tests.
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { stdio: 'ignore' });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack wrote a tarball');
  const app = join(dir, 'app');
  execFileSync('mkdir', [app]);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'uses-kept', private: true, type: 'module', dependencies: { kept: `file:../${tarball}` } }),
  );
  writeFileSync(join(app, 'main.mjs'), PROGRAM);
  // The dependencies come from npm's cache when it has them (npm ci filled it), else the registry.
  const install = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: app,
    encoding: 'utf8',
  });
  assert.equal(install.status, 0, install.stderr);
  const run = spawnSync(
    process.execPath,
    ['main.mjs', join(process.cwd(), 'data', 'demo', 'pypi-top-catalog.csv.gz'), join(app, 'k.duckdb')],
    { cwd: app, encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
  const [result, deep] = run.stdout.trim().split('\n');
  const out = JSON.parse(result ?? '{}') as { schema: string; tier: { id: string; label: string }; heading: string };
  assert.equal(out.schema, 'kept.verdict/v2');
  assert.ok(out.tier.label.length > 0 && out.tier.id !== 'unknown', `a tier from the downloads: ${out.tier.id}`);
  assert.match(out.heading, /^# vLLM/);
  assert.equal(
    deep,
    'deep import: ERR_PACKAGE_PATH_NOT_EXPORTED',
    'nothing under src/ but the entry point is reachable',
  );
});
