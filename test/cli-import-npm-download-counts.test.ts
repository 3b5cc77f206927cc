// `kept import npm-download-counts` on real subsets of two download-counts releases (as an
// npm pack .tgz and as a bare counts.json), then month-over-month growth with `kept growth`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tempDir } from './helpers/tmp.js';
import { runCli } from './helpers/run-cli.js';

const FIX = join(process.cwd(), 'test', 'fixtures', 'npm-download-counts');

/** A minimal ustar archive, as `npm pack` writes one (counts.json before package.json). */
function tgz(entries: [string, string][]): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, text] of entries) {
    const body = Buffer.from(text, 'utf8');
    const h = Buffer.alloc(512);
    h.write(name, 0, 'utf8');
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write('0', 156);
    h.write('ustar\0', 257);
    h.write('00', 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(h, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

test('two releases imported (tgz and plain json) give month-over-month growth for any package', async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  const pack = join(dir, 'download-counts.tgz');
  writeFileSync(
    pack,
    tgz([
      ['package/counts.json', readFileSync(join(FIX, 'counts-2.20251201.0.json'), 'utf8')],
      ['package/package.json', JSON.stringify({ name: 'download-counts', version: '2.20251201.0' })],
    ]),
  );
  const a = await runCli(['--db', db, 'import', 'npm-download-counts', pack]);
  assert.equal(a.code, 0, a.stderr);
  assert.match(a.stdout, /30-day downloads ending 2025-12-01 for 5 packages, 5 new observations; 1 names skipped/);
  const b = await runCli(['--db', db, 'import', 'npm-download-counts', join(FIX, 'counts-2.20260301.0.json')]);
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /ending 2026-03-01 for 5 packages/);
  const again = await runCli(['--db', db, 'import', 'npm-download-counts', pack]);
  assert.match(again.stdout, /0 new observations \(already stored\)/);

  const g = await runCli([
    '--db',
    db,
    'growth',
    'npm:openai',
    'npm:ollama',
    'npm:@huggingface/transformers',
    'npm:jsonstream',
    '--json',
  ]);
  assert.equal(g.code, 0, g.stderr);
  const out = JSON.parse(g.stdout) as {
    subjects: {
      subject: string;
      pairs: { fromValue: number; toValue: number; growth: number; monthlyRate: number }[];
    }[];
  };
  const by = Object.fromEntries(out.subjects.map((s) => [s.subject, s.pairs[0]!]));
  assert.deepEqual([by['npm:openai']!.fromValue, by['npm:openai']!.toValue], [31705142, 52948382]);
  assert.equal(Math.round(by['npm:openai']!.growth * 100), 67);
  assert.equal(Math.round(by['npm:@huggingface/transformers']!.growth * 100), 127);
  assert.equal(Math.round(by['npm:ollama']!.monthlyRate * 100), 16);
  assert.equal(by['npm:jsonstream']!.toValue, 44248910, 'upper-case legacy names are stored lower-cased');
  const md = await runCli(['--db', db, 'growth', 'npm:openai']);
  assert.match(
    md.stdout,
    /\| npm:openai \| 2025-12-01 \| 2026-03-01 \| 31\.7M \| 52\.9M \| \+67% \| \+19% \| 2\.960 \| npm-download-counts \|/,
  );
});

test('a truncated counts.json or one without a date is refused and stores nothing', async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  const cut = join(dir, 'counts-2.20251201.0.json');
  writeFileSync(cut, readFileSync(join(FIX, 'counts-2.20251201.0.json'), 'utf8').slice(0, 60));
  const r = await runCli(['--db', db, 'import', 'npm-download-counts', cut]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /not closed \(truncated file\?\)/);
  const undated = join(dir, 'counts.json');
  writeFileSync(undated, '{"openai":1}');
  const u = await runCli(['--db', db, 'import', 'npm-download-counts', undated]);
  assert.equal(u.code, 3);
  assert.match(u.stderr, /no snapshot date/);
  assert.match(u.stderr, /--at/);
  const withAt = await runCli(['--db', db, 'import', 'npm-download-counts', undated, '--at', '2026-01-01']);
  assert.equal(withAt.code, 0, withAt.stderr);
  const none = await runCli(['--db', db, 'growth', 'npm:openai']);
  assert.equal(none.code, 5);
  assert.match(none.stderr, /fewer than two 30-day snapshots/);
});
