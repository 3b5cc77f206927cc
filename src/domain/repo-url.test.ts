import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGithubRepo } from './repo-url.js';

test('GitHub repository URLs in the forms registries write them', () => {
  const table: [string, string | undefined][] = [
    ['git+https://github.com/ollama/ollama-js.git', 'ollama/ollama-js'],
    ['https://github.com/vllm-project/vllm', 'vllm-project/vllm'],
    ['https://github.com/huggingface/transformers.js/tree/main/packages/x', 'huggingface/transformers.js'],
    ['git@github.com:openai/openai-node.git', 'openai/openai-node'],
    ['github:Org/Repo', 'org/repo'],
    ['Org/Repo', 'org/repo'],
    ['https://gitlab.com/a/b', undefined],
    ['', undefined],
  ];
  for (const [raw, want] of table) assert.equal(parseGithubRepo(raw), want, raw);
});
