// Benchmark harness: every bench module exports `run(): Promise<BenchResult[]>`. A result is the
// figure, the baseline measured in the same run (the engine's own load, `git log` itself, the
// minimum number of requests…), their ratio, and the issue's goal when it names one.
import { performance } from 'node:perf_hooks';

export interface BenchResult {
  /** What was measured, e.g. "pypi-top import, 971,000 rows". */
  readonly name: string;
  readonly figure: number;
  readonly unit: string;
  /** The same-run baseline, e.g. "DuckDB read_csv of the same file". */
  readonly baselineLabel: string;
  readonly baseline: number;
  /** The goal the issue names for figure / baseline (or for the figure), printed beside it. */
  readonly goal?: string;
  /** Whether the goal was met, when there is one. */
  readonly met?: boolean;
  readonly note?: string;
  /** Every run's figure and baseline, when repeated: their spread is printed beside the medians. */
  readonly figureRuns?: readonly number[];
  readonly baselineRuns?: readonly number[];
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Every timing of `repeats` runs, in run order. */
export async function timings(repeats: number, fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) times.push((await timed(fn)).ms);
  return times;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/** The median of repeated timings: benches repeat short operations to resist noise. */
export async function medianMs(repeats: number, fn: () => Promise<unknown>): Promise<number> {
  return median(await timings(repeats, fn));
}

/** A ratio goal ("≤ 1.2×") and whether figure / baseline meets it. */
export function ratioGoal(max: number, figure: number, baseline: number): { goal: string; met: boolean } {
  return { goal: `≤ ${max}×`, met: baseline > 0 && figure / baseline <= max };
}

/** "min–max (n runs, ±x% around the median)" of repeated figures. */
export function spread(xs: readonly number[], fmt: (v: number) => string): string {
  if (xs.length === 0) return 'no runs';
  const m = median(xs);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pct = m > 0 ? (100 * Math.max(m - lo, hi - m)) / m : 0;
  return `${fmt(lo)}–${fmt(hi)} (${xs.length} runs, ±${pct.toFixed(0)}% around the median)`;
}

export function formatResult(r: BenchResult): string {
  const ratio = r.baseline > 0 ? r.figure / r.baseline : Number.NaN;
  const fig = (v: number): string => `${Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1)} ${r.unit}`;
  const goal = r.goal ? `  goal ${r.goal}: ${r.met === undefined ? '?' : r.met ? 'met' : 'NOT met'}` : '';
  const runs =
    r.figureRuns || r.baselineRuns
      ? `\n  spread: kept ${r.figureRuns ? spread(r.figureRuns, fig) : 'one run'}; baseline ${r.baselineRuns ? spread(r.baselineRuns, fig) : 'one run'}`
      : '';
  return `${r.name}\n  kept ${fig(r.figure)} | ${r.baselineLabel} ${fig(r.baseline)} | ratio ${ratio.toFixed(2)}×${goal}${runs}${r.note ? `\n  ${r.note}` : ''}`;
}
