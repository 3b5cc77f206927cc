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
  out.push(...renderRegistriesMarkdown(p));
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


/** Noise split, noise estimates, reverse dependencies and pulls (issue 4), as Markdown lines. */
export function renderRegistriesMarkdown(p: Profile): string[] {
  const out: string[] = [];
  if (p.noise.length) {
    out.push('## Downloads: raw → mirrors / CI / bots / remaining', '', '| package | window | raw | mirrors | CI | bots | remaining (human/production) | CI share | source |', '|---|---|---:|---:|---:|---:|---:|---:|---|');
    for (const n of p.noise) {
      const w = `${n.windowStart} → ${n.windowEnd} (${n.days} d)`;
      if (n.split) {
        const s = n.split;
        const band = s.humanBand && s.humanBand.low !== s.humanBand.high ? ` (${formatCount(s.humanBand.low)}–${formatCount(s.humanBand.high)})` : '';
        out.push(`| ${n.subject} | ${w} | ${formatCount(s.raw)} | ${formatCount(s.mirror)} | ${formatCount(s.ci)} | ${formatCount(s.bot)} | ${formatCount(s.human)}${band} | ${s.shares.ci === null ? 'unknown' : `≥ ${formatShare(s.shares.ci)}`} | ${n.source} |`);
      } else if (n.pypistats) {
        const m = n.pypistats.withMirrors - n.pypistats.withoutMirrors;
        out.push(`| ${n.subject} | ${w} | ${formatCount(n.pypistats.withMirrors)} | ${formatCount(m)} | unknown | unknown | ${formatCount(n.pypistats.withoutMirrors)} | unknown | ${n.source} |`);
      }
    }
    out.push('', ...[...new Set(p.noise.flatMap((n) => n.caveats))].map((c) => `_${c}._`), '');
  }
  const est = p.noiseEstimates.filter((e) => e.weekdayWeekend.ratio !== null || e.versions?.topVersion);
  if (est.length) {
    out.push('## Noise estimates (no source flag)', '');
    for (const e of est) {
      const parts: string[] = [];
      if (e.weekdayWeekend.ratio !== null) parts.push(`weekday/weekend ${e.weekdayWeekend.ratio.toFixed(2)}× (${e.weekdayWeekend.reading}, ${e.weekdayWeekend.weekdays + e.weekdayWeekend.weekendDays} days)`);
      if (e.versions?.topVersion && e.versions.topShare !== null) parts.push(`top version ${e.versions.topVersion} has ${formatShare(e.versions.topShare)} of recent downloads across ${e.versions.versions} versions`);
      out.push(`- ${e.subject}: ${parts.join('; ')}`);
    }
    out.push('', '_Heuristics, not filters: weekday dips suggest people, a flat week or one dominant version suggests CI fleets or mirrors._', '');
  }
  if (p.dependents.length) {
    out.push('## Reverse dependencies', '', '| package | source | dependents | as of | 6-month change |', '|---|---|---:|---|---:|');
    for (const d of p.dependents) for (const f of d.figures) out.push(`| ${d.subject} | ${f.source} | ${formatCount(f.value)} | ${f.observedAt} | ${f.growth6m === null ? 'unknown' : formatPercent(f.growth6m)} |`);
    out.push('', ...p.dependents.map((d) => `- ${d.subject}: ${d.disagree ? '**sources disagree**: ' : ''}${d.note}`), '');
  }
  if (p.pulls.length) {
    out.push('## Container and Ollama pulls', '', '| artifact | total pulls | as of | precision | last month (differenced) | month-over-month |', '|---|---:|---|---|---:|---:|');
    for (const x of p.pulls) {
      const m = x.months[x.months.length - 1];
      out.push(`| ${x.subject} | ${formatCount(x.latest.value)} | ${x.latest.observedAt} | ${x.precision ?? 'exact'} | ${m ? `${formatCount(m.value)} (${m.month})${m.plusMinus ? ` ±${formatCount(m.plusMinus)}` : ''}` : 'unknown'} | ${x.monthlyGrowth === null ? 'unknown' : formatPercent(x.monthlyGrowth)} |`);
    }
    const notes = [...new Set(p.pulls.flatMap((x) => x.notes))];
    if (notes.length) out.push('', ...notes.map((n) => `_${n}._`));
    out.push('');
  }
  return out;
}
