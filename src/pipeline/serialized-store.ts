// A Store whose calls run one at a time. Collectors work in parallel, but one DuckDB connection
// cannot interleave a batch's transaction with other statements, so every call queues here.
import type { Store } from '../store/store.js';

export function serializedStore(store: Store): Store {
  let tail: Promise<unknown> = Promise.resolve();
  const queued =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      const run = tail.then(() => fn(...args));
      tail = run.catch(() => undefined);
      return run;
    };
  return {
    backend: store.backend,
    location: store.location,
    write: queued((b) => store.write(b)),
    bulkLoad: queued((p, v, o) => store.bulkLoad(p, v, o)),
    observations: queued((f) => store.observations(f)),
    facts: queued((f) => store.facts(f)),
    relations: queued((f) => store.relations(f)),
    records: queued((f) => store.records(f)),
    top: queued((q) => store.top(q)),
    windowEnds: queued((k, m) => store.windowEnds(k, m)),
    subjects: queued((k) => store.subjects(k)),
    batches: queued((l) => store.batches(l)),
    stats: queued(() => store.stats()),
    integrity: queued(() => store.integrity()),
    httpCacheGet: queued((k) => store.httpCacheGet(k)),
    httpCachePut: queued((k, e) => store.httpCachePut(k, e)),
    checkpointGet: queued((s) => store.checkpointGet(s)),
    checkpointPut: queued((s, v) => store.checkpointPut(s, v)),
    close: queued(() => store.close()),
  };
}
