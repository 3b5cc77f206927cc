// LinehaulRecordReader: the hot path (readInto, which pre-aggregates slices of the line by
// installer group, day and country) counts exactly what the full parser (read, one record per
// line) does, on real lines and on the lines the hot path hands over to the parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { formatDims } from '../../domain/observation.js';
import { LINEHAUL_FIXTURES, realLinehaulLines } from '../../../test/helpers/linehaul-lines.js';
import { sharedFile } from '../../../test/helpers/tmp.js';
import { DailyDownloadCounts } from '../pypi-daily-counts.js';
import { LinehaulRecordReader } from './records.js';

const { skip } = LINEHAUL_FIXTURES;
const { path: AGENTS, skip: noAgents } = sharedFile('pypi-linehaul/tests/unit/ua/fixtures');

/** linehaul's own real user agents (pip, uv, mirrors, CI, browsers, one it ignores). */
function realAgents(): string[] {
  return readdirSync(AGENTS)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .flatMap((f) => (parse(readFileSync(join(AGENTS, f), 'utf8')) as { ua: string }[]).map((c) => c.ua));
}

function observed(counts: DailyDownloadCounts): string[] {
  return counts
    .observations()
    .map((o) => `${o.subject.id} ${o.windowStart.toISOString().slice(0, 10)} ${formatDims(o.dims)} ${o.value}`)
    .sort();
}

test('the hot path counts real lines as the full parser does, across flushes', { skip: skip || noAgents }, () => {
  const agents = realAgents();
  const real = realLinehaulLines();
  const downloads = real.filter((l) => l.startsWith('download|'));
  // Every real download line with every real agent: many installer groups, days and countries.
  const withAgents = downloads.flatMap((line) => agents.map((ua) => line.replace(/[^|]*$/, ua)));
  const lines = [...real, ...withAgents].flatMap((line, i) => [
    line,
    // The same download on another day, from no country, and with no version (malformed: the
    // hot path hands it to the parser, which counts it so).
    ...(i % 5 === 0 ? [line.replace(/\|(\d{2}) (\w{3}) (\d{4})/, '|28 $2 $3')] : []),
    ...(i % 7 === 0 ? [line.replace(/^download\|([^|]*)\|[^|]*\|/, 'download|$1||')] : []),
    ...(i % 11 === 0 ? [line.replace(/^((?:[^|]*\|){7})[^|]*/, '$1(null)')] : []),
  ]);
  const fast = new DailyDownloadCounts();
  const fastReader = new LinehaulRecordReader();
  const slow = new DailyDownloadCounts();
  const slowReader = new LinehaulRecordReader();
  lines.forEach((line, i) => {
    fastReader.readInto(line, fast);
    if (i % 997 === 0) assert.equal(typeof fast.total, 'number'); // a flush in the middle, then more lines
    const r = slowReader.read(line);
    if (r) slow.add(r);
  });
  assert.ok(fastReader.stats.downloads > 200, 'a real, varied log');
  assert.ok(Object.values(fast.byCategory).filter((n) => n > 0).length >= 3, 'several categories');
  assert.deepEqual(fastReader.stats, slowReader.stats);
  assert.equal(fast.total, slow.total);
  assert.deepEqual(fast.byCategory, slow.byCategory);
  const a = observed(fast);
  assert.ok(a.some((o) => o.includes('country=unknown')) && fastReader.stats.malformed > 0);
  assert.deepEqual(a, observed(slow));
});
