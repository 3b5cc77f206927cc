// Every command that prints a result takes --format md|html|json|csv, --json and --out (a file, or
// a directory for one CSV file per table), on the demo store; JSON is the view's model and fits
// its schema. Adding a view command adds a row to COMMANDS.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { VIEWS, type ViewName } from '../src/views/registry.js';
import { demoHubStore } from './helpers/demo-hub-store.js';
import { demoStore } from './helpers/demo-store.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/tmp.js';

/** `hub`: the command reads Hub data, which only the full demo store (demoHubStore) holds. */
const COMMANDS: readonly { view: ViewName; args: readonly string[]; hub?: true }[] = [
  { view: 'trend', args: ['trend', 'pypi:vllm', '--as-of', '2026-04-01'] },
  { view: 'profile', args: ['profile', 'vllm', '--as-of', '2026-04-01'] },
  { view: 'verdict', args: ['verdict', 'vllm', '--as-of', '2026-04-01'] },
  { view: 'compare', args: ['compare', 'vllm', 'sglang', '--as-of', '2026-04-01'] },
  { view: 'top', args: ['top', 'pypi'] },
  { view: 'growth', args: ['growth', 'pypi:vllm', 'pypi:sglang'] },
  { view: 'fanout', args: ['fanout', 'hf:deepseek-ai/DeepSeek-V3'], hub: true },
  { view: 'fanout-org', args: ['fanout', '--org', 'deepseek-ai'], hub: true },
  { view: 'ecosystem', args: ['ecosystem'], hub: true },
  { view: 'gap', args: ['gap', '--as-of', '2026-04-01'] },
  { view: 'catalog', args: ['catalog'] },
  { view: 'link', args: ['link', 'vllm'] },
  { view: 'doctor', args: ['doctor', '--offline'] },
  { view: 'digest', args: ['digest', '--from', '2026-01-01', '--to', '2026-04-01'] },
];

for (const c of COMMANDS) {
  test(`kept ${c.args.join(' ')}: md, html, json and csv exit 0; the JSON fits kept.${c.view}`, async () => {
    const { dbPath } = c.hub ? await demoHubStore() : await demoStore();
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

/** A real git repository with a few authors (two companies, a free-mail address, a bot). */
function smallRepository(): string {
  const dir = join(tempDir(), 'repo');
  mkdirSync(dir);
  const git = (args: string[], env: Record<string, string> = {}): void => {
    execFileSync('git', args, { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, ...env }, stdio: 'ignore' });
  };
  git(['init', '-q']);
  const authors: [string, string, string][] = [
    ['Ada', 'ada@huggingface.co', '2025-06-01'],
    ['Bo', 'bo@huggingface.co', '2025-07-01'],
    ['Cy', 'cy@intel.com', '2025-08-01'],
    ['Di', 'di@intel.com', '2025-09-01'],
    ['Ed', 'ed@gmail.com', '2025-10-01'],
    ['dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com', '2025-11-01'],
  ];
  for (const [name, email, date] of authors)
    git(['commit', '-q', '--allow-empty', '-m', `work by ${name}`], {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_AUTHOR_DATE: `${date}T12:00:00Z`,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email,
      GIT_COMMITTER_DATE: `${date}T12:00:00Z`,
    });
  return dir;
}

test('kept contributors <clone>: md, html, json and csv of a real git history; the JSON fits kept.contributors', async () => {
  const dir = smallRepository();
  const db = join(tempDir(), 'k.duckdb');
  for (const format of ['md', 'html', 'json', 'csv']) {
    const r = await runCli([
      '--db',
      db,
      'contributors',
      dir,
      '--as-of',
      '2026-01-01',
      '--no-store',
      '--format',
      format,
    ]);
    assert.equal(r.code, 0, `${format}: ${r.stderr}`);
    if (format === 'json') {
      const parsed = VIEWS.contributors.schema.safeParse(JSON.parse(r.stdout));
      assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3)));
      const all = parsed.data?.windows.find((w) => w.window === 'all');
      assert.deepEqual([all?.commits, all?.bots.commits, all?.elephantFactor], [5, 1, 1]);
    }
    if (format === 'csv') assert.match(r.stdout, /^table,window,commits \(human\),contributors,/);
  }
  assert.equal(existsSync(db), false, '--no-store opens no database');
});

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
