// Computes the contributors view from a stored contributor report: the multi-organisation
// judgement (signals/contributors.ts), the window the organisation tables describe, and every
// sentence the report shows. Pure.
import type { ContributorReport } from '../../domain/contributors.js';
import { formatCount, formatShare } from '../../domain/format.js';
import { judgeMultiOrganization } from '../../signals/contributors.js';
import { WINDOW_LABEL, type ContributorsView } from './model.js';

/** An unattributed share at or above this makes the organisation figures a warning, not a finding. */
const UNATTRIBUTED_WARNING = 0.5;

export const CONTRIBUTORS_METHOD =
  'Contributions are commits × credited people (author and Co-authored-by). Bus factor: fewest people covering 50% of contributions; elephant factor: fewest organisations covering 50% of attributed contributions. See docs/contributors.md.';

export function computeContributorsView(r: ContributorReport): ContributorsView {
  const multi = judgeMultiOrganization(r);
  const twelve = r.windows.find((w) => w.window === '12m');
  const focus = twelve && twelve.commits > 0 ? twelve : (r.windows[0] ?? twelve);
  const src = r.source;
  const day = (iso: string): string => iso.slice(0, 10);
  const notes: string[] = [];
  const unattributedWarning =
    focus && focus.unattributedShare !== null && focus.unattributedShare >= UNATTRIBUTED_WARNING
      ? `${formatShare(focus.unattributedShare)} of contributions (${WINDOW_LABEL[focus.window]}) cannot be tied to an organisation: the organisation figures describe only the rest, and a low elephant factor may hide a single employer.`
      : null;
  if (r.skipped.afterAsOf > 0)
    notes.push(`${formatCount(r.skipped.afterAsOf)} commits landed after ${day(r.asOf)} and are not counted.`);
  notes.push(CONTRIBUTORS_METHOD);
  const u = focus?.unattributed;
  return {
    schema: 'kept.contributors/v3',
    asOf: r.asOf,
    activeMinCommits: r.activeMinCommits,
    windows: r.windows.map((w) => ({
      ...w,
      bots: { ...w.bots },
      organizations: w.organizations.map((o) => ({ ...o })),
      unattributed: { ...w.unattributed },
      topContributors: w.topContributors.map((p) => ({ ...p })),
    })),
    newContributorTrend: r.newContributorTrend.map((p) => ({ ...p })),
    identities: { ...r.identities },
    skipped: { ...r.skipped },
    range: { ...r.range },
    source: { ...src },
    multiOrganization: { ...multi },
    focusWindow: focus?.window ?? 'all',
    summary: `More than one organisation contributing (${WINDOW_LABEL[multi.window]}): ${multi.verdict}: ${multi.reason}.`,
    sentences: {
      scope:
        `Repository ${src.path} at ${src.head.slice(0, 12) || '(no commit)'}, as of ${day(r.asOf)}` +
        `${src.since ? `, since ${day(src.since)}` : ''}${src.until ? `, until ${day(src.until)}` : ''}` +
        `; ${src.merges ? 'merge commits included' : 'merge commits excluded'}; .mailmap ${src.mailmap ? 'applied' : 'ignored'}.`,
      history:
        r.range.first && r.range.last
          ? `History counted: ${day(r.range.first)} to ${day(r.range.last)}; ${formatCount(r.identities.addresses)} addresses merged into ${formatCount(r.identities.people)} people.`
          : null,
      unattributed:
        focus && u
          ? `Unattributed contributions (${WINDOW_LABEL[focus.window]}): ${formatCount(u.freemail)} free-mail, ${formatCount(u.noreply)} GitHub noreply without a known company, ${formatCount(u.personalDomain)} from a domain only one person used, ${formatCount(u.unknown)} without a usable address.`
          : 'No contribution was read.',
      unattributedWarning,
      topOrganization: focus ? topOrganizationSentence(focus) : null,
    },
    notes,
  };
}

/** "Top organisation (last 12 months): Apple, 96% of attributed contributions, 48% of all (50% unattributed)." */
function topOrganizationSentence(w: ContributorReport['windows'][number]): string | null {
  const top = w.organizations[0];
  if (!top) return null;
  const unattributed = w.unattributedShare === null ? '' : ` (${formatShare(w.unattributedShare)} unattributed)`;
  return `Top organisation (${WINDOW_LABEL[w.window]}): ${top.name}, ${formatShare(top.shareOfAttributed)} of attributed contributions, ${formatShare(top.share)} of all${unattributed}.`;
}
