import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AffiliationResolver, noreplyLogin, parseAffiliationFile, registrableDomain } from './affiliation.js';

const T = Date.parse('2025-01-01T00:00:00Z');

test('e-mail domains: free-mail and noreply are unattributed, companies map to their organisation', () => {
  const r = new AffiliationResolver();
  const cases: [string, unknown][] = [
    ['dev@gmail.com', { kind: 'unattributed', reason: 'freemail' }],
    ['x@pm.me', { kind: 'unattributed', reason: 'freemail' }],
    ['x@protonmail.com', { kind: 'unattributed', reason: 'freemail' }],
    ['x@qq.com', { kind: 'unattributed', reason: 'freemail' }],
    ['x@163.com', { kind: 'unattributed', reason: 'freemail' }],
    ['x@outlook.com', { kind: 'unattributed', reason: 'freemail' }],
    ['123+someone@users.noreply.github.com', { kind: 'unattributed', reason: 'noreply' }],
    ['root@localhost', { kind: 'unattributed', reason: 'unknown' }],
    ['me@laptop.local', { kind: 'unattributed', reason: 'unknown' }],
    ['', { kind: 'unattributed', reason: 'unknown' }],
    ['Dev@HuggingFace.co', { kind: 'org', name: 'Hugging Face', via: 'known-domain' }],
    ['a@us.ibm.com', { kind: 'org', name: 'IBM', via: 'known-domain' }],
    ['a@danieldk.eu', { kind: 'domain', domain: 'danieldk.eu', academic: false }],
    ['a@cc.gatech.edu', { kind: 'domain', domain: 'gatech.edu', academic: true }],
    ['a@cs.ox.ac.uk', { kind: 'domain', domain: 'ox.ac.uk', academic: true }],
  ];
  for (const [email, want] of cases) assert.deepEqual(r.resolve(email, T), want, email);
});

test('the GitHub company of a noreply login (or an address) names the organisation', () => {
  const r = new AffiliationResolver({
    companies: { someone: '@huggingface', 'x@gmail.com': 'Acme Widgets, Inc.', blank: '  ' },
  });
  assert.deepEqual(r.resolve('123+Someone@users.noreply.github.com', T), {
    kind: 'org',
    name: 'Hugging Face',
    via: 'company',
  });
  assert.deepEqual(r.resolve('x@gmail.com', T), { kind: 'org', name: 'Acme Widgets, Inc.', via: 'company' });
  assert.deepEqual(r.resolve('blank@users.noreply.github.com', T), { kind: 'unattributed', reason: 'noreply' });
  assert.equal(r.region('Hugging Face'), 'us');
  assert.equal(r.region('Tencent'), 'china');
  assert.equal(r.region('Nobody Corp'), undefined);
});

test('affiliation file: address beats domain, dated rules hand over at their end date', () => {
  const { rules, problems } = parseAffiliationFile(
    [
      '# gitdm-style',
      'alice@gmail.com  Initech < 2024-06-01',
      'alice@gmail.com  Globex',
      'corp.example     Corp Inc',
      'broken',
      'x@y.z Org < 2024-13-45',
    ].join('\n'),
  );
  assert.equal(rules.length, 3);
  assert.equal(problems.length, 2);
  assert.match(problems[0] ?? '', /^line 5: /);
  const r = new AffiliationResolver({ rules });
  assert.deepEqual(r.resolve('alice@gmail.com', Date.parse('2024-05-31T23:00:00Z')), {
    kind: 'org',
    name: 'Initech',
    via: 'file',
  });
  assert.deepEqual(r.resolve('alice@gmail.com', Date.parse('2024-06-01T00:00:00Z')), {
    kind: 'org',
    name: 'Globex',
    via: 'file',
  });
  assert.deepEqual(r.resolve('bob@eu.corp.example', T), { kind: 'org', name: 'Corp Inc', via: 'file' });
  assert.deepEqual(r.resolve('bob@gmail.com', T), { kind: 'unattributed', reason: 'freemail' });
});

test('noreply logins and registrable domains', () => {
  assert.equal(noreplyLogin('49699333+dependabot[bot]@users.noreply.github.com'), 'dependabot[bot]');
  assert.equal(noreplyLogin('Someone@users.noreply.github.com'), 'someone');
  assert.equal(noreplyLogin('someone@github.com'), undefined);
  assert.equal(registrableDomain('a.b.example.co.uk'), 'example.co.uk');
  assert.equal(registrableDomain('us.ibm.com'), 'ibm.com');
  assert.equal(registrableDomain('huggingface.co'), 'huggingface.co');
});
