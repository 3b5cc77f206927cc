import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, redactSecrets } from '../domain/errors.js';
import { resolveUpstreams, upstreamAuth } from './upstreams.js';

test('base URLs default to the public APIs and follow GITHUB_API_URL / HF_ENDPOINT like the upstream tools', () => {
  const d = resolveUpstreams({});
  assert.deepEqual(d.github, {
    apiUrl: 'https://api.github.com',
    graphqlUrl: 'https://api.github.com/graphql',
    token: undefined,
  });
  assert.equal(d.hf.endpoint, 'https://huggingface.co');
  const ghes = resolveUpstreams({
    GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
    HF_ENDPOINT: 'https://hf-mirror.com',
  });
  assert.equal(ghes.github.apiUrl, 'https://ghe.example.com/api/v3');
  assert.equal(
    ghes.github.graphqlUrl,
    'https://ghe.example.com/api/graphql',
    'Enterprise Server serves GraphQL beside /api/v3',
  );
  assert.equal(ghes.hf.endpoint, 'https://hf-mirror.com');
  assert.equal(
    resolveUpstreams({ GITHUB_API_URL: 'http://127.0.0.1:9', GITHUB_GRAPHQL_URL: 'http://127.0.0.1:9/gql' }).github
      .graphqlUrl,
    'http://127.0.0.1:9/gql',
  );
  assert.throws(
    () => resolveUpstreams({ GITHUB_API_URL: 'not a url' }),
    (e: unknown) => e instanceof ConfigError && /GITHUB_API_URL=not a url is not a URL/.test(e.message),
  );
  assert.throws(() => resolveUpstreams({ HF_ENDPOINT: 'ftp://x' }), ConfigError);
});

test('tokens: environment first, then kept.yaml; registered as secrets; each sent only under its own base URL', () => {
  const gh = 'ghp_UpstreamsTestTokenUpstreamsTest0001';
  const hf = 'hf_UpstreamsTestTokenUpstreamsTest0002';
  const u = resolveUpstreams({ GH_TOKEN: gh }, { github: 'ghp_fromConfigfromConfigfromConfig00', hf });
  assert.equal(u.github.token, gh);
  assert.equal(u.hf.token, hf);
  assert.equal(redactSecrets(`x ${gh} y ${hf}`), 'x [REDACTED] y [REDACTED]');
  assert.deepEqual(
    upstreamAuth(u).map((a) => [a.prefix, a.value.startsWith('Bearer ')]),
    [
      ['https://api.github.com', true],
      ['https://huggingface.co', true],
    ],
  );
  assert.deepEqual(upstreamAuth(resolveUpstreams({})), []);
});
