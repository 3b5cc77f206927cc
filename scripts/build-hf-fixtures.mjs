#!/usr/bin/env node
// Rebuilds test/fixtures/http/hf/ from the real Kokoro-82M model tree bundled in data/demo and the
// small bigscience/bloom tree of ../shared/data/hf-model-trees (7 records): the responses the Hub
// would give to kept's requests (URLs from kept's own URL builders, so they match exactly), with
// the Hub's pagination and rate-limit headers. Run after changing the requests:
// `npm run build && node scripts/build-hf-fixtures.mjs [path/to/shared/data/hf-model-trees]`.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { childrenUrl, modelInfoUrl, orgModelsUrl } from '../dist/src/sources/huggingface/hub.js';

const HUB = 'https://huggingface.co';
const PAGE = 10;
const out = new URL('../test/fixtures/http/hf/', import.meta.url);
// Only the recordings are rebuilt: the folder's README stays.
mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) if (f.endsWith('.json')) rmSync(new URL(f, out));

const readTree = (file) =>
  gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
const sharedTrees = resolve(process.argv[2] ?? '../shared/data/hf-model-trees');
const records = readTree(new URL('../data/demo/hf-model-trees/hexgrad__Kokoro-82M.jsonl.gz', import.meta.url));
const BASE = 'hexgrad/Kokoro-82M';
const root = records.find((r) => r.id === BASE);
const relationOf = (r) =>
  (r.tags ?? [])
    .map((t) => /^base_model:(finetune|adapter|quantized|merge):(.+)$/.exec(t))
    .find((m) => m && m[2] === BASE)?.[1];
// sort=downloads: descending; records the scraper could not read carry no downloads and come last.
const byDownloads = (a, b) => (b.downloads ?? -1) - (a.downloads ?? -1) || (a.id < b.id ? -1 : 1);

let remaining = 500;
/** Headers the Hub sends (api-sources.md §1, "Rate limits"): the IETF-draft RateLimit pair. */
function headers(extra = {}) {
  remaining -= 1;
  return {
    'content-type': 'application/json; charset=utf-8',
    ratelimit: `"api";r=${remaining};t=247`,
    'ratelimit-policy': '"fixed window";"api";q=500;w=300',
    ...extra,
  };
}
let n = 0;
function save(name, request, response, origin) {
  n += 1;
  writeFileSync(
    new URL(`${String(n).padStart(2, '0')}-${name}.json`, out),
    `${JSON.stringify({ request: { method: 'GET', url: request }, response, origin }, null, 2)}\n`,
  );
}
const ORIGIN =
  'Record from the real Kokoro-82M model tree (data/demo/hf-model-trees, April 2025), served in the /api/models shape; headers as documented in api-sources.md §1';

save(
  'model-info',
  modelInfoUrl(HUB, BASE),
  { status: 200, headers: headers({ etag: 'W/"kokoro-82m-1"' }), body: root },
  ORIGIN,
);

for (const relation of ['finetune', 'adapter', 'quantized', 'merge']) {
  const kids = records.filter((r) => relationOf(r) === relation).sort(byDownloads);
  const url = childrenUrl(HUB, BASE, relation, PAGE);
  if (kids.length <= PAGE) {
    save(`children-${relation}`, url, { status: 200, headers: headers(), body: kids }, ORIGIN);
    continue;
  }
  // Cursor pagination: the next page's URL is the same query plus an opaque cursor (synthetic here).
  const cursor = Buffer.from(
    JSON.stringify({ $or: [{ downloads: kids[PAGE - 1].downloads ?? 0, id: kids[PAGE - 1].id }] }),
  ).toString('base64url');
  const next = `${url}&cursor=${cursor}`;
  save(
    `children-${relation}-page1`,
    url,
    { status: 200, headers: headers({ link: `<${next}>; rel="next"` }), body: kids.slice(0, PAGE) },
    ORIGIN,
  );
  save(`children-${relation}-page2`, next, { status: 200, headers: headers(), body: kids.slice(PAGE) }, ORIGIN);
}

// Depth 2 with expandLimit 1: the most-downloaded child is walked; it has no children of its own.
const top = records.filter((r) => relationOf(r)).sort(byDownloads)[0];
for (const relation of ['finetune', 'adapter', 'quantized', 'merge']) {
  save(
    `grandchildren-${relation}`,
    childrenUrl(HUB, top.id, relation, PAGE),
    { status: 200, headers: headers(), body: [] },
    'An empty listing, as the Hub returns for a model with no children under that relation',
  );
}

save(
  'org-hexgrad',
  orgModelsUrl(HUB, 'hexgrad', PAGE),
  { status: 200, headers: headers(), body: records.filter((r) => r.author === 'hexgrad').sort(byDownloads) },
  ORIGIN,
);

// A missing model without a token: 401 with the Hub's error headers (api-sources.md §1: "Unauthenticated
// requests for a non-existent repo return 401"; huggingface_hub reads X-Error-Code to tell RepoNotFound).
save(
  'missing-model',
  modelInfoUrl(HUB, 'hexgrad/Kokoro-404'),
  {
    status: 401,
    headers: headers({ 'x-error-code': 'RepoNotFound', 'x-error-message': 'Repository not found' }),
    body: { error: 'Repository not found' },
  },
  'Shape of the Hub answer to an unauthenticated request for a missing repository',
);

// A truncated body: the run records the failure and goes on.
save(
  'truncated-model',
  modelInfoUrl(HUB, 'hexgrad/Truncated'),
  { status: 200, headers: headers(), body: JSON.stringify(root).slice(0, 120) },
  'A response cut off mid-body',
);

// A second, small tree for tests that collect more than one project (a failure on one model, the
// rest stored): the whole bigscience/bloom tree (2 fine-tunes, 2 quantizations, 2 merges) and the
// bigscience organisation's listing. One page each; the fake upstream re-pages records at any limit.
const BLOOM = 'bigscience/bloom';
const bloom = readTree(join(sharedTrees, 'bigscience__bloom.jsonl.gz'));
const BLOOM_ORIGIN =
  'Record from the real bigscience/bloom model tree (../shared/data/hf-model-trees, April 2025), served in the /api/models shape; headers as documented in api-sources.md §1';
const bloomRelation = (r) =>
  (r.tags ?? [])
    .map((t) => /^base_model:(finetune|adapter|quantized|merge):(.+)$/.exec(t))
    .find((m) => m && m[2] === BLOOM)?.[1];
save(
  'bloom-model-info',
  modelInfoUrl(HUB, BLOOM),
  { status: 200, headers: headers(), body: bloom.find((r) => r.id === BLOOM) },
  BLOOM_ORIGIN,
);
for (const relation of ['finetune', 'adapter', 'quantized', 'merge']) {
  save(
    `bloom-children-${relation}`,
    childrenUrl(HUB, BLOOM, relation, PAGE),
    { status: 200, headers: headers(), body: bloom.filter((r) => bloomRelation(r) === relation).sort(byDownloads) },
    BLOOM_ORIGIN,
  );
}
save(
  'org-bigscience',
  orgModelsUrl(HUB, 'bigscience', PAGE),
  { status: 200, headers: headers(), body: bloom.filter((r) => r.author === 'bigscience').sort(byDownloads) },
  BLOOM_ORIGIN,
);

console.log(`${n} recordings in test/fixtures/http/hf/ (top child walked at depth 2: ${top.id})`);
