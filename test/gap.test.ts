// The gap view (kept gap) on a seeded store with known counts: each side's sum over the members
// with data (an absent member is unknown, not zero), the ratio, the changes member by member, the
// sentences, npm and container pulls shown apart; kept.yaml's gap: lists change the ratio; a bad
// name fails at its line; the dashboard's /gap and /ecosystem pages; and, on the shipped PyPI
// history, the ratios docs/ecosystem.md states.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveGapFamilies, type GapConfig } from '../src/config/gap-families.js';
import type { Observation } from '../src/domain/observation.js';
import { subject } from '../src/domain/subject.js';
import { renderMarkdown } from '../src/report/render-markdown.js';
import { viewDocument } from '../src/report/views/index.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import type { GapView } from '../src/views/gap/model.js';
import { VIEWS } from '../src/views/registry.js';
import { runNamedView } from '../src/views/run.js';
import { startDashboard } from '../src/web/server.js';
import { demoHubStore } from './helpers/demo-hub-store.js';
import { assertGolden } from './helpers/golden.js';
import { runCli } from './helpers/run-cli.js';
import { sharedFile, tempDir } from './helpers/tmp.js';

const DAY = 86_400_000;
const AS_OF = new Date('2026-02-10T00:00:00Z');
/** The 13 monthly snapshots 2025-02-01 … 2026-02-01: 30-day windows of the months 2025-01 … 2026-01. */
const SNAPSHOTS = Array.from({ length: 13 }, (_, i) => new Date(Date.UTC(2025, 1 + i, 1)));
const MONTHS = SNAPSHOTS.map((d) => new Date(d.getTime() - 15 * DAY).toISOString().slice(0, 7));

/**
 * Known counts, by month 2025-01 … 2026-01. Closed: openai 900 then 1,300 in the last month,
 * anthropic 100 then 200 (1,000 → 1,500). Open: vllm 90 then 100; sglang absent until 2025-06 and
 * again in 2025-09, else 10 a month, then 400 in the last month (a spike): 90 → 500.
 */
const PYPI: Readonly<Record<string, readonly (number | null)[]>> = {
  openai: [900, 900, 900, 900, 900, 900, 900, 900, 900, 900, 900, 900, 1300],
  anthropic: [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 200],
  vllm: [90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 100],
  sglang: [null, null, null, null, null, null, 10, 10, null, 10, 10, 10, 400],
};

/** The families of the seeded tests: two members a side on PyPI, npm openai, one image. */
const SMALL: GapConfig = {
  closed: { pypi: ['openai', 'anthropic'], npm: ['openai'] },
  open: { pypi: ['vllm', 'sglang'], npm: [], docker: ['vllm/vllm-openai'], ghcr: [] },
};
const SMALL_YAML = [
  'gap:',
  '  closed:',
  '    pypi: [openai, anthropic]',
  '    npm: [openai]',
  '  open:',
  '    pypi: [vllm, sglang]',
  '    npm: []',
  '    docker: [vllm/vllm-openai]',
  '    ghcr: []',
  '',
].join('\n');

let seeded: Promise<string> | undefined;

/** A store holding the counts above, npm openai for two months, and vllm/vllm-openai pull levels. */
function seededStore(): Promise<string> {
  seeded ??= (async () => {
    const db = join(tempDir(), 'gap.duckdb');
    const store = await DuckDbStore.open(db);
    const window = (end: Date, value: number, s: Observation['subject']): Observation => ({
      subject: s,
      metric: 'downloads',
      value,
      windowStart: new Date(end.getTime() - 30 * DAY),
      windowEnd: end,
      observedAt: end,
    });
    try {
      const observations: Observation[] = [];
      for (const [name, values] of Object.entries(PYPI))
        values.forEach((v, i) => {
          if (v !== null) observations.push(window(SNAPSHOTS[i]!, v, subject('pypi', name)));
        });
      await store.write({
        provenance: { source: 'top-pypi-packages', origin: 'seeded', fetchedAt: AS_OF },
        observations,
      });
      await store.write({
        provenance: { source: 'npm-download-counts', origin: 'seeded', fetchedAt: AS_OF },
        observations: [
          window(SNAPSHOTS[11]!, 5000, subject('npm', 'openai')),
          window(SNAPSHOTS[12]!, 6000, subject('npm', 'openai')),
        ],
      });
      const levels: [string, number][] = [
        ['2025-11-01', 10_000],
        ['2025-12-01', 13_000],
        ['2026-01-01', 17_000],
        ['2026-02-01', 22_000],
      ];
      await store.write({
        provenance: { source: 'dockerhub', origin: 'seeded', fetchedAt: AS_OF },
        observations: levels.map(([d, v]) => {
          const at = new Date(`${d}T00:00:00Z`);
          return {
            subject: subject('docker', 'vllm/vllm-openai'),
            metric: 'pulls_total',
            value: v,
            windowStart: at,
            windowEnd: at,
            observedAt: at,
          };
        }),
      });
    } finally {
      await store.close();
    }
    return db;
  })();
  return seeded;
}

async function seededGap(config: GapConfig | undefined = SMALL): Promise<GapView> {
  const store = await DuckDbStore.open(await seededStore(), { readOnly: true });
  try {
    const model = await runNamedView('gap', store, {
      families: resolveGapFamilies(config),
      asOf: AS_OF,
      today: AS_OF,
    });
    assert.ok(VIEWS.gap.schema.safeParse(JSON.parse(JSON.stringify(model))).success);
    return model;
  } finally {
    await store.close();
  }
}

test('seeded store: each side sums its members with data per month, an absent member is listed, not counted as zero', async () => {
  const m = await seededGap();
  assert.equal(m.headline, 'pypi');
  assert.deepEqual(
    m.series.map((s) => s.series),
    ['pypi', 'npm', 'containers'],
  );
  const pypi = m.series[0]!;
  assert.deepEqual(
    pypi.months.map((x) => x.month),
    MONTHS,
  );
  for (const [i, row] of pypi.months.entries()) {
    const closed = PYPI.openai![i]! + PYPI.anthropic![i]!;
    const open = PYPI.vllm![i]! + (PYPI.sglang![i] ?? 0);
    assert.equal(row.windowEnd, SNAPSHOTS[i]!.toISOString().slice(0, 10));
    assert.equal(row.closed.total, closed, row.month);
    assert.equal(row.open.total, open, row.month);
    assert.equal(row.ratio, closed / open, row.month);
    assert.deepEqual(row.open.absent, PYPI.sglang![i] === null ? ['pypi:sglang'] : [], row.month);
    const sglang = row.open.members.find((x) => x.subject === 'pypi:sglang')!;
    assert.equal(sglang.value, PYPI.sglang![i], 'an absent member is null, not 0');
    assert.equal(sglang.share, PYPI.sglang![i] === null ? null : PYPI.sglang![i]! / open);
  }
  // The last month: 1,500 against 500; a year earlier 1,000 against 90.
  assert.deepEqual(m.latest, {
    series: 'pypi',
    month: '2026-01',
    windowEnd: '2026-02-01',
    ratio: 3,
    closed: 1500,
    open: 500,
  });
  assert.deepEqual(m.yearEarlier, {
    series: 'pypi',
    month: '2025-01',
    windowEnd: '2025-02-01',
    ratio: 1000 / 90,
    closed: 1000,
    open: 90,
  });
  // The ratio's six months 2025-08 … 2026-01: 10, 1000/90 (sglang absent), 10, 10, 10, 3.
  assert.equal(pypi.trend.ratio?.growth, (10 + 10 + 3) / (10 + 1000 / 90 + 10) - 1);
  assert.deepEqual(
    pypi.memberSpikes.map((s) => [s.subject, s.month, s.ratio]),
    [['pypi:sglang', '2026-01', 40]],
  );
});

test('seeded store: the changes behind the sentences, member by member, and the sentences themselves', async () => {
  const m = await seededGap();
  const year = m.changes.find((c) => c.span === 'year')!;
  assert.deepEqual([year.from.month, year.to.month], ['2025-01', '2026-01']);
  assert.deepEqual([year.open.from, year.open.to, year.open.change], [90, 500, 410]);
  assert.deepEqual(year.open.members, [
    { subject: 'pypi:vllm', from: 90, to: 100, change: 10, shareOfChange: 10 / 410 },
    // Absent a year earlier: the sum counted it as nothing, so its whole count is its part.
    { subject: 'pypi:sglang', from: null, to: 400, change: 400, shareOfChange: 400 / 410 },
  ]);
  const month = m.changes.find((c) => c.span === 'month')!;
  assert.deepEqual([month.open.from, month.open.to, month.open.growth], [100, 500, 4]);
  assert.deepEqual(m.summary, [
    'In January 2026 (the window ending 2026-02-01) closed-API clients were downloaded 3.0× as often as open serving runtimes on PyPI (1,500 against 500 downloads), down from 11.1× a year earlier (the window ending 2025-02-01).',
    'Over that year open serving runtimes went from 90 to 500 downloads (+456%) and closed-API clients from 1,000 to 1,500 (+50%); pypi:sglang accounts for 98% of the change in open serving runtimes (+400 of +410; it has no data for January 2025, which the sum counts as nothing).',
    "From December 2025 to January 2026 open serving runtimes moved +400% (+400), 98% of it from pypi:sglang, whose 400 is 40.0× the median of its three months before (a spike); the ratio's six-month trend is -26% (the last three months against the three before).",
  ]);
  assert.ok(
    m.caveats.some((c) => c.startsWith('The openai client is also the client of local OpenAI-compatible servers')),
  );
  assert.ok(m.notes.some((n) => n.startsWith('pypi:sglang has no PyPI data for 2025-09 within the six months judged')));
});

test('seeded store: npm downloads and container pulls are shown apart, never added to the PyPI sums', async () => {
  const m = await seededGap();
  const npm = m.series.find((s) => s.series === 'npm')!;
  assert.deepEqual(
    npm.months.map((x) => [x.month, x.closed.total, x.open.total, x.ratio]),
    [
      ['2025-12', 5000, null, null],
      ['2026-01', 6000, null, null],
    ],
  );
  const containers = m.series.find((s) => s.series === 'containers')!;
  assert.equal(containers.metric, 'pulls');
  assert.deepEqual(
    containers.months.map((x) => [x.month, x.closed.total, x.open.total]),
    [
      ['2025-11', null, 3000],
      ['2025-12', null, 4000],
      ['2026-01', null, 5000],
    ],
  );
  assert.equal(m.latest?.closed, 1500, 'the PyPI sum holds no npm downloads');
  assert.equal(m.latest?.open, 500, 'the PyPI sum holds no pulls');
  const md = renderMarkdown(viewDocument('gap', m));
  assertGolden('golden', 'gap-seeded.md', md);
});

test('kept gap: a family list in kept.yaml changes the ratio accordingly; its origin is stated', async () => {
  const db = await seededStore();
  const dir = tempDir();
  const run = async (yaml: string | undefined): Promise<GapView> => {
    const args = ['--db', db];
    if (yaml !== undefined) {
      const path = join(dir, `kept-${Math.random().toString(36).slice(2)}.yaml`);
      writeFileSync(path, yaml);
      args.push('--config', path);
    }
    const r = await runCli([...args, 'gap', '--as-of', '2026-02-10', '--json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as GapView;
  };
  // The catalog's families: of their members, the store holds openai, anthropic, vllm and sglang.
  const catalog = await run(undefined);
  assert.equal(catalog.latest?.ratio, 1500 / 500);
  assert.deepEqual(catalog.families.open.fromConfig, []);
  const small = await run(SMALL_YAML);
  assert.equal(small.latest?.ratio, 1500 / 500);
  // Without sglang the open side is vllm alone: 1,500 against 100.
  const vllmOnly = await run('gap:\n  open:\n    pypi: [vllm]\n');
  assert.equal(vllmOnly.latest?.ratio, 1500 / 100);
  assert.deepEqual(vllmOnly.families.open.fromConfig, ['pypi']);
  assert.deepEqual(vllmOnly.families.open.members.slice(0, 2), ['pypi:vllm', 'npm:ollama']);
  // The closed side as anthropic alone: 200 against 500.
  const anthropicOnly = await run('gap:\n  closed:\n    pypi: [anthropic]\n    label: Anthropic clients\n');
  assert.equal(anthropicOnly.latest?.ratio, 200 / 500);
  assert.match(anthropicOnly.summary[0]!, /Anthropic clients were downloaded 0\.4× as often as open serving runtimes/);
});

test('kept.yaml: a gap name its registry could not hold fails at its line', async () => {
  const dir = tempDir();
  const path = join(dir, 'kept.yaml');
  writeFileSync(path, 'gap:\n  open:\n    pypi:\n      - vllm\n      - "not a name"\n');
  const r = await runCli(['--db', join(dir, 'k.duckdb'), '--config', path, 'gap']);
  assert.notEqual(r.code, 0);
  assert.ok(r.stderr.includes(`${path}:5: gap.open.pypi.1: not a pypi name`), r.stderr);
  writeFileSync(path, 'gap:\n  open:\n    pypi: [vllm]\n  opne:\n    pypi: [sglang]\n');
  const typo = await runCli(['--db', join(dir, 'k.duckdb'), '--config', path, 'gap']);
  assert.equal(typo.code, 4, typo.stderr);
  assert.match(typo.stderr, /kept\.yaml:\d+: gap\.opne: unknown key "opne"/);
});

test('kept gap on a store without either family: a not-found error that says what to import', async () => {
  const db = join(tempDir(), 'empty.duckdb');
  await (await DuckDbStore.open(db)).close();
  const r = await runCli(['--db', db, 'gap']);
  assert.equal(r.code, 5, r.stderr);
  assert.match(r.stderr, /no downloads or pulls of either gap family's members/);
  assert.match(r.stderr, /kept import pypi-top/);
});

test('dashboard: /gap and /api/gap.json (the same model as kept gap --json); /ecosystem links to it', async () => {
  const { dbPath } = await demoHubStore();
  const store = await DuckDbStore.open(dbPath, { readOnly: true });
  const asOf = new Date('2026-04-01T00:00:00Z');
  const dash = await startDashboard({ store, projects: [], asOf, warmProfiles: false });
  try {
    const get = async (path: string): Promise<{ status: number; body: string }> => {
      const res = await fetch(new URL(path, dash.url));
      return { status: res.status, body: await res.text() };
    };
    const page = await get('/gap');
    assert.equal(page.status, 200, page.body.slice(0, 300));
    assert.match(page.body, /<h1>The deployment gap: closed-API clients against open serving runtimes<\/h1>/);
    assert.ok(page.body.includes('href="/api/gap.json"'));
    const api = await get('/api/gap.json');
    assert.equal(api.status, 200);
    const cli = await runCli(['--db', dbPath, 'gap', '--as-of', '2026-04-01', '--json']);
    assert.equal(cli.code, 0, cli.stderr);
    assert.deepEqual(JSON.parse(api.body), JSON.parse(cli.stdout));
    const eco = await get('/ecosystem');
    assert.equal(eco.status, 200);
    assert.match(eco.body, /<h2 id="deployment-gap-h">The deployment gap/);
    assert.ok(eco.body.includes('<a href="/gap">the gap</a>'));
  } finally {
    await dash.close();
    await store.close();
  }
});

const FULL = sharedFile('pypi-top-monthly.csv.gz');

test(
  'shipped PyPI history: a ratio for every month both families have data; docs/ecosystem.md states the 2026-04-01 and 2025-04-01 ratios',
  { skip: FULL.skip },
  async () => {
    const db = join(tempDir(), 'pypi-top.duckdb');
    const imported = await runCli(['--db', db, 'import', 'pypi-top', FULL.path, '--json']);
    assert.equal(imported.code, 0, imported.stderr);
    const r = await runCli(['--db', db, 'gap', '--as-of', '2026-04-15', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const m = JSON.parse(r.stdout) as GapView;
    const pypi = m.series.find((s) => s.series === 'pypi')!;
    for (const row of pypi.months)
      assert.equal(row.ratio !== null, row.closed.total !== null && row.open.total !== null, row.month);
    const withRatio = pypi.months.filter((x) => x.ratio !== null);
    assert.equal(
      withRatio[0]?.month,
      '2023-05',
      'llama-cpp-python, the first runtime in the top lists, enters 2023-06-01',
    );
    assert.equal(withRatio.length, 33);
    const at = (end: string) => pypi.months.find((x) => x.windowEnd === end)!;
    const docs = readFileSync(join(process.cwd(), 'docs', 'ecosystem.md'), 'utf8');
    for (const end of ['2026-04-01', '2025-04-01']) {
      const row = at(end);
      assert.ok(docs.includes(`| ${end} | ${row.ratio!.toFixed(2)}×`), `docs/ecosystem.md states the ${end} ratio`);
    }
    assert.equal(at('2026-04-01').ratio!.toFixed(2), '11.17');
    assert.equal(at('2025-04-01').ratio!.toFixed(2), '13.95');
  },
);
