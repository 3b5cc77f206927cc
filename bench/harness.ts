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
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** The median of repeated timings: benches repeat short operations to resist noise. */
export async function medianMs(repeats: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) times.push((await timed(fn)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

export function formatResult(r: BenchResult): string {
  const ratio = r.baseline > 0 ? r.figure / r.baseline : Number.NaN;
  const fig = (v: number): string => `${Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1)} ${r.unit}`;
  const goal = r.goal ? `  goal ${r.goal}: ${r.met === undefined ? '?' : r.met ? 'met' : 'NOT met'}` : '';
  return `${r.name}\n  kept ${fig(r.figure)} | ${r.baselineLabel} ${fig(r.baseline)} | ratio ${ratio.toFixed(2)}×${goal}${r.note ? `\n  ${r.note}` : ''}`;
}
