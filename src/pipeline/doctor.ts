// `kept doctor`: is this installation healthy? Checks the store (opens, schema version, integrity:
// orphaned rows, partial batches, duplicate identities), the config, which tokens are set (never
// their values) and whether each upstream answers. Every check yields a line; none throws.
import { existsSync } from 'node:fs';
import { errorMessage, redactUrl } from '../domain/errors.js';
import type { LoadedConfig } from '../config/load.js';
import { openStore } from '../store/open.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface DoctorCheck {
  readonly area: 'store' | 'config' | 'tokens' | 'upstream';
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

export interface DoctorReport {
  readonly schema: 'kept.doctor/v1';
  readonly ok: boolean;
  readonly checks: readonly DoctorCheck[];
}

/** The upstreams kept talks to, with the env variable that moves each (as upstream tools do). */
export function upstreamProbes(env: NodeJS.ProcessEnv): { name: string; url: string }[] {
  return [
    { name: 'GitHub API', url: `${(env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '')}/rate_limit` },
    { name: 'Hugging Face Hub', url: `${(env.HF_ENDPOINT || 'https://huggingface.co').replace(/\/+$/, '')}/api/models?limit=1` },
    { name: 'pypistats.org', url: 'https://pypistats.org/api/packages/pip/recent' },
    { name: 'npm downloads API', url: 'https://api.npmjs.org/downloads/point/last-day/npm' },
    { name: 'Docker Hub', url: 'https://hub.docker.com/v2/repositories/library/python/' },
    { name: 'Ollama library', url: 'https://ollama.com/library' },
  ];
}

export interface DoctorOptions {
  readonly storeLocation: string;
  readonly config: () => LoadedConfig;
  readonly env: NodeJS.ProcessEnv;
  /** Probe upstreams with this fetch; omitted (--offline) skips the probes. */
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export async function runDoctor(o: DoctorOptions): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  checks.push(...(await storeChecks(o.storeLocation)));
  checks.push(...configChecks(o.config));
  checks.push(...tokenChecks(o.env));
  if (o.fetch) checks.push(...(await upstreamChecks(o.fetch, o.env, o.timeoutMs ?? 4000)));
  else checks.push({ area: 'upstream', name: 'reachability', status: 'skip', detail: 'not probed (--offline)' });
  return { schema: 'kept.doctor/v1', ok: !checks.some((c) => c.status === 'fail'), checks };
}

async function storeChecks(location: string): Promise<DoctorCheck[]> {
  const isFile = !/^[a-z+]+:\/\//i.test(location);
  if (isFile && !existsSync(location.replace(/^duckdb:/i, ''))) {
    return [{ area: 'store', name: 'database', status: 'warn', detail: `no database yet at ${location} (kept demo, kept import or kept collect creates it)` }];
  }
  let store;
  try {
    store = await openStore(location, { readOnly: true });
  } catch (err) {
    return [{ area: 'store', name: 'database', status: 'fail', detail: errorMessage(err) }];
  }
  try {
    const out: DoctorCheck[] = [{ area: 'store', name: 'database', status: 'ok', detail: `${store.backend} at ${store.location}` }];
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
      detail: integrity.ok ? 'no orphaned rows, partial batches or duplicate identities' : integrity.problems.join('; '),
    });
    const stats = await store.stats();
    out.push({
      area: 'store',
      name: 'contents',
      status: 'ok',
      detail: `${stats.batches} batch(es); ${Object.entries(stats.tables).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')}`,
    });
    return out;
  } catch (err) {
    return [{ area: 'store', name: 'integrity', status: 'fail', detail: errorMessage(err) }];
  } finally {
    await store.close();
  }
}

function configChecks(load: () => LoadedConfig): DoctorCheck[] {
  try {
    const c = load();
    const where = c.path ?? 'none (built-in catalog only)';
    const out: DoctorCheck[] = [{ area: 'config', name: 'file', status: 'ok', detail: `${where}; ${c.config.projects.length} project entr${c.config.projects.length === 1 ? 'y' : 'ies'}` }];
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

async function upstreamChecks(fetchFn: typeof fetch, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<DoctorCheck[]> {
  return Promise.all(
    upstreamProbes(env).map(async (p): Promise<DoctorCheck> => {
      const url = redactUrl(p.url);
      try {
        const res = await fetchFn(p.url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'kept-doctor' } });
        await res.body?.cancel();
        const remaining = res.headers.get('x-ratelimit-remaining');
        const budget = remaining === null ? '' : `; rate-limit budget ${remaining} request(s) left`;
        return { area: 'upstream', name: p.name, status: res.status < 500 ? 'ok' : 'warn', detail: `${url} answered ${res.status}${budget}` };
      } catch (err) {
        const cause = err instanceof Error && err.cause instanceof Error ? ` ${(err.cause as NodeJS.ErrnoException).code ?? err.cause.message}` : '';
        const reason = err instanceof Error && err.name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : `${errorMessage(err)}${cause}`;
        return { area: 'upstream', name: p.name, status: 'warn', detail: `offline or unreachable: ${url} (${reason})` };
      }
    }),
  );
}
