// The doctor view's rules (docs/reliability.md, `kept doctor`): one check per probe with its
// status; a missing database is a warning, an unopenable or broken one a failure; the schema must
// be the expected version; tokens are named, never shown; upstream 5xx or unreachable is a warning,
// --offline a skip; the run is ok unless a check failed, and the summary counts each status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeDoctorView } from './compute.js';
import type { DoctorInputs } from './load.js';

const today = { today: new Date('2026-12-07T09:00:00Z') };
const okConfig: DoctorInputs['config'] = { state: 'ok', path: null, projects: 1, warnings: [] };
const open = (
  o: { schema?: number; problems?: string[]; uncommitted?: number; server?: string } = {},
): DoctorInputs['store'] => ({
  state: 'open',
  backend: 'duckdb',
  location: '/d/kept.duckdb',
  ...(o.server === undefined ? {} : { server: o.server }),
  ...(o.uncommitted === undefined ? {} : { uncommittedRows: o.uncommitted }),
  integrity: {
    ok: (o.problems ?? []).length === 0,
    schemaVersion: o.schema ?? 7,
    expectedSchemaVersion: 7,
    problems: o.problems ?? [],
  },
  stats: { schemaVersion: 7, tables: { observations: 12345, facts: 2 }, batches: 3 },
});

test('doctor: a healthy open store, config, tokens and upstreams; every check with its status', () => {
  const v = computeDoctorView(
    {
      store: open(),
      config: { state: 'ok', path: 'kept.yaml', projects: 2, warnings: ['unknown key x'] },
      tokens: [
        { name: 'GITHUB_TOKEN', set: true },
        { name: 'HF_TOKEN', set: false },
        { name: 'OTHER_TOKEN', set: false },
      ],
      upstream: [
        { name: 'github', url: 'https://api.github.com', status: 200, rateLimitRemaining: '4999' },
        { name: 'hub', url: 'https://huggingface.co', status: 499, rateLimitRemaining: null },
        { name: 'pypi', url: 'https://pypi.org', status: 500, rateLimitRemaining: null },
        { name: 'npm', url: 'https://registry.npmjs.org', error: 'ENOTFOUND' },
      ],
    },
    today,
  );
  assert.equal(v.schema, 'kept.doctor/v2');
  assert.equal(v.checkedAt, '2026-12-07');
  assert.equal(v.ok, true);
  assert.deepEqual(
    v.checks.map((c) => [c.area, c.name, c.status, c.detail]),
    [
      ['store', 'database', 'ok', 'duckdb at /d/kept.duckdb'],
      ['store', 'schema', 'ok', 'version 7 (this kept expects 7)'],
      ['store', 'integrity', 'ok', 'no orphaned rows, partial batches or duplicate identities'],
      ['store', 'contents', 'ok', '3 batch(es); observations 12,345, facts 2'],
      ['config', 'file', 'ok', 'kept.yaml; 2 project entries'],
      ['config', 'warning', 'warn', 'unknown key x'],
      ['tokens', 'GITHUB_TOKEN', 'ok', 'set (value not shown)'],
      ['tokens', 'HF_TOKEN', 'warn', 'not set: optional: raises the Hub rate limits and reaches gated models'],
      ['tokens', 'OTHER_TOKEN', 'warn', 'not set: optional'],
      ['upstream', 'github', 'ok', 'https://api.github.com answered 200; rate-limit budget 4999 request(s) left'],
      ['upstream', 'hub', 'ok', 'https://huggingface.co answered 499'],
      ['upstream', 'pypi', 'warn', 'https://pypi.org answered 500'],
      ['upstream', 'npm', 'warn', 'offline or unreachable: https://registry.npmjs.org (ENOTFOUND)'],
    ],
  );
  assert.equal(v.backend, 'duckdb');
  assert.equal(v.location, '/d/kept.duckdb');
  assert.equal(v.schemaVersion, 7);
  assert.equal(v.expectedSchemaVersion, 7);
  assert.deepEqual(v.tables, { observations: 12345, facts: 2 });
  assert.deepEqual(v.problems, []);
  assert.ok(!('server' in v) && !('uncommittedRows' in v));
  assert.equal(
    v.summary,
    'No check failed (8 of 13 ok); 5 warnings (config warning, tokens HF_TOKEN, tokens OTHER_TOKEN, upstream pypi, upstream npm).',
  );
});

test('doctor: a wrong schema, integrity problems and interrupted batches on a server fail or warn', () => {
  const v = computeDoctorView(
    {
      store: open({ schema: 6, problems: ['2 orphaned rows', '1 partial batch'], uncommitted: 4, server: 'ch:9000' }),
      config: { state: 'ok', path: null, projects: 1, warnings: [] },
      tokens: [],
      upstream: null,
    },
    today,
  );
  assert.equal(v.ok, false);
  assert.deepEqual(
    v.checks.map((c) => [c.name, c.status, c.detail]),
    [
      ['database', 'ok', 'duckdb at /d/kept.duckdb (server ch:9000)'],
      ['schema', 'fail', 'version 6 (this kept expects 7)'],
      ['integrity', 'fail', '2 orphaned rows; 1 partial batch'],
      [
        'interrupted batches',
        'warn',
        '4 row(s) of interrupted batches (invisible to reads; kept doctor --repair deletes them)',
      ],
      ['contents', 'ok', '3 batch(es); observations 12,345, facts 2'],
      ['file', 'ok', 'none (built-in catalog only); 1 project entry'],
      ['reachability', 'skip', 'not probed (--offline)'],
    ],
  );
  assert.equal(v.server, 'ch:9000');
  assert.equal(v.uncommittedRows, 4);
  assert.deepEqual(v.problems, ['2 orphaned rows', '1 partial batch']);
  assert.equal(
    v.summary,
    '2 of 7 checks failed (store schema, store integrity); 1 warning (store interrupted batches); 1 skipped (upstream reachability).',
  );
});

test('doctor: a missing database warns; an unopenable or failed one fails; a broken config fails', () => {
  const base = { config: okConfig, tokens: [], upstream: 'no base URLs' } as const;
  const missing = computeDoctorView({ ...base, store: { state: 'missing', location: '/x.duckdb' } }, today);
  assert.equal(missing.ok, true);
  assert.deepEqual(missing.checks[0], {
    area: 'store',
    name: 'database',
    status: 'warn',
    detail: 'no database yet at /x.duckdb (kept demo, kept import or kept collect creates it)',
  });
  assert.deepEqual(missing.checks[2], { area: 'upstream', name: 'base URLs', status: 'warn', detail: 'no base URLs' });
  assert.deepEqual(
    [
      missing.backend,
      missing.location,
      missing.schemaVersion,
      missing.expectedSchemaVersion,
      missing.tables,
      missing.problems,
    ],
    [null, '/x.duckdb', null, null, {}, []],
  );
  const unopenable = computeDoctorView(
    { ...base, store: { state: 'unopenable', location: '/x', error: 'locked' } },
    today,
  );
  assert.deepEqual(unopenable.checks[0], { area: 'store', name: 'database', status: 'fail', detail: 'locked' });
  assert.deepEqual(unopenable.problems, ['locked']);
  assert.equal(unopenable.ok, false);
  const failed = computeDoctorView({ ...base, store: { state: 'failed', location: '/x', error: 'bad page' } }, today);
  assert.deepEqual(failed.checks[0], { area: 'store', name: 'integrity', status: 'fail', detail: 'bad page' });
  assert.deepEqual(failed.problems, ['bad page']);
  const badConfig = computeDoctorView(
    { ...base, store: { state: 'missing', location: '/x' }, config: { state: 'failed', error: 'kept.yaml: bad' } },
    today,
  );
  assert.deepEqual(badConfig.checks[1], { area: 'config', name: 'file', status: 'fail', detail: 'kept.yaml: bad' });
  assert.equal(
    badConfig.summary,
    '1 of 3 checks failed (config file); 2 warnings (store database, upstream base URLs).',
  );
});
