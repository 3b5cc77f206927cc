// ESLint flat config: typescript-eslint's recommended type-aware rules, plus the architecture's
// boundaries (docs/architecture.md): each folder of src/ imports only the layers below it, type
// imports included, and the pure layers do no I/O and never read the clock.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Each layer of src/ and the layers it may import (besides itself). */
const LAYERS = {
  domain: [],
  config: ['domain'],
  http: ['domain'],
  files: ['domain'],
  sources: ['domain', 'http'],
  store: ['domain', 'http'],
  signals: ['domain'],
  classify: ['domain', 'signals'],
  ingest: ['domain', 'config', 'http', 'sources', 'files', 'store', 'signals', 'classify'],
  views: ['domain', 'config', 'store', 'signals', 'classify'],
  report: ['domain', 'views'],
  web: ['domain', 'config', 'http', 'store', 'signals', 'classify', 'views', 'report'],
  mcp: ['domain', 'config', 'store', 'signals', 'classify', 'views', 'report'],
  cli: [
    'domain',
    'config',
    'http',
    'sources',
    'files',
    'store',
    'ingest',
    'signals',
    'classify',
    'views',
    'report',
    'web',
    'mcp',
  ],
};
const NAMES = Object.keys(LAYERS);

/** A relative import that climbs out of its folder into one of `layers`. */
function layerPattern(layers, message) {
  return { regex: `^(\\./)?(\\.\\./)+(${layers.join('|')})/`, message };
}

const boundaries = NAMES.map((layer) => {
  const forbidden = NAMES.filter((n) => n !== layer && !LAYERS[layer].includes(n));
  const patterns = forbidden.length
    ? [
        layerPattern(
          forbidden,
          `src/${layer} imports only ${LAYERS[layer].join(', ') || 'nothing of kept'} (docs/architecture.md).`,
        ),
      ]
    : [];
  // A source adapter talks to one upstream: it never imports another source's folder.
  if (layer === 'sources')
    patterns.push({
      regex: '^\\.\\./(?!\\.\\./)[^/]+/',
      message: 'A source imports no other source (share code through domain or http).',
    });
  return { files: [`src/${layer}/**/*.ts`], ignores: ['**/*.test.ts'], patterns };
});

/** Modules that do no I/O: no node:*, no fetch, no clock, no store or http values. */
const PURE = [
  'src/domain/**/*.ts',
  'src/signals/**/*.ts',
  'src/classify/**/*.ts',
  'src/report/**/*.ts',
  'src/views/*/compute.ts',
  'src/views/*/model.ts',
  'src/views/shared/schema.ts',
];
const purePatterns = [
  { group: ['node:*'], message: 'Pure modules do no I/O: pass data in.' },
  {
    regex: '^(\\./)?(\\.\\./)+(store|http)/',
    allowTypeImports: true,
    message: 'Pure modules take store rows as data: type imports only.',
  },
  {
    regex: '/load\\.js$',
    allowTypeImports: true,
    message: 'compute.ts takes what load.ts returns: type imports only.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.bench-dist/**',
      'node_modules/**',
      'coverage/**',
      'test-artifacts/**',
      'reports/**',
      '.stryker-tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
    },
  },
  // One config object per file set: ESLint does not merge two `no-restricted-imports` settings for
  // one file, so the pure modules' patterns are added to their layer's here.
  ...boundaries.map(({ files, ignores, patterns }) => ({
    files,
    ignores,
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
  ...boundaries.flatMap(({ files, ignores, patterns }) => {
    const pure = PURE.filter(
      (p) => p.startsWith(files[0].replace('**/*.ts', '')) || files[0].startsWith(p.split('*')[0]),
    );
    return pure.map((p) => ({
      files: [p],
      ignores,
      rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, ...purePatterns] }] },
    }));
  }),
  {
    files: PURE,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Pure modules do no I/O.' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pure modules never read the clock: take asOf or today.',
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pure modules never read the clock: take asOf.' },
      ],
    },
  },
  // node:test's test() returns a promise the runner awaits itself.
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  { files: ['eslint.config.js'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, program: null },
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
);
