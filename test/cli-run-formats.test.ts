// The write-side commands print their result in every format: `kept import` as Markdown (today's
// line), HTML, CSV (its tables) and JSON that satisfies docs/schemas/import.schema.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importRunSchema } from '../src/report/runs/import.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/tmp.js';

const DEMO = join('data', 'demo', 'pypi-top-catalog.csv.gz');

test('kept import prints its result as md, html, csv and schema-valid json', async () => {
  const db = join(tempDir(), 'k.duckdb');
  const md = await runCli(['--db', db, 'import', 'pypi-top', DEMO]);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /^# Import: pypi-top\n/);
  assert.match(md.stdout, /imported \S+ \(csv-monthly\): \d+ rows read, \d+ new observations\n/);
  assert.match(md.stdout, /\| new observations \| [\d,.k]+ \|/);

  const json = await runCli(['--db', db, 'import', 'pypi-top', DEMO, '--format', 'json']);
  assert.equal(json.code, 0, json.stderr);
  const r = importRunSchema.parse(JSON.parse(json.stdout));
  assert.equal(r.kind, 'pypi-top');
  assert.equal(r.added, 0, 'the second import adds nothing');
  assert.ok((r.offered ?? 0) > 0);

  const html = await runCli(['--db', db, 'import', 'pypi-top', DEMO, '--format', 'html']);
  assert.equal(html.code, 0, html.stderr);
  assert.match(html.stdout, /^<!doctype html>/i);

  const csv = await runCli(['--db', db, 'import', 'pypi-top', DEMO, '--format', 'csv', '--table', 'figures']);
  assert.equal(csv.code, 0, csv.stderr);
  assert.match(csv.stdout, /^figure,value\r\nrows read,\d+\r\nnew observations,0\r\n/);
});

test('a wrong --format fails before anything is imported', async () => {
  const db = join(tempDir(), 'k.duckdb');
  const r = await runCli(['--db', db, 'import', 'pypi-top', DEMO, '--format', 'pdf']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /--format pdf is not an output format/);
  assert.equal(r.stdout, '');
});
