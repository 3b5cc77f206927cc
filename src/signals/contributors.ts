// Contributor breadth from commits: people (identities merged), bots apart, organisations per
// contribution, elephant and bus factors, and the unattributed share, per window ending at asOf.
// Streaming: memory grows with the number of addresses, never with the number of commits. Pure.
import { BOT_ACCOUNTS, isBotName } from '../domain/bots.js';
import type {
  CommitRecord,
  ContributorBreadth,
  ContributorWindow,
  ContributorWindowName,
  GitIdent,
  MultiOrganizationJudgement,
  NewContributorPoint,
  OrganizationShare,
  UnattributedBreakdown,
} from '../domain/contributors.js';
import { CONTRIBUTOR_REPORT_SCHEMA } from '../domain/contributors.js';
import { addMonths } from '../domain/time.js';
import { AffiliationResolver, noreplyLogin, type Affiliation } from './affiliation.js';

export interface ContributorOptions {
  /** Windows end here (exclusive); commits landed at or after it are skipped and counted. */
  readonly asOf: Date;
  /** A person with at least this many commits in a window is active in it (default 3). */
  readonly activeMinCommits?: number;
  /** Extra bot accounts: exact names or addresses (case-insensitive), or `/regex/` on either. */
  readonly bots?: readonly string[];
  readonly affiliation?: AffiliationResolver;
}

const WINDOWS: readonly { name: ContributorWindowName; months: number | null }[] = [
  { name: 'all', months: null },
  { name: '12m', months: 12 },
  { name: '6m', months: 6 },
];
const NW = WINDOWS.length;

/** Names too generic to merge two addresses on (a default git config is not a person). */
const GENERIC_NAMES = new Set([
  '',
  'root',
  'admin',
  'administrator',
  'user',
  'ubuntu',
  'unknown',
  'your name',
  'you',
  'dev',
  'developer',
  'test',
  'github',
  'git',
  'none',
  'anonymous',
  'nobody',
  'default',
  'me',
]);

export function isBot(ident: GitIdent, extra: readonly string[] = []): boolean {
  const name = ident.name.trim().toLowerCase();
  const email = ident.email.trim().toLowerCase();
  const local = email.split('@')[0] ?? '';
  const login = ident.login?.toLowerCase() ?? noreplyLogin(email);
  if (isBotName(name) || local.endsWith('[bot]') || BOT_ACCOUNTS.has(email)) return true;
  if (login !== undefined && isBotName(login)) return true;
  for (const b of extra) {
    if (b.length > 2 && b.startsWith('/') && b.endsWith('/')) {
      const re = new RegExp(b.slice(1, -1), 'i');
      if (re.test(ident.name) || re.test(ident.email)) return true;
    } else if (b.toLowerCase() === name || b.toLowerCase() === email || b.toLowerCase() === login) return true;
  }
  return false;
}

/** Per address: contributions per window, per-affiliation counts, first contribution. */
interface AddressTally {
  readonly key: string;
  /** Contributions (commits credited, as author or co-author) per window. */
  readonly counts: number[];
  /** Commits authored per window (co-author credits not counted). */
  readonly authored: number[];
  /** affiliation tag -> counts per window */
  readonly byTag: Map<string, number[]>;
  first: number;
}

/** One spelling of an identity as commits carry it (name, address, login). */
interface IdentHandle {
  readonly bot: boolean;
  readonly key: string;
  readonly ident: GitIdent;
  /** Undefined for bots. */
  readonly tally: AddressTally | undefined;
  /** The counts of its affiliation tag, when attribution cannot change with time. */
  readonly staticCounts: number[] | undefined;
  /** Contributions credited under this spelling: votes for the person's display name. */
  uses: number;
}

function tagCounts(a: AddressTally, tag: string): number[] {
  let counts = a.byTag.get(tag);
  if (!counts) {
    counts = new Array<number>(NW).fill(0);
    a.byTag.set(tag, counts);
  }
  return counts;
}

/** Union-find over identity keys (address, normalised name, GitHub login). */
class Identities {
  private readonly parent = new Map<string, string>();
  find(k: string): string {
    let root = k;
    for (;;) {
      const p = this.parent.get(root);
      if (p === undefined || p === root) break;
      root = p;
    }
    // Path compression.
    let cur = k;
    while (cur !== root) {
      const next = this.parent.get(cur) ?? root;
      this.parent.set(cur, root);
      cur = next;
    }
    if (!this.parent.has(root)) this.parent.set(root, root);
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

function tagOf(a: Affiliation): string {
  switch (a.kind) {
    case 'org':
      return `o:${a.name}`;
    case 'domain':
      return `${a.academic ? 'a' : 'd'}:${a.domain}`;
    case 'unattributed':
      return `u:${a.reason}`;
  }
}

/**
 * Accumulates commits one at a time; `result()` computes every figure. Feed it straight from
 * the git stream so the history is never held in memory.
 */
export class ContributorTally {
  private readonly asOf: number;
  private readonly starts: (number | null)[];
  private readonly activeMin: number;
  private readonly bots: readonly string[];
  private readonly affiliation: AffiliationResolver;
  private readonly ids = new Identities();
  private readonly addresses = new Map<string, AddressTally>();
  private readonly commits = new Array<number>(NW).fill(0);
  private readonly botCommits = new Array<number>(NW).fill(0);
  private readonly botAccounts = WINDOWS.map(() => new Set<string>());
  private readonly handles = new Map<string, IdentHandle>();
  private afterAsOf = 0;
  private firstAt = Infinity;
  private lastAt = -Infinity;

  constructor(options: ContributorOptions) {
    this.asOf = options.asOf.getTime();
    this.starts = WINDOWS.map((w) => (w.months === null ? null : addMonths(options.asOf, -w.months).getTime()));
    this.activeMin = options.activeMinCommits ?? 3;
    this.bots = options.bots ?? [];
    this.affiliation = options.affiliation ?? new AffiliationResolver();
  }

  add(c: CommitRecord): void {
    const t = c.committedAt;
    if (t >= this.asOf) {
      this.afterAsOf++;
      return;
    }
    // Windows are nested (6m ⊂ 12m ⊂ all): the commit is in windows 0..last.
    let last = 0;
    for (let w = 1; w < NW; w++) if (t >= (this.starts[w] ?? 0)) last = w;

    const author = this.handle(c.author, t);
    if (author.bot) {
      for (let w = 0; w <= last; w++) {
        this.botCommits[w] = (this.botCommits[w] ?? 0) + 1;
        this.botAccounts[w]?.add(author.key);
      }
      return;
    }
    for (let w = 0; w <= last; w++) this.commits[w] = (this.commits[w] ?? 0) + 1;
    if (t < this.firstAt) this.firstAt = t;
    if (t > this.lastAt) this.lastAt = t;

    // Each distinct address credited once per commit: the author, then co-authors.
    this.credit(author, t, last, true);
    if (c.coAuthors.length === 0) return;
    const seen = [author.key];
    for (const co of c.coAuthors) {
      const h = this.handle(co, t);
      if (h.bot) {
        for (let w = 0; w <= last; w++) this.botAccounts[w]?.add(h.key);
        continue;
      }
      if (seen.includes(h.key)) continue;
      seen.push(h.key);
      this.credit(h, t, last, false);
    }
  }

  /**
   * The per-spelling facts (bot or not, address, merges, and the attribution when it cannot
   * change with time) worked out once, so each commit costs a few map lookups.
   */
  private handle(ident: GitIdent, t: number): IdentHandle {
    const hk =
      ident.login === undefined ? `${ident.name}\0${ident.email}` : `${ident.name}\0${ident.email}\0${ident.login}`;
    const known = this.handles.get(hk);
    if (known) return known;
    const key = addressKey(ident);
    const bot = isBot(ident, this.bots);
    let tally: AddressTally | undefined;
    let staticCounts: number[] | undefined;
    if (!bot) {
      tally = this.addresses.get(key);
      if (!tally) {
        tally = {
          key,
          counts: new Array<number>(NW).fill(0),
          authored: new Array<number>(NW).fill(0),
          byTag: new Map(),
          first: t,
        };
        this.addresses.set(key, tally);
        this.ids.find(key);
        const login = noreplyLogin(ident.email);
        if (login) this.ids.union(key, `g:${login}`);
      }
      // The API links addresses to accounts: two addresses of one login are one person.
      if (ident.login) this.ids.union(key, `g:${ident.login.toLowerCase()}`);
      // A spelling of the name merges addresses unless it is generic.
      const n = ident.name.trim().toLowerCase().replace(/\s+/g, ' ');
      if (!GENERIC_NAMES.has(n)) this.ids.union(key, `n:${n}`);
      if (this.affiliation.timeIndependent)
        staticCounts = tagCounts(tally, tagOf(this.affiliation.resolve(ident.email, t, ident.login)));
    }
    const h: IdentHandle = { bot, key, ident, tally, staticCounts, uses: 0 };
    this.handles.set(hk, h);
    return h;
  }

  private credit(h: IdentHandle, t: number, last: number, authored: boolean): void {
    const a = h.tally;
    if (!a) return;
    h.uses++;
    if (t < a.first) a.first = t;
    const byTag = h.staticCounts ?? tagCounts(a, tagOf(this.affiliation.resolve(h.ident.email, t, h.ident.login)));
    for (let w = 0; w <= last; w++) {
      a.counts[w] = (a.counts[w] ?? 0) + 1;
      if (authored) a.authored[w] = (a.authored[w] ?? 0) + 1;
      byTag[w] = (byTag[w] ?? 0) + 1;
    }
  }

  result(): ContributorBreadth {
    // Merge addresses into people.
    interface Person {
      name: string;
      counts: number[];
      authored: number[];
      byTag: Map<string, number[]>;
      first: number;
      nameVotes: Map<string, number>;
    }
    const people = new Map<string, Person>();
    for (const a of this.addresses.values()) {
      const root = this.ids.find(a.key);
      let p = people.get(root);
      if (!p) {
        p = {
          name: '',
          counts: new Array<number>(NW).fill(0),
          authored: new Array<number>(NW).fill(0),
          byTag: new Map(),
          first: a.first,
          nameVotes: new Map(),
        };
        people.set(root, p);
      }
      for (let w = 0; w < NW; w++) {
        p.counts[w] = (p.counts[w] ?? 0) + (a.counts[w] ?? 0);
        p.authored[w] = (p.authored[w] ?? 0) + (a.authored[w] ?? 0);
      }
      for (const [tag, cs] of a.byTag) {
        const into = p.byTag.get(tag) ?? new Array<number>(NW).fill(0);
        for (let w = 0; w < NW; w++) into[w] = (into[w] ?? 0) + (cs[w] ?? 0);
        p.byTag.set(tag, into);
      }
      if (a.first < p.first) p.first = a.first;
    }
    for (const h of this.handles.values()) {
      if (!h.tally || h.uses === 0) continue;
      const p = people.get(this.ids.find(h.tally.key));
      if (p) p.nameVotes.set(h.ident.name, (p.nameVotes.get(h.ident.name) ?? 0) + h.uses);
    }
    for (const p of people.values()) p.name = argmax(p.nameVotes) ?? '';

    // A domain is an organisation when more than one person used it, or it is academic;
    // otherwise it is most likely someone's personal domain and stays unattributed.
    const domainPeople = new Map<string, number>();
    for (const p of people.values())
      for (const tag of p.byTag.keys())
        if (tag.startsWith('d:')) domainPeople.set(tag, (domainPeople.get(tag) ?? 0) + 1);
    const orgOf = (tag: string): string | null => {
      if (tag.startsWith('o:')) return tag.slice(2);
      if (tag.startsWith('a:')) return tag.slice(2);
      if (tag.startsWith('d:')) return (domainPeople.get(tag) ?? 0) > 1 ? tag.slice(2) : null;
      return null;
    };
    const reasonOf = (tag: string): keyof UnattributedBreakdown =>
      tag.startsWith('d:') ? 'personalDomain' : (tag.slice(2) as keyof UnattributedBreakdown);

    const windows: ContributorWindow[] = WINDOWS.map((spec, w) => {
      const start = this.starts[w] ?? null;
      const inWindow = [...people.values()].filter((p) => (p.counts[w] ?? 0) > 0);
      const contributions = inWindow.reduce((s, p) => s + (p.counts[w] ?? 0), 0);
      const orgs = new Map<string, { commits: number; people: number }>();
      const unattributed = { freemail: 0, noreply: 0, personalDomain: 0, unknown: 0 };
      const personOrg = new Map<Person, string | null>();
      for (const p of inWindow) {
        let best: string | null = null;
        let bestN = 0;
        const counted = new Set<string>();
        for (const [tag, cs] of p.byTag) {
          const n = cs[w] ?? 0;
          if (n === 0) continue;
          const org = orgOf(tag);
          if (org === null) {
            unattributed[reasonOf(tag)] += n;
            continue;
          }
          const o = orgs.get(org) ?? { commits: 0, people: 0 };
          o.commits += n;
          if (!counted.has(org)) o.people += 1;
          counted.add(org);
          orgs.set(org, o);
          // Ties go to the name first in order, so the result does not depend on commit order.
          if (n > bestN || (n === bestN && best !== null && org < best)) [best, bestN] = [org, n];
        }
        personOrg.set(p, best);
      }
      const unattributedTotal =
        unattributed.freemail + unattributed.noreply + unattributed.personalDomain + unattributed.unknown;
      const attributed = contributions - unattributedTotal;
      const organizations: OrganizationShare[] = [...orgs.entries()]
        .sort((a, b) => b[1].commits - a[1].commits || a[0].localeCompare(b[0]))
        .map(([name, o]) => {
          const region = this.affiliation.region(name);
          return {
            name,
            contributions: o.commits,
            share: ratio(o.commits, contributions) ?? 0,
            shareOfAttributed: ratio(o.commits, attributed) ?? 0,
            contributors: o.people,
            ...(region === undefined ? {} : { region }),
          };
        });
      const ranked = inWindow.sort((a, b) => (b.counts[w] ?? 0) - (a.counts[w] ?? 0) || a.name.localeCompare(b.name));
      const busFactor = coverHalf(ranked.map((p) => p.counts[w] ?? 0));
      return {
        window: spec.name,
        start: start === null ? null : new Date(start).toISOString(),
        end: new Date(this.asOf).toISOString(),
        commits: this.commits[w] ?? 0,
        contributions,
        contributors: inWindow.length,
        activeContributors: inWindow.filter((p) => (p.counts[w] ?? 0) >= this.activeMin).length,
        newContributors: inWindow.filter((p) => start === null || p.first >= start).length,
        bots: { accounts: this.botAccounts[w]?.size ?? 0, commits: this.botCommits[w] ?? 0 },
        organizations,
        topOrganizationShare: organizations.length > 0 ? (organizations[0]?.shareOfAttributed ?? null) : null,
        elephantFactor: coverHalf(organizations.map((o) => o.contributions)),
        busFactor,
        unattributedShare: ratio(unattributedTotal, contributions),
        unattributed,
        topContributors: ranked.slice(0, Math.max(busFactor ?? 0, 5)).map((p) => ({
          name: p.name,
          contributions: p.counts[w] ?? 0,
          authoredCommits: p.authored[w] ?? 0,
          organization: personOrg.get(p) ?? null,
        })),
      };
    });

    return {
      schema: CONTRIBUTOR_REPORT_SCHEMA,
      asOf: new Date(this.asOf).toISOString(),
      activeMinCommits: this.activeMin,
      windows,
      newContributorTrend: quarterly([...people.values()].map((p) => p.first)),
      identities: { addresses: this.addresses.size, people: people.size },
      skipped: { afterAsOf: this.afterAsOf },
      range: {
        first: Number.isFinite(this.firstAt) ? new Date(this.firstAt).toISOString() : null,
        last: Number.isFinite(this.lastAt) ? new Date(this.lastAt).toISOString() : null,
      },
    };
  }
}

/** All figures over a finite list of commits (tests, GitHub API data). */
export function computeContributorBreadth(
  commits: Iterable<CommitRecord>,
  options: ContributorOptions,
): ContributorBreadth {
  const tally = new ContributorTally(options);
  for (const c of commits) tally.add(c);
  return tally.result();
}

/** The fewest of the largest values whose sum reaches half the total; null when the total is 0. */
export function coverHalf(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => b - a);
  const total = sorted.reduce((s, v) => s + v, 0);
  if (total <= 0) return null;
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) {
    sum += sorted[i] ?? 0;
    if (sum * 2 >= total) return i + 1;
  }
  return sorted.length;
}

function addressKey(ident: GitIdent): string {
  const email = ident.email.trim().toLowerCase();
  return email !== '' ? `e:${email}` : `n:${ident.name.trim().toLowerCase().replace(/\s+/g, ' ')}`;
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

function argmax(m: Map<string, number>): string | undefined {
  let best: string | undefined;
  let n = -1;
  for (const [k, v] of m) if (v > n || (v === n && best !== undefined && k < best)) [best, n] = [k, v];
  return best;
}

function quarterly(firsts: readonly number[]): NewContributorPoint[] {
  const counts = new Map<string, number>();
  for (const t of firsts) {
    const d = new Date(t);
    const key = `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  // Every quarter between the first and the last, zeros included, so a gap reads as a gap.
  const keys = [...counts.keys()].sort();
  const [fy, fq] = parseQuarter(keys[0] ?? '');
  const [ly, lq] = parseQuarter(keys[keys.length - 1] ?? '');
  const out: NewContributorPoint[] = [];
  for (let y = fy, q = fq; y < ly || (y === ly && q <= lq); q === 4 ? ((q = 1), y++) : q++) {
    const period = `${y}-Q${q}`;
    out.push({ period, newContributors: counts.get(period) ?? 0 });
  }
  return out;
}

function parseQuarter(k: string): [number, number] {
  const m = /^(\d+)-Q(\d)$/.exec(k);
  return [Number(m?.[1] ?? 0), Number(m?.[2] ?? 1)];
}

export interface MultiOrganizationOptions {
  /** Window judged (default 12m). */
  readonly window?: ContributorWindowName;
  /**
   * An organisation counts when it makes at least this share of ALL contributions (default 0.1):
   * measured against all, not only the attributed, so a sliver of a mostly unattributed history
   * cannot pass the point.
   */
  readonly minShare?: number;
  /** Above this unattributed share, a single visible organisation is "unknown", not "fail" (default 0.5). */
  readonly maxUnattributed?: number;
}

/**
 * "More than one organisation contributing": pass with two or more organisations above minShare;
 * unknown when there are no commits, or when too much is unattributed to tell; fail otherwise.
 */
export function judgeMultiOrganization(
  b: ContributorBreadth,
  options: MultiOrganizationOptions = {},
): MultiOrganizationJudgement {
  const window = options.window ?? '12m';
  const minShare = options.minShare ?? 0.1;
  const maxUnattributed = options.maxUnattributed ?? 0.5;
  const w = b.windows.find((x) => x.window === window);
  const pct = (x: number | null): string => (x === null ? 'unknown' : `${Math.round(x * 100)}%`);
  const base = {
    window,
    minShare,
    elephantFactor: w?.elephantFactor ?? null,
    topOrganizationShare: w?.topOrganizationShare ?? null,
    unattributedShare: w?.unattributedShare ?? null,
  };
  if (!w || w.commits === 0)
    return { ...base, verdict: 'unknown', organizations: 0, reason: `no human commits in the ${window} window` };
  const orgs = w.organizations.filter((o) => o.share >= minShare);
  const listed = orgs
    .slice(0, 3)
    .map((o) => `${o.name} ${pct(o.share)}`)
    .join(', ');
  if (orgs.length >= 2) {
    return {
      ...base,
      verdict: 'pass',
      organizations: orgs.length,
      reason: `${orgs.length} organisations each make at least ${pct(minShare)} of contributions (${listed}); elephant factor ${w.elephantFactor ?? 'unknown'}; ${pct(w.unattributedShare)} unattributed`,
    };
  }
  if ((w.unattributedShare ?? 1) > maxUnattributed) {
    return {
      ...base,
      verdict: 'unknown',
      organizations: orgs.length,
      reason: `${orgs.length === 0 ? `no organisation reaches ${pct(minShare)}${w.organizations[0] ? ` (largest: ${w.organizations[0].name} ${pct(w.organizations[0].share)})` : ''}` : `only ${listed} reaches ${pct(minShare)}`}, but ${pct(w.unattributedShare)} of contributions are unattributed: supply GitHub companies or an affiliation file`,
    };
  }
  return {
    ...base,
    verdict: 'fail',
    organizations: orgs.length,
    reason:
      orgs.length === 0
        ? `no organisation makes ${pct(minShare)} of contributions; ${pct(w.unattributedShare)} unattributed`
        : `only one organisation makes at least ${pct(minShare)} of contributions (${listed}); ${pct(w.unattributedShare)} unattributed`,
  };
}
