// The κ table in docs/issue-health.md is what the topic rules measure on the shared samples today:
// a rule change that moves agreement must republish it (node scripts/topic-agreement.mjs --write).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { agreementTable, withAgreementTable } from './helpers/topic-agreement.js';

test('docs/issue-health.md publishes the current agreement of the topic rules with the labels', (t) => {
  const { table, skip } = agreementTable();
  if (skip) return t.skip(skip);
  const doc = readFileSync('docs/issue-health.md', 'utf8');
  assert.equal(
    doc,
    withAgreementTable(doc, table),
    'the κ table is out of date: run npm run build && node scripts/topic-agreement.mjs --write',
  );
  // Before and after the rule fixes, as measured (the fixes target vLLM titles; these samples move little).
  assert.match(table, /^\| SGLang \(1,062\) \| memory \| 1 \| 1 \| 0 \| 50 \| 95\.3 % \| 0\.034 \| 0\.037 \|$/m);
  assert.match(table, /^\| {2}\| performance \| 20 \| 11 \| 9 \| 80 \| 91\.6 % \| 0\.142 \| 0\.173 \|$/m);
});
