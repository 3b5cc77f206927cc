// The verdict report: deployment tier with its confidence, the evidence for and against, the
// signals that were unknown, what would move the verdict, the four-point checklist (always all
// four), then the issue-health and upgrade-safety sections when their data exists. Pure.
import type { TierResult } from '../classify/tier.js';
import type { CheckItem } from '../classify/checklist.js';
import type { AttentionUsage } from '../signals/attention-usage.js';
import type { IssueHealth } from '../signals/issue-tracker-health.js';
import type { UpgradeSafety } from '../signals/upgrade-safety.js';
import { renderIssueHealthMarkdown } from './issue-health-md.js';
import { renderUpgradeMarkdown } from './upgrade-md.js';

export interface VerdictReport {
  readonly schema: 'kept.verdict/v1';
  readonly project: { readonly id: string; readonly name: string; readonly category: string };
  readonly asOf: string;
  readonly tier: TierResult;
  readonly checklist: readonly CheckItem[];
  readonly attention: AttentionUsage | undefined;
  readonly issueHealth: IssueHealth | undefined;
  readonly upgrade: UpgradeSafety | undefined;
  /** What the verdict read, one line each: subject, record kind or metric, count, source. */
  readonly inputs: readonly string[];
}

export const TIER_NAMES: Readonly<Record<string, string>> = {
  experiment: 'experiment',
  'internal-tooling': 'internal tooling',
  'production-facing': 'production-facing',
  'load-bearing-infrastructure': 'load-bearing infrastructure',
  unknown: 'unknown',
};

export const MARK: Readonly<Record<string, string>> = { pass: 'PASS', fail: 'FAIL', unknown: 'UNKNOWN' };

/** The tier's one-line headline after its name: confidence, coverage, what usage alone reaches. */
export function tierQualifier(t: TierResult): string {
  return `confidence ${t.confidence} — ${Math.round(t.coverage * 100)}% of the expected signals known${t.usageTier === 'unknown' ? '; no usage signal measured' : `; usage alone reaches ${TIER_NAMES[t.usageTier]}`}.`;
}

export function renderTierMarkdown(t: TierResult): string {
  const lines = [
    `**Deployment tier: ${TIER_NAMES[t.tier]}** (\`${t.tier}\`), ${tierQualifier(t)}`,
    '',
    '### Evidence',
    '',
  ];
  if (t.evidence.length === 0) lines.push('- none: no signal was measured');
  for (const e of t.evidence)
    lines.push(
      `- ${e.direction === 'for' ? '+' : '−'} \`${e.rule}\`${e.tier === 'unknown' ? '' : ` (${e.direction === 'for' ? 'supports' : 'blocks'} ${TIER_NAMES[e.tier]})`}: ${e.detail}`,
    );
  lines.push('', '### Unknown', '');
  if (t.unknown.length === 0) lines.push('- nothing: every expected signal was measured');
  for (const u of t.unknown) lines.push(`- ${u.signal}: ${u.reason}`);
  lines.push('', '### What would move the verdict', '');
  for (const w of t.wouldMove) lines.push(`- ${w}`);
  if (t.wouldMove.length === 0) lines.push('- nothing measured stands in the way');
  return `${lines.join('\n')}\n`;
}

export function renderChecklistMarkdown(items: readonly CheckItem[]): string {
  const lines = ['### Can I build on it?', '', '| | check | result | basis |', '|---|---|---|---|'];
  for (const c of items)
    lines.push(`| ${MARK[c.status]} | ${c.question} | ${c.detail.replace(/\|/g, '\\|')} | ${c.basis} |`);
  return `${lines.join('\n')}\n`;
}

export function renderVerdictMarkdown(v: VerdictReport): string {
  const parts = [
    `# ${v.project.name}: deployment verdict as of ${v.asOf}`,
    '',
    renderTierMarkdown(v.tier),
    renderChecklistMarkdown(v.checklist),
  ];
  if (v.attention) {
    const a = v.attention;
    const idx = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(2));
    const table = a.normalised.length
      ? `\n\n| month | downloads (× first month) | stars (× first month) |\n|---|---:|---:|\n${a.normalised.map((p) => `| ${p.month} | ${idx(p.downloads)} | ${idx(p.stars)} |`).join('\n')}`
      : '';
    parts.push(
      `## Attention vs usage\n\n**${a.verdict}**${a.evidence.length ? `: ${a.evidence.join('; ')}` : ''}${table}${a.notes.length ? `\n\n${a.notes.map((n) => `- ${n}`).join('\n')}` : ''}\n`,
    );
  }
  if (v.issueHealth) parts.push(renderIssueHealthMarkdown(v.issueHealth));
  if (v.upgrade) parts.push(renderUpgradeMarkdown(v.upgrade));
  parts.push(
    `## Inputs\n\n${v.inputs.length ? v.inputs.map((i) => `- ${i}`).join('\n') : '- nothing stored for this project'}\n`,
  );
  return parts.join('\n');
}
