// The `download-counts` npm package (nice-registry/download-counts, MIT): `counts.json`, one JSON
// object of every npm package name → downloads. Its build queries `/downloads/point/last-month`
// for every name (bulk calls of 128 unscoped names, scoped names alone) starting on the release
// date in its version (`2.YYYYMMDD.0`) and running about a day, so each value is a ~30-day window
// ending around that date. 92 MB on one line: read as a stream of `"name":count` pairs, never
// parsed whole. No I/O here: the import feeds text chunks in.
import { parseIsoDate } from '../domain/time.js';

export const NPM_DOWNLOAD_COUNTS_SOURCE = 'npm-download-counts';
export const DOWNLOAD_COUNTS_WINDOW_DAYS = 30;

const PAIR = /\s*[{,]?\s*"((?:[^"\\]|\\.)*)"\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|null)\s*/y;

/** Incremental reader of a flat `{"name": number, …}` object. */
export class CountsObjectReader {
  private carry = '';
  private started = false;
  pairs = 0;
  nulls = 0;

  /** Feeds text; calls `emit` for each complete pair. Throws on text that cannot be such an object. */
  push(text: string, emit: (name: string, count: number) => void): void {
    let buf = this.carry + text;
    if (!this.started) {
      const t = buf.trimStart();
      if (t.length === 0) return;
      if (t[0] !== '{') throw new Error(`not a JSON object of counts (starts with ${JSON.stringify(t.slice(0, 20))})`);
      this.started = true;
      buf = t;
    }
    let pos = 0;
    for (;;) {
      PAIR.lastIndex = pos;
      const m = PAIR.exec(buf);
      if (!m || PAIR.lastIndex === buf.length) break; // a pair touching the end may be cut: wait for more
      const raw = m[1]!;
      const name = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
      this.pairs++;
      if (m[2] === 'null') this.nulls++;
      else emit(name, Number(m[2]));
      pos = PAIR.lastIndex;
    }
    this.carry = buf.slice(pos);
    if (this.carry.length > 1 << 20) throw new Error(`unreadable text near ${JSON.stringify(this.carry.slice(0, 40))}`);
  }

  /** Flushes the last pair; throws when the object is not closed (a truncated file). */
  end(emit: (name: string, count: number) => void): void {
    const buf = this.carry;
    PAIR.lastIndex = 0;
    const m = PAIR.exec(buf);
    let rest = buf;
    if (m) {
      const raw = m[1]!;
      this.pairs++;
      if (m[2] === 'null') this.nulls++;
      else emit(raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw, Number(m[2]));
      rest = buf.slice(PAIR.lastIndex);
    }
    if (!this.started) throw new Error('the file is empty');
    if (!/^\s*,?\s*}\s*$/.test(rest))
      throw new Error(`the object is not closed (truncated file?) near ${JSON.stringify(rest.slice(0, 40))}`);
    this.carry = '';
  }
}

/** `2.20251201.0` (or a path containing it) → 2025-12-01; undefined when there is none. */
export function downloadCountsDate(versionOrPath: string): Date | undefined {
  const m = /(?:^|[^\d])2\.(\d{4})(\d{2})(\d{2})\.\d+/.exec(versionOrPath);
  return m ? parseIsoDate(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
}
