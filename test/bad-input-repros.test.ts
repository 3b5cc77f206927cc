// A new user's bad input, damaged stores and hostile strings, each run as the user ran it (the real
// executable, on a demo store or a copy): one clear error line (and its hint) with the documented
// exit code (3 input, 4 config, 7 store), never an internal error, and the store file byte for byte
// as it was (sha256 before and after). Each title names the defect it pins.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { CATALOG } from '../src/config/catalog.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { startDashboard } from '../src/web/server.js';
import { BIN, runBin, stderrLines, type CliRun } from './helpers/run-cli.js';
import { tempDir } from './helpers/tmp.js';

const DEMO_DATA = join(process.cwd(), 'data', 'demo');
let home: string;
let demo: string;
let env: NodeJS.ProcessEnv;
let demoSha: string;

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

before(() => {
  home = tempDir('kept-repros-');
  env = { XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config') };
  const r = runBin(['demo'], env);
  assert.equal(r.code, 0, r.stderr);
  demo = join(home, 'data', 'kept', 'demo.duckdb');
  demoSha = sha(demo);
});

// The repros that read the demo store itself (hints, growth, the first command after kept demo,
// Markdown, the dashboard) must leave it as they found it too.
after(() => {
  assert.equal(sha(demo), demoSha, 'the demo store changed during the repros');
});

/** A copy of the demo store to break or write to. */
function copyOfDemo(name = 'copy.duckdb'): string {
  const p = join(tempDir(), name);
  copyFileSync(demo, p);
  return p;
}

/** One `kept: error:` line and at most a hint, with the exit code; no internal error, no stack. */
function oneLineError(r: CliRun, code: number, what: string): void {
  assert.equal(r.code, code, `${what}: exit ${r.code}\n${r.stderr}`);
  const lines = stderrLines(r.stderr);
  assert.match(lines[0] ?? '', /^kept: error: /, `${what}: ${r.stderr}`);
  assert.ok(lines.length <= 2, `${what}: one line and a hint, got\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at |EPIPE/, what);
}

/** Runs `args` on `db` and checks the store file is unchanged, returning the run. */
function unchanged(db: string, args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): CliRun {
  const before = sha(db);
  const r = runBin(['--db', db, ...args], { ...env, ...extraEnv });
  assert.equal(sha(db), before, `${args.join(' ')} changed the store file`);
  return r;
}

async function foreignDuckDb(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  await conn.run('CREATE TABLE observations (a INTEGER, b VARCHAR)');
  await conn.run("INSERT INTO observations VALUES (1, 'x')");
  conn.closeSync();
  instance.closeSync();
}

async function tablesOf(path: string): Promise<string[]> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  const rows = (await conn.runAndReadAll(`SELECT table_name FROM information_schema.tables ORDER BY 1`)).getRows();
  conn.closeSync();
  instance.closeSync();
  return rows.map((r) => String(r[0]));
}

test('1. hf-snapshot of a JSONL model tree commits nothing (was: exit 3 "nothing was imported" after a tracked-models batch of 512 rows)', () => {
  const db = copyOfDemo();
  const jsonl = join(tempDir(), 'deepseek-ai__DeepSeek-V3.jsonl');
  writeFileSync(
    jsonl,
    gunzipSync(readFileSync(join(DEMO_DATA, 'hf-model-trees', 'deepseek-ai__DeepSeek-V3.jsonl.gz'))),
  );
  for (const file of [jsonl, `${join(DEMO_DATA, 'hf-model-trees', 'deepseek-ai__DeepSeek-V3.jsonl.gz')}`]) {
    const r = unchanged(db, ['import', 'hf-snapshot', file]);
    oneLineError(r, 3, file);
  }
  assert.match(
    unchanged(db, ['import', 'hf-snapshot', jsonl]).stderr,
    /this is JSON, not a Hub snapshot CSV\n.*hf-models/,
  );
});

test('2. pypi-top with a negative count or a name PyPI cannot have is refused at its line (was: stored: "downloaded -5 times", <script> in top pypi)', () => {
  const db = copyOfDemo();
  const dir = tempDir();
  const header = 'snapshot_date,window_days,project,downloads,source\n';
  const cases: [string, string, RegExp][] = [
    ['neg.csv', `${header}2026-05-01,30,vllm,-5,x\n`, /neg\.csv:2: "downloads" -5 is not a download count/],
    [
      'name.csv',
      `${header}2026-05-01,30,vllm,5,x\n2026-05-01,30,<script>,100000000000,x\n`,
      /name\.csv:3: "project" "<script>" is not a valid PyPI project name/,
    ],
    ['window.csv', `${header}2026-05-01,0,vllm,5,x\n`, /window\.csv:2: "window_days" 0 is not a window/],
    [
      'old.csv',
      `${header}1970-01-01,30,vllm,5,x\n`,
      /old\.csv:2: "snapshot_date" 1970-01-01 is not a date from 2000-01-01/,
    ],
    ['two.csv', 'download_count,project\n-5,vllm\n', /two\.csv:2: download count of vllm: -5 is negative/],
    [
      'top.json',
      JSON.stringify({ last_update: '2026-05-01 00:00:00', rows: [{ download_count: 5, project: '<script>' }] }),
      /top\.json: row 1 of "rows": project "<script>" is not a valid PyPI project name/,
    ],
  ];
  for (const [name, body, message] of cases) {
    const file = join(dir, name);
    writeFileSync(file, body);
    const r = unchanged(db, ['import', 'pypi-top', file, '--at', '2026-05-01']);
    oneLineError(r, 3, name);
    assert.match(r.stderr, message, name);
  }
  const top = runBin(['--db', db, 'top', 'pypi', '--limit', '5'], env);
  assert.doesNotMatch(top.stdout, /script|-5/);
});

test('3. an empty pypi-logs file is refused like every other kind (was: exit 0, "0 downloads")', () => {
  const db = copyOfDemo();
  const empty = join(tempDir(), 'empty.log');
  writeFileSync(empty, '');
  for (const kind of [
    'pypi-logs',
    'pypi-bigquery',
    'pypi-top',
    'hf-snapshot',
    'hf-models',
    'issues',
    'org-regions',
    'npm-download-counts',
  ]) {
    const r = unchanged(db, ['import', kind, empty, '--at', '2026-05-01']);
    oneLineError(r, 3, kind);
  }
});

test('4. a corrupt DuckDB file is reported damaged, not "in use by another process" (was: /lock/ matched "block")', () => {
  const db = copyOfDemo();
  const bytes = readFileSync(db);
  bytes.fill(0x58, 12_300, 12_300 + 4000);
  writeFileSync(db, bytes);
  for (const args of [
    ['profile', 'vllm'],
    ['import', 'pypi-top', join(DEMO_DATA, 'pypi-top-catalog.csv.gz')],
    ['doctor', '--offline'],
  ]) {
    const r = unchanged(db, args);
    oneLineError(r, 7, args[0]!);
    assert.match(r.stderr, /is damaged: /);
    assert.doesNotMatch(r.stderr, /in use/);
  }
});

test('5. a truncated DuckDB file is a store error, exit 7 (was: internal error, exit 70)', () => {
  const db = join(tempDir(), 'truncated.duckdb');
  writeFileSync(db, readFileSync(demo).subarray(0, 1_000_000));
  for (const args of [
    ['profile', 'vllm'],
    ['trend', 'pypi:vllm'],
    ['import', 'pypi-top', join(DEMO_DATA, 'pypi-top-catalog.csv.gz')],
    ['doctor', '--offline'],
  ]) {
    const r = unchanged(db, args);
    oneLineError(r, 7, args[0]!);
    assert.match(r.stderr, /is damaged: the file is cut short \(1,000,000 of [\d,]+ bytes\)/);
  }
});

test("6. another program's DuckDB file is refused untouched by profile, import and demo (was: exit 70, an empty schema_migrations left in it)", async () => {
  const db = join(tempDir(), 'theirs.duckdb');
  await foreignDuckDb(db);
  for (const args of [
    ['profile', 'vllm'],
    ['import', 'pypi-top', join(DEMO_DATA, 'pypi-top-catalog.csv.gz')],
    ['demo'],
    ['doctor', '--offline'],
  ]) {
    const r = unchanged(db, args);
    oneLineError(r, 7, args[0]!);
    assert.match(r.stderr, /is a DuckDB database kept did not create \(it holds observations\)/);
  }
  assert.deepEqual(await tablesOf(db), ['observations'], 'no schema_migrations or anything else left behind');
});

test('7. a SQLite file as --db is refused by its first bytes; extension auto-install and auto-load are off (was: DuckDB downloading sqlite_scanner)', async () => {
  const db = join(tempDir(), 'other.sqlite');
  writeFileSync(db, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080)]));
  const r = unchanged(db, ['profile', 'vllm']);
  oneLineError(r, 7, 'sqlite');
  assert.match(r.stderr, /is not a DuckDB database \(it is a SQLite database\)/);
  assert.doesNotMatch(r.stderr, /extension|download/i);
  const store = await DuckDbStore.open(copyOfDemo(), { readOnly: true });
  try {
    const rows = await store.rows(
      `SELECT current_setting('autoinstall_known_extensions') AS i, current_setting('autoload_known_extensions') AS l`,
    );
    assert.deepEqual([rows[0]?.i, rows[0]?.l], [false, false]);
  } finally {
    await store.close();
  }
});

test('8. while kept serve holds the store, an import names the dashboard; doctor answers each store failure with its own next step (was: "another process", and "--repair (ClickHouse)" for everything)', async () => {
  const db = copyOfDemo();
  const serve = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0', '--as-of', '2026-04-01'], {
    env: { HOME: process.env.HOME, PATH: process.env.PATH, ...env },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      serve.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('kept dashboard:')) resolve();
      });
      serve.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const r = unchanged(db, ['import', 'pypi-top', join(DEMO_DATA, 'pypi-top-catalog.csv.gz')]);
    oneLineError(r, 7, 'import while serving');
    assert.match(r.stderr, new RegExp(`in use by the kept dashboard \\(kept serve, PID ${serve.pid}\\)\\n  .*stop it`));
  } finally {
    serve.kill('SIGTERM');
  }
  const truncated = join(tempDir(), 't.duckdb');
  writeFileSync(truncated, readFileSync(demo).subarray(0, 1_000_000));
  const theirs = join(tempDir(), 'theirs.duckdb');
  await foreignDuckDb(theirs);
  for (const [file, hint] of [
    [truncated, /restore it from a backup/],
    [theirs, /leaves other programs' databases untouched/],
  ] as const) {
    const d = unchanged(file, ['doctor', '--offline']);
    assert.equal(d.code, 7);
    assert.match(d.stderr, hint);
    assert.doesNotMatch(d.stderr, /--repair|partial batches/);
  }
});

test('9. an invalid artifact in kept.yaml is a config error at its line, exit 4 (was: internal error "not a valid pypi id", exit 70, in catalog and serve)', () => {
  const dir = tempDir();
  const cases: [string, RegExp][] = [
    [
      `pypi: ["'; DROP TABLE observations; --"]`,
      /kept\.yaml:3: projects\.0\.pypi\.0: .* is not a valid PyPI project name/,
    ],
    [`pypi: ['"><svg onload=alert(1)>']`, /kept\.yaml:3: projects\.0\.pypi\.0: .* is not a valid PyPI project name/],
    [
      `hfModels: ["<script>/x"]`,
      /kept\.yaml:3: projects\.0\.hfModels\.0: "<script>\/x" is not a valid Hugging Face model id/,
    ],
  ];
  for (const [line, message] of cases) {
    const config = join(dir, 'kept.yaml');
    writeFileSync(config, `projects:\n  - id: evil\n    ${line}\n`);
    for (const args of [['catalog'], ['--db', demo, 'serve', '--port', '0']]) {
      const r = runBin(['--config', config, ...args], env);
      oneLineError(r, 4, `${line} ${args.join(' ')}`);
      assert.match(r.stderr, message);
    }
  }
});

test('10. kept.yaml: every problem is reported at its own line (was: an unknown key on line 6 reported at :2, and only the first)', () => {
  const config = join(tempDir(), 'kept.yaml');
  writeFileSync(
    config,
    'projects:\n  - id: mine\n    name: Mine\n    github: a/b\n    pypi: [mine]\n    bogus: 1\n  - id: other\n    colour: red\n',
  );
  const r = runBin(['--config', config, 'catalog'], env);
  assert.equal(r.code, 4, r.stderr);
  const lines = r.stderr.trimEnd().split('\n');
  assert.match(lines[0]!, /^kept: error: .*kept\.yaml:6: projects\.0\.bogus: unknown key "bogus"$/);
  assert.match(lines[1]!, /^kept: error: .*kept\.yaml:8: projects\.1\.colour: unknown key "colour"$/);
  assert.match(lines[2]!, /^ {2}remove or rename/);
  assert.equal(lines.length, 3);
});

/** Runs kept with a stdout whose reader closes at once: the next write meets a closed pipe. */
function closedPipe(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { HOME: process.env.HOME, PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

test('11. a closed pipe ends kept quietly, exit 0, and `kept catalog | head -1` 100 times (was: a Node "write EPIPE" stack and exit 1)', async () => {
  for (const args of [
    ['catalog'],
    ['help', 'profile'],
    ['doctor', '--offline'],
    ['--db', demo, 'top', 'pypi', '--limit', '500'],
  ]) {
    const r = await closedPipe(args);
    assert.equal(r.code, 0, `${args.join(' ')}: exit ${r.code}\n${r.stderr}`);
    assert.doesNotMatch(r.stderr, /EPIPE|Error|\n\s+at /, args.join(' '));
  }
  // 100 runs: two loops of 50 side by side (the machine's two CPUs), each pipe closed by head.
  const loops = await Promise.all([0, 1].map(() => catalogHeadLoop(50)));
  for (const loop of loops) {
    assert.equal(loop.code, 0, `kept catalog | head -1 failed after ${loop.stderr}`);
    assert.equal(loop.stderr, '');
  }
});

/** `kept catalog | head -1`, `n` times in a shell loop; stops at the first run kept does not exit 0. */
function catalogHeadLoop(n: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    // pipefail is not POSIX sh: kept's own status is read through a file, each time.
    const script = `i=0; while [ $i -lt ${n} ]; do { "${process.execPath}" "${BIN}" catalog; echo $? > "$S"; } | head -1 > /dev/null; [ "$(cat "$S")" = 0 ] || { echo "$i runs, then exit $(cat "$S")" >&2; exit 9; }; i=$((i+1)); done`;
    const child = spawn('sh', ['-c', script], {
      env: { HOME: process.env.HOME, PATH: process.env.PATH, ...env, S: join(tempDir(), 'status') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

test('12. Markdown is escaped like HTML: no raw tags, only http(s) links, no images from data, | escaped in table cells (was: printed raw)', () => {
  const config = join(tempDir(), 'kept.yaml');
  writeFileSync(
    config,
    [
      'projects:',
      '  - id: evil',
      '    name: "<img src=x onerror=alert(1)> a | b"',
      '    description: "[click](javascript:alert(1)) ![x](http://127.0.0.1:9/track.png) <https://ok.example>"',
      '    pypi: [vllm]',
      '',
    ].join('\n'),
  );
  const profile = runBin(['--config', config, '--db', demo, 'profile', 'evil', '--as-of', '2026-04-01'], env);
  assert.equal(profile.code, 0, profile.stderr);
  assert.doesNotMatch(profile.stdout, /<img|<https|\]\(javascript|!\[x\]\(/);
  assert.match(profile.stdout, /&lt;img src=x onerror=alert\(1\)>/);
  const catalog = runBin(['--config', config, 'catalog'], env);
  assert.match(catalog.stdout, /\| evil \| &lt;img src=x onerror=alert\(1\)> a \\\| b \|/);
});

test('13. CLI hints (was: --limit abc without a hint, trend project:vllm suggesting kept demo after it, fanout without suggestions, trend and growth refusing a project name)', () => {
  const limit = runBin(['--db', demo, 'top', 'pypi', '--limit', 'abc'], env);
  oneLineError(limit, 2, '--limit');
  assert.match(limit.stderr, /\n {2}write --limit N/);
  for (const name of ['project:vllm', 'vllm', 'vLLM']) {
    const t = runBin(['--db', demo, 'trend', name, '--as-of', '2026-04-01', '--json'], env);
    assert.equal(t.code, 0, `${name}: ${t.stderr}`);
    assert.equal((JSON.parse(t.stdout) as { subject: string }).subject, 'pypi:vllm');
  }
  const g = runBin(['--db', demo, 'growth', 'vllm', 'sglang', '--json'], env);
  assert.equal(g.code, 0, g.stderr);
  assert.deepEqual(
    (JSON.parse(g.stdout) as { subjects: { subject: string }[] }).subjects.map((s) => s.subject),
    ['pypi:vllm', 'pypi:sglang'],
  );
  const missing = runBin(['--db', demo, 'trend', 'pypi:not-stored-here'], env);
  assert.equal(missing.code, 5);
  assert.doesNotMatch(missing.stderr, /kept demo/, 'no "run kept demo" on a store that has data');
  const wrongCase = runBin(['--db', demo, 'fanout', 'hf:deepseek-ai/deepseek-v3'], env);
  oneLineError(wrongCase, 5, 'fanout wrong case');
  assert.match(wrongCase.stderr, /did you mean hf:deepseek-ai\/DeepSeek-V3\?/);
  const family = runBin(['--db', demo, 'fanout', 'deepseek'], env);
  oneLineError(family, 5, 'fanout family');
  assert.match(family.stderr, /hf:deepseek-ai\/DeepSeek-V3 or hf:deepseek-ai\/Janus-Pro-7B.*--org deepseek-ai/);
});

test('14. growth gives no per-month rate for snapshots 2 days apart (was: "-1.5% | per month -20%")', () => {
  const r = runBin(['--db', demo, 'growth', 'pypi:vllm', '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  const m = JSON.parse(r.stdout) as {
    subjects: { pairs: { from: string; to: string; monthlyRate: number | null }[] }[];
    notes: string[];
  };
  const pair = m.subjects[0]!.pairs.find((p) => p.from === '2024-08-30' && p.to === '2024-09-01');
  assert.ok(pair);
  assert.equal(pair.monthlyRate, null);
  assert.ok(m.notes.some((n) => /less than 28 days apart/.test(n)));
  const month = m.subjects[0]!.pairs.find((p) => p.from === '2024-09-01' && p.to === '2024-10-01');
  assert.notEqual(month?.monthlyRate, null, 'a month apart keeps its rate');
});

test('15. the first command after kept demo works without --db (was: "no database at …/kept.duckdb; create one with kept demo")', () => {
  assert.ok(!existsSync(join(home, 'data', 'kept', 'kept.duckdb')));
  const r = runBin(['profile', 'vllm', '--as-of', '2026-04-01'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^# vLLM/);
  assert.match(r.stderr, /reading the demo store .*demo\.duckdb \(there is no .*kept\.duckdb yet/);
});

/** One raw HTTP/1.1 request to a port of `host`; the reply's status. */
function rawStatus(host: string, port: number, text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, host, () => sock.end(text));
    let out = '';
    sock.on('data', (d: Buffer) => (out += d.toString('latin1')));
    sock.on('error', reject);
    sock.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(out)?.[1] ?? 0)));
  });
}

test('16–18. the dashboard answers on the loopback address it is bound to, names only the store file, and serves absolute-form requests for its host (was: 421 on 127.0.0.2, the absolute path in the footer, 400)', async () => {
  const store = await DuckDbStore.open(demo, { readOnly: true });
  const projects = CATALOG.filter((p) => p.id === 'vllm');
  const dash = await startDashboard({
    store,
    projects,
    asOf: new Date('2026-04-01T00:00:00Z'),
    host: '127.0.0.2',
    warmProfiles: false,
  });
  try {
    assert.equal(dash.url, `http://127.0.0.2:${dash.port}/`);
    const page = await fetch(`${dash.url}project/vllm`);
    assert.equal(page.status, 200);
    const body = await page.text();
    assert.match(body, /read-only view of demo\.duckdb/);
    assert.ok(!body.includes(home), 'no local path in the page');
    const host = `127.0.0.2:${dash.port}`;
    assert.equal(
      await rawStatus(
        '127.0.0.2',
        dash.port,
        `GET / HTTP/1.1\r\nHost: 127.0.0.1:${dash.port}\r\nConnection: close\r\n\r\n`,
      ),
      421,
    );
    assert.equal(
      await rawStatus(
        '127.0.0.2',
        dash.port,
        `GET http://${host}/project/vllm HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      ),
      200,
    );
    assert.equal(
      await rawStatus(
        '127.0.0.2',
        dash.port,
        `GET http://evil.example/ HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      ),
      421,
    );
    const missing = await fetch(`${dash.url}trend/pypi:not-stored-here`);
    assert.ok(!(await missing.text()).includes(home), 'no local path in an error page');
  } finally {
    await dash.close();
    await store.close();
  }
});
