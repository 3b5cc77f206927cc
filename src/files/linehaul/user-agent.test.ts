// Every real user agent in linehaul's own fixtures must parse to linehaul's expected result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { sharedFile } from '../../../test/helpers/tmp.js';
import { classifyDownload } from '../../domain/downloads.js';
import { parseUserAgent } from './user-agent.js';

const { path: DIR, skip } = sharedFile('pypi-linehaul/tests/unit/ua/fixtures');

/** YAML reads `14.4` as a number where linehaul's structuring makes it the string "14.4". */
function stringLeaves(v: unknown): unknown {
  if (typeof v === 'number') return String(v);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, stringLeaves(x)]));
}

interface Case {
  readonly file: string;
  readonly ua: string;
  readonly result: unknown;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.yml'))
    .sort()) {
    for (const c of parse(readFileSync(join(DIR, file), 'utf8')) as { ua: string; result: unknown }[])
      out.push({ file, ua: c.ua, result: c.result });
  }
  return out;
}

test('parses every linehaul UA fixture exactly as linehaul does', { skip }, () => {
  const all = cases();
  assert.equal(all.length, 33, 'the shared fixtures hold 33 user agents');
  for (const c of all) {
    const got = parseUserAgent(c.ua);
    if (c.result === null) {
      assert.equal(got.status, 'ignored', `${c.file}: ${c.ua}`);
      continue;
    }
    assert.equal(got.status, 'parsed', `${c.file}: ${c.ua}`);
    if (got.status === 'parsed') assert.deepEqual(got.details, stringLeaves(c.result), `${c.file}: ${c.ua}`);
  }
});

test(
  'classifies every fixture: mirrors by installer, CI only from the ci flag, the ignored UA as a bot',
  { skip },
  () => {
    const byCategory: Record<string, string[]> = {};
    for (const c of cases()) {
      const p = parseUserAgent(c.ua);
      const installer = p.status === 'parsed' ? (p.details.installer?.name ?? null) : null;
      const ci = p.status === 'parsed' ? (p.details.ci ?? null) : null;
      const cat = classifyDownload({ installer, ci, agent: p.status });
      (byCategory[cat] ??= []).push(installer ?? c.ua);
    }
    assert.deepEqual(byCategory.mirror?.sort(), [
      'Artifactory',
      'Nexus',
      'bandersnatch',
      'devpi',
      'pep381client',
      'pep381client',
      'z3c.pypimirror',
    ]);
    assert.deepEqual(byCategory.ci, ['uv', 'uv']);
    assert.deepEqual(byCategory.bot, ['(null)']);
    assert.equal(byCategory.human?.length, 33 - 7 - 2 - 1);
  },
);

test('unknown and malformed user agents', () => {
  assert.deepEqual(parseUserAgent('This is a User Agent! However we have no idea what kind it is.'), {
    status: 'unknown',
  });
  assert.deepEqual(parseUserAgent('Go-http-client/1.1'), { status: 'ignored' });
  assert.deepEqual(
    parseUserAgent('pip/5.0 {"installer":{"name":"pip"}}'),
    { status: 'unknown' },
    'pip < 6 never sent JSON',
  );
  assert.deepEqual(parseUserAgent('pip/20.0 {not json'), { status: 'unknown' });
  assert.deepEqual(
    parseUserAgent('uv/0.1.21 {"installer":{"name":"uv"}}'),
    { status: 'unknown' },
    'uv < 0.1.22 sent no JSON',
  );
  const hatch = parseUserAgent('Hatch/1.9.0 {"installer":{"name":"hatch","version":"1.9.0"},"ci":true} HTTPX/0.27.0');
  assert.deepEqual(hatch, { status: 'parsed', details: { installer: { name: 'hatch', version: '1.9.0' }, ci: true } });
});
