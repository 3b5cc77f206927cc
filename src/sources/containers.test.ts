// Docker Hub, GHCR and Ollama on recorded responses: levels, the legacy fallback, explicit
// unknowns for missing repositories, changed pages and the abbreviated Ollama counts' precision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadRecordings, replayFetch } from '../../test/helpers/recorded-http.js';
import { simpleHttpClient } from '../../test/helpers/simple-http.js';
import { METRICS } from '../domain/metrics.js';
import { fetchDockerRepository } from './dockerhub/dockerhub.js';
import { fetchGhcrPackage, parseGhcrTotalDownloads } from './ghcr/ghcr.js';
import { fetchOllamaModel, parseAbbreviatedCount } from './ollama/ollama.js';

const http = (upstream: string) => {
  const f = replayFetch(loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', upstream)));
  return { f, client: simpleHttpClient(f) };
};
const AT = new Date('2026-11-30T12:00:00Z');
const level = (c: { observations: { metric: string; value: number }[] }, m: string) =>
  c.observations.find((o) => o.metric === m)?.value;

test('Docker Hub: the current endpoint gives pull_count and star_count levels', async () => {
  const { f, client } = http('dockerhub');
  const c = await fetchDockerRepository(client, { kind: 'docker', id: 'vllm/vllm-openai' }, AT);
  assert.equal(level(c, METRICS.pullsTotal), 12345678);
  assert.equal(level(c, METRICS.containerStars), 321);
  assert.equal(f.log.requests.length, 1);
  assert.deepEqual(c.unknowns, []);
});

test('Docker Hub: a failing current endpoint falls back to the legacy one; a missing repository is an unknown', async () => {
  const { f, client } = http('dockerhub');
  const c = await fetchDockerRepository(client, { kind: 'docker', id: 'ollama/ollama' }, AT);
  assert.deepEqual(
    f.log.requests.map((r) => r.url),
    [
      'https://hub.docker.com/v2/namespaces/ollama/repositories/ollama',
      'https://hub.docker.com/v2/repositories/ollama/ollama/',
    ],
  );
  assert.equal(level(c, METRICS.pullsTotal), 98765432);
  assert.ok(c.facts.some((x) => x.name === 'docker.endpoint' && /legacy/.test(x.value)));
  const missing = await fetchDockerRepository(client, { kind: 'docker', id: 'nobody/nothing' }, AT);
  assert.equal(missing.observations.length, 0);
  assert.deepEqual(
    missing.unknowns.map((u) => u.metric),
    [METRICS.pullsTotal, METRICS.containerStars],
  );
  assert.match(missing.unknowns[0]!.reason, /no public repository nobody\/nothing \(404 on both endpoints\)/);
});

test('GHCR: the exact total from the package page, else an unknown that says why', async () => {
  const { client } = http('ghcr');
  const c = await fetchGhcrPackage(client, { kind: 'ghcr', id: 'huggingface/text-generation-inference' }, AT);
  assert.equal(level(c, METRICS.pullsTotal), 1523456);
  assert.ok(c.facts.some((x) => x.name === 'precision:pulls_total' && /exact/.test(x.value)));
  const none = await fetchGhcrPackage(client, { kind: 'ghcr', id: 'example/private-ish' }, AT);
  assert.equal(none.observations.length, 0);
  assert.match(none.unknowns[0]!.reason, /no download API; the package page shows no "Total downloads"/);
  const gone = await fetchGhcrPackage(client, { kind: 'ghcr', id: 'nobody/nothing' }, AT);
  assert.match(gone.unknowns[0]!.reason, /404/);
  assert.deepEqual(parseGhcrTotalDownloads('<span>Total downloads</span><h3>?</h3>'), {
    error: 'the package page has "Total downloads" but no number beside it',
  });
});

test('abbreviated counts keep their precision', () => {
  assert.deepEqual(parseAbbreviatedCount('11.3M'), { value: 11_300_000, plusMinus: 50_000, text: '11.3M' });
  assert.deepEqual(parseAbbreviatedCount('950K'), { value: 950_000, plusMinus: 500, text: '950K' });
  assert.deepEqual(parseAbbreviatedCount('1.2B'), { value: 1_200_000_000, plusMinus: 50_000_000, text: '1.2B' });
  assert.deepEqual(parseAbbreviatedCount('1,234'), { value: 1234, plusMinus: 0, text: '1,234' });
  assert.equal(parseAbbreviatedCount('lots'), undefined);
  assert.equal(parseAbbreviatedCount(''), undefined);
});

test('Ollama: pulls with precision, tag count and update text; a changed page is an unknown, not a zero', async () => {
  const { client } = http('ollama');
  const c = await fetchOllamaModel(client, { kind: 'ollama', id: 'llama3.1' }, AT);
  assert.equal(level(c, METRICS.pullsTotal), 11_300_000);
  assert.equal(level(c, METRICS.tags), 93);
  assert.deepEqual(Object.fromEntries(c.facts.map((x) => [x.name, x.value])), {
    'precision:pulls_total': '±50000 (shown as "11.3M")',
    'ollama.updated': '1 week ago',
  });
  const k = await fetchOllamaModel(client, { kind: 'ollama', id: 'qwen3' }, AT);
  assert.equal(level(k, METRICS.pullsTotal), 950_000);
  const changed = await fetchOllamaModel(client, { kind: 'ollama', id: 'gemma3' }, AT);
  assert.equal(changed.observations.length, 0);
  assert.deepEqual(
    changed.unknowns.map((u) => u.metric),
    [METRICS.pullsTotal, METRICS.tags],
  );
  const missing = await fetchOllamaModel(client, { kind: 'ollama', id: 'no-such-model' }, AT);
  assert.match(missing.unknowns[0]!.reason, /no library page for no-such-model \(404\)/);
});
