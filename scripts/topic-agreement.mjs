#!/usr/bin/env node
// Prints the agreement of the issue topic rules with the trackers' labels (Cohen's κ per topic,
// before and after the rule fixes) on ../shared/data/issues; with --write, puts the table into
// docs/issue-health.md between its markers. Run after `npm run build`.
import { readFileSync, writeFileSync } from 'node:fs';
import { agreementTable, withAgreementTable } from '../dist/test/helpers/topic-agreement.js';

const { table, skip } = agreementTable();
if (skip) {
  console.error(`topic-agreement: ${skip}`);
  process.exit(1);
}
if (process.argv.includes('--write')) {
  const path = 'docs/issue-health.md';
  writeFileSync(path, withAgreementTable(readFileSync(path, 'utf8'), table));
  console.log(`${path}: table written`);
} else console.log(table);
