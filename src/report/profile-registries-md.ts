// Markdown of a profile's registry signals (noise split and estimates, reverse dependencies,
// pulls); sections/profile-sections.ts turns it into report sections. Pure.
import type { Profile } from '../pipeline/profile.js';
import { formatCount, formatPercent, formatShare } from '../domain/format.js';

/** Noise split, noise estimates, reverse dependencies and pulls (issue 4), as Markdown lines. */
export function renderRegistriesMarkdown(p: Profile): string[] {
  const out: string[] = [];
  if (p.noise.length) {
    out.push(
      '## Downloads: raw → mirrors / CI / bots / remaining',
      '',
      '| package | window | raw | mirrors | CI | bots | remaining (human/production) | CI share | source |',
      '|---|---|---:|---:|---:|---:|---:|---:|---|',
    );
    for (const n of p.noise) {
      const w = `${n.windowStart} → ${n.windowEnd} (${n.days} d)`;
      if (n.split) {
        const s = n.split;
        const band =
          s.humanBand && s.humanBand.low !== s.humanBand.high
            ? ` (${formatCount(s.humanBand.low)}–${formatCount(s.humanBand.high)})`
            : '';
        out.push(
          `| ${n.subject} | ${w} | ${formatCount(s.raw)} | ${formatCount(s.mirror)} | ${formatCount(s.ci)} | ${formatCount(s.bot)} | ${formatCount(s.human)}${band} | ${s.shares.ci === null ? 'unknown' : `≥ ${formatShare(s.shares.ci)}`} | ${n.source} |`,
        );
      } else if (n.pypistats) {
        const m = n.pypistats.withMirrors - n.pypistats.withoutMirrors;
        out.push(
          `| ${n.subject} | ${w} | ${formatCount(n.pypistats.withMirrors)} | ${formatCount(m)} | unknown | unknown | ${formatCount(n.pypistats.withoutMirrors)} | unknown | ${n.source} |`,
        );
      }
    }
    out.push('', ...[...new Set(p.noise.flatMap((n) => n.caveats))].map((c) => `_${c}._`), '');
  }
  const est = p.noiseEstimates.filter((e) => e.weekdayWeekend.ratio !== null || e.versions?.topVersion);
  if (est.length) {
    out.push('## Noise estimates (no source flag)', '');
    for (const e of est) {
      const parts: string[] = [];
      if (e.weekdayWeekend.ratio !== null)
        parts.push(
          `weekday/weekend ${e.weekdayWeekend.ratio.toFixed(2)}× (${e.weekdayWeekend.reading}, ${e.weekdayWeekend.weekdays + e.weekdayWeekend.weekendDays} days)`,
        );
      if (e.versions?.topVersion && e.versions.topShare !== null)
        parts.push(
          `top version ${e.versions.topVersion} has ${formatShare(e.versions.topShare)} of recent downloads across ${e.versions.versions} versions`,
        );
      out.push(`- ${e.subject}: ${parts.join('; ')}`);
    }
    out.push(
      '',
      '_Heuristics, not filters: weekday dips suggest people, a flat week or one dominant version suggests CI fleets or mirrors._',
      '',
    );
  }
  if (p.dependents.length) {
    out.push(
      '## Reverse dependencies',
      '',
      '| package | source | dependents | as of | 6-month change |',
      '|---|---|---:|---|---:|',
    );
    for (const d of p.dependents)
      for (const f of d.figures)
        out.push(
          `| ${d.subject} | ${f.source} | ${formatCount(f.value)} | ${f.observedAt} | ${f.growth6m === null ? 'unknown' : formatPercent(f.growth6m)} |`,
        );
    out.push(
      '',
      ...p.dependents.map((d) => `- ${d.subject}: ${d.disagree ? '**sources disagree**: ' : ''}${d.note}`),
      '',
    );
  }
  if (p.pulls.length) {
    out.push(
      '## Container and Ollama pulls',
      '',
      '| artifact | total pulls | as of | precision | last month (differenced) | month-over-month |',
      '|---|---:|---|---|---:|---:|',
    );
    for (const x of p.pulls) {
      const m = x.months[x.months.length - 1];
      out.push(
        `| ${x.subject} | ${formatCount(x.latest.value)} | ${x.latest.observedAt} | ${x.precision ?? 'exact'} | ${m ? `${formatCount(m.value)} (${m.month})${m.plusMinus ? ` ±${formatCount(m.plusMinus)}` : ''}` : 'unknown'} | ${x.monthlyGrowth === null ? 'unknown' : formatPercent(x.monthlyGrowth)} |`,
      );
    }
    const notes = [...new Set(p.pulls.flatMap((x) => x.notes))];
    if (notes.length) out.push('', ...notes.map((n) => `_${n}._`));
    out.push('');
  }
  return out;
}
