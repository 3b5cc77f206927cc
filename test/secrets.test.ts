// Issue 9, secrets: plant tokens in the environment and in a kept.yaml, run commands (including
// failing ones, with --verbose), then grep everything kept printed or wrote for the tokens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers/tmp.js';
import { runBin } from './helpers/run-cli.js';

const GH = 'ghp_PLANTEDgithubTOKEN0123456789abcdefABCD';
const HF = 'hf_PLANTEDhubTOKENabcdefghijklmnopqrstu';
const CFG = 'ghp_PLANTEDconfigTOKEN9876543210zyxwvuTS';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

test('planted tokens never appear in output, errors, --verbose traces or the database', () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  const cfg = join(dir, 'kept.yaml');
  writeFileSync(cfg, `tokens:\n  github: ${CFG}\n`);
  chmodSync(cfg, 0o644); // readable by others: kept must warn, without printing the token
  const env = { GITHUB_TOKEN: GH, HF_TOKEN: HF, XDG_DATA_HOME: join(dir, 'data') };
  const demoCsv = join(process.cwd(), 'data', 'demo', 'pypi-top-catalog.csv.gz');
  const runs = [
    ['--config', cfg, '--db', db, '--verbose', 'import', 'pypi-top', demoCsv],
    ['--config', cfg, '--db', db, '--verbose', 'profile', 'vllm', '--as-of', '2026-04-01'],
    ['--config', cfg, '--db', db, '--verbose', 'doctor', '--offline', '--json'],
    ['--config', cfg, '--db', db, '--verbose', 'demo'],
    ['--config', cfg, '--db', db, '--verbose', 'trend', `pypi:${GH}`],
    ['--config', cfg, '--db', db, '--verbose', 'import', 'pypi-top', join(dir, `${HF}.csv`)],
    ['--config', cfg, '--db', `clickhouse://kept:${GH}@127.0.0.1:1/kept`, '--verbose', 'top', 'pypi'],
    ['--config', cfg, '--verbose', '--db', join(dir, `${GH}`, 'x.duckdb'), 'catalog'],
  ];
  let warned = false;
  for (const args of runs) {
    const r = runBin(args, env);
    const folded = (t: string): string => t.toLowerCase().replace(/[-_.]+/g, '-');
    for (const secret of [GH, HF, CFG]) {
      assert.ok(
        !folded(r.stdout + r.stderr).includes(folded(secret)),
        `kept ${args.slice(4).join(' ')} echoed a normalised token:\n${r.stderr}`,
      );
      assert.ok(!r.stdout.includes(secret), `stdout of kept ${args.slice(4).join(' ')} holds a token`);
      assert.ok(!r.stderr.includes(secret), `stderr of kept ${args.slice(4).join(' ')} holds a token:\n${r.stderr}`);
    }
    if (/readable by other users/.test(r.stderr)) warned = true;
  }
  assert.ok(warned, 'a group/world-readable config holding tokens gets a warning');
  const written = filesUnder(dir).filter((f) => f !== cfg);
  assert.ok(written.some((f) => f.endsWith('.duckdb')));
  for (const f of written) {
    const bytes = readFileSync(f);
    for (const secret of [GH, HF, CFG]) assert.equal(bytes.indexOf(secret), -1, `${f} holds a token`);
  }
});
