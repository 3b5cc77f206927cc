import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { buildVerdict } from './verdict.js';
import { RECORD_KINDS } from './import-issues.js';
import { subject } from '../domain/subject.js';
import type { Project } from '../domain/project.js';
import type { DocumentRecord, Observation } from '../domain/observation.js';
import { tempDir } from '../../test/helpers/tmp.js';
import { checkSchema } from '../../test/helpers/mini-schema.js';

const gh = subject('github', 'openai/openai-node');
const npm = subject('npm', 'openai');
const project: Project = { id: 'openai-node', name: 'openai-node', category: 'tooling', github: 'openai/openai-node', npm: ['openai'] };
const t = (s: string) => new Date(s);

test('records as the GitHub source stores them (issue, issue-comment, release, repo-doc) drive the verdict', async () => {
  const store = await DuckDbStore.open(join(tempDir(), 'k.duckdb'));
  try {
    const releases = JSON.parse(readFileSync(join(process.cwd(), 'test', 'fixtures', 'releases', 'openai-node.json'), 'utf8')) as { tag_name: string }[];
    const fetched = t('2026-11-29T00:00:00Z');
    const records: DocumentRecord[] = [
      ...releases.map((r) => ({ subject: gh, kind: RECORD_KINDS.release, key: r.tag_name, observedAt: fetched, data: r })),
      { subject: gh, kind: RECORD_KINDS.repoDoc, key: 'MIGRATION.md', observedAt: fetched, data: { path: 'MIGRATION.md' } },
      { subject: gh, kind: RECORD_KINDS.repoDoc, key: 'README.md', observedAt: fetched, data: { path: 'README.md', text: '# openai\n## Semantic versioning\nThis package follows SemVer.' } },
      // Issue 10 was first seen open, then closed: the later record wins.
      { subject: gh, kind: RECORD_KINDS.issue, key: '10', observedAt: t('2026-11-01T00:00:00Z'), data: { number: 10, title: 'streaming responses hang', state: 'open', created_at: '2026-10-01T00:00:00Z', user: { login: 'u1', type: 'User' }, labels: [], comments: 1 } },
      { subject: gh, kind: RECORD_KINDS.issue, key: '10', observedAt: fetched, data: { number: 10, title: 'streaming responses hang', state: 'closed', created_at: '2026-10-01T00:00:00Z', closed_at: '2026-10-05T00:00:00Z', user: { login: 'u1', type: 'User' }, labels: [], comments: 2 } },
      { subject: gh, kind: RECORD_KINDS.issue, key: '11', observedAt: fetched, data: { number: 11, title: 'memory leak in realtime client', state: 'open', created_at: '2026-11-20T00:00:00Z', user: { login: 'u2', type: 'User' }, labels: [{ name: 'bug' }], comments: 0 } },
      { subject: gh, kind: RECORD_KINDS.issueComment, key: '501', observedAt: fetched, data: { issue_url: 'https://api.github.com/repos/openai/openai-node/issues/10', user: { login: 'u1', type: 'User' }, created_at: '2026-10-01T01:00:00Z' } },
      { subject: gh, kind: RECORD_KINDS.issueComment, key: '502', observedAt: fetched, data: { issue_url: 'https://api.github.com/repos/openai/openai-node/issues/10', user: { login: 'maint', type: 'User' }, created_at: '2026-10-02T12:00:00Z', author_association: 'MEMBER' } },
    ];
    const month = (end: string, value: number): Observation => ({ subject: npm, metric: 'downloads', value, windowStart: new Date(t(end).getTime() - 30 * 86_400_000), windowEnd: t(end), observedAt: t(end) });
    const observations: Observation[] = [
      ...['2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01'].map((e, i) => month(e, 30_000_000 + i * 1_000_000)),
      { subject: npm, metric: 'dependents', value: 9_000, windowStart: t('2026-05-01'), windowEnd: t('2026-05-01'), observedAt: t('2026-05-01') },
      { subject: npm, metric: 'dependents', value: 12_000, windowStart: t('2026-11-01'), windowEnd: t('2026-11-01'), observedAt: t('2026-11-01') },
    ];
    await store.write({ provenance: { source: 'test-recorded', origin: 'src/pipeline/verdict.test.ts', fetchedAt: fetched }, records, observations });

    const v = await buildVerdict(store, project, { asOf: t('2026-11-30T00:00:00Z'), contributors: { organizations: 3, elephantFactor: 1, busFactor: 4, topOrganizationShare: 0.8 } });
    assert.equal(v.issueHealth!.issues.count, 2);
    assert.equal(v.issueHealth!.issues.closed, 1, 'the later record of #10 (closed) wins');
    assert.equal(v.issueHealth!.issues.firstResponse.basis, 'measured');
    // #10: the author's own comment is skipped; the maintainer answered after 1.5 days.
    assert.deepEqual(v.issueHealth!.servingAndMemory.firstResponse.completedOnly, { n: 1, p50: 1.5, p90: 1.5 });
    assert.equal(v.upgrade!.releases.total, 29);
    assert.equal(v.upgrade!.deprecationPolicy.status, 'found');
    assert.deepEqual(v.upgrade!.migrationGuide.evidence, ['MIGRATION.md', 'release notes v5.0.0']);
    assert.equal(v.tier.usageTier, 'load-bearing-infrastructure');
    assert.equal(v.tier.tier, 'production-facing', 'elephant factor 1 blocks load-bearing');
    assert.deepEqual(v.checklist.map((c) => c.status), ['pass', 'pass', 'pass', 'pass']);
    assert.ok(v.tier.evidence.some((e) => e.rule === 'dependents' && e.detail.startsWith('12,000 dependents')));
    const schema = JSON.parse(readFileSync(join(process.cwd(), 'docs', 'schemas', 'verdict.schema.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(checkSchema(JSON.parse(JSON.stringify(v)), schema), []);
    assert.ok(v.inputs.includes('github:openai/openai-node: 2 issue records, 2 comment records (test-recorded; states as of 2026-11-29)'));
  } finally {
    await store.close();
  }
});
