// `kept ecosystem` on a real ClickHouse server gives byte-identical output to DuckDB for the same
// data: the synthetic Hub with known shares imported into each (while another writer's batch is in
// flight, invisible), the real model trees and monthly snapshots, and the classification rules on
// ClickHouse's RE2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hubAggregateQuery } from '../src/views/ecosystem/load.js';
import type { EcosystemModel } from '../src/signals/ecosystem/compute.js';
import {
  FAMILY_RULES,
  NAME_MOE_PATTERN,
  NAME_SIZE_PATTERN,
  classifyFamily,
  parseSizeFromName,
  ruleName,
} from '../src/signals/ecosystem/classes.js';
import { chString } from '../src/store/clickhouse/bulk-sql.js';
import { ClickHouseStore } from '../src/store/clickhouse/clickhouse-store.js';
import { CLICKHOUSE_RULES } from '../src/store/clickhouse/hub-aggregates-sql.js';
import { familySql, nameParamsSql } from '../src/store/sql/hub-aggregate-rules.js';
import { openStore } from '../src/store/open.js';
import { CLICKHOUSE_SKIP, clickHouseServer, freshDatabase } from './helpers/clickhouse-server.js';
import {
  RULE_EDGE_IDS,
  realModelIds,
  shareRow,
  syntheticFiles,
  writeSyntheticAttributes,
} from './helpers/hub-synthetic.js';
import { runCli } from './helpers/run-cli.js';
import { sharedFile, tempDir } from './helpers/tmp.js';

const day = (s: string): Date => new Date(`${s}T00:00:00Z`);

/** Runs `kept ecosystem ARGS` on both stores; asserts success and byte-identical output; returns the ClickHouse one. */
async function sameOnBoth(duck: string, ch: string, args: readonly string[]): Promise<string> {
  const a = await runCli(['--db', duck, 'ecosystem', ...args]);
  const b = await runCli(['--db', ch, 'ecosystem', ...args]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.equal(b.stdout, a.stdout, `kept ecosystem ${args.join(' ')}`);
  return b.stdout;
}

test(
  'synthetic Hub: kept ecosystem is byte-identical on DuckDB and ClickHouse, the aggregates equal, a batch in flight invisible',
  { skip: CLICKHOUSE_SKIP },
  async () => {
    const server = await clickHouseServer();
    const dir = tempDir();
    const duck = join(dir, 'k.duckdb');
    const database = freshDatabase('kept_eco');
    const ch = server.url(database);
    const snapshots = syntheticFiles(dir);
    for (const db of [duck, ch]) {
      const imported = await runCli(['--db', db, 'import', 'hf-snapshot', snapshots]);
      assert.equal(imported.code, 0, imported.stderr);
      assert.match(imported.stdout, /2 file\(s\), 14 rows read, 28 new observations/);
      const s = await openStore(db);
      try {
        await writeSyntheticAttributes(s);
      } finally {
        await s.close();
      }
    }

    // Another writer's batch, stopped before its commit: rows that would move every figure if read.
    let reached!: () => void;
    const atCommit = new Promise<void>((resolve) => (reached = resolve));
    let interrupt!: (err: Error) => void;
    const held = new Promise<void>((_, reject) => (interrupt = reject));
    const writer = await ClickHouseStore.open(ch, {
      afterTableInsert: async (table) => {
        if (table !== 'relations') return;
        reached();
        await held;
      },
    });
    const at = day('2026-04-01');
    const hf = (id: string) => ({ kind: 'hf' as const, id });
    const inFlight = writer.write({
      provenance: { source: 'hf-models', origin: 'test', fetchedAt: at },
      observations: [
        {
          subject: hf('Qwen/Qwen-Syn-7B'),
          metric: 'downloads',
          value: 1e6,
          windowStart: day('2026-03-02'),
          windowEnd: at,
          observedAt: at,
        },
        {
          subject: hf('newcomer/Llama-Big-8B'),
          metric: 'downloads',
          value: 5e5,
          windowStart: day('2026-03-02'),
          windowEnd: at,
          observedAt: at,
        },
        {
          subject: hf('Qwen/Qwen-Syn-7B'),
          metric: 'downloads_total',
          value: 1e7,
          windowStart: at,
          windowEnd: at,
          observedAt: at,
        },
      ],
      facts: [
        { subject: { kind: 'hf-org', id: 'someuser' }, name: 'region', value: 'eu', observedAt: at },
        { subject: hf('mistralai/Mistral-Syn-24B'), name: 'license', value: 'mit', observedAt: at },
      ],
      relations: [
        { from: hf('mistralai/Mistral-Syn-24B'), relation: 'finetune', to: hf('Qwen/Qwen-Syn-7B'), observedAt: at },
      ],
    });
    try {
      await atCommit;
      const pending = await server.query(`SELECT
        (SELECT count() FROM ${database}.observations WHERE batch_id NOT IN (SELECT batch_id FROM ${database}.batches)) +
        (SELECT count() FROM ${database}.facts WHERE batch_id NOT IN (SELECT batch_id FROM ${database}.batches)) +
        (SELECT count() FROM ${database}.relations WHERE batch_id NOT IN (SELECT batch_id FROM ${database}.batches))`);
      assert.equal(pending.trim(), '6', 'the uncommitted rows are stored, just not committed');

      const json = await sameOnBoth(duck, ch, ['--as-of', '2026-04-15', '--format', 'json']);
      // The ClickHouse figures are the known ones (as test/ecosystem.test.ts checks them on DuckDB).
      const m = JSON.parse(json) as EcosystemModel;
      assert.deepEqual(m.snapshots, ['2026-03-01', '2026-04-01']);
      const now = m.regionShare.series[1]!;
      assert.equal(now.downloads, 2000);
      assert.equal(shareRow(now, 'china')!.share, 0.5);
      assert.equal(shareRow(now, 'unknown')!.share, 0.05, 'the uncommitted region of someuser is not read');
      assert.equal(m.regionShare.differenced[0]!.downloads, 2000);
      const models = m.concentration.find((c) => c.level === 'model')!;
      assert.ok(Math.abs(models.hhi! - 0.285) < 1e-12, String(models.hhi));
      assert.ok(Math.abs(models.gini! - 19 / 35) < 1e-12, String(models.gini));
      assert.deepEqual(
        models.top.map((t) => t.share),
        [0.4, 1, 1],
      );
      assert.equal(m.concentration.find((c) => c.level === 'org')!.units, 5);
      assert.equal(shareRow(m.regionShare.weights[1]!, 'us')!.share, 0.35);
      assert.deepEqual(
        m.families.map((f) => [f.family, f.models, f.viaBaseModel]),
        [
          ['Qwen', 2, 0],
          ['Llama', 2, 1],
          ['Mistral', 1, 0],
          ['DeepSeek', 1, 0],
          ['other', 1, 0],
        ],
      );
      assert.deepEqual(m.families[0]!.licences, [{ licence: 'apache-2.0', models: 2 }]);
      assert.equal(m.families[2]!.licenceUnknown, 1);
      assert.deepEqual(m.topOrgs.map((o) => [o.org, o.downloads]).slice(0, 2), [
        ['Qwen', 1000],
        ['meta-llama', 600],
      ]);
      for (const format of ['md', 'csv']) await sameOnBoth(duck, ch, ['--as-of', '2026-04-15', '--format', format]);
      await sameOnBoth(duck, ch, ['--as-of', '2026-03-20', '--window', '1m', '--format', 'json']);

      // The store contract itself: the same aggregates, with non-trivial rank statistics.
      const [a, b] = [await openStore(duck, { readOnly: true }), await openStore(ch)];
      try {
        const q = hubAggregateQuery(undefined, at);
        const fromCh = await b.hubSnapshotAggregates(q);
        assert.deepEqual(fromCh, await a.hubSnapshotAggregates(q));
        const stat = fromCh.concentration.find((r) => r.level === 'model' && r.snapshot.getTime() === at.getTime())!;
        assert.deepEqual(
          [stat.n, stat.total, stat.sumSquares, stat.rankWeightedSum, stat.zeros, stat.topSums],
          [7, 2000, 1_140_000, 11_800, 2, { 1: 800, 10: 2000, 100: 2000 }],
        );
        assert.deepEqual(await b.hubSnapshotAggregates(hubAggregateQuery([], undefined)), {
          cells: [],
          concentration: [],
          topOrgs: [],
          families: [],
          coverage: [],
          differenced: [],
          weights: [],
        });
      } finally {
        await a.close();
        await b.close();
      }
    } finally {
      interrupt(new Error('writer interrupted'));
      await assert.rejects(inFlight, /writer interrupted/);
      await writer.close();
    }
  },
);

const { path: MONTHLY, skip: NO_MONTHLY } = sharedFile('hf-monthly');
const { path: TREES, skip: NO_TREES } = sharedFile('hf-model-trees');

test(
  'real Hub model trees + monthly snapshots: kept ecosystem is byte-identical on DuckDB and ClickHouse',
  { skip: CLICKHOUSE_SKIP || NO_TREES || NO_MONTHLY },
  async () => {
    const server = await clickHouseServer();
    const dir = tempDir();
    const trees = readdirSync(TREES)
      .filter((f) => f.endsWith('.jsonl.gz'))
      .map((f) => join(TREES, f));
    // DuckDB: everything imported. ClickHouse: the snapshots copied by kept migrate, the model
    // trees imported into it directly.
    const duck = join(dir, 'all.duckdb');
    const snapshots = join(dir, 'snapshots.duckdb');
    const ch = server.url(freshDatabase('kept_eco_real'));
    for (const db of [duck, snapshots])
      assert.equal((await runCli(['--db', db, 'import', 'hf-snapshot', MONTHLY])).code, 0);
    assert.equal((await runCli(['migrate', '--from', snapshots, '--to', ch])).code, 0);
    for (const f of trees) {
      for (const db of [duck, ch]) {
        const r = await runCli(['--db', db, 'import', 'hf-models', f]);
        assert.equal(r.code, 0, r.stderr);
      }
    }
    const json = await sameOnBoth(duck, ch, ['--as-of', '2025-04-30', '--window', '3m', '--format', 'json']);
    const m = JSON.parse(json) as EcosystemModel;
    // 841 models with a 30-day count, less 19 gated repositories whose 0 is not a count.
    assert.equal(m.coverage.models, 822);
    assert.equal(
      shareRow(
        m.regionShare.series.find((x) => x.snapshot === '2025-04-22')!,
        'us',
      )!.downloads,
      1186755,
    );
    assert.ok(
      m.families.some((f) => f.viaBaseModel > 0 && f.licences.length > 0 && f.libraries.length > 0),
      'relations, licences and libraries were read',
    );
    await sameOnBoth(duck, ch, ['--as-of', '2026-01-31', '--window', '12m', '--format', 'json']);
  },
);

test('ClickHouse (RE2) applies the family and size rules as JavaScript does', { skip: CLICKHOUSE_SKIP }, async () => {
  const server = await clickHouseServer();
  // The rules' edge cases, and every real model name of the shared Hub trees.
  const ids = [...RULE_EDGE_IDS, ...realModelIds()];
  const q = hubAggregateQuery(undefined, undefined);
  assert.equal(q.families, FAMILY_RULES);
  assert.equal(q.nameMoePattern, NAME_MOE_PATTERN);
  assert.equal(q.nameSizePattern, NAME_SIZE_PATTERN);
  const names = ids.map((id) => chString(ruleName(id))).join(', ');
  const out =
    await server.query(`SELECT name, ifNull(${familySql(CLICKHOUSE_RULES, q, 'name')}, 'other') AS family, ${nameParamsSql(CLICKHOUSE_RULES, q, 'name')} AS params
    FROM (SELECT arrayJoin([${names}]) AS name) FORMAT JSONEachRow`);
  const rows = out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { name: string; family: string; params: number | null });
  assert.equal(rows.length, ids.length);
  ids.forEach((id, i) => {
    assert.equal(rows[i]!.family, classifyFamily(id).family, `family of ${id}`);
    assert.equal(rows[i]!.params ?? undefined, parseSizeFromName(id), `size of ${id}`);
  });
  assert.equal(
    rows.find((r) => r.name === 'mixtral-8x7b-instruct-v0.1')!.params,
    56e9,
    'the second capture group is read',
  );
  assert.equal(
    rows.find((r) => r.name === 'llama-70b-distilled-to-8b')!.params,
    70e9,
    'the leftmost match, as an unanchored search',
  );
});
