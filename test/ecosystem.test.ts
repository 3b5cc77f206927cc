// `kept ecosystem` end to end: a synthetic Hub snapshot with known shares (the "must show"),
// then the real monthly snapshots checked against DuckDB SQL run directly over the CSVs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { ecosystemViewSchema, type EcosystemView } from '../src/views/ecosystem/model.js';
import type { HubAggregates } from '../src/domain/ecosystem.js';
import { HF_SNAPSHOT_SOURCE } from '../src/files/hf-snapshot.js';
import { DUCKDB_RULES, hubCountsOnePerDay } from '../src/store/duckdb/hub-aggregates-sql.js';
import { familySql, nameParamsSql } from '../src/store/sql/hub-aggregate-rules.js';
import { FAMILY_RULES, classifyFamily, parseSizeFromName, ruleName } from '../src/signals/ecosystem/classes.js';
import { hubAggregateQuery } from '../src/views/ecosystem/load.js';
import {
  RULE_EDGE_IDS,
  SYNTHETIC,
  realModelIds,
  shareRow,
  syntheticFiles,
  writeSyntheticAttributes,
} from './helpers/hub-synthetic.js';
import { runCli } from './helpers/run-cli.js';
import { sharedFile, tempDir } from './helpers/tmp.js';

async function licences(db: string): Promise<void> {
  const store = await DuckDbStore.open(db);
  try {
    await writeSyntheticAttributes(store);
  } finally {
    await store.close();
  }
}

const row = shareRow;

test('a synthetic Hub snapshot with known shares gives exact region shares, HHI, Gini, size classes and licence mix', async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  const imp = await runCli(['--db', db, 'import', 'hf-snapshot', syntheticFiles(dir)]);
  assert.equal(imp.code, 0, imp.stderr);
  await licences(db);
  const r = await runCli(['--db', db, 'ecosystem', '--as-of', '2026-04-15', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const m = JSON.parse(r.stdout) as EcosystemView;
  assert.equal(m.schema, 'kept.ecosystem/v2');
  ecosystemViewSchema.parse(m);
  assert.equal(ecosystemViewSchema.safeParse({ ...m, snapshot: 5 }).success, false, 'the schema can fail');
  assert.equal(m.snapshot, '2026-04-01');
  assert.deepEqual(m.snapshots, ['2026-03-01', '2026-04-01']);

  const first = m.regionShare.series[0]!;
  assert.equal(first.downloads, 1000);
  assert.equal(first.models, 7);
  assert.equal(row(first, 'china')!.share, 0.5);
  assert.equal(row(first, 'us')!.share, 0.3);
  assert.equal(row(first, 'eu')!.share, 0.15);
  assert.equal(row(first, 'other')!.share, 0);
  assert.equal(row(first, 'unknown')!.share, 0.05);
  assert.equal(row(first, 'china')!.models, 3);
  assert.equal(m.regionShare.window.downloads, 3000);
  assert.equal(row(m.regionShare.window, 'china')!.share, 0.5);
  assert.equal(m.coverage.regionAttributedShare, 0.95);

  // Between the snapshots the all-time totals grew by the second 30-day counts: 2,000.
  assert.equal(m.regionShare.differenced.length, 1);
  assert.equal(m.regionShare.differenced[0]!.downloads, 2000);
  assert.equal(row(m.regionShare.differenced[0]!, 'us')!.share, 0.3);

  const models = m.concentration.find((c) => c.level === 'model')!;
  assert.equal(models.units, 7);
  assert.equal(models.total, 2000);
  // Shares .4 .1 .3 .15 .05 0 0 → HHI = .16 + .01 + .09 + .0225 + .0025 = .285
  assert.ok(Math.abs(models.hhi! - 0.285) < 1e-12, String(models.hhi));
  // Ascending 0 0 50 100 150 300 400 (×2): Gini = 2·5900/(7·1000) − 8/7 = 19/35
  assert.ok(Math.abs(models.gini! - 19 / 35) < 1e-12, String(models.gini));
  assert.deepEqual(
    models.top.map((t) => t.share),
    [0.4, 1, 1],
  );
  assert.equal(models.zeroShare, 2 / 7);
  const orgs = m.concentration.find((c) => c.level === 'org')!;
  assert.equal(orgs.units, 5);
  // china .5 (Qwen), us .3, eu .15, someuser .05, deepseek-ai 0
  assert.ok(Math.abs(orgs.hhi! - (0.25 + 0.09 + 0.0225 + 0.0025)) < 1e-12);
  const regions = m.concentration.find((c) => c.level === 'region')!;
  assert.equal(regions.units, 3, 'unknown is not a unit');

  const sizes = m.sizeClasses[1]!;
  assert.equal(row(sizes, '<1B')!.share, 0.1);
  assert.equal(row(sizes, '1–10B')!.share, 0.4);
  assert.equal(row(sizes, '10–50B')!.share, 0.15);
  assert.equal(row(sizes, '≥50B')!.share, 0.3);
  assert.equal(row(sizes, '≥50B')!.models, 2, 'Llama-Syn-70B by name and DeepSeek-R1 by the catalog');
  assert.equal(row(sizes, 'unknown')!.share, 0.05);
  assert.equal(row(sizes, 'unknown')!.models, 2);
  const sizeBasis = Object.fromEntries(
    m.coverage.attributes.filter((a) => a.attribute === 'size').map((a) => [a.basis, a.models]),
  );
  assert.deepEqual(sizeBasis, { catalog: 1, name: 4, unknown: 2 });

  const lic = m.licenceMix[1]!;
  assert.equal(row(lic, 'open')!.share, 0.5);
  assert.equal(row(lic, 'restricted')!.share, 0.3);
  assert.equal(row(lic, 'unknown')!.share, 0.2);

  // Whose weights: the fine-tune (50) and its quantization (0) count for meta-llama's region.
  const weights = m.regionShare.weights[0]!;
  assert.equal(row(weights, 'us')!.share, 0.35);
  assert.equal(row(weights, 'us')!.models, 3);
  assert.equal(row(weights, 'unknown')!.share, 0);
  assert.equal(weights.derivativeModels, 2);
  assert.equal(weights.derivativeDownloads, 50);
  assert.equal(row(first, 'unknown')!.share, 0.05, 'the uploader view is unchanged');

  const fam = Object.fromEntries(m.families.map((f) => [f.family, f]));
  assert.deepEqual(Object.keys(fam), ['Qwen', 'Llama', 'Mistral', 'DeepSeek', 'other']);
  assert.equal(fam.Llama!.viaBaseModel, 1, 'my-model is a Llama through its base model');
  assert.equal(fam.Llama!.share, 0.35);
  assert.equal(fam.Qwen!.share, 0.5);
  assert.equal(fam.Qwen!.minParameters, 0.6e9);
  assert.equal(fam.Qwen!.maxParameters, 7e9);
  assert.equal(fam.Qwen!.edgeModels, 1);
  assert.deepEqual(fam.Qwen!.licences, [{ licence: 'apache-2.0', models: 2 }]);
  assert.equal(fam.Mistral!.licenceUnknown, 1);
  assert.equal(fam.DeepSeek!.maxParameters, 671e9);
  const mem = m.memory.find((x) => x.family === 'Qwen' && x.parameters === 7e9)!;
  assert.deepEqual(mem.gb, { fp32: 28, bf16: 14, int8: 7, int4: 3.5 });
  assert.equal(mem.fits8GbAt, 'int8');
  assert.equal(m.memory.find((x) => x.family === 'DeepSeek')!.fits8GbAt, null);

  const mom = m.monthOverMonth!;
  assert.equal(mom.from, '2026-03-01');
  assert.equal(mom.growth, 1);
  assert.equal(mom.regions.find((x) => x.key === 'china')!.sharePoints, 0);

  const md = await runCli(['--db', db, 'ecosystem', '--as-of', '2026-04-15']);
  assert.equal(md.code, 0, md.stderr);
  for (const section of [
    '## Coverage',
    '## Download share by developer region',
    '## Concentration',
    '## Model sizes',
    '## Licence mix',
    '## Family table',
    '## Top organisations',
    '## Month over month',
  ]) {
    assert.ok(md.stdout.includes(section), section);
  }
  assert.match(md.stdout, /\| 2026-04-01 \| 7 \| 2,000 \| 30% \| 50% \| 15% \| 0\.0% \| 5\.0% \|/);
  // CSV: every table of the report with a `table` column, raw numbers (shares as fractions).
  const csv = await runCli(['--db', db, 'ecosystem', '--as-of', '2026-04-15', '--format', 'csv']);
  assert.match(
    csv.stdout,
    /^table,attribute,known from,models,downloads,share of downloads\r\ncoverage,family,base-model,/,
  );
  assert.match(
    csv.stdout,
    /\r\ntable,snapshot,models,downloads \(30 d\),us,china,eu,other,unknown\r\nregion-series,2026-03-01,7,1000,0\.3,0\.5,0\.15,0,0\.05\r\nregion-series,2026-04-01,7,2000,0\.3,0\.5,0\.15,0,0\.05\r\n/,
  );
});

test('a user region map wins over the shipped one, whatever its date', async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  assert.equal((await runCli(['--db', db, 'import', 'hf-snapshot', syntheticFiles(dir)])).code, 0);
  const map = join(dir, 'mine.csv');
  writeFileSync(map, 'hf_org,region,notes\nmistralai,other,test override\nsomeuser,eu,\n');
  const imp = await runCli(['--db', db, 'import', 'org-regions', map], {}, new Date(Date.UTC(2020, 0, 1)));
  assert.equal(imp.code, 0, imp.stderr);
  assert.match(imp.stdout, /2 organisation regions, 2 new facts/);
  const r = await runCli(['--db', db, 'ecosystem', '--as-of', '2026-04-15', '--format', 'json']);
  const m = JSON.parse(r.stdout) as EcosystemView;
  const now = m.regionShare.series[1]!;
  assert.equal(row(now, 'other')!.share, 0.15);
  assert.equal(row(now, 'eu')!.share, 0.05);
  assert.equal(row(now, 'unknown')!.share, 0);
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'hf_org,region,notes\nacme,mars,\n');
  const b = await runCli(['--db', db, 'import', 'org-regions', bad]);
  assert.equal(b.code, 3);
  assert.match(b.stderr, /line 2: unknown region "mars"/);
});

test('kept ecosystem: no snapshots, bad options', async () => {
  const db = join(tempDir(), 'k.duckdb');
  assert.equal(
    (
      await runCli([
        '--db',
        db,
        'import',
        'org-regions',
        join(process.cwd(), 'data', 'catalog', 'organization_regions.csv'),
      ])
    ).code,
    0,
  );
  const cases: [string[], number, RegExp][] = [
    [['ecosystem'], 5, /no Hub download snapshots in the store[\s\S]*kept import hf-snapshot/],
    [['ecosystem', '--format', 'xml'], 2, /--format xml is not an output format/],
    [['ecosystem', '--window', '12'], 2, /--window 12 is not a window/],
    [['ecosystem', '--as-of', '2026-13-01'], 2, /not a date/],
  ];
  for (const [args, code, message] of cases) {
    const r = await runCli(['--db', db, ...args]);
    assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});

const { path: MONTHLY, skip: NO_MONTHLY } = sharedFile('hf-monthly');

test('real monthly Hub snapshots: figures agree with DuckDB SQL over the CSVs', { skip: NO_MONTHLY }, async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  assert.equal((await runCli(['--db', db, 'import', 'hf-snapshot', MONTHLY])).code, 0);
  // The shipped map does not know taide (Taiwan): a user map attributes it.
  const map = join(dir, 'regions.csv');
  writeFileSync(map, 'hf_org,region,notes\ntaide,other,Taiwan (TAIDE project)\n');
  const imp = await runCli(['--db', db, 'import', 'org-regions', map]);
  assert.equal(imp.code, 0, imp.stderr);
  const r = await runCli([
    '--db',
    db,
    'ecosystem',
    '--as-of',
    '2026-01-31',
    '--window',
    '12m',
    '--format',
    'json',
    '--out',
    join(dir, 'eco.json'),
  ]);
  assert.equal(r.code, 0, r.stderr);
  const m = JSON.parse(readFileSync(join(dir, 'eco.json'), 'utf8')) as EcosystemView;

  // Independent figures: DuckDB reads the same CSVs itself.
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const q = async (sql: string): Promise<Record<string, unknown>[]> =>
    (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  const files = readdirSync(MONTHLY)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => `'${join(MONTHLY, f)}'`);
  await conn.run(`CREATE TABLE snap AS SELECT * FROM read_csv([${files.join(', ')}], header = true)`);
  const last = await q(`SELECT sum(downloads)::DOUBLE AS total, count(*)::DOUBLE AS n,
      (sum(downloads * downloads) / (sum(downloads) * sum(downloads)))::DOUBLE AS hhi,
      (max(downloads) / sum(downloads))::DOUBLE AS top1,
      (count(*) FILTER (WHERE downloads = 0) / count(*))::DOUBLE AS zero
    FROM snap WHERE date = DATE '2026-01-06'`);
  // Gini as the mean absolute difference over all pairs / (2 · mean): a different formula from kept's.
  const gini = await q(`SELECT (sum(abs(a.downloads - b.downloads)) / (2 * count(*) * avg(a.downloads)))::DOUBLE AS g
    FROM snap a JOIN snap b ON a.date = b.date WHERE a.date = DATE '2026-01-06'`);
  const windowTotal = await q(
    `SELECT sum(downloads)::DOUBLE AS t, count(DISTINCT date)::DOUBLE AS k FROM snap WHERE date > DATE '2025-01-31' AND date <= DATE '2026-01-31'`,
  );
  const diff =
    await q(`SELECT sum(b.downloadsAllTime - a.downloadsAllTime)::DOUBLE AS d FROM snap a JOIN snap b USING (model_url)
    WHERE a.date = DATE '2025-12-08' AND b.date = DATE '2026-01-06'`);
  conn.closeSync();
  instance.closeSync();

  ecosystemViewSchema.parse(m);
  assert.equal(m.snapshot, '2026-01-06');
  assert.equal(m.snapshots.length, 11);
  assert.equal(m.coverage.downloads, Number(last[0]!.total));
  assert.equal(m.coverage.downloads, 1726);
  assert.equal(m.coverage.models, 11);
  assert.equal(m.coverage.regionAttributedShare, 1);
  const now = m.regionShare.series[m.regionShare.series.length - 1]!;
  assert.equal(row(now, 'other')!.share, 1);
  assert.equal(m.regionShare.window.downloads, Number(windowTotal[0]!.t));
  assert.equal(m.regionShare.window.snapshotCount, Number(windowTotal[0]!.k));
  const lastDiff = m.regionShare.differenced[m.regionShare.differenced.length - 1]!;
  assert.equal(lastDiff.from, '2025-12-08');
  assert.equal(lastDiff.downloads, Number(diff[0]!.d));
  assert.equal(lastDiff.downloads, 1811);
  const models = m.concentration.find((c) => c.level === 'model')!;
  assert.ok(Math.abs(models.hhi! - Number(last[0]!.hhi)) < 1e-12, `${models.hhi} vs ${String(last[0]!.hhi)}`);
  assert.ok(Math.abs(models.gini! - Number(gini[0]!.g)) < 1e-12, `${models.gini} vs ${String(gini[0]!.g)}`);
  assert.equal(models.top[0]!.share, Number(last[0]!.top1));
  assert.equal(models.zeroShare, Number(last[0]!.zero));
  // Sizes on the real names: 8B/7B Llama-based TAIDE models and a 12B Gemma; the a./b./e. series have no size.
  const sizes = m.sizeClasses[m.sizeClasses.length - 1]!;
  assert.equal(row(sizes, '10–50B')!.downloads, 745);
  assert.equal(row(sizes, 'unknown')!.models, 4);
  assert.deepEqual(
    m.families.map((f) => f.family),
    ['Llama', 'Gemma', 'other'],
  );
  assert.equal(m.monthOverMonth!.downloadsFrom, 7913);

  // The Markdown report on the real data: every section, with its method, data date and coverage.
  const md = await runCli(['--db', db, 'ecosystem', '--as-of', '2026-01-31']);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /^# kept ecosystem: Hugging Face model downloads, snapshot 2026-01-06\n/);
  assert.match(
    md.stdout,
    /11 models with a 30-day count on 2026-01-06, 1,726 downloads\. Attributable: region 100%, size 100%, licence 0\.0%, family 92% of the downloads\./,
  );
  assert.match(md.stdout, /Coverage on 2026-01-06: region known for 100% of the downloads\./);
  assert.match(md.stdout, /Coverage on 2026-01-06: licence known for 0\.0% of the downloads\./);
  assert.match(md.stdout, /\| 2026-01-06 \| 11 \| 1,726 \| 0\.0% \| 0\.0% \| 0\.0% \| 100% \| 0\.0% \|/);
  assert.match(md.stdout, /\| Gemma \| 1 \| 745 \| 43% \| 1 \| taide \| 12B \|/);
  for (const section of [
    '## Coverage',
    '## Download share by developer region',
    '## Concentration (2026-01-06)',
    '## Model sizes',
    '## Licence mix',
    '## Family table (2026-01-06)',
    '## Memory for the weights',
    '## Top organisations (2026-01-06)',
    '## Month over month',
  ]) {
    assert.ok(md.stdout.includes(section), section);
  }
});

test('Hub records stored at different times of one day make one snapshot', async () => {
  const dir = tempDir();
  const db = join(dir, 'k.duckdb');
  assert.equal((await runCli(['--db', db, 'import', 'hf-snapshot', syntheticFiles(dir)])).code, 0);
  const store = await DuckDbStore.open(db);
  try {
    const at = new Date(Date.UTC(2026, 3, 1, 18, 30));
    await store.write({
      provenance: { source: 'hf-models', origin: 'test', fetchedAt: at },
      observations: [
        {
          subject: { kind: 'hf', id: 'later/Qwen-Late-1B' },
          metric: 'downloads',
          value: 10,
          windowStart: new Date(at.getTime() - 30 * 86_400_000),
          windowEnd: at,
          observedAt: at,
        },
      ],
    });
  } finally {
    await store.close();
  }
  const r = await runCli(['--db', db, 'ecosystem', '--as-of', '2026-04-15', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const m = JSON.parse(r.stdout) as EcosystemView;
  assert.deepEqual(m.snapshots, ['2026-03-01', '2026-04-01']);
  assert.equal(m.regionShare.series[1]!.downloads, 2010);
  assert.equal(m.regionShare.series[1]!.models, 8);
});

const { path: TREES, skip: NO_TREES } = sharedFile('hf-model-trees');

test(
  'real Hub model trees + monthly snapshots: region shares (uploader and whose weights) agree with DuckDB over the JSONL',
  { skip: NO_TREES || NO_MONTHLY },
  async () => {
    const dir = tempDir();
    const db = join(dir, 'k.duckdb');
    const trees = readdirSync(TREES)
      .filter((f) => f.endsWith('.jsonl.gz'))
      .map((f) => join(TREES, f));
    for (const f of trees) {
      const r = await runCli(['--db', db, 'import', 'hf-models', f]);
      assert.equal(r.code, 0, r.stderr);
    }
    assert.equal((await runCli(['--db', db, 'import', 'hf-snapshot', MONTHLY])).code, 0);
    const r = await runCli(['--db', db, 'ecosystem', '--as-of', '2025-04-30', '--window', '3m', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const m = ecosystemViewSchema.parse(JSON.parse(r.stdout));
    assert.equal(m.snapshot, '2025-04-22');

    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const list = trees.map((f) => `'${f}'`).join(', ');
    const regions = join(process.cwd(), 'data', 'catalog', 'organization_regions.csv');
    const rows = (
      await conn.runAndReadAll(`
    WITH j AS (SELECT id, max(downloads) AS dl FROM read_json([${list}], format = 'newline_delimited', columns = {id: 'VARCHAR', downloads: 'BIGINT', gated: 'VARCHAR'})
               -- a gated repository's 0 is not a count (domain/hub-counts.ts)
               WHERE downloads IS NOT NULL AND NOT (downloads = 0 AND coalesce(gated, 'false') NOT IN ('false', '')) GROUP BY id),
    r AS (SELECT hf_org, region FROM read_csv('${regions}', header = true))
    SELECT coalesce(CASE WHEN r.region = 'unknown' THEN NULL ELSE r.region END, 'unknown') AS region, sum(dl)::DOUBLE AS dl, count(*)::DOUBLE AS n
    FROM j LEFT JOIN r ON r.hf_org = split_part(j.id, '/', 1) GROUP BY ALL ORDER BY region`)
    ).getRowObjectsJS() as { region: string; dl: number; n: number }[];
    conn.closeSync();
    instance.closeSync();
    const total = rows.reduce((a, x) => a + x.dl, 0);
    const now = m.regionShare.series.find((s) => s.snapshot === '2025-04-22')!;
    assert.equal(now.downloads, total);
    assert.equal(
      now.models,
      rows.reduce((a, x) => a + x.n, 0),
    );
    for (const x of rows) {
      assert.equal(row(now, x.region)!.downloads, x.dl, x.region);
      assert.equal(row(now, x.region)!.share, x.dl / total, x.region);
    }
    assert.equal(row(now, 'us')!.downloads, 1186755);
    // Whose weights: the fine-tunes of Llama 2, DeepSeek and Stable Diffusion move to their bases' regions.
    const w = m.regionShare.weights.find((s) => s.snapshot === '2025-04-22')!;
    assert.equal(w.downloads, total);
    assert.ok(
      row(w, 'us')!.models > row(now, 'us')!.models + 400,
      `${row(w, 'us')!.models} vs ${row(now, 'us')!.models}`,
    );
    assert.ok(row(w, 'unknown')!.downloads < row(now, 'unknown')!.downloads);
    // Licences come from the records: coverage says how many were known.
    const lic = m.coverage.attributes.filter((a) => a.attribute === 'licence');
    assert.ok(lic.some((a) => a.basis === 'known' && a.models > 0));
  },
);

/** The ecosystem aggregates of a DuckDB store, and whether its Hub counts can be read without merging. */
async function aggregatesOf(db: string): Promise<{ aggs: HubAggregates; onePerDay: boolean }> {
  const store = await DuckDbStore.open(db);
  let aggs: HubAggregates;
  try {
    const days = [new Date(Date.UTC(2026, 2, 1)), new Date(Date.UTC(2026, 3, 1))];
    aggs = await store.hubSnapshotAggregates(hubAggregateQuery(days, days[1]));
  } finally {
    await store.close();
  }
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  try {
    const onePerDay = await hubCountsOnePerDay({
      run: async (sql) => void (await conn.run(sql)),
      rows: async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJS(),
    });
    return { aggs, onePerDay };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

test('a model counted twice in one day (a second source, or a second time of day) keeps the larger count; one count per day is read as stored', async () => {
  const RAISE = 7;
  const april = new Date(Date.UTC(2026, 3, 1));
  /** Every model's 2026-04-01 counts again, RAISE higher, from `source` at `at`. */
  const raised = async (db: string, source: string, at: Date): Promise<void> => {
    const store = await DuckDbStore.open(db);
    try {
      await store.write({
        provenance: { source, origin: 'test', fetchedAt: at },
        observations: SYNTHETIC.flatMap(([id, dl]) => [
          {
            subject: { kind: 'hf' as const, id },
            metric: 'downloads',
            value: 2 * dl + RAISE,
            windowStart: new Date(at.getTime() - 30 * 86_400_000),
            windowEnd: at,
            observedAt: at,
          },
          {
            subject: { kind: 'hf' as const, id },
            metric: 'downloads_total',
            value: 10000 + 2 * dl + RAISE,
            windowStart: at,
            windowEnd: at,
            observedAt: at,
          },
        ]),
      });
    } finally {
      await store.close();
    }
  };
  const imported = async (name: string, files: string): Promise<string> => {
    const db = join(tempDir(), `${name}.duckdb`);
    const r = await runCli(['--db', db, 'import', 'hf-snapshot', files]);
    assert.equal(r.code, 0, r.stderr);
    await licences(db);
    return db;
  };
  // The reference: the raised counts are the only ones of 2026-04-01.
  const refDir = tempDir();
  const files = syntheticFiles(refDir);
  const aprilCsv = join(files, '2026-04-01_hf.csv');
  writeFileSync(
    aprilCsv,
    readFileSync(aprilCsv, 'utf8').replace(
      /^([^,\n]+),(\d+),(\d+),/gm,
      (_, id: string, dl: string, total: string) => `${id},${Number(dl) + RAISE},${Number(total) + RAISE},`,
    ),
  );
  const reference = await aggregatesOf(await imported('reference', files));
  assert.equal(reference.onePerDay, true, 'one source, windows at midnight: read as stored');
  const april7 = reference.aggs.cells.filter((c) => c.snapshot.getTime() === april.getTime());
  assert.equal(
    april7.reduce((a, c) => a + c.downloads, 0),
    SYNTHETIC.reduce((a, [, dl]) => a + 2 * dl + RAISE, 0),
  );

  // A second source for the same windows: merged per model and day, the larger count kept.
  const twoSources = await imported('two-sources', syntheticFiles(tempDir()));
  await raised(twoSources, 'hf-models', april);
  const merged = await aggregatesOf(twoSources);
  assert.equal(merged.onePerDay, false);
  assert.deepEqual(merged.aggs, reference.aggs);

  // The same source again later that day: one snapshot, the larger count kept.
  const laterSameDay = await imported('later', syntheticFiles(tempDir()));
  await raised(laterSameDay, HF_SNAPSHOT_SOURCE, new Date(Date.UTC(2026, 3, 1, 18, 30)));
  const later = await aggregatesOf(laterSameDay);
  assert.equal(later.onePerDay, false);
  assert.deepEqual(later.aggs, reference.aggs);
});

test("the store's compiled family and size SQL gives JavaScript's answers on DuckDB, for every real Hub model name", async () => {
  const ids = [...RULE_EDGE_IDS, ...realModelIds()];
  const q = hubAggregateQuery(undefined, undefined);
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const names = ids.map((id) => DUCKDB_RULES.str(ruleName(id))).join(', ');
    const rows = (
      await conn.runAndReadAll(`SELECT coalesce(${familySql(DUCKDB_RULES, q, 'name')}, 'other') AS family,
        ${nameParamsSql(DUCKDB_RULES, q, 'name')} AS params FROM (SELECT unnest([${names}]) AS name, generate_subscripts([${names}], 1) AS i) ORDER BY i`)
    ).getRowObjectsJS() as { family: string; params: number | null }[];
    assert.equal(rows.length, ids.length);
    ids.forEach((id, i) => {
      assert.equal(rows[i]!.family, classifyFamily(id).family, `family of ${id}`);
      assert.equal(rows[i]!.params ?? undefined, parseSizeFromName(id), `size of ${id}`);
    });
    // Every rule is exercised, and names no rule matches.
    const families = new Set(rows.map((r) => r.family));
    assert.deepEqual(
      FAMILY_RULES.map((r) => r.family).filter((f) => !families.has(f)),
      [],
    );
    assert.ok(families.has('other'));
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
});
