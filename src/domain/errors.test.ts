// URL redaction: credential query parameters go, data parameters stay (the Hub's `author=` was
// once redacted, which hid the provenance of every organisation listing and gave all of them one
// HTTP cache key).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretParam, redactUrl } from './errors.js';

test('isSecretParam: whole words of the name, in any of the usual spellings', () => {
  const cases: [string, boolean][] = [
    ['token', true],
    ['access_token', true],
    ['accessToken', true],
    ['api_key', true],
    ['apiKey', true],
    ['apikey', true],
    ['client_secret', true],
    ['password', true],
    ['x-auth', true],
    ['authToken', true],
    ['X-Amz-Signature', true],
    ['sig', true],
    ['author', false],
    ['authors', false],
    ['keyword', false],
    ['monkey', false],
    ['sort', false],
    ['expand', false],
    ['filter', false],
    ['cursor', false],
  ];
  for (const [name, secret] of cases) assert.equal(isSecretParam(name), secret, name);
});

test('redactUrl keeps data parameters and hides credentials', () => {
  assert.equal(
    redactUrl('https://huggingface.co/api/models?author=hexgrad&sort=downloads&limit=500'),
    'https://huggingface.co/api/models?author=hexgrad&sort=downloads&limit=500',
  );
  assert.equal(redactUrl('https://x.test/a?access_token=abc&q=1'), 'https://x.test/a?access_token=%5BREDACTED%5D&q=1');
  assert.equal(redactUrl('https://user:pw@x.test/a'), 'https://***:***@x.test/a');
});
