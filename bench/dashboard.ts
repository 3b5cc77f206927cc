// Dashboard page latency (p50/p95 over real HTTP requests) against the raw DuckDB query behind
// each page, measured in the same run, on two stores: the demo database and a store holding the
// full pypi-top history (971k rows); the goal is every page's p95 within 100 ms, uncached too. Figures are
// uncached (the server's page cache off, so each request queries the store) and cached (after
// the background precomputation that `kept serve` starts with).
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CATALOG } from '../src/config/catalog.js';
import { resolveProjects } from '../src/config/resolve.js';
import { projectArtifacts } from '../src/domain/project.js';
import { runDemo } from '../src/ingest/demo.js';
import { importPypiTop } from '../src/ingest/import/pypi-top.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { startDashboard } from '../src/web/server.js';
import { SHARED_DATA, tempDir } from '../test/helpers/tmp.js';
import type { BenchResult } from './harness.js';

const REQUESTS = 25;
const GOAL_MS = 100;
const projects = resolveProjects(CATALOG, { projects: [] });

function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}` } }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(performance.now() - t0)
          : reject(new Error(`${path}: HTTP ${res.statusCode ?? 0}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function pct(times: number[], p: number): number {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}

async function times(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  await fn(); // warm-up (JIT, DuckDB caches)
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

function inList(ids: readonly string[]): string {
  return ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(', ');
}

/** The SQL each page needs at least: the 30-day download windows of its packages. */
function rawQuery(ids: readonly string[]): string {
  return `SELECT subject_id, window_start, window_end, value, source FROM observations
    WHERE subject_kind = 'pypi' AND subject_id IN (${inList(ids)}) AND metric = 'downloads' AND dims = ''
      AND date_diff('day', window_start, window_end) = 30 ORDER BY subject_id, window_end`;
}

async function measureStore(label: string, dbPath: string): Promise<BenchResult[]> {
  const store = await DuckDbStore.open(dbPath, { readOnly: true });
  const results: BenchResult[] = [];
  try {
    const ends = await store.windowEnds('pypi', 'downloads');
    const asOf = ends[ends.length - 1] ?? new Date();
    const pypi = (ids: string[]): string[] =>
      projects
        .filter((p) => ids.includes(p.id))
        .flatMap((p) =>
          projectArtifacts(p)
            .filter((a) => a.kind === 'pypi')
            .map((a) => a.id),
        );
    const pages: { path: string; sql: string }[] = [
      {
        path: '/',
        sql: rawQuery(
          projects.flatMap((p) =>
            projectArtifacts(p)
              .filter((a) => a.kind === 'pypi')
              .map((a) => a.id),
          ),
        ),
      },
      { path: '/project/vllm', sql: rawQuery(pypi(['vllm'])) },
      { path: '/compare?p=vllm&p=sglang&p=transformers', sql: rawQuery(pypi(['vllm', 'sglang', 'transformers'])) },
    ];
    for (const cache of [false, true]) {
      const t0 = performance.now();
      const dash = await startDashboard({ store, projects, asOf, cache });
      const startMs = performance.now() - t0;
      await dash.warmed;
      const warmMs = performance.now() - t0;
      if (cache)
        console.log(
          `  ${label}: server up in ${startMs.toFixed(0)} ms (overview computed), all ${projects.length} profiles precomputed after ${warmMs.toFixed(0)} ms`,
        );
      try {
        for (const page of pages) {
          const http = await times(REQUESTS, () => get(dash.port, page.path));
          const raw = await times(REQUESTS, () => store.rows(page.sql));
          const p95 = pct(http, 95);
          results.push({
            name: `${label}: GET ${page.path} ${cache ? '(page data cached)' : '(uncached: queries the store every time)'}, p95 of ${REQUESTS}`,
            figure: p95,
            unit: 'ms',
            baselineLabel: 'raw DuckDB query of the same download windows, p95',
            baseline: pct(raw, 95),
            goal: `p95 ≤ ${GOAL_MS} ms`,
            met: p95 <= GOAL_MS,
            note: `p50 ${pct(http, 50).toFixed(1)} ms (raw query p50 ${pct(raw, 50).toFixed(1)} ms)`,
          });
        }
      } finally {
        await dash.close();
      }
    }
  } finally {
    await store.close();
  }
  return results;
}

export async function run(): Promise<BenchResult[]> {
  const dir = tempDir('kept-bench-dashboard-');
  const demo = await runDemo({ dbPath: join(dir, 'demo.duckdb'), now: new Date('2026-04-15T00:00:00Z') });
  const results = await measureStore('demo store', demo.dbPath);
  const full = SHARED_DATA ? join(SHARED_DATA, 'pypi-top-monthly.csv.gz') : undefined;
  if (!full || !existsSync(full)) {
    console.log('  skipped the full store: needs ../shared/data/pypi-top-monthly.csv.gz (or KEPT_SHARED_DATA)');
    return results;
  }
  const bigPath = join(dir, 'full.duckdb');
  const big = await DuckDbStore.open(bigPath);
  const t0 = performance.now();
  const r = await importPypiTop(big, full, { fetchedAt: new Date('2026-04-15T00:00:00Z') });
  const rows = (await big.rows('SELECT count(*)::INTEGER AS n FROM observations'))[0]?.n;
  await big.close();
  console.log(
    `  full store: imported ${r.added} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s (${String(rows)} observations)`,
  );
  results.push(...(await measureStore(`full store (${String(rows)} rows)`, bigPath)));
  return results;
}
