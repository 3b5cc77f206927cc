// The overview's deployment tier: verdicts from data prefetched for the whole catalog
// (views/overview/load.ts) equal the verdict's own store reads for every catalog project, on
// the demo database plus issues, releases, docs, registry versions, stars, dependents, container
// pulls, a Hub model tree and contributor reports (some dated after the as-of date); and the
// overview rows, tier included, still equal the rows made from each full profile.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CATALOG } from '../src/config/catalog.js';
import { resolveProjects } from '../src/config/resolve.js';
import type { DocumentRecord, Fact, Observation, Relation } from '../src/domain/observation.js';
import { subject, type Subject } from '../src/domain/subject.js';
import { RECORD_KINDS, ISSUES_SAMPLE_FACT } from '../src/domain/records.js';
import type { Project } from '../src/domain/project.js';
import { renderMarkdown } from '../src/report/render-markdown.js';
import { overviewDocument } from '../src/report/views/overview.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import type { Store } from '../src/store/store.js';
import { queryOverview } from '../src/views/overview/compute.js';
import { prefetchVerdictLoaders } from '../src/views/overview/load.js';
import { runNamedView } from '../src/views/run.js';
import { computeVerdictParts } from '../src/views/verdict/compute.js';
import { loadVerdictInputs, storeVerdictLoaders, type VerdictLoaders } from '../src/views/verdict/load.js';
import type { VerdictCore } from '../src/views/verdict/model.js';
import { demoStore } from './helpers/demo-store.js';
import { rowFromProfile } from './helpers/overview-row.js';

const AS_OF = new Date('2026-04-01T00:00:00Z');
const projects = resolveProjects(CATALOG, { projects: [] });
const t = (s: string) => new Date(s);
const DAY = 86_400_000;

let store: DuckDbStore;

/** A project's verdict core, read through `loaders` (default: the store directly). */
async function buildVerdict(s: Store, p: Project, o: { asOf: Date; loaders?: VerdictLoaders }): Promise<VerdictCore> {
  const inputs = await loadVerdictInputs(o.loaders ?? storeVerdictLoaders(s, o.asOf), p, o.asOf);
  return computeVerdictParts(inputs, o.asOf).core;
}

function level(s: Subject, metric: string, value: number, at: string): Observation {
  return { subject: s, metric, value, windowStart: t(at), windowEnd: t(at), observedAt: t(at) };
}

/** Data of every kind the verdict reads, for a few catalog projects, written in two batches. */
async function addVariedData(s: Store): Promise<void> {
  const vllm = subject('github', 'vllm-project/vllm');
  const sglang = subject('github', 'sgl-project/sglang');
  const issue = (n: number, state: string, created: string, extra: Record<string, unknown> = {}) => ({
    number: n,
    title: n % 2 ? 'server hangs under load' : 'CUDA out of memory',
    state,
    created_at: created,
    user: { login: `u${n}`, type: 'User' },
    labels: [],
    comments: 1,
    ...extra,
  });
  const comment = (repo: string, n: number, at: string, login: string) => ({
    issue_url: `https://api.github.com/repos/${repo}/issues/${n}`,
    user: { login, type: 'User' },
    created_at: at,
    author_association: 'MEMBER',
  });
  const releases = (
    JSON.parse(readFileSync(join(process.cwd(), 'test', 'fixtures', 'releases', 'openai-node.json'), 'utf8')) as {
      tag_name: string;
    }[]
  ).slice(0, 12);
  const fetched = t('2026-03-20T00:00:00Z');
  const records: DocumentRecord[] = [
    // vLLM: issues (one seen open, then closed; one only after the as-of date), comments, releases, docs.
    {
      subject: vllm,
      kind: RECORD_KINDS.issue,
      key: '1',
      observedAt: t('2026-03-01T00:00:00Z'),
      data: issue(1, 'open', '2026-02-01T00:00:00Z'),
    },
    {
      subject: vllm,
      kind: RECORD_KINDS.issue,
      key: '1',
      observedAt: fetched,
      data: issue(1, 'closed', '2026-02-01T00:00:00Z', { closed_at: '2026-02-04T00:00:00Z' }),
    },
    {
      subject: vllm,
      kind: RECORD_KINDS.issue,
      key: '1',
      observedAt: t('2026-04-10T00:00:00Z'),
      data: issue(1, 'open', '2026-02-01T00:00:00Z'),
    },
    {
      subject: vllm,
      kind: RECORD_KINDS.issue,
      key: '2',
      observedAt: fetched,
      data: issue(2, 'open', '2026-03-01T00:00:00Z'),
    },
    {
      subject: vllm,
      kind: RECORD_KINDS.issue,
      key: '3',
      observedAt: fetched,
      data: issue(3, 'open', '2026-03-10T00:00:00Z', { comments: 0 }),
    },
    { subject: vllm, kind: RECORD_KINDS.issue, key: '4', observedAt: fetched, data: { title: 'not an issue' } },
    {
      subject: vllm,
      kind: RECORD_KINDS.issueComment,
      key: '11',
      observedAt: fetched,
      data: comment('vllm-project/vllm', 1, '2026-02-02T00:00:00Z', 'maint'),
    },
    {
      subject: vllm,
      kind: RECORD_KINDS.issueComment,
      key: '12',
      observedAt: fetched,
      data: comment('vllm-project/vllm', 2, '2026-03-09T00:00:00Z', 'maint'),
    },
    ...releases.map((r) => ({
      subject: vllm,
      kind: RECORD_KINDS.release,
      key: r.tag_name,
      observedAt: fetched,
      data: r,
    })),
    {
      subject: vllm,
      kind: RECORD_KINDS.repoDoc,
      key: 'MIGRATION.md',
      observedAt: fetched,
      data: { path: 'MIGRATION.md' },
    },
    // SGLang: the GitHub source's normalised issue records.
    {
      subject: sglang,
      kind: 'github-issue',
      key: '7',
      observedAt: fetched,
      data: {
        number: 7,
        pullRequest: false,
        title: 'OOM on H100',
        state: 'open',
        stateReason: null,
        createdAt: '2026-03-01T00:00:00Z',
        closedAt: null,
        mergedAt: null,
        author: 'u',
        authorBot: false,
        authorAssociation: 'NONE',
        labels: ['memory'],
        comments: 1,
        firstResponseAt: '2026-03-02T00:00:00Z',
        firstResponseBy: 'm',
        firstResponseAssociation: 'MEMBER',
        firstMaintainerResponseAt: null,
        firstResponseKnown: true,
      },
    },
    // Ollama: no GitHub releases, registry versions instead (npm deprecated, PyPI yanked).
    ...['0.1.0', '0.2.0', '0.3.0', '0.4.0', '0.5.0'].map((version, i) => ({
      subject: subject('npm', 'ollama'),
      kind: 'npm-version',
      key: version,
      observedAt: fetched,
      data: {
        version,
        publishedAt: new Date(t('2025-06-01T00:00:00Z').getTime() + i * 40 * DAY).toISOString(),
        deprecated: i === 0 ? 'use 0.2' : null,
        dependencies: [],
        peerDependencies: [],
        publisher: null,
      },
    })),
    {
      subject: subject('pypi', 'ollama'),
      kind: 'pypi-release',
      key: '0.4.1',
      observedAt: fetched,
      data: {
        version: '0.4.1',
        publishedAt: '2025-12-01T00:00:00Z',
        yanked: true,
        yankedReason: 'broken wheel',
        files: 2,
      },
    },
    // Contributor reports stored for two projects; for vLLM a later one replaces the first.
    ...(['vllm', 'transformers'] as const).map((id, i) => ({
      subject: subject('project', id),
      kind: 'contributors',
      key: 'report',
      observedAt: t('2026-03-01T00:00:00Z'),
      data: {
        schema: 'kept.contributors/v1',
        asOf: '2026-03-01T00:00:00.000Z',
        source: { kind: 'git', path: `/src/${id}` },
        windows: [
          {
            window: '12m',
            end: '2026-03-01T00:00:00.000Z',
            commits: 900,
            organizations: Array.from({ length: 2 + i }, (_, k) => ({ name: `org${k}` })),
            topOrganizationShare: 0.6,
            elephantFactor: 1 + i,
            busFactor: 3,
            unattributedShare: 0.3,
          },
        ],
      },
    })),
    {
      subject: subject('project', 'vllm'),
      kind: 'contributors',
      key: 'report',
      observedAt: t('2026-03-15T00:00:00Z'),
      data: {
        schema: 'kept.contributors/v1',
        asOf: '2026-03-15T00:00:00.000Z',
        source: { kind: 'git', path: '/src/vllm' },
        windows: [
          {
            window: '12m',
            end: '2026-03-15T00:00:00.000Z',
            commits: 1200,
            organizations: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }],
            topOrganizationShare: 0.4,
            elephantFactor: 2,
            busFactor: 6,
            unattributedShare: 0.2,
          },
        ],
      },
    },
  ];
  const facts: Fact[] = [
    { subject: vllm, name: ISSUES_SAMPLE_FACT, value: 'a test sample', observedAt: fetched },
    {
      subject: vllm,
      name: ISSUES_SAMPLE_FACT,
      value: 'recorded after the as-of date',
      observedAt: t('2026-05-01T00:00:00Z'),
    },
    { subject: subject('hf', 'meta-llama/Llama-2-7b'), name: 'author', value: 'meta-llama', observedAt: fetched },
    { subject: subject('hf', 'org1/Llama-2-7b-GGUF'), name: 'author', value: 'org1', observedAt: fetched },
    { subject: subject('hf', 'org1/Llama-2-7b-GGUF'), name: 'format', value: 'gguf', observedAt: fetched },
  ];
  const observations: Observation[] = [
    ...['2025-10-01', '2026-01-01', '2026-03-01', '2026-04-20'].map((at, i) =>
      level(vllm, 'stars', 50_000 + i * 3_000, `${at}T00:00:00Z`),
    ),
    level(sglang, 'stars', 20_000, '2026-03-01T00:00:00Z'),
    // Dependents of vLLM at two dates six months apart, and one after the as-of date; two sources for transformers.
    level(subject('pypi', 'vllm'), 'dependents', 800, '2025-09-01T00:00:00Z'),
    level(subject('pypi', 'vllm'), 'dependents', 1_400, '2026-03-01T00:00:00Z'),
    level(subject('pypi', 'vllm'), 'dependents', 9_999, '2026-05-01T00:00:00Z'),
    level(subject('pypi', 'transformers'), 'dependents', 150_000, '2026-03-01T00:00:00Z'),
    { ...level(subject('pypi', 'transformers'), 'dependents', 149_000, '2026-03-01T00:00:00Z') },
    level(subject('npm', 'ollama'), 'dependents', 300, '2026-02-01T00:00:00Z'),
    level(subject('pypi', 'ollama'), 'dependents', 2_000, '2026-02-01T00:00:00Z'),
    // Container pulls: Docker Hub and GHCR, the latest on or before the as-of date counts.
    level(subject('docker', 'vllm/vllm-openai'), 'pulls_total', 10_000_000, '2026-02-01T00:00:00Z'),
    level(subject('docker', 'vllm/vllm-openai'), 'pulls_total', 12_000_000, '2026-03-01T00:00:00Z'),
    level(subject('docker', 'ollama/ollama'), 'pulls_total', 90_000_000, '2026-03-01T00:00:00Z'),
    level(subject('ghcr', 'ggml-org/llama.cpp'), 'pulls_total', 1_000_000, '2026-03-01T00:00:00Z'),
    // Hub figures of the model tree below.
    {
      subject: subject('hf', 'meta-llama/Llama-2-7b'),
      metric: 'downloads',
      value: 500_000,
      windowStart: t('2026-02-01T00:00:00Z'),
      windowEnd: t('2026-03-03T00:00:00Z'),
      observedAt: t('2026-03-03T00:00:00Z'),
    },
    {
      subject: subject('hf', 'org2/llama-ft-1'),
      metric: 'downloads',
      value: 3_000,
      windowStart: t('2026-02-01T00:00:00Z'),
      windowEnd: t('2026-03-03T00:00:00Z'),
      observedAt: t('2026-03-03T00:00:00Z'),
    },
  ];
  const relations: Relation[] = [
    ...Array.from({ length: 14 }, (_, i) => ({
      from: subject('hf', `org${2 + (i % 5)}/llama-ft-${i}`),
      relation: 'finetune',
      to: subject('hf', 'meta-llama/Llama-2-7b'),
      observedAt: fetched,
    })),
    {
      from: subject('hf', 'org1/Llama-2-7b-GGUF'),
      relation: 'quantized',
      to: subject('hf', 'meta-llama/Llama-2-7b'),
      observedAt: fetched,
    },
    {
      from: subject('hf', 'org9/llama-ft-0-lora'),
      relation: 'adapter',
      to: subject('hf', 'org2/llama-ft-0'),
      observedAt: fetched,
    },
    {
      from: subject('hf', 'org9/too-late'),
      relation: 'finetune',
      to: subject('hf', 'meta-llama/Llama-2-7b-chat-hf'),
      observedAt: t('2026-05-01T00:00:00Z'),
    },
  ];
  await s.write({
    provenance: { source: 'test-recorded', origin: 'test/overview-tier.test.ts', fetchedAt: fetched },
    records,
    facts,
    observations,
    relations,
  });
  // A second source for some of the same things (an import beside the GitHub source).
  await s.write({
    provenance: { source: 'issues-file', origin: 'test/overview-tier.test.ts#2', fetchedAt: fetched },
    records: [
      {
        subject: vllm,
        kind: RECORD_KINDS.issue,
        key: '2',
        observedAt: fetched,
        data: issue(2, 'closed', '2026-03-01T00:00:00Z', { closed_at: '2026-03-12T00:00:00Z' }),
      },
    ],
    observations: [level(subject('pypi', 'transformers'), 'dependents', 151_000, '2026-03-01T00:00:00Z')],
  });
}

/** The store with a count of its read queries. */
function counting(s: Store): { store: Store; reads: () => number } {
  let n = 0;
  const reads = new Set(['observations', 'facts', 'relations', 'records', 'stats']);
  const store = new Proxy(s, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop === 'string' && reads.has(prop) && typeof v === 'function')
        return (...args: unknown[]) => (n++, (v as (...a: unknown[]) => unknown).apply(target, args));
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { store, reads: () => n };
}

before(async () => {
  const demo = await demoStore();
  store = await DuckDbStore.open(demo.dbPath);
  await addVariedData(store);
});

after(async () => {
  await store.close();
});

test('bulk verdicts equal buildVerdict for every catalog project, in a few store queries', async () => {
  const bulk = counting(store);
  const loaders = await prefetchVerdictLoaders(bulk.store, projects, AS_OF);
  const direct = counting(store);
  const tiers = new Map<string, string>();
  for (const p of projects) {
    const want = await buildVerdict(direct.store, p, { asOf: AS_OF });
    const got = await buildVerdict(bulk.store, p, { asOf: AS_OF, loaders });
    assert.deepEqual(got, want, p.id);
    tiers.set(p.id, got.tier.id);
  }
  // Every kind of data was read: the store is varied enough for the equality to mean something.
  const v = await buildVerdict(
    store,
    projects.find((p) => p.id === 'vllm')!,
    { asOf: AS_OF, loaders },
  );
  assert.equal(v.issueHealth?.issues.count, 3, 'issues 1-3; the unreadable record is reported, not counted');
  assert.equal(
    v.issueHealth?.issues.closed,
    2,
    '#1 closed as of the fetch before the as-of date, #2 closed by the second source',
  );
  assert.equal(v.issueHealth?.coverage.declared, 'a test sample');
  assert.equal(v.upgrade?.releases.total, 12);
  assert.ok(
    v.evidence.some((e) => e.rule === 'dependents' && e.detail.startsWith('1,400 dependents')),
    JSON.stringify(v.evidence),
  );
  assert.ok(v.inputs.includes('container pulls: 12000000 (test-recorded)'));
  assert.ok(v.inputs.includes('contributors: kept contributors report of /src/vllm (stored)'));
  assert.ok(v.inputs.includes('github:vllm-project/vllm: 3 star counts'));
  const ollama = await buildVerdict(
    store,
    projects.find((p) => p.id === 'ollama')!,
    { asOf: AS_OF, loaders },
  );
  assert.deepEqual(ollama.upgrade?.registry, {
    versions: 6,
    deprecated: 1,
    yanked: 1,
    examples: ['npm 0.1.0: use 0.2', 'pypi 0.4.1: yanked (broken wheel)'],
  });
  assert.ok(ollama.inputs.includes('dependents: 2300 (test-recorded)'));
  const llama = await buildVerdict(
    store,
    projects.find((p) => p.id === 'llama')!,
    { asOf: AS_OF, loaders },
  );
  assert.ok(
    // Both real Llama-2 trees; QUANTO float8bit conversions and the like are re-uploads too.
    llama.inputs.includes('fan-out: 1725 derivative models (56 re-uploads apart), 134 of them used, of 2 base models'),
    llama.inputs.join('\n'),
  );
  assert.ok(new Set(tiers.values()).size >= 3, [...tiers].join(', '));
  // A few queries per kind of data, whatever the number of projects; several per project directly.
  assert.ok(bulk.reads() <= 20, `bulk: ${bulk.reads()} store reads`);
  assert.ok(direct.reads() > 5 * projects.length, `direct: ${direct.reads()} store reads`);
});

test('a question beyond the prefetched data (another project, a later date) reads the store', async () => {
  const [first, ...rest] = projects;
  const loaders = await prefetchVerdictLoaders(store, rest, AS_OF);
  for (const p of [first!, projects.find((x) => x.id === 'vllm')!]) {
    assert.deepEqual(
      await buildVerdict(store, p, { asOf: AS_OF, loaders }),
      await buildVerdict(store, p, { asOf: AS_OF }),
      p.id,
    );
  }
  const later = await prefetchVerdictLoaders(store, projects, new Date('2026-06-01T00:00:00Z'));
  const vllm = projects.find((x) => x.id === 'vllm')!;
  assert.deepEqual(
    await buildVerdict(store, vllm, { asOf: new Date('2026-06-01T00:00:00Z'), loaders: later }),
    await buildVerdict(store, vllm, { asOf: new Date('2026-06-01T00:00:00Z') }),
  );
});

test('the overview rows, tier included, equal the rows made from each full profile', async () => {
  const overview = await runNamedView('overview', store, { projects, asOf: AS_OF, today: AS_OF });
  const rows = overview.rows;
  for (const p of projects)
    assert.deepEqual(
      rows.find((r) => r.id === p.id),
      rowFromProfile(await runNamedView('profile', store, { project: p, asOf: AS_OF, today: AS_OF })),
      p.id,
    );
  assert.ok(rows.some((r) => r.tier.id === 'unknown') && rows.some((r) => r.tier.id !== 'unknown'));

  // Sorted by tier: highest first, unknown last whatever the direction; ties by name.
  const rank = ['experiment', 'internal-tooling', 'production-facing', 'load-bearing-infrastructure'];
  for (const dir of ['asc', 'desc'] as const) {
    const sorted = queryOverview(rows, { sort: 'tier', dir }).map((r) => r.tier.id);
    const known = sorted.filter((x) => x !== 'unknown');
    assert.deepEqual(
      sorted.slice(known.length),
      sorted.filter((x) => x === 'unknown'),
      'unknown last',
    );
    const ranks = known.map((x) => rank.indexOf(x));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => (dir === 'asc' ? a - b : b - a)),
      dir,
    );
  }
  assert.equal(
    queryOverview(rows, { sort: 'tier' })[0]?.tier.id,
    queryOverview(rows, { sort: 'tier', dir: 'desc' })[0]?.tier.id,
    'descending by default',
  );

  // The tier column: shown as the tier's label with its confidence and the signal families behind it
  // (unknown spelt out), linked to the project's verdict.
  const doc = overviewDocument(overview);
  const table = doc.sections[0]?.blocks.find((b) => b.kind === 'table');
  assert.ok(table?.kind === 'table');
  const col = table.columns.findIndex((c) => c.key === 'tier');
  assert.equal(table.columns[col]?.label, 'deployment tier');
  const unknownRow = table.rows.findIndex((r) => r[col] === 'unknown · none · 0 of 6 signal families');
  assert.ok(unknownRow >= 0);
  assert.ok(
    table.rows.some((r) =>
      /^load-bearing infrastructure · (low|medium|high) · [1-6] of 6 signal families$/.test(String(r[col])),
    ),
    'the label, not the id, with its confidence and families',
  );
  assert.ok(
    table.links?.some(
      (l) => l.row === 0 && l.column === 'tier' && /^\/project\/[^#]+#verdict-deployment-tier$/.test(l.href),
    ),
  );
  assert.match(renderMarkdown(doc), /\| project \| category \| deployment tier \| package \|/);
  assert.match(renderMarkdown(doc), /\| unknown · none · 0 of 6 signal families \|/);
});
