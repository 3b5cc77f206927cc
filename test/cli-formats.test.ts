// Every command that prints a result takes --format md|html|json|csv, --json and --out (a file, or
// a directory for one CSV file per table), on the demo store; JSON is the view's model and fits
// its schema. Adding a view command adds a row to COMMANDS.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { VIEWS, type ViewName } from '../src/views/registry.js';
import { demoStore } from './helpers/demo-store.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/tmp.js';

const COMMANDS: readonly { view: ViewName; args: readonly string[] }[] = [
  { view: 'trend', args: ['trend', 'pypi:vllm', '--as-of', '2026-04-01'] },
  { view: 'profile', args: ['profile', 'vllm', '--as-of', '2026-04-01'] },
  { view: 'verdict', args: ['verdict', 'vllm', '--as-of', '2026-04-01'] },
  { view: 'compare', args: ['compare', 'vllm', 'sglang', '--as-of', '2026-04-01'] },
];

for (const c of COMMANDS) {
  test(`kept ${c.args.join(' ')}: md, html, json and csv exit 0; the JSON fits kept.${c.view}`, async () => {
    const { dbPath } = await demoStore();
    for (const format of ['md', 'html', 'json', 'csv']) {
      const r = await runCli(['--db', dbPath, ...c.args, '--format', format]);
      assert.equal(r.code, 0, `${format}: ${r.stderr}`);
      assert.ok(r.stdout.length > 0, `${format}: empty output`);
      if (format === 'json') {
        const parsed = VIEWS[c.view].schema.safeParse(JSON.parse(r.stdout));
        assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3)));
      }
      if (format === 'html') assert.match(r.stdout, /^<!doctype html>/);
    }
    const short = await runCli(['--db', dbPath, ...c.args, '--json']);
    assert.equal(short.code, 0);
    assert.match(JSON.parse(short.stdout).schema, new RegExp(`^kept\\.${c.view}/v\\d+$`));
    assert.ok(VIEWS[c.view].schema.safeParse(JSON.parse(short.stdout)).success);
  });
}

test('--format csv --out DIR writes one file per table; --out FILE one file; a bad format is a usage error', async () => {
  const { dbPath } = await demoStore();
  const dir = join(tempDir(), 'csv');
  const r = await runCli([
    '--db',
    dbPath,
    'trend',
    'pypi:sglang',
    '--as-of',
    '2026-04-01',
    '--format',
    'csv',
    '--out',
    `${dir}/`,
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(dir).sort(), ['figures.csv', 'months.csv', 'series-chart-data.csv']);
  assert.match(
    readFileSync(join(dir, 'months.csv'), 'utf8'),
    /^month,downloads \(downloads \/ month\),window ends\r\n2025-10,/,
  );
  const file = join(tempDir(), 'trend.html');
  assert.equal((await runCli(['--db', dbPath, 'trend', 'pypi:sglang', '--format', 'html', '--out', file])).code, 0);
  assert.ok(existsSync(file));
  const bad = await runCli(['--db', dbPath, 'trend', 'pypi:sglang', '--format', 'pdf']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format pdf is not an output format/);
  const clash = await runCli(['--db', dbPath, 'trend', 'pypi:sglang', '--json', '--format', 'md']);
  assert.equal(clash.code, 2);
});
