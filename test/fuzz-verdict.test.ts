// Properties of the verdict's parsers and statistics on arbitrary input (fixed seeds; KEPT_FUZZ_RUNS
// raises the number of cases): readers of stored JSON answer a value or a reason, never throw;
// Kaplan–Meier agrees with the plain quantile when nothing is censored and never reads faster
// than the closed-only view when something is; the tier is unknown exactly when no usage is known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseApiIssue, parseApiIssueComment } from '../src/domain/issue.js';
import { parseApiRelease, parseRegistryVersionRecord } from '../src/domain/release.js';
import { parseVersionTag, computeUpgradeSafety } from '../src/signals/upgrade-safety.js';
import { kaplanMeier } from '../src/signals/issue-tracker-health.js';
import { classifyTier } from '../src/classify/tier.js';
import { buildChecklist } from '../src/classify/checklist.js';
import { topicClassifier } from '../src/domain/issue-topics.js';

const RUNS = Number(process.env.KEPT_FUZZ_RUNS ?? 300);
const opts = { numRuns: RUNS, seed: 20261130 };

test('record readers answer an item or a reason for any JSON', () => {
  const nearIssue = fc.record(
    {
      number: fc.oneof(fc.integer(), fc.string()),
      state: fc.constantFrom('open', 'closed', 'merged', 1),
      created_at: fc.oneof(
        fc.string(),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      ),
      labels: fc.anything(),
      user: fc.anything(),
      comments: fc.anything(),
    },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(fc.oneof(fc.jsonValue(), nearIssue), (v) => {
      for (const r of [
        parseApiIssue(v),
        parseApiIssueComment(v),
        parseApiRelease(v),
        parseRegistryVersionRecord('npm-version', v),
      ]) {
        if ('error' in r) assert.equal(typeof r.error, 'string');
      }
    }),
    opts,
  );
});

test('version tags: any text parses to a scheme; semver round-trips its numbers', () => {
  fc.assert(
    fc.property(fc.string(), (s) =>
      assert.ok(['semver', 'calver', 'build-number', 'unknown'].includes(parseVersionTag(s).scheme)),
    ),
    opts,
  );
  fc.assert(
    fc.property(fc.nat(1999), fc.nat(500), fc.nat(500), fc.boolean(), (a, b, c, v) => {
      const p = parseVersionTag(`${v ? 'v' : ''}${a}.${b}.${c}`);
      assert.deepEqual([p.scheme, p.major, p.minor, p.patch, p.pre], ['semver', a, b, c, undefined]);
    }),
    opts,
  );
});

test('upgrade safety never throws on arbitrary release notes and tags', () => {
  const rel = fc.record({
    tag: fc.string(),
    body: fc.string({ maxLength: 400 }),
    at: fc.date({ min: new Date('2020-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
    pre: fc.boolean(),
  });
  fc.assert(
    fc.property(fc.array(rel, { maxLength: 30 }), (rs) => {
      const u = computeUpgradeSafety(
        {
          releases: rs.map((r) => ({
            tag: r.tag || 'x',
            name: undefined,
            publishedAt: r.at,
            prerelease: r.pre,
            draft: false,
            body: r.body,
            url: undefined,
          })),
        },
        new Date('2027-01-01'),
      );
      assert.ok(u.breaking.length <= rs.length && u.cadence.last6Months <= rs.length);
    }),
    opts,
  );
});

test('Kaplan–Meier: without censoring it is the lower median; censoring never makes it faster than closed-only', () => {
  const times = fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 60 });
  fc.assert(
    fc.property(times, (ts) => {
      const s = [...ts].sort((a, b) => a - b);
      const k = kaplanMeier(ts.map((t) => ({ t, event: true })));
      assert.equal(k.p50, s[Math.ceil(s.length / 2) - 1]);
      assert.equal(k.p90, s[Math.ceil(s.length * 0.9) - 1]);
    }),
    opts,
  );
  fc.assert(
    fc.property(times, fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), (ts, flags) => {
      const items = ts.map((t, i) => ({ t, event: flags[i]! }));
      const done = items
        .filter((x) => x.event)
        .map((x) => x.t)
        .sort((a, b) => a - b);
      const k = kaplanMeier(items);
      if (k.p50 !== undefined && done.length)
        assert.ok(k.p50 >= done[Math.ceil(done.length / 2) - 1]!, `${k.p50} < closed-only lower median`);
    }),
    opts,
  );
});

test('tier: unknown exactly when no usage signal is known; the checklist always has four points', () => {
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  fc.assert(
    fc.property(
      maybe(fc.nat(1e8)),
      maybe(fc.nat(1e5)),
      maybe(fc.nat(1e9)),
      maybe(fc.nat(1e5)),
      maybe(
        fc.record({
          organizations: fc.nat(20),
          elephantFactor: fc.integer({ min: 1, max: 10 }),
          busFactor: fc.integer({ min: 1, max: 30 }),
        }),
      ),
      (dl, dep, pulls, fan, contributors) => {
        const inputs = {
          ...(dl !== undefined
            ? { downloads: { monthly: dl, floor: dl, filtering: 'raw' as const, source: 't' } }
            : {}),
          ...(dep !== undefined ? { dependents: { count: dep, source: 't' } } : {}),
          ...(pulls !== undefined ? { containerPulls: { total: pulls, source: 't' } } : {}),
          ...(fan !== undefined ? { fanOut: { derivatives: fan, source: 't' } } : {}),
          ...(contributors ? { contributors } : {}),
        };
        const r = classifyTier(inputs);
        const anyUsage = dl !== undefined || dep !== undefined || pulls !== undefined || fan !== undefined;
        assert.equal(r.tier === 'unknown', !anyUsage);
        assert.equal(r.confidence === 'none', !anyUsage);
        assert.equal(buildChecklist(inputs).length, 4);
      },
    ),
    opts,
  );
});

test('topic classifier: every issue gets a primary topic among its topics', () => {
  const clf = topicClassifier();
  fc.assert(
    fc.property(fc.string(), fc.array(fc.string()), fc.string({ maxLength: 3000 }), (title, labels, body) => {
      const c = clf.classify({ title, labels, body });
      assert.ok(c.topics.includes(c.primary) && c.topics.length > 0);
    }),
    opts,
  );
});
