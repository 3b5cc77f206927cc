import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareDependents, computeDependentsTrend } from './dependents.js';

const at = new Date('2026-11-30T00:00:00Z');

test('two sources within a factor of two agree; further apart they disagree and both are named', () => {
  const ok = compareDependents([
    { source: 'deps.dev', value: 300, at },
    { source: 'ecosyste.ms', value: 420, at },
  ]);
  assert.equal(ok.disagree, false);
  assert.equal(ok.ratio, 1.4);
  const bad = compareDependents([
    { source: 'deps.dev', value: 120, at },
    { source: 'ecosyste.ms', value: 1500, at },
  ]);
  assert.equal(bad.disagree, true);
  assert.match(bad.note, /ecosyste\.ms counts 1500 and deps\.dev 120 \(×12\.5\)/);
  assert.equal(
    compareDependents([
      { source: 'deps.dev', value: 0, at },
      { source: 'ecosyste.ms', value: 3, at },
    ]).disagree,
    false,
    'tiny absolute gaps are noise',
  );
  assert.equal(
    compareDependents([
      { source: 'deps.dev', value: 0, at },
      { source: 'ecosyste.ms', value: 30, at },
    ]).ratio,
    Number.POSITIVE_INFINITY,
  );
  assert.equal(compareDependents([{ source: 'deps.dev', value: 5, at }]).ratio, null);
});

test('six-month trend from snapshots; too young a history says so', () => {
  const s = (d: string, v: number) => ({ source: 'deps.dev', value: v, at: new Date(`${d}T00:00:00Z`) });
  const t = computeDependentsTrend([s('2026-05-01', 100), s('2026-06-01', 110), s('2026-11-29', 150)], at);
  assert.equal(t.base?.value, 110);
  assert.equal(t.growth !== null && Math.round(t.growth * 100), 36);
  const young = computeDependentsTrend([s('2026-10-01', 100), s('2026-11-29', 150)], at);
  assert.equal(young.growth, null);
  assert.match(young.note, /needs kept to have collected for that long/);
});
