import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadRecordings, replayFetch } from '../../../test/helpers/recorded-http.js';
import { simpleHttpClient } from '../../../test/helpers/simple-http.js';
import { METRICS } from '../../domain/metrics.js';
import { fetchPypiProject, repositoryFromProjectUrls } from './pypi-json.js';

const client = () =>
  simpleHttpClient(replayFetch(loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'pypi'))));
const AT = new Date('2026-11-30T00:00:00Z');

test('project links give the repository; releases give yanked counts and release records', async () => {
  const c = await fetchPypiProject(client(), { kind: 'pypi', id: 'vllm' }, AT);
  assert.deepEqual(c.unknowns, []);
  assert.equal(c.relations[0]?.to.id, 'vllm-project/vllm');
  assert.equal(
    c.observations.find((o) => o.metric === METRICS.versions)?.value,
    3,
    'a release without files is not a release',
  );
  assert.equal(c.observations.find((o) => o.metric === METRICS.yankedVersions)?.value, 1);
  const r = c.records.find((x) => x.key === '0.2.1')!.data as { yanked: boolean; yankedReason: string };
  assert.deepEqual([r.yanked, r.yankedReason], [true, 'broken CUDA build']);
  assert.equal(
    (c.records.find((x) => x.key === '0.10.2')!.data as { publishedAt: string }).publishedAt,
    '2025-09-13T10:00:00.000000Z',
  );
  const missing = await fetchPypiProject(client(), { kind: 'pypi', id: 'no-such-pkg-kept' }, AT);
  assert.match(missing.unknowns[0]!.reason, /PyPI has no project no-such-pkg-kept \(404\)/);
});

test('the repository link: source-like labels first, then any GitHub URL, then the home page', () => {
  assert.equal(
    repositoryFromProjectUrls({ Homepage: 'https://github.com/a/site', Source: 'https://github.com/a/code' }),
    'a/code',
  );
  assert.equal(repositoryFromProjectUrls({ Docs: 'https://x.dev' }, 'https://github.com/b/c'), 'b/c');
  assert.equal(repositoryFromProjectUrls(null, null), undefined);
});
