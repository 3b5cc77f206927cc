// Issue 9, bad input: every parser of outside data, fed arbitrary and near-valid input, either
// returns a value or throws a KeptError (one clear line) — never another exception, never hangs.
// Seeds are fixed so a failure replays; KEPT_FUZZ_RUNS raises the number of cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanly } from './helpers/cleanly.js';
import fc from 'fast-check';
import { KeptError } from '../src/domain/errors.js';
import { parseSubject, SUBJECT_KINDS } from '../src/domain/subject.js';
import { parseConfigText } from '../src/config/load.js';
import { detectPypiTopFormat, parsePypiTopJson, parsePypiTopTwoColumnCsv } from '../src/files/pypi-top.js';

const RUNS = Number(process.env.KEPT_FUZZ_RUNS ?? 300);

test('parseSubject answers a subject or an error for any text', () => {
  const kinds = fc.constantFrom(...SUBJECT_KINDS, 'pipy', '', 'HF');
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.tuple(kinds, fc.string()).map(([k, id]) => `${k}:${id}`),
      ),
      (text) => {
        const r = parseSubject(text);
        if ('error' in r) assert.equal(typeof r.error, 'string');
        else assert.ok(r.id.length > 0 && ![...r.id].some((c) => c.charCodeAt(0) < 0x20));
      },
    ),
    { numRuns: RUNS, seed: 1 },
  );
});

test('kept.yaml: any text gives a config or a ConfigError naming the file', () => {
  const yamlish = fc.oneof(
    fc.string(),
    fc.constantFrom(
      'projects:\n  - id: x\n',
      'projects: 3\n',
      'tokens:\n  github: [1]\n',
      'projects:\n  - {id: "bad id!"}\n',
      ': :\n-\n',
      '&a [*a]',
      'organizations:\n  x: mars\n',
    ),
    fc
      .array(
        fc.constantFrom(
          'projects:',
          '  - id: a',
          '    pypi: [x]',
          '    category: nope',
          'store: 1',
          '\t',
          '"',
          'key: "unterminated',
          '- - -',
        ),
        { maxLength: 8 },
      )
      .map((l) => l.join('\n')),
  );
  fc.assert(
    fc.property(yamlish, (text) => {
      try {
        parseConfigText(text, '/tmp/kept.yaml');
      } catch (err) {
        assert.ok(err instanceof KeptError, `not a KeptError: ${String(err)}`);
        assert.match(err.message, /kept\.yaml/);
      }
    }),
    { numRuns: RUNS, seed: 2 },
  );
});

test('top-pypi-packages JSON and CSV parsers: any text gives rows or an InputError', () => {
  const row = fc.record(
    {
      download_count: fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.double()),
      project: fc.oneof(fc.string(), fc.integer(), fc.constant('')),
    },
    { requiredKeys: [] },
  );
  const json = fc.oneof(
    fc.string(),
    fc
      .record(
        {
          last_update: fc.oneof(fc.string(), fc.constant('2026-04-01 07:00:00'), fc.integer()),
          rows: fc.oneof(fc.array(row, { maxLength: 5 }), fc.string()),
        },
        { requiredKeys: [] },
      )
      .map((o) => JSON.stringify(o)),
  );
  const csv = fc.oneof(
    fc.string(),
    fc
      .array(
        fc.tuple(
          fc.oneof(fc.string(), fc.constantFrom('vllm', 'x"y', '')),
          fc.oneof(fc.string(), fc.nat().map(String)),
        ),
        { maxLength: 5 },
      )
      .map((rows) => ['project,download_count', ...rows.map(([a, b]) => `${a},${b}`)].join('\n')),
  );
  fc.assert(
    fc.property(json, (text) => {
      cleanly(() => detectPypiTopFormat(text.slice(0, 4096), '/tmp/x.json'));
      cleanly(() => parsePypiTopJson(text, '/tmp/x.json', undefined));
    }),
    { numRuns: RUNS, seed: 3 },
  );
  fc.assert(
    fc.property(csv, (text) => {
      cleanly(() => detectPypiTopFormat(text.slice(0, 4096), '/tmp/x.csv'));
      cleanly(() => parsePypiTopTwoColumnCsv(text, '/tmp/x.csv', new Date('2026-04-01T00:00:00Z')));
    }),
    { numRuns: RUNS, seed: 4 },
  );
});
