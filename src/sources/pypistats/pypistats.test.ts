// pypistats.org on recorded responses: the three endpoints, a missing package, 5xx and a truncated body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { formatDims } from '../../domain/observation.js';
import { loadRecordings, replayFetch } from '../../../test/helpers/recorded-http.js';
import { simpleHttpClient } from '../../../test/helpers/simple-http.js';
import { fetchPypistats } from './pypistats.js';

const client = () =>
  simpleHttpClient(replayFetch(loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'pypistats'))));
const AT = new Date('2026-03-05T00:00:00Z');

test('overall with and without mirrors, python_major and system become daily observations', async () => {
  const c = await fetchPypistats(client(), { kind: 'pypi', id: 'vllm' }, AT);
  assert.deepEqual(c.unknowns, []);
  const day = (d: string, dims: string) =>
    c.observations.find((o) => o.windowStart.toISOString().startsWith(d) && formatDims(o.dims) === dims)?.value;
  assert.equal(day('2026-03-02', ''), 121000, 'with_mirrors is the raw figure');
  assert.equal(day('2026-03-02', 'pypistats=without_mirrors'), 101000);
  assert.equal(day('2026-03-03', 'python_major=3'), 101990);
  assert.equal(day('2026-03-01', 'python_major=unknown'), 10, 'the string "null" is an unknown category');
  assert.equal(day('2026-03-01', 'system=Linux'), 95000);
  assert.equal(c.observations.length, 6 + 6 + 12);
  const o = c.observations[0]!;
  assert.equal(o.windowEnd.getTime() - o.windowStart.getTime(), 86_400_000);
  assert.equal(o.origin, 'https://pypistats.org/api/packages/vllm/overall');
});

test('a missing package is one unknown; 5xx, malformed rows and a truncated body are unknowns with reasons', async () => {
  const missing = await fetchPypistats(client(), { kind: 'pypi', id: 'no-such-pkg-kept' }, AT);
  assert.equal(missing.observations.length, 0);
  assert.deepEqual(
    missing.unknowns.map((u) => u.reason),
    ['pypistats.org has no package no-such-pkg-kept (404)'],
  );
  const sg = await fetchPypistats(client(), { kind: 'pypi', id: 'sglang' }, AT);
  assert.equal(sg.observations.length, 1);
  assert.deepEqual(
    sg.unknowns.map((u) => u.metric),
    ['pypistats.overall', 'pypistats.python_major', 'pypistats.system'],
  );
  assert.match(sg.unknowns[0]!.reason, /1 malformed rows skipped/);
  assert.match(sg.unknowns[1]!.reason, /502/);
  assert.match(sg.unknowns[2]!.reason, /JSON/);
});
