// Reads the real issue samples in ../shared/data/issues (GitHub issue JSON subsets, jsonl.gz).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseApiIssue, type Issue } from '../../src/domain/issue.js';
import { sharedFile } from './tmp.js';

export function issueSample(name: 'llama_cpp' | 'sglang'): { issues: Issue[]; skip: string | false } {
  const f = sharedFile(`issues/${name}.jsonl.gz`);
  if (f.skip) return { issues: [], skip: f.skip };
  const issues: Issue[] = [];
  for (const line of gunzipSync(readFileSync(f.path)).toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = parseApiIssue(JSON.parse(line));
    if ('error' in r) throw new Error(`${name}: ${r.error}`);
    issues.push(r);
  }
  return { issues, skip: false };
}
