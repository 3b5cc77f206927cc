// Computes the gap view (pure): per series and month, each side's sum over the members with data
// and their ratio; the six-month trends of both sides and of the ratio (signals/trend.ts); the
// year-on-year and month-on-month changes member by member; the sentences and the caveats.
import type { GapFamilies, GapFamily, GapSide } from '../../config/gap-families.js';
import { formatCount, formatPercent, formatShare } from '../../domain/format.js';
import { formatSubject, groupBySubject, type Subject } from '../../domain/subject.js';
import { addMonths, isoDate } from '../../domain/time.js';
import { computeSnapshotGrowth } from '../../signals/snapshot-growth.js';
import { computeTrend, monthlySeries, type SeriesPoint } from '../../signals/trend.js';
import { spikeModel } from '../trend/compute.js';
import { computeFreshness, latestOf, resolveAsOf } from '../shared/freshness.js';
import type { GapInputs, GapRequest } from './load.js';
import {
  GAP_SERIES,
  type GapChange,
  type GapMonth,
  type GapRatioPoint,
  type GapSeries,
  type GapSeriesName,
  type GapSideChange,
  type GapSideMonth,
  type GapTrend,
  type GapView,
} from './model.js';

interface MonthValue {
  readonly value: number;
  readonly windowEnd: Date;
}

/** A member's values by month (`YYYY-MM`), on or before asOf. */
type MemberMonths = ReadonlyMap<string, MonthValue>;

const SERIES_OF_KIND: Readonly<Partial<Record<Subject['kind'], GapSeriesName>>> = {
  pypi: 'pypi',
  npm: 'npm',
  docker: 'containers',
  ghcr: 'containers',
};

const SERIES_LABEL: Readonly<Record<GapSeriesName, string>> = {
  pypi: 'PyPI',
  npm: 'npm',
  containers: 'container images',
};

export function computeGapView(inputs: GapInputs, request: Pick<GapRequest, 'asOf' | 'today' | 'families'>): GapView {
  // One as-of rule for every view: the date asked for, else the end of the latest data read.
  const latestData = latestOf([
    ...inputs.downloads.flatMap((d) => d.points.map((p) => p.windowEnd)),
    ...inputs.pulls.map((o) => o.windowEnd),
  ]);
  const { asOf, basis } = resolveAsOf(request.asOf, latestData, request.today);
  const families = request.families;
  const notes: string[] = [];
  const byMember = new Map<string, MemberMonths>();
  const sourcesOf = new Map<string, readonly string[]>();
  for (const s of inputs.downloads) {
    const key = formatSubject(s.subject);
    const months = monthlySeries(s.points.filter((p) => p.windowEnd.getTime() <= asOf.getTime()));
    byMember.set(key, new Map(months.map((m) => [m.month, { value: m.value, windowEnd: m.windowEnd }])));
    sourcesOf.set(key, s.sources);
  }
  for (const [key, rows] of groupBySubject(inputs.pulls)) {
    const g = computeSnapshotGrowth(
      rows.map((o) => ({ at: o.windowEnd, value: o.value })),
      asOf,
    );
    byMember.set(key, new Map(g.months.map((m) => [m.month, { value: m.value, windowEnd: m.end }])));
    sourcesOf.set(key, [...new Set(rows.map((o) => o.source))]);
    for (const n of g.notes) notes.push(`${key} pulls: ${n}`);
  }

  const all: GapSeries[] = [];
  for (const name of GAP_SERIES) {
    const s = seriesOf(name, families, byMember, sourcesOf, asOf);
    if (s) all.push(s);
  }
  const headline =
    all.find((s) => s.series === 'pypi' && s.months.some((m) => m.ratio !== null))?.series ??
    all.find((s) => s.months.some((m) => m.ratio !== null))?.series ??
    all[0]?.series ??
    'pypi';
  const series = [...all.filter((s) => s.series === headline), ...all.filter((s) => s.series !== headline)];
  const main = series.find((s) => s.series === headline);

  const withRatio = main?.months.filter((m) => m.ratio !== null) ?? [];
  const latestRow = withRatio[withRatio.length - 1];
  const yearRow = latestRow ? main?.months.find((m) => m.month === shiftMonth(latestRow.month, -12)) : undefined;
  const monthRow = latestRow ? main?.months.find((m) => m.month === shiftMonth(latestRow.month, -1)) : undefined;
  const changes: GapChange[] = [];
  if (latestRow && yearRow) changes.push(changeBetween('year', headline, yearRow, latestRow));
  if (latestRow && monthRow) changes.push(changeBetween('month', headline, monthRow, latestRow));

  const lastRow = main?.months[main.months.length - 1];
  const dataEnds = lastRow ? lastRow.windowEnd : null;
  const freshness = computeFreshness({
    asOf,
    basis,
    today: request.today,
    dataEnds: dataEnds ? new Date(dataEnds) : null,
    what: `the ${SERIES_LABEL[headline]} data of the gap's families`,
  });
  if (main) notes.push(...presenceNotes(main, families));
  for (const n of main?.trend.ratio?.notes ?? []) notes.push(`the ratio's six-month trend: ${n}`);
  notes.push(...missingNotes(families, byMember, asOf));
  return {
    schema: 'kept.gap/v1',
    asOf: isoDate(asOf),
    freshness,
    families: { closed: familyModel(families.closed), open: familyModel(families.open) },
    headline,
    dataEnds,
    latest: latestRow ? ratioPoint(headline, latestRow) : null,
    yearEarlier: yearRow ? ratioPoint(headline, yearRow) : null,
    series,
    changes,
    summary: gapSummary(families, headline, main, latestRow, yearRow, changes, asOf),
    caveats: gapCaveats(families),
    notes,
  };
}

/** Members with no value on or before asOf: one note per series, naming them unless the whole series is empty. */
function missingNotes(families: GapFamilies, byMember: ReadonlyMap<string, MemberMonths>, asOf: Date): string[] {
  const out: string[] = [];
  const members = [...new Set([...families.closed.members, ...families.open.members].map(formatSubject))];
  for (const name of GAP_SERIES) {
    const of = members.filter((k) => SERIES_OF_KIND[k.slice(0, k.indexOf(':')) as Subject['kind']] === name);
    const none = of.filter((k) => !byMember.get(k)?.size);
    if (none.length === 0) continue;
    out.push(
      none.length === of.length
        ? `${SERIES_LABEL[name]}: nothing stored on or before ${isoDate(asOf)} for the families' ${of.length} members (kept collect, or an import, adds them)`
        : `${SERIES_LABEL[name]}: no data on or before ${isoDate(asOf)} for ${none.join(', ')}: absent from every month, not counted as zero`,
    );
  }
  return out;
}

function familyModel(f: GapFamily): GapView['families']['closed'] {
  return { label: f.label, members: f.members.map(formatSubject), fromConfig: [...f.fromConfig] };
}

/** `YYYY-MM` shifted by whole months. */
function shiftMonth(month: string, by: number): string {
  return isoDate(addMonths(new Date(`${month}-01T00:00:00Z`), by)).slice(0, 7);
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-03` → `March 2026`. */
export function monthName(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month.slice(5, 7)} ${month.slice(0, 4)}`;
}

/** One series: the month rows of both sides, their trends, and the members' own spikes; undefined without data. */
function seriesOf(
  name: GapSeriesName,
  families: GapFamilies,
  byMember: ReadonlyMap<string, MemberMonths>,
  sourcesOf: ReadonlyMap<string, readonly string[]>,
  asOf: Date,
): GapSeries | undefined {
  const membersOf = (side: GapSide): string[] =>
    families[side].members.filter((m) => SERIES_OF_KIND[m.kind] === name).map(formatSubject);
  const closed = membersOf('closed');
  const open = membersOf('open');
  const keys = [...closed, ...open];
  const monthSet = new Set<string>();
  for (const k of keys) for (const month of byMember.get(k)?.keys() ?? []) monthSet.add(month);
  if (monthSet.size === 0) return undefined;
  const months: GapMonth[] = [...monthSet].sort().map((month) => {
    const side = (members: readonly string[]): GapSideMonth => {
      const values = members.map((k) => ({ subject: k, at: byMember.get(k)?.get(month) }));
      const present = values.filter((v) => v.at !== undefined);
      const total = present.length ? present.reduce((s, v) => s + v.at!.value, 0) : null;
      return {
        total,
        absent: values.filter((v) => v.at === undefined).map((v) => v.subject),
        members: values.map((v) => ({
          subject: v.subject,
          value: v.at?.value ?? null,
          share: v.at === undefined || !total ? null : v.at.value / total,
        })),
      };
    };
    const ends = keys.flatMap((k) => {
      const at = byMember.get(k)?.get(month);
      return at ? [at.windowEnd.getTime()] : [];
    });
    const c = side(closed);
    const o = side(open);
    return {
      month,
      windowEnd: isoDate(new Date(Math.max(...ends))),
      closed: c,
      open: o,
      ratio: c.total !== null && o.total !== null && o.total > 0 ? c.total / o.total : null,
    };
  });
  const trendOf = (value: (m: GapMonth) => number | null): GapTrend | null => {
    const points = months.flatMap((m): SeriesPoint[] => {
      const v = value(m);
      return v === null ? [] : [monthPoint(m.month, new Date(m.windowEnd), v)];
    });
    return points.length ? trendModel(points, asOf) : null;
  };
  const memberSpikes: GapSeries['memberSpikes'] = [];
  for (const side of ['closed', 'open'] as const)
    for (const k of side === 'closed' ? closed : open) {
      const m = byMember.get(k);
      if (!m?.size) continue;
      const points = [...m].map(([month, v]) => monthPoint(month, v.windowEnd, v.value));
      for (const s of trendModel(points, asOf).spikes) memberSpikes.push({ subject: k, side, ...s });
    }
  return {
    series: name,
    metric: name === 'containers' ? 'pulls' : 'downloads',
    sources: [...new Set(keys.flatMap((k) => sourcesOf.get(k) ?? []))].sort(),
    months,
    trend: {
      closed: trendOf((m) => m.closed.total),
      open: trendOf((m) => m.open.total),
      ratio: trendOf((m) => m.ratio),
    },
    memberSpikes,
  };
}

/**
 * A point the trend signal files under `month`: it keys a window by its midpoint, so the window
 * is taken from the month's first day to the value's real end (never later than asOf).
 */
function monthPoint(month: string, windowEnd: Date, value: number): SeriesPoint {
  return { windowStart: new Date(`${month}-01T00:00:00Z`), windowEnd, value };
}

function trendModel(points: readonly SeriesPoint[], asOf: Date): GapTrend {
  const t = computeTrend(points, asOf);
  return {
    months: t.months.map((m) => ({ month: m.month, value: m.value })),
    growth: t.growth ?? null,
    slope: t.slope ?? null,
    monthlyRate: t.monthlyRate ?? null,
    shape: t.shape,
    spikes: t.spikes.map(spikeModel),
    notes: [...t.notes],
  };
}

function ratioPoint(series: GapSeriesName, m: GapMonth): GapRatioPoint {
  return { series, month: m.month, windowEnd: m.windowEnd, ratio: m.ratio, closed: m.closed.total, open: m.open.total };
}

function changeBetween(span: GapChange['span'], series: GapSeriesName, from: GapMonth, to: GapMonth): GapChange {
  return {
    span,
    series,
    from: { month: from.month, windowEnd: from.windowEnd },
    to: { month: to.month, windowEnd: to.windowEnd },
    closed: sideChange(from.closed, to.closed),
    open: sideChange(from.open, to.open),
  };
}

function sideChange(a: GapSideMonth, b: GapSideMonth): GapSideChange {
  const change = a.total !== null && b.total !== null ? b.total - a.total : null;
  return {
    from: a.total,
    to: b.total,
    change,
    growth: a.total && b.total !== null ? b.total / a.total - 1 : null,
    members: b.members.map((m, i) => {
      const f = a.members[i]?.value ?? null;
      const t = m.value;
      // The sums leave a month without data out, so the member's part of the change counts it as nothing.
      const c = f === null && t === null ? null : (t ?? 0) - (f ?? 0);
      return {
        subject: m.subject,
        from: f,
        to: t,
        change: c,
        shareOfChange: c === null || !change ? null : c / change,
      };
    }),
  };
}

/** The member that moved its side most in the direction the side moved; undefined without a change. */
function driver(c: GapSideChange): GapSideChange['members'][number] | undefined {
  if (!c.change) return undefined;
  const sign = Math.sign(c.change);
  return [...c.members]
    .filter((m) => m.change !== null && Math.sign(m.change) === sign)
    .sort((x, y) => Math.abs(y.change!) - Math.abs(x.change!))[0];
}

const times = (r: number): string => `${r.toFixed(1)}×`;
const signed = (n: number): string => `${n > 0 ? '+' : ''}${formatCount(n)}`;

/** Members whose presence changes within the six months of their side's trend: their entry or exit moves it. */
function presenceNotes(s: GapSeries, families: GapFamilies): string[] {
  const out: string[] = [];
  for (const side of ['closed', 'open'] as const) {
    const judged = new Set(s.trend[side]?.months.map((m) => m.month) ?? []);
    const rows = s.months.filter((m) => judged.has(m.month));
    const absent = new Map<string, string[]>();
    for (const r of rows) for (const a of r[side].absent) absent.set(a, [...(absent.get(a) ?? []), r.month]);
    for (const [member, months] of absent)
      if (months.length < rows.length)
        out.push(
          `${member} has no ${SERIES_LABEL[s.series]} data for ${months.join(', ')} within the six months judged: the sum of ${families[side].label} leaves it out there, so its entry or exit moves that trend`,
        );
  }
  return out;
}

function gapSummary(
  families: GapFamilies,
  headline: GapSeriesName,
  main: GapSeries | undefined,
  latest: GapMonth | undefined,
  year: GapMonth | undefined,
  changes: readonly GapChange[],
  asOf: Date,
): string[] {
  const closed = families.closed.label;
  const open = families.open.label;
  const where = SERIES_LABEL[headline];
  if (!latest || latest.ratio === null) {
    const has = (side: GapSide): boolean => main?.months.some((m) => m[side].total !== null) ?? false;
    const missing = [has('closed') ? undefined : closed, has('open') ? undefined : open].filter(Boolean).join(' and ');
    return [
      `No month on or before ${isoDate(asOf)} has ${where} downloads of both families${missing ? ` (none of ${missing})` : ''}: the ratio is unknown.`,
    ];
  }
  const out: string[] = [];
  const yearMonth = shiftMonth(latest.month, -12);
  let first = `In ${monthName(latest.month)} (the window ending ${latest.windowEnd}) ${closed} were downloaded ${times(latest.ratio)} as often as ${open} on ${where} (${formatCount(latest.closed.total!)} against ${formatCount(latest.open.total!)} downloads)`;
  if (!year) first += `; ${where} holds no data for ${monthName(yearMonth)}, a year earlier.`;
  else if (year.ratio === null)
    first += `; a year earlier, in ${monthName(year.month)}, the ratio is unknown (${year.closed.total === null ? closed : open} have no data that month).`;
  else {
    const now = Number(latest.ratio.toFixed(1));
    const then = Number(year.ratio.toFixed(1));
    const dir = now < then ? 'down from' : now > then ? 'up from' : 'the same as';
    first += `, ${dir} ${times(year.ratio)} a year earlier (the window ending ${year.windowEnd}).`;
  }
  out.push(first);

  const y = changes.find((c) => c.span === 'year');
  if (y && y.open.growth !== null && y.closed.growth !== null) {
    let s = `Over that year ${open} went from ${formatCount(y.open.from!)} to ${formatCount(y.open.to!)} downloads (${formatPercent(y.open.growth)}) and ${closed} from ${formatCount(y.closed.from!)} to ${formatCount(y.closed.to!)} (${formatPercent(y.closed.growth)})`;
    const d = driver(y.open);
    if (d && d.shareOfChange !== null)
      s += `; ${d.subject} accounts for ${formatShare(d.shareOfChange)} of the change in ${open} (${signed(d.change!)} of ${signed(y.open.change!)}${d.from === null ? `; it has no data for ${monthName(y.from.month)}, which the sum counts as nothing` : ''})`;
    out.push(`${s}.`);
  }

  const parts: string[] = [];
  const m = changes.find((c) => c.span === 'month');
  if (m) {
    const g = (side: GapSide): number => Math.abs(m[side].growth ?? 0);
    const side: GapSide = g('closed') > g('open') ? 'closed' : 'open';
    const c = m[side];
    if (c.growth !== null && c.change !== null) {
      let s = `from ${monthName(m.from.month)} to ${monthName(m.to.month)} ${families[side].label} moved ${formatPercent(c.growth)} (${signed(c.change)})`;
      const d = driver(c);
      if (d && d.shareOfChange !== null) {
        s += `, ${formatShare(d.shareOfChange)} of it from ${d.subject}`;
        const spike = main?.memberSpikes.find((x) => x.subject === d.subject && x.month === m.to.month);
        if (spike)
          s += `, whose ${formatCount(spike.value)} is ${spike.ratio.toFixed(1)}× the median of its three months before (a spike)`;
      }
      parts.push(s);
    }
  }
  const ratioTrend = main?.trend.ratio;
  if (ratioTrend && ratioTrend.growth !== null)
    parts.push(
      `the ratio's six-month trend is ${formatPercent(ratioTrend.growth)} (the last three months against the three before)`,
    );
  if (parts.length) {
    const s = parts.join('; ');
    out.push(`${s.charAt(0).toUpperCase()}${s.slice(1)}.`);
  }
  return out;
}

function gapCaveats(families: GapFamilies): string[] {
  const out: string[] = [];
  if (families.closed.members.some((m) => (m.kind === 'pypi' || m.kind === 'npm') && m.id === 'openai'))
    out.push(
      'The openai client is also the client of local OpenAI-compatible servers (vLLM, SGLang, Ollama and llama-cpp-python serve that API), so part of its downloads are open deployments: the closed side is an upper bound, and so is the ratio.',
    );
  out.push(
    'Downloads include CI and mirror traffic wherever the source does not separate them (top-pypi-packages and npm download counts do not), on both sides and not necessarily in the same proportion; they count installs, not use.',
  );
  const images = families.open.members.filter((m) => m.kind === 'docker' || m.kind === 'ghcr').map(formatSubject);
  out.push(
    `A runtime pulled as a container image${images.length ? ` (${images.join(', ')})` : ''} does not show on PyPI: the open side's downloads miss those deployments. Container pulls are shown apart when stored, never added to downloads.`,
  );
  out.push(
    "A member without data in a month (below the top-N cut of top-pypi-packages, not yet published, or not collected) is unknown, not zero: each side's sum covers the members with data and lists the others as absent, so a member entering the data raises its side by its whole count.",
  );
  return out;
}
