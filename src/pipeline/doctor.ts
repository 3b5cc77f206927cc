// `kept doctor`: is this installation healthy? Checks the store (opens, schema version, integrity:
// orphaned rows, partial batches, duplicate identities), the config, which tokens are set (never
// their values) and whether each upstream answers. Every check yields a line; none throws.
import { existsSync } from 'node:fs';
import { errorMessage, redactUrl } from '../domain/errors.js';
import type { LoadedConfig } from '../config/load.js';
import { ClickHouseStore } from '../store/clickhouse/clickhouse-store.js';
import type { Store } from '../store/store.js';
import { resolveUpstreams } from '../http/upstreams.js';
import { registryBaseUrls } from '../ingest/collect/registries.js';
import { DOCKERHUB_BASE_URL } from '../sources/dockerhub/dockerhub.js';
import { NPM_DOWNLOADS_BASE_URL } from '../sources/npm/downloads.js';
import { OLLAMA_BASE_URL } from '../sources/ollama/ollama.js';
import { PYPISTATS_BASE_URL } from '../sources/pypistats/pypistats.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface DoctorCheck {
  readonly area: 'store' | 'config' | 'tokens' | 'upstream';
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

export type DoctorReport = {
  readonly schema: 'kept.doctor/v1';
  readonly ok: boolean;
  readonly checks: readonly DoctorCheck[];
} & StoreSummary;

/** Rows of batches claimed longer ago than this and never committed count as abandoned (--repair). */
const STALE_MS = 60 * 60 * 1000;

/**
 * One cheap URL per upstream kept talks to, from the same base URLs collection uses (GITHUB_API_URL,
 * HF_ENDPOINT and the KEPT_*_URL registry mirrors), so doctor probes what collect would reach.
 */
export function upstreamProbes(env: NodeJS.ProcessEnv): { name: string; url: string }[] {
  const u = resolveUpstreams(env);
  const r = registryBaseUrls(env);
  return [
    { name: 'GitHub API', url: `${u.github.apiUrl}/rate_limit` },
    { name: 'Hugging Face Hub', url: `${u.hf.endpoint}/api/models?limit=1` },
    { name: 'pypistats.org', url: `${r.pypistats ?? PYPISTATS_BASE_URL}/api/packages/pip/recent` },
    { name: 'npm downloads API', url: `${r.npmDownloads ?? NPM_DOWNLOADS_BASE_URL}/downloads/point/last-day/npm` },
    { name: 'Docker Hub', url: `${r.dockerhub ?? DOCKERHUB_BASE_URL}/v2/repositories/library/python/` },
    { name: 'Ollama library', url: `${r.ollama ?? OLLAMA_BASE_URL}/library` },
  ];
}

export interface DoctorOptions {
  /** Where the store is (for messages); `openStore` opens it (read-only unless repairing). */
  readonly storeLocation: string;
  readonly openStore: () => Promise<Store>;
  /** ClickHouse: delete rows of batches that never committed (claimed over an hour before `now`). */
  readonly repair?: boolean;
  readonly now: Date;
  readonly config: () => LoadedConfig;
  readonly env: NodeJS.ProcessEnv;
  /** Probe upstreams with this fetch; omitted (--offline) skips the probes. */
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export async function runDoctor(o: DoctorOptions): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const store = await storeChecks(o);
  checks.push(...store.checks);
  checks.push(...configChecks(o.config));
  checks.push(...tokenChecks(o.env));
  if (o.fetch) checks.push(...(await upstreamChecks(o.fetch, o.env, o.timeoutMs ?? 4000)));
  else checks.push({ area: 'upstream', name: 'reachability', status: 'skip', detail: 'not probed (--offline)' });
  return { schema: 'kept.doctor/v1', ...store.summary, ok: !checks.some((c) => c.status === 'fail'), checks };
}

/** What the store part of the report says (also the top-level fields of `doctor --json`). */
export interface StoreSummary {
  readonly backend: 'duckdb' | 'clickhouse' | null;
  readonly location: string;
  readonly server?: string;
  readonly uncommittedRows?: number;
  readonly schemaVersion: number | null;
  readonly expectedSchemaVersion: number | null;
  readonly tables: Readonly<Record<string, number>>;
  readonly problems: readonly string[];
}

async function storeChecks(o: DoctorOptions): Promise<{ checks: DoctorCheck[]; summary: StoreSummary }> {
  const location = o.storeLocation;
  const empty = {
    backend: null,
    location: redactUrl(location),
    schemaVersion: null,
    expectedSchemaVersion: null,
    tables: {},
    problems: [],
  };
  const isFile = !/^[a-z+]+:\/\//i.test(location);
  if (isFile && !existsSync(location.replace(/^duckdb:/i, ''))) {
    return {
      checks: [
        {
          area: 'store',
          name: 'database',
          status: 'warn',
          detail: `no database yet at ${location} (kept demo, kept import or kept collect creates it)`,
        },
      ],
      summary: empty,
    };
  }
  let store: Store;
  try {
    store = await o.openStore();
  } catch (err) {
    return {
      checks: [{ area: 'store', name: 'database', status: 'fail', detail: errorMessage(err) }],
      summary: { ...empty, problems: [errorMessage(err)] },
    };
  }
  try {
    if (o.repair && store instanceof ClickHouseStore)
      await store.purgeUncommitted(new Date(o.now.getTime() - STALE_MS));
    const extra =
      store instanceof ClickHouseStore
        ? { server: await store.serverVersion(), uncommittedRows: await store.uncommittedRows() }
        : {};
    const out: DoctorCheck[] = [
      {
        area: 'store',
        name: 'database',
        status: 'ok',
        detail: `${store.backend} at ${store.location}${extra.server ? ` (server ${extra.server})` : ''}`,
      },
    ];
    const integrity = await store.integrity();
    out.push({
      area: 'store',
      name: 'schema',
      status: integrity.schemaVersion === integrity.expectedSchemaVersion ? 'ok' : 'fail',
      detail: `version ${integrity.schemaVersion} (this kept expects ${integrity.expectedSchemaVersion})`,
    });
    out.push({
      area: 'store',
      name: 'integrity',
      status: integrity.ok ? 'ok' : 'fail',
      detail: integrity.ok
        ? 'no orphaned rows, partial batches or duplicate identities'
        : integrity.problems.join('; '),
    });
    if (extra.uncommittedRows) {
      out.push({
        area: 'store',
        name: 'interrupted batches',
        status: 'warn',
        detail: `${extra.uncommittedRows} row(s) of interrupted batches (invisible to reads; kept doctor --repair deletes them)`,
      });
    }
    const stats = await store.stats();
    out.push({
      area: 'store',
      name: 'contents',
      status: 'ok',
      detail: `${stats.batches} batch(es); ${Object.entries(stats.tables)
        .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
        .join(', ')}`,
    });
    return {
      checks: out,
      summary: {
        backend: store.backend,
        location: store.location,
        ...extra,
        schemaVersion: integrity.schemaVersion,
        expectedSchemaVersion: integrity.expectedSchemaVersion,
        tables: stats.tables,
        problems: integrity.problems,
      },
    };
  } catch (err) {
    return {
      checks: [{ area: 'store', name: 'integrity', status: 'fail', detail: errorMessage(err) }],
      summary: { ...empty, problems: [errorMessage(err)] },
    };
  } finally {
    await store.close();
  }
}

function configChecks(load: () => LoadedConfig): DoctorCheck[] {
  try {
    const c = load();
    const where = c.path ?? 'none (built-in catalog only)';
    const out: DoctorCheck[] = [
      {
        area: 'config',
        name: 'file',
        status: 'ok',
        detail: `${where}; ${c.config.projects.length} project entr${c.config.projects.length === 1 ? 'y' : 'ies'}`,
      },
    ];
    for (const w of c.warnings) out.push({ area: 'config', name: 'warning', status: 'warn', detail: w });
    return out;
  } catch (err) {
    return [{ area: 'config', name: 'file', status: 'fail', detail: errorMessage(err) }];
  }
}

function tokenChecks(env: NodeJS.ProcessEnv): DoctorCheck[] {
  return [
    { name: 'GITHUB_TOKEN', why: 'GitHub allows 60 requests/hour without one, 5,000 with one' },
    { name: 'HF_TOKEN', why: 'optional: raises the Hub rate limits and reaches gated models' },
  ].map(({ name, why }) => ({
    area: 'tokens' as const,
    name,
    status: env[name] ? ('ok' as const) : ('warn' as const),
    detail: env[name] ? 'set (value not shown)' : `not set: ${why}`,
  }));
}

async function upstreamChecks(
  fetchFn: typeof fetch,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<DoctorCheck[]> {
  let probes: { name: string; url: string }[];
  try {
    probes = upstreamProbes(env);
  } catch (err) {
    return [{ area: 'upstream', name: 'base URLs', status: 'warn', detail: errorMessage(err) }];
  }
  return Promise.all(
    probes.map(async (p): Promise<DoctorCheck> => {
      const url = redactUrl(p.url);
      try {
        const res = await fetchFn(p.url, {
          method: 'GET',
          signal: AbortSignal.timeout(timeoutMs),
          headers: { 'user-agent': 'kept-doctor' },
        });
        await res.body?.cancel();
        const remaining = res.headers.get('x-ratelimit-remaining');
        const budget = remaining === null ? '' : `; rate-limit budget ${remaining} request(s) left`;
        return {
          area: 'upstream',
          name: p.name,
          status: res.status < 500 ? 'ok' : 'warn',
          detail: `${url} answered ${res.status}${budget}`,
        };
      } catch (err) {
        const cause =
          err instanceof Error && err.cause instanceof Error
            ? ` ${(err.cause as NodeJS.ErrnoException).code ?? err.cause.message}`
            : '';
        const reason =
          err instanceof Error && err.name === 'TimeoutError'
            ? `no answer in ${timeoutMs} ms`
            : `${errorMessage(err)}${cause}`;
        return { area: 'upstream', name: p.name, status: 'warn', detail: `offline or unreachable: ${url} (${reason})` };
      }
    }),
  );
}
