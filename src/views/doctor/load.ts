// Loads the doctor view's input, which is all I/O: the store's integrity and contents, the config
// file, which tokens are set (never their values) and whether each upstream answers. Every probe
// yields a result; none throws. The config loader, the environment, the upstream URLs and `fetch`
// come in the request, so a test runs the view offline with recorded answers.
import { existsSync } from 'node:fs';
import { KeptError, errorMessage, redactUrl } from '../../domain/errors.js';
import type { LoadedConfig } from '../../config/load.js';
import { ClickHouseStore } from '../../store/clickhouse/clickhouse-store.js';
import type { IntegrityReport, Store, StoreStats } from '../../store/store.js';
import type { ViewRequest } from '../view.js';

export interface UpstreamProbeTarget {
  readonly name: string;
  readonly url: string;
}

export interface DoctorRequest extends ViewRequest {
  /** ClickHouse: delete rows of batches that never committed (claimed over an hour before `today`). */
  readonly repair?: boolean;
  readonly config: () => LoadedConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Upstream URLs to probe with `fetch`; without `fetch` (--offline) nothing is probed. */
  readonly probes?: () => readonly UpstreamProbeTarget[];
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export type StoreProbe =
  | { readonly state: 'missing'; readonly location: string }
  | { readonly state: 'unopenable'; readonly location: string; readonly error: string; readonly hint?: string }
  | { readonly state: 'failed'; readonly location: string; readonly error: string; readonly hint?: string }
  | {
      readonly state: 'open';
      readonly backend: 'duckdb' | 'clickhouse';
      readonly location: string;
      readonly server?: string;
      readonly uncommittedRows?: number;
      readonly integrity: IntegrityReport;
      readonly stats: StoreStats;
    };

export type ConfigProbe =
  | {
      readonly state: 'ok';
      readonly path: string | null;
      readonly projects: number;
      readonly warnings: readonly string[];
    }
  | { readonly state: 'failed'; readonly error: string };

export type UpstreamProbe =
  | { readonly name: string; readonly url: string; readonly status: number; readonly rateLimitRemaining: string | null }
  | { readonly name: string; readonly url: string; readonly error: string };

export interface DoctorInputs {
  readonly store: StoreProbe;
  readonly config: ConfigProbe;
  readonly tokens: readonly { readonly name: string; readonly set: boolean }[];
  /** null: not probed (offline); a string: the upstream base URLs could not be resolved. */
  readonly upstream: readonly UpstreamProbe[] | string | null;
}

/** The tokens kept reads, in the order doctor lists them. */
export const DOCTOR_TOKENS = ['GITHUB_TOKEN', 'HF_TOKEN'] as const;

/** Rows of batches claimed longer ago than this and never committed count as abandoned (--repair). */
const STALE_MS = 60 * 60 * 1000;
const DEFAULT_TIMEOUT_MS = 4000;

/** The checks of an open store (the registry's load: the caller opened the store and closes it). */
export async function loadDoctor(store: Store, request: DoctorRequest): Promise<DoctorInputs> {
  return { store: await probeStore(store, request), ...(await probeRest(request)) };
}

/**
 * The checks of the store at `location`, opened here (read-only unless repairing) and closed again:
 * a missing database file is a warning, a store that cannot be opened a failure, not an exception.
 */
export async function loadDoctorAt(
  location: string,
  openStore: () => Promise<Store>,
  request: DoctorRequest,
): Promise<DoctorInputs> {
  const isFile = !/^[a-z+]+:\/\//i.test(location);
  let probe: StoreProbe;
  if (isFile && !existsSync(location.replace(/^duckdb:/i, ''))) probe = { state: 'missing', location };
  else {
    let store: Store | undefined;
    try {
      store = await openStore();
    } catch (err) {
      probe = { state: 'unopenable', location: redactUrl(location), error: errorMessage(err), ...hintOf(err) };
    }
    if (store) {
      try {
        probe = await probeStore(store, request);
      } finally {
        await store.close();
      }
    }
  }
  return { store: probe!, ...(await probeRest(request)) };
}

async function probeStore(store: Store, request: DoctorRequest): Promise<StoreProbe> {
  try {
    if (request.repair && store instanceof ClickHouseStore)
      await store.purgeUncommitted(new Date(request.today.getTime() - STALE_MS));
    const extra =
      store instanceof ClickHouseStore
        ? { server: await store.serverVersion(), uncommittedRows: await store.uncommittedRows() }
        : {};
    const integrity = await store.integrity();
    const stats = await store.stats();
    return { state: 'open', backend: store.backend, location: store.location, ...extra, integrity, stats };
  } catch (err) {
    return { state: 'failed', location: redactUrl(store.location), error: errorMessage(err), ...hintOf(err) };
  }
}

/** What to do about a failed probe, when the error says (a damaged, foreign or locked store does). */
function hintOf(err: unknown): { hint?: string } {
  return err instanceof KeptError && err.hint !== undefined ? { hint: err.hint } : {};
}

async function probeRest(request: DoctorRequest): Promise<Omit<DoctorInputs, 'store'>> {
  let config: ConfigProbe;
  try {
    const c = request.config();
    config = { state: 'ok', path: c.path ?? null, projects: c.config.projects.length, warnings: c.warnings };
  } catch (err) {
    config = { state: 'failed', error: errorMessage(err) };
  }
  const tokens = DOCTOR_TOKENS.map((name) => ({ name, set: Boolean(request.env[name]) }));
  let upstream: DoctorInputs['upstream'] = null;
  if (request.fetch) {
    try {
      const targets = request.probes?.() ?? [];
      upstream = await Promise.all(
        targets.map((t) => probeUpstream(request.fetch!, t, request.timeoutMs ?? DEFAULT_TIMEOUT_MS)),
      );
    } catch (err) {
      upstream = errorMessage(err);
    }
  }
  return { config, tokens, upstream };
}

async function probeUpstream(fetchFn: typeof fetch, p: UpstreamProbeTarget, timeoutMs: number): Promise<UpstreamProbe> {
  const url = redactUrl(p.url);
  try {
    const res = await fetchFn(p.url, {
      method: 'GET',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'user-agent': 'kept-doctor' },
    });
    await res.body?.cancel();
    return { name: p.name, url, status: res.status, rateLimitRemaining: res.headers.get('x-ratelimit-remaining') };
  } catch (err) {
    const cause =
      err instanceof Error && err.cause instanceof Error
        ? ` ${(err.cause as NodeJS.ErrnoException).code ?? err.cause.message}`
        : '';
    const error =
      err instanceof Error && err.name === 'TimeoutError'
        ? `no answer in ${timeoutMs} ms`
        : `${errorMessage(err)}${cause}`;
    return { name: p.name, url, error };
  }
}
