import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFanout, coreNameTokens, modelOrg, reuploadReason, type FanoutEdge, type FanoutNode } from './fanout.js';

const D1 = new Date('2025-01-10T00:00:00Z');
const D2 = new Date('2025-02-10T00:00:00Z');
const e = (child: string, relation: string, parent: string, firstSeen = D1): FanoutEdge => ({
  child,
  relation,
  parent,
  firstSeen,
});

test('re-upload heuristic on real Hub names', () => {
  const nodes = new Map<string, FanoutNode>([
    ['deepseek-ai/DeepSeek-V3', { id: 'deepseek-ai/DeepSeek-V3', parameters: 684531386000 }],
    ['opensourcerelease/DeepSeek-V3-bf16', { id: 'opensourcerelease/DeepSeek-V3-bf16', parameters: 684489845504 }],
    ['mmnga/DeepSeek-V3-slice-jp64', { id: 'mmnga/DeepSeek-V3-slice-jp64', parameters: 180515007104 }],
    ['tflsxyy/DeepSeek-V3-bf16-4layers', { id: 'tflsxyy/DeepSeek-V3-bf16-4layers', parameters: 15111101696 }],
  ]);
  const cases: [string, string, string, boolean][] = [
    ['TheBloke/Llama-2-7B-Chat-GGUF', 'quantized', 'meta-llama/Llama-2-7b-chat-hf', true],
    ['espressor/meta-llama.Llama-2-7b-chat-hf_W8A8_FP8', 'quantized', 'meta-llama/Llama-2-7b-chat-hf', true],
    ['PrunaAI/meta-llama-Llama-2-7b-chat-hf-QUANTO-int4bit-smashed', 'finetune', 'meta-llama/Llama-2-7b-chat-hf', true],
    ['mlc-ai/Llama-2-7b-chat-hf-q4f16_1-MLC', 'quantized', 'meta-llama/Llama-2-7b-chat-hf', true],
    ['ar08/Llama-2-7b-chat-hf-IQ3_M-GGUF', 'quantized', 'meta-llama/Llama-2-7b-chat-hf', true],
    ['MISHANM/deepseek-ai_janus-Pro-7B-fp16', 'finetune', 'deepseek-ai/Janus-Pro-7B', true],
    ['Remsky/kokoro-82m-mirror', 'quantized', 'hexgrad/Kokoro-82M', true],
    ['opensourcerelease/DeepSeek-V3-bf16', 'finetune', 'deepseek-ai/DeepSeek-V3', true],
    ['mradermacher/DeepSeek-V3-i1-GGUF', 'finetune', 'deepseek-ai/DeepSeek-V3', true],
    // new work: a different name, a pruned model, a trimmed one, adapters and merges
    ['huihui-ai/DeepSeek-V3-abliterated', 'finetune', 'deepseek-ai/DeepSeek-V3', false],
    ['mmnga/DeepSeek-V3-slice-jp64', 'finetune', 'deepseek-ai/DeepSeek-V3', false],
    ['tflsxyy/DeepSeek-V3-bf16-4layers', 'finetune', 'deepseek-ai/DeepSeek-V3', false],
    ['QuantFactory/meditron-7b-GGUF', 'quantized', 'meta-llama/Llama-2-7b', false],
    ['onnx-community/Kokoro-82M-v1.0-ONNX', 'quantized', 'hexgrad/Kokoro-82M', false],
    ['RonanMcGovern/Llama-2-7b-chat-hf-function-calling-adapters', 'adapter', 'meta-llama/Llama-2-7b-chat-hf', false],
    ['someone/Llama-2-7b-chat-hf', 'adapter', 'meta-llama/Llama-2-7b-chat-hf', false],
    ['someone/Llama-2-7b-chat-hf', 'merge', 'meta-llama/Llama-2-7b-chat-hf', false],
  ];
  for (const [child, rel, parent, expected] of cases) {
    assert.equal(reuploadReason(child, rel, parent, nodes) !== undefined, expected, `${child} ${rel} of ${parent}`);
  }
  // The reason names the evidence: the packaging words and the matching parameter count.
  assert.match(
    reuploadReason('opensourcerelease/DeepSeek-V3-bf16', 'finetune', 'deepseek-ai/DeepSeek-V3', nodes) ?? '',
    /\(bf16\), same parameter count/,
  );
  assert.deepEqual(coreNameTokens('Llama-2-7b-chat-hf-Q4_K_M-GGUF'), ['llama', '2', '7b', 'chat']);
});

test('re-upload detection misses same-name conversions with quantiser, precision, format and platform suffixes', () => {
  // The real misses of the old token list (the OPEA and AMD names' elided middles filled with the
  // real patterns of the same uploaders, as in the DeepSeek-V3 and Llama-2 trees).
  const cases: [string, string][] = [
    ['OPEA/DeepSeek-R1-int4-gptq-sym-inc', 'deepseek-ai/DeepSeek-R1'],
    ['OPEA/DeepSeek-V3-int4-sym-gguf-q4-0-inc', 'deepseek-ai/DeepSeek-V3'],
    ['unsloth/DeepSeek-R1-GGUF-UD', 'deepseek-ai/DeepSeek-R1'],
    ['nvidia/DeepSeek-R1-FP4', 'deepseek-ai/DeepSeek-R1'],
    ['PrunaAI/microsoft-phi-2-QUANTO-float8bit-smashed', 'microsoft/phi-2'],
    ['jartine/phi-2-llamafile', 'microsoft/phi-2'],
    ['amd/stable-diffusion-3-medium_amdgpu', 'stabilityai/stable-diffusion-3-medium'],
    ['amd/Llama-2-7b-chat-hf-awq-g128-int4-onnx-directml', 'meta-llama/Llama-2-7b-chat-hf'],
  ];
  for (const [child, parent] of cases)
    assert.ok(reuploadReason(child, 'quantized', parent, new Map()), `${child} re-hosts ${parent}`);
  assert.match(
    reuploadReason('nvidia/DeepSeek-R1-FP4', 'quantized', 'deepseek-ai/DeepSeek-R1', new Map()) ?? '',
    /\(fp4\)$/,
  );
  // New work under a similar name stays new work.
  for (const [child, parent] of [
    ['unsloth/DeepSeek-R1-Distill-Llama-8B-GGUF', 'deepseek-ai/DeepSeek-R1'],
    ['someone/phi-2-sql-llamafile', 'microsoft/phi-2'],
  ])
    assert.equal(reuploadReason(child!, 'quantized', parent!, new Map()), undefined, child);
});

test('computeFanout: direct vs tree, re-uploads, orgs, downloads share, growth, asOf and cycles', () => {
  const edges = [
    e('a/Base-GGUF', 'quantized', 'org/Base'),
    e('b/tuned', 'finetune', 'org/Base'),
    e('b/lora', 'adapter', 'org/Base'),
    e('c/merged', 'merge', 'org/Base'),
    e('c/merged', 'merge', 'x/Other'), // a merge of two bases: counted once here
    e('org/Base-instruct', 'finetune', 'org/Base'),
    e('d/tuned-2', 'finetune', 'b/tuned', D2),
    e('d/tuned-2-GGUF', 'quantized', 'd/tuned-2', D2),
    e('org/Base', 'finetune', 'd/tuned-2-GGUF', D2), // a cycle: never counted
    e('later/x', 'finetune', 'org/Base', new Date('2026-01-01T00:00:00Z')), // after asOf
    e('u/card-only', 'base_model', 'org/Base'),
  ];
  const nodes = new Map<string, FanoutNode>([
    ['org/Base', { id: 'org/Base', downloads30d: 900 }],
    ['a/Base-GGUF', { id: 'a/Base-GGUF', downloads30d: 50 }],
    ['b/tuned', { id: 'b/tuned', downloads30d: 40, author: 'b' }],
    ['d/tuned-2', { id: 'd/tuned-2', downloads30d: 10 }],
    ['c/merged', { id: 'c/merged', downloads30d: 0 }],
  ]);
  const f = computeFanout({ base: 'org/Base', edges, nodes, asOf: new Date('2025-12-31T00:00:00Z') });
  assert.deepEqual(f.direct, { finetune: 2, adapter: 1, quantized: 1, merge: 1, unclassified: 1, total: 6 });
  assert.deepEqual(
    { ...f.tree, byDepth: [...f.tree.byDepth] },
    { finetune: 3, adapter: 1, quantized: 2, merge: 1, unclassified: 1, total: 8, depth: 3, byDepth: [6, 1, 1] },
  );
  assert.deepEqual(
    f.reuploads.models.map((r) => r.id),
    ['a/Base-GGUF', 'd/tuned-2-GGUF'],
  );
  assert.deepEqual(f.effective, { direct: 5, tree: 6 });
  // Of the six new-work derivatives: b/tuned (40 downloads, and d/tuned-2 built on it) and d/tuned-2
  // (10) are used; c/merged (0 downloads, no derivatives) is an empty upload; the other three have
  // no downloads recorded.
  assert.deepEqual(f.used, { direct: 1, tree: 2, empty: 1, unknown: 3 });
  assert.equal(f.orgs.distinct, 5); // a b c d u
  assert.equal(f.orgs.baseOrgDerivatives, 1);
  assert.deepEqual(f.downloads, {
    base: 900,
    derivatives: 100,
    reuploads: 50,
    known: 4,
    unknown: 4,
    derivativeShare: 0.1,
  });
  assert.deepEqual(f.growth, [
    { date: '2025-01-10', direct: 6, tree: 6 },
    { date: '2025-02-10', direct: 6, tree: 8 },
  ]);
  const early = computeFanout({ base: 'org/Base', edges, nodes, asOf: D1, maxDepth: 1 });
  assert.equal(early.tree.total, 6);
  assert.equal(early.tree.depth, 1);
  const none = computeFanout({ base: 'nobody/none', edges, nodes, asOf: D2 });
  assert.equal(none.direct.total, 0);
  assert.equal(none.downloads.derivativeShare, null);
});

test('fan-out organisations: the author before the namespace, most models first, ties by name, ten at most', () => {
  const e = (child: string, parent = 'org/Base'): FanoutEdge => ({
    child,
    relation: 'finetune',
    parent,
    firstSeen: D1,
  });
  const orgs = ['k', 'j', 'i', 'h', 'g', 'f', 'e', 'd', 'c', 'b', 'a'];
  const edges = [...orgs.map((o) => e(`${o}/m`)), e('b/m2'), e('zz/m3'), e('noslash'), e('org/own'), e('x/by-org')];
  const nodes = new Map<string, FanoutNode>([
    ['zz/m3', { id: 'zz/m3', author: 'b' }], // the author counts, not the namespace
    ['x/by-org', { id: 'x/by-org', author: 'org' }],
  ]);
  const f = computeFanout({ base: 'org/Base', edges, nodes, asOf: D2 });
  assert.equal(f.orgs.baseOrgDerivatives, 2);
  assert.equal(f.orgs.distinct, 12);
  assert.deepEqual(f.orgs.top, [
    { org: 'b', models: 3 },
    { org: 'a', models: 1 },
    { org: 'c', models: 1 },
    { org: 'd', models: 1 },
    { org: 'e', models: 1 },
    { org: 'f', models: 1 },
    { org: 'g', models: 1 },
    { org: 'h', models: 1 },
    { org: 'i', models: 1 },
    { org: 'j', models: 1 },
  ]);
});

test('fan-out: a model reached twice counts once, at its smallest depth, via the first edge by name and relation', () => {
  const edges = [
    e('b/x', 'merge', 'org/Base'),
    e('b/x', 'finetune', 'org/Base'), // the same child twice directly: one model, two relations
    e('a/y', 'finetune', 'b/x'),
    e('a/y', 'quantized', 'org/Base', D2), // reached at depth 1 too: counted there
    e('c/z', 'adapter', 'a/y', D2),
    e('c/z', 'adapter', 'c/z'), // a self-loop is ignored
  ];
  const f = computeFanout({ base: 'org/Base', edges, nodes: new Map(), asOf: D2 });
  assert.deepEqual(f.direct, { finetune: 1, adapter: 0, quantized: 1, merge: 1, unclassified: 0, total: 2 });
  assert.deepEqual(
    { ...f.tree, byDepth: [...f.tree.byDepth] },
    { finetune: 1, adapter: 1, quantized: 1, merge: 0, unclassified: 0, total: 3, depth: 2, byDepth: [2, 1] },
  );
  assert.deepEqual(f.growth, [
    { date: '2025-01-10', direct: 1, tree: 1 },
    { date: '2025-02-10', direct: 2, tree: 3 },
  ]);
  assert.deepEqual(f.used, { direct: 2, tree: 2, empty: 0, unknown: 1 });
  // A base with downloads and derivatives without: the share is 0; none at all: unknown.
  const only = computeFanout({
    base: 'org/Base',
    edges,
    nodes: new Map([['org/Base', { id: 'org/Base', downloads30d: 0 }]]),
    asOf: D2,
  });
  assert.equal(only.downloads.derivativeShare, null);
  const some = computeFanout({
    base: 'org/Base',
    edges,
    nodes: new Map([['org/Base', { id: 'org/Base', downloads30d: 10 }]]),
    asOf: D2,
  });
  assert.equal(some.downloads.derivativeShare, 0);
});

test('model organisation: the author, else the namespace before the first slash, else the whole id', () => {
  assert.equal(modelOrg('org/name'), 'org');
  assert.equal(modelOrg('noslash'), 'noslash');
  assert.equal(modelOrg('/x'), '/x');
  assert.equal(modelOrg('org/name', { id: 'org/name', author: 'Someone' }), 'Someone');
});

test('re-upload (docs/fanout.md): quant specs anywhere in the name, listed with the packaging words the parent lacks', () => {
  const none = new Map<string, FanoutNode>();
  const why = (child: string, parent = 'meta/Llama-2-7B-hf', nodes = none) =>
    reuploadReason(child, 'quantized', parent, nodes);
  assert.equal(why('x/Llama-2-7B-hf-Q4_K_M'), 'same name as meta/Llama-2-7B-hf (q4_k_m)');
  assert.equal(why('x/Q4_K_M-Llama-2-7B-hf'), 'same name as meta/Llama-2-7B-hf (q4_k_m)');
  assert.equal(why('x/Llama-2-7B-hf-IQ3_XS-GGUF'), 'same name as meta/Llama-2-7B-hf (iq3_xs, gguf)');
  assert.equal(why('x/Llama-2-7B-hf-q10-12'), 'same name as meta/Llama-2-7B-hf (q10-12)');
  assert.equal(why('x/Llama-2-7B-hf-q12f16_10-MLC'), 'same name as meta/Llama-2-7B-hf (q12f16_10, mlc)');
  assert.equal(why('x/Llama-2-7B-hf-q4f16'), 'same name as meta/Llama-2-7B-hf (q4f16)');
  // A trailing separator or a doubled one changes nothing.
  assert.equal(why('x/Llama-2-7B-hf-GGUF-'), 'same name as meta/Llama-2-7B-hf (gguf)');
  // The format the record names is listed once.
  const fmt = new Map<string, FanoutNode>([['x/Llama-2-7B-hf-GGUF', { id: 'x/Llama-2-7B-hf-GGUF', format: 'gguf' }]]);
  assert.equal(why('x/Llama-2-7B-hf-GGUF', 'meta/Llama-2-7B-hf', fmt), 'same name as meta/Llama-2-7B-hf (gguf)');
  // A parent without a namespace; a parent whose name is all packaging.
  assert.equal(why('x/Llama-2-7B-GGUF', 'Llama-2-7B'), 'same name as Llama-2-7B (gguf)');
  assert.equal(why('x/GGUF', 'org/GGUF'), undefined);
});

test('re-upload: the parent namespace is stripped only as a whole prefix of a longer name', () => {
  const none = new Map<string, FanoutNode>();
  assert.equal(reuploadReason('x/llama', 'finetune', 'llama/llama', none), 'same name as llama/llama');
  assert.equal(reuploadReason('x/meta-x-Llama-2-7b', 'finetune', 'meta-llama/Llama-2-7b', none), undefined);
  assert.equal(
    reuploadReason('x/meta-llama-Llama-2-7b-GGUF', 'quantized', 'meta-llama/Llama-2-7b', none),
    'same name as meta-llama/Llama-2-7b (gguf)',
  );
});

test('re-upload: the parameter count says "same" only when both are known; a parent count of 0 is no count', () => {
  const nodes = (cp: number | undefined, pp: number | undefined) =>
    new Map<string, FanoutNode>([
      ['x/M-GGUF', { id: 'x/M-GGUF', ...(cp === undefined ? {} : { parameters: cp }) }],
      ['o/M', { id: 'o/M', ...(pp === undefined ? {} : { parameters: pp }) }],
    ]);
  assert.equal(reuploadReason('x/M-GGUF', 'quantized', 'o/M', nodes(100, undefined)), 'same name as o/M (gguf)');
  assert.equal(
    reuploadReason('x/M-GGUF', 'quantized', 'o/M', nodes(5, 0)),
    'same name as o/M (gguf), same parameter count',
  );
});

test('fan-out tree: duplicate edges count once, the depth limit holds, and a grandchild is reached via the first parent by name', () => {
  const edges = [
    e('m/a', 'finetune', 'org/Base'),
    e('m/a', 'finetune', 'org/Base', D2), // stored twice
    e('m/b', 'finetune', 'org/Base'),
    e('m/z', 'finetune', 'm/a'),
    e('m/c', 'finetune', 'm/b'),
    e('m/g', 'quantized', 'm/z'),
    e('m/g', 'adapter', 'm/c'),
    e('m/q', 'quantized', 'org/Base'),
    e('m/q', 'finetune', 'org/Base'),
  ];
  const f = computeFanout({ base: 'org/Base', edges, nodes: new Map(), asOf: D2 });
  assert.deepEqual(f.direct, { finetune: 3, adapter: 0, quantized: 1, merge: 0, unclassified: 0, total: 3 });
  assert.deepEqual([f.tree.finetune, f.tree.quantized, f.tree.adapter, f.tree.total], [5, 0, 1, 6]);
  const shallow = computeFanout({ base: 'org/Base', edges, nodes: new Map(), asOf: D2, maxDepth: 1 });
  assert.deepEqual([shallow.tree.total, shallow.tree.depth], [3, 1]);
});

test('fan-out use: downloads or derivatives of its own (not the base) make a derivative used; re-uploads in depth and name order', () => {
  const edges = [
    e('u/dl', 'finetune', 'org/Base'),
    e('u/kids', 'finetune', 'org/Base'),
    e('u/kid', 'finetune', 'u/kids'),
    e('u/empty', 'finetune', 'org/Base'),
    e('u/unknown', 'finetune', 'org/Base'),
    e('u/loop', 'finetune', 'org/Base'),
    e('org/Base', 'finetune', 'u/loop'),
    e('z/Base-GGUF', 'quantized', 'org/Base'),
    e('a/Base-GGUF', 'quantized', 'org/Base'),
    e('z/kid-GGUF', 'quantized', 'u/kid'),
  ];
  const nodes = new Map<string, FanoutNode>(
    (
      [
        ['org/Base', 5],
        ['u/dl', 5],
        ['u/kids', 0],
        ['u/kid', 0],
        ['u/empty', 0],
        ['u/loop', 0],
      ] as const
    ).map(([id, d]) => [id, { id, downloads30d: d }]),
  );
  const f = computeFanout({ base: 'org/Base', edges, nodes, asOf: D2 });
  assert.deepEqual(f.used, { direct: 2, tree: 3, empty: 2, unknown: 1 });
  assert.deepEqual(
    f.reuploads.models.map((r) => [r.id, r.depth]),
    [
      ['a/Base-GGUF', 1],
      ['z/Base-GGUF', 1],
      ['z/kid-GGUF', 3],
    ],
  );
  // Base and derivatives drawing the same downloads: half the total.
  assert.equal(f.downloads.derivativeShare, 0.5);
});

test('fan-out growth: a relation first seen at midnight belongs to that day', () => {
  const next = new Date(D1.getTime() + 86_400_000);
  const f = computeFanout({
    base: 'org/Base',
    edges: [e('m/a', 'finetune', 'org/Base'), e('m/b', 'finetune', 'org/Base', next)],
    nodes: new Map(),
    asOf: D2,
  });
  assert.deepEqual(f.growth, [
    { date: '2025-01-10', direct: 1, tree: 1 },
    { date: '2025-01-11', direct: 2, tree: 2 },
  ]);
});

test('re-upload reason: the record format when the name does not say it; the count clause needs both counts', () => {
  const nodes = new Map<string, FanoutNode>([
    ['x/M-Q4_K_M', { id: 'x/M-Q4_K_M', format: 'gguf' }],
    ['o/M', { id: 'o/M', parameters: 100 }],
  ]);
  assert.equal(reuploadReason('x/M-Q4_K_M', 'quantized', 'o/M', nodes), 'same name as o/M (gguf, q4_k_m)');
});
