#!/usr/bin/env node
// Rebuilds data/demo/ from ../shared/data: only the small subsets the demo needs (the catalog's
// PyPI packages from the monthly top-pypi snapshots; a few Hub model trees). Run after changing
// the catalog: `npm run build && node scripts/build-demo-data.mjs`.
import { createReadStream, createWriteStream, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { CATALOG } from '../dist/src/config/catalog.js';
import { normalizePypiName } from '../dist/src/domain/subject.js';

const shared = new URL('../../shared/data/', import.meta.url);
const out = new URL('../data/demo/', import.meta.url);
mkdirSync(out, { recursive: true });

const wanted = new Set(CATALOG.flatMap((p) => p.pypi ?? []).map(normalizePypiName));
const lines = [];
const rl = createInterface({
  input: createReadStream(new URL('pypi-top-monthly.csv.gz', shared)).pipe(createGunzip()),
});
let header = true;
for await (const line of rl) {
  if (header) {
    lines.push(line);
    header = false;
    continue;
  }
  const project = line.split(',')[2];
  if (wanted.has(normalizePypiName(project))) lines.push(line);
}
await pipeline(
  Readable.from([lines.join('\n') + '\n']),
  createGzip({ level: 9 }),
  createWriteStream(new URL('pypi-top-catalog.csv.gz', out)),
);
console.log(`pypi-top-catalog.csv.gz: ${lines.length - 1} rows for ${wanted.size} catalog packages`);

mkdirSync(new URL('hf-model-trees/', out), { recursive: true });
const trees = [
  'deepseek-ai__DeepSeek-V3',
  'deepseek-ai__Janus-Pro-7B',
  'hexgrad__Kokoro-82M',
  'meta-llama__Llama-2-7b',
];
for (const t of trees)
  copyFileSync(new URL(`hf-model-trees/${t}.jsonl.gz`, shared), new URL(`hf-model-trees/${t}.jsonl.gz`, out));
const summary = readFileSync(new URL('hf-model-trees/_summary.csv', shared), 'utf8').split('\n');
writeFileSync(
  new URL('hf-model-trees/_summary.csv', out),
  [summary[0], ...summary.filter((l) => trees.some((t) => l.startsWith(t.replace('__', '/') + ',')))].join('\n') + '\n',
);
console.log(`hf-model-trees: ${trees.length} trees`);
