// The four-point "can I build on it" checklist (product.md §10), always shown in full: six-month
// download and reverse-dependency trends; contributions from more than one organisation; fast
// triage of serving and memory bugs; a deprecation policy with migration paths. Each point is
// pass / fail / unknown with the numbers behind it. Pure.
import { DEFAULT_TIER_THRESHOLDS, MAX_UNATTRIBUTED_SHARE, type TierInputs, type TierThresholds } from './tier.js';
import { medianBound } from '../signals/issue-tracker-health.js';

export type CheckStatus = 'pass' | 'fail' | 'unknown';

export interface CheckItem {
  readonly id: 'usage-trends' | 'multiple-organisations' | 'serving-memory-triage' | 'deprecation-policy';
  readonly question: string;
  readonly status: CheckStatus;
  readonly detail: string;
  /** 'measured', or the proxy used when the direct measure was not available. */
  readonly basis: string;
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const share = (x: number) => `${(x * 100).toFixed(0)}%`;

/** Top-organisation share above this means one organisation in all but name. */
export const MAX_TOP_ORG_SHARE = 0.9;
/** Above this unattributed share the organisation check is unknown (as in signals/contributors.ts and the tier). */
export { MAX_UNATTRIBUTED_SHARE };

export function buildChecklist(inputs: TierInputs, thresholds: TierThresholds = DEFAULT_TIER_THRESHOLDS): CheckItem[] {
  const T = thresholds;
  const items: CheckItem[] = [];

  // 1. Download and dependents trends over six months.
  {
    const g = inputs.downloads?.trend?.growth;
    const dg = inputs.dependents?.growth;
    const parts = [
      g === undefined
        ? 'download trend unknown'
        : `downloads ${pct(g)} (last 3 months vs the 3 before, ${inputs.downloads!.trend!.shape})`,
      dg === undefined ? 'dependents trend unknown' : `dependents ${pct(dg)}`,
    ];
    const declining = (g !== undefined && g < T.declineBelow) || (dg !== undefined && dg < T.declineBelow);
    // A spike that decayed is experimentation: growth measured across it says nothing about a floor.
    const spiky = inputs.downloads?.trend?.shape === 'spike-and-decay';
    if (spiky)
      parts.push(
        `a spike decayed (${inputs
          .downloads!.trend!.spikes.filter((s) => s.decayed)
          .map((s) => s.month)
          .join(', ')}), so the growth is not a rising floor`,
      );
    const status: CheckStatus = declining || spiky ? 'fail' : g === undefined ? 'unknown' : 'pass';
    items.push({
      id: 'usage-trends',
      question: 'Are downloads and dependents holding or growing over six months?',
      status,
      detail: parts.join('; '),
      basis: status === 'unknown' ? '—' : dg === undefined ? 'downloads only' : 'measured',
    });
  }

  // 2. More than one organisation contributing.
  {
    const c = inputs.contributors;
    let status: CheckStatus = 'unknown';
    let detail = 'contributor breadth not computed';
    if (c) {
      const top = c.topOrganizationShare;
      // Same rule as the contributor signal's judgeMultiOrganization: when most commits cannot be
      // tied to an organisation, the organisations seen say too little to pass or fail.
      const mostlyUnattributed = c.unattributedShare !== undefined && c.unattributedShare > MAX_UNATTRIBUTED_SHARE;
      status = mostlyUnattributed
        ? 'unknown'
        : c.organizations >= 2 && (top === undefined || top <= MAX_TOP_ORG_SHARE)
          ? 'pass'
          : 'fail';
      detail = `${c.organizations} organisations${top !== undefined ? `, the largest with ${share(top)} of attributed commits` : ''}, elephant factor ${c.elephantFactor}${c.unattributedShare !== undefined ? `; ${share(c.unattributedShare)} of commits unattributed` : ''}${mostlyUnattributed ? ' (too many to judge: add an affiliation file or GitHub companies)' : ''}`;
    }
    items.push({
      id: 'multiple-organisations',
      question: 'Do more than one organisation contribute?',
      status,
      detail,
      basis: c?.window ?? (status === 'unknown' ? '—' : 'measured'),
    });
  }

  // 3. Serving and memory bugs triaged fast.
  {
    const sm = inputs.issueHealth?.servingAndMemory;
    let status: CheckStatus = 'unknown';
    let detail = inputs.issueHealth ? 'no serving or memory issues in the data' : 'issues not collected';
    let basis = '—';
    if (sm && sm.count > 0) {
      basis = 'measured';
      const close = sm.timeToClose.km;
      const un = sm.unanswered;
      const unText =
        un.share === undefined
          ? ''
          : `; ${share(un.share)} of ${un.eligible} with no ${un.basis === 'first-response' ? 'response' : 'comment'} after ${un.afterDays} days`;
      const measured = sm.firstResponse.basis === 'measured';
      const km = measured ? sm.firstResponse.km : close;
      const m = medianBound(km);
      const limit = measured ? T.triageDays : T.triageCloseProxyDays;
      if (!measured) basis = 'proxy: time to close (no comment timestamps)';
      if (m) {
        status = m.exact ? (m.days <= limit ? 'pass' : 'fail') : m.days > limit ? 'fail' : 'unknown';
        const p50 = `${m.exact ? '' : 'more than '}${m.days.toFixed(1)} days${m.exact ? '' : ' (median not reached)'}`;
        const p90 = km?.p90 === undefined ? `over ${km?.maxObserved?.toFixed(0) ?? '?'}` : km.p90.toFixed(1);
        detail = measured
          ? `first response p50 ${p50}, p90 ${p90} (Kaplan–Meier, ${km?.censored ?? 0} still unanswered; pass at ≤ ${limit}) over ${sm.count} serving/memory issues${unText}`
          : `time to close p50 ${p50}, p90 ${p90} (Kaplan–Meier, ${(km?.censored ?? 0) - sm.closedAsStale} still open${sm.closedAsStale ? `, ${sm.closedAsStale} closed as stale` : ''}; pass at ≤ ${limit}) over ${sm.count} serving/memory issues${unText}`;
        if (status === 'unknown') basis = '—';
      } else {
        detail = `${sm.count} serving/memory issues, but no response or close times`;
        basis = '—';
      }
      if (inputs.issueHealth?.sample) detail += ` — ${inputs.issueHealth.sample}`;
    }
    items.push({
      id: 'serving-memory-triage',
      question: 'Are serving and memory bugs triaged fast?',
      status,
      detail,
      basis,
    });
  }

  // 4. Deprecation policy with migration paths.
  {
    const up = inputs.upgrade;
    let status: CheckStatus = 'unknown';
    let detail = 'releases and docs not collected';
    if (up) {
      const p = up.deprecationPolicy;
      const m = up.migrationGuide;
      status =
        p.status === 'found' && m.status === 'found'
          ? 'pass'
          : p.status === 'not-found' || m.status === 'not-found'
            ? 'fail'
            : 'unknown';
      const say = (name: string, f: typeof p) =>
        f.status === 'found'
          ? `${name}: ${f.evidence.slice(0, 2).join('; ')}`
          : `${name}: ${f.status}${f.reason ? ` (${f.reason})` : ''}`;
      detail = `${say('deprecation policy', p)}; ${say('migration guide', m)}`;
    }
    items.push({
      id: 'deprecation-policy',
      question: 'Is there a deprecation policy with migration paths?',
      status,
      detail,
      basis: status === 'unknown' ? '—' : 'measured',
    });
  }
  return items;
}
