// The same commands give byte-identical JSON on DuckDB and on ClickHouse for the same data: the
// demo (which imports the bundled real PyPI history and judges the whole catalog), then profile,
// top and trend read from each store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CLICKHOUSE_SKIP, clickHouseServer, freshDatabase } from './helpers/clickhouse-server.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/tmp.js';

const NOW = new Date('2026-04-20T12:00:00.000Z');

test(
  'demo, profile, top and trend print byte-identical JSON on DuckDB and ClickHouse',
  { skip: CLICKHOUSE_SKIP },
  async () => {
    const server = await clickHouseServer();
    const ch = server.url(freshDatabase('kept_demo'));
    const duck = join(tempDir(), 'demo.duckdb');
    const demoCh = await runCli(['--db', ch, 'demo', '--json'], {}, NOW);
    const demoDuck = await runCli(['--db', duck, 'demo', '--json'], {}, NOW);
    assert.equal(demoCh.code, 0, demoCh.stderr);
    assert.equal(demoDuck.code, 0, demoDuck.stderr);
    assert.doesNotMatch(demoCh.stdout + demoCh.stderr, new RegExp(server.password));
    const strip = (s: string): string => s.replace(/^ {2}"database": .*$/m, '');
    assert.ok(demoCh.stdout.length > 10_000);
    assert.equal(strip(demoCh.stdout), strip(demoDuck.stdout));
    const demo = JSON.parse(demoCh.stdout) as {
      database: string;
      steps: { rows: number; added: number }[];
      overview: { rows: unknown[] };
    };
    assert.ok(demo.overview.rows.length > 50);
    assert.match(demo.database, /^clickhouse:\/\/127\.0\.0\.1:\d+\/kept_demo_/);
    assert.equal(demo.steps[0]?.rows, demo.steps[0]?.added);
    for (const args of [
      ['profile', 'vllm', '--json'],
      ['top', 'pypi', '--json', '--limit', '50'],
      ['trend', 'pypi:sglang', '--json'],
    ]) {
      const a = await runCli(['--db', ch, ...args], {}, NOW);
      const b = await runCli(['--db', duck, ...args], {}, NOW);
      assert.equal(a.code, 0, `${args.join(' ')}: ${a.stderr}`);
      assert.equal(b.code, 0, `${args.join(' ')}: ${b.stderr}`);
      assert.ok(a.stdout.length > 1000, args.join(' '));
      assert.equal(a.stdout, b.stdout, args.join(' '));
    }
    // A second demo run replaces its own demo database; a non-demo database is refused.
    assert.equal((await runCli(['--db', ch, 'demo', '--json'], {}, NOW)).code, 0);
    const other = server.url(freshDatabase('kept_notdemo'));
    assert.equal(
      (await runCli(['--db', other, 'import', 'pypi-top', 'test/fixtures/store/pypi-top-sample.csv'], {}, NOW)).code,
      0,
    );
    const refused = await runCli(['--db', other, 'demo'], {}, NOW);
    assert.equal(refused.code, 7);
    assert.match(refused.stderr, /not a kept demo database; refusing to replace it/);
  },
);

test(
  'the store URL can come from kept.yaml `store:` or KEPT_STORE_URL, the password from CLICKHOUSE_PASSWORD',
  { skip: CLICKHOUSE_SKIP },
  async () => {
    const server = await clickHouseServer();
    const { writeFileSync } = await import('node:fs');
    const host = new URL(server.httpUrl).host;
    const db = freshDatabase('kept_cfg');
    const config = join(tempDir(), 'kept.yaml');
    writeFileSync(config, `store: clickhouse://${server.user}@${host}/${db}\n`);
    const missing = await runCli(['--config', config, 'doctor'], { CLICKHOUSE_PASSWORD: server.password }, NOW);
    assert.equal(missing.code, 7);
    assert.match(missing.stderr, /there is no kept store at clickhouse:\/\/[^@]+\/kept_cfg_\w+ \(no database/);
    const viaEnv = await runCli(
      ['import', 'pypi-top', 'test/fixtures/store/pypi-top-sample.csv'],
      { KEPT_STORE_URL: server.url(db) },
      NOW,
    );
    assert.equal(viaEnv.code, 0, viaEnv.stderr);
    assert.match(viaEnv.stdout, /21 rows read, 21 new observations/);
    const viaConfig = await runCli(
      ['--config', config, 'doctor', '--json'],
      { CLICKHOUSE_PASSWORD: server.password },
      NOW,
    );
    assert.equal(viaConfig.code, 0, viaConfig.stderr);
    const report = JSON.parse(viaConfig.stdout) as { location: string; tables: Record<string, number>; ok: boolean };
    assert.equal(report.location, `clickhouse://${host}/${db}`);
    assert.equal(report.tables.observations, 21);
    assert.equal(report.ok, true);
    const noPassword = await runCli(['--db', `clickhouse://${server.user}@${host}/${db}`, 'top', 'pypi'], {}, NOW);
    assert.equal(noPassword.code, 7);
    assert.match(noPassword.stderr, /refused the credentials/);
  },
);
