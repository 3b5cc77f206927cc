#!/usr/bin/env node
// Rebuilds data/demo/ from ../shared/data, deterministically (run it twice: the bytes are the same):
// the catalog's PyPI packages from the monthly top-pypi snapshots, the Hub model trees and monthly
// snapshots, the llama.cpp and SGLang issue samples, a linehaul log sample, and the contributor
// reports of three replayed git histories, computed here by kept's own analysis so that the demo
// needs nothing but Node. Needs git and python3 (for ../shared/tools/replay-git-history).
// Run after changing the catalog: `npm run build && node scripts/build-demo-data.mjs`; `--out DIR`
// writes elsewhere (the test that checks the committed files are what this script makes).
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  createReadStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { CATALOG } from '../dist/src/config/catalog.js';
import { GAP_DEFAULT_FAMILIES } from '../dist/src/config/gap-families.js';
import { normalizePypiName } from '../dist/src/domain/subject.js';
import { parseLinehaulLine } from '../dist/src/files/linehaul/parse-line.js';
import { collectRepositoryContributors } from '../dist/src/ingest/contributors.js';

// ../shared/data beside the checkout (or KEPT_SHARED_DATA, as the tests take it), its tools beside it.
const shared = process.env.KEPT_SHARED_DATA
  ? pathToFileURL(resolve(process.env.KEPT_SHARED_DATA) + '/')
  : new URL('../../shared/data/', import.meta.url);
const tools = new URL('../tools/', shared);
const outArg = process.argv.indexOf('--out');
const out =
  outArg > 0 && process.argv[outArg + 1]
    ? pathToFileURL(resolve(process.argv[outArg + 1]) + '/')
    : new URL('../data/demo/', import.meta.url);
mkdirSync(out, { recursive: true });

/** gzip with a fixed header (no name, mtime 0), so the same text always gives the same bytes. */
const gzip = (text) => gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
const fresh = (dir) => {
  rmSync(new URL(dir, out), { recursive: true, force: true });
  mkdirSync(new URL(dir, out), { recursive: true });
};

// ---- PyPI monthly downloads of the catalog's packages
// The catalog's packages, and the deployment gap's default families (kept gap), which name a few
// closed-API clients the catalog does not track as projects.
const wanted = new Set(
  [
    ...CATALOG.flatMap((p) => p.pypi ?? []),
    ...Object.values(GAP_DEFAULT_FAMILIES).flatMap((side) => side.pypi ?? []),
  ].map(normalizePypiName),
);
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
writeFileSync(new URL('pypi-top-catalog.csv.gz', out), gzip(lines.join('\n') + '\n'));
// The demo judges at the last snapshot: later data (commits) is left out so every figure shares that date.
const demoAsOf = lines
  .slice(1)
  .map((l) => l.split(',')[0])
  .sort()
  .pop();
console.log(
  `pypi-top-catalog.csv.gz: ${lines.length - 1} rows for ${wanted.size} catalog and gap-family packages, to ${demoAsOf}`,
);

// ---- Hub model trees: every tree, whole (the fan-out counts every record), and their _summary.csv rows
fresh('hf-model-trees/');
const trees = readdirSync(new URL('hf-model-trees/', shared))
  .filter((f) => f.endsWith('.jsonl.gz'))
  .map((f) => f.replace(/\.jsonl\.gz$/, ''))
  .sort();
for (const t of trees)
  copyFileSync(new URL(`hf-model-trees/${t}.jsonl.gz`, shared), new URL(`hf-model-trees/${t}.jsonl.gz`, out));
const summary = readFileSync(new URL('hf-model-trees/_summary.csv', shared), 'utf8').trim().split('\n');
const summaryRows = summary.slice(1).filter((l) => trees.includes(l.split(',')[0].replace('/', '__')));
if (summaryRows.length !== trees.length) throw new Error('hf-model-trees/_summary.csv does not list every tree');
writeFileSync(new URL('hf-model-trees/_summary.csv', out), [summary[0], ...summaryRows].join('\n') + '\n');
console.log(`hf-model-trees: ${trees.length} trees`);

// ---- Hub monthly download snapshots, June 2024 on
fresh('hf-monthly/');
const months = readdirSync(new URL('hf-monthly/', shared))
  .filter((f) => /^\d{4}-\d{2}-\d{2}_hf\.csv$/.test(f) && f >= '2024-06')
  .sort();
for (const f of months) copyFileSync(new URL(`hf-monthly/${f}`, shared), new URL(`hf-monthly/${f}`, out));
console.log(`hf-monthly: ${months.length} snapshots, ${months[0]} to ${months[months.length - 1]}`);

// ---- Issue samples: the fields kept reads (reactions are left out)
fresh('issues/');
for (const [from, to] of [
  ['llama_cpp', 'ggml-org__llama.cpp'],
  ['sglang', 'sgl-project__sglang'],
]) {
  const rows = gunzipSync(readFileSync(new URL(`issues/${from}.jsonl.gz`, shared)))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      // The source's reactions are left out: no signal reads them.
      const { reactions: _reactions, ...issue } = JSON.parse(l);
      return JSON.stringify(issue);
    });
  writeFileSync(new URL(`issues/${to}.jsonl.gz`, out), gzip(rows.join('\n') + '\n'));
  console.log(`issues/${to}.jsonl.gz: ${rows.length} issues`);
}

// ---- A linehaul sample: every real download line of linehaul's fixtures (the CDN log and the
// event fixtures), in time order, with only the project field rewritten to one catalog package.
const LINEHAUL_PACKAGE = 'torch';
if (!wanted.has(LINEHAUL_PACKAGE)) throw new Error(`${LINEHAUL_PACKAGE} is no longer a catalog package`);
const linehaul = new URL('pypi-linehaul/', shared);
const fixtureDir = new URL('fixtures/', linehaul);
const candidates = [
  ...readdirSync(fixtureDir)
    .filter((f) => f.startsWith('downloads-') && f.endsWith('.log.gz'))
    .sort()
    .flatMap((f) =>
      gunzipSync(readFileSync(new URL(f, fixtureDir)))
        .toString('utf8')
        .split('\n'),
    ),
  ...readFileSync(new URL('tests/unit/events/fixtures/download.yml', linehaul), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('- event: download|'))
    .map((l) => l.slice('- event: '.length)),
];
const seen = new Set();
const downloads = [];
for (const line of candidates) {
  const p = parseLinehaulLine(line);
  if (!p.ok || p.event.kind !== 'download' || seen.has(line)) continue;
  seen.add(line);
  downloads.push({ at: Date.parse(p.event.timestamp), line });
}
const rewritten = downloads
  .sort((a, b) => a.at - b.at)
  .map(({ line }) => {
    const f = line.split('|');
    f[6] = LINEHAUL_PACKAGE;
    return f.join('|');
  });
fresh('pypi-linehaul/');
writeFileSync(new URL(`pypi-linehaul/${LINEHAUL_PACKAGE}-sample.log.gz`, out), gzip(rewritten.join('\n') + '\n'));
console.log(`pypi-linehaul/${LINEHAUL_PACKAGE}-sample.log.gz: ${rewritten.length} download lines`);

// ---- Contributor breadth: each history replayed into a real repository and analysed by
// ingest/contributors.ts (what `kept contributors DIR --as-of … --project … --no-mailmap` runs),
// the stored report written as JSON. Windows end the day after the last commit, or at the demo's
// date when the history goes on past it.
const HISTORIES = [
  { file: 'ollama', project: 'ollama', github: 'ollama/ollama' },
  { file: 'text-generation-inference', project: 'tgi', github: 'huggingface/text-generation-inference' },
  { file: 'peft', project: 'peft', github: 'huggingface/peft' },
];
fresh('contributors/');
const work = mkdtempSync(join(tmpdir(), 'kept-demo-replay-'));
try {
  for (const h of HISTORIES) {
    const project = CATALOG.find((p) => p.id === h.project);
    if (project?.github?.toLowerCase() !== h.github)
      throw new Error(`catalog project ${h.project} is not ${h.github}: the verdict would not find its contributors`);
    const exportPath = fileURLToPath(new URL(`git-history/${h.file}.tsv.gz`, shared));
    const rows = gunzipSync(readFileSync(exportPath)).toString('utf8').trim().split('\n').slice(1);
    const tip = rows[rows.length - 1].split('\t');
    const lastCommit = new Date(Math.max(...rows.map((r) => Date.parse(r.split('\t')[7]))));
    const dayAfter = new Date(`${lastCommit.toISOString().slice(0, 10)}T00:00:00Z`);
    dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
    const cut = new Date(`${demoAsOf}T00:00:00Z`);
    const asOf = dayAfter < cut ? dayAfter : cut;
    const dir = join(work, h.file);
    execFileSync(fileURLToPath(new URL('replay-git-history', tools)), [exportPath, dir], { stdio: 'ignore' });
    const report = await collectRepositoryContributors(dir, {
      asOf,
      mailmap: false,
      project: h.project,
      projects: CATALOG,
    });
    // The replay's path is temporary and its commit ids are its own: name the repository and the
    // upstream commit the replay mirrors instead (the export keeps the real commit ids).
    const stored = { ...report, source: { ...report.source, path: `github.com/${h.github}`, head: tip[0] } };
    writeFileSync(new URL(`contributors/${h.project}.json`, out), JSON.stringify(stored, null, 1) + '\n');
    const all = report.windows.find((w) => w.window === 'all');
    console.log(
      `contributors/${h.project}.json: ${all?.commits ?? 0} commits to ${asOf.toISOString().slice(0, 10)} (${report.skipped.afterAsOf} later left out)`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
