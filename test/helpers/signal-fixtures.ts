// Real inputs for classifier and renderer tests: the demo PyPI subset, the issue samples and the
// openai-node release fixture.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { SeriesPoint } from '../../src/signals/trend.js';
import { parseApiRelease, type Release } from '../../src/domain/release.js';

export function demoPypiSeries(project: string): SeriesPoint[] {
  const text = gunzipSync(readFileSync(join(process.cwd(), 'data', 'demo', 'pypi-top-catalog.csv.gz'))).toString(
    'utf8',
  );
  const out: SeriesPoint[] = [];
  for (const line of text.split('\n')) {
    const [date, days, name, downloads] = line.split(',');
    if (name !== project || !date || !days || !downloads) continue;
    const end = new Date(`${date}T00:00:00Z`);
    out.push({
      windowStart: new Date(end.getTime() - Number(days) * 86_400_000),
      windowEnd: end,
      value: Number(downloads),
    });
  }
  return out;
}

export function openaiNodeReleases(): Release[] {
  const raw = JSON.parse(
    readFileSync(join(process.cwd(), 'test', 'fixtures', 'releases', 'openai-node.json'), 'utf8'),
  ) as unknown[];
  return raw.map((r) => {
    const p = parseApiRelease(r);
    if ('error' in p) throw new Error(p.error);
    return p;
  });
}
