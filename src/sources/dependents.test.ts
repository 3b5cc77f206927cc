// deps.dev and ecosyste.ms on recorded responses: counts, zero omission, scoped names, the linked
// repository (their disagreement, compared by the dependents signal: test/dependents-compared.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadRecordings, replayFetch } from '../../test/helpers/recorded-http.js';
import { simpleHttpClient } from '../../test/helpers/simple-http.js';
import { METRICS } from '../domain/metrics.js';
import { formatDims } from '../domain/observation.js';
import { fetchDepsDev } from './depsdev/depsdev.js';
import { fetchEcosystems } from './ecosystems/ecosystems.js';

const client = (up: string) =>
  simpleHttpClient(replayFetch(loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', up))));
const AT = new Date('2026-11-30T12:00:00Z');
const get = (
  c: { observations: { metric: string; value: number; dims?: Readonly<Record<string, string>> }[] },
  m: string,
  dims = '',
) => c.observations.find((o) => o.metric === m && formatDims(o.dims) === dims)?.value;

test('deps.dev: default version, deprecated versions, dependents split, source repository', async () => {
  const c = await fetchDepsDev(client('depsdev'), { kind: 'pypi', id: 'vllm' }, AT);
  assert.deepEqual(c.unknowns, []);
  assert.equal(get(c, METRICS.dependents), 118);
  assert.equal(get(c, METRICS.dependents, 'scope=direct'), 96);
  assert.equal(get(c, METRICS.dependents, 'scope=indirect'), 31);
  assert.equal(get(c, METRICS.versions), 3);
  assert.equal(get(c, METRICS.deprecatedVersions), 1);
  assert.equal(c.facts.find((f) => f.name === 'deps.dev.default_version')?.value, '0.11.0');
  assert.equal(c.relations[0]?.to.id, 'vllm-project/vllm');
});

test('deps.dev: scoped names are encoded, omitted zeros read as 0, a failed version call is a partial unknown', async () => {
  const c = await fetchDepsDev(client('depsdev'), { kind: 'npm', id: '@huggingface/transformers' }, AT);
  assert.equal(get(c, METRICS.dependents), 0);
  assert.equal(get(c, METRICS.dependents, 'scope=direct'), 4);
  assert.deepEqual(
    c.unknowns.map((u) => u.metric),
    ['source-repo'],
  );
  const missing = await fetchDepsDev(client('depsdev'), { kind: 'pypi', id: 'no-such-pkg-kept' }, AT);
  assert.match(missing.unknowns[0]!.reason, /deps\.dev has no pypi package no-such-pkg-kept \(404\)/);
  const docker = await fetchDepsDev(client('depsdev'), { kind: 'docker', id: 'library/python' }, AT);
  assert.match(docker.unknowns[0]!.reason, /PyPI and npm only/);
});

test('ecosyste.ms: dependent packages and repos, docker dependents, rankings; null and 100 are no data', async () => {
  const c = await fetchEcosystems(client('ecosystems'), { kind: 'pypi', id: 'vllm' }, AT);
  assert.equal(get(c, METRICS.dependents), 1450);
  assert.equal(get(c, METRICS.dependentRepos), 5300);
  assert.equal(get(c, METRICS.dependents, 'kind=docker'), 210);
  assert.equal(get(c, METRICS.rankingPercentile, 'by=dependent_packages_count'), 0.35);
  assert.equal(get(c, METRICS.rankingPercentile, 'by=docker_downloads_count'), undefined);
  const s = await fetchEcosystems(client('ecosystems'), { kind: 'npm', id: '@huggingface/transformers' }, AT);
  assert.equal(get(s, METRICS.rankingPercentile, 'by=dependent_repos_count'), undefined, '100 means no data');
  assert.deepEqual(
    s.unknowns.map((u) => u.metric),
    [METRICS.dependentRepos],
  );
  const limited = await fetchEcosystems(client('ecosystems'), { kind: 'pypi', id: 'sglang' }, AT);
  assert.match(limited.unknowns[0]!.reason, /429/);
  const missing = await fetchEcosystems(client('ecosystems'), { kind: 'pypi', id: 'no-such-pkg-kept' }, AT);
  assert.match(missing.unknowns[0]!.reason, /no package no-such-pkg-kept \(404\)/);
});
