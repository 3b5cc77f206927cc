// docs/schemas must be what the code's schemas say, and the CLI's JSON must satisfy them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMAS, jsonSchemaText, trendJsonSchema } from '../src/report/json-schemas.js';
import { topViewSchema } from '../src/views/top/model.js';
import { tempDir } from './helpers/tmp.js';
import { runCli } from './helpers/run-cli.js';

test('docs/schemas are up to date (npm run schemas regenerates them)', () => {
  for (const [file, schema] of Object.entries(JSON_SCHEMAS)) {
    assert.equal(
      readFileSync(join('docs', 'schemas', file), 'utf8'),
      jsonSchemaText(schema),
      `docs/schemas/${file} is stale: run npm run schemas`,
    );
  }
});

test('trend --json and top --json satisfy their schemas', async () => {
  const db = join(tempDir(), 'k.duckdb');
  const demo = join('data', 'demo', 'pypi-top-catalog.csv.gz');
  assert.equal((await runCli(['--db', db, 'import', 'pypi-top', demo])).code, 0);
  const trend = await runCli(['--db', db, 'trend', 'pypi:sglang', '--as-of', '2026-04-01', '--json']);
  const t = trendJsonSchema.parse(JSON.parse(trend.stdout));
  assert.deepEqual(
    t.spikes.map((s) => [s.month, s.decayed]),
    [
      ['2026-01', true],
      ['2026-03', null],
    ],
  );
  const top = await runCli(['--db', db, 'top', 'pypi', '--at', '2026-04-01', '--limit', '3', '--json']);
  const p = topViewSchema.parse(JSON.parse(top.stdout));
  assert.equal(p.rows.length, 3);
});
