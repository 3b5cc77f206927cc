// Per-host limits: at most N requests in flight per host, never more than a rate-limit quota has
// left (GitHub's core, graphql and search buckets; the Hub's RateLimit window), and one shared
// pause per host that every concurrent caller waits on after a refusal (observablehq/framework's
// shared 429 promise). Clock and sleep are injected, so waits can be asserted on a fake clock.
import type { HttpEvent } from './http-client.js';
import { parseHfRateLimit } from './retry-policy.js';

export interface HostStats {
  requests: number;
  notModified: number;
  retries: number;
  pauses: number;
  pausedMs: number;
  rateRemaining: number | undefined;
  rateLimit: number | undefined;
  rateReset: Date | undefined;
}

interface Quota {
  remaining: number;
  reset: Date;
  /** Requests of this resource in flight (each may spend one). */
  active: number;
}

interface HostState {
  readonly stats: HostStats;
  /** Why the host is taken as unreachable for the rest of the run (undefined: it answers). */
  down: string | undefined;
  /** Requests in a row that got no answer at all, every retry included. */
  unanswered: number;
  /** Quota per rate-limit resource: GitHub's REST `core` and `graphql` are separate buckets on one host. */
  readonly quotas: Map<string, Quota>;
  pauseUntil: number;
  pause: Promise<void> | undefined;
  active: number;
  readonly queue: (() => void)[];
}

/** Requests in a row with no answer after which a host is taken as unreachable. */
export const UNANSWERED_BEFORE_DOWN = 2;

/** Rate-limit headers give their reset in whole seconds: resets closer than this are one window. */
const RESET_GRANULARITY_MS = 1000;

/**
 * A quota after a response's rate-limit headers. Responses can arrive out of order: one sent
 * earlier but answered later reports more remaining than the server has left, so within one
 * window the quota only goes down; a reset clearly earlier is an older window's answer (ignored),
 * one clearly later a new window (taken). When the two cannot be told apart (resets within the
 * headers' one-second granularity) the lower count wins: waiting too long is safe, exceeding the
 * quota is not. Pure.
 */
export function nextQuota(
  current: { remaining: number; reset: Date } | undefined,
  remaining: number,
  reset: Date,
  nowMs: number,
): { remaining: number; reset: Date } {
  if (!current || nowMs >= current.reset.getTime()) return { remaining, reset };
  const delta = reset.getTime() - current.reset.getTime();
  if (delta > RESET_GRANULARITY_MS) return { remaining, reset };
  if (delta < -RESET_GRANULARITY_MS) return current;
  return { remaining: Math.min(current.remaining, remaining), reset: delta > 0 ? reset : current.reset };
}

/** Which rate-limit bucket a request spends (GitHub: x-ratelimit-resource). */
export function resourceOf(url: string): string {
  const path = new URL(url).pathname;
  if (path.endsWith('/graphql')) return 'graphql';
  if (/\/search\//.test(path)) return 'search';
  return 'core';
}

/** A wait for the host (a rate-limit pause) that would end after the request's deadline. */
export class PauseBeyondDeadline extends Error {
  constructor(readonly until: number) {
    super(`the host is paused until ${new Date(until).toISOString()}`);
    this.name = 'PauseBeyondDeadline';
  }
}

export interface HostLimiterOptions {
  /** Concurrent requests per host (GitHub's secondary limit allows 100). */
  readonly concurrencyPerHost: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly emit: (event: HttpEvent) => void;
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  constructor(private readonly o: HostLimiterOptions) {}

  /** The host's counters, created on first use; the client counts requests, 304s and retries in them. */
  stats(name: string): HostStats {
    return this.host(name).stats;
  }

  /** Requests in flight per host. */
  allInFlight(): Record<string, number> {
    return Object.fromEntries([...this.hosts].map(([k, v]) => [k, v.active]));
  }

  /** A copy of every host's counters. */
  allStats(): Record<string, HostStats> {
    return Object.fromEntries([...this.hosts].map(([k, v]) => [k, { ...v.stats }]));
  }

  /**
   * Waits for a slot on the host and for quota left in the request's bucket; returns the release.
   * Never sends more than the quota left: requests in flight may each spend one. With `deadlineAt`,
   * a pause that would end after it is not waited: PauseBeyondDeadline says until when it would be.
   */
  async acquire(name: string, url: string, deadlineAt?: number): Promise<() => void> {
    const h = this.host(name);
    const resource = resourceOf(url);
    for (;;) {
      if (deadlineAt !== undefined && h.pause && this.o.now() < h.pauseUntil && h.pauseUntil > deadlineAt)
        throw new PauseBeyondDeadline(h.pauseUntil);
      await this.waitFor(name);
      const q = h.quotas.get(resource);
      const quotaKnown = q !== undefined && this.o.now() < q.reset.getTime();
      const quotaLeft = quotaKnown ? q.remaining - q.active : Number.POSITIVE_INFINITY;
      if (h.active < Math.max(1, this.o.concurrencyPerHost) && quotaLeft > 0) {
        h.active++;
        if (q) q.active++;
        break;
      }
      if (quotaLeft <= 0 && q && q.active === 0) {
        const until = q.reset.getTime() + 1000;
        if (deadlineAt !== undefined && until > deadlineAt) throw new PauseBeyondDeadline(until);
        // The shared pause already covers it but the clock has not moved past the reset: wait it out.
        if (h.pause && h.pauseUntil >= until) await this.o.sleep(Math.max(1, until - this.o.now()));
        else this.pause(name, until, 'rate limit spent');
        continue;
      }
      await new Promise<void>((r) => h.queue.push(r));
    }
    return () => {
      h.active--;
      const q = h.quotas.get(resource);
      if (q && q.active > 0) q.active--;
      // Wake everyone waiting: a freed slot or a fresh quota may let several through.
      const waiting = h.queue.splice(0);
      for (const w of waiting) w();
    };
  }

  /**
   * Pauses every request to a host until `until` (ms). Concurrent callers share ONE pause: a later
   * deadline replaces it, an earlier one is absorbed.
   */
  pause(name: string, until: number, reason: string): void {
    const h = this.host(name);
    const now = this.o.now();
    // A refusal that arrives while a pause is on joins it unless it asks for clearly longer.
    if (until <= h.pauseUntil || (now < h.pauseUntil && until <= h.pauseUntil + 1000)) return;
    const waitMs = until - now;
    if (waitMs <= 0) return;
    h.pauseUntil = until;
    h.stats.pauses++;
    h.stats.pausedMs += waitMs;
    h.pause = this.o.sleep(waitMs);
    this.o.emit({ type: 'pause', host: name, until: new Date(until), reason });
  }

  /** When the host's shared pause ends (ms), or 0 when it is not paused. */
  pausedUntil(name: string): number {
    const h = this.host(name);
    return h.pause && this.o.now() < h.pauseUntil ? h.pauseUntil : 0;
  }

  /** Requests to the host in flight now. */
  inFlight(name: string): number {
    return this.host(name).active;
  }

  /** Why the host is unreachable for the rest of the run, or undefined. */
  downReason(name: string): string | undefined {
    return this.host(name).down;
  }

  /** Takes the host as unreachable for the rest of the run: its requests fail at once, saying why. */
  markDown(name: string, reason: string): void {
    this.host(name).down ??= reason;
  }

  /**
   * Notes whether a request got an answer (any status) or none after all its tries. Two requests in a
   * row with none take the host as unreachable: the rest of the plan fails in seconds, not 30 s × 4
   * per request.
   */
  noteAnswered(name: string, answered: boolean, reason = ''): void {
    const h = this.host(name);
    if (answered) h.unanswered = 0;
    else if (++h.unanswered >= UNANSWERED_BEFORE_DOWN)
      this.markDown(name, `${h.unanswered} requests in a row got no answer: ${reason}`);
  }

  /** Resolves when the host's pause (if any) is over. */
  async waitFor(name: string): Promise<void> {
    const h = this.host(name);
    while (h.pause && this.o.now() < h.pauseUntil) {
      const p: Promise<void> = h.pause;
      await p;
      if (h.pause === p) break; // slept the whole pause; a fake clock may not have moved
    }
  }

  /** Reads a response's rate-limit headers (GitHub's x-ratelimit-*, the Hub's RateLimit) into the host's quota. */
  noteRateLimit(name: string, headers: Readonly<Record<string, string>>): void {
    const h = this.host(name);
    const remaining = headers['x-ratelimit-remaining'];
    if (remaining !== undefined && /^\d+$/.test(remaining)) {
      const reset = headers['x-ratelimit-reset'] ? new Date(Number(headers['x-ratelimit-reset']) * 1000) : undefined;
      const limit = headers['x-ratelimit-limit'] ? Number(headers['x-ratelimit-limit']) : undefined;
      h.stats.rateRemaining = Number(remaining);
      h.stats.rateLimit = limit;
      h.stats.rateReset = reset;
      if (reset) this.setQuota(h, headers['x-ratelimit-resource'] ?? 'core', Number(remaining), reset);
      this.o.emit({ type: 'rate', host: name, remaining: Number(remaining), limit, reset });
      return;
    }
    const hf = parseHfRateLimit(headers.ratelimit);
    if (hf) {
      h.stats.rateRemaining = hf.remaining;
      h.stats.rateReset = new Date(this.o.now() + hf.resetMs);
      const policy = /q=(\d+)/.exec(headers['ratelimit-policy'] ?? '');
      h.stats.rateLimit = policy?.[1] ? Number(policy[1]) : undefined;
      this.setQuota(h, 'core', hf.remaining, h.stats.rateReset);
      this.o.emit({
        type: 'rate',
        host: name,
        remaining: hf.remaining,
        limit: h.stats.rateLimit,
        reset: h.stats.rateReset,
      });
    }
  }

  /** Counts a request that got no answer against its known quota: the server may still have counted it. */
  spendOne(name: string, url: string): void {
    const q = this.host(name).quotas.get(resourceOf(url));
    if (q && this.o.now() < q.reset.getTime()) q.remaining = Math.max(0, q.remaining - 1);
  }

  private setQuota(h: HostState, resource: string, remaining: number, reset: Date): void {
    const q = h.quotas.get(resource);
    const next = nextQuota(q, remaining, reset, this.o.now());
    if (q) {
      q.remaining = next.remaining;
      q.reset = next.reset;
    } else h.quotas.set(resource, { ...next, active: 0 });
  }

  private host(name: string): HostState {
    let h = this.hosts.get(name);
    if (!h) {
      h = {
        stats: {
          requests: 0,
          notModified: 0,
          retries: 0,
          pauses: 0,
          pausedMs: 0,
          rateRemaining: undefined,
          rateLimit: undefined,
          rateReset: undefined,
        },
        quotas: new Map(),
        down: undefined,
        unanswered: 0,
        pauseUntil: 0,
        pause: undefined,
        active: 0,
        queue: [],
      };
      this.hosts.set(name, h);
    }
    return h;
  }
}
