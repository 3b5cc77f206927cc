// Markdown of a project profile, for the terminal and files. Pure.
import type { Profile } from '../pipeline/profile.js';
import { formatCount, formatPercent, formatShare } from './format.js';

import { renderGithubMarkdown } from './profile-github-md.js';
import { describeSpike } from './trend-output.js';

export function renderProfileMarkdown(p: Profile): string {
  const out: string[] = [`# ${p.project.name} (${p.project.category})`, ''];
  if (p.project.description) out.push(p.project.description, '');
  out.push(`As of ${p.asOf} · artifacts: ${p.project.artifacts.join(', ') || 'none'}`, '');
  if (p.downloads.length) {
    out.push('## Downloads', '', '| package | latest | window | 6-month growth | slope / month | shape | source |', '|---|---:|---|---:|---:|---|---|');
    for (const d of p.downloads) {
      const t = d.trend;
      out.push(
        `| ${d.subject} | ${formatCount(d.latest.value)} | ${d.latest.windowStart} → ${d.latest.windowEnd} | ${t.growth === null ? 'unknown' : formatPercent(t.growth)} | ${t.monthlyRate === null ? 'unknown' : formatPercent(t.monthlyRate)} | ${t.shape} | ${d.latest.source} |`,
      );
    }
    const spikes = p.downloads.flatMap((d) => d.trend.spikes.map((s) => `${d.subject} ${describeSpike(s)}`));
    if (spikes.length) out.push('', ...spikes.map((s) => `- Spike: ${s}`));
    out.push('', '_Downloads include mirrors and CI where the source does not separate them (top-pypi-packages does not)._', '');
  }
  if (p.models.length) {
    out.push('## Hub models', '', '| model | 30-day downloads | likes | parameters | licence | fine-tunes | adapters | quantized | merges |', '|---|---:|---:|---:|---|---:|---:|---:|---:|');
    for (const m of p.models) {
      const d = m.derivatives;
      out.push(
        `| ${m.subject} | ${m.downloads30d ? formatCount(m.downloads30d.value) : 'unknown'} | ${m.likes ? formatCount(m.likes.value) : 'unknown'} | ${m.parameters ? formatCount(m.parameters.value) : 'unknown'} | ${m.facts.license ?? 'unknown'} | ${d.finetune ?? 0} | ${d.adapter ?? 0} | ${d.quantized ?? 0} | ${d.merge ?? 0} |`,
      );
    }
    const withFanout = p.models.filter((m) => m.fanout && m.fanout.tree > 0);
    if (withFanout.length) {
      out.push('', '| model | fan-out (tree) | depth | re-uploads | new work | organisations | derivatives\' 30-day downloads | share of downloads | Spaces |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|');
      for (const m of withFanout) {
        const f = m.fanout!;
        out.push(
          `| ${m.subject} | ${f.tree} | ${f.depth} | ${f.reuploads} | ${f.effective} | ${f.orgs} | ${formatCount(f.derivativeDownloads30d)} (known for ${f.downloadsKnownFor}) | ${f.derivativeShare === null ? 'unknown' : formatShare(f.derivativeShare)} | ${f.spaces === null ? 'unknown' : formatCount(f.spaces)} |`,
        );
      }
      out.push('', '_Re-uploads: same weights re-hosted under the same name (GGUF, MLX, AWQ, bf16…), counted apart; see docs/fanout.md or kept fanout hf:MODEL._');
    }
    const dated = p.models.map((m) => m.downloads30d?.observedAt).filter(Boolean);
    if (dated.length) out.push('', `_Hub figures from snapshots of ${[...new Set(dated)].join(', ')}; derivatives are the direct children listed by then._`);
    out.push('');
  }
  out.push(...renderGithubMarkdown(p.github));
  if (p.unknowns.length) {
    out.push('## Unknown', '');
    for (const u of p.unknowns) out.push(`- ${u.signal}${u.subject ? ` (${u.subject})` : ''}: ${u.reason}`);
  }
  return out.join('\n').trimEnd();
}
