// The two dependents sources on their recorded answers for vLLM, compared by the dependents signal:
// they disagree by ×12, both are kept, and the note says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { METRICS } from '../src/domain/metrics.js';
import { formatDims } from '../src/domain/observation.js';
import { compareDependents } from '../src/signals/dependents.js';
import { fetchDepsDev } from '../src/sources/depsdev/depsdev.js';
import { fetchEcosystems } from '../src/sources/ecosystems/ecosystems.js';
import { loadRecordings, replayFetch } from './helpers/recorded-http.js';
import { simpleHttpClient } from './helpers/simple-http.js';

const client = (up: string) =>
  simpleHttpClient(replayFetch(loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', up))));
const AT = new Date('2026-11-30T12:00:00Z');
const get = (
  c: { observations: { metric: string; value: number; dims?: Readonly<Record<string, string>> }[] },
  m: string,
  dims = '',
) => c.observations.find((o) => o.metric === m && formatDims(o.dims) === dims)?.value;

test('the two sources disagree on vLLM by ×12: both are kept and the note says why', async () => {
  const d = await fetchDepsDev(client('depsdev'), { kind: 'pypi', id: 'vllm' }, AT);
  const e = await fetchEcosystems(client('ecosystems'), { kind: 'pypi', id: 'vllm' }, AT);
  const cmp = compareDependents([
    { source: 'deps.dev', value: get(d, METRICS.dependents)!, at: AT },
    { source: 'ecosyste.ms', value: get(e, METRICS.dependents)!, at: AT },
  ]);
  assert.equal(cmp.disagree, true);
  assert.match(cmp.note, /ecosyste\.ms counts 1450 and deps\.dev 118/);
});
