// Observations and the other stored facts. Everything kept knows is one of these four shapes,
// each with provenance: where it came from, and when kept fetched it.
import type { Subject } from './subject.js';

/** Where a value came from. `origin` is a URL (credentials never included) or a file path. */
export interface Provenance {
  readonly source: string;
  readonly origin: string;
  readonly fetchedAt: Date;
}

/**
 * A number about a subject over a time window. Point-in-time levels (stars, pull_count,
 * downloadsAllTime) use windowStart = windowEnd = the moment observed. `dims` splits one metric
 * (e.g. `{category: 'ci'}`); it is part of the identity of the value.
 */
export interface Observation {
  readonly subject: Subject;
  readonly metric: string;
  readonly value: number;
  readonly dims?: Readonly<Record<string, string>>;
  readonly windowStart: Date;
  readonly windowEnd: Date;
  readonly observedAt: Date;
  /** Per-row origin (e.g. the page URL) when it differs from the batch's. */
  readonly origin?: string;
}

/**
 * A level: a count as of one moment (pulls, versions, dependents), stored as a zero-length window
 * at the moment it was read.
 */
export function levelObservation(o: {
  readonly subject: Subject;
  readonly metric: string;
  readonly value: number;
  readonly observedAt: Date;
  readonly origin?: string | undefined;
  readonly dims?: Readonly<Record<string, string>> | undefined;
}): Observation {
  return {
    subject: o.subject,
    metric: o.metric,
    value: o.value,
    windowStart: o.observedAt,
    windowEnd: o.observedAt,
    observedAt: o.observedAt,
    ...(o.origin !== undefined ? { origin: o.origin } : {}),
    ...(o.dims ? { dims: o.dims } : {}),
  };
}

/** A non-numeric attribute (licence, library, pipeline tag…) valid as of observedAt. */
export interface Fact {
  readonly subject: Subject;
  readonly name: string;
  readonly value: string;
  readonly observedAt: Date;
  readonly origin?: string;
}

/** A directed relation between subjects (`hf:X` -finetune-> `hf:Y`, `project:vllm` -artifact-> `pypi:vllm`). */
export interface Relation {
  readonly from: Subject;
  readonly relation: string;
  readonly to: Subject;
  readonly observedAt: Date;
  readonly origin?: string;
}

/** A document about a subject (a release, an issue, a contributor), keyed within its kind. */
export interface DocumentRecord {
  readonly subject: Subject;
  readonly kind: string;
  readonly key: string;
  readonly observedAt: Date;
  readonly data: unknown;
  readonly origin?: string;
}

/** Everything one unit of work writes: committed whole or not at all. */
export interface WriteBatch {
  readonly provenance: Provenance;
  readonly observations?: readonly Observation[];
  readonly facts?: readonly Fact[];
  readonly relations?: readonly Relation[];
  readonly records?: readonly DocumentRecord[];
}

export interface BatchResult {
  readonly batchId: number;
  readonly offered: number;
  readonly added: number;
}

/** Canonical text of a dims map: sorted `k=v` pairs joined by `&`, URI-encoded; '' when empty. */
export function formatDims(dims: Readonly<Record<string, string>> | undefined): string {
  if (!dims) return '';
  return Object.keys(dims)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(dims[k] ?? '')}`)
    .join('&');
}

export function parseDims(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!text) return out;
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    out[decodeURIComponent(pair.slice(0, eq))] = decodeURIComponent(pair.slice(eq + 1));
  }
  return out;
}
