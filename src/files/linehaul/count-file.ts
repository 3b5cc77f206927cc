// A whole PyPI CDN log file → classified daily counts. A large file is parsed by worker threads
// (one per core, at most 4) while this thread reads and inflates it; the workers' counts and
// statistics are merged here, with line numbers as if read in one pass. A small file is parsed
// inline: starting workers costs more than it saves.
import { statSync } from 'node:fs';
import { reduceChunksInWorkers } from '../chunk-workers.js';
import { decodeLines, readLineChunks } from '../read-lines.js';
import { DailyDownloadCounts, type DailyCountsSnapshot } from '../pypi-daily-counts.js';
import { LinehaulRecordReader, type LinehaulStats } from './records.js';

/** Per chunk: its non-empty lines, and the 1-based index among them of its first malformed line. */
export interface LinehaulChunkAck {
  readonly lines: number;
  readonly firstMalformed?: number;
}

export interface LinehaulWorkerResult {
  readonly stats: LinehaulStats;
  readonly counts: DailyCountsSnapshot;
}

export interface CountLinehaulOptions {
  /** Worker threads; 0 parses inline. Default: inline under 8 MB on disk, else one per core (≤ 4). */
  readonly workers?: number;
  /** Bytes per read (and so per chunk of a plain file); default 1 MiB. */
  readonly chunkBytes?: number;
}

const PARALLEL_FROM_BYTES = 8 << 20;

export async function countLinehaulFile(
  path: string,
  options: CountLinehaulOptions = {},
): Promise<{ stats: LinehaulStats; counts: DailyDownloadCounts }> {
  const chunks = readLineChunks(path, options.chunkBytes);
  const workers = options.workers ?? (sizeOf(path) >= PARALLEL_FROM_BYTES ? undefined : 0);
  const counts = new DailyDownloadCounts();
  if (workers === 0) {
    const reader = new LinehaulRecordReader();
    for await (const chunk of chunks) for (const line of decodeLines(chunk)) reader.readInto(line, counts);
    return { stats: reader.stats, counts };
  }
  const acks: LinehaulChunkAck[] = [];
  const results = await reduceChunksInWorkers<LinehaulChunkAck, LinehaulWorkerResult>(
    chunks,
    new URL('./count-worker.js', import.meta.url),
    (ack, seq) => (acks[seq] = ack),
    workers === undefined ? {} : { workers },
  );
  const stats: LinehaulStats = {
    lines: 0,
    downloads: 0,
    simple: 0,
    malformed: 0,
    malformedReasons: new Map(),
    firstMalformedLine: undefined,
  };
  for (const r of results) {
    stats.lines += r.stats.lines;
    stats.downloads += r.stats.downloads;
    stats.simple += r.stats.simple;
    stats.malformed += r.stats.malformed;
    for (const [k, v] of r.stats.malformedReasons)
      stats.malformedReasons.set(k, (stats.malformedReasons.get(k) ?? 0) + v);
    counts.merge(r.counts);
  }
  let before = 0;
  for (const a of acks) {
    if (a.firstMalformed !== undefined) {
      stats.firstMalformedLine = before + a.firstMalformed;
      break;
    }
    before += a.lines;
  }
  return { stats, counts };
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the reader reports the missing file
  }
}
