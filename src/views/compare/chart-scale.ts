// How the comparison's chart draws its series: downloads on one log scale (the default), or each
// series normalised — divided by its own value at the first window every series has — so growth
// compares from one starting line whatever the sizes. Chosen by the reader (?scale=), computed here. Pure.
export const COMPARE_SCALES = ['log', 'normalised'] as const;
export type CompareScale = (typeof COMPARE_SCALES)[number];
export const DEFAULT_COMPARE_SCALE: CompareScale = 'log';

export const COMPARE_SCALE_LABELS: Readonly<Record<CompareScale, string>> = {
  log: 'downloads (log)',
  normalised: 'normalised',
};

export function isCompareScale(value: string): value is CompareScale {
  return (COMPARE_SCALES as readonly string[]).includes(value);
}

interface Point {
  readonly windowEnd: string;
  readonly value: number;
}

/** The first window end every series has, if any. */
export function firstCommonWindow(series: readonly (readonly Point[])[]): string | null {
  if (!series.length) return null;
  const [first, ...rest] = series;
  const others = rest.map((s) => new Set(s.map((p) => p.windowEnd)));
  const common = (first ?? [])
    .map((p) => p.windowEnd)
    .filter((end) => others.every((o) => o.has(end)))
    .sort();
  return common[0] ?? null;
}

/**
 * Each series divided by its own value at `base`; a series whose value there is 0 (or missing)
 * cannot be normalised and comes back empty.
 */
export function normalise(series: readonly Point[], base: string): Point[] {
  const at = series.find((p) => p.windowEnd === base)?.value;
  if (!at) return [];
  return series.filter((p) => p.windowEnd >= base).map((p) => ({ windowEnd: p.windowEnd, value: p.value / at }));
}
