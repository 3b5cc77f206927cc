// The verdict's settings from kept.yaml (`verdict:` thresholds, topic rules, unanswered-after days),
// shared by every command that shows a tier (verdict, profile, compare, serve, demo).
import { DEFAULT_TIER_THRESHOLDS, type TierThresholds } from '../classify/tier.js';
import { mergeTopicRules, topicClassifier, type TopicRule } from '../domain/issue-topics.js';
import { ConfigError, errorMessage } from '../domain/errors.js';
import type { VerdictSettings } from '../views/verdict/load.js';
import type { CliContext } from './context.js';

export function verdictOptionsFromConfig(ctx: CliContext): VerdictSettings {
  const cfg = ctx.config.config.verdict;
  // Only the thresholds the file sets; an absent key must not blank a default.
  const set = Object.fromEntries(
    Object.entries(cfg?.thresholds ?? {}).filter(([, v]) => v !== undefined),
  ) as Partial<TierThresholds>;
  // One `downloadFloor` applies to every category; `downloadFloorByCategory` overrides rows of the table.
  const byCategory = set.downloadFloor ? {} : DEFAULT_TIER_THRESHOLDS.downloadFloorByCategory;
  const thresholds: TierThresholds = {
    ...DEFAULT_TIER_THRESHOLDS,
    ...set,
    downloadFloorByCategory: { ...byCategory, ...(set.downloadFloorByCategory ?? {}) },
  };
  // kept.yaml's entries extend the built-in rules (or replace one topic's, with `replace: true`).
  const topicRules: TopicRule[] | undefined = cfg?.topics ? mergeTopicRules(cfg.topics) : undefined;
  if (topicRules) {
    try {
      topicClassifier(topicRules);
    } catch (err) {
      throw new ConfigError(`${ctx.config.path ?? 'kept.yaml'}: verdict.topics: ${errorMessage(err)}`, {
        hint: 'fix the pattern (JavaScript regular expression syntax)',
        cause: err,
      });
    }
  }
  return {
    thresholds,
    ...(topicRules ? { topicRules } : {}),
    ...(cfg?.unansweredAfterDays ? { unansweredAfterDays: cfg.unansweredAfterDays } : {}),
  };
}
