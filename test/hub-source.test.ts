// The Hub source on recorded responses (test/fixtures/http/hf, built from the real Kokoro-82M
// tree): the requests it makes, cursor pagination, a missing model (401), a truncated body, and
// the collector storing exactly what `kept import hf-models` stores for the same records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { collectHub } from '../src/ingest/collect/hub.js';
import { buildFanout } from '../src/views/fanout/load.js';
import { importHfModels } from '../src/ingest/import/hf-models.js';
import {
  childrenUrl,
  fetchModelInfo,
  fetchModelTree,
  hubEndpoint,
  listModels,
  modelInfoUrl,
} from '../src/sources/huggingface/hub.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import type { Store } from '../src/store/store.js';
import { loadRecordings, replayFetch } from './helpers/recorded-http.js';
import { simpleHttpClient } from './helpers/simple-http.js';
import { tempDir } from './helpers/tmp.js';

const HUB = 'https://huggingface.co';
const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'http', 'hf');
const KOKORO_DUMP = join(process.cwd(), 'data', 'demo', 'hf-model-trees', 'hexgrad__Kokoro-82M.jsonl.gz');
const NOW = new Date('2026-11-30T09:15:00Z');

function client() {
  const f = replayFetch(loadRecordings(FIXTURES));
  return { http: simpleHttpClient(f), log: f.log };
}

test('hubEndpoint reads HF_ENDPOINT like huggingface_hub', () => {
  assert.equal(hubEndpoint({}), 'https://huggingface.co');
  assert.equal(hubEndpoint({ HF_ENDPOINT: 'http://127.0.0.1:8123/' }), 'http://127.0.0.1:8123');
});

test('fetchModelTree: model info, four relation listings, cursor pagination, depth 2 on the top child', async () => {
  const { http, log } = client();
  const tree = await fetchModelTree(http, HUB, 'hexgrad/Kokoro-82M', { depth: 2, expandLimit: 1, pageSize: 10 });
  assert.equal(tree.base.found, true);
  assert.equal(tree.descendants.length, 31, '13 fine-tunes + 9 adapters + 9 quantized');
  assert.equal(tree.listings, 8);
  assert.deepEqual(
    log.requests.map((r) => {
      const u = new URL(r.url);
      return `${u.pathname} ${u.searchParams.get('filter') ?? ''}${u.searchParams.has('cursor') ? ' +cursor' : ''}`;
    }),
    [
      '/api/models/hexgrad/Kokoro-82M ',
      '/api/models base_model:finetune:hexgrad/Kokoro-82M',
      '/api/models base_model:finetune:hexgrad/Kokoro-82M +cursor',
      '/api/models base_model:adapter:hexgrad/Kokoro-82M',
      '/api/models base_model:quantized:hexgrad/Kokoro-82M',
      '/api/models base_model:merge:hexgrad/Kokoro-82M',
      '/api/models base_model:finetune:David856412/David89675',
      '/api/models base_model:adapter:David856412/David89675',
      '/api/models base_model:quantized:David856412/David89675',
      '/api/models base_model:merge:David856412/David89675',
    ],
  );
  // Official clients' form: repeated expand=, only the listed fields come back.
  assert.deepEqual(new URL(log.requests[0]!.url).searchParams.getAll('expand').slice(0, 4), [
    'author',
    'createdAt',
    'lastModified',
    'downloads',
  ]);
  assert.ok(new URL(log.requests[0]!.url).searchParams.getAll('expand').includes('spaces'));
  assert.equal(
    tree.descendants.filter((d) => d.url.includes('cursor=')).length,
    3,
    'page 2 holds the last 3 fine-tunes, with its URL as provenance',
  );
});

test('a missing model is data, not a crash: the Hub 401 with RepoNotFound', async () => {
  const { http } = client();
  const r = await fetchModelInfo(http, HUB, 'hexgrad/Kokoro-404');
  assert.equal(r.found, false);
  if (!r.found) {
    assert.equal(r.status, 401);
    assert.match(r.reason, /does not exist on the Hub, or is private \(ids are case-sensitive\)/);
  }
});

test("a wrong answer fails the part: another model's record, or a listing item without an id", async () => {
  // Both shapes are ones the fault layer injects (test/helpers/faults.ts, "wrong-shape"); before,
  // the first was stored as a model named "not-a-number" and the second item silently dropped.
  const info = modelInfoUrl(HUB, 'hexgrad/Kokoro-82M');
  const list = childrenUrl(HUB, 'hexgrad/Kokoro-82M', 'finetune', 10);
  const http = simpleHttpClient(
    replayFetch([
      {
        request: { url: info },
        response: { status: 200, body: { id: 'not-a-number', stargazers_count: 'lots', full_name: 7 } },
      },
      { request: { url: list }, response: { status: 200, body: [{ id: 'a/b' }, { unexpected: true }] } },
    ]),
  );
  await assert.rejects(
    fetchModelInfo(http, HUB, 'hexgrad/Kokoro-82M'),
    /the Hub answered with the record of "not-a-number", not "hexgrad\/Kokoro-82M"/,
  );
  await assert.rejects(async () => {
    for await (const page of listModels(http, list))
      assert.fail(`no page of a bad listing is yielded (${page.length})`);
  }, /item 1 of the listing is not a Hub model record with an id/);
});

async function withStore<T>(fn: (s: Store) => Promise<T>): Promise<T> {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

test('collectHub stores the tree and the org, records failures and goes on, and is idempotent the same day', async () => {
  await withStore(async (store) => {
    const project = {
      id: 'kokoro',
      name: 'Kokoro',
      category: 'model-family' as const,
      hfModels: ['hexgrad/Kokoro-404', 'hexgrad/Truncated', 'hexgrad/Kokoro-82M'],
      hfOrgs: ['hexgrad'],
    };
    const opts = { endpoint: HUB, now: NOW, depth: 2, expandLimit: 1, pageSize: 10 };
    const first = await collectHub(client().http, store, project, opts);
    assert.equal(first.snapshot.toISOString(), '2026-11-30T00:00:00.000Z');
    assert.equal(first.models, 1);
    assert.equal(first.orgs, 1);
    assert.equal(first.records, 32 + 2);
    assert.equal(first.failures.length, 2);
    assert.match(
      first.failures[0]!.error,
      /hexgrad\/Kokoro-404 .*401 from https:\/\/huggingface\.co\/api\/models\/hexgrad\/Kokoro-404/,
    );
    assert.equal(first.failures[1]!.subject, 'hf:hexgrad/Truncated');
    assert.ok(first.added > 0);

    const f = await buildFanout(store, { kind: 'hf', id: 'hexgrad/Kokoro-82M' }, NOW);
    // The Hub's own counts for this tree (_summary.csv): 13 / 9 / 9 / 0.
    assert.deepEqual([f.direct.finetune, f.direct.adapter, f.direct.quantized, f.direct.merge], [13, 9, 9, 0]);
    assert.equal(f.downloads.base, 1981704);
    const rel = await store.relations({ to: [{ kind: 'hf', id: 'hexgrad/Kokoro-82M' }] });
    assert.ok(
      rel.every((r) => r.source === 'hf-hub' && r.origin.startsWith('https://huggingface.co/api/models?filter=')),
    );
    // The day's counts: direct derivatives of the base, models of the organisation.
    const levels = await store.observations({ metrics: ['derivatives', 'models'] });
    assert.deepEqual(
      levels.map((o) => `${o.subject.kind}:${o.subject.id} ${o.metric} ${o.value} ${o.windowEnd.toISOString()}`).sort(),
      [
        'hf-org:hexgrad models 2 2026-11-30T00:00:00.000Z',
        'hf:hexgrad/Kokoro-82M derivatives 31 2026-11-30T00:00:00.000Z',
      ],
    );
    // Each failure is stored as an unknown with its reason, for the profile.
    const unknowns = (await store.facts({ names: ['unknown:derivatives'] }))
      .map((x) => `${x.subject.id}: ${x.value}`)
      .sort();
    assert.equal(unknowns.length, 2);
    assert.match(
      unknowns[0]!,
      /^hexgrad\/Kokoro-404: the Hub snapshot of 2026-11-30 could not be read: the model hexgrad\/Kokoro-404 does not exist/,
    );
    assert.match(unknowns[1]!, /^hexgrad\/Truncated: the Hub snapshot of 2026-11-30 could not be read: .*JSON/);

    const again = await collectHub(client().http, store, project, { ...opts, now: new Date('2026-11-30T21:00:00Z') });
    assert.equal(again.added, 0, 'a second run the same day adds nothing');
  });
});

test('the collector stores what the bulk importer stores for the same records', async () => {
  const rows = async (store: Store) => {
    // Collection alone knows a listing is complete, so only it stores the day's derivative count.
    const o = (await store.observations({ subjectKind: 'hf' })).filter((x) => x.metric !== 'derivatives');
    const f = await store.facts({ subjectKind: 'hf' });
    const r = await store.relations({});
    return {
      observations: o
        .map(
          (x) => `${x.subject.id} ${x.metric} ${x.value} ${x.windowStart.toISOString()} ${x.windowEnd.toISOString()}`,
        )
        .sort(),
      facts: f.map((x) => `${x.subject.id} ${x.name}=${x.value}`).sort(),
      relations: r.map((x) => `${x.from.id} -${x.relation}-> ${x.to.id} ${x.observedAt.toISOString()}`).sort(),
    };
  };
  const fromHub = await withStore(async (store) => {
    const project = {
      id: 'kokoro',
      name: 'Kokoro',
      category: 'model-family' as const,
      hfModels: ['hexgrad/Kokoro-82M'],
    };
    await collectHub(client().http, store, project, {
      endpoint: HUB,
      now: NOW,
      depth: 2,
      expandLimit: 1,
      pageSize: 10,
    });
    return rows(store);
  });
  const fromDump = await withStore(async (store) => {
    await importHfModels(store, KOKORO_DUMP, { at: new Date('2026-11-30T00:00:00Z'), fetchedAt: NOW });
    return rows(store);
  });
  assert.equal(fromHub.relations.length, 32);
  assert.deepEqual(fromHub, fromDump);
});
