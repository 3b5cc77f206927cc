// The ecosystem's class rules (docs/ecosystem.md), table-driven: the size classes at each bound,
// the name part the rules read, licences with space and case, the classes' order, and the memory
// the weights need at each precision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LICENCE_CLASSES,
  PRECISION_BYTES,
  REGION_ORDER,
  licenceClassOf,
  ruleName,
  sizeClassOf,
  weightsMemoryGb,
} from './classes.js';

test('size classes: each bound belongs to the class above it; negative, NaN and Infinity are unknown', () => {
  const rows: [number | undefined, string][] = [
    [0, '<1B'],
    [1e9 - 1, '<1B'],
    [1e9, '1–10B'],
    [10e9 - 1, '1–10B'],
    [10e9, '10–50B'],
    [50e9 - 1, '10–50B'],
    [50e9, '≥50B'],
    [1e15, '≥50B'],
    [-1, 'unknown'],
    [undefined, 'unknown'],
    [Number.NaN, 'unknown'],
    [Number.POSITIVE_INFINITY, 'unknown'],
  ];
  for (const [p, c] of rows) assert.equal(sizeClassOf(p), c, String(p));
});

test('the rules read the name after the first slash, lower-cased', () => {
  assert.equal(ruleName('Meta-Llama/Llama-3-8B'), 'llama-3-8b');
  assert.equal(ruleName('Qwen2-7B'), 'qwen2-7b');
  assert.equal(ruleName('/Phi-2'), 'phi-2');
  assert.equal(ruleName('a/B/C'), 'b/c');
});

test('licences: trimmed and lower-cased; empty or "unknown" is unknown, a listed one open, others restricted', () => {
  const rows: [string | undefined, string][] = [
    ['  Apache-2.0 ', 'open'],
    ['MIT', 'open'],
    ['llama3', 'restricted'],
    ['', 'unknown'],
    ['   ', 'unknown'],
    ['Unknown', 'unknown'],
    [undefined, 'unknown'],
  ];
  for (const [l, c] of rows) assert.equal(licenceClassOf(l), c, String(l));
});

test('class orders as shown: licences open, restricted, unknown; regions us, china, eu, other, unknown', () => {
  assert.deepEqual([...LICENCE_CLASSES], ['open', 'restricted', 'unknown']);
  assert.deepEqual([...REGION_ORDER], ['us', 'china', 'eu', 'other', 'unknown']);
});

test('weights memory: parameters × bytes per parameter, in 10⁹ bytes, at fp32, bf16, int8 and int4', () => {
  assert.deepEqual(PRECISION_BYTES, { fp32: 4, bf16: 2, int8: 1, int4: 0.5 });
  assert.deepEqual(weightsMemoryGb(7e9), { fp32: 28, bf16: 14, int8: 7, int4: 3.5 });
  assert.deepEqual(weightsMemoryGb(0), { fp32: 0, bf16: 0, int8: 0, int4: 0 });
});
