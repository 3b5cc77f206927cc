import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DuckDbStore } from './duckdb-store.js';
import { tempDir } from '../../../test/helpers/tmp.js';
import type { WriteBatch } from '../../domain/observation.js';

const day = (s: string) => new Date(`${s}T00:00:00Z`);

function batch(values: number[], source = 'test', fetchedAt = day('2026-01-02')): WriteBatch {
  return {
    provenance: { source, origin: 'unit', fetchedAt },
    observations: values.map((v, i) => ({
      subject: { kind: 'pypi' as const, id: 'vllm' },
      metric: 'downloads',
      value: v,
      windowStart: day(`2026-01-${String(i + 1).padStart(2, '0')}`),
      windowEnd: day(`2026-01-${String(i + 2).padStart(2, '0')}`),
      observedAt: day('2026-01-20'),
    })),
    facts: [
      {
        subject: { kind: 'hf', id: 'Qwen/Qwen3-8B' },
        name: 'license',
        value: 'apache-2.0',
        observedAt: day('2026-01-02'),
      },
    ],
    relations: [
      {
        from: { kind: 'hf', id: 'a/b' },
        relation: 'finetune',
        to: { kind: 'hf', id: 'Qwen/Qwen3-8B' },
        observedAt: day('2026-01-02'),
      },
    ],
    records: [
      {
        subject: { kind: 'github', id: 'o/r' },
        kind: 'release',
        key: 'v1',
        observedAt: day('2026-01-02'),
        data: { tag: 'v1' },
      },
    ],
  };
}

test('a batch is written once; writing it again adds nothing', async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    const first = await store.write(batch([1, 2, 3]));
    assert.equal(first.added, 6);
    // Fetched again a month later: the same figures are the same rows, whenever they were fetched.
    const again = await store.write(batch([1, 2, 3], 'test', day('2026-02-02')));
    assert.deepEqual([again.batchId, again.offered, again.added], [0, 6, 0]);
    const stats = await store.stats();
    assert.deepEqual(
      {
        o: stats.tables.observations,
        f: stats.tables.facts,
        r: stats.tables.relations,
        d: stats.tables.records,
        b: stats.batches,
      },
      { o: 3, f: 1, r: 1, d: 1, b: 1 },
    );
    const obs = await store.observations({ subjects: [{ kind: 'pypi', id: 'vllm' }] });
    assert.deepEqual(
      obs.map((o) => o.value),
      [1, 2, 3],
    );
    assert.equal(obs[0]?.windowEnd.toISOString(), '2026-01-02T00:00:00.000Z');
    assert.equal(obs[0]?.source, 'test');
    assert.ok((await store.integrity()).ok);
  } finally {
    await store.close();
  }
});

test('a failing batch leaves no rows behind', async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    await store.write(batch([1]));
    const before = await store.stats();
    const bad = {
      ...batch([5, 6]),
      records: [
        { subject: { kind: 'github' as const, id: 'o/r' }, kind: 'x', key: 'k', observedAt: new Date(NaN), data: 1 },
      ],
    };
    await assert.rejects(store.write(bad));
    assert.deepEqual(await store.stats(), before);
  } finally {
    await store.close();
  }
});

test('hostile ids are stored and read back as text', async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    const id = "x'); DROP TABLE observations;--";
    await store.write({
      provenance: { source: 's', origin: 'o', fetchedAt: day('2026-01-01') },
      facts: [
        {
          subject: { kind: 'hf', id },
          name: 'license',
          value: "'; DELETE FROM facts; --",
          observedAt: day('2026-01-01'),
        },
      ],
    });
    const facts = await store.facts({ subjects: [{ kind: 'hf', id }] });
    assert.equal(facts[0]?.value, "'; DELETE FROM facts; --");
    assert.equal((await store.stats()).tables.observations, 0);
  } finally {
    await store.close();
  }
});

test('a database held by another process gets a clear error', async () => {
  const path = join(tempDir(), 'k.duckdb');
  const { spawn } = await import('node:child_process');
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const i = await DuckDBInstance.create(${JSON.stringify(path)});
    await i.connect(); console.log('ready'); setTimeout(() => {}, 20000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    await new Promise<void>((res) => holder.stdout.once('data', () => res()));
    await assert.rejects(DuckDbStore.open(path), /in use by another process/);
  } finally {
    holder.kill();
  }
});
