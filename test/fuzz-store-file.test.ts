// Damaged and foreign store files, fuzzed at the check kept runs before DuckDB opens a file: any cut,
// any single flipped bit and any foreign first bytes are a StoreError of one line, never a pass and
// never another exception. The real executable on such files is test/faults/damaged-store.test.ts.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { StoreError } from '../src/domain/errors.js';
import { IMPORT_KINDS } from '../src/ingest/import/kinds.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { checkStoreFile, verifyStoreChecksums } from '../src/store/duckdb/store-file.js';
import { tempDir } from './helpers/tmp.js';

const RUNS = Number(process.env.KEPT_FUZZ_RUNS ?? 300);

let dir: string;
let good: Buffer;

before(async () => {
  dir = tempDir('kept-fuzz-store-');
  const db = join(dir, 'kept.duckdb');
  const store = await DuckDbStore.open(db);
  const file = join(dir, 'top.csv');
  writeFileSync(
    file,
    `snapshot_date,window_days,project,downloads,source\n${Array.from({ length: 500 }, (_, i) => `2026-04-01,30,p${i},${i},fuzz`).join('\n')}\n`,
  );
  await IMPORT_KINDS['pypi-top'].run(store, { file, fetchedAt: new Date('2026-05-01T00:00:00Z') });
  await store.close();
  good = readFileSync(db);
});

/** The check kept runs before a write opens the file (the stricter one). */
function check(bytes: Buffer): unknown {
  const path = join(dir, 'fuzzed.duckdb');
  writeFileSync(path, bytes);
  try {
    checkStoreFile(path);
    verifyStoreChecksums(path, { readOnly: false });
    return undefined;
  } catch (err) {
    return err;
  }
}

function refused(err: unknown, what: string): void {
  assert.ok(err instanceof StoreError, `${what}: ${err === undefined ? 'passed the check' : String(err)}`);
  assert.ok(!err.message.includes('\n'), `${what}: one line: ${err.message}`);
}

test('store file: the intact store passes the check (the fuzz below is not refusing everything)', () => {
  assert.equal(check(good), undefined);
});

test('store file: any single flipped bit is refused as damaged', () => {
  fc.assert(
    fc.property(fc.nat({ max: good.length - 1 }), fc.nat({ max: 7 }), (at, bit) => {
      const bytes = Buffer.from(good);
      bytes[at] = bytes[at]! ^ (1 << bit);
      refused(check(bytes), `bit ${bit} of byte ${at}`);
    }),
    { numRuns: RUNS, seed: 41 },
  );
});

test('store file: a store cut short inside a block (or its headers) is refused', () => {
  // A cut on a block boundary looks like the free blocks DuckDB trims off a file's end: DuckDB
  // itself reports it when it reads a missing block.
  const blockSize = Number(good.readBigUInt64LE(4096 + 40));
  fc.assert(
    fc.property(
      fc.nat({ max: good.length - 1 }).filter((at) => at < 3 * 4096 || (at - 3 * 4096) % blockSize !== 0),
      (at) => refused(check(good.subarray(0, at)), `cut at ${at}`),
    ),
    { numRuns: RUNS, seed: 42 },
  );
});

test('store file: foreign first bytes (SQLite, gzip, Parquet, zip, text, anything) are refused', () => {
  const heads = fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 20_000 }).map((b) => Buffer.from(b)),
    fc.string({ minLength: 1 }).map((t) => Buffer.from(t)),
    fc
      .tuple(fc.constantFrom('SQLite format 3\u0000', '\u001f\u008b', 'PAR1', 'PK\u0003\u0004'), fc.uint8Array())
      .map(([magic, rest]) => Buffer.concat([Buffer.from(magic, 'latin1'), Buffer.from(rest)])),
  );
  fc.assert(
    fc.property(heads, (bytes) => refused(check(bytes), `${bytes.length} bytes`)),
    { numRuns: RUNS, seed: 43 },
  );
});
