import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeUpgradeSafety, parseVersionTag } from './upgrade-safety.js';
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
