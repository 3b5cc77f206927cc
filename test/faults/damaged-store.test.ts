// Damaged and foreign store files: a kept store cut short at seeded lengths, with one bit flipped at
// seeded offsets, and files kept did not make (another program's DuckDB database, SQLite, gzip, text,
// random bytes, an empty file). Every command that opens the store is run on each, as the real
// executable: each must exit 7 with one `kept: error:` line and its hint (never an internal error,
// exit 70) and leave the file byte for byte as it was, with nothing created beside it. Sizes:
// KEPT_DAMAGED_FILES (cuts and flips each), KEPT_DAMAGED_FOREIGN; seed KEPT_DAMAGED_SEED.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { before, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { rng } from '../helpers/faults.js';
import { runBin } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';
import { recordSummary, runBinAsync } from './common.js';

const FILES = Number(process.env.KEPT_DAMAGED_FILES ?? 1);
const FOREIGN = Number(process.env.KEPT_DAMAGED_FOREIGN ?? 1);
const SEED = Number(process.env.KEPT_DAMAGED_SEED ?? 20261207);
const DEMO_DATA = join(process.cwd(), 'data', 'demo');

let demo: string;
let env: NodeJS.ProcessEnv;

before(() => {
  const home = tempDir('kept-damaged-');
  env = {
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    // collect must fail on the store, never reach the network: every upstream is a closed port.
    GITHUB_API_URL: 'http://127.0.0.1:9',
    HF_ENDPOINT: 'http://127.0.0.1:9',
    GITHUB_TOKEN: 'ghp_DamagedStoreSuiteToken00000000000001',
    KEPT_HTTP_BACKOFF_MS: '1',
    KEPT_HTTP_TIMEOUT_MS: '500',
  };
  const r = runBin(['demo'], env);
  assert.equal(r.code, 0, r.stderr);
  demo = join(home, 'data', 'kept', 'demo.duckdb');
});

/** Every command that opens the store, with the arguments a user would give it. */
function commands(db: string): string[][] {
  const on = (...args: string[]): string[] => ['--db', db, ...args];
  return [
    on('profile', 'vllm'),
    on('compare', 'vllm', 'sglang'),
    on('trend', 'pypi:vllm'),
    on('growth', 'pypi:vllm'),
    on('verdict', 'vllm'),
    on('top', 'pypi'),
    on('fanout', 'hf:deepseek-ai/DeepSeek-V3'),
    on('ecosystem'),
    on('contributors', 'vllm'),
    on('link', 'vllm'),
    on('import', 'pypi-top', join(DEMO_DATA, 'pypi-top-catalog.csv.gz')),
    on('demo'),
    on('collect', 'vllm', '--sources', 'github'),
    on('doctor', '--offline'),
    on('serve', '--port', '0'),
    ['migrate', '--from', db, '--to', 'clickhouse://default@127.0.0.1:9/kept'],
  ];
}

async function foreignDuckDb(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  await conn.run('CREATE TABLE observations (a INTEGER, b VARCHAR)');
  await conn.run("INSERT INTO observations VALUES (1, 'x')");
  conn.closeSync();
  instance.closeSync();
}

interface Damaged {
  readonly kind: 'truncated' | 'bit-flipped' | 'foreign';
  readonly label: string;
  readonly path: string;
}

/** The files of the run, each alone in its own directory (so anything created beside it shows). */
async function damagedFiles(): Promise<Damaged[]> {
  const random = rng(SEED);
  const bytes = readFileSync(demo);
  const files: Damaged[] = [];
  const place = (kind: Damaged['kind'], label: string, body?: Buffer): string => {
    const dir = join(tempDir(), `${files.length}`);
    mkdirSync(dir);
    const path = join(dir, 'store.duckdb');
    if (body) writeFileSync(path, body);
    files.push({ kind, label, path });
    return path;
  };
  for (let i = 0; i < FILES; i++) {
    const at = 1 + Math.floor(random() * (bytes.length - 1));
    place('truncated', `cut at ${at} of ${bytes.length} bytes`, bytes.subarray(0, at));
  }
  for (let i = 0; i < FILES; i++) {
    const at = Math.floor(random() * bytes.length);
    const bit = Math.floor(random() * 8);
    const flipped = Buffer.from(bytes);
    flipped[at] = flipped[at]! ^ (1 << bit);
    place('bit-flipped', `bit ${bit} of byte ${at} flipped`, flipped);
  }
  const noise = Buffer.alloc(65_536);
  for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(random() * 256);
  const foreign: [string, () => Promise<Buffer | undefined>][] = [
    ['another program’s DuckDB database', async () => undefined],
    ['a SQLite database', async () => Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080)])],
    ['random bytes', async () => noise],
    ['a gzip file', async () => gzipSync(Buffer.from('snapshot_date,window_days\n'))],
    ['a text file', async () => Buffer.from('projects:\n  - id: vllm\n')],
    ['an empty file', async () => Buffer.alloc(0)],
  ];
  for (const [label, body] of foreign.slice(0, FOREIGN)) {
    const content = await body();
    const path = place('foreign', label, content);
    if (!content) await foreignDuckDb(path);
  }
  return files;
}

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const listing = (file: string): string => readdirSync(join(file, '..')).sort().join(' ');

test('damaged store: for truncated, bit-flipped and foreign files, every command exits 7 with one line and never writes', async () => {
  const files = await damagedFiles();
  const tally = { runs: 0, exit7: 0, oneLine: 0, unchanged: 0, internal: 0 };
  const failures: string[] = [];
  for (const file of files) {
    const before = { sha: sha(file.path), listing: listing(file.path) };
    const cmds = commands(file.path);
    // Two at a time: the machine's CPUs, and two readers of one file is what users do too.
    for (let i = 0; i < cmds.length; i += 2) {
      const batch = cmds.slice(i, i + 2);
      const runs = await Promise.all(
        batch.map((args) =>
          runBinAsync(args, env, (child) => {
            // A command that opened the file would run on (serve): the check below fails it.
            setTimeout(() => child.kill('SIGKILL'), 60_000).unref();
          }),
        ),
      );
      for (const [k, r] of runs.entries()) {
        const what = `${file.kind} (${file.label}): kept ${batch[k]!.join(' ')}`;
        tally.runs++;
        const lines = r.stderr.trimEnd().split('\n');
        if (r.code === 70 || /internal error/.test(r.stderr)) tally.internal++;
        if (r.code === 7) tally.exit7++;
        else failures.push(`${what}: exit ${r.code}\n${r.stderr}`);
        if (/^kept: error: /.test(lines[0] ?? '') && lines.length <= 2 && !/\n\s+at /.test(r.stderr)) tally.oneLine++;
        else failures.push(`${what}: not one error line and a hint:\n${r.stderr}`);
      }
      const now = { sha: sha(file.path), listing: listing(file.path) };
      if (now.sha === before.sha && now.listing === before.listing) tally.unchanged += batch.length;
      else
        failures.push(
          `${file.kind} (${file.label}): ${batch.map((a) => a[2]).join(', ')} changed the file or its directory (${now.listing})`,
        );
    }
  }
  const count = (kind: Damaged['kind']): number => files.filter((f) => f.kind === kind).length;
  recordSummary('damaged-store', {
    files: files.length,
    truncated: count('truncated'),
    flipped: count('bit-flipped'),
    foreign: count('foreign'),
    commands: commands('x').length,
    runs: tally.runs,
    exit7: tally.exit7,
    oneLine: tally.oneLine,
    unchanged: tally.unchanged,
    written: tally.runs - tally.unchanged,
    crashes: tally.internal,
  });
  assert.deepEqual(failures, []);
  assert.equal(tally.runs, files.length * commands('x').length);
});

test('damaged store: a copy of the demo store, untouched, is read by the same commands (the check is not refusing everything)', () => {
  const db = join(tempDir(), 'intact.duckdb');
  copyFileSync(demo, db);
  for (const args of [
    ['profile', 'vllm', '--as-of', '2026-04-01'],
    ['doctor', '--offline'],
  ]) {
    const r = runBin(['--db', db, ...args], env);
    assert.equal(r.code, 0, `${args[0]}: ${r.stderr}`);
  }
});
