// The SQL that bulk loads compile to must agree with the TypeScript normalisers it mirrors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DuckDBInstance } from '@duckdb/node-api';
import { normalizePypiName } from '../../domain/subject.js';
import type { BulkLoadPlan } from '../../domain/bulk-plan.js';
import { compileBulkExpr } from './bulk-sql.js';

test('the pep503 SQL expression equals normalizePypiName, including its fast path', async () => {
  const plan = { columns: [{ name: 'project', type: 'varchar' }] } as unknown as BulkLoadPlan;
  const expr = compileBulkExpr({ pep503: { col: 'project' } }, plan);
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  try {
    const fixed = [
      'vllm',
      'Flash_Attn',
      'zope.interface',
      'a--b',
      'a-_-.b',
      ' torch ',
      'ruamel.yaml.clib',
      'X',
      'sentence-transformers',
    ];
    const random = fc.sample(fc.stringMatching(/^[A-Za-z0-9._ -]{1,12}$/), { numRuns: 400, seed: 7 });
    const names = [...fixed, ...random];
    await conn.run('CREATE TABLE n (i INTEGER, project VARCHAR)');
    const app = await conn.createAppender('n');
    names.forEach((n, i) => {
      app.appendInteger(i);
      app.appendVarchar(n);
      app.endRow();
    });
    app.closeSync();
    const rows = (await conn.runAndReadAll(`SELECT i, ${expr} AS v FROM n ORDER BY i`)).getRows();
    for (const [i, v] of rows) assert.equal(v, normalizePypiName(names[Number(i)]!), JSON.stringify(names[Number(i)]));
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
});
