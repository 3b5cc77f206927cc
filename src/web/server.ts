// The local dashboard: node:http over a read-only store. Routes are a fixed table (no file
// serving, so no path to traverse); every page is a view's document and has the view's model (the
// same JSON as `kept <view> --json`) at a stable URL. Bound to 127.0.0.1 by default, it answers
// only Host names of the loopback interface (DNS-rebinding defence); a strict CSP allows no script
// at all and only the page's own style.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { errorMessage, UsageError } from '../domain/errors.js';
import { PROJECT_CATEGORIES, type Project } from '../domain/project.js';
import { isoDate, parseIsoDate } from '../domain/time.js';
import {
  BADGE_STYLES,
  badgeFacts,
  CHART_THEMES,
  renderBadgeSvg,
  renderEmbedChart,
  shieldsEndpoint,
  type BadgeStyle,
  type ChartTheme,
} from '../report/badge.js';
import type { ReportDocument } from '../report/document.js';
import { REPORT_CSS } from '../report/render-html.js';
import { viewDocument } from '../report/views/index.js';
import type { Store } from '../store/store.js';
import {
  COMPARE_SCALES,
  DEFAULT_COMPARE_SCALE,
  isCompareScale,
  type CompareScale,
} from '../views/compare/chart-scale.js';
import { compareProfiles } from '../views/compare/compute.js';
import type { CompareView } from '../views/compare/model.js';
import { computeOverviewBase, queryOverviewView, type OverviewBase } from '../views/overview/compute.js';
import { loadOverview } from '../views/overview/load.js';
import { OVERVIEW_SORT_KEYS, type OverviewQuery, type OverviewSortKey } from '../views/overview/model.js';
import { computeProfile, profileInRange } from '../views/profile/compute.js';
import { loadProfiles } from '../views/profile/load.js';
import type { ProfileView } from '../views/profile/model.js';
import { runNamedView } from '../views/run.js';
import { CHART_RANGES, DEFAULT_CHART_RANGE, isChartRange, type ChartRange } from '../views/shared/chart-range.js';
import { latestWindowEnd, PROJECT_USAGE_READS } from '../views/shared/latest-data.js';
import type { VerdictSettings } from '../views/verdict/load.js';
import type { GapFamilies } from '../config/gap-families.js';
import { comparePage, errorPage, overviewPage, projectPage, viewPage } from './pages.js';
import { BadRequest } from './bad-request.js';
import { VIEW_PAGES, type ViewPage } from './view-pages.js';
import { KeptError } from '../domain/errors.js';

export interface DashboardOptions {
  readonly store: Store;
  readonly projects: readonly Project[];
  /** Judge every page at this date; default each view's own: the end of the latest data it reads. */
  readonly asOf?: Date | undefined;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: any free port. */
  readonly port?: number;
  /** Keep computed pages' data for the server's life (the store is opened read-only). Default true. */
  readonly cache?: boolean;
  readonly log?: (line: string) => void;
  /** Precompute every project's profile in the background after start. Default true with the cache. */
  readonly warmProfiles?: boolean;
  /** Bind a non-loopback address (the CLI's --allow-public). Without it such a host is refused. */
  readonly allowPublic?: boolean;
  /** Requests per second per client address, with a burst (default 50/s, burst 200); over it: 429. */
  readonly rateLimit?: { readonly perSecond: number; readonly burst: number } | false;
  /** The verdict's settings (kept.yaml `verdict:`), as kept verdict and kept profile use them. */
  readonly profile?: DashboardViewOptions;
  /** kept.yaml's `organizations:` (Hub organisation → region), as kept ecosystem applies them. */
  readonly organizations?: Readonly<Record<string, string>>;
}

/** Settings of the views the dashboard runs. */
export interface DashboardViewOptions {
  readonly verdict?: VerdictSettings;
  /** The deployment gap's families (kept.yaml's gap: over the catalog's). */
  readonly gap?: GapFamilies;
}

/** Request limits: a read-only dashboard takes no bodies, short URLs and few headers. */
export const REQUEST_LIMITS = { maxUrlLength: 2048, maxHeaders: 64, maxHeaderBytes: 8192 } as const;

/** A token bucket per client address (a few hundred addresses at most on a dashboard; old ones are dropped). */
export function clientRateLimiter(
  perSecond: number,
  burst: number,
  now: () => number = Date.now,
): (client: string) => boolean {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (client) => {
    const t = now();
    const b = buckets.get(client) ?? { tokens: burst, at: t };
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * perSecond);
    b.at = t;
    buckets.delete(client);
    buckets.set(client, b);
    if (buckets.size > 1000) buckets.delete(buckets.keys().next().value!);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  };
}

export interface Dashboard {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Settles when the background precomputation of profiles has finished (or was stopped). */
  readonly warmed: Promise<void>;
  /** How many project profiles are in the page cache. */
  cachedProfiles(): number;
  /** The project pages' as-of date (ISO day): --as-of, else the end of the store's usage data. */
  asOf(): Promise<string>;
  close(): Promise<void>;
}

export interface Reply {
  readonly status: number;
  readonly type: 'html' | 'json' | 'text' | 'svg';
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
} as const;

/** Badges and chart embeds are meant for other pages (a README, shields.io): they may be loaded from any origin. */
const EMBED_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-resource-policy': 'cross-origin',
  'access-control-allow-origin': '*',
  'cache-control': 'max-age=300',
};

export const DASHBOARD_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The request handler, independent of the socket: routes, validation, rendering. */
export class DashboardApp {
  private overviewBase: Promise<OverviewBase> | undefined;
  private readonly profiles = new Map<string, Promise<ProfileView>>();
  private readonly viewResults = new Map<string, Promise<{ model: unknown; doc: ReportDocument }>>();
  private readonly byId: Map<string, Project>;
  private usageEnds: Promise<Date | undefined> | undefined;

  /** The store as pages name it: its file name only (a public dashboard shows no local path). */
  readonly storeName: string;

  constructor(private readonly o: DashboardOptions) {
    this.byId = new Map(o.projects.map((p) => [p.id.toLowerCase(), p]));
    this.storeName = storeName(o.store.location);
  }

  /**
   * Where the store's usage data ends (the project pages' default as-of date), read once: the
   * store is read-only while the dashboard runs.
   */
  private latestData(): Promise<Date | undefined> {
    if (this.o.asOf) return Promise.resolve(undefined);
    this.usageEnds ??= latestWindowEnd(this.o.store, PROJECT_USAGE_READS);
    return this.usageEnds;
  }

  /** The as-of date of the project pages (overview, profiles, compare), as an ISO day. */
  async asOf(): Promise<string> {
    return isoDate(this.o.asOf ?? (await this.latestData()) ?? new Date());
  }

  /** A view's message as a visitor reads it: the store's path replaced by its name. */
  private visitorText(text: string): string {
    return text.replaceAll(this.o.store.location, this.storeName);
  }

  private stopped = false;

  /** Computes the overview's data before the first request (a no-op without the cache). */
  async warm(): Promise<void> {
    if (this.o.cache !== false) await this.overview();
  }

  /**
   * Fills the profile cache in the background, one project at a time, so a first visit to any
   * page is fast on a big store; a request waits for at most one profile being computed.
   */
  async warmProfiles(): Promise<void> {
    if (this.o.cache === false) return;
    for (const p of this.o.projects) {
      if (this.stopped) return;
      try {
        await this.profile(p);
      } catch (err) {
        this.o.log?.(`kept serve: could not precompute ${p.id}: ${errorMessage(err)}`);
      }
    }
  }

  cachedProfiles(): number {
    return this.profiles.size;
  }

  /** Stops background work; the store finishes the query in flight before it closes. */
  async stop(): Promise<void> {
    this.stopped = true;
  }

  /** The whole catalog judged (the overview before its query): computed once while the cache is on. */
  private overview(): Promise<OverviewBase> {
    const settings = this.o.profile?.verdict;
    const judge = async (): Promise<OverviewBase> => {
      const request = {
        projects: this.o.projects,
        asOf: this.o.asOf,
        latestData: await this.latestData(),
        today: new Date(),
        ...(settings ? { settings } : {}),
      };
      return computeOverviewBase(await loadOverview(this.o.store, request), request);
    };
    if (this.o.cache === false) return judge();
    if (!this.overviewBase) {
      this.overviewBase = judge();
      this.overviewBase.catch(() => (this.overviewBase = undefined));
    }
    return this.overviewBase;
  }

  private profile(p: Project): Promise<ProfileView> {
    const settings = this.o.profile?.verdict;
    const run = async (): Promise<ProfileView> =>
      runNamedView('profile', this.o.store, {
        project: p,
        asOf: this.o.asOf,
        latestData: await this.latestData(),
        today: new Date(),
        ...(settings ? { settings } : {}),
      });
    if (this.o.cache === false) return run();
    let cached = this.profiles.get(p.id);
    if (!cached) {
      cached = run();
      cached.catch(() => this.profiles.delete(p.id));
      this.profiles.set(p.id, cached);
    }
    return cached;
  }

  /**
   * Several profiles, those not cached read together (one scan of the downloads for all of
   * them, see loadProfileInputsMany) and then cached like the others.
   */
  private profilesOf(projects: readonly Project[]): Promise<ProfileView[]> {
    const missing = projects.filter((p) => this.o.cache === false || !this.profiles.has(p.id));
    const fresh = new Map<string, Promise<ProfileView>>();
    if (missing.length > 1) {
      const settings = this.o.profile?.verdict;
      const batch = (async () => {
        const request = {
          projects: missing,
          asOf: this.o.asOf,
          latestData: await this.latestData(),
          today: new Date(),
          ...(settings ? { settings } : {}),
        };
        return (await loadProfiles(this.o.store, request)).map((i) =>
          computeProfile(i, { ...request, project: i.project }),
        );
      })();
      missing.forEach((p, i) => {
        const one = batch.then((list) => list[i]!);
        fresh.set(p.id, one);
        if (this.o.cache !== false) {
          one.catch(() => this.profiles.delete(p.id));
          this.profiles.set(p.id, one);
        }
      });
    }
    return Promise.all(projects.map((p) => fresh.get(p.id) ?? this.profile(p)));
  }

  private project(raw: string): Project {
    let id: string;
    try {
      id = decodeURIComponent(raw);
    } catch {
      throw new BadRequest(400, 'the project id in the path is not valid percent-encoding');
    }
    const p = this.byId.get(id.toLowerCase());
    if (!p) throw new BadRequest(404, `no project "${id.slice(0, 80)}" in the catalog`);
    return p;
  }

  private overviewQuery(params: URLSearchParams): OverviewQuery {
    only(params, ['q', 'category', 'sort', 'dir']);
    const q = single(params, 'q');
    if (q !== undefined && q.length > 100) throw new BadRequest(400, 'q is longer than 100 characters');
    const category = single(params, 'category') || undefined;
    if (category !== undefined && !(PROJECT_CATEGORIES as readonly string[]).includes(category))
      throw new BadRequest(400, `category must be one of ${PROJECT_CATEGORIES.join(', ')}`);
    const sort = single(params, 'sort') || undefined;
    if (sort !== undefined && !(OVERVIEW_SORT_KEYS as readonly string[]).includes(sort))
      throw new BadRequest(400, `sort must be one of ${OVERVIEW_SORT_KEYS.join(', ')}`);
    const dir = single(params, 'dir') || undefined;
    if (dir !== undefined && dir !== 'asc' && dir !== 'desc') throw new BadRequest(400, 'dir must be asc or desc');
    return {
      ...(q ? { q } : {}),
      ...(category ? { category } : {}),
      ...(sort ? { sort: sort as OverviewSortKey } : {}),
      ...(dir ? { dir } : {}),
    };
  }

  private async compare(
    params: URLSearchParams,
  ): Promise<{ model: CompareView | undefined; chosen: string[]; scale: CompareScale; range: ChartRange }> {
    only(params, ['p', 'scale', 'range']);
    const scale = single(params, 'scale') || DEFAULT_COMPARE_SCALE;
    if (!isCompareScale(scale)) throw new BadRequest(400, `scale must be one of ${COMPARE_SCALES.join(', ')}`);
    const range = chartRange(params);
    const chosen = params.getAll('p').filter((x) => x !== '');
    if (chosen.length === 0) return { model: undefined, chosen, scale, range };
    if (chosen.length < 2 || chosen.length > 4)
      throw new BadRequest(
        400,
        chosen.length === 1
          ? 'compare takes 2 to 4 projects (p=…), not 1: pick at least one more to set beside it'
          : `compare takes 2 to 4 projects (p=…), not ${chosen.length}`,
      );
    const projects = chosen.map((c) => this.project(encodeURIComponent(c)));
    if (new Set(projects.map((p) => p.id)).size !== projects.length)
      throw new BadRequest(400, 'a project is named twice');
    const profiles = await this.profilesOf(projects);
    const asOf = parseIsoDate(profiles[0]?.asOf ?? '') ?? new Date();
    return {
      model: compareProfiles(profiles, asOf, scale, range),
      chosen: projects.map((p) => p.id),
      scale,
      range,
    };
  }

  /**
   * The view page a path names, if any: /<segment>/<arg> or /api/<segment>/<arg>.json, and
   * /<segment> or /api/<segment>.json for a page without an argument. The argument may hold
   * slashes (hf:org/model).
   */
  private viewRoute(path: string): { page: ViewPage; arg: string; api: boolean } | undefined {
    const m = /^\/(api\/)?([a-z-]+)(?:\/(.+?))?(\.json)?$/.exec(path);
    if (!m?.[2] || (m[1] !== undefined) !== (m[4] !== undefined)) return undefined;
    const page = VIEW_PAGES.find((p) => p.segment === m[2]);
    if (!page || (page.argument === 'required') !== (m[3] !== undefined)) return undefined;
    let arg = '';
    try {
      arg = m[3] === undefined ? '' : decodeURIComponent(m[3]);
    } catch {
      throw new BadRequest(400, 'the path is not valid percent-encoding');
    }
    if (arg.length > 300) throw new BadRequest(400, 'the path argument is longer than 300 characters');
    return { page, arg, api: m[1] !== undefined };
  }

  /** A view page's model and document, computed once per path while the cache is on. */
  private viewResult(page: ViewPage, arg: string): Promise<{ model: unknown; doc: ReportDocument }> {
    const gapFamilies = this.o.profile?.gap;
    const run = () =>
      page.run(this.o.store, arg, {
        asOf: this.o.asOf,
        today: new Date(),
        projects: this.o.projects,
        ...(gapFamilies ? { gapFamilies } : {}),
        ...(this.o.organizations ? { organizations: this.o.organizations } : {}),
      });
    if (this.o.cache === false) return run();
    const key = `${page.segment}\u0000${arg}`;
    let cached = this.viewResults.get(key);
    if (!cached) {
      cached = run();
      cached.catch(() => this.viewResults.delete(key));
      this.viewResults.set(key, cached);
    }
    return cached;
  }

  async handle(method: string, rawUrl: string): Promise<Reply> {
    try {
      if (method !== 'GET' && method !== 'HEAD')
        return { status: 405, type: 'text', body: 'only GET and HEAD\n', headers: { allow: 'GET, HEAD' } };
      if (rawUrl.length > REQUEST_LIMITS.maxUrlLength) throw new BadRequest(414, 'the URL is too long');
      if (!rawUrl.startsWith('/') || rawUrl.startsWith('//')) throw new BadRequest(400, 'bad request target');
      const url = new URL(`http://dashboard${rawUrl}`);
      const path = url.pathname;
      const loc = this.storeName;
      if (path === '/' || path === '/api/overview.json') {
        const q = this.overviewQuery(url.searchParams);
        const model = queryOverviewView(await this.overview(), q);
        return path === '/'
          ? { status: 200, type: 'html', body: overviewPage(viewDocument('overview', model), q, loc) }
          : json(model);
      }
      const page = /^\/project\/([^/]+)$/.exec(path);
      if (page?.[1]) {
        only(url.searchParams, ['range']);
        const range = chartRange(url.searchParams);
        const p = this.project(page[1]);
        const model = profileInRange(await this.profile(p), range);
        return { status: 200, type: 'html', body: projectPage(viewDocument('profile', model), p.id, loc, range) };
      }
      const api = /^\/api\/project\/([^/]+)\.json$/.exec(path);
      if (api?.[1]) {
        only(url.searchParams, []);
        return json(await this.profile(this.project(api[1])));
      }
      if (path === '/compare') {
        let result: { model: CompareView | undefined; chosen: string[]; scale: CompareScale; range: ChartRange };
        try {
          result = await this.compare(url.searchParams);
        } catch (err) {
          // A choice the compare cannot take (one project, five, one twice, an unknown id) keeps
          // the picker, with what was chosen and why it cannot be compared.
          if (!(err instanceof BadRequest) || err.status === 414) throw err;
          const chosen = url.searchParams.getAll('p').filter((x) => x !== '');
          return {
            status: err.status,
            type: 'html',
            body: comparePage(undefined, chosen, this.o.projects, loc, await this.asOf(), err.message),
          };
        }
        const { model, chosen, scale, range } = result;
        const doc = model ? viewDocument('compare', model) : undefined;
        return {
          status: 200,
          type: 'html',
          body: comparePage(doc, chosen, this.o.projects, loc, await this.asOf(), undefined, scale, range),
        };
      }
      if (path === '/api/compare.json') {
        const { model } = await this.compare(url.searchParams);
        if (!model) throw new BadRequest(400, 'compare takes 2 to 4 projects (p=…&p=…)');
        return json(model);
      }
      if (path === '/api/projects.json')
        return json({
          schema: 'kept.projects/v1',
          asOf: await this.asOf(),
          projects: this.o.projects.map((p) => ({
            id: p.id,
            name: p.name,
            category: p.category,
            page: `/project/${encodeURIComponent(p.id)}`,
          })),
        });
      const badge = /^\/badge\/([^/]+)\.(svg|json)$/.exec(path);
      if (badge?.[1]) {
        only(url.searchParams, ['style']);
        const style = single(url.searchParams, 'style') || 'tier';
        if (!(BADGE_STYLES as readonly string[]).includes(style))
          throw new BadRequest(400, `style must be one of ${BADGE_STYLES.join(', ')}`);
        const facts = badgeFacts(await this.profile(this.project(badge[1])), style as BadgeStyle);
        return badge[2] === 'json'
          ? { ...json(shieldsEndpoint(facts)), headers: EMBED_HEADERS }
          : { status: 200, type: 'svg', body: renderBadgeSvg(facts), headers: EMBED_HEADERS };
      }
      const chart = /^\/chart\/([^/]+)\.svg$/.exec(path);
      if (chart?.[1]) {
        only(url.searchParams, ['theme']);
        const theme = single(url.searchParams, 'theme') || 'light';
        if (!(CHART_THEMES as readonly string[]).includes(theme))
          throw new BadRequest(400, `theme must be one of ${CHART_THEMES.join(', ')}`);
        const model = await this.profile(this.project(chart[1]));
        return { status: 200, type: 'svg', body: renderEmbedChart(model, theme as ChartTheme), headers: EMBED_HEADERS };
      }
      const viewRoute = this.viewRoute(path);
      if (viewRoute) {
        only(url.searchParams, []);
        const { model, doc } = await this.viewResult(viewRoute.page, viewRoute.arg);
        return viewRoute.api
          ? json(model)
          : { status: 200, type: 'html', body: viewPage(doc, viewRoute.page.segment, viewRoute.arg, loc) };
      }
      throw new BadRequest(404, 'no such page');
    } catch (err) {
      const api = rawUrl.startsWith('/api/');
      if (err instanceof BadRequest)
        return api
          ? { status: err.status, type: 'json', body: JSON.stringify({ error: err.message }) }
          : { status: err.status, type: 'html', body: errorPage(err.status, err.message) };
      // A view's own refusal (an unknown subject, with its suggestions) is the visitor's answer.
      if (err instanceof KeptError && (err.code === 'not-found' || err.code === 'usage' || err.code === 'input')) {
        const status = err.code === 'not-found' ? 404 : 400;
        const message = this.visitorText(err.hint ? `${err.message}; ${err.hint}` : err.message);
        return api
          ? { status, type: 'json', body: JSON.stringify({ error: message }) }
          : { status, type: 'html', body: errorPage(status, message) };
      }
      this.o.log?.(`kept serve: error on ${method} ${rawUrl.slice(0, 200)}: ${errorMessage(err)}`);
      return api
        ? { status: 500, type: 'json', body: JSON.stringify({ error: 'internal error (see the server log)' }) }
        : { status: 500, type: 'html', body: errorPage(500, 'internal error (see the server log)') };
    }
  }
}

function json(value: unknown): Reply {
  return { status: 200, type: 'json', body: `${JSON.stringify(value)}\n` };
}

function only(params: URLSearchParams, allowed: readonly string[]): void {
  for (const k of params.keys())
    if (!allowed.includes(k))
      throw new BadRequest(
        400,
        allowed.length
          ? `unknown parameter "${k.slice(0, 40)}" (allowed: ${allowed.join(', ')})`
          : `this page takes no parameters ("${k.slice(0, 40)}")`,
      );
}

/** The ?range= of a page with a download chart (6m, 1y, all); absent: every stored window. */
function chartRange(params: URLSearchParams): ChartRange {
  const range = single(params, 'range') || DEFAULT_CHART_RANGE;
  if (!isChartRange(range)) throw new BadRequest(400, `range must be one of ${CHART_RANGES.join(', ')}`);
  return range;
}

function single(params: URLSearchParams, key: string): string | undefined {
  const all = params.getAll(key);
  if (all.length > 1) throw new BadRequest(400, `${key} given ${all.length} times`);
  return all[0];
}

/** A store location as pages show it: a file's name, or a ClickHouse store's database name. */
export function storeName(location: string): string {
  if (/^[a-z+]+:\/\//i.test(location)) {
    const db =
      location
        .replace(/[?#].*$/, '')
        .split('/')
        .filter(Boolean)
        .pop() ?? 'store';
    return `ClickHouse database ${db}`;
  }
  return basename(location.replace(/^duckdb:/i, ''));
}

/**
 * Host names a loopback-bound server answers to, with its port: the address it is bound to (and,
 * for 127.0.0.1, ::1 and localhost, the names that reach the same interface); on port 80 without it too.
 */
export function allowedHosts(host: string, port: number): Set<string> {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  const names =
    h === 'localhost' || h === '127.0.0.1'
      ? ['127.0.0.1', 'localhost', '[::1]']
      : h === '::1'
        ? ['[::1]', 'localhost']
        : [h.includes(':') ? `[${h}]` : h];
  return new Set([...names.map((n) => `${n}:${port}`), ...(port === 80 ? names : [])]);
}

/**
 * A request target as the routes read it, and the host it names: an origin-form target (`/x`) with
 * the Host header, or an absolute-form one (`http://127.0.0.1:8421/x`, which HTTP/1.1 servers must
 * accept, RFC 9112 §3.2.2) with the host of its URL, which then stands for the Host header.
 */
export function requestTarget(url: string, hostHeader: string | undefined): { path: string; host: string } {
  const abs = /^http:\/\/([^/?#]*)(.*)$/i.exec(url);
  if (!abs) return { path: url, host: (hostHeader ?? '').toLowerCase() };
  const rest = abs[2] ?? '';
  return { path: rest === '' ? '/' : rest.startsWith('?') ? `/${rest}` : rest, host: (abs[1] ?? '').toLowerCase() };
}

export async function startDashboard(o: DashboardOptions): Promise<Dashboard> {
  const app = new DashboardApp(o);
  await app.warm();
  const host = o.host ?? '127.0.0.1';
  const loopback = isLoopback(host);
  if (!loopback && !o.allowPublic)
    throw new UsageError(`refusing to serve on ${host}: the dashboard has no authentication`, {
      hint: 'bind 127.0.0.1 (the default), or pass --allow-public to expose it to your network',
    });
  let hosts = new Set<string>();
  const allow =
    o.rateLimit === false ? () => true : clientRateLimiter(o.rateLimit?.perSecond ?? 50, o.rateLimit?.burst ?? 200);
  const server = createServer(
    { maxHeaderSize: REQUEST_LIMITS.maxHeaderBytes, requestTimeout: 30_000, headersTimeout: 10_000 },
    (req: IncomingMessage, res: ServerResponse) => {
      const send = (r: Reply): void => {
        res.writeHead(r.status, {
          ...SECURITY_HEADERS,
          'content-type': CONTENT_TYPES[r.type],
          'content-length': Buffer.byteLength(r.body),
          ...r.headers,
        });
        res.end(req.method === 'HEAD' ? undefined : r.body);
      };
      const target = requestTarget(req.url ?? '/', req.headers.host);
      if (loopback && !hosts.has(target.host)) {
        send({
          status: 421,
          type: 'text',
          body: 'unknown Host: this dashboard answers only on its loopback address\n',
        });
        return;
      }
      if (!allow(req.socket.remoteAddress ?? '?')) {
        send({
          status: 429,
          type: 'text',
          body: 'too many requests from this address; slow down\n',
          headers: { 'retry-after': '1' },
        });
        return;
      }
      if (req.rawHeaders.length / 2 > REQUEST_LIMITS.maxHeaders) {
        send({ status: 431, type: 'text', body: 'too many request headers\n', headers: { connection: 'close' } });
        req.socket.destroySoon();
        return;
      }
      // Read-only: no request carries a body. Refuse one without reading it.
      if (
        (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') ||
        req.headers['transfer-encoding'] !== undefined
      ) {
        send({
          status: 413,
          type: 'text',
          body: 'this dashboard takes no request bodies\n',
          headers: { connection: 'close' },
        });
        req.socket.destroySoon();
        return;
      }
      app.handle(req.method ?? 'GET', target.path).then(send, (err: unknown) => {
        o.log?.(`kept serve: ${errorMessage(err)}`);
        send({ status: 500, type: 'text', body: 'internal error\n' });
      });
    },
  );
  server.keepAliveTimeout = 5000;
  server.maxHeadersCount = REQUEST_LIMITS.maxHeaders * 2; // past it node drops headers; the check above refuses first
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  const warming = o.warmProfiles === false ? Promise.resolve() : app.warmProfiles();
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    server,
    warmed: warming,
    cachedProfiles: () => app.cachedProfiles(),
    asOf: () => app.asOf(),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.stop();
      await warming;
    },
  };
}
