// `kept demo` end to end: the demo store holds every signal family from real data (verdicts that
// rest on several families, issue samples said to be samples, contributor reports, the Hub month by
// month, fan-out of all eight trees, a noise split), the commands its closing lines print run
// exactly as printed, and the committed data/demo files are what scripts/build-demo-data.mjs makes
// from ../shared/data.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { CATALOG } from '../src/config/catalog.js';
import { findProject, resolveProjects } from '../src/config/resolve.js';
import { subject } from '../src/domain/subject.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import type { ViewName, ViewRequestOf } from '../src/views/registry.js';
import { runNamedView } from '../src/views/run.js';
import { demoStore } from './helpers/demo-store.js';
import { BIN, runBin } from './helpers/run-cli.js';
import { SHARED_DATA, tempDir } from './helpers/tmp.js';

const AS_OF = new Date('2026-04-01T00:00:00Z');
const TODAY = new Date('2026-04-15T00:00:00Z');
const PROJECTS = resolveProjects(CATALOG, { projects: [] });

async function view<K extends ViewName>(name: K, request: ViewRequestOf<K>) {
  const store = await DuckDbStore.open((await demoStore()).dbPath, { readOnly: true });
  try {
    return await runNamedView(name, store, request);
  } finally {
    await store.close();
  }
}

const verdict = (id: string) => view('verdict', { project: findProject(PROJECTS, id), asOf: AS_OF, today: TODAY });

test('the demo verdicts of Ollama, SGLang and llama.cpp rest on more than downloads', async () => {
  // Ollama: its client library's download floor, the six-month trend and contributor breadth from its git history.
  const ollama = await verdict('ollama');
  const rules = (v: typeof ollama) => v.evidence.map((e) => `${e.signal}:${e.rule}`);
  // The ollama PyPI package is the client of Ollama's server: client evidence, on its own ladder.
  assert.ok(rules(ollama).includes('downloads:client-download-floor'), rules(ollama).join(', '));
  assert.ok(rules(ollama).includes('downloads:download-trend'), rules(ollama).join(', '));
  assert.ok(
    rules(ollama).some((r) => r.startsWith('contributors:')),
    rules(ollama).join(', '),
  );
  assert.ok(ollama.inputs.includes('contributors: kept contributors report of github.com/ollama/ollama (stored)'));
  // SGLang: the download floor, the spike that decayed, and issue health from a sample said to be one.
  const sglang = await verdict('sglang');
  assert.ok(rules(sglang).includes('downloads:download-floor'), rules(sglang).join(', '));
  assert.ok(rules(sglang).includes('downloads:spike-and-decay'), rules(sglang).join(', '));
  assert.ok(
    rules(sglang).some((r) => r.startsWith('triage:')),
    rules(sglang).join(', '),
  );
  assert.match(
    sglang.issueHealth?.sample ?? '',
    /^sample of 1,062 of ~8,109 .*declared: stratified sample from yunwei37\/vllm-exp/,
  );
  assert.equal(sglang.issueHealth?.issues.count, 1062);
  // llama.cpp publishes no package: its issue sample is what the demo knows of it.
  const llamaCpp = await verdict('llama.cpp');
  assert.match(llamaCpp.issueHealth?.sample ?? '', /^sample of 1,541 .*declared: stratified sample/);
  assert.equal(llamaCpp.issueHealth?.issues.count, 1541);
  // TGI and PEFT have contributor reports too, each dated by its own as-of.
  for (const [id, asOf] of [
    ['tgi', '2026-01-09'],
    ['peft', '2026-04-01'],
  ] as const) {
    const c = await view('contributors', { subject: subject('project', id), today: TODAY });
    assert.equal(c.asOf.slice(0, 10), asOf, id);
  }
});

test('the demo store: fan-out of all eight trees, the Hub month by month, the noise split on a profile', async () => {
  for (const [id, base] of [
    ['llama', 'meta-llama/Llama-2-7b-chat-hf'],
    ['stable-diffusion', 'stabilityai/stable-diffusion-2-1'],
    ['bloom', 'bigscience/bloom'],
    ['orangemixs', 'WarriorMama777/OrangeMixs'],
  ] as const) {
    const f = await view('fanout', { base: subject('hf', base), asOf: AS_OF, today: TODAY, depth: 2 });
    assert.ok(f.direct.total > 0, `${base}: ${JSON.stringify(f.direct)}`);
    assert.ok(
      (await verdict(id)).inputs.some((l) => l.startsWith('fan-out: ')),
      id,
    );
  }
  // The Hub month by month: one organisation's 19 monthly scrapes, partial beside the whole-Hub
  // snapshot, so the ecosystem shows them marked and counts them in no share; growth reads them per model.
  const eco = await view('ecosystem', { asOf: AS_OF, today: TODAY, windowMonths: 24 });
  assert.deepEqual(eco.snapshots, ['2025-04-22']);
  assert.ok(eco.partialSnapshots.length >= 18, JSON.stringify(eco.partialSnapshots));
  assert.ok(eco.regionShare.series.length >= 12, 'the Hub month by month, partial snapshots marked');
  assert.equal(eco.regionShare.series.filter((x) => x.partial).length, eco.partialSnapshots.length);
  const growth = await view('growth', {
    subjects: [subject('hf', 'taide/Llama3-TAIDE-LX-8B-Chat-Alpha1')],
    today: TODAY,
  });
  assert.equal(growth.subjects[0]?.pairs.length, 18);
  const torch = await view('profile', { project: findProject(PROJECTS, 'pytorch'), asOf: AS_OF, today: TODAY });
  assert.deepEqual(
    torch.noise.map((n) => [n.subject, n.source, n.split && { ...n.split, shares: undefined, humanBand: undefined }]),
    [
      [
        'pypi:torch',
        'pypi-linehaul',
        { raw: 5, mirror: 0, ci: 2, bot: 1, human: 2, ciReporting: 4, shares: undefined, humanBand: undefined },
      ],
    ],
  );
});

/** Splits a printed command line into arguments: spaces separate, double quotes group. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

/** Starts `kept … serve` as printed, fetches pages from the URL it prints, then stops it with SIGTERM. */
async function serveAndGet(args: readonly string[], env: NodeJS.ProcessEnv, paths: readonly string[]) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { HOME: process.env.HOME, PATH: process.env.PATH, TZ: 'UTC', ...env },
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      const timer = setTimeout(() => reject(new Error(`serve printed no URL: ${out}${err}`)), 30_000);
      child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString('utf8');
        const m = /kept dashboard: (http:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1].replace(/\/$/, ''));
        }
      });
      child.on('close', () => reject(new Error(`serve exited: ${out}${err}`)));
    });
    const pages: { status: number; body: string }[] = [];
    for (const p of paths) {
      const r = await fetch(`${url}${p}`);
      pages.push({ status: r.status, body: await r.text() });
    }
    return pages;
  } finally {
    child.kill('SIGTERM');
    await closed;
  }
}

test('kept demo: the commands its closing lines print work exactly as printed', async () => {
  // A home with a space: the printed --db must be quoted for the commands to work.
  const env = { XDG_DATA_HOME: join(tempDir(), 'a home', 'data') };
  const demo = runBin(['demo'], env);
  assert.equal(demo.code, 0, demo.stderr);
  assert.match(demo.stdout, /GitHub issues, stratified samples, not whole trackers/);
  assert.match(demo.stdout, /Contributor breadth from git histories/);
  assert.match(demo.stdout, /split human 3, CI 2, mirror 2, bot 2/);
  const next = demo.stdout
    .split('\n')
    .filter((l) => l.startsWith('  npx --no-install kept '))
    .map((l) => words(l.replace(/\s+# .*$/, '')).slice(3));
  assert.deepEqual(
    next.map((a) => a[2]),
    ['verdict', 'compare', 'ecosystem', 'growth', 'serve'],
  );
  for (const args of next) {
    assert.equal(args[0], '--db');
    assert.match(args[1] ?? '', /a home/);
    if (args[2] === 'serve') {
      const [overview, ecosystem, pytorch] = await serveAndGet(args, env, ['/', '/ecosystem', '/project/pytorch']);
      assert.equal(overview?.status, 200);
      assert.equal(ecosystem?.status, 200, ecosystem?.body.slice(0, 300));
      assert.match(ecosystem?.body ?? '', /<h1>kept ecosystem: /);
      assert.equal(pytorch?.status, 200);
      assert.match(pytorch?.body ?? '', /id="noise-pypi-torch"/, 'the noise split and its chart');
      continue;
    }
    const r = runBin(args, env);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    if (args[2] === 'verdict') {
      assert.match(r.stdout, /spike-and-decay/);
      assert.match(r.stdout, /stratified sample from yunwei37\/vllm-exp/);
    }
    if (args[2] === 'compare') assert.match(r.stdout, /Deployment tiers: vLLM .*; SGLang /);
    if (args[2] === 'ecosystem') {
      // The whole-Hub snapshot, with China from the shipped region map; the one organisation's
      // monthly scrapes are partial, said so, and left out of the shares.
      assert.match(r.stdout, /\| 2025-04-22 \| comparable \| 822 \| 5\.15M \| 23% \| 20% \| 18% \|/);
      // The region series shows the window's monthly scrapes, marked partial.
      assert.ok((r.stdout.match(/\| partial \|/g) ?? []).length >= 11, r.stdout.slice(0, 400));
      assert.match(r.stderr, /partial snapshot\(s\) in the window: /);
    }
    if (args[2] === 'growth') assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('| hf:taide/')).length, 18);
  }
});

const canBuild =
  SHARED_DATA !== undefined &&
  spawnSync('git', ['--version']).status === 0 &&
  spawnSync('python3', ['--version']).status === 0;

test(
  'data/demo is exactly what scripts/build-demo-data.mjs makes from ../shared/data',
  { skip: canBuild ? false : 'needs ../shared/data, git and python3' },
  () => {
    const out = tempDir('kept-demo-data-');
    const r = spawnSync(process.execPath, ['scripts/build-demo-data.mjs', '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, ...(SHARED_DATA ? { KEPT_SHARED_DATA: SHARED_DATA } : {}) },
    });
    assert.equal(r.status, 0, r.stderr);
    const files = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => relative(dir, join(d.parentPath, d.name)))
        .sort();
    const committed = join(process.cwd(), 'data', 'demo');
    assert.deepEqual(
      files(out),
      files(committed).filter((f) => f !== 'README.md'),
    );
    for (const f of files(out))
      assert.ok(readFileSync(join(out, f)).equals(readFileSync(join(committed, f))), `${f} differs from a rebuild`);
  },
);
