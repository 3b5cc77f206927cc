// Issue-tracker health (product.md signal 8): time to first response (first comment by someone other
// than the author, not a bot) and time to close, p50/p90, and the share unanswered after 30 days.
// Pure: items and `asOf` come in. Pull requests and bot-authored items are left out.

export interface IssueItem {
  readonly pullRequest: boolean;
  readonly authorBot: boolean;
  readonly createdAt: string;
  readonly closedAt: string | null;
  readonly firstResponseAt: string | null;
  readonly firstResponseKnown: boolean;
}

export interface IssueHealth {
  /** Issues counted (created on or before asOf, not PRs, not by bots). */
  readonly issues: number;
  /** Of which the first response is known (created inside a collected window). */
  readonly known: number;
  readonly responded: number;
  readonly firstResponseHoursP50: number | null;
  readonly firstResponseHoursP90: number | null;
  /** Among known issues at least 30 days old: the share with no response (yet). */
  readonly unansweredAfter30dShare: number | null;
  readonly unansweredAfter30dBase: number;
  readonly closed: number;
  readonly closeDaysP50: number | null;
  readonly closeDaysP90: number | null;
  /** Oldest and newest creation dates counted. */
  readonly from: string | null;
  readonly to: string | null;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The q-quantile by linear interpolation between closest ranks; null for no values. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export function computeIssueHealth(items: readonly IssueItem[], asOf: Date): IssueHealth {
  const now = asOf.getTime();
  const issues = items.filter((i) => !i.pullRequest && !i.authorBot && Date.parse(i.createdAt) <= now);
  const known = issues.filter((i) => i.firstResponseKnown);
  const responseHours: number[] = [];
  let responded = 0;
  let oldKnown = 0;
  let oldUnanswered = 0;
  for (const i of known) {
    const created = Date.parse(i.createdAt);
    const first = i.firstResponseAt === null ? null : Date.parse(i.firstResponseAt);
    const answered = first !== null && first <= now;
    if (answered) {
      responded++;
      responseHours.push((first - created) / HOUR);
    }
    if (now - created >= 30 * DAY) {
      oldKnown++;
      if (!answered || first - created > 30 * DAY) oldUnanswered++;
    }
  }
  const closeDays = issues.filter((i) => i.closedAt !== null && Date.parse(i.closedAt) <= now).map((i) => (Date.parse(i.closedAt!) - Date.parse(i.createdAt)) / DAY);
  const dates = issues.map((i) => i.createdAt.slice(0, 10)).sort();
  return {
    issues: issues.length,
    known: known.length,
    responded,
    firstResponseHoursP50: quantile(responseHours, 0.5),
    firstResponseHoursP90: quantile(responseHours, 0.9),
    unansweredAfter30dShare: oldKnown ? oldUnanswered / oldKnown : null,
    unansweredAfter30dBase: oldKnown,
    closed: closeDays.length,
    closeDaysP50: quantile(closeDays, 0.5),
    closeDaysP90: quantile(closeDays, 0.9),
    from: dates[0] ?? null,
    to: dates[dates.length - 1] ?? null,
  };
}
