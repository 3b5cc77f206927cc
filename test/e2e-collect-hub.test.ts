// End to end on the Hub path: the real `kept collect --sources hf` executable against the fake
// upstream's Hub (the recorded Kokoro-82M and bloom trees, test/fixtures/http/hf, answered at the
// page size the collector asks, split by a server-side cap so listings paginate, with the Hub's
// RateLimit quota), at the collector's own defaults. A 5xx storm on one model, a cut-off body and a
// missing model become stored, explained unknowns while the rest is stored; the second run is
// conditional (304s) and stores nothing twice; `kept profile --json` shows the collected figures.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { utcDay } from '../src/domain/time.js';
import { modelInfoUrl, orgModelsUrl } from '../src/sources/huggingface/hub.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { startFakeUpstream } from './helpers/fake-upstream.js';
import { loadRecordings } from './helpers/recorded-http.js';
import { runBinAsync } from './helpers/run-cli.js';
import { tempDir } from './helpers/tmp.js';

const TOKEN = 'hf_E2ePlantedTokenE2ePlantedToken12345';
const KOKORO = { kind: 'hf' as const, id: 'hexgrad/Kokoro-82M' };
const BLOOM = { kind: 'hf' as const, id: 'bigscience/bloom' };

interface ProfileJson {
  models: {
    subject: string;
    downloads30d: { value: number; origin: string; windowEnd: string } | null;
    likes: { value: number } | null;
    parameters: { value: number } | null;
    derivatives: Record<string, number> | null;
    fanout: { direct: number; tree: number } | null;
  }[];
  unknowns: { signal: string; subject: string | null; reason: string; tier: boolean }[];
}

test('kept collect --sources hf stores the Hub figures, records failures as explained unknowns, and repeats for (almost) free', async () => {
  const up = await startFakeUpstream({
    recordings: loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'hf')),
    // The window stays open until 100 requests spent it, however slow the machine: the client
    // meets the limit by count, never by speed, and waits out the 2 s that follow.
    rateLimit: { limit: 100, windowMs: 2000, closesWhenSpent: true },
    hubPageCap: 10,
  });
  // A 5xx storm on bloom's model info for the first run: every attempt answers 503.
  let storm = true;
  let stormHits = 0;
  const handle = up.fake.handle.bind(up.fake);
  up.fake.handle = (method, path, headers, body) => {
    if (storm && path.startsWith('/api/models/bigscience/bloom?')) {
      stormHits++;
      return {
        status: 503,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ error: 'Service Unavailable' }),
      };
    }
    return handle(method, path, headers, body);
  };
  const dir = tempDir();
  const db = join(dir, 'kept.duckdb');
  const config = join(dir, 'kept.yaml');
  // Beside the catalog's kokoro and bloom: a cut-off model body (recorded) and a model the Hub does not have (401).
  writeFileSync(
    config,
    'projects:\n  - id: hub-broken\n    category: model-family\n    hfModels: [hexgrad/Truncated, hexgrad/Kokoro-404]\n',
  );
  const env = {
    HF_ENDPOINT: up.url,
    HF_TOKEN: TOKEN,
    XDG_CONFIG_HOME: dir,
    XDG_DATA_HOME: dir,
    KEPT_HTTP_BACKOFF_MS: '20',
  };
  const collect = (...extra: string[]) =>
    runBinAsync(
      ['--db', db, '--config', config, 'collect', '--sources', 'hf', 'kokoro', 'bloom', 'hub-broken', ...extra],
      env,
    );
  const profile = async (id: string): Promise<ProfileJson> => {
    const r = await runBinAsync(['--db', db, '--config', config, 'profile', id, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as ProfileJson;
  };
  try {
    const started = new Date();
    const run = await collect();
    assert.equal(run.code, 6, `the failed parts give exit 6\n${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /collected 3 project\(s\): \d+ new rows/);
    assert.match(
      run.stdout,
      /\| bloom \| hf-api \| hub \| hf:bigscience\/bloom \| \[GET\] http:\/\/127\.0\.0\.1:\d+\/api\/models\/bigscience\/bloom\?\S+: 503 Service Unavailable: Service Unavailable \| the upstream is failing; retry later \|/,
    );
    assert.match(
      run.stdout,
      /\| hub-broken \| hf-api \| hub \| hf:hexgrad\/Truncated \| \[GET\] \S+\/hexgrad\/Truncated\?\S+: 200 the response is not JSON \(truncated or HTML\? it starts /,
    );
    assert.match(
      run.stdout,
      /\| hub-broken \| hf-api \| hub \| hf:hexgrad\/Kokoro-404 \| the model hexgrad\/Kokoro-404 does not exist on the Hub, or is private \(ids are case-sensitive\) \(401 from /,
    );
    assert.equal(stormHits, 4, 'the 503 was retried three times, then recorded');
    assert.doesNotMatch(run.stderr, /GITHUB_TOKEN is not set/, 'no GitHub note when GitHub is not collected');
    // Past 100 requests in the window the client waits on the Hub's RateLimit header; it never overshoots.
    assert.match(run.stderr, /127\.0\.0\.1:\d+: rate limit spent, waiting until \d\d:\d\d:\d\d UTC/);
    assert.equal(up.fake.stats.primaryRefusals, 0, `the run never exceeded the quota\n${run.stderr}`);
    assert.ok(up.fake.stats.authorizations.has(`Bearer ${TOKEN}`), 'HF_TOKEN was sent to the Hub');
    for (const text of [run.stdout, run.stderr]) assert.ok(!text.includes(TOKEN));
    // The collector's own page size and the server's cap of 10: the 13 fine-tunes came in two pages.
    // Listings: Kokoro's four relations (13 fine-tunes: two pages), each of its 31 derivatives a
    // level down (the default expand limit, 50, covers them all), and the bigscience organisation.
    assert.equal(up.fake.stats.byPath.get('/api/models'), 5 + 31 * 4 + 1);

    let store = await DuckDbStore.open(db, { readOnly: true });
    const [downloads, ...moreDownloads] = await store.observations({ subjects: [KOKORO], metrics: ['downloads'] });
    assert.equal(moreDownloads.length, 0);
    assert.equal(downloads?.value, 1981704);
    assert.ok(
      downloads!.windowEnd.getTime() >= utcDay(started).getTime() &&
        downloads!.windowEnd.getTime() <= Date.now() &&
        downloads!.windowEnd.getTime() % 86_400_000 === 0,
      "a snapshot of the run's UTC day",
    );
    assert.equal(
      downloads!.windowEnd.getTime() - downloads!.windowStart.getTime(),
      30 * 86_400_000,
      '`downloads` is the last 30 days',
    );
    assert.equal(downloads?.origin, modelInfoUrl(up.url, KOKORO.id));
    assert.deepEqual(
      (await store.observations({ subjects: [KOKORO], metrics: ['likes', 'derivatives'] }))
        .map((o) => `${o.metric} ${o.value}`)
        .sort(),
      ['derivatives 31', 'likes 4086'],
    );
    const byRelation: Record<string, number> = {};
    for (const r of await store.relations({ to: [KOKORO] })) byRelation[r.relation] = (byRelation[r.relation] ?? 0) + 1;
    assert.deepEqual(
      byRelation,
      { finetune: 13, adapter: 9, quantized: 9 },
      "the Hub's own counts for this tree (_summary.csv: 13 / 9 / 9 / 0)",
    );
    // bloom: its tree failed, but the bigscience organisation's listing still stored the model's figures.
    assert.deepEqual(
      (await store.observations({ subjects: [BLOOM] }))
        .map((o) => `${o.metric} ${o.value} ${o.origin === orgModelsUrl(up.url, 'bigscience') ? 'org' : o.origin}`)
        .sort(),
      ['downloads 3932 org', 'likes 4887 org', 'parameters 176247271424 org'],
    );
    assert.deepEqual(
      (await store.observations({ subjects: [{ kind: 'hf-org', id: 'bigscience' }] })).map(
        (o) => `${o.metric} ${o.value}`,
      ),
      ['models 1'],
    );
    assert.equal((await store.relations({ to: [BLOOM] })).length, 0);
    const unknowns = (await store.facts({ names: ['unknown:derivatives'] }))
      .map((f) => `${f.subject.id} ${f.value}`)
      .sort();
    assert.equal(unknowns.length, 3);
    const kokoroRows =
      (await store.observations({ subjects: [KOKORO] })).length + (await store.relations({ to: [KOKORO] })).length;
    await store.close();

    // The profile says what was collected, and why bloom's fan-out is unknown.
    const kokoro = await profile('kokoro');
    const model = kokoro.models.find((m) => m.subject === 'hf:hexgrad/Kokoro-82M')!;
    assert.equal(model.downloads30d?.value, 1981704);
    assert.equal(model.downloads30d?.origin, modelInfoUrl(up.url, KOKORO.id));
    assert.equal(model.likes?.value, 4086);
    assert.deepEqual(model.derivatives, { finetune: 13, adapter: 9, quantized: 9, merge: 0, unclassified: 0 });
    assert.equal(model.fanout?.direct, 31);
    assert.deepEqual(
      kokoro.unknowns.filter((u) => u.subject?.startsWith('hf')),
      [],
    );
    const bloom = await profile('bloom');
    assert.equal(bloom.models[0]?.downloads30d?.value, 3932);
    const storm503 = bloom.unknowns.find((u) => u.subject === 'hf:bigscience/bloom');
    assert.equal(storm503?.signal, 'fan-out');
    assert.match(
      storm503?.reason ?? '',
      /^the Hub snapshot of \d{4}-\d\d-\d\d could not be read: \[GET\] http:\/\/127\.0\.0\.1:\d+\/api\/models\/bigscience\/bloom\?\S+: 503 Service Unavailable: Service Unavailable \(hf-hub, \d{4}-\d\d-\d\d\)$/,
    );
    assert.ok(!bloom.unknowns.some((u) => u.subject === 'hf-org:bigscience'), 'the organisation was collected');
    const broken = await profile('hub-broken');
    // The recorded failures are the fan-out signal the tier weighs, one entry per model.
    assert.deepEqual(
      broken.unknowns
        .filter((u) => u.signal === 'fan-out')
        .map((u) => `${u.signal} ${u.subject} ${u.tier}`)
        .sort(),
      ['fan-out hf:hexgrad/Kokoro-404 true', 'fan-out hf:hexgrad/Truncated true'],
    );
    assert.match(
      broken.unknowns.find((u) => u.subject === 'hf:hexgrad/Truncated')!.reason,
      /the response is not JSON \(truncated or HTML\?/,
    );

    // The storm is over: the second run collects bloom's tree; everything unchanged answers 304.
    storm = false;
    const before = { ...up.fake.stats };
    const again = await collect('--json');
    assert.equal(again.code, 6, again.stderr);
    const summary = JSON.parse(again.stdout) as {
      added: number;
      failures: { subject: string }[];
      hosts: Record<string, { requests: number; notModified: number }>;
    };
    assert.deepEqual(summary.failures.map((f) => f.subject).sort(), ['hf:hexgrad/Kokoro-404', 'hf:hexgrad/Truncated']);
    const host = Object.values(summary.hosts)[0]!;
    assert.equal(host.notModified, up.fake.stats.notModified - before.notModified);
    // Kokoro's model info, its 4 listings (+1 page) and 31 × 4 listings below, and the bigscience listing.
    assert.equal(host.notModified, 1 + 5 + 31 * 4 + 1, 'every unchanged answer came back as a 304');
    assert.ok(summary.added > 0, "bloom's tree was stored");
    store = await DuckDbStore.open(db, { readOnly: true });
    assert.equal(
      (await store.observations({ subjects: [KOKORO] })).length + (await store.relations({ to: [KOKORO] })).length,
      kokoroRows,
      'no duplicate rows',
    );
    assert.equal((await store.relations({ to: [BLOOM] })).length, 6);
    await store.close();
    const bloomAfter = await profile('bloom');
    assert.deepEqual(bloomAfter.models[0]?.derivatives, {
      finetune: 2,
      adapter: 0,
      quantized: 2,
      merge: 2,
      unclassified: 0,
    });
    assert.ok(
      !bloomAfter.unknowns.some((u) => u.subject === 'hf:bigscience/bloom'),
      'the later snapshot answers the recorded unknown',
    );

    const third = await collect('--json');
    assert.equal((JSON.parse(third.stdout) as { added: number }).added, 0, 'a third run the same day adds nothing');
    assert.equal(up.fake.stats.primaryRefusals, 0);
    const bytes = readFileSync(db).toString('latin1');
    assert.ok(!bytes.includes(TOKEN) && !bytes.includes('E2ePlantedToken'), 'the token is nowhere in the database');
  } finally {
    await up.close();
  }
});
