// Worker thread of countLinehaulFile: parses its share of a log's chunks into its own counts.
import { serveChunks } from '../chunk-workers.js';
import { decodeLines } from '../read-lines.js';
import { DailyDownloadCounts } from '../pypi-daily-counts.js';
import type { LinehaulChunkAck, LinehaulWorkerResult } from './count-file.js';
import { LinehaulRecordReader } from './records.js';

const reader = new LinehaulRecordReader();
const counts = new DailyDownloadCounts();

serveChunks<LinehaulChunkAck, LinehaulWorkerResult>({
  chunk(bytes) {
    const before = reader.stats.lines;
    reader.stats.firstMalformedLine = undefined;
    for (const line of decodeLines(bytes)) reader.readInto(line, counts);
    const first = reader.stats.firstMalformedLine;
    return { lines: reader.stats.lines - before, ...(first !== undefined ? { firstMalformed: first - before } : {}) };
  },
  end: () => ({ stats: reader.stats, counts: counts.snapshot() }),
});
