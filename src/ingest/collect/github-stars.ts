// The GitHub collector's stars. Every repository's star history comes from /stargazers/history:
// stars still held, by the day they were given, read newest week first, incremental (a later run
// reads page 1, conditionally, until it meets the weeks it stored) and checkpointed page by page.
// Whether the stargazer list is open to this token is asked once per repository (again after 30
// days): since July 2026 it answers only admins and collaborators, and a 404 or 403 is recorded as
// "restricted", never as a failure. Where it is open and --exact-stars asks for it, the per-star walk
// runs as a refinement beside the history; nothing reads it in its place.
// Facts: ../shared/docs/api-sources.md §2 "Changed in 2026"; docs/star-history.md.
import { METRICS, STAR_HISTORY_BASIS } from '../../domain/metrics.js';
import type { WriteBatch } from '../../domain/observation.js';
import type { Subject } from '../../domain/subject.js';
import { addDays, DAY_MS, isoDate, utcDay } from '../../domain/time.js';
import {
  fetchStarHistoryPage,
  probeStargazerList,
  STAR_HISTORY_PAGE_CAP,
  STAR_HISTORY_PATH,
  type GithubEndpoints,
} from '../../sources/github/fetch.js';
import {
  EMPTY_STAR_WALK,
  starCumulativeObservations,
  starGainObservations,
  starHistoryDays,
  type DayGain,
  type StarWalkState,
} from '../../sources/github/normalize.js';
import { walkStargazers } from '../../sources/github/star-walk.js';
import type { Store } from '../../store/store.js';
import type { CollectContext } from './contract.js';

/** The source name GitHub rows are stored under. */
export const GITHUB_SOURCE = 'github';
/** How long a stargazer list's answer stands before it is asked again. */
export const LIST_RECHECK_MS = 30 * DAY_MS;

type Write = (origin: string, b: Omit<WriteBatch, 'provenance'>) => Promise<void>;

/** One repository's collection: its context, endpoints, subject, owner/name, batch writer and notes. */
export interface RepoWalk {
  readonly ctx: CollectContext;
  readonly ep: GithubEndpoints;
  readonly s: Subject;
  readonly repo: string;
  readonly write: Write;
  /** A line for the run's summary about a part that did not fail. */
  note(part: string, text: string): void;
}

export async function readCheckpoint<T>(store: Store, scope: string): Promise<T | undefined> {
  const v = await store.checkpointGet(scope);
  if (v === undefined) return undefined;
  try {
    return JSON.parse(v) as T;
  } catch {
    return undefined; // an unreadable checkpoint means starting that part afresh
  }
}

/** Where the star history stands between runs. */
export interface StarHistoryState {
  /** The newest complete day stored (the incremental boundary); null before a first walk ended. */
  readonly newestDay: string | null;
  /** Stars held at the end of newestDay: the sum of the stored days' gains. */
  readonly cumulative: number;
  /** A first walk under way: the next page, and the newest complete day it started from. */
  readonly walk: { readonly nextPage: number; readonly top: string | null } | null;
}

export const EMPTY_HISTORY: StarHistoryState = { newestDay: null, cumulative: 0, walk: null };

const count = (n: number): string => n.toLocaleString('en');

/** The first day of a week of the history (named as starHistoryDays names it). */
function weekStart(week: number): string {
  return isoDate(new Date(Math.round(week / 86_400) * DAY_MS));
}

export async function collectStarHistory(r: RepoWalk, total: number): Promise<void> {
  const { ctx, ep, s, repo } = r;
  const at = ctx.options.asOf;
  const scope = `github:${s.id}:star-history`;
  const state = (await readCheckpoint<StarHistoryState>(ctx.store, scope)) ?? EMPTY_HISTORY;
  const today = isoDate(at);
  const yesterday = isoDate(addDays(utcDay(at), -1));
  const origin = `${ep.apiUrl}/repos/${repo}${STAR_HISTORY_PATH}`;
  const from = `from ${STAR_HISTORY_PATH} (${STAR_HISTORY_BASIS})`;

  if (state.walk === null && state.newestDay !== null) {
    if (state.newestDay >= yesterday) {
      r.note('stars', `star history ${from}: stored to ${state.newestDay}, no day has ended since`);
      return;
    }
    // Newest first: page 1 holds every day since the last run unless that was over 30 weeks ago.
    const weeks = [];
    let pages = 0;
    let notModified = 0;
    for (let page = 1; page <= STAR_HISTORY_PAGE_CAP; page++) {
      const p = await fetchStarHistoryPage(ctx.http, ep, repo, page);
      pages++;
      if (p.notModified) notModified++;
      weeks.push(...p.weeks);
      ctx.progress('star history', pages);
      const oldest = p.weeks[p.weeks.length - 1];
      if (!p.hasNext || !oldest || weekStart(oldest.week) <= state.newestDay) break;
    }
    const newest = state.newestDay;
    const days = starHistoryDays(weeks).filter((d) => d.day > newest && d.day < today);
    const curve = starCumulativeObservations(s, days, state.cumulative, at);
    if (days.length)
      await r.write(origin, { observations: [...starGainObservations(s, days, at), ...curve.observations] });
    const last = days[days.length - 1];
    const next: StarHistoryState = last ? { newestDay: last.day, cumulative: curve.cumulative, walk: null } : state;
    await ctx.store.checkpointPut(scope, JSON.stringify(next));
    r.note(
      'stars',
      `star history ${from}: ${pages} page${pages === 1 ? '' : 's'}${notModified ? ` (${notModified} answered 304)` : ''}, ${days.length} new day${days.length === 1 ? '' : 's'}${last ? ` to ${last.day}` : ''}`,
    );
    return;
  }

  if (total === 0 && state.walk === null) {
    r.note('stars', `no stars: no star history to read`);
    return;
  }
  // A first walk, or the rest of one a killed run left: newest week first to the oldest.
  let walk = state.walk ?? { nextPage: 1, top: null };
  let pages = 0;
  for (let page = walk.nextPage; page <= STAR_HISTORY_PAGE_CAP; page++) {
    const p = await fetchStarHistoryPage(ctx.http, ep, repo, page);
    pages++;
    const complete = starHistoryDays(p.weeks).filter((d) => d.day < today);
    // The walk ends where it began: days that end after its first page are the next run's.
    const top = walk.top ?? complete[complete.length - 1]?.day ?? null;
    const days = complete.filter((d) => top !== null && d.day <= top);
    // Rows first, then the checkpoint: a kill between the two re-reads a page the store already has.
    if (days.length) await r.write(origin, { observations: starGainObservations(s, days, at) });
    walk = { nextPage: page + 1, top };
    ctx.progress('star history', page);
    if (!p.hasNext || p.weeks.length === 0 || page === STAR_HISTORY_PAGE_CAP) break;
    await ctx.store.checkpointPut(scope, JSON.stringify({ ...state, walk } satisfies StarHistoryState));
  }
  const top = walk.top;
  if (top === null) {
    await ctx.store.checkpointPut(scope, JSON.stringify(EMPTY_HISTORY));
    r.note('stars', `star history ${from}: no complete day yet`);
    return;
  }
  // The whole history is stored: its cumulative curve, from every stored day's gains.
  const stored = await ctx.store.observations({
    subjects: [s],
    metrics: [METRICS.starsGained],
    dims: '',
    sources: [GITHUB_SOURCE],
    windowDays: 1,
    to: new Date(Date.parse(`${top}T00:00:00Z`) + DAY_MS),
  });
  const byDay = new Map<string, number>();
  for (const o of stored) if (!byDay.has(isoDate(o.windowStart))) byDay.set(isoDate(o.windowStart), o.value);
  const days: DayGain[] = [...byDay]
    .map(([day, stars]) => ({ day, stars }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const curve = starCumulativeObservations(s, days, 0, at);
  await r.write(origin, { observations: curve.observations });
  await ctx.store.checkpointPut(
    scope,
    JSON.stringify({ newestDay: top, cumulative: curve.cumulative, walk: null } satisfies StarHistoryState),
  );
  r.note(
    'stars',
    `star history ${from}: ${pages} page${pages === 1 ? '' : 's'}${state.walk ? ' (a walk resumed)' : ''}, ${count(days.length)} days from ${days[0]?.day ?? top} to ${top}, ${count(curve.cumulative)} stars held at its end (${count(total)} today)`,
  );
}

/** The stargazer list's answer to this token, as checkpointed. */
export interface ListAccess {
  readonly open: boolean;
  /** Why it is closed (`404 Not Found`, `403 Forbidden: …`); null when open. */
  readonly reason: string | null;
  readonly checkedAt: string;
}

/** Asks (once per repository, again after 30 days) whether the stargazer list answers this token. */
export async function checkStargazerList(r: RepoWalk): Promise<ListAccess> {
  const { ctx, ep, s, repo } = r;
  const at = ctx.options.asOf;
  const scope = `github:${s.id}:stargazer-list`;
  const cp = await readCheckpoint<ListAccess>(ctx.store, scope);
  const fresh = cp !== undefined && at.getTime() - Date.parse(cp.checkedAt) < LIST_RECHECK_MS;
  let access: ListAccess;
  if (fresh) access = cp;
  else {
    const a = await probeStargazerList(ctx.http, ep, repo);
    access = { open: a.open, reason: a.open ? null : a.reason, checkedAt: at.toISOString() };
    await ctx.store.checkpointPut(scope, JSON.stringify(access));
  }
  const again = isoDate(new Date(Date.parse(access.checkedAt) + LIST_RECHECK_MS));
  r.note(
    'stargazer list',
    access.open
      ? `the stargazer list is open to this token (an admin or collaborator)${ctx.options.exactStars ? '' : ': --exact-stars would walk it as a refinement'}`
      : `the stargazer list is restricted to the repository's admins and collaborators (${access.reason}): asked once on ${access.checkedAt.slice(0, 10)}, not again before ${again}; the star history does not need it`,
  );
  return access;
}

/** The exact per-star walk (--exact-stars, where the list is open): stored as `series=exact`, beside the history. */
export async function collectExactStars(r: RepoWalk, total: number, list: ListAccess): Promise<void> {
  const { ctx, ep, s, repo } = r;
  if (!ctx.options.exactStars) return;
  if (!list.open) {
    r.note('exact stars', `--exact-stars: not walked, the stargazer list is restricted (${list.reason})`);
    return;
  }
  const scope = `github:${s.id}:star-walk`;
  let state = (await readCheckpoint<StarWalkState>(ctx.store, scope)) ?? EMPTY_STAR_WALK;
  let pages = 0;
  let done = false;
  for await (const chunk of walkStargazers(ctx.http, ep, s, repo, total, state, {
    budget: ctx.options.budget,
    asOf: ctx.options.asOf,
  })) {
    if (chunk.observations.length)
      await r.write(`${ep.apiUrl}/repos/${repo}/stargazers`, { observations: chunk.observations });
    state = chunk.state;
    pages += chunk.requests;
    done = chunk.done;
    await ctx.store.checkpointPut(scope, JSON.stringify(state));
    ctx.progress('exact stars', Math.min(total, state.lastCumulative), total);
  }
  r.note(
    'exact stars',
    `exact walk of the stargazer list (series=exact): ${pages} page${pages === 1 ? '' : 's'}, to ${state.lastDay ?? 'no complete day'}${done ? '' : `; continues on the next run (--budget ${ctx.options.budget} pages a run)`}`,
  );
}
