// A local fake of the GitHub API and the Hugging Face Hub API for end-to-end tests and benchmarks:
// serves the recorded responses (test/fixtures/http/) with their Link headers rewritten to its own
// base URL, plus synthetic repositories of any size built from the recorded item shapes (the
// 40,000-star REST cap with its 422, and the GraphQL stargazers connection past it), plus a
// synthetic Hub `/api/models` (model info and filtered, sorted, cursor-paginated listings at any
// `limit`) over the model records found in the recorded Hub answers. It answers If-None-Match with
// 304 and keeps a primary quota, in each upstream's dialect: GitHub's x-ratelimit-* (a 304 costs
// nothing) and 403, the Hub's `RateLimit` / `RateLimit-Policy` and 429 (api-sources.md §1; whether
// a Hub 304 is free is not documented, so here it counts). It can inject GitHub secondary limits.
// `handle` works without a socket (as a fetch); `startFakeUpstream` serves it on 127.0.0.1.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Recording } from './recorded-http.js';

export interface SyntheticRepo {
  readonly fullName: string;
  readonly stars: number;
  readonly contributors: number;
  readonly issues: number;
  readonly commentsPerIssue: number;
  readonly releases: number;
  /** Stars, issues and releases are spread from here to `until`. */
  readonly from: string;
  readonly until: string;
  /** Time between consecutive stars (default: spread evenly from `from` to `until`), so a world with more stars extends an older one. */
  readonly starEveryMs?: number;
}

export interface FakeUpstreamOptions {
  readonly recordings?: readonly Recording[];
  readonly synthetic?: readonly SyntheticRepo[];
  /**
   * Primary quota on answers other than 304 (default 5,000 per hour). `closesWhenSpent`: the window
   * stays open until the quota is spent and closes `windowMs` after that, so whether a client
   * meets the limit depends on how many requests it sends, not on how fast the machine sends them.
   */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number; readonly closesWhenSpent?: boolean };
  /** Request ordinals (1-based) answered with a secondary rate limit. */
  readonly secondaryAt?: readonly number[];
  readonly secondaryRetryAfterSeconds?: number;
  /**
   * Most models one Hub listing page holds, whatever `limit` asks: default 1,000, the maximum third
   * parties report (api-sources.md §1, "Pagination", [O]). Lower, it makes a client's pages split.
   */
  readonly hubPageCap?: number;
  readonly now?: () => number;
}

export interface FakeAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface FakeStats {
  requests: number;
  notModified: number;
  /** Answers refused for the primary quota (should stay 0: the client must not exceed it). */
  primaryRefusals: number;
  secondaryRefusals: number;
  byPath: Map<string, number>;
  /** Authorization headers seen (to check tokens reach only their upstream). */
  authorizations: Set<string>;
}

const RECORDED_ORIGIN = 'https://api.github.com';
const HUB_ORIGIN = 'https://huggingface.co';
/** Origins of recorded URLs: their paths are served here, and Link headers naming them point back here. */
const RECORDED_ORIGINS = [RECORDED_ORIGIN, HUB_ORIGIN];
const HUB_PAGE_CAP = 1000;
const PER_PAGE_MAX = 100;
const STAR_PAGE_CAP = 400;

function etagOf(text: string): string {
  return `W/"${createHash('sha256').update(text).digest('hex').slice(0, 32)}"`;
}

function deepClone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Template items taken from the recordings, so synthetic answers have the recorded shapes. */
interface Templates {
  repo: Record<string, unknown>;
  star: { starred_at: string; user: Record<string, unknown> };
  contributor: Record<string, unknown>;
  user: Record<string, unknown>;
  release: Record<string, unknown>;
  issue: Record<string, unknown>;
  comment: Record<string, unknown>;
}

function findBody(recordings: readonly Recording[], re: RegExp): unknown {
  const r = recordings.find(
    (x) =>
      re.test(x.request.url) &&
      x.response.status === 200 &&
      !(Array.isArray(x.response.body) && x.response.body.length === 0),
  );
  return r?.response.body;
}

function templates(recordings: readonly Recording[]): Templates | undefined {
  const repo = findBody(recordings, /\/repos\/[^/]+\/[^/?]+$/) as Record<string, unknown> | undefined;
  const stars = findBody(recordings, /\/stargazers\?/) as Templates['star'][] | undefined;
  const contributors = findBody(recordings, /\/contributors\?/) as Record<string, unknown>[] | undefined;
  const user = findBody(recordings, /\/users\/[^/]+$/) as Record<string, unknown> | undefined;
  const releases =
    (recordings
      .map((r) => r.response.body)
      .find((b) => Array.isArray(b) && b.length && typeof (b[0] as Record<string, unknown>).tag_name === 'string') as
      Record<string, unknown>[] | undefined) ?? [];
  const issues = findBody(recordings, /\/issues\?/) as Record<string, unknown>[] | undefined;
  const comments = findBody(recordings, /\/issues\/comments\?/) as Record<string, unknown>[] | undefined;
  if (!repo || !stars?.[0] || !contributors?.[0] || !user || !releases[0] || !issues?.[0] || !comments?.[0])
    return undefined;
  return {
    repo,
    star: stars[0],
    contributor: contributors.find((c) => c.type === 'User') ?? contributors[0],
    user,
    release: releases[0],
    issue: issues.find((i) => !('pull_request' in i)) ?? issues[0],
    comment: comments[0],
  };
}

function iso(t: number): string {
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

/** A synthetic repository's lists, generated by index on demand. */
class SyntheticWorld {
  private readonly t0: number;
  private readonly t1: number;
  private issueCache: Record<string, unknown>[] | undefined;
  private commentCache: Record<string, unknown>[] | undefined;
  constructor(
    readonly r: SyntheticRepo,
    private readonly t: Templates,
    private readonly api: string,
  ) {
    this.t0 = Date.parse(r.from);
    this.t1 = Date.parse(r.until);
  }

  private userLike(login: string, id: number): Record<string, unknown> {
    return {
      ...this.t.star.user,
      login,
      id,
      url: `${this.api}/users/${login}`,
      html_url: `https://github.com/${login}`,
    };
  }

  repo(): Record<string, unknown> {
    const o = deepClone(this.t.repo);
    const [, name] = this.r.fullName.split('/');
    Object.assign(o, {
      full_name: this.r.fullName,
      name,
      stargazers_count: this.stars(),
      watchers_count: this.stars(),
      watchers: this.stars(),
      open_issues_count: Math.round(this.r.issues / 5),
      open_issues: Math.round(this.r.issues / 5),
      forks_count: Math.round(this.r.stars / 6),
      forks: Math.round(this.r.stars / 6),
    });
    return o;
  }

  stars(): number {
    return this.r.stars;
  }

  /** Star i (0-based), oldest first, evenly spread. */
  star(i: number): { starred_at: string; user: Record<string, unknown> } {
    const step = this.r.starEveryMs ?? (this.t1 - this.t0) / this.r.stars;
    const t = this.t0 + Math.floor((i + 0.5) * step);
    return { starred_at: iso(Math.floor(t / 1000) * 1000), user: this.userLike(`sg-${i + 1}`, 50_000_000 + i) };
  }

  contributor(i: number): Record<string, unknown> {
    const c = deepClone(this.t.contributor);
    Object.assign(c, this.userLike(`contrib-${i + 1}`, 60_000_000 + i), {
      contributions: Math.max(1, Math.round(5000 / (i + 1))),
    });
    return c;
  }

  user(login: string): Record<string, unknown> | undefined {
    const m = /^contrib-(\d+)$/.exec(login);
    if (!m) return undefined;
    const u = deepClone(this.t.user);
    Object.assign(u, this.userLike(login, 60_000_000 + Number(m[1]) - 1), {
      company: Number(m[1]) % 3 === 0 ? null : `Company ${Number(m[1]) % 7}`,
    });
    return u;
  }

  releases(): Record<string, unknown>[] {
    return Array.from({ length: this.r.releases }, (_, i) => {
      const rel = deepClone(this.t.release);
      const at = iso(this.t1 - i * 7 * 86_400_000);
      Object.assign(rel, {
        id: 70_000_000 + i,
        tag_name: `v1.${this.r.releases - i}.0`,
        name: `v1.${this.r.releases - i}.0`,
        created_at: at,
        published_at: at,
        prerelease: i % 5 === 4,
      });
      return rel;
    });
  }

  issues(): Record<string, unknown>[] {
    if (!this.issueCache) {
      const span = this.t1 - this.t0;
      this.issueCache = Array.from({ length: this.r.issues }, (_, i) => {
        const o = deepClone(this.t.issue);
        const created = this.t0 + Math.floor(((i + 0.5) * span) / this.r.issues);
        const updated = Math.min(this.t1, created + (this.r.commentsPerIssue + 1) * 3_600_000);
        const number = i + 1;
        Object.assign(o, {
          id: 80_000_000 + i,
          number,
          title: `Synthetic issue ${number}`,
          user: this.userLike(`reporter-${number}`, 70_000_000 + i),
          created_at: iso(created),
          updated_at: iso(updated),
          closed_at: i % 2 === 0 ? iso(updated) : null,
          state: i % 2 === 0 ? 'closed' : 'open',
          comments: this.r.commentsPerIssue,
          html_url: `https://github.com/${this.r.fullName}/issues/${number}`,
          url: `${this.api}/repos/${this.r.fullName}/issues/${number}`,
        });
        return o;
      }).sort((a, b) => String(b.updated_at).localeCompare(String(a.updated_at)));
    }
    return this.issueCache;
  }

  comments(): Record<string, unknown>[] {
    if (!this.commentCache) {
      const out: Record<string, unknown>[] = [];
      for (const issue of this.issues()) {
        const number = Number(issue.number);
        for (let k = 0; k < this.r.commentsPerIssue; k++) {
          const c = deepClone(this.t.comment);
          const at = iso(Date.parse(String(issue.created_at)) + (k + 1) * 3_600_000);
          Object.assign(c, {
            id: 90_000_000 + number * 10 + k,
            issue_url: `${this.api}/repos/${this.r.fullName}/issues/${number}`,
            user: this.userLike(`contrib-${((number + k) % 20) + 1}`, 60_000_000 + ((number + k) % 20)),
            created_at: at,
            updated_at: at,
            author_association: 'MEMBER',
          });
          out.push(c);
        }
      }
      this.commentCache = out.sort((a, b) => String(b.updated_at).localeCompare(String(a.updated_at)));
    }
    return this.commentCache;
  }
}

type Answer = { status: number; text: string; headers: Record<string, string> };

function jsonAnswer(status: number, body: unknown, extra: Record<string, string> = {}): Answer {
  return {
    status,
    text: JSON.stringify(body),
    headers: { 'content-type': 'application/json; charset=utf-8', ...extra },
  };
}

/** Hub API paths (the GitHub fake serves /repos, /users and /graphql). */
function isHubPath(pathname: string): boolean {
  return pathname.startsWith('/api/');
}

/** The model records in recorded Hub answers (model info and listings), each id once. */
function hubModelsOf(recordings: readonly Recording[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const r of recordings) {
    if (!r.request.url.startsWith(`${HUB_ORIGIN}/api/models`) || r.response.status !== 200) continue;
    const b = r.response.body;
    for (const m of Array.isArray(b) ? b : [b]) {
      if (
        typeof m === 'object' &&
        m !== null &&
        typeof (m as { id?: unknown }).id === 'string' &&
        !out.has((m as { id: string }).id)
      )
        out.set((m as { id: string }).id, m as Record<string, unknown>);
    }
  }
  return out;
}

/**
 * The Hub's /api/models over a fixed set of model records, at whatever page size is asked: model
 * info (`/api/models/{id}`, 401 RepoNotFound when unknown, as the Hub answers without a token), and
 * listings filtered by tag (`filter`, repeatable) and `author`, sorted descending (`sort`; records
 * without the field last, ties by id), `limit` per page up to the cap, continued by an opaque
 * `cursor` in `Link: <…>; rel="next"`. `expand` keeps only the listed fields (plus `id`, `_id`).
 */
class SyntheticHub {
  constructor(
    private readonly models: ReadonlyMap<string, Record<string, unknown>>,
    private readonly pageCap: number,
  ) {}

  private project(m: Record<string, unknown>, url: URL): Record<string, unknown> {
    const expand = url.searchParams.getAll('expand');
    if (expand.length === 0) return m;
    return Object.fromEntries(Object.entries(m).filter(([k]) => k === 'id' || k === '_id' || expand.includes(k)));
  }

  answer(url: URL, base: string): Answer | undefined {
    if (url.pathname === '/api/models') return this.list(url, base);
    const m = /^\/api\/models\/(.+?)(?:\/revision\/[^/]+)?$/.exec(url.pathname);
    if (!m?.[1]) return undefined;
    const model = this.models.get(m[1].split('/').map(decodeURIComponent).join('/'));
    if (!model)
      return jsonAnswer(
        401,
        { error: 'Repository not found' },
        { 'x-error-code': 'RepoNotFound', 'x-error-message': 'Repository not found' },
      );
    return jsonAnswer(200, this.project(model, url));
  }

  private list(url: URL, base: string): Answer {
    const filters = url.searchParams.getAll('filter');
    const author = url.searchParams.get('author');
    const sort = url.searchParams.get('sort') ?? 'downloads';
    const key = (m: Record<string, unknown>): number => (typeof m[sort] === 'number' ? (m[sort] as number) : -1);
    const all = [...this.models.values()]
      .filter((m) => filters.every((f) => Array.isArray(m.tags) && m.tags.includes(f)))
      .filter((m) => author === null || m.author === author || String(m.id).startsWith(`${author}/`))
      .sort((a, b) => key(b) - key(a) || (String(a.id) < String(b.id) ? -1 : 1));
    const size = Math.max(
      1,
      Math.min(this.pageCap, Number(url.searchParams.get('limit') ?? this.pageCap) || this.pageCap),
    );
    const cursor = url.searchParams.get('cursor');
    const offset = cursor
      ? (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset: number }).offset
      : 0;
    const page = all.slice(offset, offset + size).map((m) => this.project(m, url));
    if (offset + size >= all.length) return jsonAnswer(200, page);
    const next = new URL(url.href);
    next.searchParams.set('cursor', Buffer.from(JSON.stringify({ offset: offset + size })).toString('base64url'));
    return jsonAnswer(200, page, { link: `<${base}${next.pathname}${next.search}>; rel="next"` });
  }
}

export class FakeUpstream {
  readonly stats: FakeStats = {
    requests: 0,
    notModified: 0,
    primaryRefusals: 0,
    secondaryRefusals: 0,
    byPath: new Map(),
    authorizations: new Set(),
  };
  private readonly recorded = new Map<string, Recording>();
  private readonly worlds = new Map<string, SyntheticWorld>();
  private readonly hub: SyntheticHub;
  private used = 0;
  /** The rate-limit window opens with the first request (not at start-up, which a CLI's start delays). */
  private windowStart = Number.NEGATIVE_INFINITY;
  /** With `rateLimit.closesWhenSpent`: when the quota was spent (the window closes windowMs later). */
  private spentAt = Number.POSITIVE_INFINITY;
  private readonly now: () => number;
  base = RECORDED_ORIGIN;

  constructor(private readonly o: FakeUpstreamOptions) {
    this.now = o.now ?? Date.now;
    for (const r of o.recordings ?? []) {
      const u = new URL(r.request.url);
      this.recorded.set(`${(r.request.method ?? 'GET').toUpperCase()} ${u.pathname}${u.search}`, r);
    }
    const t = templates(o.recordings ?? []);
    for (const s of o.synthetic ?? []) {
      if (!t) throw new Error('synthetic repositories need the GitHub recordings for their item shapes');
      this.worlds.set(s.fullName.toLowerCase(), new SyntheticWorld(s, t, RECORDED_ORIGIN));
    }
    this.hub = new SyntheticHub(hubModelsOf(o.recordings ?? []), o.hubPageCap ?? HUB_PAGE_CAP);
  }

  /** Resets counters (keeps the quota window), e.g. between the first and second run of a bench. */
  resetStats(): void {
    Object.assign(this.stats, {
      requests: 0,
      notModified: 0,
      primaryRefusals: 0,
      secondaryRefusals: 0,
      byPath: new Map(),
      authorizations: new Set(),
    });
  }

  /** The Hub's IETF-draft pair: `RateLimit: "api";r=<remaining>;t=<seconds to reset>` and its policy. */
  private hubRateHeaders(): Record<string, string> {
    const limit = this.o.rateLimit?.limit ?? 5000;
    const windowMs = this.o.rateLimit?.windowMs ?? 3_600_000;
    const reset = Math.max(1, Math.ceil((this.windowEnd() - this.now()) / 1000));
    return {
      ratelimit: `"api";r=${Math.max(0, limit - this.used)};t=${reset}`,
      'ratelimit-policy': `"fixed window";"api";q=${limit};w=${Math.ceil(windowMs / 1000)}`,
    };
  }

  /** When the current quota window closes (ms). */
  private windowEnd(): number {
    const windowMs = this.o.rateLimit?.windowMs ?? 3_600_000;
    if (!this.o.rateLimit?.closesWhenSpent) return this.windowStart + windowMs;
    return Number.isFinite(this.spentAt) ? this.spentAt + windowMs : this.now() + windowMs;
  }

  private rateHeaders(resource = 'core'): Record<string, string> {
    const limit = this.o.rateLimit?.limit ?? 5000;
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - this.used)),
      'x-ratelimit-used': String(this.used),
      'x-ratelimit-reset': String(Math.ceil(this.windowEnd() / 1000)),
      'x-ratelimit-resource': resource,
    };
  }

  private page<T>(items: readonly T[] | { length: number; at: (i: number) => T }, url: URL, cap?: number): Answer {
    const perPage = Math.min(PER_PAGE_MAX, Number(url.searchParams.get('per_page') ?? 30));
    const page = Number(url.searchParams.get('page') ?? 1);
    const length = items.length;
    let last = Math.max(1, Math.ceil(length / perPage));
    if (cap !== undefined) last = Math.min(last, cap);
    if (cap !== undefined && page > cap) {
      return jsonAnswer(422, {
        message:
          'In order to keep the API fast for everyone, pagination is limited for this resource. Check the rel=last link relation in the Link response header to see how far back you can traverse.',
        documentation_url: 'https://docs.github.com/v3/#pagination',
      });
    }
    const at =
      'at' in items && typeof items.at === 'function'
        ? (i: number) => items.at(i)
        : (i: number) => (items as readonly T[])[i]!;
    const body: T[] = [];
    for (let i = (page - 1) * perPage; i < Math.min(length, page * perPage); i++) body.push(at(i) as T);
    const link = (p: number): string => {
      const u = new URL(url.href);
      u.searchParams.set('page', String(p));
      return `${this.base}${u.pathname}${u.search}`;
    };
    const rels: string[] = [];
    if (page > 1) rels.push(`<${link(page - 1)}>; rel="prev"`);
    if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
    if (page > 1) rels.push(`<${link(1)}>; rel="first"`);
    return jsonAnswer(200, body, rels.length ? { link: rels.join(', ') } : {});
  }

  private synthetic(method: string, url: URL, body: string): Answer | undefined {
    if (method === 'POST' && url.pathname.endsWith('/graphql')) return this.graphql(body);
    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const u = /^\/users\/([^/]+)$/.exec(url.pathname);
    if (u?.[1]) {
      for (const w of this.worlds.values()) {
        const user = w.user(decodeURIComponent(u[1]));
        if (user) return jsonAnswer(200, user);
      }
      return undefined;
    }
    if (!m) return undefined;
    const w = this.worlds.get(`${m[1]}/${m[2]}`.toLowerCase());
    if (!w) return undefined;
    const rest = m[3] ?? '';
    if (rest === '')
      return jsonAnswer(200, w.repo(), { 'last-modified': new Date(Date.parse(w.r.until)).toUTCString() });
    if (rest === '/stargazers') return this.page({ length: w.stars(), at: (i) => w.star(i) }, url, STAR_PAGE_CAP);
    if (rest === '/contributors') return this.page({ length: w.r.contributors, at: (i) => w.contributor(i) }, url);
    if (rest === '/releases') return this.page(w.releases(), url);
    const since = url.searchParams.get('since');
    const after = (x: Record<string, unknown>): boolean => !since || String(x.updated_at) >= since;
    if (rest === '/issues') return this.page(w.issues().filter(after), url);
    if (rest === '/issues/comments') return this.page(w.comments().filter(after), url);
    return undefined;
  }

  private graphql(body: string): Answer {
    const req = JSON.parse(body) as { variables?: { owner?: string; name?: string; cursor?: string | null } };
    const v = req.variables ?? {};
    const w = this.worlds.get(`${v.owner}/${v.name}`.toLowerCase());
    if (!w)
      return jsonAnswer(200, {
        data: { repository: null },
        errors: [
          {
            type: 'NOT_FOUND',
            path: ['repository'],
            message: `Could not resolve to a Repository with the name '${v.owner}/${v.name}'.`,
          },
        ],
      });
    const total = w.stars();
    // Newest first; the cursor encodes how many were already returned.
    const offset = v.cursor ? Number(Buffer.from(v.cursor, 'base64').toString('utf8').replace('cursor:v2:', '')) : 0;
    const edges = [];
    for (let k = offset; k < Math.min(total, offset + 100); k++) {
      const s = w.star(total - 1 - k);
      edges.push({ starredAt: s.starred_at, node: { login: s.user.login } });
    }
    const end = offset + edges.length;
    return jsonAnswer(200, {
      data: {
        repository: {
          stargazerCount: total,
          stargazers: {
            totalCount: total,
            pageInfo: {
              hasNextPage: end < total,
              endCursor: edges.length ? Buffer.from(`cursor:v2:${end}`).toString('base64') : null,
            },
            edges,
          },
        },
      },
    });
  }

  /** Answers one request. `pathAndQuery` is relative to the fake's base. */
  handle(method: string, pathAndQuery: string, headers: Readonly<Record<string, string>>, body = ''): FakeAnswer {
    const now = this.now();
    if (now >= this.windowEnd()) {
      this.windowStart = now;
      this.spentAt = Number.POSITIVE_INFINITY;
      this.used = 0;
    }
    this.stats.requests++;
    const url = new URL(pathAndQuery, RECORDED_ORIGIN);
    const hub = isHubPath(url.pathname);
    this.stats.byPath.set(url.pathname, (this.stats.byPath.get(url.pathname) ?? 0) + 1);
    if (headers.authorization) this.stats.authorizations.add(headers.authorization);
    if ((this.o.secondaryAt ?? []).includes(this.stats.requests)) {
      this.stats.secondaryRefusals++;
      return {
        status: 403,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'retry-after': String(this.o.secondaryRetryAfterSeconds ?? 1),
          ...this.rateHeaders(),
        },
        body: JSON.stringify({
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
          documentation_url:
            'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          status: '403',
        }),
      };
    }
    let answer: Answer | undefined;
    const rec = this.recorded.get(`${method} ${url.pathname}${url.search}`);
    if (rec) {
      const b = rec.response.body;
      const h: Record<string, string> = {};
      for (const [k, v] of Object.entries(rec.response.headers ?? {}))
        h[k.toLowerCase()] =
          k.toLowerCase() === 'link' ? RECORDED_ORIGINS.reduce((t, o) => t.split(o).join(this.base), v) : v;
      answer = { status: rec.response.status, text: typeof b === 'string' ? b : JSON.stringify(b), headers: h };
    } else {
      answer = hub ? this.hub.answer(url, this.base) : this.synthetic(method, url, body);
    }
    answer ??= hub
      ? jsonAnswer(404, { error: 'Not Found' })
      : jsonAnswer(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    const etag = answer.headers.etag ?? (answer.status === 200 ? etagOf(answer.text) : undefined);
    const resource = url.pathname.endsWith('/graphql') ? 'graphql' : 'core';
    const rate = (): Record<string, string> => (hub ? this.hubRateHeaders() : this.rateHeaders(resource));
    const unchanged = etag !== undefined && headers['if-none-match'] === etag;
    // GitHub: "Making a conditional request does not count against your primary rate limit if a 304 response is returned."
    if (unchanged && !hub) {
      this.stats.notModified++;
      return { status: 304, headers: { etag, ...rate() }, body: '' };
    }
    const limit = this.o.rateLimit?.limit ?? 5000;
    if (this.used >= limit) {
      this.stats.primaryRefusals++;
      if (hub) {
        // The Hub: 429 with the RateLimit pair (api-sources.md §1, "Rate limits"); its body text is not documented.
        return {
          status: 429,
          headers: { 'content-type': 'application/json; charset=utf-8', ...rate() },
          body: JSON.stringify({ error: 'Too Many Requests: the API rate limit of this window is spent' }),
        };
      }
      return {
        status: 403,
        headers: { 'content-type': 'application/json; charset=utf-8', ...rate() },
        body: JSON.stringify({
          message:
            "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)",
          documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
        }),
      };
    }
    this.used++;
    if (this.used >= limit && !Number.isFinite(this.spentAt)) this.spentAt = this.now();
    if (unchanged) {
      this.stats.notModified++;
      return { status: 304, headers: { etag, ...rate() }, body: '' };
    }
    return {
      status: answer.status,
      headers: { ...answer.headers, ...(etag ? { etag } : {}), ...rate() },
      body: answer.text,
    };
  }

  /** The fake as a `fetch`, with no socket: for in-process tests and benches. */
  fetch(base = 'http://fake.invalid'): typeof fetch {
    this.base = base;
    return (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const headers: Record<string, string> = {};
      new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
      const a = this.handle(
        (init?.method ?? 'GET').toUpperCase(),
        `${url.pathname}${url.search}`,
        headers,
        typeof init?.body === 'string' ? init.body : '',
      );
      return new Response(a.status === 304 ? null : a.body, { status: a.status, headers: a.headers });
    }) as typeof fetch;
  }
}

export interface RunningFakeUpstream {
  readonly url: string;
  readonly fake: FakeUpstream;
  close(): Promise<void>;
}

/** Serves a FakeUpstream on 127.0.0.1 on a free port. */
export async function startFakeUpstream(o: FakeUpstreamOptions): Promise<RunningFakeUpstream> {
  const fake = new FakeUpstream(o);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const a = fake.handle(
        (req.method ?? 'GET').toUpperCase(),
        req.url ?? '/',
        headers,
        Buffer.concat(chunks).toString('utf8'),
      );
      res.writeHead(a.status, a.headers);
      res.end(a.status === 304 ? undefined : a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  fake.base = url;
  return {
    url,
    fake,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
