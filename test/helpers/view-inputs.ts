// Small builders of stored rows and view inputs for the views' compute tests: observations,
// levels, facts and records as the store returns them, an empty verdict input and download series.
import type { ContributorReport } from '../../src/domain/contributors.js';
import type { Project } from '../../src/domain/project.js';
import { subject as subjectOf, type Subject, type SubjectKind } from '../../src/domain/subject.js';
import type { StoredFact, StoredObservation, StoredRecord } from '../../src/store/store.js';
import type { DownloadSeries } from '../../src/views/shared/download-series.js';
import type { ProfileInputs } from '../../src/views/profile/load.js';
import type { VerdictInputs } from '../../src/views/verdict/load.js';

/** Midnight UTC of an ISO day. */
export function day(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** The ISO day `n` days after `iso`. */
export function addDays(iso: string, n: number): string {
  return new Date(day(iso).getTime() + n * 86_400_000).toISOString().slice(0, 10);
}

export function sub(kind: SubjectKind, id: string): Subject {
  return subjectOf(kind, id);
}

/** A stored observation over [start, end) observed at its end. */
export function obs(
  s: Subject,
  metric: string,
  value: number,
  start: string,
  end: string,
  more: { dims?: Record<string, string>; source?: string; origin?: string; observedAt?: string } = {},
): StoredObservation {
  return {
    subject: s,
    metric,
    value,
    dims: more.dims ?? {},
    windowStart: day(start),
    windowEnd: day(end),
    observedAt: day(more.observedAt ?? end),
    source: more.source ?? 'test',
    origin: more.origin ?? `origin:${metric}`,
    fetchedAt: day(more.observedAt ?? end),
    batchId: 1,
  };
}

/** A level: a zero-length window at `at`. */
export function level(
  s: Subject,
  metric: string,
  value: number,
  at: string,
  more: { dims?: Record<string, string>; source?: string } = {},
): StoredObservation {
  return obs(s, metric, value, at, at, more);
}

export function fact(s: Subject, name: string, value: string, at: string, source = 'test'): StoredFact {
  return { subject: s, name, value, observedAt: day(at), source, origin: 'o', fetchedAt: day(at), batchId: 1 };
}

export function record(s: Subject, kind: string, key: string, at: string, data: unknown): StoredRecord {
  return {
    subject: s,
    kind,
    key,
    observedAt: day(at),
    data,
    source: 'test',
    origin: 'o',
    fetchedAt: day(at),
    batchId: 1,
  };
}

/** Verdict inputs with nothing stored. */
export function emptyVerdictInputs(project: Project): VerdictInputs {
  return {
    project,
    repo: undefined,
    repoRecords: [],
    sampleFacts: [],
    stars: [],
    forks: [],
    registryRecords: [],
    series: [],
    dependents: [],
    containerPulls: [],
    fanouts: [],
    storedContributors: undefined,
    givenContributors: undefined,
  };
}

/** A monthly download series: one 30-day-ish window per calendar month from `firstMonth` (YYYY-MM). */
export function monthlySeries(s: Subject, firstMonth: string, values: readonly number[]): DownloadSeries {
  const [y, m] = firstMonth.split('-').map(Number) as [number, number];
  const rows = values.map((value, i) =>
    obs(
      s,
      'downloads',
      value,
      new Date(Date.UTC(y, m - 1 + i, 1)).toISOString().slice(0, 10),
      new Date(Date.UTC(y, m + i, 1)).toISOString().slice(0, 10),
      { source: 'clickpy' },
    ),
  );
  return {
    subject: s,
    points: rows.map((o) => ({ windowStart: o.windowStart, windowEnd: o.windowEnd, value: o.value })),
    basis: 'monthly-snapshots',
    sources: ['clickpy'],
    origins: ['origin:downloads'],
    latest: rows[rows.length - 1],
  };
}

/** A project's profile inputs with nothing stored but what is given (verdict inputs merged over empty ones). */
export function profileInputs(
  project: Project,
  more: Partial<Omit<ProfileInputs, 'project' | 'verdict'>> = {},
  verdict: Partial<VerdictInputs> = {},
): ProfileInputs {
  return {
    project,
    verdict: { ...emptyVerdictInputs(project), ...verdict },
    downloads: [],
    artifacts: [],
    facts: [],
    githubRecords: [],
    failures: [],
    ...more,
  };
}

/** A stored `kept contributors` report with one 12-month window of these figures (what the verdict reads of it). */
export function contributorReport(
  organizations: number,
  elephantFactor: number,
  busFactor: number,
  topOrganizationShare: number,
  end: string,
): ContributorReport {
  return {
    schema: 'kept.contributors/v2',
    source: { kind: 'git', path: '/src/x' },
    windows: [
      {
        window: '12m',
        commits: 100,
        end,
        elephantFactor,
        busFactor,
        topOrganizationShare,
        organizations: Array.from({ length: organizations }, (_, i) => ({ name: `o${i}` })),
      },
    ],
  } as unknown as ContributorReport;
}
