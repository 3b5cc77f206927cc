// The link view's rules (docs/registries.md, `kept link`): the project's repository is its own,
// else the one most of its artifacts' data points at (ties by name); artifacts linked to that
// repository that the project does not list are proposals, once per source; links elsewhere are
// conflicts, kept as they are; the kept.yaml lines add the proposals to what the project lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Project } from '../../domain/project.js';
import { subject, type Subject } from '../../domain/subject.js';
import type { StoredRelation } from '../../store/store.js';
import { computeLinkView } from './compute.js';

const at = new Date('2026-11-01T00:00:00Z');
const rel = (from: Subject, repo: string, source = 'pypi-json'): StoredRelation => ({
  from,
  relation: 'source-repo',
  to: subject('github', repo),
  observedAt: at,
  source,
  origin: `https://${source}/${from.id}`,
  fetchedAt: at,
  batchId: 1,
});
const today = new Date('2026-12-07T00:00:00Z');

test('link: no repository of its own → the most named one (ties by name); proposals and conflicts', () => {
  const project: Project = { id: 'sg', name: 'SGLang', category: 'serving', pypi: ['SGLang'] };
  const outgoing = [
    rel(subject('pypi', 'sglang'), 'sgl-project/sglang'),
    rel(subject('pypi', 'sglang'), 'sgl-project/sglang', 'deps-dev'),
    rel(subject('pypi', 'sglang'), 'other/fork'),
  ];
  const incoming = new Map([
    [
      'sgl-project/sglang',
      [
        rel(subject('pypi', 'sglang-router'), 'sgl-project/sglang'),
        rel(subject('pypi', 'sglang-router'), 'sgl-project/sglang'), // the same source twice: one piece of evidence
        rel(subject('npm', 'sglang-js'), 'sgl-project/sglang', 'npm'),
        rel(subject('hf', 'sgl/model'), 'sgl-project/sglang', 'hf'), // not a kind kept.yaml lists
        rel(subject('pypi', 'sglang'), 'sgl-project/sglang'), // already listed
      ],
    ],
  ]);
  const v = computeLinkView({ outgoing, incoming }, { project, today });
  assert.equal(v.schema, 'kept.link/v2');
  assert.equal(v.asOf, '2026-12-07');
  assert.equal(v.project, 'sg');
  assert.equal(v.repository, 'sgl-project/sglang');
  assert.deepEqual(
    v.proposals.map((p) => [p.subject, p.kind, p.id, p.evidence.map((e) => e.source)]),
    [
      ['github:sgl-project/sglang', 'github', 'sgl-project/sglang', ['pypi-json', 'deps-dev']],
      ['npm:sglang-js', 'npm', 'sglang-js', ['npm']],
      ['pypi:sglang-router', 'pypi', 'sglang-router', ['pypi-json']],
    ],
  );
  assert.deepEqual(v.proposals[2]!.evidence[0], {
    from: 'pypi:sglang-router',
    to: 'github:sgl-project/sglang',
    source: 'pypi-json',
    origin: 'https://pypi-json/sglang-router',
  });
  assert.deepEqual(v.conflicts, [
    { from: 'pypi:sglang', to: 'github:other/fork', source: 'pypi-json', origin: 'https://pypi-json/sglang' },
  ]);
  assert.equal(
    v.yaml,
    [
      'projects:',
      '  - id: sg',
      '    github: sgl-project/sglang',
      '    pypi: [sglang, sglang-router]',
      '    npm: [sglang-js]',
    ].join('\n'),
  );
  assert.equal(
    v.yamlInline,
    'projects: [{id: sg, github: sgl-project/sglang, pypi: [sglang, sglang-router], npm: [sglang-js]}]',
  );
  assert.equal(
    v.summary,
    "Repository: sgl-project/sglang. 3 artifacts the data links to the project are not in it yet. 1 link from the project's artifacts points at another repository (kept as they are).",
  );
});

test('link: a tie between repositories goes to the first by name', () => {
  const project: Project = { id: 'x', name: 'X', category: 'tooling', pypi: ['x'] };
  const v = computeLinkView(
    { outgoing: [rel(subject('pypi', 'x'), 'zed/x'), rel(subject('pypi', 'x'), 'alpha/x')], incoming: new Map() },
    { project, today },
  );
  assert.equal(v.repository, 'alpha/x');
  assert.equal(v.conflicts.length, 1);
});

test('link: its own repository (lower-cased); one proposal; quoted YAML when a plain scalar is unsafe', () => {
  const project: Project = { id: 'my proj', name: 'P', category: 'tooling', github: 'Org/Repo', docker: ['org/img'] };
  const incoming = new Map([['org/repo', [rel(subject('npm', '@org/pkg'), 'org/repo', 'npm')]]]);
  const v = computeLinkView(
    {
      outgoing: [
        rel(subject('docker', 'org/img'), 'org/repo'),
        rel(subject('docker', 'org/img'), 'a/b'),
        rel(subject('docker', 'org/img'), 'c/d'),
      ],
      incoming,
    },
    { project, today, asOf: new Date('2026-10-01T00:00:00Z') },
  );
  assert.equal(v.asOf, '2026-10-01');
  assert.equal(v.repository, 'org/repo');
  assert.deepEqual(
    v.proposals.map((p) => p.subject),
    ['npm:@org/pkg'],
  );
  assert.equal(v.yaml, 'projects:\n  - id: "my proj"\n    npm: ["@org/pkg"]');
  assert.equal(
    v.summary,
    "Repository: org/repo. 1 artifact the data links to the project is not in it yet. 2 links from the project's artifacts point at another repository (kept as they are).",
  );
});

test('link: nothing found; no repository at all', () => {
  const project: Project = { id: 'x', name: 'X', category: 'tooling' };
  const v = computeLinkView({ outgoing: [], incoming: new Map() }, { project, today });
  assert.equal(v.repository, null);
  assert.deepEqual([v.proposals, v.conflicts, v.yaml, v.yamlInline], [[], [], '', '']);
  assert.equal(
    v.summary,
    'Repository: unknown (neither the project nor the data of its artifacts names one). No new artifacts found in the collected data.',
  );
  const own = computeLinkView({ outgoing: [], incoming: new Map() }, { project: { ...project, github: 'a/b' }, today });
  assert.equal(own.summary, 'Repository: a/b. No new artifacts found in the collected data.');
});
