// The top view's rules: rows ranked as the store returned them (rank 1 first), and freshness
// measured against the latest snapshot stored when an older one was asked for (docs/architecture.md's
// as-of rule), against the snapshot itself otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subject } from '../../domain/subject.js';
import { computeTopView } from './compute.js';

const d = (s: string): Date => new Date(`${s}T00:00:00Z`);
const rows = [
  { subject: subject('pypi', 'vllm'), value: 900, source: 'pypi-top', origin: 'top.json' },
  { subject: subject('pypi', 'sglang'), value: 300, source: 'pypi-top', origin: 'top.json' },
];

test('top: rows keep the store order and are ranked from 1, with name, downloads, source and origin', () => {
  const v = computeTopView(
    { snapshot: d('2026-11-01'), rows, latest: d('2026-11-01'), snapshots: 1 },
    { kind: 'pypi', limit: 2, today: d('2026-11-01') },
  );
  assert.equal(v.schema, 'kept.top/v1');
  assert.equal(v.kind, 'pypi');
  assert.equal(v.snapshot, '2026-11-01');
  assert.equal(v.metric, 'downloads');
  assert.equal(v.limit, 2);
  assert.deepEqual(v.rows, [
    { rank: 1, subject: 'pypi:vllm', name: 'vllm', downloads: 900, source: 'pypi-top', origin: 'top.json' },
    { rank: 2, subject: 'pypi:sglang', name: 'sglang', downloads: 300, source: 'pypi-top', origin: 'top.json' },
  ]);
  assert.equal(v.freshness.asOf, '2026-11-01');
  assert.equal(v.freshness.asOfBasis, 'latest-data');
  assert.equal(v.freshness.dataEnds, '2026-11-01');
  assert.equal(v.freshness.stale, false);
});

test('top: an older snapshot asked for is judged against the latest stored (and is stale past 45 days)', () => {
  const inputs = { snapshot: d('2026-06-01'), rows, latest: d('2026-11-01'), snapshots: 2 };
  const asked = computeTopView(inputs, { kind: 'pypi', limit: 2, at: d('2026-06-01'), today: d('2026-11-02') });
  assert.equal(asked.freshness.asOf, '2026-11-01');
  assert.equal(asked.freshness.dataEnds, '2026-06-01');
  assert.equal(asked.freshness.ageDays, 153);
  assert.equal(asked.freshness.stale, true);
  assert.match(asked.freshness.note ?? '', /the pypi snapshot ranked ends 2026-06-01/);
  // Not asked for (the default snapshot): measured against itself.
  const dflt = computeTopView(inputs, { kind: 'pypi', limit: 2, today: d('2026-11-02') });
  assert.equal(dflt.freshness.asOf, '2026-06-01');
  assert.equal(dflt.freshness.stale, false);
  // Asked for the latest itself: the same as the default.
  const latest = computeTopView(
    { ...inputs, snapshot: d('2026-11-01') },
    { kind: 'pypi', limit: 2, at: d('2026-11-01'), today: d('2026-11-02') },
  );
  assert.equal(latest.freshness.asOf, '2026-11-01');
  assert.equal(latest.freshness.ageDays, 0);
});
