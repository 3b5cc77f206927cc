import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUSPECT_RATIO, suspectWindows } from './suspect-windows.js';

test('a window more than 100× each neighbour is suspect: at, just below and just above the ratio', () => {
  assert.equal(SUSPECT_RATIO, 100);
  const cases: [number[], number[]][] = [
    [[1_000, 100_000, 1_000], []], // exactly 100×: not more than
    [[1_000, 100_001, 1_000], [1]],
    [[1_000, 99_999, 1_000], []],
    [[1_000, 100_001, 2_000], []], // only one neighbour exceeded
    [[1_000, 2_000, 200_001], [2]], // the latest window, with its one neighbour
    [[0, 101, 0], [1]], // a neighbour of 0 counts as 1
    [[5_000_000], []],
  ];
  for (const [values, expected] of cases) assert.deepEqual(suspectWindows(values), expected, values.join(','));
});

test("sglang's real spike (36M after 2.9M, 12×) is not suspect data: it is judged by its shape", () => {
  const sglang = [1_700_616, 2_332_829, 10_114_646, 15_476_698, 2_922_103, 35_999_206];
  assert.deepEqual(suspectWindows(sglang), []);
});
