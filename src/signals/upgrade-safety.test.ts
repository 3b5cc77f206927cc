import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeUpgradeSafety, parseVersionTag, type UpgradeSafetyInput } from './upgrade-safety.js';
import { parseApiRelease, type Release, type RegistryVersion } from '../domain/release.js';

const asOf = new Date('2026-11-30T00:00:00Z');

// test/fixtures/releases/openai-node.json: real openai-node release notes (see its README).
function fixture(): Release[] {
  const raw = JSON.parse(
    readFileSync(join(process.cwd(), 'test', 'fixtures', 'releases', 'openai-node.json'), 'utf8'),
  ) as unknown[];
  return raw.map((r) => {
    const p = parseApiRelease(r);
    if ('error' in p) throw new Error(p.error);
    return p;
  });
}

test('version tags: v-prefixed, pre-releases, PEP 440, calendar, build numbers, prefixes', () => {
  const cases: [string, string, number | undefined, number | undefined, number | undefined, string | undefined][] = [
    ['v1.2.3', 'semver', 1, 2, 3, undefined],
    ['1.2.3-rc.1', 'semver', 1, 2, 3, 'rc.1'],
    ['v0.5.0rc2', 'semver', 0, 5, 0, 'rc2'],
    ['0.4.3.post1', 'semver', 0, 4, 3, undefined],
    ['v5.0.0-alpha.0', 'semver', 5, 0, 0, 'alpha.0'],
    ['gradio@4.0.0', 'semver', 4, 0, 0, undefined],
    ['release-1.2', 'semver', 1, 2, 0, undefined],
    ['2024.10.1', 'calver', 2024, 10, 1, undefined],
    ['b5432', 'build-number', 5432, undefined, undefined, undefined],
    ['nightly', 'unknown', undefined, undefined, undefined, undefined],
    ['v1.0.0b3', 'semver', 1, 0, 0, 'b3'],
  ];
  for (const [tag, scheme, major, minor, patch, pre] of cases) {
    const v = parseVersionTag(tag);
    assert.deepEqual([v.scheme, v.major, v.minor, v.patch, v.pre], [scheme, major, minor, patch, pre], tag);
  }
});

test('openai-node releases: two breaking majors found by version and by the BREAKING section, migration guide from the 5.0.0 notes', () => {
  const u = computeUpgradeSafety({ releases: fixture() }, asOf);
  assert.deepEqual(u.releases, { total: 29, stable: 28, prerelease: 1, drafts: 0 });
  assert.deepEqual(u.breaking, [
    { tag: 'v6.0.0', date: '2025-09-30', reasons: ['major-bump', 'breaking-section'] },
    { tag: 'v7.0.0', date: '2026-07-28', reasons: ['major-bump', 'breaking-section'] },
  ]);
  assert.equal(u.breakingLast12Months, 1);
  // 7.40.0 … 7.59.0 and 7.45.1 (21 in Oct–Nov 2026) plus 7.0.0 and 6.49.0 (July 2026).
  assert.equal(u.cadence.last6Months, 23);
  assert.equal(u.cadence.latest, 'v7.59.0');
  assert.deepEqual(u.migrationGuide, { status: 'found', evidence: ['release notes v5.0.0'], reason: undefined });
  assert.equal(u.deprecationPolicy.status, 'unknown');
  // "remove deprecated `compilerOptions.baseUrl`" is a removal, not a new deprecation notice.
  assert.deepEqual(u.deprecationNotices, []);
  assert.equal(u.registry, undefined);
});

test('asOf before 7.0.0: it does not exist yet', () => {
  const u = computeUpgradeSafety({ releases: fixture() }, new Date('2026-07-25T00:00:00Z'));
  assert.deepEqual(
    u.breaking.map((b) => b.tag),
    ['v6.0.0'],
  );
  assert.equal(u.cadence.latest, 'v6.49.0');
});

const rel = (tag: string, date: string, body = '', prerelease = false): Release => ({
  tag,
  name: tag,
  publishedAt: new Date(`${date}T00:00:00Z`),
  prerelease,
  draft: false,
  body,
  url: undefined,
});

test('deprecation notice to removal of the same name, 0.x minor bumps, removed sections, docs and registry states', () => {
  const releases = [
    rel('v0.4.0', '2025-01-10', '## Deprecations\n- `--max-batch` is deprecated in favour of `--max-num-seqs`'),
    rel('v0.4.1', '2025-02-10', '## Fixes\n- a fix'),
    rel('v0.5.0', '2025-06-10', '## Removed\n- removed `--max-batch` (deprecated since 0.4.0)'),
    rel('v0.5.1rc1', '2025-06-20', '', true),
  ];
  const registryVersions: RegistryVersion[] = [
    {
      registry: 'pypi',
      version: '0.4.0',
      publishedAt: undefined,
      deprecated: undefined,
      yanked: true,
      yankedReason: 'broken wheel',
    },
    {
      registry: 'pypi',
      version: '0.4.1',
      publishedAt: undefined,
      deprecated: undefined,
      yanked: false,
      yankedReason: undefined,
    },
  ];
  const docs = [
    { path: 'docs/source/deprecation_policy.md', text: undefined },
    { path: 'docs/guides/migrating-from-0.4.md', text: undefined },
    { path: 'README.md', text: '# x\n## Versioning\nWe follow SemVer.' },
  ];
  const u = computeUpgradeSafety({ releases, docs, registryVersions }, new Date('2025-07-01T00:00:00Z'));
  assert.deepEqual(u.breaking, [
    { tag: 'v0.5.0', date: '2025-06-10', reasons: ['zero-minor-bump', 'removed-section'] },
  ]);
  assert.deepEqual(u.deprecationToRemoval, [
    { name: '--max-batch', deprecatedIn: 'v0.4.0', removedIn: 'v0.5.0', days: 151 },
  ]);
  assert.equal(u.deprecationNotices.length, 1);
  assert.deepEqual(u.deprecationPolicy.evidence, ['docs/source/deprecation_policy.md', 'README.md: ## Versioning']);
  assert.deepEqual(u.migrationGuide.evidence, ['docs/guides/migrating-from-0.4.md']);
  assert.deepEqual(u.registry, {
    versions: 2,
    deprecated: 0,
    yanked: 1,
    examples: ['pypi 0.4.0: yanked (broken wheel)'],
  });
  assert.equal(u.cadence.prereleasesLast6Months, 1);
  assert.equal(u.cadence.last6Months, 3);
  const none = computeUpgradeSafety(
    { releases, docs: [{ path: 'README.md', text: '# hi' }] },
    new Date('2025-07-01T00:00:00Z'),
  );
  assert.equal(none.deprecationPolicy.status, 'not-found');
  assert.equal(none.migrationGuide.status, 'not-found');
});

test('build-number tags (llama.cpp style) count for cadence, not for version jumps', () => {
  const u = computeUpgradeSafety(
    { releases: [rel('b5000', '2025-05-01'), rel('b5100', '2025-05-03'), rel('b5200', '2025-05-06')] },
    new Date('2025-06-01T00:00:00Z'),
  );
  assert.deepEqual(u.breaking, []);
  assert.equal(u.cadence.medianIntervalDays, 2.5);
  assert.ok(u.notes.some((n) => n.startsWith('build-number')));
});

test('version tags: the edges of each pattern (anchors, optional parts, calendar years 2000–2100)', () => {
  const cases: [string, string, number | undefined, number | undefined, number | undefined, string | undefined][] = [
    ['  v1.2.3  ', 'semver', 1, 2, 3, undefined], // surrounding space
    ['B77', 'build-number', 77, undefined, undefined, undefined],
    ['b77x', 'unknown', undefined, undefined, undefined, undefined], // a build number is the whole tag
    ['xb77', 'unknown', undefined, undefined, undefined, undefined],
    ['@scope/pkg@2.1.0', 'semver', 2, 1, 0, undefined], // up to the last @
    ['my-release-1.2', 'unknown', undefined, undefined, undefined, undefined], // prefixes only at the start
    ['version1.4', 'semver', 1, 4, 0, undefined],
    ['ver_2', 'semver', 2, 0, 0, undefined],
    ['rel/3.1', 'semver', 3, 1, 0, undefined],
    ['V7', 'semver', 7, 0, 0, undefined],
    ['vx1', 'unknown', undefined, undefined, undefined, undefined], // a v only before a digit
    ['1v2', 'unknown', undefined, undefined, undefined, undefined],
    ['x1.2.3', 'unknown', undefined, undefined, undefined, undefined],
    ['1.2.3x!', 'unknown', undefined, undefined, undefined, undefined],
    ['12', 'semver', 12, 0, 0, undefined],
    ['1.22.333', 'semver', 1, 22, 333, undefined],
    ['1.2.3.45', 'semver', 1, 2, 3, undefined],
    ['1.2.3.post12', 'semver', 1, 2, 3, undefined],
    ['1.2rc', 'semver', 1, 2, 0, 'rc'],
    ['1.2.3-', 'unknown', undefined, undefined, undefined, undefined],
    ['1.2.3-beta-2', 'semver', 1, 2, 3, 'beta-2'],
    ['1.2.3.dev4', 'semver', 1, 2, 3, 'dev4'],
    ['1.2.3-nightly.20240101', 'semver', 1, 2, 3, 'nightly.20240101'],
    ['1999.1', 'semver', 1999, 1, 0, undefined],
    ['2000.1', 'calver', 2000, 1, 0, undefined],
    ['2100.1', 'calver', 2100, 1, 0, undefined],
    ['2101.1', 'semver', 2101, 1, 0, undefined],
  ];
  for (const [tag, scheme, major, minor, patch, pre] of cases) {
    const v = parseVersionTag(tag);
    assert.deepEqual([v.scheme, v.major, v.minor, v.patch, v.pre], [scheme, major, minor, patch, pre], tag);
    assert.equal(v.raw, tag.trim());
  }
});

const AS_OF = new Date('2026-01-01T00:00:00Z');
const safety = (releases: Release[], extra: Omit<UpgradeSafetyInput, 'releases'> = {}) =>
  computeUpgradeSafety({ releases, ...extra }, AS_OF);

test('breaking releases (docs/upgrade-safety.md): a section counts only with content; headings at a line start', () => {
  const reasons = (body: string) => safety([rel('v1.0.0', '2025-06-01', body)]).breaking.map((b) => b.reasons.join());
  assert.deepEqual(reasons('## Breaking changes\n- `x` renamed'), ['breaking-section']);
  assert.deepEqual(reasons('## Breaking changes\n   \n## Fixes\n- a fix'), []);
  assert.deepEqual(reasons('## Breaking changes'), []);
  assert.deepEqual(reasons('  ### Removed\n- old API'), ['removed-section']);
  assert.deepEqual(reasons('**Breaking**:\n- y'), ['breaking-section']);
  assert.deepEqual(reasons('**Breaking changes**\n- y'), ['breaking-section']);
  assert.deepEqual(reasons('Breaking Changes:\n- y'), ['breaking-section']);
  // Not headings: no space after the hashes, or text before them.
  assert.deepEqual(reasons('#Breaking\n- y'), []);
  assert.deepEqual(reasons('see ## Breaking\n- y'), []);
  assert.deepEqual(reasons('breaking news:\n- y'), []);
});

test('breaking releases: new majors and 0.x minors in version order, whatever the publication order', () => {
  const u = safety([
    rel('v0.3.0', '2025-03-01'),
    rel('v0.1.0', '2025-03-02'),
    rel('v0.2.0', '2025-03-03'),
    rel('v0.2.1', '2025-03-04'),
  ]);
  assert.deepEqual(
    u.breaking.map((b) => [b.tag, b.reasons.join()]),
    [
      ['v0.3.0', 'zero-minor-bump'],
      ['v0.2.0', 'zero-minor-bump'],
    ],
  );
  assert.deepEqual(u.schemes, { semver: 4 });
});

test('breaking releases in the last 12 months: the bound is exclusive', () => {
  const u = safety([rel('v1.0.0', '2024-06-01'), rel('v2.0.0', '2025-01-01'), rel('v3.0.0', '2025-01-02')]);
  assert.deepEqual(
    u.breaking.map((b) => b.tag),
    ['v2.0.0', 'v3.0.0'],
  );
  assert.equal(u.breakingLast12Months, 1);
});

test('deprecation to removal (docs/upgrade-safety.md): the same name, in a later release, from its first notice', () => {
  const u = safety([
    rel('v1.0.0', '2025-01-01', '## Notes\n- --old-flag is deprecated\n- `foo` is deprecated'),
    rel('v1.1.0', '2025-02-01', '- `foo` deprecation reminder'),
    rel('v1.2.0', '2025-03-01', '- `foo` still works'),
    rel('v1.3.0', '2025-04-01', '- drop --old-flag\n- Dropped `foo`'),
  ]);
  assert.deepEqual(u.deprecationToRemoval, [
    { name: '--old-flag', deprecatedIn: 'v1.0.0', removedIn: 'v1.3.0', days: 90 },
    { name: 'foo', deprecatedIn: 'v1.0.0', removedIn: 'v1.3.0', days: 90 },
  ]);
  assert.deepEqual(u.deprecationNotices[0], { tag: 'v1.0.0', date: '2025-01-01', line: '- --old-flag is deprecated' });
  // Deprecated and removed in the same release: no deprecation-to-removal time.
  const same = safety([rel('v1.0.0', '2025-01-01', '- `bar` is deprecated\n- removed `bar` alias')]);
  assert.deepEqual(same.deprecationToRemoval, []);
});

test('deprecation notices: a line removing deprecated things is no notice; a notice is trimmed to 200 characters', () => {
  const notices = (line: string) => safety([rel('v1.0.0', '2025-01-01', line)]).deprecationNotices.map((n) => n.line);
  for (const line of [
    '- removes deprecated `bar`',
    '- Removed  deprecated `bar`',
    '- Removed the deprecated `baz` option',
    '- removed the  obsolete `q`',
  ])
    assert.deepEqual(notices(line), [], line);
  const long = `   - \`x\` is deprecated ${'y'.repeat(300)}`;
  assert.deepEqual(notices(long), [long.trim().slice(0, 200)]);
});

test('releases counted: published on or before asOf, drafts apart, a pre-release by flag or by tag', () => {
  const u = safety([
    rel('v1.0.0', '2025-05-01'),
    rel('v1.1.0-rc1', '2025-06-01'),
    rel('v1.1.0', '2025-07-01', '', true),
    rel('v1.2.0', '2026-01-01'),
    rel('v1.3.0', '2026-01-02'),
    { ...rel('v1.4.0', '2025-08-01'), draft: true },
  ]);
  assert.deepEqual(u.releases, { total: 6, stable: 2, prerelease: 2, drafts: 1 });
  assert.deepEqual(u.schemes, { semver: 4 });
  assert.equal(u.cadence.latest, 'v1.2.0');
  assert.equal(u.cadence.daysSinceLast, 0);
  assert.deepEqual(u.notes, []);
});

test('release cadence (docs/upgrade-safety.md): six and twelve months back, bounds exclusive; the median interval', () => {
  const u = safety([
    rel('v0.9.0', '2025-01-01'), // exactly 12 months before asOf: not in the interval window
    rel('v1.0.0', '2025-03-01'),
    rel('v1.0.1', '2025-03-11'), // 10 days
    rel('v1.0.2', '2025-03-13'), // 2 days
    rel('v1.0.3', '2025-03-18'), // 5 days
    rel('v1.0.4', '2025-07-01'), // exactly 6 months before asOf: not in the last six months
    rel('v1.0.5-rc1', '2025-07-01'),
    rel('v1.0.5-rc2', '2025-07-02'),
    rel('v1.0.5', '2025-12-01'),
  ]);
  assert.equal(u.cadence.last6Months, 1);
  assert.equal(u.cadence.prereleasesLast6Months, 1);
  // Intervals from 2025-03-01: 10, 2, 5, 105, 153 days: median 10.
  assert.equal(u.cadence.medianIntervalDays, 10);
  assert.equal(u.cadence.daysSinceLast, 31);
  assert.equal(safety([rel('v1.0.0', '2025-06-01')]).cadence.medianIntervalDays, undefined);
  const none = safety([]);
  assert.deepEqual([none.cadence.latest, none.cadence.daysSinceLast], [undefined, undefined]);
  assert.deepEqual(none.notes, ['no published releases on or before asOf']);
});

test('docs: policy and migration findings, with their reasons when absent', () => {
  assert.deepEqual(safety([rel('v1.0.0', '2025-06-01')]).deprecationPolicy, {
    status: 'unknown',
    evidence: [],
    reason: 'repository docs not collected',
  });
  assert.deepEqual(safety([rel('v1.0.0', '2025-06-01')]).migrationGuide, {
    status: 'unknown',
    evidence: [],
    reason: 'repository docs not collected and no release notes point to a migration guide',
  });
  assert.deepEqual(safety([rel('v1.0.0', '2025-06-01', 'see the migration guide')]).migrationGuide, {
    status: 'found',
    evidence: ['release notes v1.0.0'],
    reason: undefined,
  });
  const docs = [{ path: 'README.md', text: '# hi' }];
  const u = safety([rel('v1.0.0', '2025-06-01')], { docs });
  assert.deepEqual(u.deprecationPolicy, {
    status: 'not-found',
    evidence: [],
    reason: 'none of 1 docs files is about deprecation, versioning or compatibility',
  });
  assert.deepEqual(u.migrationGuide, {
    status: 'not-found',
    evidence: [],
    reason: 'no migration or upgrading guide in the docs or release notes',
  });
  const heading = `## ${'A very long heading '.repeat(5)}about our release cadence`;
  const found = safety([rel('v1.0.0', '2025-06-01')], {
    docs: [
      { path: 'docs/support_policy.md', text: undefined },
      { path: 'docs/index.md', text: `# Docs\n${heading}` },
      { path: 'docs/UPGRADE.md', text: undefined },
    ],
  });
  assert.deepEqual(found.deprecationPolicy.evidence, [
    'docs/support_policy.md',
    `docs/index.md: ${heading.slice(0, 80)}`,
  ]);
  assert.deepEqual(found.migrationGuide.evidence, ['docs/UPGRADE.md']);
});

test('registry versions: npm deprecated and PyPI yanked are flagged, five examples at most', () => {
  const v = (version: string, deprecated: string | undefined, yanked = false): RegistryVersion => ({
    registry: deprecated === undefined ? 'pypi' : 'npm',
    version,
    publishedAt: undefined,
    deprecated,
    yanked,
    yankedReason: undefined,
  });
  const u = safety([], {
    registryVersions: [
      v('1.0.0', 'use 2.x'),
      v('1.0.1', undefined, true),
      v('1.0.2', 'broken'),
      v('1.0.3', 'broken'),
      v('1.0.4', 'broken'),
      v('1.0.5', 'broken'),
      v('2.0.0', undefined),
    ],
  });
  assert.deepEqual(u.registry, {
    versions: 7,
    deprecated: 5,
    yanked: 1,
    examples: [
      'npm 1.0.0: use 2.x',
      'pypi 1.0.1: yanked',
      'npm 1.0.2: broken',
      'npm 1.0.3: broken',
      'npm 1.0.4: broken',
    ],
  });
});

test('version tags: a word prefix only at the start', () => {
  assert.equal(parseVersionTag('1.2rel').scheme, 'unknown');
  assert.equal(parseVersionTag('release-1.2').scheme, 'semver');
});

test('breaking releases in the last 12 months: two inside the year, one at its start', () => {
  const u = safety([
    rel('v1.0.0', '2024-06-01'),
    rel('v2.0.0', '2025-01-01'),
    rel('v3.0.0', '2025-02-01'),
    rel('v4.0.0', '2025-03-01'),
  ]);
  assert.equal(u.breakingLast12Months, 2);
});

test('tags kept cannot read are noted: they count for cadence, not for version jumps', () => {
  assert.deepEqual(safety([rel('nightly', '2025-06-01'), rel('v1.0.0', '2025-07-01')]).notes, [
    '1 tags are not version numbers kept can read; they count for cadence but not for version jumps',
  ]);
});
