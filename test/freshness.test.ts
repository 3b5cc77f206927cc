// The figures and their dates on the demo store: the region map applied whatever was imported,
// one as-of rule (the latest data) with both dates said, stale data marked in the model and
// every document and lowering the verdict's confidence, windows holding only their own data,
// unknown counts that are never 0, contributor reports refused for another project, and top lists
// over a whole snapshot day. Each test names the defect it guards against.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CATALOG } from '../src/config/catalog.js';
import { resolveProjects } from '../src/config/resolve.js';
import type { ContributorReport } from '../src/domain/contributors.js';
import { upgradeContributorReport } from '../src/domain/contributors.js';
import { storeContributors } from '../src/ingest/contributors.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { computeContributorsView } from '../src/views/contributors/compute.js';
import { contributorsViewSchema } from '../src/views/contributors/model.js';
import { ecosystemViewSchema, type EcosystemView } from '../src/views/ecosystem/model.js';
import { fanoutViewSchema } from '../src/views/fanout/model.js';
import { overviewViewSchema } from '../src/views/overview/model.js';
import { profileViewSchema } from '../src/views/profile/model.js';
import { runNamedView } from '../src/views/run.js';
import { topViewSchema } from '../src/views/top/model.js';
import { verdictViewSchema } from '../src/views/verdict/model.js';
import { startDashboard } from '../src/web/server.js';
import { fixtureContributorReport } from './helpers/contributor-fixture.js';
import { demoStore } from './helpers/demo-store.js';
import { runCli } from './helpers/run-cli.js';
import { tempDir } from './helpers/tmp.js';

/** A today long after the demo's data (it ends 2026-04-01): the case the defaults must get right. */
const LATER = new Date('2026-12-07T12:00:00Z');
const PROJECTS = resolveProjects(CATALOG, { projects: [] });

async function json<T>(args: readonly string[], now = LATER): Promise<T> {
  const demo = await demoStore();
  const r = await runCli(['--db', demo.dbPath, ...args, '--json'], {}, now);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as T;
}

const share = (m: EcosystemView, region: string): number | null =>
  m.regionShare.window.rows.find((r) => r.key === region)?.share ?? null;

test('kept demo then kept ecosystem attributes regions from the shipped map (China was 0%, region 0% attributable)', async () => {
  const dir = tempDir();
  const db = join(dir, 'demo.duckdb');
  const demo = await runCli(['--db', db, 'demo'], {}, LATER);
  assert.equal(demo.code, 0, demo.stderr);
  const r = await runCli(['--db', db, 'ecosystem', '--json'], {}, LATER);
  assert.equal(r.code, 0, r.stderr);
  const m = ecosystemViewSchema.parse(JSON.parse(r.stdout));
  // DeepSeek-V3 and Janus-Pro-7B (deepseek-ai → china) draw 1.01M of the whole-Hub snapshot's 5.15M downloads.
  assert.equal(m.snapshot, '2025-04-22');
  assert.ok(Math.abs(share(m, 'china')! - 0.1963) < 0.001, String(share(m, 'china')));
  assert.ok(m.coverage.regionAttributedShare! > 0.6);
  assert.equal(m.topOrgs.find((o) => o.org === 'deepseek-ai')?.region, 'china');
});

test("the region map applies to Hub trees imported alone (no hf-snapshot import): China is deepseek-ai's 1.01M of the four trees' 3.0M", async () => {
  // The first demo's Hub data: four model trees and nothing else. Before, regions came only from an
  // hf-snapshot import, so China read 0% and deepseek-ai "unknown".
  const db = join(tempDir(), 'trees.duckdb');
  for (const f of [
    'deepseek-ai__DeepSeek-V3',
    'deepseek-ai__Janus-Pro-7B',
    'hexgrad__Kokoro-82M',
    'meta-llama__Llama-2-7b',
  ]) {
    const r = await runCli([
      '--db',
      db,
      'import',
      'hf-models',
      join('data', 'demo', 'hf-model-trees', `${f}.jsonl.gz`),
    ]);
    assert.equal(r.code, 0, r.stderr);
  }
  const r = await runCli(['--db', db, 'ecosystem', '--json'], {}, LATER);
  assert.equal(r.code, 0, r.stderr);
  const m = ecosystemViewSchema.parse(JSON.parse(r.stdout));
  assert.ok(Math.abs(share(m, 'china')! - 0.3366) < 0.001, String(share(m, 'china')));
  assert.equal(m.topOrgs.find((o) => o.org === 'deepseek-ai')?.region, 'china');
});

test("kept.yaml's organizations: changes the attribution of every Hub figure (it was ignored)", async () => {
  const dir = tempDir();
  const config = join(dir, 'kept.yaml');
  writeFileSync(config, 'organizations:\n  hexgrad: eu\n  deepseek-ai: us\n');
  const demo = await demoStore();
  const r = await runCli(['--db', demo.dbPath, '--config', config, 'ecosystem', '--json'], {}, LATER);
  assert.equal(r.code, 0, r.stderr);
  const m = ecosystemViewSchema.parse(JSON.parse(r.stdout));
  assert.equal(share(m, 'china'), 0, 'kept.yaml wins over the shipped map');
  assert.ok(share(m, 'us')! > 0.33, String(share(m, 'us')));
  // Kokoro-82M (hexgrad, not in the shipped map) joins stabilityai in eu.
  assert.ok(share(m, 'eu')! > 0.55, String(share(m, 'eu')));
  // The library and the dashboard take the same map.
  const store = await DuckDbStore.open(demo.dbPath, { readOnly: true });
  try {
    const lib = await runNamedView('ecosystem', store, {
      today: LATER,
      windowMonths: 12,
      organizations: { hexgrad: 'eu' },
    });
    assert.ok(share(lib, 'eu')! > 0.55);
    const dash = await startDashboard({
      store,
      projects: PROJECTS,
      organizations: { hexgrad: 'eu' },
      warmProfiles: false,
    });
    try {
      const page = await fetch(`${dash.url}api/ecosystem.json`);
      assert.ok(share(ecosystemViewSchema.parse(await page.json()), 'eu')! > 0.55);
    } finally {
      await dash.close();
    }
  } finally {
    await store.close();
  }
});

test('the ecosystem window holds only its own snapshots: a 2025-04-22 snapshot is not a "12-month window" to 2026-12-07 (it was)', async () => {
  const m = ecosystemViewSchema.parse(await json(['ecosystem', '--as-of', '2026-12-07']));
  assert.deepEqual(m.snapshots, []);
  assert.equal(m.regionShare.window.snapshotCount, 0);
  assert.equal(m.regionShare.window.from, null);
  assert.match(m.summary, /no snapshot in it/);
  // The staleness is in the model, not only on stderr.
  assert.equal(m.freshness.stale, true);
  assert.equal(m.freshness.dataEnds, '2025-04-22');
  assert.equal(m.freshness.ageDays, 594);
  assert.equal(m.freshness.staleAfterDays, 45);
  assert.ok(m.notes.some((n) => n.includes('594 days before 2026-12-07')));
  const demo = await demoStore();
  const md = await runCli(['--db', demo.dbPath, 'ecosystem', '--as-of', '2026-12-07'], {}, LATER);
  assert.match(md.stdout, /Stale data: the latest Hub snapshot ends 2025-04-22, 594 days before 2026-12-07/);
});

test('views default to the latest data they read and say both dates (they defaulted to today over April data)', async () => {
  const header = async (args: string[]): Promise<string> => {
    const demo = await demoStore();
    const r = await runCli(['--db', demo.dbPath, ...args], {}, LATER);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r.stdout.split('\n')[2] ?? '';
  };
  const latest = 'As of 2026-04-01, the latest data; today is 2026-12-07';
  const hub = 'As of 2025-04-22, the latest data; today is 2026-12-07';
  for (const args of [
    ['verdict', 'vllm'],
    ['profile', 'vllm'],
    ['trend', 'pypi:vllm'],
    ['compare', 'vllm', 'sglang'],
    ['top', 'pypi'],
  ])
    assert.ok((await header(args)).startsWith(latest), `${args.join(' ')}: ${await header(args)}`);
  for (const args of [['ecosystem'], ['fanout', 'hf:deepseek-ai/DeepSeek-V3'], ['top', 'hf']])
    assert.ok((await header(args)).startsWith(hub), `${args.join(' ')}: ${await header(args)}`);

  const v = verdictViewSchema.parse(await json(['verdict', 'vllm']));
  assert.equal(v.asOf, '2026-04-01');
  assert.deepEqual(
    [v.freshness.asOfBasis, v.freshness.today, v.freshness.dataEnds, v.freshness.stale],
    ['latest-data', '2026-12-07', '2026-04-01', false],
  );
  // The dashboard follows the same rule: no --as-of, the latest data.
  const demo = await demoStore();
  const store = await DuckDbStore.open(demo.dbPath, { readOnly: true });
  try {
    const dash = await startDashboard({ store, projects: PROJECTS, warmProfiles: false });
    try {
      const overview = overviewViewSchema.parse(await (await fetch(`${dash.url}api/overview.json`)).json());
      assert.equal(overview.asOf, '2026-04-01');
      assert.equal(overview.freshness.asOfBasis, 'latest-data');
      const eco = ecosystemViewSchema.parse(await (await fetch(`${dash.url}api/ecosystem.json`)).json());
      assert.equal(eco.asOf, '2025-04-22');
    } finally {
      await dash.close();
    }
  } finally {
    await store.close();
  }
});

test('verdict vllm as of a date long after its data is marked stale and says so (it reported +32.8% growing with no note)', async () => {
  const v = verdictViewSchema.parse(await json(['verdict', 'vllm', '--as-of', '2026-12-07']));
  assert.deepEqual(
    [v.freshness.asOfBasis, v.freshness.dataEnds, v.freshness.ageDays, v.freshness.stale],
    ['requested', '2026-04-01', 250, true],
  );
  assert.ok(
    v.summary.some((s) => s.startsWith('Stale data: the usage data the tier weighs ends 2026-04-01, 250 days')),
  );
  assert.ok(v.evidence.some((e) => e.rule === 'stale-usage-data' && e.signal === 'freshness'));
  const current = verdictViewSchema.parse(await json(['verdict', 'vllm', '--as-of', '2026-04-01']));
  assert.ok(!current.evidence.some((e) => e.rule === 'stale-usage-data'));
});

test('kept verdict exllamav2 --json marks its data stale and lowers the confidence (a tier from 790-day-old data read as current)', async () => {
  const v = verdictViewSchema.parse(await json(['verdict', 'exllamav2']));
  assert.equal(v.freshness.stale, true);
  assert.equal(v.freshness.dataEnds, '2024-02-01');
  assert.equal(v.freshness.ageDays, 790);
  const stale = v.evidence.find((e) => e.rule === 'stale-usage-data');
  assert.ok(stale, JSON.stringify(v.evidence));
  assert.match(stale.detail, /ends 2024-02-01, 790 days before 2026-04-01/);
  // One step down from what the same data judged at its own date gives.
  const atItsDate = verdictViewSchema.parse(await json(['verdict', 'exllamav2', '--as-of', '2024-02-01']));
  const order = ['none', 'low', 'medium', 'high'];
  assert.ok(order.indexOf(v.tier.confidence) <= Math.max(1, order.indexOf(atItsDate.tier.confidence) - 1));
  assert.equal(atItsDate.freshness.stale, false);
});

/** `kept demo` into a database of its own (the shared demo store is never replaced). */
async function runDemoCli(json: boolean): Promise<string> {
  const r = await runCli(['--db', join(tempDir(), 'demo.duckdb'), 'demo', ...(json ? ['--json'] : [])], {}, LATER);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

test("the overview marks rows whose data ends before its date (ExLlamaV2's 2024 window sat in an 'as of 2026-04-01' table unmarked)", async () => {
  const o = overviewViewSchema.parse((JSON.parse(await runDemoCli(true)) as { overview: unknown }).overview);
  assert.equal(o.asOf, '2026-04-01');
  const ex = o.rows.find((r) => r.id === 'exllamav2')!;
  assert.deepEqual([ex.windowEnd, ex.dataEnds, ex.ageDays, ex.stale], ['2024-02-01', '2024-02-01', 790, true]);
  assert.equal(o.rows.find((r) => r.id === 'vllm')!.stale, false);
  assert.match(o.staleNote ?? '', /ExLlamaV2 \(ends 2024-02-01, 790 days\)/);
  const md = await runDemoCli(false);
  assert.match(md, /^# Adoption overview as of 2026-04-01\n\nAs of 2026-04-01, the latest data; today is 2026-12-07\./);
  assert.match(
    md,
    /\| ExLlamaV2 \| serving \| internal tooling[^|]* \| pypi:exllamav2 \| 62\.3k \| 2024-02-01 \| stale \|/,
  );
  assert.match(
    md,
    /> \*\*Warning:\*\* 7 of these projects' usage data ends more than 45 days before 2026-04-01[^\n]*ExLlamaV2/,
  );
});

test("a gated repository's downloads: 0 is unknown with its reason, never 0 (Llama-2-7b showed 30-day downloads 0)", async () => {
  const f = fanoutViewSchema.parse(await json(['fanout', 'hf:meta-llama/Llama-2-7b']));
  assert.equal(f.downloads.base, null);
  assert.equal(f.downloads.derivativeShare, null);
  assert.ok(f.unknownDownloads.some((u) => u.id === 'meta-llama/Llama-2-7b' && /gated repository/.test(u.reason)));
  assert.match(f.sentences.downloads, /base unknown \(meta-llama\/Llama-2-7b is a gated repository/);
  const p = profileViewSchema.parse(await json(['profile', 'llama']));
  const m = p.models.find((x) => x.subject === 'hf:meta-llama/Llama-2-7b')!;
  assert.equal(m.downloads30d, null);
  assert.equal(m.facts.gated, 'manual');
  assert.ok(p.unknowns.some((u) => u.subject === 'hf:meta-llama/Llama-2-7b' && /gated repository/.test(u.reason)));
  const o = overviewViewSchema.parse((JSON.parse(await runDemoCli(true)) as { overview: unknown }).overview);
  const row = o.models.find((x) => x.model === 'hf:meta-llama/Llama-2-7b')!;
  assert.equal(row.downloads30d, null);
  assert.match(row.downloadsUnknown ?? '', /gated repository/);
  // The ecosystem leaves it out of the models with a count rather than counting a zero.
  const eco = ecosystemViewSchema.parse(await json(['ecosystem']));
  assert.equal(eco.coverage.models, 822);
  assert.ok(eco.coverage.attributes.length > 0);
  // Derivatives that are gated and report 0 are unknown too, not zero-download derivatives.
  assert.ok(f.unknownDownloads.length > 1);
});

test('kept verdict vllm --contributors peft.json is refused: the report describes peft (it was accepted)', async () => {
  const dir = tempDir();
  const report: ContributorReport = {
    ...fixtureContributorReport(),
    source: { ...fixtureContributorReport().source, path: '/src/peft', project: 'peft' },
  };
  const file = join(dir, 'peft.json');
  writeFileSync(file, JSON.stringify(computeContributorsView(report)));
  const demo = await demoStore();
  const r = await runCli(['--db', demo.dbPath, 'verdict', 'vllm', '--contributors', file], {}, LATER);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /the report describes project peft, not vllm/);
  // The same file for its own project is read, and the verdict says which date its window stands for.
  const ok = await runCli(['--db', demo.dbPath, 'verdict', 'peft', '--contributors', file, '--json'], {}, LATER);
  assert.equal(ok.code, 0, ok.stderr);
  const v = verdictViewSchema.parse(JSON.parse(ok.stdout));
  assert.ok(
    v.inputs.some((l) =>
      l.startsWith(
        'contributors: given report of peft (/src/peft), window ending 2026-01-01, 90 days before the date judged',
      ),
    ),
    v.inputs.join('\n'),
  );
});

test("contributors JSON names what its counts hold: contributions (co-authors included) and authored commits (both were 'commits')", async () => {
  const v = contributorsViewSchema.parse(computeContributorsView(fixtureContributorReport()));
  assert.equal(v.schema, 'kept.contributors/v3');
  const all = v.windows.find((w) => w.window === 'all')!;
  // Pair is credited by Co-authored-by trailers only: 6 contributions, 0 authored commits.
  const pair = all.topContributors.find((p) => p.name === 'Pair')!;
  const intel = all.topContributors.find((p) => p.name === 'Intel Dev')!;
  assert.deepEqual([intel.contributions, intel.authoredCommits], [6, 6]);
  assert.deepEqual([pair.contributions, pair.authoredCommits], [6, 0]);
  // Intel's 12 are 6 commits credited twice: contributions, not commits.
  assert.equal(all.organizations.find((o) => o.name === 'Intel')?.contributions, 12);
  assert.ok(all.organizations.every((o) => typeof o.contributions === 'number' && !('commits' in o)));
  // The top organisation's share is said of attributed and of all contributions.
  const focus = v.windows.find((w) => w.window === v.focusWindow)!;
  const top = focus.organizations[0]!;
  assert.ok(v.sentences.topOrganization?.includes(`${top.name}, `));
  assert.match(v.sentences.topOrganization ?? '', /of attributed contributions, .* of all/);
  // A report stored before the rename reads with the new names.
  const legacy = JSON.parse(
    JSON.stringify(fixtureContributorReport())
      .replaceAll('"contributions":', '"__c":')
      .replaceAll('"authoredCommits":', '"__a":'),
  ) as Record<string, unknown>;
  const v1 = {
    ...legacy,
    schema: 'kept.contributors/v1',
    windows: (legacy.windows as Record<string, unknown>[]).map((w) => ({
      ...w,
      contributions: w.__c,
      organizations: (w.organizations as Record<string, unknown>[]).map(({ __c, ...o }) => ({ ...o, commits: __c })),
      topContributors: (w.topContributors as Record<string, unknown>[]).map(({ __c, __a: _a, ...p }) => ({
        ...p,
        commits: __c,
      })),
    })),
  };
  const up = upgradeContributorReport(v1)!;
  assert.equal(up.schema, 'kept.contributors/v2');
  assert.equal(up.windows[0]!.topContributors[0]!.authoredCommits, null);
  assert.equal(
    up.windows[0]!.organizations[0]!.contributions,
    fixtureContributorReport().windows[0]!.organizations[0]!.contributions,
  );
  const db = join(tempDir(), 'c.duckdb');
  const store = await DuckDbStore.open(db);
  try {
    await storeContributors(store, up, LATER);
    const view = await runNamedView('contributors', store, {
      subject: { kind: 'project', id: 'example' },
      today: LATER,
    });
    contributorsViewSchema.parse(view);
  } finally {
    await store.close();
  }
});

test('kept top hf ranks every model of the snapshot day across all trees (it showed only the last tree scraped)', async () => {
  const t = topViewSchema.parse(await json(['top', 'hf', '--limit', '5']));
  assert.equal(t.snapshot, '2025-04-22');
  assert.deepEqual(
    t.rows.slice(0, 3).map((r) => r.name),
    ['hexgrad/Kokoro-82M', 'meta-llama/Llama-2-7b-chat-hf', 'stabilityai/stable-diffusion-2-1'],
  );
  const demo = await demoStore();
  const at = await runCli(['--db', demo.dbPath, 'top', 'hf', '--at', '2025-04-22', '--json'], {}, LATER);
  assert.equal(at.code, 0, at.stderr);
  const miss = await runCli(['--db', demo.dbPath, 'top', 'hf', '--at', '2025-04-21'], {}, LATER);
  assert.equal(miss.code, 5);
  assert.match(
    miss.stderr,
    /nearest snapshots: 2025-04-22, 2025-04-13, 2025-05-07\n/,
    'three dates, not 2025-04-22 three times',
  );
});
