// The verdict's sentences and its computation on in-memory inputs (docs/tiers.md): the tier as one
// label, the confidence and families clauses, the checklist and unknowns counts, the latest stored
// version of each document, and the whole verdict with no data (unknown) and with a download floor
// at the serving ladder's production-facing step (100k).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Project } from '../../domain/project.js';
import { subject } from '../../domain/subject.js';
import type { StoredObservation, StoredRecord } from '../../store/store.js';
import { computeFreshness } from '../shared/freshness.js';
import {
  checklistSentence,
  computeVerdictView,
  latestRecords,
  tierHeadline,
  unknownSentence,
  unknownSignalCount,
  verdictView,
} from './compute.js';
import { emptyVerdictInputs } from '../../../test/helpers/view-inputs.js';
import type { UnknownItem, VerdictView } from './model.js';

const u = (signal: string, tier: boolean): UnknownItem => ({ signal, subject: null, reason: 'r', tier });

test('tierHeadline: label · confidence · families', () => {
  assert.equal(
    tierHeadline('load-bearing-infrastructure', 'low', 1),
    'load-bearing infrastructure · low · 1 of 6 signal families',
  );
  assert.equal(tierHeadline('internal-tooling', 'high', 4), 'internal tooling · high · 4 of 6 signal families');
});

test('unknownSentence: distinct signals counted; how many of them the tier weighs', () => {
  const rows: [UnknownItem[], string | undefined][] = [
    [[], undefined],
    [[u('downloads', true)], '1 signal is not measured, weighed by the tier; the Unknown section says why for each.'],
    [[u('x', false)], '1 signal is not measured; the Unknown section says why for each.'],
    [
      [u('a', true), u('a', true), u('b', true)],
      '2 signals are not measured, all weighed by the tier; the Unknown section says why for each.',
    ],
    [
      [u('a', true), u('b', false), u('c', false)],
      '3 signals are not measured, 1 of them weighed by the tier; the Unknown section says why for each.',
    ],
    [[u('a', false), u('b', false)], '2 signals are not measured; the Unknown section says why for each.'],
  ];
  for (const [items, sentence] of rows) assert.equal(unknownSentence(items), sentence, JSON.stringify(items));
  assert.equal(unknownSignalCount([u('a', true), u('a', false), u('b', true)]), 2);
});

test('latestRecords: the latest version of each kind and key on or before asOf; equal times: the later batch', () => {
  const rec = (kind: string, key: string, day: number, batchId: number): StoredRecord => ({
    subject: subject('github', 'o/r'),
    kind,
    key,
    observedAt: new Date(Date.UTC(2026, 0, day)),
    data: { day, batchId },
    source: 's',
    origin: 'o',
    fetchedAt: new Date(Date.UTC(2026, 0, day)),
    batchId,
  });
  const got = latestRecords(
    [
      rec('issue', '1', 1, 1),
      rec('issue', '1', 3, 2),
      rec('issue', '1', 9, 3),
      rec('issue', '2', 2, 5),
      rec('issue', '2', 2, 4),
      rec('release', '1', 2, 1),
    ],
    new Date(Date.UTC(2026, 0, 5)),
  );
  assert.deepEqual(
    got.map((r) => [r.kind, r.key, r.data]),
    [
      ['issue', '1', { day: 3, batchId: 2 }],
      ['issue', '2', { day: 2, batchId: 5 }],
      ['release', '1', { day: 2, batchId: 1 }],
    ],
  );
});

const project: Project = { id: 'srv', name: 'Srv', category: 'serving', pypi: ['srv'] };
const empty = emptyVerdictInputs;
const today = new Date('2026-07-01T00:00:00Z');

test('verdict with no data: tier unknown, every weighed signal named unknown, today as the date', () => {
  const v = computeVerdictView(empty(project), { project, today });
  assert.equal(v.schema, 'kept.verdict/v2');
  assert.equal(v.asOf, '2026-07-01');
  assert.equal(v.freshness.asOfBasis, 'today');
  assert.equal(v.tier.id, 'unknown');
  assert.equal(v.tier.familiesBacking, 0);
  assert.match(
    v.summary[0]!,
    /^Deployment tier: unknown \(no usage signal measured; confidence none: 0% of the signals the tier weighs were measured/,
  );
  assert.ok(v.unknowns.some((x) => x.signal === 'downloads' && x.tier && x.subject === 'pypi:srv'));
  assert.equal(v.summary[v.summary.length - 1], unknownSentence(v.unknowns));
  assert.equal(v.checklist.length, 4);
});

test('verdict: a serving package with a 100k monthly floor reaches production-facing on downloads alone', () => {
  const pts = [100_000, 120_000, 110_000, 130_000, 100_000, 105_000].map((value, i): StoredObservation => ({
    subject: subject('pypi', 'srv'),
    metric: 'downloads',
    value,
    dims: {},
    windowStart: new Date(Date.UTC(2026, i, 1)),
    windowEnd: new Date(Date.UTC(2026, i + 1, 1)),
    observedAt: new Date(Date.UTC(2026, i + 1, 1)),
    source: 'clickpy',
    origin: 'x',
    fetchedAt: new Date(Date.UTC(2026, i + 1, 1)),
    batchId: 1,
  }));
  const series = {
    subject: subject('pypi', 'srv'),
    points: pts.map((p) => ({ windowStart: p.windowStart, windowEnd: p.windowEnd, value: p.value })),
    basis: 'daily-summed' as const,
    sources: ['clickpy'],
    origins: ['x'],
    latest: pts[5],
  };
  const at = (floor: number): VerdictView =>
    computeVerdictView(
      {
        ...empty(project),
        series: [
          {
            subject: subject('pypi', 'srv'),
            series: { ...series, points: series.points.map((p) => ({ ...p, value: p.value - 100_000 + floor })) },
          },
        ],
        latestData: today,
      },
      { project, today },
    );
  const v = at(100_000);
  assert.equal(v.freshness.asOfBasis, 'latest-data');
  assert.equal(v.tier.id, 'production-facing');
  assert.equal(v.tier.usageTier.id, 'production-facing');
  assert.ok(v.evidence.some((e) => e.signal === 'downloads' && e.tier?.id === 'production-facing'));
  assert.equal(v.tier.families.find((f) => f.id === 'usage')?.status, 'backs');
  assert.ok(!v.unknowns.some((x) => x.signal === 'downloads'));
  assert.match(v.summary[0]!, /^Deployment tier: production-facing \(confidence low: /);
  assert.equal(at(99_999).tier.id, 'internal-tooling', 'one below the step');
});

test('verdictView: the summary is the tier, the staleness note when stale, the checklist and the unknowns', () => {
  const view = computeVerdictView(empty(project), { project, today });
  // The core: the view without its identity, date, freshness, summary and unknowns.
  const { schema: _s, project: _p, asOf: _a, freshness: _f, summary, unknowns: _u, ...base } = view;
  const stale = computeFreshness({
    asOf: today,
    basis: 'requested',
    today,
    dataEnds: new Date('2026-01-01T00:00:00Z'),
    what: 'w',
  });
  const v = verdictView(project, today, base, [u('a', true)], stale);
  assert.deepEqual(v.summary, [
    summary[0],
    stale.note,
    checklistSentence(base),
    '1 signal is not measured, weighed by the tier; the Unknown section says why for each.',
  ]);
  const fresh = verdictView(project, today, base, [], { ...stale, note: null, stale: false });
  assert.deepEqual(fresh.summary, [summary[0], checklistSentence(base)]);
  assert.deepEqual(fresh.project, { id: 'srv', name: 'Srv', category: 'serving' });
});
