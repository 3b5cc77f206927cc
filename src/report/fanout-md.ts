// Markdown of a model's fan-out, for the terminal. Pure.
import type { FanoutResult } from '../signals/fanout.js';
import { formatCount, formatShare } from '../domain/format.js';

export interface FanoutJson extends FanoutResult {
  readonly schema: 'kept.fanout/v1';
  readonly subject: string;
  /** Where the relations came from (sources) and the snapshot days they were first seen. */
  readonly sources: readonly string[];
}

export function renderFanoutMarkdown(f: FanoutJson): string {
  const d = f.direct;
  const t = f.tree;
  const out: string[] = [
    `# Fan-out of ${f.subject}`,
    '',
    `As of ${f.asOf} · sources: ${f.sources.join(', ') || 'none'}`,
    '',
  ];
  out.push(
    '| | fine-tunes | adapters | quantized | merges | unclassified | total | re-uploads | new work |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| direct children | ${d.finetune} | ${d.adapter} | ${d.quantized} | ${d.merge} | ${d.unclassified} | ${d.total} | ${f.reuploads.direct} | ${f.effective.direct} |`,
    `| whole tree (depth ${t.depth}) | ${t.finetune} | ${t.adapter} | ${t.quantized} | ${t.merge} | ${t.unclassified} | ${t.total} | ${f.reuploads.tree} | ${f.effective.tree} |`,
    '',
  );
  if (t.byDepth.length > 1)
    out.push(`Descendants by depth: ${t.byDepth.map((n, i) => `${i + 1}: ${n}`).join(' · ')}`, '');
  out.push(
    `Organisations building on it: ${f.orgs.distinct} besides its own (${f.orgs.baseOrgDerivatives} derivatives by the base's own organisation).`,
  );
  if (f.orgs.top.length)
    out.push(
      `Most active: ${f.orgs.top
        .slice(0, 5)
        .map((o) => `${o.org} (${o.models})`)
        .join(', ')}.`,
    );
  out.push('');
  const dl = f.downloads;
  out.push(
    `30-day downloads: base ${dl.base === null ? 'unknown' : formatCount(dl.base)}; derivatives ${formatCount(dl.derivatives)} (known for ${dl.known} of ${dl.known + dl.unknown}; re-uploads ${formatCount(dl.reuploads)}); derivatives' share ${dl.derivativeShare === null ? 'unknown' : formatShare(dl.derivativeShare)}.`,
  );
  out.push(`Spaces using it: ${f.spaces === null ? 'unknown (not collected)' : formatCount(f.spaces)}.`);
  if (f.growth.length > 1) {
    out.push('', '| first seen by | direct | tree |', '|---|---:|---:|');
    for (const g of f.growth.slice(-12)) out.push(`| ${g.date} | ${g.direct} | ${g.tree} |`);
  }
  if (f.reuploads.models.length) {
    out.push(
      '',
      `Re-uploads (same weights re-hosted, counted apart; heuristic in docs/fanout.md), first ${Math.min(10, f.reuploads.models.length)}:`,
    );
    for (const r of f.reuploads.models.slice(0, 10))
      out.push(`- ${r.id} (${r.relation}, depth ${r.depth}): ${r.reason}`);
  }
  out.push(
    '',
    '_Counts are the Hub model tree (base_model:{relation} tags) as imported or collected; downloads are the Hub 30-day counter, CI included._',
  );
  return out.join('\n');
}

export interface OrgFanoutJson {
  readonly schema: 'kept.fanout-org/v1';
  readonly org: string;
  readonly asOf: string;
  readonly models: readonly {
    readonly model: string;
    readonly direct: FanoutResult['direct'];
    readonly tree: number;
    readonly reuploads: number;
    readonly effective: number;
    readonly orgs: number;
    readonly downloads30d: number | null;
    readonly derivativeDownloads30d: number;
  }[];
}

export function orgFanoutJson(
  org: string,
  asOf: string,
  rows: readonly { model: string; fanout: FanoutResult }[],
): OrgFanoutJson {
  return {
    schema: 'kept.fanout-org/v1',
    org,
    asOf,
    models: rows.map(({ model, fanout: f }) => ({
      model,
      direct: f.direct,
      tree: f.tree.total,
      reuploads: f.reuploads.tree,
      effective: f.effective.tree,
      orgs: f.orgs.distinct,
      downloads30d: f.downloads.base,
      derivativeDownloads30d: f.downloads.derivatives,
    })),
  };
}

export function renderOrgFanoutMarkdown(j: OrgFanoutJson): string {
  const out = [
    `# Fan-out of the models of ${j.org}`,
    '',
    `As of ${j.asOf} · ${j.models.length} models with derivatives stored`,
    '',
  ];
  out.push(
    '| model | fine-tunes | adapters | quantized | merges | tree | re-uploads | new work | organisations | 30-day downloads |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const m of j.models) {
    out.push(
      `| ${m.model} | ${m.direct.finetune} | ${m.direct.adapter} | ${m.direct.quantized} | ${m.direct.merge} | ${m.tree} | ${m.reuploads} | ${m.effective} | ${m.orgs} | ${m.downloads30d === null ? 'unknown' : formatCount(m.downloads30d)} |`,
    );
  }
  out.push(
    '',
    '_fine-tunes…merges are direct children; tree counts every depth; a model built on two of these models is counted under both._',
  );
  return out.join('\n');
}
