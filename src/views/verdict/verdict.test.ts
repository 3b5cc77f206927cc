// The verdict view on a real DuckDB store: records in the GitHub REST shape and the GitHub
// source's own, registry versions, downloads and dependents drive the tier, the checklist and the
// maintenance figures; the model fits its schema (kept.verdict/v2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbStore } from '../../store/duckdb/duckdb-store.js';
import type { Store } from '../../store/store.js';
import { RECORD_KINDS } from '../../domain/records.js';
import { subject } from '../../domain/subject.js';
import type { Project } from '../../domain/project.js';
import type { DocumentRecord, Observation } from '../../domain/observation.js';
import type { ContributorBreadthInput } from '../../classify/tier.js';
import { tempDir } from '../../../test/helpers/tmp.js';
import { runNamedView } from '../run.js';
import { verdictViewSchema, type VerdictView } from './model.js';

function buildVerdict(
  store: Store,
  project: Project,
  o: { asOf: Date; contributors?: ContributorBreadthInput },
): Promise<VerdictView> {
  return runNamedView('verdict', store, {
    project,
    asOf: o.asOf,
    today: o.asOf,
    ...(o.contributors ? { contributors: o.contributors } : {}),
  });
}

const gh = subject('github', 'openai/openai-node');
const npm = subject('npm', 'openai');
const project: Project = {
  id: 'openai-node',
  name: 'openai-node',
  category: 'tooling',
  github: 'openai/openai-node',
  npm: ['openai'],
};
const t = (s: string) => new Date(s);

test('records in the GitHub REST shape (issue, issue-comment, release, repo-doc) drive the verdict', async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    const releases = JSON.parse(
      readFileSync(join(process.cwd(), 'test', 'fixtures', 'releases', 'openai-node.json'), 'utf8'),
    ) as { tag_name: string }[];
    const fetched = t('2026-11-29T00:00:00Z');
    const records: DocumentRecord[] = [
      ...releases.map((r) => ({
        subject: gh,
        kind: RECORD_KINDS.release,
        key: r.tag_name,
        observedAt: fetched,
        data: r,
      })),
      {
        subject: gh,
        kind: RECORD_KINDS.repoDoc,
        key: 'MIGRATION.md',
        observedAt: fetched,
        data: { path: 'MIGRATION.md' },
      },
      {
        subject: gh,
        kind: RECORD_KINDS.repoDoc,
        key: 'README.md',
        observedAt: fetched,
        data: { path: 'README.md', text: '# openai\n## Semantic versioning\nThis package follows SemVer.' },
      },
      // Issue 10 was first seen open, then closed: the later record wins.
      {
        subject: gh,
        kind: RECORD_KINDS.issue,
        key: '10',
        observedAt: t('2026-11-01T00:00:00Z'),
        data: {
          number: 10,
          title: 'streaming responses hang',
          state: 'open',
          created_at: '2026-10-01T00:00:00Z',
          user: { login: 'u1', type: 'User' },
          labels: [],
          comments: 1,
        },
      },
      {
        subject: gh,
        kind: RECORD_KINDS.issue,
        key: '10',
        observedAt: fetched,
        data: {
          number: 10,
          title: 'streaming responses hang',
          state: 'closed',
          created_at: '2026-10-01T00:00:00Z',
          closed_at: '2026-10-05T00:00:00Z',
          user: { login: 'u1', type: 'User' },
          labels: [],
          comments: 2,
        },
      },
      {
        subject: gh,
        kind: RECORD_KINDS.issue,
        key: '11',
        observedAt: fetched,
        data: {
          number: 11,
          title: 'memory leak in realtime client',
          state: 'open',
          created_at: '2026-11-20T00:00:00Z',
          user: { login: 'u2', type: 'User' },
          labels: [{ name: 'bug' }],
          comments: 0,
        },
      },
      {
        subject: gh,
        kind: RECORD_KINDS.issueComment,
        key: '501',
        observedAt: fetched,
        data: {
          issue_url: 'https://api.github.com/repos/openai/openai-node/issues/10',
          user: { login: 'u1', type: 'User' },
          created_at: '2026-10-01T01:00:00Z',
        },
      },
      {
        subject: gh,
        kind: RECORD_KINDS.issueComment,
        key: '502',
        observedAt: fetched,
        data: {
          issue_url: 'https://api.github.com/repos/openai/openai-node/issues/10',
          user: { login: 'maint', type: 'User' },
          created_at: '2026-10-02T12:00:00Z',
          author_association: 'MEMBER',
        },
      },
    ];
    const month = (end: string, value: number): Observation => ({
      subject: npm,
      metric: 'downloads',
      value,
      windowStart: new Date(t(end).getTime() - 30 * 86_400_000),
      windowEnd: t(end),
      observedAt: t(end),
    });
    const observations: Observation[] = [
      ...['2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01'].map((e, i) =>
        month(e, 30_000_000 + i * 1_000_000),
      ),
      {
        subject: npm,
        metric: 'dependents',
        value: 9_000,
        windowStart: t('2026-05-01'),
        windowEnd: t('2026-05-01'),
        observedAt: t('2026-05-01'),
      },
      {
        subject: npm,
        metric: 'dependents',
        value: 12_000,
        windowStart: t('2026-11-01'),
        windowEnd: t('2026-11-01'),
        observedAt: t('2026-11-01'),
      },
    ];
    await store.write({
      provenance: { source: 'test-recorded', origin: 'src/views/verdict/verdict.test.ts', fetchedAt: fetched },
      records,
      observations,
    });

    const v = await buildVerdict(store, project, {
      asOf: t('2026-11-30T00:00:00Z'),
      contributors: { organizations: 3, elephantFactor: 1, busFactor: 4, topOrganizationShare: 0.8 },
    });
    assert.equal(v.issueHealth!.issues.count, 2);
    assert.equal(v.issueHealth!.issues.closed, 1, 'the later record of #10 (closed) wins');
    assert.equal(v.issueHealth!.issues.firstResponse.basis, 'measured');
    // #10: the author's own comment is skipped; the maintainer answered after 1.5 days.
    assert.deepEqual(v.issueHealth!.servingAndMemory.firstResponse.completedOnly, { n: 1, p50: 1.5, p90: 1.5 });
    assert.equal(v.upgrade!.releases.total, 29);
    assert.equal(v.upgrade!.deprecationPolicy.status, 'found');
    assert.deepEqual(v.upgrade!.migrationGuide.evidence, ['MIGRATION.md', 'release notes v5.0.0']);
    assert.equal(v.tier.usageTier.id, 'load-bearing-infrastructure');
    assert.equal(v.tier.id, 'production-facing', 'elephant factor 1 blocks load-bearing');
    assert.deepEqual(
      v.checklist.map((c) => c.status),
      ['pass', 'pass', 'pass', 'pass'],
    );
    assert.ok(v.evidence.some((e) => e.rule === 'dependents' && e.detail.startsWith('12,000 dependents')));
    verdictViewSchema.parse(JSON.parse(JSON.stringify(v)));
    assert.ok(
      v.inputs.includes(
        'github:openai/openai-node: 2 issues and pull requests from 2 records, 2 comment records (test-recorded; states as of 2026-11-29)',
      ),
    );
  } finally {
    await store.close();
  }
});

test("the GitHub source's normalised records (github-issue, github-pull, github-release) are read too, deduplicated against imports", async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    const at = t('2026-11-29T00:00:00Z');
    // Shapes of src/sources/github/normalize.ts (IssueRecordData, normalizeRelease) on feat/http-github.
    const issue = (n: number, extra: Record<string, unknown>) => ({
      number: n,
      pullRequest: false,
      title: `issue ${n}`,
      state: 'open',
      stateReason: null,
      createdAt: '2026-10-01T00:00:00Z',
      closedAt: null,
      mergedAt: null,
      author: 'u',
      authorBot: false,
      authorAssociation: 'NONE',
      labels: ['server'],
      comments: 1,
      firstResponseAt: null,
      firstResponseBy: null,
      firstResponseAssociation: null,
      firstMaintainerResponseAt: null,
      firstResponseKnown: true,
      ...extra,
    });
    const records: DocumentRecord[] = [
      {
        subject: gh,
        kind: 'github-issue',
        key: '1',
        observedAt: at,
        data: issue(1, { firstResponseAt: '2026-10-03T00:00:00Z', firstResponseBy: 'm' }),
      },
      {
        subject: gh,
        kind: 'github-issue',
        key: '2',
        observedAt: at,
        data: issue(2, { state: 'closed', closedAt: '2026-10-11T00:00:00Z', firstResponseAt: '2026-10-05T00:00:00Z' }),
      },
      { subject: gh, kind: 'github-issue', key: '3', observedAt: at, data: issue(3, { firstResponseKnown: false }) },
      {
        subject: gh,
        kind: 'github-pull',
        key: '4',
        observedAt: at,
        data: issue(4, { pullRequest: true, author: 'dependabot[bot]', authorBot: true }),
      },
      // The same issue #1 imported earlier from a file: the later GitHub record wins.
      {
        subject: gh,
        kind: RECORD_KINDS.issue,
        key: '1',
        observedAt: t('2026-10-15T00:00:00Z'),
        data: {
          number: 1,
          title: 'issue 1',
          state: 'open',
          created_at: '2026-10-01T00:00:00Z',
          labels: [],
          comments: 0,
        },
      },
      {
        subject: gh,
        kind: 'github-release',
        key: 'v1.0.0',
        observedAt: at,
        data: {
          tag: 'v1.0.0',
          name: 'v1.0.0',
          createdAt: '2026-09-01T00:00:00Z',
          publishedAt: '2026-09-01T00:00:00Z',
          prerelease: false,
          draft: false,
          author: 'm',
          body: '## Breaking changes\n- dropped `legacy`',
          bodyTruncated: false,
        },
      },
    ];
    await store.write({ provenance: { source: 'github', origin: 'https://api.github.com', fetchedAt: at }, records });
    const v = await buildVerdict(store, project, { asOf: t('2026-11-30T00:00:00Z') });
    const h = v.issueHealth!;
    assert.equal(h.issues.count, 3);
    assert.equal(h.pullRequests.count, 0, 'the bot-opened pull request is left out');
    assert.ok(h.notes.includes('1 items opened by bots left out'));
    // Responses after 2 and 4 days on #1 and #2; #3's first response is not known.
    assert.equal(h.issues.firstResponse.basis, 'measured');
    assert.equal(h.issues.firstResponse.reason, 'first response known for 2 of 3');
    assert.deepEqual(h.issues.firstResponse.completedOnly, { n: 2, p50: 3, p90: 3.8 });
    assert.equal(h.servingAndMemory.count, 3);
    assert.deepEqual(v.upgrade!.breaking, [{ tag: 'v1.0.0', date: '2026-09-01', reasons: ['breaking-section'] }]);
    const tri = v.evidence.find((e) => e.signal === 'triage')!;
    assert.equal(tri.rule, 'triage-fast');
  } finally {
    await store.close();
  }
});

test('no GitHub releases: the registry versions (npm-version / pypi-release records) give cadence, jumps and yanks', async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    const at = t('2026-11-30T00:00:00Z');
    // Real publish times of all 408 openai versions (test/fixtures/releases/openai-npm-time.json).
    const time = (
      JSON.parse(readFileSync(join(process.cwd(), 'test', 'fixtures', 'releases', 'openai-npm-time.json'), 'utf8')) as {
        time: Record<string, string>;
      }
    ).time;
    const records: DocumentRecord[] = Object.entries(time)
      .filter(([v]) => v !== 'created' && v !== 'modified')
      .map(([version, publishedAt]) => ({
        subject: npm,
        kind: 'npm-version',
        key: version,
        observedAt: at,
        data: { version, publishedAt, deprecated: null, dependencies: [], peerDependencies: [], publisher: null },
      }));
    const py = subject('pypi', 'openai');
    records.push({
      subject: py,
      kind: 'pypi-release',
      key: '1.2.3',
      observedAt: at,
      data: {
        version: '1.2.3',
        publishedAt: '2024-01-01T00:00:00Z',
        yanked: true,
        yankedReason: 'broken wheel',
        files: 2,
      },
    });
    await store.write({
      provenance: { source: 'registries', origin: 'https://registry.npmjs.org/openai', fetchedAt: at },
      records,
    });
    const v = await buildVerdict(store, { ...project, pypi: ['openai'] }, { asOf: at });
    const u = v.upgrade!;
    // Independent count in Python over the same map: 396 stable of 408, 62 stable in the six months to
    // 2026-11-30, first stable of each new major 1.0.0 … 7.0.0.
    assert.equal(u.releases.total, 409);
    assert.equal(u.cadence.last6Months, 62);
    assert.equal(u.cadence.latest, '7.59.0');
    // Listed in publish order, which npm's rewritten times scramble (5.0.0 reads 2026-04): compare as a set.
    assert.deepEqual(u.breaking.map((b) => b.tag).sort(), [
      '1.0.0',
      '2.0.0',
      '3.0.0',
      '4.0.0',
      '5.0.0',
      '6.0.0',
      '7.0.0',
    ]);
    assert.deepEqual(u.registry, {
      versions: 409,
      deprecated: 0,
      yanked: 1,
      examples: ['pypi 1.2.3: yanked (broken wheel)'],
    });
    assert.ok(u.notes.includes('no GitHub releases stored: releases are the registry versions, without release notes'));
    assert.equal(u.migrationGuide.status, 'unknown');
  } finally {
    await store.close();
  }
});
