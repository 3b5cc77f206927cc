// Real PyPI CDN log lines and linehaul's event fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { sharedFile } from '../../../test/helpers/tmp.js';
import { linehaulDay, parseLinehaulLine } from './parse-line.js';
import { LinehaulRecordReader } from './records.js';

const { path: FIXTURES, skip } = sharedFile('pypi-linehaul/fixtures');
const { path: EVENTS, skip: noEvents } = sharedFile('pypi-linehaul/tests/unit/events/fixtures/download.yml');

function realLines(prefix: string): string[] {
  const f = readdirSync(FIXTURES).find((n) => n.startsWith(prefix));
  assert.ok(f, `no ${prefix} log in ${FIXTURES}`);
  return gunzipSync(readFileSync(join(FIXTURES, f)))
    .toString('utf8')
    .split('\n')
    .filter(Boolean);
}

test('parses the real download lines: project, version, type, country, user agent', { skip }, () => {
  const lines = realLines('downloads-');
  assert.equal(lines.length, 5);
  const events = lines.map((l) => parseLinehaulLine(l));
  assert.ok(events.every((e) => e.ok));
  const first = events[0]!.ok ? events[0]!.event : undefined;
  assert.equal(first?.kind, 'download');
  if (first?.kind !== 'download') return;
  assert.equal(first.project, 'threadpoolctl');
  assert.equal(first.version, '2.1.0');
  assert.equal(first.packageType, 'bdist_wheel');
  assert.equal(first.countryCode, 'US');
  assert.equal(first.filename, 'threadpoolctl-2.1.0-py3-none-any.whl');
  assert.match(first.userAgent, /^pip\/20\.1\.1 \{"ci":null/);
  assert.equal(first.http, null, 'these are v3 lines: no HTTP fields');
  assert.equal(linehaulDay(first.timestamp), '2021-01-07');
});

test('classifies the real sample: 5 downloads (2 human, 2 CI, 1 without UA) and 3 index pages', { skip }, () => {
  const reader = new LinehaulRecordReader();
  const records = [...realLines('downloads-'), ...realLines('simple-')]
    .map((l) => reader.read(l))
    .filter((r) => r !== undefined);
  assert.deepEqual(reader.stats.downloads, 5);
  assert.deepEqual(reader.stats.simple, 3);
  assert.deepEqual(reader.stats.malformed, 0);
  const cats = records.map((r) => `${r.project}:${r.installer ?? '-'}:${r.category}`);
  assert.deepEqual(cats.filter((c) => c.endsWith(':bot')).length, 1, cats.join(' '));
  assert.ok(cats.includes('threadpoolctl:pip:human'));
  // Real shares of the 5-download sample: 2 human (pip, no ci flag), 2 CI ("ci":true: one pip 22, one uv), 1 bot ((null) UA).
  assert.deepEqual(records.map((r) => r.category).sort(), ['bot', 'ci', 'ci', 'human', 'human']);
  assert.deepEqual(
    records.filter((r) => r.category === 'ci').map((r) => r.project),
    ['django-crum', 'django-crum'],
  );
  assert.equal(reader.classifyAgent(realLines('simple-')[1]!.split('||||')[1]!).category, 'ci');
});

test(
  'linehaul event fixtures: required fields, optional country, ignored and unknown user agents',
  { skip: noEvents },
  () => {
    const cases = parse(readFileSync(EVENTS, 'utf8'), { logLevel: 'error' }) as { event: string; result: unknown }[];
    assert.ok(cases.length >= 8);
    for (const c of cases) {
      const p = parseLinehaulLine(c.event);
      if (c.result === null) {
        // linehaul parses the line and then drops it for its ignored user agent: a bot here.
        assert.ok(p.ok, c.event);
        assert.equal(new LinehaulRecordReader().read(c.event)?.category, 'bot');
      } else if (typeof c.result === 'object') {
        assert.ok(p.ok, c.event);
        const r = c.result as {
          project: string;
          country_code: string | null;
          file: { version: string; type: string; filename: string };
        };
        if (p.ok && p.event.kind === 'download') {
          assert.equal(p.event.project, r.project);
          assert.equal(p.event.countryCode, r.country_code ?? null);
          assert.equal(p.event.version, r.file.version);
          assert.equal(p.event.packageType, r.file.type);
          assert.equal(p.event.filename, r.file.filename);
        }
      } else {
        assert.equal(p.ok, false, `linehaul rejects: ${c.event}`);
      }
    }
  },
);

test('v4 lines carry HTTP fields before the user agent; malformed lines are reasons', () => {
  const v4 = parseLinehaulLine(
    'download|Fri, 20 Jul 2018 02:19:19 GMT|JP|/packages/x/cfn_flip-1.0.3.tar.gz|TLSv1.2|C|cfn-flip|1.0.3|sdist|GET|200|12345|(null)|pip/24.0 {"ci":true,"installer":{"name":"pip","version":"24.0"}}',
  );
  assert.ok(v4.ok && v4.event.kind === 'download');
  if (v4.ok && v4.event.kind === 'download') {
    assert.deepEqual(v4.event.http, { method: 'GET', status: 200, bytes: 12345, range: null });
    assert.match(v4.event.userAgent, /^pip\/24\.0/);
  }
  assert.deepEqual(parseLinehaulLine('garbage'), { ok: false, reason: 'fewer than 10 |-separated fields' });
  assert.equal(parseLinehaulLine('upload|Fri, 20 Jul 2018 02:19:19 GMT|JP|/x|a|b|c|d|e|ua').ok, false);
  assert.equal(parseLinehaulLine('download|yesterday|JP|/x|a|b|c|1|sdist|ua').ok, false);
});

test('the fast path counts exactly what the full parser counts', { skip: skip || noEvents }, async () => {
  const { DailyDownloadCounts } = await import('../pypi-daily-counts.js');
  const events = (parse(readFileSync(EVENTS, 'utf8'), { logLevel: 'error' }) as { event: string }[]).map(
    (c) => c.event,
  );
  const lines = [
    ...realLines('downloads-'),
    ...realLines('simple-'),
    ...events,
    'garbage',
    '',
    'download|x|y',
    ' download|Fri, 20 Jul 2018 02:19:19 GMT|JP|/p/x.tar.gz|a|b|x|1|sdist|pip/1',
  ];
  const fast = new DailyDownloadCounts();
  const slow = new DailyDownloadCounts();
  const fr = new LinehaulRecordReader();
  const sr = new LinehaulRecordReader();
  for (const l of lines) {
    fr.readInto(l, fast);
    const r = sr.read(l);
    if (r) slow.add(r);
  }
  const norm = (c: InstanceType<typeof DailyDownloadCounts>) =>
    c
      .observations()
      .map((o) => JSON.stringify(o))
      .sort();
  assert.deepEqual(norm(fast), norm(slow));
  assert.deepEqual(
    { ...fr.stats, malformedReasons: [...fr.stats.malformedReasons] },
    { ...sr.stats, malformedReasons: [...sr.stats.malformedReasons] },
  );
});
