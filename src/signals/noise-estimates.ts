// Noise estimated where no source flags it (npm has no CI flag; Hub counts CI): pure heuristics
// from third-party work (api-sources.md §8) that describe a series, never clean it.
// - weekday/weekend ratio: people install less at weekends, CI fleets and mirrors do not care;
// - version concentration: one version taking nearly everything hints at a pinned CI fleet or a
//   mirror sync, a spread over many versions at real, slowly upgrading users.

export interface DailyValue {
  readonly day: Date;
  readonly value: number;
}

export interface WeekdayWeekend {
  /** Mean weekday day over mean weekend day; null without both kinds of day or with zero weekends. */
  readonly ratio: number | null;
  readonly weekdays: number;
  readonly weekendDays: number;
  readonly reading: 'human-like' | 'automation-like' | 'unclear' | 'insufficient-data';
}

/** Over the last `weeks` full weeks of data (UTC days). */
export function computeWeekdayWeekend(series: readonly DailyValue[], weeks = 8): WeekdayWeekend {
  const byDay = new Map<number, number>();
  for (const p of series)
    if (Number.isFinite(p.value))
      byDay.set(Date.UTC(p.day.getUTCFullYear(), p.day.getUTCMonth(), p.day.getUTCDate()), p.value);
  const days = [...byDay.keys()].sort((a, b) => a - b).slice(-weeks * 7);
  const wk: number[] = [];
  const we: number[] = [];
  for (const d of days) (new Date(d).getUTCDay() % 6 === 0 ? we : wk).push(byDay.get(d)!);
  if (wk.length < 5 || we.length < 2)
    return { ratio: null, weekdays: wk.length, weekendDays: we.length, reading: 'insufficient-data' };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const weekend = mean(we);
  if (weekend <= 0) return { ratio: null, weekdays: wk.length, weekendDays: we.length, reading: 'unclear' };
  const ratio = mean(wk) / weekend;
  // Thresholds: developer-tool downloads typically run 1.5-3× on weekdays; a flat 0.9-1.15 is automation.
  const reading = ratio >= 1.3 ? 'human-like' : ratio <= 1.15 ? 'automation-like' : 'unclear';
  return { ratio, weekdays: wk.length, weekendDays: we.length, reading };
}

export interface VersionConcentration {
  readonly topVersion: string | null;
  readonly topShare: number | null;
  /** Herfindahl-Hirschman index of version shares, 0..1 (1 = one version only). */
  readonly hhi: number | null;
  readonly versions: number;
}

export function computeVersionConcentration(byVersion: Readonly<Record<string, number>>): VersionConcentration {
  const entries = Object.entries(byVersion).filter(([, n]) => Number.isFinite(n) && n > 0);
  const total = entries.reduce((a, [, n]) => a + n, 0);
  if (total === 0) return { topVersion: null, topShare: null, hhi: null, versions: 0 };
  const [topVersion, top] = entries.reduce((a, b) => (b[1] > a[1] ? b : a));
  return {
    topVersion,
    topShare: top / total,
    hhi: entries.reduce((a, [, n]) => a + (n / total) ** 2, 0),
    versions: entries.length,
  };
}
