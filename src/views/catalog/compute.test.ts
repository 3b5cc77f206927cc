// The catalog view's rules: each project with its fields as configured (an artifact list only when
// the project has one) and its artifacts as subjects in the catalog order; as of the date asked
// for, else today.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Project } from '../../domain/project.js';
import { computeCatalogView } from './compute.js';

const full: Project = {
  id: 'vllm',
  name: 'vLLM',
  category: 'serving',
  description: 'serving engine',
  github: 'vllm-project/vllm',
  pypi: ['vllm'],
  npm: ['vllm-js'],
  docker: ['vllm/vllm-openai'],
  ghcr: ['vllm-project/vllm'],
  hfOrgs: ['vllm'],
  hfModels: ['vllm/model'],
  ollama: ['vllm'],
  clients: ['npm:vllm-js'],
};
const bare: Project = { id: 'x', name: 'X', category: 'tooling' };

test('catalog: every configured field is listed; absent ones are absent, not empty', () => {
  const v = computeCatalogView(
    { projects: [full, bare] },
    { projects: [], version: '7', configPath: null, today: new Date('2026-12-07T10:00:00Z') },
  );
  assert.equal(v.schema, 'kept.catalog/v2');
  assert.equal(v.asOf, '2026-12-07');
  assert.equal(v.version, '7');
  assert.equal(v.config, null);
  assert.deepEqual(v.projects, [
    {
      id: 'vllm',
      name: 'vLLM',
      category: 'serving',
      description: 'serving engine',
      github: 'vllm-project/vllm',
      pypi: ['vllm'],
      npm: ['vllm-js'],
      docker: ['vllm/vllm-openai'],
      ghcr: ['vllm-project/vllm'],
      hfOrgs: ['vllm'],
      hfModels: ['vllm/model'],
      ollama: ['vllm'],
      clients: ['npm:vllm-js'],
      artifacts: [
        'github:vllm-project/vllm',
        'pypi:vllm',
        'npm:vllm-js',
        'docker:vllm/vllm-openai',
        'ghcr:vllm-project/vllm',
        'hf-org:vllm',
        'hf:vllm/model',
        'ollama:vllm',
      ],
    },
    { id: 'x', name: 'X', category: 'tooling', artifacts: [] },
  ]);
  assert.ok(!('description' in v.projects[1]!));
});

test('catalog: as of the date asked for, else today; the config path is named', () => {
  const v = computeCatalogView(
    { projects: [] },
    {
      projects: [],
      version: '7',
      configPath: 'kept.yaml',
      asOf: new Date('2026-01-31T00:00:00Z'),
      today: new Date('2026-12-07T00:00:00Z'),
    },
  );
  assert.equal(v.asOf, '2026-01-31');
  assert.equal(v.config, 'kept.yaml');
  assert.deepEqual(v.projects, []);
});
