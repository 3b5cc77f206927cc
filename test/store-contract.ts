// The Store contract suite: one set of tests every backend must pass unchanged. A backend's test
// file calls runStoreContract with a factory that opens a fresh, empty store. Values asserted come
// from the fixtures (real pypi-top rows) and from the batches written here, never from the backend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { WriteBatch } from '../src/domain/observation.js';
import type { Subject } from '../src/domain/subject.js';
import { monthlyCsvPlan, PYPI_TOP_SOURCE } from '../src/files/pypi-top.js';
import type { Store } from '../src/store/store.js';
import { tempDir } from './helpers/tmp.js';

export interface ContractOptions {
  /** Opens a fresh, empty store. */
  readonly open: () => Promise<Store>;
  /** Reopens the store that `open` last returned (same location), for persistence checks. */
  readonly reopen?: (store: Store) => Promise<Store>;
  readonly skip?: string | false;
  /** Runs only the cases whose name matches (a second pass of one path under other settings). */
  readonly only?: RegExp;
}

const day = (s: string): Date => new Date(`${s}T00:00:00Z`);
const vllm: Subject = { kind: 'pypi', id: 'vllm' };
const torch: Subject = { kind: 'pypi', id: 'torch' };
const qwen: Subject = { kind: 'hf', id: 'Qwen/Qwen3-8B' };

/** Fixture rows as the test reads them, independently of any backend. */
export const SAMPLE_CSV = resolve('test/fixtures/store/pypi-top-sample.csv');
function sampleRows(): { date: string; project: string; downloads: number }[] {
  return readFileSync(SAMPLE_CSV, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const [date, , project, downloads] = l.split(',');
      return { date: date!, project: project!, downloads: Number(downloads) };
    });
}

function batch(values: readonly number[], source = 'test', fetched = '2026-01-02'): WriteBatch {
  return {
    provenance: { source, origin: 'https://example.test/api', fetchedAt: new Date(`${fetched}T10:11:12.345Z`) },
    observations: values.map((v, i) => ({
      subject: vllm,
      metric: 'downloads',
      value: v,
      windowStart: day(`2026-01-${String(i + 1).padStart(2, '0')}`),
      windowEnd: day(`2026-01-${String(i + 2).padStart(2, '0')}`),
      observedAt: day('2026-01-20'),
    })),
    facts: [{ subject: qwen, name: 'license', value: 'apache-2.0', observedAt: day('2026-01-02') }],
    relations: [{ from: { kind: 'hf', id: 'a/b' }, relation: 'finetune', to: qwen, observedAt: day('2026-01-02') }],
    records: [
      {
        subject: { kind: 'github', id: 'o/r' },
        kind: 'release',
        key: 'v1',
        observedAt: day('2026-01-02'),
        data: { tag: 'v1', n: [1, 2] },
      },
    ],
  };
}

function counts(s: Awaited<ReturnType<Store['stats']>>): Record<string, number> {
  const t = s.tables;
  return { o: t.observations ?? -1, f: t.facts ?? -1, r: t.relations ?? -1, d: t.records ?? -1, b: s.batches };
}

export function runStoreContract(backend: string, options: ContractOptions): void {
  const skip = options.skip ?? false;
  const with_ = async (fn: (s: Store) => Promise<void>): Promise<void> => {
    const store = await options.open();
    try {
      await fn(store);
    } finally {
      await store.close();
    }
  };
  const t = (name: string, fn: (s: Store) => Promise<void>): void => {
    if (options.only && !options.only.test(name)) return;
    test(`[${backend}] ${name}`, { skip }, () => with_(fn));
  };

  t('a new store is empty, at the current schema version, and sound', async (s) => {
    const stats = await s.stats();
    assert.deepEqual(counts(stats), { o: 0, f: 0, r: 0, d: 0, b: 0 });
    assert.equal(stats.tables.http_cache, 0);
    assert.equal(stats.tables.checkpoints, 0);
    const integrity = await s.integrity();
    assert.deepEqual(integrity.problems, []);
    assert.equal(integrity.schemaVersion, integrity.expectedSchemaVersion);
    assert.ok(integrity.schemaVersion >= 1);
    assert.doesNotMatch(s.location, /kept-test-pw|:[^/@]+@/);
  });

  t('calls made at once answer in call order: a read sees every write called before it, none after', async (s) => {
    const read = (): Promise<number[]> => s.observations({ subjects: [vllm] }).then((r) => r.map((o) => o.value));
    // Nothing awaited between the calls, as a dashboard and a collector call.
    const [before, , afterOne, alsoAfterOne, , afterTwo, stats, cpBefore, , cpAfter] = await Promise.all([
      read(),
      s.write(batch([1, 2])),
      read(),
      read(),
      s.write(batch([1, 2, 3])),
      read(),
      s.stats(),
      s.checkpointGet('order'),
      s.checkpointPut('order', 'set'),
      s.checkpointGet('order'),
    ]);
    assert.deepEqual(before, []);
    assert.deepEqual(afterOne, [1, 2]);
    assert.deepEqual(alsoAfterOne, [1, 2]);
    assert.deepEqual(afterTwo, [1, 2, 3]);
    assert.deepEqual([stats.tables.observations, stats.batches], [3, 2]);
    assert.deepEqual([cpBefore, cpAfter], [undefined, 'set']);
    const many = await Promise.all(Array.from({ length: 9 }, read));
    assert.ok(many.every((v) => v.join() === '1,2,3'));
  });

  t('a batch is written once; writing it again adds nothing', async (s) => {
    const first = await s.write(batch([1, 2, 3]));
    assert.equal(first.offered, 6);
    assert.equal(first.added, 6);
    assert.ok(first.batchId > 0);
    const again = await s.write(batch([1, 2, 3], 'test', '2026-02-02'));
    assert.deepEqual(again, { batchId: 0, offered: 6, added: 0 });
    assert.deepEqual(counts(await s.stats()), { o: 3, f: 1, r: 1, d: 1, b: 1 });
    // A partly new batch adds only the new rows, under a new batch id.
    const more = await s.write(batch([1, 2, 3, 4]));
    assert.equal(more.added, 1);
    assert.ok(more.batchId > first.batchId);
    assert.deepEqual(counts(await s.stats()), { o: 4, f: 1, r: 1, d: 1, b: 2 });
    const b = await s.batches();
    assert.deepEqual(
      b.map((x) => [x.batchId, x.offered, x.added, x.source]),
      [
        [more.batchId, 7, 1, 'test'],
        [first.batchId, 6, 6, 'test'],
      ],
    );
    assert.equal(b[1]?.fetchedAt.toISOString(), '2026-01-02T10:11:12.345Z');
    assert.equal(b[1]?.origin, 'https://example.test/api');
    assert.ok((b[0]?.committedAt.getTime() ?? 0) >= (b[1]?.committedAt.getTime() ?? Infinity));
    assert.deepEqual((await s.integrity()).problems, []);
  });

  t('duplicate rows inside one batch are stored once; an empty batch writes nothing', async (s) => {
    const one = batch([7]);
    const obs = one.observations![0]!;
    const r = await s.write({ provenance: one.provenance, observations: [obs, obs, { ...obs, value: 8 }] });
    assert.equal(r.offered, 3);
    assert.equal(r.added, 1);
    assert.deepEqual((await s.observations({})).map((o) => o.value).length, 1);
    assert.deepEqual(await s.write({ provenance: one.provenance }), { batchId: 0, offered: 0, added: 0 });
    assert.equal((await s.stats()).batches, 1);
  });

  t('observations round-trip exactly, with provenance and dims', async (s) => {
    const fetchedAt = new Date('2026-03-04T05:06:07.089Z');
    const r = await s.write({
      provenance: { source: 'pepy', origin: 'https://pepy.test/vllm', fetchedAt },
      observations: [
        {
          subject: vllm,
          metric: 'downloads',
          value: 1234567890123,
          windowStart: day('2026-02-01'),
          windowEnd: day('2026-03-03'),
          observedAt: fetchedAt,
        },
        {
          subject: vllm,
          metric: 'downloads',
          dims: { installer: 'pip', ci: 'false' },
          value: 0.25,
          windowStart: day('2026-03-02'),
          windowEnd: day('2026-03-03'),
          observedAt: fetchedAt,
          origin: 'https://pepy.test/vllm?page=2',
        },
        {
          subject: qwen,
          metric: 'likes',
          value: 42,
          windowStart: fetchedAt,
          windowEnd: fetchedAt,
          observedAt: fetchedAt,
        },
        {
          subject: qwen,
          metric: 'likes',
          value: Number.NaN,
          windowStart: day('2026-01-01'),
          windowEnd: day('2026-01-01'),
          observedAt: fetchedAt,
        },
      ],
    });
    assert.equal(r.added, 3, 'a non-finite value is not stored');
    const all = await s.observations({});
    assert.equal(all.length, 3);
    const [likes, dl, dlPip] = all; // ordered by subject kind, id, metric, dims, window end
    assert.deepEqual(likes, {
      subject: qwen,
      metric: 'likes',
      dims: {},
      value: 42,
      windowStart: fetchedAt,
      windowEnd: fetchedAt,
      observedAt: fetchedAt,
      source: 'pepy',
      origin: 'https://pepy.test/vllm',
      fetchedAt,
      batchId: r.batchId,
    });
    assert.equal(dl?.value, 1234567890123);
    assert.deepEqual(dl?.dims, {});
    assert.deepEqual(dlPip?.dims, { ci: 'false', installer: 'pip' });
    assert.equal(dlPip?.value, 0.25);
    assert.equal(dlPip?.origin, 'https://pepy.test/vllm?page=2');
  });

  t('observation filters: subjects, kind, metrics, sources, dims, windowDays, from/to', async (s) => {
    const p = { source: 'a', origin: 'o', fetchedAt: day('2026-04-02') };
    const mk = (
      subject: Subject,
      metric: string,
      start: string,
      end: string,
      value: number,
      dims?: Record<string, string>,
    ) => ({
      subject,
      metric,
      value,
      windowStart: day(start),
      windowEnd: day(end),
      observedAt: day(end),
      ...(dims ? { dims } : {}),
    });
    await s.write({
      provenance: p,
      observations: [
        mk(vllm, 'downloads', '2026-01-02', '2026-02-01', 10),
        mk(vllm, 'downloads', '2026-01-30', '2026-03-01', 20),
        mk(vllm, 'downloads', '2026-03-01', '2026-03-02', 2),
        mk(vllm, 'downloads', '2026-03-01', '2026-03-02', 1, { ci: 'true' }),
        mk(torch, 'downloads', '2026-01-30', '2026-03-01', 500),
        mk(qwen, 'likes', '2026-03-01', '2026-03-01', 9),
      ],
    });
    await s.write({
      provenance: { ...p, source: 'b' },
      observations: [mk(vllm, 'downloads', '2026-01-30', '2026-03-01', 21)],
    });
    const v = async (f: Parameters<Store['observations']>[0]) => (await s.observations(f)).map((o) => o.value);
    assert.deepEqual(await v({ subjects: [vllm] }), [10, 20, 21, 2, 1]);
    assert.deepEqual(await v({ subjects: [vllm, torch], dims: '', windowDays: 30 }), [500, 10, 20, 21]);
    assert.deepEqual(await v({ subjects: [] }), []);
    assert.deepEqual(await v({ subjectKind: 'hf' }), [9]);
    assert.deepEqual(await v({ metrics: ['likes'] }), [9]);
    assert.deepEqual(await v({ metrics: [] }), []);
    assert.deepEqual(await v({ sources: ['b'] }), [21]);
    assert.deepEqual(await v({ dims: 'ci=true' }), [1]);
    assert.deepEqual(await v({ subjects: [vllm], windowDays: 1 }), [2, 1]);
    assert.deepEqual(await v({ windowDays: 0 }), [9]);
    assert.deepEqual(await v({ subjects: [vllm], from: day('2026-02-15') }), [20, 21, 2, 1]);
    assert.deepEqual(await v({ subjects: [vllm], to: day('2026-02-01') }), [10]);
    assert.deepEqual(await v({ subjects: [vllm], from: day('2026-02-01'), to: day('2026-02-01') }), [10]);
    assert.deepEqual(await v({ subjects: [{ kind: 'pypi', id: "x' OR 1=1 --" }] }), []);
  });

  t('facts, relations and records round-trip and filter', async (s) => {
    const hostile = "x'); DROP TABLE facts;--\\";
    const first = await s.write(batch([1]));
    const r = await s.write({
      provenance: { source: 'hub', origin: 'o', fetchedAt: day('2026-01-05') },
      facts: [
        { subject: qwen, name: 'license', value: 'mit', observedAt: day('2026-01-05') },
        { subject: qwen, name: 'library', value: hostile, observedAt: day('2026-01-05') },
        { subject: { kind: 'hf', id: hostile }, name: 'license', value: 'x', observedAt: day('2026-01-05') },
      ],
      relations: [{ from: { kind: 'hf', id: 'c/d' }, relation: 'quantized', to: qwen, observedAt: day('2026-01-05') }],
      records: [
        {
          subject: { kind: 'github', id: 'o/r' },
          kind: 'release',
          key: 'v1',
          observedAt: day('2026-01-05'),
          data: { tag: 'v1', n: [1, 3] },
        },
      ],
    });
    assert.equal(r.added, 5);
    const facts = await s.facts({ subjects: [qwen] });
    assert.deepEqual(
      facts.map((f) => [f.name, f.value, f.source, f.observedAt.toISOString()]),
      [
        ['library', hostile, 'hub', '2026-01-05T00:00:00.000Z'],
        ['license', 'apache-2.0', 'test', '2026-01-02T00:00:00.000Z'],
        ['license', 'mit', 'hub', '2026-01-05T00:00:00.000Z'],
      ],
    );
    assert.equal(facts[1]?.batchId, first.batchId);
    assert.deepEqual(
      (await s.facts({ names: ['license'], sources: ['hub'] })).map((f) => f.subject.id),
      ['Qwen/Qwen3-8B', hostile],
    );
    assert.deepEqual((await s.facts({ subjectKind: 'pypi' })).length, 0);
    const rel = await s.relations({ to: [qwen] });
    assert.deepEqual(
      rel.map((x) => `${x.from.id} ${x.relation}`),
      ['a/b finetune', 'c/d quantized'],
    );
    assert.deepEqual(
      (await s.relations({ relations: ['quantized'] })).map((x) => x.from.id),
      ['c/d'],
    );
    assert.deepEqual(
      (await s.relations({ from: [{ kind: 'hf', id: 'a/b' }] })).map((x) => x.to.id),
      ['Qwen/Qwen3-8B'],
    );
    const recs = await s.records({ subjects: [{ kind: 'github', id: 'o/r' }], kinds: ['release'] });
    assert.deepEqual(
      recs.map((x) => [x.key, x.data, x.observedAt.toISOString()]),
      [
        ['v1', { tag: 'v1', n: [1, 2] }, '2026-01-02T00:00:00.000Z'],
        ['v1', { tag: 'v1', n: [1, 3] }, '2026-01-05T00:00:00.000Z'],
      ],
    );
    assert.deepEqual(await s.records({ kinds: ['issue'] }), []);
  });

  t('windowEndCounts counts each subject once per window end, whatever its windows and sources', async (s) => {
    const at = (end: string, days: number, id: string, kind: 'pypi' | 'hf' = 'pypi') => ({
      subject: { kind, id },
      metric: 'downloads',
      value: 1,
      windowStart: new Date(day(end).getTime() - days * 86400000),
      windowEnd: day(end),
      observedAt: day(end),
    });
    const p = { source: 'a', origin: 'o', fetchedAt: day('2026-04-02') };
    const counts = async (kind: 'pypi' | 'hf') =>
      (await s.windowEndCounts(kind, 'downloads')).map((c) => [c.windowEnd.toISOString().slice(0, 10), c.subjects]);
    // One source: x has a 30-day and a 7-day count ending on 2026-03-01, one subject.
    await s.write({
      provenance: p,
      observations: [
        at('2026-03-01', 30, 'x'),
        at('2026-03-01', 7, 'x'),
        at('2026-03-01', 30, 'y'),
        at('2026-04-01', 30, 'x'),
      ],
    });
    assert.deepEqual(await counts('pypi'), [
      ['2026-03-01', 2],
      ['2026-04-01', 1],
    ]);
    // One source, one window per end; then a second source for a subject already counted.
    await s.write({ provenance: p, observations: ['h/1', 'h/2', 'h/3'].map((id) => at('2026-03-01', 30, id, 'hf')) });
    assert.deepEqual(await counts('hf'), [['2026-03-01', 3]]);
    await s.write({ provenance: { ...p, source: 'b' }, observations: [at('2026-03-01', 30, 'h/1', 'hf')] });
    assert.deepEqual(await counts('hf'), [['2026-03-01', 3]]);
  });

  t('top, windowEnds and subjects', async (s) => {
    const p = { source: 'a', origin: 'o', fetchedAt: day('2026-04-02') };
    const mk = (id: string, end: string, value: number, days = 30, source?: string) => ({
      subject: { kind: 'pypi' as const, id },
      metric: 'downloads',
      value,
      windowStart: new Date(day(end).getTime() - days * 86400000),
      windowEnd: day(end),
      observedAt: day(end),
      ...(source ? { origin: source } : {}),
    });
    await s.write({
      provenance: p,
      observations: [
        mk('a', '2026-03-01', 5),
        mk('b', '2026-03-01', 7),
        mk('c', '2026-03-01', 7),
        mk('d', '2026-03-01', 100, 1),
        mk('a', '2026-04-01', 50),
      ],
    });
    await s.write({ provenance: { ...p, source: 'b' }, observations: [mk('a', '2026-03-01', 9, 30, 'other-origin')] });
    await s.write({
      provenance: p,
      facts: [{ subject: { kind: 'hf', id: 'z/z' }, name: 'n', value: 'v', observedAt: day('2026-01-01') }],
    });
    const top = await s.top({
      subjectKind: 'pypi',
      metric: 'downloads',
      windowEnd: day('2026-03-01'),
      windowDays: 30,
      limit: 3,
    });
    assert.deepEqual(
      top.map((x) => [x.subject.id, x.value, x.source, x.origin]),
      [
        ['a', 9, 'b', 'other-origin'],
        ['b', 7, 'a', 'o'],
        ['c', 7, 'a', 'o'],
      ],
    );
    const anyWindow = await s.top({ subjectKind: 'pypi', metric: 'downloads', windowEnd: day('2026-03-01'), limit: 1 });
    assert.deepEqual(
      anyWindow.map((x) => [x.subject.id, x.value]),
      [['d', 100]],
    );
    assert.deepEqual(
      await s.top({ subjectKind: 'npm', metric: 'downloads', windowEnd: day('2026-03-01'), limit: 3 }),
      [],
    );
    assert.deepEqual(
      (await s.windowEnds('pypi', 'downloads')).map((d) => d.toISOString().slice(0, 10)),
      ['2026-03-01', '2026-04-01'],
    );
    assert.deepEqual(await s.windowEnds('hf', 'downloads'), []);
    // a's two sources on 2026-03-01 are one subject.
    assert.deepEqual(
      (await s.windowEndCounts('pypi', 'downloads')).map((c) => [c.windowEnd.toISOString().slice(0, 10), c.subjects]),
      [
        ['2026-03-01', 4],
        ['2026-04-01', 1],
      ],
    );
    assert.deepEqual(await s.windowEndCounts('hf', 'downloads'), []);
    assert.deepEqual(
      await s.subjects('pypi'),
      ['a', 'b', 'c', 'd'].map((id) => ({ kind: 'pypi', id })),
    );
    assert.deepEqual(await s.subjects(), [
      { kind: 'hf', id: 'z/z' },
      ...['a', 'b', 'c', 'd'].map((id) => ({ kind: 'pypi', id })),
    ]);
  });

  t('http cache and checkpoints: put, get, replace', async (s) => {
    assert.equal(await s.httpCacheGet('k'), undefined);
    const entry = {
      etag: 'W/"1"',
      status: 200,
      body: '{"a":"é\\n"}',
      headers: { 'content-type': 'application/json' },
      storedAt: new Date('2026-01-01T01:02:03.456Z'),
    };
    await s.httpCachePut('k', entry);
    assert.deepEqual(await s.httpCacheGet('k'), entry);
    const next = {
      lastModified: 'Tue, 01 Jan 2026 00:00:00 GMT',
      status: 304,
      body: '',
      headers: {},
      storedAt: new Date('2026-01-02T00:00:00.000Z'),
    };
    await s.httpCachePut('k', next);
    assert.deepEqual(await s.httpCacheGet('k'), next);
    assert.equal((await s.stats()).tables.http_cache, 1);
    assert.equal(await s.checkpointGet('hub:cursor'), undefined);
    await s.checkpointPut('hub:cursor', 'page=2');
    await s.checkpointPut('hub:cursor', 'page=3');
    await s.checkpointPut('other', "it's");
    assert.equal(await s.checkpointGet('hub:cursor'), 'page=3');
    assert.equal(await s.checkpointGet('other'), "it's");
    assert.equal((await s.stats()).tables.checkpoints, 2);
  });

  const rows = sampleRows();
  for (const gzip of [false, true]) {
    t(`bulkLoad reads a ${gzip ? 'gzipped ' : ''}CSV plan into the same observations, once`, async (s) => {
      const dir = tempDir();
      const path = join(dir, gzip ? 'sample.csv.gz' : 'sample.csv');
      if (gzip) writeFileSync(path, gzipSync(readFileSync(SAMPLE_CSV)));
      else copyFileSync(SAMPLE_CSV, path);
      const prov = { source: PYPI_TOP_SOURCE, origin: path, fetchedAt: new Date('2026-04-02T08:00:00.500Z') };
      const r = await s.bulkLoad(monthlyCsvPlan(path, gzip), prov);
      assert.equal(r.offered, rows.length);
      assert.equal(r.added, rows.length);
      const again = await s.bulkLoad(monthlyCsvPlan(path, gzip), prov);
      assert.deepEqual(again, { batchId: 0, offered: rows.length, added: 0 });
      const vl = await s.observations({ subjects: [vllm], windowDays: 30 });
      const expected = rows.filter((x) => x.project === 'vllm').sort((a, b) => a.date.localeCompare(b.date));
      assert.deepEqual(
        vl.map((o) => [o.windowEnd.toISOString().slice(0, 10), o.value]),
        expected.map((x) => [x.date, x.downloads]),
      );
      assert.equal(vl[0]?.windowStart.toISOString(), '2026-01-02T00:00:00.000Z');
      assert.equal(vl[0]?.origin, `${path} (queried from ClickHouse)`);
      assert.equal(vl[0]?.source, PYPI_TOP_SOURCE);
      assert.equal(vl[0]?.fetchedAt.toISOString(), '2026-04-02T08:00:00.500Z');
      assert.equal(vl[0]?.batchId, r.batchId);
      const top = await s.top({
        subjectKind: 'pypi',
        metric: 'downloads',
        windowEnd: day('2026-04-01'),
        windowDays: 30,
        limit: 2,
      });
      assert.deepEqual(
        top.map((x) => [x.subject.id, x.value]),
        [
          ['boto3', 1880218825],
          ['numpy', 871842108],
        ],
      );
      assert.equal((await s.batches())[0]?.offered, rows.length);
      assert.deepEqual((await s.integrity()).problems, []);
    });
  }

  t(
    'bulkLoad stores names that normalise to one identity once: on a new source, after earlier rows, in a new month',
    async (s) => {
      // "Foo_Bar", "foo.bar" and "foo-bar" are one PEP 503 name: one observation per snapshot.
      const csv = (date: string, extra: string) =>
        `snapshot_date,window_days,project,downloads,source\n${date},30,Foo_Bar,10,BigQuery\n${date},30,foo.bar,11,BigQuery\n${date},30,${extra},12,BigQuery\n${date},30,foo-bar,13,BigQuery\n`;
      const dir = tempDir();
      const first = join(dir, 'first.csv');
      const second = join(dir, 'second.csv');
      writeFileSync(first, csv('2026-03-01', 'other'));
      writeFileSync(
        second,
        csv('2026-04-01', 'FOO-BAR') + '2026-03-01,30,foo_bar,99,BigQuery\n2026-04-01,30,solo,1,BigQuery\n',
      );
      const prov = (origin: string) => ({ source: PYPI_TOP_SOURCE, origin, fetchedAt: day('2026-04-02') });
      assert.equal((await s.bulkLoad(monthlyCsvPlan(first, false), prov(first))).added, 2);
      // Second file: its March row repeats a stored identity, its April rows repeat each other.
      assert.equal((await s.bulkLoad(monthlyCsvPlan(second, false), prov(second))).added, 2);
      // Third file: a month not stored yet, its rows repeating each other.
      const third = join(dir, 'third.csv');
      writeFileSync(third, csv('2026-05-01', 'foo_BAR'));
      assert.equal((await s.bulkLoad(monthlyCsvPlan(third, false), prov(third))).added, 1);
      assert.equal((await s.bulkLoad(monthlyCsvPlan(third, false), prov(third))).added, 0);
      const ids = (await s.observations({}))
        .map((o) => `${o.subject.id} ${o.windowEnd.toISOString().slice(0, 10)}`)
        .sort();
      assert.deepEqual(ids, [
        'foo-bar 2026-03-01',
        'foo-bar 2026-04-01',
        'foo-bar 2026-05-01',
        'other 2026-03-01',
        'solo 2026-04-01',
      ]);
      assert.deepEqual((await s.integrity()).problems, []);
    },
  );

  t('bulkLoad rejects a file with an empty required column and stores nothing', async (s) => {
    const path = join(tempDir(), 'bad.csv');
    const lines = readFileSync(SAMPLE_CSV, 'utf8').split('\n');
    lines[5] = lines[5]!.replace(/,\d+,ClickHouse(\r?)$/, ',,ClickHouse$1');
    assert.match(lines[5], /,,ClickHouse/);
    writeFileSync(path, lines.join('\n'));
    await assert.rejects(
      s.bulkLoad(monthlyCsvPlan(path, false), { source: 's', origin: path, fetchedAt: day('2026-04-02') }),
      /downloads/,
    );
    assert.deepEqual(counts(await s.stats()), { o: 0, f: 0, r: 0, d: 0, b: 0 });
  });

  t('an interrupted bulk load (beforeCommit fails) leaves nothing visible; a retry stores everything', async (s) => {
    const prov = { source: PYPI_TOP_SOURCE, origin: SAMPLE_CSV, fetchedAt: day('2026-04-02') };
    await assert.rejects(
      s.bulkLoad(monthlyCsvPlan(SAMPLE_CSV, false), prov, {
        beforeCommit: () => new Promise((_, reject) => setTimeout(() => reject(new Error('truncated')), 50)),
      }),
      /truncated/,
    );
    assert.deepEqual(await s.observations({}), []);
    assert.deepEqual(
      await s.top({ subjectKind: 'pypi', metric: 'downloads', windowEnd: day('2026-04-01'), limit: 3 }),
      [],
    );
    assert.deepEqual(await s.windowEnds('pypi', 'downloads'), []);
    assert.deepEqual(await s.subjects(), []);
    assert.deepEqual(counts(await s.stats()), { o: 0, f: 0, r: 0, d: 0, b: 0 });
    assert.deepEqual((await s.integrity()).problems, []);
    const retry = await s.bulkLoad(monthlyCsvPlan(SAMPLE_CSV, false), prov, { beforeCommit: () => Promise.resolve() });
    assert.equal(retry.added, rows.length);
    assert.equal((await s.observations({})).length, rows.length);
    assert.deepEqual((await s.integrity()).problems, []);
  });

  t('a failed batch leaves nothing', async (s) => {
    await s.write(batch([1]));
    const before = await s.stats();
    const obsBefore = await s.observations({});
    const bad: WriteBatch = {
      ...batch([5, 6]),
      records: [
        { subject: { kind: 'github', id: 'o/r' }, kind: 'x', key: 'k', observedAt: new Date(Number.NaN), data: 1 },
      ],
    };
    await assert.rejects(s.write(bad));
    assert.deepEqual(await s.stats(), before);
    assert.deepEqual(await s.observations({}), obsBefore);
    assert.deepEqual((await s.integrity()).problems, []);
  });

  if (options.reopen) {
    const reopen = options.reopen;
    test(`[${backend}] data and schema persist across reopen; opening again migrates nothing`, { skip }, async () => {
      const s = await options.open();
      let again: Store | undefined;
      try {
        await s.write(batch([1, 2]));
        await s.checkpointPut('c', 'v');
        const stats = await s.stats();
        await s.close();
        again = await reopen(s);
        assert.deepEqual(await again.stats(), stats);
        assert.equal(await again.checkpointGet('c'), 'v');
        assert.deepEqual((await again.integrity()).problems, []);
      } finally {
        await s.close();
        await again?.close();
      }
    });
  }
}
