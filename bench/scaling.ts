// Scaling of `kept import pypi-top`: the shipped 971,000-row file and copies 4× and 16× its size
// (copy k's snapshot dates shifted k × 3,000 days, past the file's own 8-year span, so every row
// is a new observation and no two copies share a snapshot), each
// imported into a fresh database by a fresh process so its peak memory is its own. Prints time and
// peak RSS per size and the exponent of each (the slope of log figure over log size): linear growth
// is 1, flat is 0. Goal: linear or better (exponent ≤ 1.1, the 0.1 for a shared machine's noise).
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import { importPypiTop } from '../src/ingest/import/pypi-top.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { sharedFile } from '../test/helpers/tmp.js';
import { median, type BenchResult } from './harness.js';

const SCALES = [1, 4, 16] as const;
/** Runs per size: the small sizes are cheap enough to repeat, the largest runs once by default. */
const RUNS: Record<number, number> = {
  1: Number(process.env.KEPT_BENCH_SCALING_RUNS ?? 3),
  4: Number(process.env.KEPT_BENCH_SCALING_RUNS ?? 2),
  16: Number(process.env.KEPT_BENCH_SCALING_RUNS ?? 1),
};
/** Longer than the file's span (2018-02-12 to 2026-04-01): shifted copies never meet. */
const SHIFT_DAYS = 3000;
/** Later than every shifted date (the 16th copy ends in 2149). */
const FETCHED_AT = '2160-01-01T00:00:00Z';

interface Run {
  readonly ms: number;
  readonly cpuMs: number;
  readonly rssMb: number;
  readonly rows: number;
}

/** The file `scale` times over, cached beside the other synthetic bench inputs (it is deterministic). */
async function scaledFile(source: string, scale: number): Promise<string> {
  if (scale === 1) return source;
  const dir = join(tmpdir(), 'kept-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `pypi-top-x${scale}-shift${SHIFT_DAYS}.csv.gz`);
  if (existsSync(path)) return path;
  const lines: string[] = [];
  for await (const line of createInterface({ input: createReadStream(source).pipe(createGunzip()) })) lines.push(line);
  const [header, ...rows] = lines;
  const tmp = `${path}.part`;
  const gz = createGzip({ level: 1 });
  const out = createWriteStream(tmp);
  gz.pipe(out);
  gz.write(`${header}\n`);
  for (let k = 0; k < scale; k++) {
    // Copy k moves every snapshot k × SHIFT_DAYS later: same names and counts, new windows.
    const shift = new Map<string, string>();
    const moved = (d: string): string => {
      let m = shift.get(d);
      if (m === undefined) {
        const t = new Date(`${d}T00:00:00Z`);
        t.setUTCDate(t.getUTCDate() + k * SHIFT_DAYS);
        m = t.toISOString().slice(0, 10);
        shift.set(d, m);
      }
      return m;
    };
    for (let i = 0; i < rows.length; i += 10_000) {
      const block = rows
        .slice(i, i + 10_000)
        .map((r) => `${moved(r.slice(0, 10))}${r.slice(10)}`)
        .join('\n');
      if (!gz.write(`${block}\n`)) await once(gz, 'drain');
    }
  }
  gz.end();
  await once(out, 'close');
  renameSync(tmp, path);
  return path;
}

/** One import in a fresh process (its peak RSS is the import's own). */
function runChild(file: string, db: string): Run {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
    env: { ...process.env, KEPT_BENCH_SCALING_FILE: file, KEPT_BENCH_SCALING_DB: db },
    encoding: 'utf8',
  });
  for (const f of [db, `${db}.wal`]) rmSync(f, { force: true });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{'))
    throw new Error(`import failed (exit ${r.status}): ${r.stderr.slice(-500)}`);
  return JSON.parse(line) as Run;
}

/** Least-squares slope of log y over log x. */
function exponent(xs: readonly number[], ys: readonly number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  lx.forEach((x, i) => {
    num += (x - mx) * (ly[i]! - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

export async function run(): Promise<BenchResult[]> {
  const shipped = sharedFile('pypi-top-monthly.csv.gz');
  if (shipped.skip) throw new Error(shipped.skip);
  const dir = join(tmpdir(), 'kept-bench');
  mkdirSync(dir, { recursive: true });
  const runs = new Map<number, Run[]>();
  for (const scale of SCALES) {
    const file = await scaledFile(shipped.path, scale);
    const all: Run[] = [];
    for (let i = 0; i < (RUNS[scale] ?? 1); i++) all.push(runChild(file, join(dir, `scaling-${process.pid}.duckdb`)));
    runs.set(scale, all);
  }
  const at = (scale: number, pick: (r: Run) => number): number => median((runs.get(scale) ?? []).map(pick));
  const sizes = [...SCALES];
  const timeExp = exponent(
    sizes,
    sizes.map((s) => at(s, (r) => r.ms)),
  );
  const rssExp = exponent(
    sizes,
    sizes.map((s) => at(s, (r) => r.rssMb)),
  );
  const per = (pick: (r: Run) => number, unit: string, digits: number): string =>
    sizes
      .map(
        (s) =>
          `${s}× ${(runs.get(s) ?? []).map((r) => pick(r).toFixed(digits)).join('/')} ${unit} (${at(s, (r) => r.rows).toLocaleString('en')} rows)`,
      )
      .join('; ');
  const big = SCALES[SCALES.length - 1]!;
  return [
    {
      name: `kept import pypi-top at 1×, 4× and 16× the shipped file: time (exponent ${timeExp.toFixed(2)})`,
      figure: at(big, (r) => r.ms) / 1000,
      unit: 's',
      baselineLabel: `${big} × the 1× time (linear growth)`,
      baseline: (big * at(1, (r) => r.ms)) / 1000,
      goal: 'time exponent ≤ 1.1',
      met: timeExp <= 1.1,
      figureRuns: (runs.get(big) ?? []).map((r) => r.ms / 1000),
      baselineRuns: (runs.get(1) ?? []).map((r) => (big * r.ms) / 1000),
      note: `wall ${per((r) => r.ms / 1000, 's', 1)}; CPU exponent ${exponent(
        sizes,
        sizes.map((s) => at(s, (r) => r.cpuMs)),
      ).toFixed(2)}`,
    },
    {
      name: `kept import pypi-top at 1×, 4× and 16×: peak resident memory (exponent ${rssExp.toFixed(2)})`,
      figure: Math.round(at(big, (r) => r.rssMb)),
      unit: 'MB',
      baselineLabel: 'peak RSS at 1×',
      baseline: Math.round(at(1, (r) => r.rssMb)),
      goal: 'memory exponent ≤ 1.1',
      met: rssExp <= 1.1,
      note: `peak RSS ${per((r) => r.rssMb, 'MB', 0)}`,
    },
  ];
}

// Child mode: one import into a fresh database, its figures as one JSON line.
const childFile = process.env.KEPT_BENCH_SCALING_FILE;
const childDb = process.env.KEPT_BENCH_SCALING_DB;
if (childFile && childDb && process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const f of [childDb, `${childDb}.wal`]) rmSync(f, { force: true });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const store = await DuckDbStore.open(childDb);
  let rows = 0;
  try {
    rows = (await importPypiTop(store, childFile, { fetchedAt: new Date(FETCHED_AT) })).added;
  } finally {
    await store.close();
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const run: Run = { ms, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024, rows };
  console.log(JSON.stringify(run));
}
