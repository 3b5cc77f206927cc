// The sections a verdict shows, shared by the verdict and profile documents: the deployment tier
// with its evidence, what would move it and the checklist; attention vs usage; issue-tracker
// health; upgrade safety; what was read. Laid out from the model; nothing is computed here. Pure.
import { STAR_HISTORY_BASIS } from '../../domain/metrics.js';
import type { IssueHealthModel, UpgradeSafetyModel, VerdictCore } from '../../views/verdict/model.js';
import type { Block, Cell, Column, ReportSection, TableBlock } from '../document.js';

/** The tier section's id: the overview's tier links point here. */
export const VERDICT_ANCHOR = 'verdict-deployment-tier';

const MARK: Readonly<Record<string, string>> = { pass: 'PASS', fail: 'FAIL', unknown: 'UNKNOWN' };

export function tierSection(v: VerdictCore): ReportSection {
  const t = v.tier;
  const blocks: Block[] = [
    {
      kind: 'table',
      id: 'verdict-tier',
      caption:
        'The deployment tier, how much of it was measured, how many signal families stand behind it, and what usage alone reaches',
      columns: [
        { key: 'tier', label: 'deployment tier', format: 'text' },
        { key: 'confidence', label: 'confidence', format: 'text' },
        { key: 'coverage', label: 'signals measured', format: 'share', unit: 'of those the tier weighs' },
        { key: 'families', label: 'signal families behind it', format: 'count', unit: 'of 6' },
        { key: 'usage_tier', label: 'usage alone reaches', format: 'text' },
      ],
      rows: [[t.label, t.confidence, t.coverage, t.familiesBacking, t.usageTier.label]],
    },
    {
      kind: 'table',
      id: 'verdict-families',
      caption:
        'The six signal families: backs = measured and the verdict rests on it; below = measured, reaches a lower tier; unknown = not measured',
      columns: [
        { key: 'family', label: 'signal family', format: 'text' },
        { key: 'status', label: 'status', format: 'text' },
      ],
      rows: t.families.map((f) => [f.label, f.status]),
    },
    { kind: 'heading', text: 'Evidence' },
    v.evidence.length === 0
      ? { kind: 'prose', text: 'None: no signal was measured.' }
      : {
          kind: 'table',
          id: 'verdict-evidence',
          caption: 'The rules that fired: each supports a tier or blocks the verdict below it',
          columns: [
            { key: 'direction', label: 'direction', format: 'text' },
            { key: 'rule', label: 'rule', format: 'text' },
            { key: 'tier', label: 'tier', format: 'text' },
            { key: 'detail', label: 'detail', format: 'text' },
          ],
          rows: v.evidence.map((e) => [
            e.direction === 'for' ? 'supports' : 'blocks',
            e.rule,
            e.tier?.label ?? null,
            e.detail,
          ]),
        },
    { kind: 'heading', text: 'What would move the verdict' },
    v.wouldMove.length
      ? { kind: 'list', items: v.wouldMove }
      : { kind: 'prose', text: 'Nothing measured stands in the way; the unknown signals could still move it.' },
    { kind: 'heading', text: 'Can I build on it?' },
    {
      kind: 'table',
      id: 'verdict-checklist',
      caption: 'The four-point checklist (always all four)',
      columns: [
        { key: 'result', label: 'result', format: 'text' },
        { key: 'check', label: 'check', format: 'text' },
        { key: 'detail', label: 'detail', format: 'text' },
        { key: 'basis', label: 'basis', format: 'text' },
      ],
      rows: v.checklist.map((c) => [MARK[c.status] ?? c.status, c.question, c.detail, c.basis]),
    },
  ];
  return { id: VERDICT_ANCHOR, title: 'Deployment tier', blocks };
}

export function attentionSection(v: VerdictCore): ReportSection | undefined {
  const a = v.attention;
  if (!a) return undefined;
  const blocks: Block[] = [
    {
      kind: 'table',
      id: 'attention',
      caption: 'Stars (attention) beside downloads (usage)',
      columns: [
        { key: 'verdict', label: 'reading', format: 'text' },
        { key: 'stars', label: 'stars', format: 'count' },
        { key: 'stars_gain', label: 'stars gained in six months', format: 'percent' },
        { key: 'stars_trend', label: 'attention', format: 'text' },
        { key: 'downloads', label: 'downloads', format: 'count', unit: '30 days' },
        { key: 'growth', label: 'download growth', format: 'percent' },
        { key: 'usage_trend', label: 'usage', format: 'text' },
        { key: 'per_star', label: 'downloads per star', format: 'decimal' },
      ],
      rows: [
        [
          a.verdict,
          a.stars.latest,
          a.stars.relativeGain6m,
          a.stars.trend,
          a.usage.downloads30d,
          a.usage.growth,
          a.usage.trend,
          a.ratios.downloadsPerStar,
        ],
      ],
    },
  ];
  if (a.evidence.length) blocks.push({ kind: 'list', items: a.evidence });
  const sb = a.starBursts;
  if (sb && sb.bursts.length)
    blocks.push({
      kind: 'table',
      id: 'star-bursts',
      caption: `Star bursts: days and weeks far above the repository's own 12-week baseline (${sb.found} found; ${STAR_HISTORY_BASIS})`,
      columns: [
        { key: 'start', label: 'from', format: 'date' },
        { key: 'end', label: 'to', format: 'date' },
        { key: 'stars', label: 'stars', format: 'count' },
        { key: 'ratio', label: 'peak vs 12-week median', format: 'ratio' },
        { key: 'usage', label: 'usage after', format: 'text' },
        { key: 'evidence', label: 'attention evidence', format: 'text' },
        { key: 'burst', label: 'burst', format: 'text' },
      ],
      rows: sb.bursts.map((b) => [
        b.start,
        b.end,
        b.stars,
        b.ratio,
        b.usage.reading,
        b.attentionEvidence ? 'yes' : 'no',
        b.text,
      ]),
    });
  if (sb) for (const n of sb.notes) blocks.push({ kind: 'note', tone: 'info', text: `Star bursts: ${n}` });
  if (a.normalised.length)
    blocks.push({
      kind: 'table',
      id: 'attention-normalised',
      caption: 'Both curves over the six months, each divided by its first month',
      columns: [
        { key: 'month', label: 'month', format: 'text' },
        { key: 'downloads', label: 'downloads', format: 'decimal', unit: '× first month' },
        { key: 'stars', label: 'stars', format: 'decimal', unit: '× first month' },
      ],
      rows: a.normalised.map((p) => [p.month, p.downloads, p.stars]),
    });
  for (const n of a.notes) blocks.push({ kind: 'note', tone: 'info', text: n });
  return { id: 'attention', title: 'Attention vs usage', blocks };
}

type Group = IssueHealthModel['issues'];

function groupRow(name: string, g: Group): Cell[] {
  return [
    name,
    g.count,
    g.open,
    g.closedAsStale,
    g.firstResponse.km?.p50 ?? null,
    g.firstResponse.km?.p90 ?? null,
    g.timeToClose.km?.p50 ?? null,
    g.timeToClose.km?.p90 ?? null,
    g.timeToClose.completedOnly?.p50 ?? null,
    g.timeToClose.completedOnly?.p90 ?? null,
    g.unanswered.share,
    g.unanswered.unanswered,
    g.unanswered.eligible,
    g.backlog.ageP50,
  ];
}

export function issueHealthSection(h: IssueHealthModel): ReportSection {
  const after = h.issues.unanswered.afterDays;
  const columns: Column[] = [
    { key: 'group', label: 'group', format: 'text' },
    { key: 'items', label: 'items', format: 'count' },
    { key: 'open', label: 'open', format: 'count' },
    { key: 'closed_as_stale', label: 'closed as stale', format: 'count' },
    { key: 'first_response_p50', label: 'first response p50', format: 'days' },
    { key: 'first_response_p90', label: 'first response p90', format: 'days' },
    { key: 'close_p50', label: 'time to close p50', format: 'days' },
    { key: 'close_p90', label: 'time to close p90', format: 'days' },
    { key: 'closed_only_p50', label: 'closed only (not stale): time to close p50', format: 'days' },
    { key: 'closed_only_p90', label: 'closed only (not stale): time to close p90', format: 'days' },
    { key: 'unanswered_share', label: `unanswered after ${after} days`, format: 'share' },
    { key: 'unanswered', label: 'unanswered', format: 'count' },
    { key: 'eligible', label: `opened ${after}+ days before`, format: 'count' },
    { key: 'backlog_age_p50', label: 'open backlog age p50', format: 'days' },
  ];
  const groups: [string, Group][] = [
    ['all issues', h.issues],
    ['pull requests', h.pullRequests],
    ['serving + memory', h.servingAndMemory],
    ...Object.entries(h.byTopic).map(([t, g]): [string, Group] => [`topic: ${t}`, g]),
  ];
  const blocks: Block[] = [
    // A sample must not read as the whole tracker: its extent comes first.
    ...(h.coverage.status === 'complete'
      ? []
      : [
          {
            kind: 'note' as const,
            tone: h.coverage.status === 'sample' ? ('warning' as const) : ('info' as const),
            text: h.coverage.statement,
          },
        ]),
    {
      kind: 'prose',
      text: `As of ${h.asOf}${h.since ? `, issues opened since ${h.since}` : ''}. First response = first comment by someone other than the author, not a bot. p50 and p90 are Kaplan–Meier estimates (open items censored at their age, closes as stale at their close); an unknown quantile was not reached within the longest time observed. "Closed only" is the biased-low view, over issues closed other than as stale. Topic rows count an issue under every topic it matches.`,
    },
    {
      kind: 'table',
      id: 'issue-health',
      caption: 'Issues, pull requests and issue topics: response, close and backlog times',
      columns,
      rows: groups.map(([name, g]) => groupRow(name, g)),
    },
    {
      kind: 'table',
      id: 'issue-backlog',
      caption: 'Open issues at each month end',
      columns: [
        { key: 'at', label: 'at', format: 'date' },
        { key: 'open', label: 'open issues', format: 'count' },
      ],
      rows: h.backlogTrend.map((p) => [p.at, p.open]),
    },
  ];
  // The signal's notes say when the issues are a sample and when comment timestamps are missing.
  if (h.notes.length) blocks.push({ kind: 'list', items: h.notes });
  return { id: 'issue-health', title: 'Issue-tracker health', blocks };
}

const REASON_TEXT: Readonly<Record<string, string>> = {
  'major-bump': 'major version bump',
  'zero-minor-bump': '0.x minor bump',
  'breaking-section': 'breaking-changes section in the notes',
  'removed-section': 'removed section in the notes',
};

function optionalTable(t: TableBlock): TableBlock[] {
  return t.rows.length ? [t] : [];
}

export function upgradeSection(u: UpgradeSafetyModel): ReportSection {
  const c = u.cadence;
  const blocks: Block[] = [
    {
      kind: 'table',
      id: 'upgrade-releases',
      caption: `Releases as of ${u.asOf} (drafts left out) and their cadence`,
      columns: [
        { key: 'releases', label: 'releases', format: 'count' },
        { key: 'stable', label: 'stable', format: 'count' },
        { key: 'prereleases', label: 'pre-releases', format: 'count' },
        { key: 'stable_6m', label: 'stable in the last six months', format: 'count' },
        { key: 'prereleases_6m', label: 'pre-releases in the last six months', format: 'count' },
        { key: 'median_interval', label: 'median interval between stable releases', format: 'days' },
        { key: 'since_last', label: 'since the latest', format: 'days' },
        { key: 'latest', label: 'latest stable', format: 'text' },
        { key: 'breaking', label: 'breaking releases', format: 'count' },
        { key: 'breaking_12m', label: 'breaking in twelve months', format: 'count' },
      ],
      rows: [
        [
          u.releases.total,
          u.releases.stable,
          u.releases.prerelease,
          c.last6Months,
          c.prereleasesLast6Months,
          c.medianIntervalDays,
          c.daysSinceLast,
          c.latest,
          u.breaking.length,
          u.breakingLast12Months,
        ],
      ],
    },
    ...optionalTable({
      kind: 'table',
      id: 'upgrade-schemes',
      caption: 'Version schemes of the release tags',
      columns: [
        { key: 'scheme', label: 'scheme', format: 'text' },
        { key: 'releases', label: 'releases', format: 'count' },
      ],
      rows: u.schemes.map((s) => [s.scheme, s.releases]),
    }),
    {
      kind: 'table',
      id: 'upgrade-docs',
      caption: 'Written policy and migration guides',
      columns: [
        { key: 'finding', label: 'looked for', format: 'text' },
        { key: 'status', label: 'status', format: 'text' },
        { key: 'evidence', label: 'evidence', format: 'text' },
        { key: 'reason', label: 'reason', format: 'text' },
      ],
      rows: [
        [
          'deprecation or versioning policy',
          u.deprecationPolicy.status,
          u.deprecationPolicy.evidence.slice(0, 3).join('; '),
          u.deprecationPolicy.reason ?? '',
        ],
        [
          'migration guide',
          u.migrationGuide.status,
          u.migrationGuide.evidence.slice(0, 3).join('; '),
          u.migrationGuide.reason ?? '',
        ],
      ],
    },
    {
      kind: 'table',
      id: 'upgrade-breaking',
      caption: 'Breaking releases (the latest six)',
      columns: [
        { key: 'tag', label: 'release', format: 'text' },
        { key: 'date', label: 'date', format: 'date' },
        { key: 'reasons', label: 'why breaking', format: 'text' },
      ],
      rows: u.breaking.slice(-6).map((b) => [b.tag, b.date, b.reasons.map((r) => REASON_TEXT[r] ?? r).join(', ')]),
    },
    {
      kind: 'table',
      id: 'upgrade-deprecations',
      caption:
        u.deprecationNotices.length > 3
          ? `Deprecation notices in release notes (the latest three of ${u.deprecationNotices.length})`
          : 'Deprecation notices in release notes',
      columns: [
        { key: 'tag', label: 'release', format: 'text' },
        { key: 'date', label: 'date', format: 'date' },
        { key: 'line', label: 'notice', format: 'text' },
      ],
      rows: u.deprecationNotices.slice(-3).map((d) => [d.tag, d.date, d.line]),
    },
    {
      kind: 'table',
      id: 'upgrade-removals',
      caption: 'From deprecation to removal (names deprecated in one release and removed in a later one)',
      columns: [
        { key: 'name', label: 'name', format: 'text' },
        { key: 'deprecated_in', label: 'deprecated in', format: 'text' },
        { key: 'removed_in', label: 'removed in', format: 'text' },
        { key: 'days', label: 'after', format: 'days' },
      ],
      rows: u.deprecationToRemoval.map((r) => [r.name, r.deprecatedIn, r.removedIn, r.days]),
    },
    u.registry
      ? {
          kind: 'table',
          id: 'upgrade-registry',
          caption: 'Registry version states',
          columns: [
            { key: 'versions', label: 'versions', format: 'count' },
            { key: 'deprecated', label: 'deprecated (npm)', format: 'count' },
            { key: 'yanked', label: 'yanked (PyPI)', format: 'count' },
            { key: 'examples', label: 'examples', format: 'text' },
          ],
          rows: [
            [u.registry.versions, u.registry.deprecated, u.registry.yanked, u.registry.examples.join('; ') || null],
          ],
        }
      : { kind: 'prose', text: 'Registry version states (npm deprecated, PyPI yanked) were not collected.' },
  ];
  if (u.notes.length) blocks.push({ kind: 'list', items: u.notes });
  return { id: 'upgrade-safety', title: 'Upgrade safety', blocks };
}

/** The maintenance sections present: issue health and upgrade safety. */
export function maintenanceSections(v: VerdictCore): ReportSection[] {
  return [
    ...(v.issueHealth ? [issueHealthSection(v.issueHealth)] : []),
    ...(v.upgrade ? [upgradeSection(v.upgrade)] : []),
  ];
}

export function inputsSection(v: VerdictCore): ReportSection {
  return {
    id: 'verdict-inputs',
    title: 'What the verdict read',
    blocks: [
      v.inputs.length
        ? { kind: 'list', items: v.inputs }
        : { kind: 'prose', text: 'Nothing is stored for this project.' },
    ],
  };
}
