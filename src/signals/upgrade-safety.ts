// Upgrade safety from releases, repository docs and registry version states: version scheme,
// breaking releases (major bumps, breaking / removed sections in notes), deprecation notices and,
// where detectable, the time from a deprecation to the removal of the same name; a written
// deprecation policy; migration guides; npm deprecated / PyPI yanked versions; release cadence.
// Pure; asOf passed in.
import type { Release, RegistryVersion, RepoDoc } from '../domain/release.js';
import { DAY_MS, addMonths } from '../domain/time.js';

export type VersionScheme = 'semver' | 'calver' | 'build-number' | 'unknown';

export interface ParsedVersion {
  readonly raw: string;
  readonly scheme: VersionScheme;
  readonly major: number | undefined;
  readonly minor: number | undefined;
  readonly patch: number | undefined;
  /** Pre-release marker (rc1, beta.2, alpha, dev3); undefined for final releases. */
  readonly pre: string | undefined;
}

/**
 * Parses a release tag: `v1.2.3`, `1.2.3-rc.1`, `0.5.0rc2` (PEP 440), `1.2.3.post1`, `pkg@1.2.3`,
 * `release-1.2`, `2024.10.1` (calendar), `b5432` (llama.cpp-style build numbers).
 */
export function parseVersionTag(tag: string): ParsedVersion {
  const raw = tag.trim();
  const build = /^b(\d+)$/i.exec(raw);
  if (build)
    return { raw, scheme: 'build-number', major: Number(build[1]), minor: undefined, patch: undefined, pre: undefined };
  // Strip a package or word prefix: `pkg@`, `release-`, `v`.
  const body = raw
    .replace(/^.*@/, '')
    .replace(/^(release|rel|version|ver)[-_/ ]?/i, '')
    .replace(/^v(?=\d)/i, '');
  const m =
    /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(post\d+|\d+))?(?:[-_.+]?((?:a|b|rc|alpha|beta|pre|preview|dev|c)[-_.]?\d*(?:[.-][\w]+)*|[-][\w.]+))?$/i.exec(
      body,
    );
  if (!m) return { raw, scheme: 'unknown', major: undefined, minor: undefined, patch: undefined, pre: undefined };
  const major = Number(m[1]);
  const pre = m[5] ? m[5].replace(/^[-_.]/, '') : undefined;
  return {
    raw,
    scheme: major >= 2000 && major <= 2100 ? 'calver' : 'semver',
    major,
    minor: m[2] === undefined ? 0 : Number(m[2]),
    patch: m[3] === undefined ? 0 : Number(m[3]),
    pre: pre === '' ? undefined : pre,
  };
}

export type BreakingReason = 'major-bump' | 'zero-minor-bump' | 'breaking-section' | 'removed-section';

export interface BreakingRelease {
  readonly tag: string;
  readonly date: string;
  readonly reasons: readonly BreakingReason[];
}

export interface DeprecationNotice {
  readonly tag: string;
  readonly date: string;
  readonly line: string;
}

export interface DeprecationToRemoval {
  readonly name: string;
  readonly deprecatedIn: string;
  readonly removedIn: string;
  readonly days: number;
}

export interface DocFinding {
  readonly status: 'found' | 'not-found' | 'unknown';
  /** Paths, headings or release tags that show it. */
  readonly evidence: readonly string[];
  readonly reason: string | undefined;
}

export interface UpgradeSafety {
  readonly asOf: Date;
  readonly releases: {
    readonly total: number;
    readonly stable: number;
    readonly prerelease: number;
    readonly drafts: number;
  };
  readonly schemes: Readonly<Partial<Record<VersionScheme, number>>>;
  readonly cadence: {
    /** Stable releases published in the six months to asOf. */
    readonly last6Months: number;
    readonly prereleasesLast6Months: number;
    /** Median days between consecutive stable releases over the last 12 months. */
    readonly medianIntervalDays: number | undefined;
    readonly daysSinceLast: number | undefined;
    readonly latest: string | undefined;
  };
  readonly breaking: readonly BreakingRelease[];
  readonly breakingLast12Months: number;
  readonly deprecationNotices: readonly DeprecationNotice[];
  readonly deprecationToRemoval: readonly DeprecationToRemoval[];
  readonly deprecationPolicy: DocFinding;
  readonly migrationGuide: DocFinding;
  readonly registry:
    | {
        readonly versions: number;
        readonly deprecated: number;
        readonly yanked: number;
        readonly examples: readonly string[];
      }
    | undefined;
  readonly notes: readonly string[];
}

export interface UpgradeSafetyInput {
  readonly releases: readonly Release[];
  /** Repository docs (paths, with text when fetched); undefined when the docs were not looked at. */
  readonly docs?: readonly RepoDoc[];
  readonly registryVersions?: readonly RegistryVersion[];
}

const HEADING = /^\s*(#{1,6}\s+.*|\*\*[^*]+\*\*:?\s*|[A-Z][A-Za-z ⚠]+:)\s*$/;
const BREAKING_HEADING = /\bbreaking\b/i;
const REMOVED_HEADING = /\b(removed|removals|removal)\b/i;
const DEPRECATED_LINE = /\bdeprecat(e|ed|es|ion|ions|ing)\b/i;
const REMOVED_LINE = /\b(remov(e|ed|es|al)|drop(ped|s)?)\b/i;
const POLICY_PATH =
  /deprecat|versioning|backward|backwards?[-_ ]compat|compatibility|support[-_ ]?(policy|window|matrix)|release[-_ ]?(policy|process|cycle)|stability|lifecycle/i;
const POLICY_HEADING =
  /^#{1,6}\s+.*(deprecation|versioning|backward(s)? compatib|compatibility (policy|guarantee)|support (policy|window)|stability (policy|guarantee)|release (policy|cadence|cycle))/im;
const MIGRATION_PATH = /migrat|upgrad(e|ing)([-_ ]?guide)?|porting/i;
const MIGRATION_TEXT = /\bmigration[-_ ]guide\b|\bMIGRATION\.md\b|\bUPGRADING\.md\b|\bupgrade guide\b/i;

/** Names a deprecation or removal line talks about: `backticked` identifiers and --flags. */
function namesIn(line: string): string[] {
  const out = new Set<string>();
  for (const m of line.matchAll(/`([^`\s]{2,80})`/g)) out.add(m[1]!);
  for (const m of line.matchAll(/(?:^|\s)(--[a-z][\w-]+)/g)) out.add(m[1]!);
  return [...out];
}

function sections(body: string): { heading: string; lines: string[] }[] {
  const out: { heading: string; lines: string[] }[] = [{ heading: '', lines: [] }];
  for (const line of body.split(/\r?\n/)) {
    if (HEADING.test(line)) out.push({ heading: line.trim(), lines: [] });
    else out[out.length - 1]!.lines.push(line);
  }
  return out;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function computeUpgradeSafety(input: UpgradeSafetyInput, asOf: Date): UpgradeSafety {
  const notes: string[] = [];
  const published = input.releases
    .filter((r) => !r.draft && r.publishedAt.getTime() <= asOf.getTime())
    .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
  const parsed = published.map((r) => ({ r, v: parseVersionTag(r.tag) }));
  const isPre = (x: { r: Release; v: ParsedVersion }) => x.r.prerelease || x.v.pre !== undefined;
  const stable = parsed.filter((x) => !isPre(x));
  const schemes: Partial<Record<VersionScheme, number>> = {};
  for (const { v } of parsed) schemes[v.scheme] = (schemes[v.scheme] ?? 0) + 1;

  // Breaking releases: the first stable release of each new major (of each new minor below 1.0),
  // found in version order — publish dates can be rewritten — and breaking / removed sections.
  const bumps = new Map<Release, BreakingReason>();
  const semverStable = stable
    .filter((x) => x.v.scheme === 'semver')
    .sort((a, b) => a.v.major! - b.v.major! || a.v.minor! - b.v.minor! || a.v.patch! - b.v.patch!);
  for (let i = 1; i < semverStable.length; i++) {
    const prev = semverStable[i - 1]!.v;
    const cur = semverStable[i]!;
    if (cur.v.major! > prev.major!) bumps.set(cur.r, 'major-bump');
    else if (cur.v.major === 0 && cur.v.minor! > prev.minor!) bumps.set(cur.r, 'zero-minor-bump');
  }
  const breaking: BreakingRelease[] = [];
  const deprecationNotices: DeprecationNotice[] = [];
  const deprecatedNames = new Map<string, { tag: string; at: Date }>();
  const removals: DeprecationToRemoval[] = [];
  for (const x of parsed) {
    const reasons: BreakingReason[] = [];
    const bump = bumps.get(x.r);
    if (bump) reasons.push(bump);
    for (const s of sections(x.r.body)) {
      const hasContent = s.lines.some((l) => l.trim() !== '');
      if (hasContent && BREAKING_HEADING.test(s.heading) && !reasons.includes('breaking-section'))
        reasons.push('breaking-section');
      if (hasContent && REMOVED_HEADING.test(s.heading) && !reasons.includes('removed-section'))
        reasons.push('removed-section');
    }
    for (const line of x.r.body.split(/\r?\n/)) {
      if (HEADING.test(line)) continue;
      // A removal of a name deprecated in an earlier release closes that notice.
      let removed = false;
      if (REMOVED_LINE.test(line)) {
        for (const n of namesIn(line)) {
          const d = deprecatedNames.get(n);
          if (d && d.tag !== x.r.tag) {
            removals.push({
              name: n,
              deprecatedIn: d.tag,
              removedIn: x.r.tag,
              days: Math.round((x.r.publishedAt.getTime() - d.at.getTime()) / DAY_MS),
            });
            deprecatedNames.delete(n);
            removed = true;
          }
        }
      }
      const removesDeprecated = /\bremov\w*\s+(the\s+)?(deprecated|obsolete)\b/i.test(line);
      if (!removed && !removesDeprecated && DEPRECATED_LINE.test(line)) {
        deprecationNotices.push({ tag: x.r.tag, date: isoDay(x.r.publishedAt), line: line.trim().slice(0, 200) });
        for (const n of namesIn(line))
          if (!deprecatedNames.has(n)) deprecatedNames.set(n, { tag: x.r.tag, at: x.r.publishedAt });
      }
    }
    if (reasons.length) breaking.push({ tag: x.r.tag, date: isoDay(x.r.publishedAt), reasons });
  }

  const sixMonthsAgo = addMonths(asOf, -6).getTime();
  const yearAgo = addMonths(asOf, -12).getTime();
  const recentStable = stable.filter((x) => x.r.publishedAt.getTime() > yearAgo).map((x) => x.r.publishedAt.getTime());
  const intervals = recentStable
    .slice(1)
    .map((t, i) => (t - recentStable[i]!) / DAY_MS)
    .sort((a, b) => a - b);
  const mid = Math.floor(intervals.length / 2);
  const medianIntervalDays =
    intervals.length === 0
      ? undefined
      : intervals.length % 2
        ? intervals[mid]!
        : (intervals[mid - 1]! + intervals[mid]!) / 2;
  const last = stable[stable.length - 1];

  // Docs: a written deprecation / versioning policy and migration guides.
  let deprecationPolicy: DocFinding;
  let migrationGuide: DocFinding;
  const releaseMigration = published.filter((r) => MIGRATION_TEXT.test(r.body)).map((r) => `release notes ${r.tag}`);
  if (input.docs === undefined) {
    deprecationPolicy = { status: 'unknown', evidence: [], reason: 'repository docs not collected' };
    migrationGuide = releaseMigration.length
      ? { status: 'found', evidence: releaseMigration, reason: undefined }
      : {
          status: 'unknown',
          evidence: [],
          reason: 'repository docs not collected and no release notes point to a migration guide',
        };
  } else {
    const policy = input.docs.filter((d) => POLICY_PATH.test(d.path)).map((d) => d.path);
    for (const d of input.docs) {
      const h = d.text === undefined ? null : POLICY_HEADING.exec(d.text);
      if (h && !policy.includes(d.path)) policy.push(`${d.path}: ${h[0].trim().slice(0, 80)}`);
    }
    deprecationPolicy = policy.length
      ? { status: 'found', evidence: policy, reason: undefined }
      : {
          status: 'not-found',
          evidence: [],
          reason: `none of ${input.docs.length} docs files is about deprecation, versioning or compatibility`,
        };
    const guides = [...input.docs.filter((d) => MIGRATION_PATH.test(d.path)).map((d) => d.path), ...releaseMigration];
    migrationGuide = guides.length
      ? { status: 'found', evidence: guides, reason: undefined }
      : { status: 'not-found', evidence: [], reason: 'no migration or upgrading guide in the docs or release notes' };
  }

  let registry: UpgradeSafety['registry'];
  if (input.registryVersions) {
    const rv = input.registryVersions;
    const flagged = rv.filter((v) => v.deprecated !== undefined || v.yanked);
    registry = {
      versions: rv.length,
      deprecated: rv.filter((v) => v.deprecated !== undefined).length,
      yanked: rv.filter((v) => v.yanked).length,
      examples: flagged
        .slice(0, 5)
        .map(
          (v) =>
            `${v.registry} ${v.version}: ${v.deprecated ?? (v.yankedReason ? `yanked (${v.yankedReason})` : 'yanked')}`,
        ),
    };
  }

  if (published.length === 0) notes.push('no published releases on or before asOf');
  if (schemes.unknown)
    notes.push(
      `${schemes.unknown} tags are not version numbers kept can read; they count for cadence but not for version jumps`,
    );
  if (schemes['build-number'] || schemes.calver)
    notes.push(
      'build-number and calendar tags carry no compatibility promise: only release notes can show breaking changes',
    );
  return {
    asOf,
    releases: {
      total: input.releases.length,
      stable: stable.length,
      prerelease: parsed.length - stable.length,
      drafts: input.releases.filter((r) => r.draft).length,
    },
    schemes,
    cadence: {
      last6Months: stable.filter((x) => x.r.publishedAt.getTime() > sixMonthsAgo).length,
      prereleasesLast6Months: parsed.filter((x) => isPre(x) && x.r.publishedAt.getTime() > sixMonthsAgo).length,
      medianIntervalDays,
      daysSinceLast: last ? (asOf.getTime() - last.r.publishedAt.getTime()) / DAY_MS : undefined,
      latest: last?.r.tag,
    },
    breaking,
    breakingLast12Months: breaking.filter((b) => new Date(`${b.date}T00:00:00Z`).getTime() > yearAgo).length,
    deprecationNotices,
    deprecationToRemoval: removals,
    deprecationPolicy,
    migrationGuide,
    registry,
    notes,
  };
}
