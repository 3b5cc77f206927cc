// ClickPy against a real local ClickHouse server loaded in ClickPy's schema (raw table plus the
// materialized views into SummingMergeTree aggregates, as scripts/create_tables.sh builds them),
// fed with the real linehaul sample's downloads and a few synthetic days.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createClient } from '@clickhouse/client';
import { CLICKHOUSE_SKIP, clickHouseServer, type ClickHouseServer } from '../../../test/helpers/clickhouse-server.js';
import { sharedFile } from '../../../test/helpers/tmp.js';
import { formatDims } from '../../domain/observation.js';
import { parseLinehaulLine, linehaulDay } from '../../files/linehaul/parse-line.js';
import { parseUserAgent } from '../../files/linehaul/user-agent.js';
import { chString, fetchClickpy } from './clickpy.js';
import { clickpyQuerier } from './client.js';

const { path: FIXTURES, skip: noShared } = sharedFile('pypi-linehaul/fixtures');
const skip = CLICKHOUSE_SKIP || noShared;
let ch: ClickHouseServer | undefined;

// ClickPy's tables; LowCardinality(String) is written String because Debian's server (18.16)
// has it only behind an experimental flag, and the views cast count() to Int64 explicitly (ClickPy's
// views declare their column types, which old servers do not apply). Engines, keys and names are ClickPy's.
const SCHEMA = [
  'CREATE DATABASE pypi',
  'CREATE TABLE pypi.pypi (date Date, country_code String, project String, type String, installer String, python_minor String, system String, version String) ENGINE = MergeTree ORDER BY (project, date, version, country_code, python_minor, system)',
  'CREATE TABLE pypi.pypi_downloads_per_day (date Date, project String, count Int64) ENGINE = SummingMergeTree ORDER BY (project, date)',
  'CREATE MATERIALIZED VIEW pypi.pypi_downloads_per_day_mv TO pypi.pypi_downloads_per_day AS SELECT date, project, toInt64(count()) AS count FROM pypi.pypi GROUP BY date, project',
  'CREATE TABLE pypi.pypi_downloads_per_day_by_version (date Date, project String, version String, count Int64) ENGINE = SummingMergeTree ORDER BY (project, version, date)',
  'CREATE MATERIALIZED VIEW pypi.pypi_downloads_per_day_by_version_mv TO pypi.pypi_downloads_per_day_by_version AS SELECT date, project, version, toInt64(count()) AS count FROM pypi.pypi GROUP BY date, project, version',
  'CREATE TABLE pypi.pypi_downloads_per_day_by_version_by_country (date Date, project String, version String, country_code String, count Int64) ENGINE = SummingMergeTree ORDER BY (project, version, date, country_code)',
  'CREATE MATERIALIZED VIEW pypi.pypi_downloads_per_day_by_version_by_country_mv TO pypi.pypi_downloads_per_day_by_version_by_country AS SELECT date, project, version, country_code, toInt64(count()) AS count FROM pypi.pypi GROUP BY date, project, version, country_code',
  'CREATE TABLE pypi.pypi_downloads_per_day_by_version_by_installer_by_type (project String, version String, date Date, installer String, type String, count Int64) ENGINE = SummingMergeTree ORDER BY (project, version, date, installer)',
  'CREATE MATERIALIZED VIEW pypi.pypi_downloads_per_day_by_version_by_installer_by_type_mv TO pypi.pypi_downloads_per_day_by_version_by_installer_by_type AS SELECT project, version, date, installer, type, toInt64(count()) AS count FROM pypi.pypi GROUP BY project, version, date, installer, type',
  'CREATE TABLE pypi.pypi_downloads_per_day_by_version_by_system (date Date, project String, version String, system String, count Int64) ENGINE = SummingMergeTree ORDER BY (project, version, date, system)',
  'CREATE MATERIALIZED VIEW pypi.pypi_downloads_per_day_by_version_by_system_mv TO pypi.pypi_downloads_per_day_by_version_by_system AS SELECT date, project, version, system, toInt64(count()) AS count FROM pypi.pypi GROUP BY date, project, version, system',
];

before(async () => {
  if (skip) return;
  ch = await clickHouseServer();
  const c = createClient({ url: ch.httpUrl, username: ch.user, password: ch.password });
  try {
    for (const q of SCHEMA) await c.command({ query: q });
    // The real sample's downloads, as ClickPy's loader would write them (one row per download).
    const rows: string[] = [];
    for (const f of readdirSync(FIXTURES).filter((n) => n.startsWith('downloads-'))) {
      for (const line of gunzipSync(readFileSync(join(FIXTURES, f)))
        .toString('utf8')
        .split('\n')
        .filter(Boolean)) {
        const p = parseLinehaulLine(line);
        if (!p.ok || p.event.kind !== 'download') continue;
        const ua = parseUserAgent(p.event.userAgent);
        const d = ua.status === 'parsed' ? ua.details : {};
        const py = (d.python ?? '').split('.').slice(0, 2).join('.');
        rows.push(
          `(${[linehaulDay(p.event.timestamp)!, p.event.countryCode ?? '', p.event.project, p.event.packageType, d.installer?.name ?? '', py, d.system?.name ?? '', p.event.version].map(chString).join(', ')})`,
        );
      }
    }
    // Two separate inserts for the same key: the summing tables hold unmerged parts until queried with sum().
    await c.command({ query: `INSERT INTO pypi.pypi VALUES ${rows.join(', ')}` });
    await c.command({
      query: `INSERT INTO pypi.pypi VALUES ('2026-03-01','US','vllm','bdist_wheel','pip','3.12','Linux','0.11.0'), ('2026-03-01','DE','vllm','bdist_wheel','uv','3.12','Linux','0.11.0')`,
    });
    await c.command({
      query: `INSERT INTO pypi.pypi VALUES ('2026-03-01','US','vllm','bdist_wheel','bandersnatch','','','0.11.0'), ('2026-03-02','US','vllm','sdist','pip','3.11','Darwin','0.10.2')`,
    });
  } finally {
    await c.close();
  }
});

after(() => {
  ch?.stop();
});

test("daily downloads and breakdowns from a real ClickHouse in ClickPy's schema", { skip }, async () => {
  const q = clickpyQuerier({ url: ch!.httpUrl, username: ch!.user, password: ch!.password });
  try {
    const at = new Date('2026-03-05T00:00:00Z');
    const c = await fetchClickpy(q, { kind: 'pypi', id: 'vllm' }, at);
    const v = (day: string, dims = '') =>
      c.observations.find((o) => o.windowStart.toISOString().startsWith(day) && formatDims(o.dims) === dims)?.value;
    assert.equal(v('2026-03-01'), 3, 'sum(count) over unmerged parts');
    assert.equal(v('2026-03-02'), 1);
    assert.equal(v('2026-03-01', 'installer=bandersnatch'), 1);
    assert.equal(v('2026-03-01', 'country=US'), 2);
    assert.equal(v('2026-03-02', 'system=Darwin'), 1);
    assert.equal(v('2026-03-01', 'version=0.11.0'), 3);
    assert.deepEqual(
      c.unknowns.map((u) => u.metric),
      ['clickpy.downloads.python', 'downloads.ci'],
      'the python table is not loaded here: an unknown; CI never exists in ClickPy',
    );

    const real = await fetchClickpy(q, { kind: 'pypi', id: 'django-crum' }, at, { breakdowns: ['installer'] });
    assert.equal(real.observations.find((o) => !o.dims)?.value, 3);
    assert.deepEqual(
      real.observations
        .filter((o) => o.dims)
        .map((o) => `${o.dims!.installer}=${o.value}`)
        .sort(),
      ['pip=2', 'uv=1'],
    );

    const none = await fetchClickpy(q, { kind: 'pypi', id: 'no-such-pkg-kept' }, at);
    assert.match(none.unknowns[0]!.reason, /no downloads for no-such-pkg-kept/);
    const dated = await fetchClickpy(q, { kind: 'pypi', id: 'vllm' }, at, {
      from: new Date('2026-03-02T00:00:00Z'),
      breakdowns: [],
    });
    assert.deepEqual(
      dated.observations.map((o) => o.value),
      [1],
    );
  } finally {
    await q.close();
  }
});

test('an unreachable ClickHouse is an unknown with the reason', async () => {
  const q = clickpyQuerier({ url: 'http://127.0.0.1:9', username: 'default', requestTimeoutMs: 2000 });
  try {
    const c = await fetchClickpy(q, { kind: 'pypi', id: 'vllm' }, new Date('2026-03-05T00:00:00Z'));
    assert.equal(c.observations.length, 0);
    assert.match(c.unknowns[0]!.reason, /ClickPy query failed/);
  } finally {
    await q.close();
  }
});
