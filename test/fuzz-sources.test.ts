// Issue 9, bad input (second part): the parsers of upstream data, fed arbitrary and near-valid
// input with fast-check (fixed seeds, KEPT_FUZZ_RUNS cases): Link / Retry-After / RateLimit headers,
// linehaul lines and their user-agent JSON, BigQuery rows, Hub model records and tags, Ollama HTML,
// npm package documents and GitHub API objects. Each answers a value, a recorded unknown/error
// value, or throws a KeptError — never another exception; pathological long inputs finish.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanly } from './helpers/cleanly.js';
import fc from 'fast-check';
import { subject } from '../src/domain/subject.js';
import { parseLinkHeader } from '../src/http/client.js';
import { parseHfRateLimit, parseRetryAfter } from '../src/http/retry-policy.js';
import { parseLinehaulLine } from '../src/files/linehaul/parse-line.js';
import { parseUserAgent } from '../src/files/linehaul/user-agent.js';
import {
  readBigQueryJsonLine,
  readBigQueryObject,
  splitCsvLine,
  type BigQueryRow,
} from '../src/files/pypi-bigquery.js';
import { DOWNLOAD_CATEGORIES } from '../src/domain/downloads.js';
import {
  normalizeModel,
  parseBaseModelTags,
  type NormalizeResult,
} from '../src/sources/huggingface/normalize-model.js';
import { parseAbbreviatedCount, parseOllamaPage } from '../src/sources/ollama/ollama.js';
import { normalizePackument } from '../src/sources/npm/packument.js';
import {
  normalizeContributors,
  normalizeIssues,
  normalizeRelease,
  normalizeRepo,
} from '../src/sources/github/normalize.js';
import { ITEM_SHAPES } from '../src/sources/github/fetch.js';
import type {
  ApiContributor,
  ApiIssue,
  ApiIssueComment,
  ApiRelease,
  ApiRepo,
} from '../src/sources/github/api-types.js';

const RUNS = Number(process.env.KEPT_FUZZ_RUNS ?? 300);
const AT = new Date('2026-11-30T00:00:00Z');

/** Any JSON value, with a bias to objects carrying the field names the parsers look for. */
function jsonish(keys: readonly string[]): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(''),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  );
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('arr'), tie('obj')),
    arr: fc.array(tie('value'), { maxLength: 4 }),
    obj: fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string()), tie('value'), { maxKeys: 8 }),
  }));
  return value;
}

test('Link, Retry-After and RateLimit headers: any text gives a value or undefined', () => {
  const link = fc.oneof(
    fc.string(),
    fc
      .array(
        fc
          .tuple(
            fc.oneof(
              fc.constantFrom(
                'https://api.github.com/repos/a/b/issues?page=2',
                'http://127.0.0.1:1/x?a=1&page=3',
                'https://huggingface.co/api/models?cursor=abc',
              ),
              fc.string(),
            ),
            fc.constantFrom('next', 'last', 'prev first', '', '"', 'next"; x'),
          )
          .map(([u, r]) => `<${u}>; rel="${r}"`),
        { maxLength: 5 },
      )
      .map((a) => a.join(', ')),
  );
  fc.assert(
    fc.property(link, fc.string(), fc.string(), (l, ra, rl) => {
      const rels = parseLinkHeader(l);
      for (const v of Object.values(rels)) assert.equal(typeof v, 'string');
      const wait = parseRetryAfter(ra, AT.getTime());
      assert.ok(wait === undefined || (Number.isFinite(wait) && wait >= 0));
      const hf = parseHfRateLimit(rl);
      assert.ok(hf === undefined || (Number.isFinite(hf.remaining) && Number.isFinite(hf.resetMs)));
    }),
    { numRuns: RUNS, seed: 11 },
  );
  // Long pathological headers finish (no catastrophic backtracking).
  parseLinkHeader(`<${'a'.repeat(100_000)}`);
  parseLinkHeader(`${'<x>;'.repeat(20_000)}`);
  parseLinkHeader(`<x>; rel="${' '.repeat(100_000)}`);
  parseHfRateLimit(`${';r='.repeat(30_000)}`);
  parseRetryAfter(`${'1'.repeat(50_000)}.`, 0);
});

test('linehaul lines and user-agent JSON: any text gives a parse or a counted reason', () => {
  const field = fc.oneof(
    fc.string(),
    fc.constantFrom(
      '2026-11-29 12:00:00 UTC',
      'GET',
      '200',
      '1234',
      '/packages/x/y/z-1.0.tar.gz',
      'pip/24.0 {"installer":{"name":"pip","version":"24.0"}}',
    ),
  );
  const line = fc.oneof(
    fc.string(),
    fc.array(field, { minLength: 8, maxLength: 12 }).map((a) => a.join('|')),
  );
  const uaJson = jsonish([
    'installer',
    'name',
    'version',
    'python',
    'implementation',
    'distro',
    'system',
    'cpu',
    'ci',
    'openssl_version',
    'release',
  ]).map((v) => `pip/24.0 ${JSON.stringify(v)}`);
  const ua = fc.oneof(
    fc.string(),
    uaJson,
    fc.constantFrom('pip/24.0 {', 'uv/0.4 {"installer":', 'Browser', '', 'pip/ {}'),
  );
  fc.assert(
    fc.property(line, ua, (l, u) => {
      const r = parseLinehaulLine(l);
      if (!r.ok) assert.ok(r.reason.length > 0, 'a refused line names its reason');
      const p = parseUserAgent(u);
      assert.ok(['parsed', 'ignored', 'unknown'].includes(p.status), p.status);
      if (p.status === 'parsed') assert.ok(typeof p.details === 'object' && p.details !== null);
    }),
    { numRuns: RUNS, seed: 12 },
  );
  parseLinehaulLine('|'.repeat(100_000));
  parseUserAgent(`pip/1 ${'{'.repeat(50_000)}`);
  parseUserAgent(`pip/1 ${'['.repeat(20_000)}${']'.repeat(20_000)}`);
});

/** A BigQuery row read as a whole record (a day, a project, a whole count, a known category) or a reason. */
function assertRecordOrReason(r: BigQueryRow): BigQueryRow {
  if (typeof r === 'string') {
    assert.ok(r.length > 0, 'a skipped row names its reason');
    return r;
  }
  if ('refuse' in r) {
    assert.ok(r.refuse.length > 0, 'a refusal names its reason');
    return r;
  }
  assert.match(r.day, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(!Number.isNaN(Date.parse(`${r.day}T00:00:00Z`)), `a real day: ${r.day}`);
  assert.ok(r.project.trim().length > 0, 'a project');
  for (const v of [r.version, r.country, r.installer]) assert.ok(v === null || (typeof v === 'string' && v !== ''));
  assert.ok((DOWNLOAD_CATEGORIES as readonly string[]).includes(r.category), r.category);
  assert.ok(Number.isInteger(r.count) && r.count >= 0, `count ${r.count}`);
  return r;
}

/** A Hub record normalised to a model (its id, finite non-negative counts, relations from it) or an error. */
function assertModelOrError(r: NormalizeResult, at: Date): void {
  if ('error' in r) {
    assert.ok(r.error.length > 0, 'an error names what is wrong');
    return;
  }
  assert.equal(r.subject.kind, 'hf');
  assert.ok(r.subject.id.length > 0 && r.subject.id === r.subject.id.trim(), `id ${JSON.stringify(r.subject.id)}`);
  for (const o of r.observations) {
    assert.deepEqual(o.subject, r.subject);
    assert.ok(Number.isFinite(o.value) && o.value >= 0, `${o.metric} ${o.value}`);
    assert.ok(o.windowStart.getTime() <= o.windowEnd.getTime() && o.windowEnd.getTime() === at.getTime());
  }
  for (const rel of r.relations) {
    assert.deepEqual(rel.from, r.subject);
    assert.equal(rel.to.kind, 'hf');
    assert.ok(rel.to.id.length > 0);
  }
}

test('BigQuery rows (CSV line, JSON line, object): a record or a reason', () => {
  const keys = [
    'timestamp',
    'country_code',
    'url',
    'project',
    'file',
    'version',
    'type',
    'details',
    'installer',
    'name',
    'python',
    'system',
    'cpu',
    'ci',
    'tls_protocol',
  ];
  fc.assert(
    fc.property(fc.string(), jsonish(keys), (text, obj) => {
      const cells = splitCsvLine(text);
      assert.ok(cells === undefined || Array.isArray(cells));
      for (const input of [text, JSON.stringify(obj)]) assertRecordOrReason(readBigQueryJsonLine(input));
      const o = assertRecordOrReason(readBigQueryObject(obj));
      // The line and the object it encodes read the same.
      assert.deepEqual(readBigQueryJsonLine(JSON.stringify(obj)), o);
    }),
    { numRuns: RUNS, seed: 13 },
  );
  splitCsvLine(`"${'"'.repeat(100_000)}`);
  splitCsvLine(','.repeat(100_000));
});

test('Hub model records and tags: a normalised model or an error value', () => {
  const keys = [
    'id',
    'modelId',
    'author',
    'downloads',
    'downloadsAllTime',
    'likes',
    'tags',
    'pipeline_tag',
    'library_name',
    'createdAt',
    'lastModified',
    'cardData',
    'base_model',
    'license',
    'safetensors',
    'gguf',
    'total',
    'parameters',
    'private',
    'gated',
    'siblings',
  ];
  const tag = fc.oneof(
    fc.string(),
    fc.constantFrom(
      'base_model:x/y',
      'base_model:finetune:x/y',
      'base_model:quantized:',
      'license:mit',
      'base_model:adapter:a/b/c',
      'base_model:',
    ),
    fc.integer(),
    fc.constant(null),
  );
  fc.assert(
    fc.property(jsonish(keys), fc.array(tag, { maxLength: 6 }), fc.string(), (raw, tags, id) => {
      assertModelOrError(normalizeModel(raw, AT), AT);
      const withId = normalizeModel(
        { ...(typeof raw === 'object' && raw && !Array.isArray(raw) ? raw : {}), id, tags },
        AT,
      );
      assertModelOrError(withId, AT);
      // A well-formed id is always read as that model.
      const named = normalizeModel({ id: 'someone/some-model', tags }, AT);
      assert.ok(!('error' in named) && named.subject.id === 'someone/some-model');
      for (const b of parseBaseModelTags(tags)) assert.equal(typeof b.base, 'string');
    }),
    { numRuns: RUNS, seed: 14 },
  );
});

test('Ollama library HTML: any page gives counts or unknowns', () => {
  const attr = fc
    .tuple(
      fc.constantFrom('x-test-pull-count', 'x-test-tag-count', 'x-test-updated'),
      fc.oneof(fc.string(), fc.constantFrom('1.2M', '45K', '3', '1,234', '9.9B', '-1', 'NaN', '1e400M')),
    )
    .map(([a, v]) => `<span ${a}>${v}</span>`);
  const html = fc.oneof(
    fc.string(),
    fc
      .array(fc.oneof(attr, fc.string(), fc.constantFrom('<span', '</span>', '<!--', '>')), { maxLength: 8 })
      .map((a) => a.join('')),
  );
  fc.assert(
    fc.property(html, fc.string(), (h, n) => {
      const p = parseOllamaPage(h);
      if (p.pulls) assert.ok(Number.isFinite(p.pulls.value) && p.pulls.value >= 0, `pulls ${JSON.stringify(p.pulls)}`);
      if (p.tags !== undefined) assert.ok(Number.isFinite(p.tags));
      const c = parseAbbreviatedCount(n);
      if (c) assert.ok(Number.isFinite(c.value));
    }),
    { numRuns: RUNS, seed: 15 },
  );
  parseOllamaPage(`<span x-test-pull-count${' '.repeat(100_000)}`);
  parseOllamaPage('<span x-test-pull-count>'.repeat(10_000));
});

test('npm package documents: a normalised package or a KeptError', () => {
  const keys = [
    'name',
    'versions',
    'time',
    'dist-tags',
    'latest',
    'created',
    'modified',
    'repository',
    'url',
    'type',
    'deprecated',
    'license',
    'maintainers',
    'dependencies',
  ];
  const s = subject('npm', 'left-pad');
  fc.assert(
    fc.property(jsonish(keys), (doc) => {
      cleanly(() => normalizePackument(s, doc, AT, 'https://registry.npmjs.org/left-pad'));
    }),
    { numRuns: RUNS, seed: 16 },
  );
});

test('GitHub API objects of any shape: the fetch layer checks pass only what the normalisers read', () => {
  const s = subject('github', 'a/b');
  const keys = [
    'full_name',
    'stargazers_count',
    'forks_count',
    'subscribers_count',
    'open_issues_count',
    'license',
    'spdx_id',
    'created_at',
    'pushed_at',
    'archived',
    'topics',
    'tag_name',
    'name',
    'published_at',
    'prerelease',
    'draft',
    'login',
    'type',
    'contributions',
    'email',
    'number',
    'user',
    'pull_request',
    'comments',
    'state',
    'closed_at',
    'updated_at',
    'issue_url',
    'author_association',
    'body',
    'labels',
    'id',
  ];
  const obj = jsonish(keys).filter(
    (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
  );
  // Near-valid items: the required fields present with the right types, the rest arbitrary.
  const issue = fc
    .tuple(
      obj,
      fc.nat(),
      fc.date({ noInvalidDate: true }),
      fc.array(fc.oneof(fc.string(), fc.record({ name: fc.string() })), { maxLength: 3 }),
      fc.option(fc.record({ login: fc.string() })),
    )
    .map(([o, n, d, labels, user]) => ({
      ...o,
      number: n,
      created_at: d.toISOString(),
      updated_at: d.toISOString(),
      labels,
      user,
      pull_request: undefined,
    }));
  const comment = fc.tuple(obj, fc.nat(), fc.nat(20)).map(([o, id, n]) => ({
    ...o,
    id,
    issue_url: `https://api.github.com/repos/a/b/issues/${n}`,
    created_at: '2026-02-01T00:00:00Z',
    user: null,
  }));
  const contributor = fc
    .tuple(obj, fc.nat(), fc.oneof(fc.string(), fc.constant(undefined)))
    .map(([o, c, login]) => ({ ...o, contributions: c, ...(login === undefined ? { type: 'Anonymous' } : { login }) }));
  let passed = 0;
  fc.assert(
    fc.property(
      obj,
      fc.array(fc.oneof(obj, issue), { maxLength: 4 }),
      fc.array(fc.oneof(obj, comment), { maxLength: 4 }),
      fc.array(fc.oneof(obj, contributor), { maxLength: 4 }),
      (repo, issues, comments, contributors) => {
        if (
          typeof repo.full_name === 'string' &&
          typeof repo.stargazers_count === 'number' &&
          typeof repo.forks_count === 'number'
        )
          cleanly(() => normalizeRepo(s, repo as unknown as ApiRepo, AT));
        if (ITEM_SHAPES.release(repo)) cleanly(() => normalizeRelease(s, repo as unknown as ApiRelease, AT));
        const cs = contributors.filter(ITEM_SHAPES.contributor);
        cleanly(() => normalizeContributors(s, cs as unknown as ApiContributor[], AT));
        const is = issues.filter(ITEM_SHAPES.issue);
        const ms = comments.filter(ITEM_SHAPES.comment);
        passed += is.length + ms.length + cs.length;
        cleanly(() =>
          normalizeIssues(
            s,
            is as unknown as ApiIssue[],
            ms as unknown as ApiIssueComment[],
            new Date('2026-01-01T00:00:00Z'),
            AT,
          ),
        );
      },
    ),
    { numRuns: RUNS, seed: 17 },
  );
  assert.ok(passed > RUNS, `near-valid items reached the normalisers (${passed})`);
});
