// npm downloads API and registry document on recorded responses: chunking past 18 months,
// scoped names, bulk with a missing name, 404 and 429, per-version counts, the package document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadRecordings, replayFetch } from '../../../test/helpers/recorded-http.js';
import { simpleHttpClient } from '../../../test/helpers/simple-http.js';
import { METRICS } from '../../domain/metrics.js';
import { fetchNpmDownloadRange, fetchNpmDownloadRanges, fetchNpmVersionDownloads, rangeChunks } from './downloads.js';
import { fetchNpmPackument } from './packument.js';

const replay = () => replayFetch(loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'npm')));
const AT = new Date('2025-07-02T06:00:00Z');
const npm = (id: string) => ({ kind: 'npm' as const, id });

test('range chunks stay within the limit and never start before 2015-01-10', () => {
  const chunks = rangeChunks(new Date('2014-06-01T00:00:00Z'), new Date('2017-01-01T00:00:00Z'), 540);
  assert.equal(chunks[0]!.start.toISOString().slice(0, 10), '2015-01-10');
  assert.equal(chunks.length, 2);
  for (const c of chunks) assert.ok((c.end.getTime() - c.start.getTime()) / 86_400_000 + 1 <= 540);
  assert.equal(chunks[1]!.start.getTime() - chunks[0]!.end.getTime(), 86_400_000, 'consecutive, no gap or overlap');
  assert.deepEqual(rangeChunks(new Date('2025-01-02T00:00:00Z'), new Date('2025-01-01T00:00:00Z'), 540), []);
});

test('18 months and more: two calls, every day once', async () => {
  const f = replay();
  const c = await fetchNpmDownloadRange(simpleHttpClient(f), npm('ollama'), AT, {
    from: new Date('2024-01-01T00:00:00Z'),
    to: new Date('2025-07-01T00:00:00Z'),
  });
  assert.deepEqual(c.unknowns, []);
  assert.equal(f.log.requests.length, 2);
  assert.equal(c.observations.length, 548);
  assert.equal(new Set(c.observations.map((o) => o.windowStart.getTime())).size, 548);
  assert.equal(c.observations.at(-1)!.value, 5000);
});

test('scoped names go one by one with their slash; bulk covers the rest and reports missing names', async () => {
  const f = replay();
  const c = await fetchNpmDownloadRanges(
    simpleHttpClient(f),
    [npm('@huggingface/transformers'), npm('openai'), npm('ollama'), npm('no-such-package-kept')],
    AT,
    {
      from: new Date('2025-06-01T00:00:00Z'),
      to: new Date('2025-06-03T00:00:00Z'),
    },
  );
  assert.deepEqual(
    f.log.requests.map((r) => r.url),
    [
      'https://api.npmjs.org/downloads/range/2025-06-01:2025-06-03/@huggingface/transformers',
      'https://api.npmjs.org/downloads/range/2025-06-01:2025-06-03/openai,ollama,no-such-package-kept',
    ],
  );
  const sum = (id: string) => c.observations.filter((o) => o.subject.id === id).reduce((n, o) => n + o.value, 0);
  assert.equal(sum('@huggingface/transformers'), 60003);
  assert.equal(sum('openai'), 2_700_000);
  assert.equal(sum('ollama'), 21000);
  assert.deepEqual(
    c.unknowns.map((u) => u.subject.id),
    ['no-such-package-kept'],
  );
});

test('a missing package and a rate limit are unknowns with reasons', async () => {
  const range = { from: new Date('2025-06-01T00:00:00Z'), to: new Date('2025-06-03T00:00:00Z') };
  const missing = await fetchNpmDownloadRange(simpleHttpClient(replay()), npm('no-such-package-kept'), AT, range);
  assert.match(missing.unknowns[0]!.reason, /has no downloads for no-such-package-kept \(404/);
  const limited = await fetchNpmDownloadRange(simpleHttpClient(replay()), npm('langchain'), AT, range);
  assert.equal(limited.observations.length, 0);
  assert.match(limited.unknowns[0]!.reason, /429/);
});

test('per-version downloads of the last week, with the encoded scope', async () => {
  const f = replay();
  const c = await fetchNpmVersionDownloads(simpleHttpClient(f), npm('@huggingface/transformers'), AT);
  assert.equal(f.log.requests[0]!.url, 'https://api.npmjs.org/versions/@huggingface%2Ftransformers/last-week');
  assert.equal(c.observations.find((o) => o.dims?.version === '3.5.1')?.value, 45000);
  assert.equal(c.observations[0]!.windowEnd.toISOString(), '2025-07-02T00:00:00.000Z');
  assert.match(c.facts[0]!.name, /^precision:/);
});

test('the package document: versions, deprecations, maintainers, repository link, release records', async () => {
  const c = await fetchNpmPackument(simpleHttpClient(replay()), npm('ollama'), AT);
  const level = (m: string) => c.observations.find((o) => o.metric === m)?.value;
  assert.equal(level(METRICS.versions), 4);
  assert.equal(level(METRICS.deprecatedVersions), 1);
  assert.equal(level(METRICS.maintainers), 2);
  const facts = Object.fromEntries(c.facts.map((f) => [f.name, f.value]));
  assert.equal(facts['npm.latest'], '0.6.4');
  assert.equal(facts.license, 'MIT');
  assert.equal(c.relations[0]?.to.id, 'ollama/ollama-js');
  const r = c.records.find((x) => x.key === '0.1.0')!.data as { deprecated: string; publishedAt: string };
  assert.match(r.deprecated, /unsupported/);
  assert.ok(r.publishedAt);
  assert.deepEqual(c.unknowns, []);

  const scoped = await fetchNpmPackument(simpleHttpClient(replay()), npm('@huggingface/transformers'), AT);
  assert.equal(scoped.observations.find((o) => o.metric === METRICS.versions)?.value, 2);
  assert.equal(scoped.relations[0]?.to.id, 'huggingface/transformers.js');
  assert.deepEqual(
    scoped.unknowns.map((u) => u.metric),
    [METRICS.maintainers],
    'the served document has no maintainers: said, not zero',
  );

  const missing = await fetchNpmPackument(simpleHttpClient(replay()), npm('no-such-package-kept'), AT);
  assert.match(missing.unknowns[0]!.reason, /no package no-such-package-kept \(404\)/);
});
