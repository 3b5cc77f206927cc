// The ecosystem report as Markdown tables and as one tidy CSV. Pure renderers over EcosystemModel.
import { LICENCE_CLASSES, REGION_ORDER, SIZE_CLASSES, UNKNOWN } from '../signals/ecosystem/classes.js';
import type { ChangeRow, EcosystemModel, ShareRow, SnapshotShares } from '../signals/ecosystem/compute.js';
import { formatCount, formatPercent, formatShare } from '../domain/format.js';

const SIZES = [...SIZE_CLASSES.map((c) => c.name), UNKNOWN];

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const esc = (c: string): string => c.replace(/\|/g, '\\|');
  return [
    `| ${head.map(esc).join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

const sh = (x: number | null): string => (x === null ? 'n/a' : formatShare(x));
const pct = (x: number | null): string => (x === null ? 'n/a' : formatPercent(x));
const pts = (x: number | null): string => (x === null ? 'n/a' : `${x > 0 ? '+' : ''}${x.toFixed(1)} pp`);
const dec = (x: number | null, digits = 3): string => (x === null ? 'n/a' : x.toFixed(digits));

function gbText(gb: number): string {
  return gb >= 10 ? `${gb.toFixed(0)} GB` : `${gb.toFixed(1)} GB`;
}

/** 7e9 → "7B", 1.35e8 → "135M". */
export function formatParameters(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return 'unknown';
  if (p >= 1e9) return `${Number((p / 1e9).toPrecision(3))}B`;
  return `${Number((p / 1e6).toPrecision(3))}M`;
}

function shareOf(s: SnapshotShares, key: string): ShareRow | undefined {
  return s.rows.find((r) => r.key === key);
}

function seriesTable(series: readonly SnapshotShares[], keys: readonly string[]): string {
  return table(
    ['snapshot', 'models', 'downloads (30 d)', ...keys],
    series.map((s) => [
      s.snapshot,
      formatCount(s.models),
      formatCount(s.downloads),
      ...keys.map((k) => sh(shareOf(s, k)?.share ?? null)),
    ]),
  );
}

function changeTable(label: string, rows: readonly ChangeRow[], from: string, to: string): string {
  return table(
    [label, `downloads ${from}`, `downloads ${to}`, 'growth', `share ${from}`, `share ${to}`, 'change'],
    rows.map((r) => [
      r.key,
      formatCount(r.downloadsFrom),
      formatCount(r.downloadsTo),
      pct(r.growth),
      sh(r.shareFrom),
      sh(r.shareTo),
      pts(r.sharePoints),
    ]),
  );
}

export function renderEcosystemMarkdown(m: EcosystemModel): string {
  const out: string[] = [];
  const regions = REGION_ORDER as readonly string[];
  out.push(`# kept ecosystem: Hugging Face model downloads, snapshot ${m.snapshot}`);
  out.push('');
  out.push(
    `As of ${m.asOf}; window ${m.windowMonths} months: ${m.snapshots.length} snapshot(s), ${m.snapshots[0] ?? m.snapshot} → ${m.snapshot}. ${m.method.downloads}`,
  );

  const c = m.coverage;
  out.push('', '## Coverage', '');
  out.push(
    `${formatCount(c.models)} models with a 30-day count on ${m.snapshot}, ${formatCount(c.downloads)} downloads. Attributable: region ${sh(c.regionAttributedShare)}, size ${sh(c.sizeKnownShare)}, licence ${sh(c.licenceKnownShare)}, family ${sh(c.familyKnownShare)} of the downloads.`,
  );
  out.push('');
  out.push(
    table(
      ['attribute', 'known from', 'models', 'downloads', 'share of downloads'],
      c.attributes.map((a) => [a.attribute, a.basis, formatCount(a.models), formatCount(a.downloads), sh(a.share)]),
    ),
  );

  const cov = (what: string, x: number | null): string =>
    `Coverage on ${m.snapshot}: ${what} for ${sh(x)} of the downloads.`;
  out.push(
    '',
    '## Download share by developer region',
    '',
    `${m.method.region} ${cov('region known', c.regionAttributedShare)}`,
    '',
  );
  out.push(seriesTable(m.regionShare.series, regions));
  const w = m.regionShare.window;
  out.push(
    '',
    `Window ${w.from} → ${w.to} (${w.snapshotCount} snapshot(s), ${formatCount(w.downloads)} downloads): ${w.rows.map((r) => `${r.key} ${sh(r.share)}`).join(', ')}. ${m.method.window}`,
  );
  const wts = m.regionShare.weights;
  if (wts.some((x) => x.derivativeModels > 0)) {
    out.push('', `Whose weights. ${m.method.weights}`, '');
    out.push(
      table(
        ['snapshot', 'derivatives', 'their downloads', ...regions],
        wts.map((x) => [
          x.snapshot,
          formatCount(x.derivativeModels),
          formatCount(x.derivativeDownloads),
          ...regions.map((k) => sh(shareOf(x, k)?.share ?? null)),
        ]),
      ),
    );
  } else {
    out.push(
      '',
      'Whose weights: no base-model relations are stored for these models, so every model counts for its own organisation (import Hub model records with `kept import hf-models` for the derivative view).',
    );
  }
  if (m.regionShare.differenced.length > 0) {
    out.push('', `Between snapshots, from all-time totals. ${m.method.differenced}`, '');
    out.push(
      table(
        ['from', 'to', 'models', 'downloads', ...regions, 'decreased'],
        m.regionShare.differenced.map((d) => [
          d.from,
          d.snapshot,
          formatCount(d.models),
          formatCount(d.downloads),
          ...regions.map((k) => sh(shareOf(d, k)?.share ?? null)),
          String(d.decreasedModels),
        ]),
      ),
    );
  }

  out.push('', `## Concentration (${m.snapshot})`, '', m.method.concentration, '');
  const tops = m.concentration[0]?.top.map((t) => `top-${t.n}`) ?? [];
  out.push(
    table(
      ['over', 'units', 'HHI', 'HHI ×10,000', 'Gini', ...tops, 'zero-download share'],
      m.concentration.map((r) => [
        r.level === 'family'
          ? 'families (excl. other)'
          : r.level === 'region'
            ? 'regions (excl. unknown)'
            : r.level === 'org'
              ? 'organisations'
              : 'models',
        formatCount(r.units),
        dec(r.hhi),
        r.hhi === null ? 'n/a' : Math.round(r.hhi * 10_000).toString(),
        dec(r.gini),
        ...r.top.map((t) => sh(t.share)),
        sh(r.zeroShare),
      ]),
    ),
  );

  out.push(
    '',
    '## Model sizes (share of downloads)',
    '',
    `${m.method.size} ${cov('size known', c.sizeKnownShare)}`,
    '',
  );
  out.push(seriesTable(m.sizeClasses, SIZES));

  out.push(
    '',
    '## Licence mix (share of downloads)',
    '',
    `${m.method.licence} ${cov('licence known', c.licenceKnownShare)}`,
    '',
  );
  out.push(seriesTable(m.licenceMix, LICENCE_CLASSES));

  out.push(
    '',
    `## Family table (${m.snapshot})`,
    '',
    `${m.method.family} ${cov('family recognised', c.familyKnownShare)}`,
    '',
  );
  out.push(
    table(
      [
        'family',
        'models',
        'downloads',
        'share',
        'orgs',
        'top orgs',
        'parameters',
        'size known',
        'edge ≤4B',
        'licences',
        'licence unknown',
        'libraries',
        'via base model',
      ],
      m.families.map((f) => [
        f.family,
        formatCount(f.models),
        formatCount(f.downloads),
        sh(f.share),
        formatCount(f.orgs),
        f.topOrgs.join(', '),
        f.minParameters === null
          ? 'unknown'
          : f.minParameters === f.maxParameters
            ? formatParameters(f.minParameters)
            : `${formatParameters(f.minParameters)}–${formatParameters(f.maxParameters)}`,
        `${f.sizeKnown}/${f.models}`,
        String(f.edgeModels),
        f.licences.map((l) => `${l.licence} (${l.models})`).join(', ') || '—',
        String(f.licenceUnknown),
        f.libraries.map((l) => `${l.library} (${l.models})`).join(', ') || '—',
        String(f.viaBaseModel),
      ]),
    ),
  );

  out.push('', '## Memory for the weights', '', m.method.memory, '');
  out.push(
    m.memory.length === 0
      ? 'No family has a known size.'
      : table(
          ['family', 'parameters', 'fp32', 'bf16', 'int8', 'int4', 'fits 8 GB at'],
          m.memory.map((r) => [
            r.family,
            formatParameters(r.parameters),
            gbText(r.gb.fp32),
            gbText(r.gb.bf16),
            gbText(r.gb.int8),
            gbText(r.gb.int4),
            r.fits8GbAt ?? '—',
          ]),
        ),
  );

  out.push('', `## Top organisations (${m.snapshot})`, '');
  out.push(
    table(
      ['organisation', 'region', 'models', 'downloads', 'share'],
      m.topOrgs.map((o) => [o.org, o.region, formatCount(o.models), formatCount(o.downloads), sh(o.share)]),
    ),
  );

  const mom = m.monthOverMonth;
  out.push('', '## Month over month', '');
  if (!mom) out.push('Only one snapshot on or before the as-of date: no change to show.');
  else {
    out.push(
      `${mom.from} → ${mom.to}: downloads ${formatCount(mom.downloadsFrom)} → ${formatCount(mom.downloadsTo)} (${pct(mom.growth)}). ${m.method.monthOverMonth}`,
      '',
    );
    out.push(changeTable('region', mom.regions, mom.from, mom.to), '');
    out.push(changeTable('size', mom.sizeClasses, mom.from, mom.to), '');
    out.push(changeTable('licence', mom.licenceClasses, mom.from, mom.to), '');
    out.push(changeTable('family', mom.families, mom.from, mom.to));
  }
  return `${out.join('\n')}\n`;
}

/** One tidy table: section, snapshot, key, models, downloads, share (and value for scalar metrics). */
export function renderEcosystemCsv(m: EcosystemModel): string {
  const rows: (string | number | null)[][] = [['section', 'snapshot', 'key', 'models', 'downloads', 'share', 'value']];
  const shares = (section: string, s: SnapshotShares): void => {
    for (const r of s.rows) rows.push([section, s.snapshot, r.key, r.models, r.downloads, r.share, null]);
  };
  for (const s of m.regionShare.series) shares('region', s);
  shares(`region-window-${m.windowMonths}m`, m.regionShare.window);
  for (const s of m.regionShare.weights) shares('region-weights', s);
  for (const s of m.regionShare.differenced) shares('region-differenced', s);
  for (const s of m.sizeClasses) shares('size', s);
  for (const s of m.licenceMix) shares('licence', s);
  for (const c of m.concentrationSeries) {
    rows.push([`concentration-${c.level}`, c.snapshot, 'hhi', c.units, c.total, null, c.hhi]);
    rows.push([`concentration-${c.level}`, c.snapshot, 'gini', c.units, c.total, null, c.gini]);
    for (const t of c.top)
      rows.push([`concentration-${c.level}`, c.snapshot, `top-${t.n}`, c.units, c.total, null, t.share]);
    rows.push([`concentration-${c.level}`, c.snapshot, 'zero-share', c.units, c.total, null, c.zeroShare]);
  }
  for (const f of m.families) rows.push(['family', m.snapshot, f.family, f.models, f.downloads, f.share, null]);
  for (const o of m.topOrgs) rows.push(['org', m.snapshot, o.org, o.models, o.downloads, o.share, null]);
  for (const a of m.coverage.attributes)
    rows.push([`coverage-${a.attribute}`, m.snapshot, a.basis, a.models, a.downloads, a.share, null]);
  const cell = (v: string | number | null): string => {
    if (v === null) return '';
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
}
