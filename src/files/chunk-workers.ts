// Fans chunks of a file out to worker threads and gathers one result per worker: the main thread
// reads (and inflates) while the workers parse, so a CPU-bound import uses every core. The
// protocol is small and ordered per worker:
//   main → worker  {chunk: Uint8Array, seq}  (the chunk's memory is transferred, not copied)
//   worker → main  {ack: A, seq}             (one per chunk: frees a slot, carries per-chunk facts)
//   main → worker  {end: true}
//   worker → main  {result: R}
// A worker that throws rejects the whole run and every worker is stopped.
import { availableParallelism } from 'node:os';
import { Worker, parentPort } from 'node:worker_threads';

export interface ChunkWorkerOptions {
  /** Worker threads; default: one per core, at most 4. */
  readonly workers?: number;
  /** Chunks queued per worker before the reader waits (bounds memory); default 2. */
  readonly queuePerWorker?: number;
}

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

type FromWorker<A, R> = { ack: A; seq: number } | { result: R };

/**
 * Sends each chunk to the least-loaded worker running `workerUrl` (a module that calls
 * serveChunks) and returns the workers' results, in worker order. `onAck` sees each chunk's ack
 * with the chunk's sequence number (chunks of different workers complete out of order).
 */
export async function reduceChunksInWorkers<A, R>(
  chunks: AsyncIterable<Uint8Array>,
  workerUrl: URL,
  onAck: (ack: A, seq: number) => void,
  options: ChunkWorkerOptions = {},
): Promise<R[]> {
  const count = Math.max(1, options.workers ?? defaultWorkerCount());
  const queue = Math.max(1, options.queuePerWorker ?? 2);
  const workers = Array.from({ length: count }, () => new Worker(workerUrl));
  const pending = workers.map(() => 0);
  const results: (R | undefined)[] = workers.map(() => undefined);
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const finished = workers.map(
    (w, i) =>
      new Promise<void>((resolve) => {
        w.on('message', (m: FromWorker<A, R>) => {
          if ('ack' in m) {
            pending[i]!--;
            onAck(m.ack, m.seq);
          } else {
            results[i] = m.result;
            resolve();
          }
          signal();
        });
        w.on('error', (err) => {
          failure ??= err;
          resolve();
          signal();
        });
        w.on('exit', (code) => {
          if (results[i] === undefined)
            failure ??= new Error(`a parsing worker stopped (exit code ${code}) before it finished`);
          resolve();
          signal();
        });
      }),
  );
  const slot = async (): Promise<number> => {
    for (;;) {
      if (failure) throw failure;
      let best = 0;
      for (let i = 1; i < count; i++) if (pending[i]! < pending[best]!) best = i;
      if (pending[best]! < queue) return best;
      await new Promise<void>((r) => (wake = r));
    }
  };
  try {
    let seq = 0;
    for await (const chunk of chunks) {
      const i = await slot();
      pending[i]!++;
      workers[i]!.postMessage({ chunk, seq: seq++ }, [chunk.buffer as ArrayBuffer]);
    }
    for (const w of workers) w.postMessage({ end: true });
    await Promise.all(finished);
    if (failure) throw failure;
    return results as R[];
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The worker side: `chunk` handles one chunk and returns its ack; `end` returns the result. */
export function serveChunks<A, R>(handler: { chunk(bytes: Uint8Array, seq: number): A; end(): R }): void {
  const port = parentPort;
  if (!port) throw new Error('serveChunks runs in a worker thread');
  port.on('message', (m: { chunk: Uint8Array; seq: number } | { end: true }) => {
    if ('end' in m) port.postMessage({ result: handler.end() });
    else port.postMessage({ ack: handler.chunk(m.chunk, m.seq), seq: m.seq });
  });
}
