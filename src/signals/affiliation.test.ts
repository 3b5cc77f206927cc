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

test('known organisations (docs/contributors.md): every listed domain and alias names its organisation', () => {
  const byDomain: [string, string][] = [
    ['huggingface.co', 'Hugging Face'],
    ['hf.co', 'Hugging Face'],
    ['ollama.com', 'Ollama'],
    ['ollama.ai', 'Ollama'],
    ['intel.com', 'Intel'],
    ['ibm.com', 'IBM'],
    ['redhat.com', 'Red Hat'],
    ['google.com', 'Google'],
    ['microsoft.com', 'Microsoft'],
    ['nvidia.com', 'NVIDIA'],
    ['amd.com', 'AMD'],
    ['apple.com', 'Apple'],
    ['meta.com', 'Meta'],
    ['fb.com', 'Meta'],
    ['amazon.com', 'Amazon'],
    ['amazon.de', 'Amazon'],
    ['alibaba-inc.com', 'Alibaba'],
    ['bytedance.com', 'ByteDance'],
    ['tencent.com', 'Tencent'],
    ['baidu.com', 'Baidu'],
    ['huawei.com', 'Huawei'],
    ['mistral.ai', 'Mistral AI'],
    ['salesforce.com', 'Salesforce'],
    ['servicenow.com', 'ServiceNow'],
    ['snowflake.com', 'Snowflake'],
    ['allenai.org', 'Ai2'],
    ['jetbrains.com', 'JetBrains'],
    ['stability.ai', 'Stability AI'],
    ['anthropic.com', 'Anthropic'],
    ['databricks.com', 'Databricks'],
    ['mosaicml.com', 'Databricks'],
    ['qualcomm.com', 'Qualcomm'],
    ['suse.de', 'SUSE'],
    ['suse.com', 'SUSE'],
    ['sap.com', 'SAP'],
    ['baichuan.com', 'Baichuan'],
    ['baichuan-inc.com', 'Baichuan'],
    ['cohere.com', 'Cohere'],
    ['cohere.ai', 'Cohere'],
  ];
  const r = new AffiliationResolver();
  for (const [domain, name] of byDomain) {
    assert.deepEqual(r.resolve(`dev@${domain}`, T), { kind: 'org', name, via: 'known-domain' }, domain);
    assert.ok(r.isKnownDomain(`eu.${domain}`), domain);
  }
  assert.ok(!r.isKnownDomain('example.com'));
  const byAlias: [string, string][] = [
    ['hugging face', 'Hugging Face'],
    ['huggingface', 'Hugging Face'],
    ['hf', 'Hugging Face'],
    ['ollama', 'Ollama'],
    ['intel corporation', 'Intel'],
    ['intel labs', 'Intel'],
    ['ibm research', 'IBM'],
    ['red hat', 'Red Hat'],
    ['redhat', 'Red Hat'],
    ['google deepmind', 'Google'],
    ['deepmind', 'Google'],
    ['microsoft', 'Microsoft'],
    ['nvidia', 'NVIDIA'],
    ['advanced micro devices', 'AMD'],
    ['apple', 'Apple'],
    ['facebook', 'Meta'],
    ['meta ai', 'Meta'],
    ['fair', 'Meta'],
    ['aws', 'Amazon'],
    ['amazon web services', 'Amazon'],
    ['alibaba group', 'Alibaba'],
    ['qwen', 'Alibaba'],
    ['bytedance', 'ByteDance'],
    ['tencent', 'Tencent'],
    ['baidu', 'Baidu'],
    ['huawei', 'Huawei'],
    ['mistral', 'Mistral AI'],
    ['mistralai', 'Mistral AI'],
    ['salesforce', 'Salesforce'],
    ['servicenow', 'ServiceNow'],
    ['snowflake', 'Snowflake'],
    ['allen institute for ai', 'Ai2'],
    ['allenai', 'Ai2'],
    ['jetbrains', 'JetBrains'],
    ['stabilityai', 'Stability AI'],
    ['anthropic', 'Anthropic'],
    ['mosaicml', 'Databricks'],
    ['qualcomm', 'Qualcomm'],
    ['suse', 'SUSE'],
    ['sap', 'SAP'],
    ['baichuan inc', 'Baichuan'],
    ['cohere for ai', 'Cohere'],
  ];
  const companies = Object.fromEntries(byAlias.map(([alias], i) => [`u${i}`, alias.toUpperCase()]));
  const c = new AffiliationResolver({ companies });
  byAlias.forEach(([alias, name], i) => {
    assert.deepEqual(c.resolve(`${i}+u${i}@users.noreply.github.com`, T), { kind: 'org', name, via: 'company' }, alias);
  });
});

test('GitHub company (docs/contributors.md): "@org", suffixes such as Inc. and case do not split an organisation', () => {
  const company = (v: string): unknown =>
    new AffiliationResolver({ companies: { bob: v } }).resolve('1+bob@users.noreply.github.com', T);
  const intel = { kind: 'org', name: 'Intel', via: 'company' };
  for (const v of [
    'INTEL',
    '@@intel',
    'Intel Inc',
    'Intel, Inc.',
    'Intel  Inc',
    'Intel , Inc',
    'Intel Corporation',
    ' intel ',
  ])
    assert.deepEqual(company(v), intel, v);
  assert.deepEqual(company('SAP SA'), { kind: 'org', name: 'SAP', via: 'company' });
  // A suffix only at the end; anything else is kept as written.
  assert.deepEqual(company('Intel Inc Labs'), { kind: 'org', name: 'Intel Inc Labs', via: 'company' });
  assert.deepEqual(company(' @@Acme '), { kind: 'org', name: 'Acme', via: 'company' });
  assert.deepEqual(company('Acme@Home'), { kind: 'org', name: 'Acme@Home', via: 'company' });
  // Nothing left after "@": no organisation, the address decides.
  assert.deepEqual(company('@'), { kind: 'unattributed', reason: 'noreply' });
});

test('GitHub company: an address entry that is blank does not hide the login entry; a linked login in any case', () => {
  const r = new AffiliationResolver({
    companies: { '5+bob@users.noreply.github.com': '  ', bob: 'Intel', carol: 'AMD' },
  });
  assert.deepEqual(r.resolve('5+bob@users.noreply.github.com', T), { kind: 'org', name: 'Intel', via: 'company' });
  assert.deepEqual(r.resolve('carol@gmail.com', T, 'Carol'), { kind: 'org', name: 'AMD', via: 'company' });
  assert.deepEqual(r.resolve('carol@gmail.com', T), { kind: 'unattributed', reason: 'freemail' });
});

test('a custom organisation table: its name is an alias and its catalog region is found', () => {
  const r = new AffiliationResolver({ companies: { bob: 'ACME LABS' } }, [
    { name: 'Acme Labs', domains: ['acme.example'], aliases: [], hfOrg: 'google' },
  ]);
  assert.equal(r.region('Acme Labs'), 'us');
  assert.deepEqual(r.resolve('1+bob@users.noreply.github.com', T), { kind: 'org', name: 'Acme Labs', via: 'company' });
});

test('e-mail domains: the address is trimmed and folded; no "@" or no dot names no one', () => {
  const r = new AffiliationResolver();
  const cases: [string, unknown][] = [
    [' Dev@Intel.com ', { kind: 'org', name: 'Intel', via: 'known-domain' }],
    ['intel.com', { kind: 'unattributed', reason: 'unknown' }],
    ['@intel.com', { kind: 'org', name: 'Intel', via: 'known-domain' }],
    ['x@corp', { kind: 'unattributed', reason: 'unknown' }],
    ['me@home.example.org', { kind: 'domain', domain: 'example.org', academic: false }],
    ['x@alumni.gmail.com', { kind: 'unattributed', reason: 'freemail' }],
    ['a@foo.education', { kind: 'domain', domain: 'foo.education', academic: false }],
    ['a@cse.unsw.edu.au', { kind: 'domain', domain: 'unsw.edu.au', academic: true }],
  ];
  for (const [email, want] of cases) assert.deepEqual(r.resolve(email, T), want, email);
});

test('affiliation file: rules apply to the trimmed, folded address and to the exact domain before its registrable part', () => {
  const r = new AffiliationResolver({
    rules: [
      { key: 'alice@gmail.com', organization: 'Initech' },
      { key: 'eu.corp.example', organization: 'Corp EU' },
      { key: 'corp.example', organization: 'Corp' },
    ],
  });
  assert.deepEqual(r.resolve(' Alice@Gmail.com ', T), { kind: 'org', name: 'Initech', via: 'file' });
  assert.deepEqual(r.resolve('bob@eu.corp.example', T), { kind: 'org', name: 'Corp EU', via: 'file' });
  assert.deepEqual(r.resolve('@corp.example', T), { kind: 'org', name: 'Corp', via: 'file' });
  // Without "@" the text is an address, never a domain.
  assert.deepEqual(r.resolve('x.corp.example', T), { kind: 'unattributed', reason: 'unknown' });
  assert.equal(r.timeIndependent, false);
  assert.equal(new AffiliationResolver().timeIndependent, true);
});

test('affiliation file: successive employers in any order, each up to its end date', () => {
  const { rules } = parseAffiliationFile(
    ['x@gmail.com Current', 'x@gmail.com Second < 2023-01-01', 'x@gmail.com First < 2022-01-01'].join('\n'),
  );
  const r = new AffiliationResolver({ rules });
  const at = (d: string): unknown => r.resolve('x@gmail.com', Date.parse(`${d}T00:00:00Z`));
  assert.deepEqual(
    ['2021-06-01', '2022-06-01', '2024-06-01'].map((d) => (at(d) as { name: string }).name),
    ['First', 'Second', 'Current'],
  );
});

test('affiliation file: spacing around "<" is free, indented lines are read, problems quote the line', () => {
  const { rules, problems } = parseAffiliationFile(
    [
      '  a@x.example   Big Org   ',
      'b@x.example Org<2024-06-01',
      'c@x.example Org <2024-06-01  # moved',
      '   broken  ',
    ].join('\n'),
  );
  assert.deepEqual(rules, [
    { key: 'a@x.example', organization: 'Big Org' },
    { key: 'b@x.example', organization: 'Org', until: Date.parse('2024-06-01T00:00:00Z') },
    { key: 'c@x.example', organization: 'Org', until: Date.parse('2024-06-01T00:00:00Z') },
  ]);
  assert.deepEqual(problems, ['line 4: expected "address-or-domain Organisation [< YYYY-MM-DD]", got "broken"']);
  assert.deepEqual(parseAffiliationFile('x@y.z Org < 2024-13-45').problems, ['line 1: "2024-13-45" is not a date']);
});

test('noreply logins: the part after "+", never empty; registrable domains under a country code', () => {
  assert.equal(noreplyLogin('+abc@users.noreply.github.com'), 'abc');
  assert.equal(noreplyLogin('123+@users.noreply.github.com'), undefined);
  assert.equal(noreplyLogin('users.noreply.github.com'), undefined);
  assert.equal(registrableDomain('mail.example.de'), 'example.de');
  assert.equal(registrableDomain('mail.example.org.com'), 'org.com');
});
