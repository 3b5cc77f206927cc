// The overview `kept demo` prints: per catalog project, its deployment tier, latest downloads,
// six-month trend and spikes, each with source and window; then where the data came from. Pure.
import type { DemoStep } from '../pipeline/demo.js';
import type { Profile } from '../pipeline/profile.js';
import { formatCount, formatPercent } from '../domain/format.js';

export function renderDemoOverview(input: {
  asOf: string;
  dbPath: string;
  steps: readonly DemoStep[];
  profiles: readonly Profile[];
  nextSteps: readonly string[];
}): string {
  const out: string[] = [`# kept demo: adoption overview as of ${input.asOf}`, ''];
  const withDownloads = input.profiles.filter((p) => p.downloads.length > 0);
  out.push(
    `PyPI downloads of ${withDownloads.length} catalog projects (30-day windows; growth = last 3 months vs the 3 before).`,
    '',
    '| project | deployment tier | package | latest downloads | window | 6-month growth | shape | spikes | source |',
    '|---|---|---|---:|---|---:|---|---|---|',
  );
  const rows = withDownloads
    .flatMap((p) => p.downloads.map((d) => ({ p, d })))
    .sort((a, b) => b.d.latest.value - a.d.latest.value);
  for (const { p, d } of rows) {
    const t = d.trend;
    const spikes = t.spikes
      .map(
        (s) =>
          `${s.month} ×${s.ratio.toFixed(1)}${s.decayed === true ? ' decayed' : s.decayed === null ? ' (latest)' : ''}`,
      )
      .join('; ');
    out.push(
      `| ${p.project.name} | ${p.verdict.tier.tier} | ${d.subject} | ${formatCount(d.latest.value)} | ${d.latest.windowStart} → ${d.latest.windowEnd} | ${t.growth === null ? 'unknown' : formatPercent(t.growth)} | ${t.shape} | ${spikes || '–'} | ${d.latest.source} |`,
    );
  }
  const models = input.profiles.flatMap((p) =>
    p.models.filter((m) => m.downloads30d || Object.keys(m.derivatives).length).map((m) => ({ p, m })),
  );
  if (models.length) {
    out.push(
      '',
      "Hugging Face models (snapshot of the model tree; fine-tunes…merges are direct children, tree counts every depth, re-uploads of the same weights are counted apart, organisations exclude the base's own):",
      '',
      '| project | model | 30-day downloads | fine-tunes | adapters | quantized | merges | tree | re-uploads | organisations | snapshot |',
      '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    );
    for (const { p, m } of models) {
      const d = m.derivatives;
      out.push(
        `| ${p.project.name} | ${m.subject} | ${m.downloads30d ? formatCount(m.downloads30d.value) : 'unknown'} | ${d.finetune ?? 0} | ${d.adapter ?? 0} | ${d.quantized ?? 0} | ${d.merge ?? 0} | ${m.fanout?.tree ?? 0} | ${m.fanout?.reuploads ?? 0} | ${m.fanout?.orgs ?? 0} | ${m.downloads30d?.observedAt ?? 'unknown'} |`,
      );
    }
  }
  const without = input.profiles.filter(
    (p) => p.downloads.length === 0 && !p.models.some((m) => m.downloads30d || Object.keys(m.derivatives).length),
  );
  if (without.length)
    out.push(
      '',
      `No bundled data for ${without.length} projects (${without.map((p) => p.project.id).join(', ')}): their signals come from live collection (kept collect).`,
    );
  out.push('', 'Data (bundled, real, offline):');
  for (const s of input.steps) out.push(`- ${s.what}: ${s.rows} rows from ${s.file} (${s.origin})`);
  out.push(
    '- Caveat: these PyPI counts include mirrors and CI; kept separates them when it reads raw download logs or ClickPy.',
    '',
    `Database: ${input.dbPath}`,
    '',
    'Next:',
  );
  for (const n of input.nextSteps) out.push(`  ${n}`);
  return out.join('\n');
}
