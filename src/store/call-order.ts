// The order a store's public calls take effect in, whatever the backend: calls made at once
// (collectors and dashboard requests do) answer as if made one after another. A read starts once
// every write called before it has finished, so it sees them, and runs beside other reads; a write
// starts once every call made before it, read or write, has finished, so no earlier read sees it.
// A failed call does not stop the ones after it.
export class CallOrder {
  /** Settles when every call made so far has finished. */
  private all: Promise<unknown> = Promise.resolve();
  /** Settles when every write called so far has finished. */
  private writes: Promise<unknown> = Promise.resolve();

  write<T>(work: () => Promise<T>): Promise<T> {
    const run = this.all.then(work, work);
    this.all = run.catch(() => undefined);
    this.writes = this.all;
    return run;
  }

  read<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writes.then(work);
    this.all = Promise.all([this.all, run.catch(() => undefined)]);
    return run;
  }
}
