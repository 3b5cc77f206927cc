// The verdict's signal results (issue health, upgrade safety, attention vs usage) as model data:
// ISO days for dates, null for what is unknown. Pure.
import { ALL_TOPICS } from '../../domain/issue-topics.js';
import { isoDate } from '../../domain/time.js';
import type { AttentionUsage } from '../../signals/attention-usage.js';
import type { DurationFigure, GroupHealth, IssueHealth } from '../../signals/issue-tracker-health.js';
import type { UpgradeSafety, VersionScheme } from '../../signals/upgrade-safety.js';
import type { AttentionModel, IssueHealthModel, UpgradeSafetyModel } from './model.js';

const orNull = <T>(x: T | undefined): T | null => (x === undefined ? null : x);

function durationModel(d: DurationFigure): IssueHealthModel['issues']['firstResponse'] {
  return {
    basis: d.basis,
    reason: orNull(d.reason),
    km: d.km
      ? {
          p50: orNull(d.km.p50),
          p90: orNull(d.km.p90),
          events: d.km.events,
          censored: d.km.censored,
          maxObserved: orNull(d.km.maxObserved),
        }
      : null,
    completedOnly: d.completedOnly
      ? { n: d.completedOnly.n, p50: orNull(d.completedOnly.p50), p90: orNull(d.completedOnly.p90) }
      : null,
  };
}

function groupModel(g: GroupHealth): IssueHealthModel['issues'] {
  return {
    count: g.count,
    open: g.open,
    closed: g.closed,
    closedAsStale: g.closedAsStale,
    firstResponse: durationModel(g.firstResponse),
    timeToClose: durationModel(g.timeToClose),
    unanswered: {
      basis: g.unanswered.basis,
      afterDays: g.unanswered.afterDays,
      eligible: g.unanswered.eligible,
      unanswered: g.unanswered.unanswered,
      share: orNull(g.unanswered.share),
    },
    backlog: {
      open: g.backlog.open,
      ageP50: orNull(g.backlog.ageP50),
      ageP90: orNull(g.backlog.ageP90),
      oldestDays: orNull(g.backlog.oldestDays),
    },
  };
}

export function issueHealthModel(h: IssueHealth): IssueHealthModel {
  const byTopic = Object.fromEntries(
    ALL_TOPICS.map((t) => [t, groupModel(h.byTopic[t])]),
  ) as IssueHealthModel['byTopic'];
  return {
    asOf: isoDate(h.asOf),
    since: h.since ? isoDate(h.since) : null,
    sample: orNull(h.sample),
    coverage: { ...h.coverage, declared: orNull(h.coverage.declared) },
    staleClosures: { ...h.staleClosures, share: orNull(h.staleClosures.share) },
    botOpened: { ...h.botOpened },
    issues: groupModel(h.issues),
    pullRequests: groupModel(h.pullRequests),
    servingAndMemory: groupModel(h.servingAndMemory),
    byTopic,
    backlogTrend: h.backlogTrend.map((p) => ({ at: p.at.slice(0, 10), open: p.open })),
    notes: [...h.notes],
  };
}

const SCHEME_ORDER: readonly VersionScheme[] = ['semver', 'calver', 'build-number', 'unknown'];

export function upgradeSafetyModel(u: UpgradeSafety): UpgradeSafetyModel {
  return {
    asOf: isoDate(u.asOf),
    releases: { ...u.releases },
    schemes: SCHEME_ORDER.filter((s) => u.schemes[s] !== undefined).map((s) => ({
      scheme: s,
      releases: u.schemes[s] ?? 0,
    })),
    cadence: {
      last6Months: u.cadence.last6Months,
      prereleasesLast6Months: u.cadence.prereleasesLast6Months,
      medianIntervalDays: orNull(u.cadence.medianIntervalDays),
      daysSinceLast: orNull(u.cadence.daysSinceLast),
      latest: orNull(u.cadence.latest),
    },
    breaking: u.breaking.map((b) => ({ tag: b.tag, date: b.date.slice(0, 10), reasons: [...b.reasons] })),
    breakingLast12Months: u.breakingLast12Months,
    deprecationNotices: u.deprecationNotices.map((d) => ({ tag: d.tag, date: d.date.slice(0, 10), line: d.line })),
    deprecationToRemoval: u.deprecationToRemoval.map((d) => ({ ...d })),
    deprecationPolicy: {
      ...u.deprecationPolicy,
      evidence: [...u.deprecationPolicy.evidence],
      reason: orNull(u.deprecationPolicy.reason),
    },
    migrationGuide: {
      ...u.migrationGuide,
      evidence: [...u.migrationGuide.evidence],
      reason: orNull(u.migrationGuide.reason),
    },
    registry: u.registry ? { ...u.registry, examples: [...u.registry.examples] } : null,
    notes: [...u.notes],
  };
}

export function attentionModel(a: AttentionUsage): AttentionModel {
  return {
    asOf: isoDate(a.asOf),
    verdict: a.verdict,
    stars: {
      latest: orNull(a.stars.latest),
      sixMonthsAgo: orNull(a.stars.sixMonthsAgo),
      gain6m: orNull(a.stars.gain6m),
      relativeGain6m: orNull(a.stars.relativeGain6m),
      trend: a.stars.trend,
    },
    usage: {
      downloads30d: orNull(a.usage.downloads30d),
      growth: orNull(a.usage.growth),
      shape: orNull(a.usage.shape),
      trend: a.usage.trend,
    },
    ratios: {
      downloadsPerStar: orNull(a.ratios.downloadsPerStar),
      dependentsPer1kStars: orNull(a.ratios.dependentsPer1kStars),
    },
    percentiles: {
      peers: a.percentiles.peers,
      stars: orNull(a.percentiles.stars),
      downloads: orNull(a.percentiles.downloads),
      downloadsPerStar: orNull(a.percentiles.downloadsPerStar),
    },
    normalised: a.normalised.map((p) => ({ month: p.month, downloads: orNull(p.downloads), stars: orNull(p.stars) })),
    starBursts: a.starBursts
      ? {
          rule: a.starBursts.rule,
          days: a.starBursts.days,
          found: a.starBursts.found,
          bursts: a.starBursts.bursts.map((b) => ({
            kind: b.kind,
            start: b.start,
            end: b.end,
            stars: b.stars,
            peakDay: b.peakDay,
            peakStars: b.peakStars,
            baselineMedian: b.baselineMedian,
            ratio: orNull(b.ratio),
            score: b.score,
            usage: { basis: orNull(b.usage.basis), change: orNull(b.usage.change), reading: b.usage.reading },
            followedByUsage: orNull(b.followedByUsage),
            attentionEvidence: a.starBursts!.unmatched.includes(b),
            text: b.text,
          })),
          notes: [...a.starBursts.notes],
        }
      : null,
    evidence: [...a.evidence],
    notes: [...a.notes],
  };
}
