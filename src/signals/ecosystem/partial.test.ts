// The partial-snapshot rule: a Hub snapshot with fewer models than half the widest describes only
// the models it holds (docs/ecosystem.md); at half it is comparable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PARTIAL_SNAPSHOT_SHARE, splitPartialSnapshots } from './partial.js';

const day = (d: number) => new Date(Date.UTC(2026, 0, d));

test('partial snapshots: under half the widest is partial; at half and above comparable, ascending', () => {
  assert.equal(PARTIAL_SNAPSHOT_SHARE, 0.5);
  const sizes = [
    { snapshot: day(5), models: 1000 },
    { snapshot: day(1), models: 500 }, // at the threshold
    { snapshot: day(3), models: 499 }, // one below
    { snapshot: day(2), models: 501 }, // one above
    { snapshot: day(4), models: 1000 }, // ties with the widest: the first one stays the yardstick
  ];
  const r = splitPartialSnapshots(sizes);
  assert.deepEqual(
    r.full.map((s) => s.snapshot.getUTCDate()),
    [1, 2, 4, 5],
  );
  assert.deepEqual(
    r.partial.map((s) => s.snapshot.getUTCDate()),
    [3],
  );
  assert.equal(r.widest, sizes[0]);
  assert.deepEqual(splitPartialSnapshots([]), { full: [], partial: [], widest: undefined });
  const grow = splitPartialSnapshots([
    { snapshot: day(1), models: 10 },
    { snapshot: day(2), models: 30 },
  ]);
  assert.equal(grow.widest?.models, 30);
  assert.deepEqual(
    grow.partial.map((s) => s.models),
    [10],
  );
});
