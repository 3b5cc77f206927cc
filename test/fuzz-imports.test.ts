// Bad values in imported files, through the real importers into a real DuckDB store: a file of valid
// rows with one value that cannot be (a negative or non-finite count, a name invalid for its
// registry, a date before 2000 or in the future, a window out of range) is refused whole with an
// InputError naming the file and the line (or entry), and the store keeps exactly the rows it had;
// an empty or blank file is refused the same way. Seeds are fixed; KEPT_FUZZ_RUNS scales the cases.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { InputError } from '../src/domain/errors.js';
import type { ImportKindName } from '../src/domain/imports.js';
import { IMPORT_KINDS } from '../src/ingest/import/kinds.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { tempDir } from './helpers/tmp.js';

// Each case is an import into DuckDB (tens of milliseconds): a tenth of the parser suites' count.
const RUNS = Math.max(10, Math.round(Number(process.env.KEPT_FUZZ_RUNS ?? 300) / 10));
const FETCHED_AT = new Date('2026-05-02T00:00:00Z');
const AT = new Date('2026-05-01T00:00:00Z');

let store: DuckDbStore;
let dir: string;

before(async () => {
  dir = tempDir('kept-fuzz-imports-');
  store = await DuckDbStore.open(join(dir, 'kept.duckdb'));
  // Something stored first, so "nothing stored" means "nothing more".
  const seed = join(dir, 'seed.csv');
  writeFileSync(seed, 'snapshot_date,window_days,project,downloads,source\n2026-04-01,30,vllm,100,seed\n');
  await IMPORT_KINDS['pypi-top'].run(store, { file: seed, fetchedAt: FETCHED_AT });
});

after(async () => {
  await store.close();
});

async function counts(): Promise<string> {
  const tables = ['batches', 'observations', 'facts', 'relations', 'records'];
  const rows = await store.rows(tables.map((t) => `SELECT '${t}' AS t, count(*) AS n FROM ${t}`).join(' UNION ALL '));
  return rows
    .map((r) => `${String(r.t)} ${String(r.n)}`)
    .sort()
    .join(', ');
}

/** Values no importer may store, by column. */
const BAD_COUNTS = ['-5', '-1', 'NaN', 'Infinity', '-Infinity', '1e400', 'abc'];
// A fraction is refused where kept parses the file itself; the bulk-loaded CSVs (multi-snapshot
// pypi-top, hf-snapshot) are read by the engine into integer columns, which rounds it.
const FRACTIONS = ['2.5', '0.1'];
const BAD_PYPI = [
  '<script>',
  "'; DROP TABLE observations; --",
  'a b',
  '-vllm',
  'vllm-',
  '"><svg onload=alert(1)>',
  '..',
];
const BAD_DATES = ['1970-01-01', '1999-12-31', '2999-01-01', '2026-05-04'];
const BAD_WINDOWS = ['0', '-30', '367'];
const BAD_HF = ['<script>/x', 'no-slash', 'a/b/c', "x/'; DROP"];

const goodPypi = fc.constantFrom('vllm', 'sglang', 'torch', 'llama-index', 'huggingface_hub', 'mcp');
const goodCount = fc.nat({ max: 10_000_000 });

interface Case {
  readonly kind: ImportKindName;
  readonly name: string;
  readonly body: string;
  /** The 1-based line (or, for formats without lines, the 1-based entry) of the bad value. */
  readonly at: number;
  readonly lines: boolean;
}

/** Good rows (from `good`) and one bad row (from `bad`) at a random place; the header is line 1. */
function withOneBad(
  kind: ImportKindName,
  name: string,
  header: string,
  good: fc.Arbitrary<string[]>,
  bad: fc.Arbitrary<string>,
): fc.Arbitrary<Case> {
  return fc.tuple(good, bad, fc.nat()).map(([rows, badRow, k]) => {
    const i = k % (rows.length + 1);
    const all = [...rows.slice(0, i), badRow, ...rows.slice(i)];
    return { kind, name, body: `${header}\n${all.join('\n')}\n`, at: i + 2, lines: true };
  });
}

/** Up to six rows from `row`. */
const rowsOf = (row: fc.Arbitrary<string>): fc.Arbitrary<string[]> => fc.array(row, { maxLength: 6 });

const monthlyRow = (d: string, w: string, p: string, n: string): string => `${d},${w},${p},${n},fuzz`;
const monthly = withOneBad(
  'pypi-top',
  'monthly.csv',
  'snapshot_date,window_days,project,downloads,source',
  rowsOf(fc.tuple(goodPypi, goodCount).map(([p, n]) => monthlyRow('2026-04-01', '30', p, String(n)))),
  fc.oneof(
    fc.constantFrom(...BAD_COUNTS).map((n) => monthlyRow('2026-04-01', '30', 'vllm', n)),
    fc.constantFrom(...BAD_PYPI).map((p) => monthlyRow('2026-04-01', '30', JSON.stringify(p), '5')),
    fc.constantFrom(...BAD_DATES).map((d) => monthlyRow(d, '30', 'vllm', '5')),
    fc.constantFrom(...BAD_WINDOWS).map((w) => monthlyRow('2026-04-01', w, 'vllm', '5')),
  ),
);
const twoColumn = withOneBad(
  'pypi-top',
  'two-column.csv',
  'download_count,project',
  rowsOf(fc.tuple(goodCount, goodPypi).map(([n, p]) => `${n},${p}`)),
  fc.oneof(
    fc.constantFrom(...BAD_COUNTS, ...FRACTIONS).map((n) => `${n},vllm`),
    fc.constantFrom(...BAD_PYPI).map((p) => `5,${JSON.stringify(p)}`),
  ),
);
const topJson: fc.Arbitrary<Case> = fc
  .tuple(
    fc.array(fc.record({ download_count: goodCount, project: goodPypi }), { maxLength: 6 }),
    fc.oneof(
      fc.constantFrom(-5, -1, 2.5).map((n) => ({ download_count: n, project: 'vllm' })),
      fc.constantFrom(...BAD_PYPI).map((p) => ({ download_count: 5, project: p })),
    ),
    fc.nat(),
  )
  .map(([rows, badRow, k]) => {
    const i = k % (rows.length + 1);
    const all = [...rows.slice(0, i), badRow, ...rows.slice(i)];
    return {
      kind: 'pypi-top' as const,
      name: 'top.json',
      body: JSON.stringify({ last_update: '2026-05-01 00:00:00', rows: all }),
      at: i + 1,
      lines: false,
    };
  });
const hfRow = (model: string, n: string, d: string): string => {
  const [org = '', name = model] = model.includes('/') ? model.split('/') : ['', model];
  return `${model},${n},${n},${org},${name},${d}`;
};
const hfSnapshot = withOneBad(
  'hf-snapshot',
  'hub.csv',
  'model_url,downloads,downloadsAllTime,organization,model_name,date',
  // One row per model and date: a repeated pair is refused too, at its own line.
  fc
    .array(goodCount, { maxLength: 6 })
    .map((ns) => ns.map((n, i) => hfRow(`fuzz-org/model-${i}`, String(n), '2026-04-01'))),
  fc.oneof(
    fc.constantFrom('-5', '-1', 'NaN', 'Infinity').map((n) => hfRow('Qwen/Qwen3-8B', n, '2026-04-01')),
    fc.constantFrom(...BAD_HF).map((m) => hfRow(m, '5', '2026-04-01')),
    fc.constantFrom(...BAD_DATES).map((d) => hfRow('Qwen/Qwen3-8B', '5', d)),
  ),
);
const bigquery = withOneBad(
  'pypi-bigquery',
  'bq.csv',
  'day,project,count',
  rowsOf(fc.tuple(goodPypi, goodCount).map(([p, n]) => `2026-04-01,${p},${n}`)),
  fc.oneof(
    fc.constantFrom(...BAD_COUNTS, ...FRACTIONS).map((n) => `2026-04-01,vllm,${n}`),
    fc.constantFrom(...BAD_DATES).map((d) => `${d},vllm,5`),
  ),
);

async function refused(c: Case): Promise<void> {
  const file = join(dir, c.name);
  writeFileSync(file, c.body);
  const before = await counts();
  let err: unknown;
  try {
    await IMPORT_KINDS[c.kind].run(store, { file, at: AT, fetchedAt: FETCHED_AT });
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof InputError, `${c.name} was imported or failed otherwise: ${String(err)}\n${c.body}`);
  assert.ok(!err.message.includes('\n'), `one line: ${err.message}`);
  // `file:N:` for a value kept checks, `file: line N:` where the CSV reader itself stops.
  const where = c.lines ? [`${file}:${c.at}: `, `${file}: line ${c.at}: `] : [`row ${c.at} `];
  assert.ok(
    where.some((w) => err.message.includes(w)),
    `${c.name}: "${err.message}" does not name ${where[0]}\n${c.body}`,
  );
  assert.equal(await counts(), before, `${c.name}: the store changed\n${c.body}`);
}

test('imports: one bad value among valid rows refuses the file at its line and stores nothing (pypi-top CSV, two-column CSV and JSON, hf-snapshot, pypi-bigquery)', async () => {
  await fc.assert(fc.asyncProperty(monthly, refused), { numRuns: RUNS, seed: 31 });
  await fc.assert(fc.asyncProperty(twoColumn, refused), { numRuns: RUNS, seed: 32 });
  await fc.assert(fc.asyncProperty(topJson, refused), { numRuns: RUNS, seed: 33 });
  await fc.assert(fc.asyncProperty(hfSnapshot, refused), { numRuns: RUNS, seed: 34 });
  await fc.assert(fc.asyncProperty(bigquery, refused), { numRuns: RUNS, seed: 35 });
});

test('imports: a BigQuery row naming no valid PyPI project is skipped and counted, never stored', async () => {
  // BigQuery exports and CDN logs are PyPI's own records, millions of lines: a name PyPI cannot
  // have is left out and reported as skipped rather than refusing the export.
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...BAD_PYPI), async (name) => {
      const file = join(dir, 'bq-name.csv');
      writeFileSync(file, `day,project,count\n2026-04-01,${JSON.stringify(name)},5\n`);
      const before = await store.rows(`SELECT count(*) AS n FROM observations`);
      const result = await IMPORT_KINDS['pypi-bigquery'].run(store, { file, fetchedAt: FETCHED_AT });
      assert.ok('skipped' in result && result.skipped === 5, JSON.stringify(result));
      assert.deepEqual(await store.rows(`SELECT count(*) AS n FROM observations`), before, name);
    }),
    { numRuns: BAD_PYPI.length * 2, seed: 37 },
  );
});

test('imports: an empty or blank file of any kind is an InputError and stores nothing', async () => {
  const kinds = Object.keys(IMPORT_KINDS) as ImportKindName[];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...kinds), fc.constantFrom('', '\n', '   \n\n', '\uFEFF'), async (kind, body) => {
      const file = join(dir, `empty-${kind}.txt`);
      writeFileSync(file, body);
      const before = await counts();
      await assert.rejects(IMPORT_KINDS[kind].run(store, { file, at: AT, fetchedAt: FETCHED_AT }), InputError, kind);
      assert.equal(await counts(), before, kind);
    }),
    { numRuns: Math.max(RUNS, kinds.length * 4), seed: 36 },
  );
});
