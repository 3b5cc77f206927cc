// Issue 9, injection: names from outside reach SQL only as parameters or escaped literals. A
// hostile model id, fact value and dims are stored and read back as text; no table is harmed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { tempDir } from './helpers/tmp.js';

const HOSTILE = [
  `x'); DROP TABLE observations;--`,
  `a" OR "1"="1`,
  `\\'; DELETE FROM batches; --`,
  `$1`,
  `?`,
  `%s`,
  `<script>alert(1)</script>`,
];

test('hostile ids, values and dims are stored and read back as text', async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    const at = new Date('2026-04-01T00:00:00Z');
    const observations = HOSTILE.map((id, i) => ({
      subject: { kind: 'hf' as const, id: `org/${id}` },
      metric: 'downloads',
      value: i + 1,
      dims: { tag: id },
      windowStart: at,
      windowEnd: at,
      observedAt: at,
    }));
    const facts = HOSTILE.map((v) => ({
      subject: { kind: 'hf' as const, id: `org/${v}` },
      name: 'license',
      value: v,
      observedAt: at,
    }));
    const r = await store.write({
      provenance: { source: `src'); DROP TABLE facts;--`, origin: `https://x/'`, fetchedAt: at },
      observations,
      facts,
    });
    assert.equal(r.added, HOSTILE.length * 2);
    const back = await store.observations({ subjects: observations.map((o) => o.subject) });
    assert.deepEqual(back.map((o) => o.subject.id).sort(), observations.map((o) => o.subject.id).sort());
    assert.deepEqual(back.map((o) => o.dims.tag).sort(), [...HOSTILE].sort());
    const f = await store.facts({ subjects: facts.map((x) => x.subject) });
    assert.deepEqual(f.map((x) => x.value).sort(), [...HOSTILE].sort());
    assert.equal(f[0]?.source, `src'); DROP TABLE facts;--`);
    const integrity = await store.integrity();
    assert.ok(integrity.ok, integrity.problems.join('; '));
    assert.equal((await store.stats()).tables.observations, HOSTILE.length);
  } finally {
    await store.close();
  }
});
