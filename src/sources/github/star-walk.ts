// The exact per-star walk: REST `star+json` pages of the stargazer list, oldest first, up to the
// 40,000-star cap (api-sources.md §2, "Stargazers", "The 40k cap"). Since July 2026 only a
// repository's admins and collaborators may list stargazers ("Changed in 2026"), so this is a
// refinement the GitHub collector runs when asked and allowed; the star history every repository
// gets comes from /stargazers/history. Yields chunks with the state to checkpoint after each, so a
// walk longer than one run's page budget continues on the next run.
import type { Observation } from '../../domain/observation.js';
import type { Subject } from '../../domain/subject.js';
import { isoDate } from '../../domain/time.js';
import type { HttpClient } from '../../http/http-client.js';
import { fetchStargazerPage, PER_PAGE, STARGAZER_PAGE_CAP, type GithubEndpoints } from './fetch.js';
import { computeStarDays, type StarPoint, type StarWalkState } from './normalize.js';

/** Stargazer pages near the end that keep an ETag for the next run's conditional re-read. */
const CACHED_TAIL_PAGES = 5;

export interface StarWalkOptions {
  /** The most pages this run may read; the walk continues on the next run. */
  readonly budget: number;
  /** Pages between checkpoints. */
  readonly chunkPages?: number;
  /** The run's "now": days before its UTC date are complete. */
  readonly asOf: Date;
}

export interface StarWalkChunk {
  readonly observations: Observation[];
  readonly state: StarWalkState;
  readonly requests: number;
  /** The walk reached the end of the list (or the cap) in this run. */
  readonly done: boolean;
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

/** Pages an exact walk still needs from `state` to `total` stars (the cap included). */
export function starWalkPages(total: number, state: StarWalkState): number {
  const pages = Math.min(STARGAZER_PAGE_CAP, Math.ceil(total / PER_PAGE));
  return Math.max(0, pages - state.nextPage + 1);
}

export async function* walkStargazers(
  http: HttpClient,
  ep: GithubEndpoints,
  s: Subject,
  repo: string,
  total: number,
  state: StarWalkState,
  o: StarWalkOptions,
): AsyncGenerator<StarWalkChunk> {
  const at = o.asOf;
  if (state.total === total || total === 0) {
    yield { observations: [], state: { ...state, total }, requests: 0, done: true };
    return;
  }
  const chunkPages = Math.max(1, o.chunkPages ?? 20);
  const lastPage = Math.min(STARGAZER_PAGE_CAP, Math.ceil(total / PER_PAGE));
  // Past the cap the list cannot be read: the walk ends at star 40,000, its last day unfinished.
  const capped = total > STARGAZER_PAGE_CAP * PER_PAGE;
  let cur: StarWalkState = state;
  // Stars of days not emitted yet: the day a chunk ends on continues into the next chunk.
  let pending: StarPoint[] = [];
  let page = state.nextPage;
  let spent = 0;
  while (page <= lastPage && spent < o.budget) {
    const chunk: StarPoint[] = [];
    let done = false;
    let lastFull = false;
    let requests = 0;
    for (let n = 0; n < chunkPages && !done && spent < o.budget; n++) {
      // Only the last pages are ever read again (the one a day still running starts on): caching the
      // rest would store every stargazer's profile for nothing.
      const res = await fetchStargazerPage(http, ep, repo, page, page > lastPage - CACHED_TAIL_PAGES);
      requests++;
      spent++;
      chunk.push(...pagePoints(page, res.body));
      lastFull = res.body.length === PER_PAGE;
      page++;
      // A full last page of the count read from the repository ends the walk without reading an empty page.
      if (!lastFull || page > lastPage) done = true;
    }
    const points = [...pending, ...chunk];
    const lastStar = points[points.length - 1];
    // A day is complete once a later day has started, or at the end of the walk once the UTC day is over.
    const endOfAll = done && !capped;
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
      total: done ? total : null,
    };
    yield { observations: days.observations, state: cur, requests, done };
    if (done) return;
  }
}
