// The GitHub part of a project profile: repository levels and facts, the star curve, contributors
// and their companies, and releases, read from what `kept collect` stored. Issue-tracker health is
// the verdict's (signals/issue-tracker-health.ts), so a profile states one set of issue figures.
import { METRICS } from '../domain/metrics.js';
import { formatSubject, type Subject } from '../domain/subject.js';
import { DAY_MS, isoDate } from '../domain/time.js';
import type { Store, StoredObservation } from '../store/store.js';

export interface GithubFigure {
  readonly value: number;
  readonly observedAt: string;
  readonly source: string;
  readonly origin: string;
}

export interface ProfileGithub {
  readonly subject: string;
  readonly stars: GithubFigure | null;
  readonly forks: GithubFigure | null;
  readonly watchers: GithubFigure | null;
  readonly openIssuesAndPrs: GithubFigure | null;
  readonly facts: Readonly<Record<string, string>>;
  readonly starHistory: {
    readonly series: 'history' | 'sampled' | null;
    /** Month-end cumulative counts (the last point of each month), oldest first. */
    readonly monthly: readonly { readonly date: string; readonly stars: number }[];
    readonly gainedLast30d: number | null;
    readonly gainedPrior30d: number | null;
  };
  readonly contributors: {
    readonly total: GithubFigure | null;
    readonly accounts: number | null;
    /** Companies of the top contributors (free text as people wrote it), by contributors. */
    readonly topCompanies: readonly {
      readonly company: string;
      readonly contributors: number;
      readonly contributions: number;
    }[];
    readonly companyKnown: number;
    readonly companyLookedUp: number;
  };
  readonly releases: {
    readonly count: number;
    readonly last90d: number;
    readonly latest: { readonly tag: string; readonly publishedAt: string | null; readonly prerelease: boolean } | null;
  };
}

function latestFigure(obs: readonly StoredObservation[], metric: string, dims = ''): GithubFigure | null {
  const o = obs
    .filter(
      (x) =>
        x.metric === metric &&
        Object.keys(x.dims).length === (dims ? 1 : 0) &&
        (!dims || `${Object.keys(x.dims)[0]}=${Object.values(x.dims)[0]}` === dims),
    )
    .pop();
  return o ? { value: o.value, observedAt: isoDate(o.observedAt), source: o.source, origin: o.origin } : null;
}

function latestRecords<T>(
  records: readonly { key: string; kind: string; observedAt: Date; data: unknown }[],
  asOf: Date,
): Map<string, T> {
  const out = new Map<string, { at: number; d: T }>();
  for (const r of records) {
    const t = r.observedAt.getTime();
    if (t > asOf.getTime()) continue;
    const k = `${r.kind}:${r.key}`;
    const prev = out.get(k);
    if (!prev || t >= prev.at) out.set(k, { at: t, d: r.data as T });
  }
  return new Map([...out].map(([k, v]) => [k, v.d]));
}

/** The GitHub block for one repository, or null when nothing was collected for it. */
export async function buildGithubProfile(store: Store, s: Subject, asOf: Date): Promise<ProfileGithub | null> {
  const obs = (await store.observations({ subjects: [s], to: asOf })).sort(
    (a, b) => a.windowEnd.getTime() - b.windowEnd.getTime() || a.observedAt.getTime() - b.observedAt.getTime(),
  );
  const factRows = (await store.facts({ subjects: [s] }))
    .filter((f) => f.observedAt.getTime() <= asOf.getTime())
    .sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
  if (obs.length === 0 && factRows.length === 0) return null;
  const facts: Record<string, string> = {};
  for (const f of factRows) facts[f.name] = f.value;

  const levels = obs.filter((o) => Object.keys(o.dims).length === 0 || o.dims.kind !== undefined);
  const history = obs.filter(
    (o) => o.metric === METRICS.stars && (o.dims.series === 'history' || o.dims.series === 'sampled'),
  );
  const series = history.some((o) => o.dims.series === 'history') ? 'history' : history.length ? 'sampled' : null;
  const curve = history.filter((o) => o.dims.series === series);
  const byMonth = new Map<string, number>();
  for (const o of curve) byMonth.set(isoDate(o.windowEnd).slice(0, 7), o.value);
  const gained = obs.filter((o) => o.metric === METRICS.starsGained);
  const sumGained = (fromDays: number, toDays: number): number | null => {
    if (series !== 'history') return null;
    const lo = asOf.getTime() - fromDays * DAY_MS;
    const hi = asOf.getTime() - toDays * DAY_MS;
    return gained
      .filter((o) => o.windowEnd.getTime() > lo && o.windowEnd.getTime() <= hi)
      .reduce((n, o) => n + o.value, 0);
  };

  const records = await store.records({ subjects: [s] });
  const contributors = [
    ...latestRecords<{
      login: string | null;
      anonymous: boolean;
      bot: boolean;
      contributions: number;
      company?: string | null;
    }>(
      records.filter((r) => r.kind === 'github-contributor' && !r.key.includes(':anon:')),
      asOf,
    ).values(),
  ];
  const companies = new Map<string, { contributors: number; contributions: number }>();
  let companyLookedUp = 0;
  let companyKnown = 0;
  for (const c of contributors) {
    if (c.company === undefined) continue;
    companyLookedUp++;
    if (!c.company) continue;
    companyKnown++;
    // "@sgl-project" and "sgl-project" are the same organisation written two ways.
    const name = c.company.replace(/^@/, '').trim();
    const e = companies.get(name) ?? { contributors: 0, contributions: 0 };
    e.contributors++;
    e.contributions += c.contributions;
    companies.set(name, e);
  }
  const topCompanies = [...companies]
    .map(([company, v]) => ({ company, ...v }))
    .sort(
      (a, b) =>
        b.contributors - a.contributors || b.contributions - a.contributions || a.company.localeCompare(b.company),
    )
    .slice(0, 10);

  const releases = [
    ...latestRecords<{ tag: string; publishedAt: string | null; prerelease: boolean }>(
      records.filter((r) => r.kind === 'github-release'),
      asOf,
    ).values(),
  ].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));

  return {
    subject: formatSubject(s),
    stars: latestFigure(levels, METRICS.stars),
    forks: latestFigure(levels, METRICS.forks),
    watchers: latestFigure(levels, METRICS.watchers),
    openIssuesAndPrs: latestFigure(levels, METRICS.openIssuesAndPrs),
    facts,
    starHistory: {
      series,
      monthly: [...byMonth].map(([month, stars]) => ({ date: month, stars })),
      gainedLast30d: sumGained(30, 0),
      gainedPrior30d: sumGained(60, 30),
    },
    contributors: {
      total: latestFigure(levels, METRICS.contributors),
      accounts: latestFigure(levels, METRICS.contributors, 'kind=account')?.value ?? null,
      topCompanies,
      companyKnown,
      companyLookedUp,
    },
    releases: {
      count: releases.length,
      last90d: releases.filter(
        (r) =>
          r.publishedAt &&
          Date.parse(r.publishedAt) > asOf.getTime() - 90 * DAY_MS &&
          Date.parse(r.publishedAt) <= asOf.getTime(),
      ).length,
      latest: ((r) => (r ? { tag: r.tag, publishedAt: r.publishedAt, prerelease: r.prerelease } : null))(
        releases.find((r) => r.publishedAt && Date.parse(r.publishedAt) <= asOf.getTime()),
      ),
    },
  };
}
