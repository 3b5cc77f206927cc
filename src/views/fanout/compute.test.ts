// The fanout views' rules: the fan-out signal over the loaded tree in sentences (docs/fanout.md),
// judged as of the date asked for, else the Hub data's end; the organisation view lists models
// with derivatives only, most derivatives first, then by id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subject } from '../../domain/subject.js';
import { computeFanout, type FanoutEdge, type FanoutNode } from '../../signals/fanout.js';
import { computeFanoutOrgView } from '../fanout-org/compute.js';
import { FANOUT_NOTES, computeFanoutView } from './compute.js';
import type { FanoutLoad } from './load.js';

const D1 = new Date('2025-01-10T00:00:00Z');
const e = (child: string, relation: string, parent: string): FanoutEdge => ({ child, relation, parent, firstSeen: D1 });
const tree = (edges: FanoutEdge[], nodes: FanoutNode[], o: Partial<FanoutLoad> = {}): FanoutLoad => ({
  edges,
  nodes: new Map(nodes.map((n) => [n.id, n])),
  known: true,
  sources: ['hf-dump'],
  dataEnds: new Date('2025-02-01T00:00:00Z'),
  unknownDownloads: [],
  ...o,
});
const base = tree(
  [
    e('a/Base-GGUF', 'quantized', 'org/Base'),
    e('b/tuned', 'finetune', 'org/Base'),
    e('c/lora', 'adapter', 'org/Base'),
    e('d/x', 'base_model', 'org/Base'),
    e('e/tuned-2', 'finetune', 'b/tuned'),
  ],
  [
    { id: 'org/Base', downloads30d: 900, spaces: 1234 },
    { id: 'a/Base-GGUF', downloads30d: 50 },
    { id: 'b/tuned', downloads30d: 40 },
    { id: 'c/lora', downloads30d: 0 },
  ],
);

test('fanout view: the signal in sentences, with the data source, freshness and notes', () => {
  const v = computeFanoutView(
    { ...base, latestData: new Date('2025-02-01T00:00:00Z') },
    { base: subject('hf', 'org/Base'), depth: 8, today: new Date('2025-02-01T00:00:00Z') },
  );
  assert.equal(v.schema, 'kept.fanout/v2');
  assert.equal(v.subject, 'hf:org/Base');
  assert.equal(v.base, 'org/Base');
  assert.equal(v.asOf, '2025-02-01');
  assert.deepEqual(v.sources, ['hf-dump']);
  assert.equal(v.freshness.dataEnds, '2025-02-01');
  assert.deepEqual(v.direct, { finetune: 1, adapter: 1, quantized: 1, merge: 0, unclassified: 1, total: 4 });
  assert.deepEqual(v.tree.byDepth, [4, 1]);
  assert.deepEqual([v.reuploads.direct, v.reuploads.tree], [1, 1]);
  assert.deepEqual(
    v.reuploads.models.map((m) => m.id),
    ['a/Base-GGUF'],
  );
  assert.equal(v.spaces, 1234);
  // The signal's figures are carried unchanged.
  const f = computeFanout({
    base: 'org/Base',
    edges: base.edges,
    nodes: base.nodes,
    asOf: new Date('2025-02-01T00:00:00Z'),
  });
  for (const k of ['effective', 'used', 'orgs', 'downloads'] as const) assert.deepEqual(v[k], f[k], k);
  assert.equal(
    v.summary,
    'org/Base: 4 direct derivatives (1 fine-tune, 1 adapter, 1 quantized, 0 merges, 1 unclassified), 5 in the whole tree (depth 2): 4 new work and 1 re-upload of the same weights. Of the new work, 1 is used (downloads or derivatives of their own), 1 empty (no downloads, no derivatives), 2 without downloads recorded.',
  );
  assert.equal(
    v.sentences.organisations,
    "Organisations building on it: 5 besides its own (0 derivatives by the base's own organisation). Most active: a (1), b (1), c (1), d (1), e (1).",
  );
  assert.equal(
    v.sentences.downloads,
    "30-day downloads: base 900; derivatives 90 (known for 3 of 5; re-uploads 50); derivatives' share 9.1%.",
  );
  assert.equal(v.sentences.spaces, 'Spaces using it: 1,234.');
  assert.deepEqual(v.notes, [...FANOUT_NOTES]);
  assert.deepEqual(v.growth, [{ date: '2025-01-10', direct: 4, tree: 5 }]);
});

test('fanout view: no derivatives, the base download unknown with its reason, spaces not collected', () => {
  const v = computeFanoutView(
    tree([], [{ id: 'org/Gated', downloads30d: 0 }], {
      dataEnds: undefined,
      unknownDownloads: [{ id: 'org/Gated', reason: 'gated: the Hub shows 0' }],
    }),
    {
      base: subject('hf', 'org/Gated'),
      depth: 1,
      asOf: new Date('2025-03-01T00:00:00Z'),
      today: new Date('2025-03-02T00:00:00Z'),
    },
  );
  assert.equal(v.asOf, '2025-03-01');
  assert.equal(v.freshness.asOfBasis, 'requested');
  assert.equal(v.summary, 'org/Gated: no derivatives stored on or before 2025-03-01.');
  assert.equal(v.sentences.spaces, 'Spaces using it: unknown (not collected).');
  assert.equal(
    v.sentences.organisations,
    "Organisations building on it: 0 besides its own (0 derivatives by the base's own organisation).",
  );
  assert.deepEqual(v.unknownDownloads, [{ id: 'org/Gated', reason: 'gated: the Hub shows 0' }]);
});

test('fanout-org: models with derivatives only, most first, ties by id; freshness from the latest tree', () => {
  const one = tree([e('x/a', 'finetune', 'org/B')], [{ id: 'org/B', downloads30d: 7 }], {
    dataEnds: new Date('2025-01-01T00:00:00Z'),
  });
  const oneA = tree([e('x/b', 'finetune', 'org/A')], [{ id: 'org/A' }], { dataEnds: undefined });
  const none = tree([], [], { dataEnds: new Date('2025-03-01T00:00:00Z') });
  const v = computeFanoutOrgView(
    {
      trees: [
        { model: 'org/B', tree: one },
        { model: 'org/Base', tree: base },
        { model: 'org/None', tree: none },
        { model: 'org/A', tree: oneA },
      ],
      latestData: new Date('2025-02-01T00:00:00Z'),
    },
    { org: 'org', depth: 8, today: new Date('2025-04-01T00:00:00Z') },
  );
  assert.equal(v.schema, 'kept.fanout-org/v1');
  assert.equal(v.org, 'org');
  assert.equal(v.asOf, '2025-02-01');
  assert.equal(v.freshness.dataEnds, '2025-03-01');
  assert.deepEqual(
    v.models.map((m) => [m.model, m.tree]),
    [
      ['org/Base', 5],
      ['org/A', 1],
      ['org/B', 1],
    ],
  );
  assert.deepEqual(v.models[0], {
    model: 'org/Base',
    direct: { finetune: 1, adapter: 1, quantized: 1, merge: 0, unclassified: 1, total: 4 },
    tree: 5,
    reuploads: 1,
    effective: 4,
    used: 1,
    orgs: 5,
    downloads30d: 900,
    derivativeDownloads30d: 90,
  });
  assert.equal(v.models[2]!.downloads30d, 7);
});
