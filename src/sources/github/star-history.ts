// Star history with timestamps: REST `star+json` pages, oldest first, up to the 40,000 cap, then
// GraphQL `starredAt` newest first for the stars beyond it (api-sources.md §2, "Stargazers", "The 40k
// cap", "GraphQL stargazers"). Exact when the walk fits the request budget, sampled otherwise
// (evenly spaced pages plus today's total). Yields chunks with the state to checkpoint after each,
// so a killed run resumes where it stopped and the next day's run fetches only the new stars.
import type { Observation } from '../../domain/observation.js';
import type { Subject } from '../../domain/subject.js';
import { isoDate } from '../../domain/time.js';
import type { HttpClient } from '../../http/http-client.js';
import {
  fetchStargazerPage,
  fetchStargazersGraphql,
  PER_PAGE,
  STARGAZER_PAGE_CAP,
  type GithubEndpoints,
} from './fetch.js';
import {
  computeStarDays,
  evenlySpacedPages,
  sampledStarObservations,
  type StarPoint,
  type StarState,
} from './normalize.js';

export const REST_STAR_CAP = STARGAZER_PAGE_CAP * PER_PAGE;
/** Stargazer pages near the end that keep an ETag for the next run's conditional re-read. */
const CACHED_TAIL_PAGES = 5;

export interface StarHistoryOptions {
  /** The most requests the star walk may use; above it, the history is sampled. */
  readonly budget: number;
  /** Pages between checkpoints. */
  readonly chunkPages?: number;
  /** The run's "now": days before its UTC date are complete. */
  readonly asOf: Date;
}

export interface StarChunk {
  readonly observations: Observation[];
  readonly state: StarState;
  readonly requests: number;
  readonly mode: 'exact' | 'sampled' | 'unchanged';
}

/** Requests an exact walk needs from `state` to `total` stars. */
export function starWalkCost(total: number, state: StarState): { rest: number; graphql: number } {
  const restPages = Math.min(STARGAZER_PAGE_CAP, Math.ceil(total / PER_PAGE));
  const rest = Math.max(0, restPages - state.nextPage + 1);
  const floor = Math.max(REST_STAR_CAP, state.lastCumulative);
  const graphql = total > REST_STAR_CAP ? Math.max(1, Math.ceil((total - floor) / PER_PAGE)) : 0;
  return { rest, graphql };
}

function pagePoints(page: number, items: readonly { starred_at: string }[]): StarPoint[] {
  return items.map((it, i) => ({ position: (page - 1) * PER_PAGE + i + 1, starredAt: it.starred_at }));
}

function pageOf(p: StarPoint): number {
  return Math.floor((p.position - 1) / PER_PAGE) + 1;
}

function dayStart(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}

export async function* collectStarHistory(
  http: HttpClient,
  ep: GithubEndpoints,
  s: Subject,
  repo: string,
  total: number,
  state: StarState,
  o: StarHistoryOptions,
): AsyncGenerator<StarChunk> {
  const at = o.asOf;
  if (state.total === total) {
    yield { observations: [], state, requests: 0, mode: 'unchanged' };
    return;
  }
  const cost = starWalkCost(total, state);
  if (cost.rest + cost.graphql > o.budget) {
    yield* sampled(http, ep, s, repo, total, state, o);
    return;
  }
  if (total === 0) {
    yield { observations: [], state: { ...state, total: 0 }, requests: 0, mode: 'exact' };
    return;
  }
  const chunkPages = Math.max(1, o.chunkPages ?? 20);
  const restPages = Math.min(STARGAZER_PAGE_CAP, Math.ceil(total / PER_PAGE));
  const beyondCap = total > REST_STAR_CAP;
  let cur: StarState = state;
  // Stars of days not emitted yet: the day a chunk ends on continues into the next chunk.
  let pending: StarPoint[] = [];
  let page = state.nextPage;
  let requests = 0;
  let newest = state.newest;
  while (page <= STARGAZER_PAGE_CAP) {
    const chunk: StarPoint[] = [];
    let done = false;
    let lastFull = false;
    for (let n = 0; n < chunkPages && !done; n++) {
      // Only the last pages are ever read again (the one a day still running starts on): caching the
      // rest would store every stargazer's profile for nothing.
      const res = await fetchStargazerPage(http, ep, repo, page, page > restPages - CACHED_TAIL_PAGES);
      requests++;
      chunk.push(...pagePoints(page, res.body));
      const last = res.body[res.body.length - 1];
      if (last && (newest === null || last.starred_at > newest)) newest = last.starred_at;
      lastFull = res.body.length === PER_PAGE;
      page++;
      // A full last page of the count read from the repository ends the walk without reading an empty page.
      if (!lastFull || page > STARGAZER_PAGE_CAP || page > restPages) done = true;
    }
    const points = [...pending, ...chunk];
    const lastStar = points[points.length - 1];
    // A day is complete once a later day has started, or at the end of the walk once the UTC day is
    // over; past the cap, the walk continues in GraphQL, so the last REST day is not over yet.
    const endOfAll = done && !beyondCap;
    const cut = endOfAll || !lastStar ? at : new Date(Math.min(dayStart(lastStar.starredAt).getTime(), at.getTime()));
    const days = computeStarDays(s, points, cur, cut, at);
    const cutDay = isoDate(cut);
    pending = points.filter((p) => p.starredAt.slice(0, 10) >= cutDay);
    // Resume at the page holding the first unemitted star, so its day is counted whole next time.
    const nextPage = pending[0] ? pageOf(pending[0]) : lastFull ? page : page - 1;
    cur = {
      lastDay: days.lastDay,
      lastCumulative: days.lastCumulative,
      nextPage: Math.max(1, nextPage),
      total: endOfAll ? total : null,
      newest,
    };
    yield { observations: days.observations, state: cur, requests, mode: 'exact' };
    requests = 0;
    if (done) break;
  }
  if (!beyondCap) return;
  // Past the cap: GraphQL newest first, down to the last star already emitted (or position 40,000).
  const floor = Math.max(REST_STAR_CAP, cur.lastCumulative);
  const beyond: StarPoint[] = [];
  let cursor: string | null = null;
  let count = total;
  let k = 0;
  for (;;) {
    const body = await fetchStargazersGraphql(http, ep, repo, cursor);
    requests++;
    const conn = body.data!.repository!.stargazers;
    if (cursor === null) count = conn.totalCount;
    let reached = false;
    for (const e of conn.edges) {
      const position = count - k++;
      if (position <= floor) {
        reached = true;
        break;
      }
      beyond.push({ position, starredAt: e.starredAt });
    }
    // The next star down is already known: no need to ask for a page to find that out.
    if (reached || count - k <= floor || !conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) break;
    cursor = conn.pageInfo.endCursor;
  }
  beyond.reverse();
  if (beyond.length) newest = beyond[beyond.length - 1]!.starredAt;
  const points = [...pending, ...beyond];
  const days = computeStarDays(s, points, cur, at, at);
  const todayStars = pending.filter((p) => p.starredAt.slice(0, 10) >= isoDate(at));
  cur = {
    lastDay: days.lastDay,
    lastCumulative: days.lastCumulative,
    nextPage: todayStars[0] && todayStars[0].position <= REST_STAR_CAP ? pageOf(todayStars[0]) : STARGAZER_PAGE_CAP + 1,
    total: count,
    newest,
  };
  yield { observations: days.observations, state: cur, requests, mode: 'exact' };
}

async function* sampled(
  http: HttpClient,
  ep: GithubEndpoints,
  s: Subject,
  repo: string,
  total: number,
  state: StarState,
  o: StarHistoryOptions,
): AsyncGenerator<StarChunk> {
  const restPages = Math.min(STARGAZER_PAGE_CAP, Math.ceil(total / PER_PAGE));
  const graphqlPages =
    total > REST_STAR_CAP
      ? Math.min(Math.ceil((total - REST_STAR_CAP) / PER_PAGE), Math.max(1, Math.floor(o.budget / 4)))
      : 0;
  const pages = evenlySpacedPages(restPages, Math.max(1, o.budget - graphqlPages));
  const points: StarPoint[] = [];
  let requests = 0;
  for (const page of pages) {
    const res = await fetchStargazerPage(http, ep, repo, page);
    requests++;
    const pts = pagePoints(page, res.body);
    if (pts.length) points.push(pts[0]!, ...(pts.length > 1 ? [pts[pts.length - 1]!] : []));
  }
  let cursor: string | null = null;
  for (let i = 0; i < graphqlPages; i++) {
    const body = await fetchStargazersGraphql(http, ep, repo, cursor);
    requests++;
    const conn = body.data!.repository!.stargazers;
    const edges = conn.edges;
    // Newest first: the first edge is star number totalCount, the page's last is totalCount - 100i - n + 1.
    const first = edges[0];
    const last = edges[edges.length - 1];
    if (first) points.push({ position: conn.totalCount - i * PER_PAGE, starredAt: first.starredAt });
    if (last && last !== first)
      points.push({ position: conn.totalCount - i * PER_PAGE - edges.length + 1, starredAt: last.starredAt });
    if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) break;
    cursor = conn.pageInfo.endCursor;
  }
  // Today's total closes the curve.
  points.push({ position: total, starredAt: o.asOf.toISOString() });
  points.sort((a, b) => a.starredAt.localeCompare(b.starredAt));
  yield {
    observations: sampledStarObservations(s, points, o.asOf),
    state: { ...state, total },
    requests,
    mode: 'sampled',
  };
}
