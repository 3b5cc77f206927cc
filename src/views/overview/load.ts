// Reads the whole catalog's verdict inputs in bulk: a few store queries per kind of data (records,
// facts, levels, download series, Hub scans) instead of several per project, answered to
// loadVerdictInputs through its loaders, so every project's inputs still come from the one code
// path in views/verdict/load.ts (equality tested). The only I/O of the overview view.
import { METRICS } from '../../domain/metrics.js';
import { projectArtifacts, type Project } from '../../domain/project.js';
import { ISSUES_SAMPLE_FACT } from '../../domain/records.js';
import { formatSubject, groupBySubject, type Subject } from '../../domain/subject.js';
import type { Store, StoredFact, StoredObservation, StoredRecord } from '../../store/store.js';
import { CONTRIBUTORS_RECORD_KIND } from '../contributors/load.js';
import { tryFanout } from '../fanout/load.js';
import { loadDownloadSeriesBulk, type DownloadSeries } from '../shared/download-series.js';
import {
  loadVerdictInputs,
  projectAsOf,
  REGISTRY_RECORD_KINDS,
  REPO_RECORD_KINDS,
  storeVerdictLoaders,
  type VerdictInputs,
  type VerdictLoaders,
  type VerdictSettings,
} from '../verdict/load.js';
import type { ViewRequest } from '../view.js';
import type { OverviewQuery } from './model.js';

export interface OverviewRequest extends ViewRequest {
  readonly projects: readonly Project[];
  readonly query?: OverviewQuery;
  readonly settings?: VerdictSettings;
  /** Where the store's usage data ends, when the caller read it already (see VerdictRequest). */
  readonly latestData?: Date | undefined;
}

/** Every catalog project's verdict inputs, in catalog order. */
export interface OverviewInputs {
  readonly projects: readonly VerdictInputs[];
  /** Where the store's usage data ends, read when no as-of date was asked for (the default). */
  readonly latestData?: Date | undefined;
}

/** What to read about one kind of subject: the record kinds, fact names and level metrics. */
interface Reads {
  readonly records: readonly string[];
  readonly facts: readonly string[];
  readonly metrics: readonly string[];
}

const READS: Readonly<Partial<Record<Subject['kind'], Reads>>> = {
  github: { records: REPO_RECORD_KINDS, facts: [ISSUES_SAMPLE_FACT], metrics: [METRICS.stars, METRICS.forks] },
  pypi: { records: REGISTRY_RECORD_KINDS, facts: [], metrics: [METRICS.dependents] },
  npm: { records: REGISTRY_RECORD_KINDS, facts: [], metrics: [METRICS.dependents] },
  docker: { records: [], facts: [], metrics: [METRICS.pullsTotal] },
  ghcr: { records: [], facts: [], metrics: [METRICS.pullsTotal] },
  project: { records: [CONTRIBUTORS_RECORD_KIND], facts: [], metrics: [] },
};

/**
 * Rows of one table read for a set of subjects, by subject, with which (subject, part) pairs were
 * read (part = record kind, fact name or metric); a question outside them returns undefined.
 */
class Prefetched<T extends { readonly subject: Subject }> {
  private readonly bySubject = new Map<string, T[]>();
  private readonly read = new Set<string>();

  add(subjects: readonly Subject[], parts: readonly string[], rows: readonly T[]): void {
    for (const s of subjects) for (const p of parts) this.read.add(`${formatSubject(s)}\u0000${p}`);
    for (const [k, list] of groupBySubject(rows)) this.bySubject.set(k, [...(this.bySubject.get(k) ?? []), ...list]);
  }

  /**
   * The rows of these subjects that `keep` accepts, in the order one store query over them would
   * give: both stores sort every read by subject kind, then id, first (DuckDB and ClickHouse).
   */
  get(subjects: readonly Subject[], parts: readonly string[], keep: (row: T) => boolean): T[] | undefined {
    const unique = [...new Map(subjects.map((s) => [formatSubject(s), s])).values()];
    if (!unique.every((s) => parts.every((p) => this.read.has(`${formatSubject(s)}\u0000${p}`)))) return undefined;
    unique.sort((a, b) => (a.kind === b.kind ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.kind < b.kind ? -1 : 1));
    return unique.flatMap((s) => (this.bySubject.get(formatSubject(s)) ?? []).filter(keep));
  }
}

/** The subjects a project's verdict reads, beyond its download series and Hub models. */
function verdictSubjects(p: Project): Subject[] {
  return [...projectArtifacts(p), { kind: 'project', id: p.id }];
}

/**
 * Loaders answering loadVerdictInputs for every project in `projects` as of `asOf` from data read
 * here in one query per subject kind and table; anything asked beyond it (another asOf, another
 * subject) falls through to the store.
 */
export async function prefetchVerdictLoaders(
  store: Store,
  projects: readonly Project[],
  asOf: Date,
  /** The packages' download series when the caller read them already (by subject; absent: none stored). */
  knownSeries?: ReadonlyMap<string, DownloadSeries>,
): Promise<VerdictLoaders> {
  const direct = storeVerdictLoaders(store, asOf);
  const packages = new Map<string, Subject>();
  for (const a of projects.flatMap(projectArtifacts))
    if (a.kind === 'pypi' || a.kind === 'npm') packages.set(formatSubject(a), a);
  const byKind = new Map<Subject['kind'], Subject[]>();
  for (const s of projects.flatMap(verdictSubjects)) {
    if (!READS[s.kind]) continue;
    const list = byKind.get(s.kind) ?? [];
    if (!list.some((x) => x.id === s.id)) list.push(s);
    byKind.set(s.kind, list);
  }
  const records = new Prefetched<StoredRecord>();
  const facts = new Prefetched<StoredFact>();
  const levels = new Prefetched<StoredObservation>();
  // One query per subject kind and table: the store turns each into `kind = x AND id IN (...)`,
  // which the engine pushes into its scan (an OR over kinds is not; see loadDownloadSeriesBulk).
  // All are asked at once, the big download scan first: a store that reads on several
  // connections runs the small ones beside it, and each lands in its table's cache as it answers.
  const seriesRead = knownSeries ?? loadDownloadSeriesBulk(store, [...packages.values()]);
  const reads: Promise<void>[] = [];
  for (const [kind, subjects] of byKind) {
    const r = READS[kind];
    if (!r) continue;
    if (r.records.length)
      reads.push(store.records({ subjects, kinds: r.records }).then((rows) => records.add(subjects, r.records, rows)));
    if (r.facts.length)
      reads.push(store.facts({ subjects, names: r.facts }).then((rows) => facts.add(subjects, r.facts, rows)));
    if (r.metrics.length)
      reads.push(
        store
          .observations({ subjects, metrics: r.metrics, to: asOf })
          .then((rows) => levels.add(subjects, r.metrics, rows)),
      );
  }
  // The Hub's whole-table scans, shared by every base model's tree; every model's fan-out is
  // started now, beside the reads above (each verdict asks for it later, from this memo).
  const scans: NonNullable<Parameters<typeof tryFanout>[4]> = {};
  const fanouts = new Map<string, ReturnType<VerdictLoaders['fanout']>>();
  const fanout: VerdictLoaders['fanout'] = (s) => {
    const k = formatSubject(s);
    let f = fanouts.get(k);
    if (!f) fanouts.set(k, (f = tryFanout(store, s, asOf, undefined, scans)));
    return f;
  };
  for (const m of projects.flatMap(projectArtifacts)) if (m.kind === 'hf') void fanout(m).catch(() => undefined);
  const [series] = await Promise.all([seriesRead, ...reads]);

  return {
    series: async (s) => (packages.has(formatSubject(s)) ? series.get(formatSubject(s)) : direct.series(s)),
    fanout,
    records: async (subjects, kinds) =>
      records.get(subjects, kinds, (r) => kinds.includes(r.kind)) ?? direct.records(subjects, kinds),
    facts: async (subjects, names) =>
      facts.get(subjects, names, (f) => names.includes(f.name)) ?? direct.facts(subjects, names),
    observations: async (subjects, metric, to) =>
      (to.getTime() <= asOf.getTime()
        ? levels.get(subjects, [metric], (o) => o.metric === metric && o.windowEnd.getTime() <= to.getTime())
        : undefined) ?? direct.observations(subjects, metric, to),
  };
}

export async function loadOverview(store: Store, request: OverviewRequest): Promise<OverviewInputs> {
  const { asOf, latestData } = await projectAsOf(store, request);
  const loaders = await prefetchVerdictLoaders(store, request.projects, asOf);
  const projects: VerdictInputs[] = [];
  for (const p of request.projects) projects.push(await loadVerdictInputs(loaders, p, asOf));
  return { projects, latestData };
}
