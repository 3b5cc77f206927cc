// countLinehaulFile: worker threads give exactly the counts and statistics of one inline pass,
// line numbers included, on real lines cut into many small chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDims } from '../../domain/observation.js';
import { LINEHAUL_FIXTURES, realLinehaulLines } from '../../../test/helpers/linehaul-lines.js';
import { tempDir } from '../../../test/helpers/tmp.js';
import { countLinehaulFile } from './count-file.js';

const { skip } = LINEHAUL_FIXTURES;

/** ~3,000 real lines over three days, with blanks, a non-ASCII agent and malformed lines. */
function syntheticLog(): { text: string; firstBad: number } {
  const real = realLinehaulLines();
  const out: string[] = [];
  let firstBad = 0;
  let nonEmpty = 0;
  for (let i = 0; i < 3000; i++) {
    let line = real[i % real.length]!;
    if (i % 3 === 1) line = line.replace('07 Jan 2021', '08 Jan 2021');
    if (i % 7 === 2) line = line.replace(/\|([^|]*)$/, '|Mozilla/5.0 (Linux; ünïcode) curl/8.0');
    if (i === 1733 || i === 2500) line = 'download|not a log line';
    if (i % 500 === 9) out.push('');
    out.push(line);
    nonEmpty++;
    if (i === 1733) firstBad = nonEmpty;
  }
  return { text: out.join('\n') + '\n', firstBad };
}

function summary(r: Awaited<ReturnType<typeof countLinehaulFile>>) {
  const obs = r.counts
    .observations()
    .map((o) => `${o.subject.id} ${o.windowStart.toISOString().slice(0, 10)} ${formatDims(o.dims)} ${o.value}`)
    .sort();
  const { malformedReasons, ...rest } = r.stats;
  return {
    stats: { ...rest, reasons: Object.fromEntries(malformedReasons) },
    total: r.counts.total,
    byCategory: r.counts.byCategory,
    obs,
  };
}

test(
  'worker threads count a log exactly as one inline pass does, first malformed line included',
  { skip },
  async () => {
    const { text, firstBad } = syntheticLog();
    const path = join(tempDir(), 'day.log');
    writeFileSync(path, text);
    const inline = summary(await countLinehaulFile(path, { workers: 0, chunkBytes: 4096 }));
    assert.equal(inline.stats.firstMalformedLine, firstBad);
    assert.equal(inline.stats.malformed, 2);
    assert.ok(inline.obs.length > 50, 'a varied log');
    assert.ok(
      inline.obs.some((o) => o.includes('installer=unknown')),
      'the non-ASCII agent is read',
    );
    for (const workers of [1, 3]) {
      const parallel = summary(await countLinehaulFile(path, { workers, chunkBytes: 4096 }));
      assert.deepEqual(parallel, inline, `${workers} worker(s)`);
    }
  },
);

test('a missing file is reported while workers are running, and none is left running', { skip }, async () => {
  await assert.rejects(countLinehaulFile(join(tempDir(), 'missing.log'), { workers: 2 }), /no such file/);
});
