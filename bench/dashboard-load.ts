// Loopback load test of `kept serve` (issue 9): N keep-alive connections send a fixed number of
// requests to the dashboard's pages (cached, as after kept serve's background precomputation), then
// the same load to a trivial node:http server answering a body of the same size, in the same run.
// Reports p50/p99 latency and errors (the goal: 0 errors, and latency held under load). Bounded in
// count (KEPT_LOAD_REQUESTS, default 4,000) and connections (KEPT_LOAD_CONNECTIONS, default 32).
import { createServer, request, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CATALOG } from '../src/config/catalog.js';
import { resolveProjects } from '../src/config/resolve.js';
import { runDemo } from '../src/ingest/demo.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { startDashboard } from '../src/web/server.js';
import { tempDir } from '../test/helpers/tmp.js';
import type { BenchResult } from './harness.js';

const REQUESTS = Number(process.env.KEPT_LOAD_REQUESTS ?? 4000);
const CONNECTIONS = Number(process.env.KEPT_LOAD_CONNECTIONS ?? 32);

interface Load {
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly perSecond: number;
}

function pct(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Sends `total` requests over `connections` keep-alive sockets, paths taken in turn. */
export async function load(port: number, paths: readonly string[], total: number, connections: number): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const one = (path: string): Promise<void> =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = request({ host: '127.0.0.1', port, path, agent, headers: { host: `127.0.0.1:${port}` } }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) errors++;
          times.push(performance.now() - t0);
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < total; i = next++) await one(paths[i % paths.length]!);
    }),
  );
  const elapsed = performance.now() - t0;
  agent.destroy();
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p99: pct(times, 99), errors, perSecond: (total / elapsed) * 1000 };
}

export async function run(): Promise<BenchResult[]> {
  const dir = tempDir();
  const db = join(dir, 'demo.duckdb');
  const projects = resolveProjects(CATALOG, { projects: [] });
  await runDemo({ dbPath: db, now: new Date('2026-04-15T00:00:00Z') });
  const store = await DuckDbStore.open(db, { readOnly: true });
  const dash = await startDashboard({ store, projects, asOf: new Date('2026-04-01T00:00:00Z'), rateLimit: false });
  await dash.warmed;
  const paths = [
    '/',
    '/api/projects.json',
    ...projects.slice(0, 6).map((p) => `/project/${encodeURIComponent(p.id)}`),
    ...projects.slice(0, 6).map((p) => `/api/project/${encodeURIComponent(p.id)}.json`),
  ];
  // The baseline answers the dashboard's own bodies from memory: the cost of HTTP alone.
  const bodies = await Promise.all(paths.map((p) => fetch(`http://127.0.0.1:${dash.port}${p}`).then((r) => r.text())));
  const byPath = new Map(paths.map((p, i) => [p, bodies[i]!]));
  const base = createServer((req, res) => {
    const b = byPath.get(req.url ?? '') ?? '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(b) });
    res.end(b);
  });
  await new Promise<void>((r) => base.listen(0, '127.0.0.1', r));
  try {
    await load(dash.port, paths, 200, 8); // warm-up
    const kept = await load(dash.port, paths, REQUESTS, CONNECTIONS);
    const baseline = await load((base.address() as AddressInfo).port, paths, REQUESTS, CONNECTIONS);
    const note = `${REQUESTS} requests over ${CONNECTIONS} connections, ${paths.length} pages; kept ${Math.round(kept.perSecond)} req/s, ${kept.errors} errors; baseline ${Math.round(baseline.perSecond)} req/s, ${baseline.errors} errors`;
    return [
      {
        name: 'kept serve under load: p50 latency',
        figure: kept.p50,
        unit: 'ms',
        baselineLabel: 'node:http serving the same bodies',
        baseline: baseline.p50,
        goal: '0 errors',
        met: kept.errors === 0,
        note,
      },
      {
        name: 'kept serve under load: p99 latency',
        figure: kept.p99,
        unit: 'ms',
        baselineLabel: 'node:http serving the same bodies',
        baseline: baseline.p99,
        goal: '0 errors',
        met: kept.errors === 0,
      },
    ];
  } finally {
    await new Promise<void>((r) => base.close(() => r()));
    await dash.close();
    await store.close();
  }
}
