// Stale usage data lowers a verdict's confidence: a tier judged from downloads that end months
// before the date judged describes that earlier time. One step down (high → medium → low), with
// an evidence line saying why; the tier itself is left as the rules decided it. Pure.
import type { TierResult } from './tier.js';

export interface UsageStaleness {
  /** End of the latest usage data the tier weighed (ISO day). */
  readonly dataEnds: string;
  /** The date judged (ISO day). */
  readonly asOf: string;
  readonly ageDays: number;
  readonly staleAfterDays: number;
}

const LOWER: Readonly<Record<TierResult['confidence'], TierResult['confidence']>> = {
  high: 'medium',
  medium: 'low',
  low: 'low',
  none: 'none',
};

/** The tier with its confidence lowered one step and the reason in its evidence; unchanged when not stale or unknown. */
export function applyUsageStaleness(tier: TierResult, stale: UsageStaleness | undefined): TierResult {
  if (!stale || stale.ageDays <= stale.staleAfterDays || tier.tier === 'unknown') return tier;
  const confidence = LOWER[tier.confidence];
  const step =
    confidence === tier.confidence
      ? `confidence stays ${confidence}, the lowest a measured tier has`
      : `confidence lowered one step, ${tier.confidence} → ${confidence}`;
  return {
    ...tier,
    confidence,
    evidence: [
      ...tier.evidence,
      {
        rule: 'stale-usage-data',
        signal: 'freshness',
        direction: 'against',
        tier: 'unknown',
        detail: `the usage data ends ${stale.dataEnds}, ${stale.ageDays} days before ${stale.asOf} (stale after ${stale.staleAfterDays} days): the tier describes that time; ${step}`,
      },
    ],
  };
}
