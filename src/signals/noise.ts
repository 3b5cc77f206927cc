// CI, mirror and bot noise in package downloads: the raw → filtered split with its uncertainty
// band. Pure. The categories and the rule that assigns them live in domain/downloads.ts.
import { CI_CAVEAT, type DownloadCategory } from '../domain/downloads.js';

// The read side names the installers that can report CI beside the split it computes.
export { CI_REPORTING_INSTALLERS } from '../domain/downloads.js';

export interface NoiseCounts {
  readonly raw: number;
  readonly mirror: number;
  readonly ci: number;
  readonly bot: number;
  readonly human: number;
  /** Non-mirror downloads by installers that can report CI (pip, uv); undefined when not known. */
  readonly ciReporting?: number;
}

export interface NoiseSplit extends NoiseCounts {
  readonly shares: Readonly<Record<DownloadCategory, number | null>>;
  /**
   * The human/production figure as a band: `high` treats every unflagged download as human (CI is
   * a lower bound); `low` assumes installers that cannot report CI run in CI as often as pip and
   * uv do. null when the split cannot be estimated.
   */
  readonly humanBand: { readonly low: number; readonly high: number } | null;
  readonly caveats: readonly string[];
}

export function computeNoiseSplit(c: NoiseCounts): NoiseSplit {
  const share = (n: number): number | null => (c.raw > 0 ? n / c.raw : null);
  const caveats = [`CI is ${CI_CAVEAT}`];
  let humanBand: NoiseSplit['humanBand'] = null;
  if (c.raw > 0) {
    let low = c.human;
    if (c.ciReporting !== undefined && c.ciReporting > 0) {
      const ciRate = Math.min(1, c.ci / c.ciReporting);
      // Human-classified downloads from installers that never report CI.
      const silent = Math.max(0, c.human - (c.ciReporting - c.ci));
      low = Math.max(0, Math.round(c.human - silent * ciRate));
    } else {
      caveats.push('no CI-reporting installer in the data: the human band has no lower estimate');
    }
    humanBand = { low, high: c.human };
  }
  if (c.bot > 0)
    caveats.push(
      'bots (crawlers, monitors, no user agent) appear only in raw CDN logs; BigQuery and pypistats never count them',
    );
  return {
    ...c,
    shares: { human: share(c.human), ci: share(c.ci), mirror: share(c.mirror), bot: share(c.bot) },
    humanBand,
    caveats,
  };
}
