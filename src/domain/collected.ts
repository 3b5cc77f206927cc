// What one source collects about one subject: values, plus what it could not measure and why.
// An unknown is stored as a Fact `unknown:<metric>` whose value is the reason, so a profile can
// say "unknown because…" instead of showing a zero; a value's precision as `precision:<metric>`.
import type { DocumentRecord, Fact, Observation, Relation } from './observation.js';
import type { Subject } from './subject.js';

export interface CollectedUnknown {
  readonly subject: Subject;
  readonly metric: string;
  readonly reason: string;
}

export interface Collected {
  readonly observations: Observation[];
  readonly facts: Fact[];
  readonly relations: Relation[];
  readonly records: DocumentRecord[];
  readonly unknowns: CollectedUnknown[];
}

export function emptyCollected(): Collected {
  return { observations: [], facts: [], relations: [], records: [], unknowns: [] };
}

export function mergeCollected(into: Collected, more: Collected): Collected {
  into.observations.push(...more.observations);
  into.facts.push(...more.facts);
  into.relations.push(...more.relations);
  into.records.push(...more.records);
  into.unknowns.push(...more.unknowns);
  return into;
}

export const UNKNOWN_FACT_PREFIX = 'unknown:';
export const PRECISION_FACT_PREFIX = 'precision:';

export function unknownFact(u: CollectedUnknown, observedAt: Date, origin?: string): Fact {
  return {
    subject: u.subject,
    name: `${UNKNOWN_FACT_PREFIX}${u.metric}`,
    value: u.reason,
    observedAt,
    ...(origin ? { origin } : {}),
  };
}

/** All facts of a collection, unknowns included as `unknown:<metric>` facts. */
export function collectedFacts(c: Collected, observedAt: Date): Fact[] {
  return [...c.facts, ...c.unknowns.map((u) => unknownFact(u, observedAt))];
}
