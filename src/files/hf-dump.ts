// Reads a Hub model dump: JSONL (one /api/models record per line) or a JSON array of them, plain
// or gzip, handing each record to the caller with its line. Streams JSONL line by line; a bad line
// is an InputError naming the file and line (hubRecordError), and a truncated gzip is an InputError
// too, so nothing partial is ever stored.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { InputError, errorMessage } from '../domain/errors.js';
import { fileReadError } from './read-error.js';
import { isGzipPath, readHead, readWholeText } from './read-head.js';

export const HF_DUMP_SOURCE = 'hf-dump';

/** A bad record of a dump: the file and line, and what is wrong with it. */
export function hubRecordError(path: string, line: number, what: string, cause?: unknown): InputError {
  return new InputError(`${path}:${line}: ${what}`, {
    hint: 'each line must be one JSON object from the Hub /api/models endpoint (fix or remove that line); nothing was imported',
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Line number (1-based) of a character offset. */
function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Node 20's JSON.parse names no position for some errors; arrays written one record per line
 * (the usual dump layout) are re-checked line by line to find the bad one. 1 when that fails.
 */
function badArrayLine(text: string): number {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const item = (lines[i] ?? '').trim().replace(/^\[/, '').replace(/\]$/, '').replace(/,$/, '').trim();
    if (item === '') continue;
    try {
      JSON.parse(item);
    } catch {
      return i + 1;
    }
  }
  return 1;
}

/**
 * Calls `onRecord` with every record of the dump and its 1-based line (its index + 1 in an array);
 * returns how many there were. An InputError `onRecord` throws stops the read as it is.
 */
export async function readHubDump(path: string, onRecord: (record: unknown, line: number) => void): Promise<number> {
  const head = (await readHead(path, 4096)).trimStart();
  if (head.length === 0)
    throw new InputError(`${path}: the file is empty`, {
      hint: 'pass a JSONL or JSON-array dump of Hub /api/models records',
    });
  let records = 0;
  if (head.startsWith('[')) {
    const text = await readWholeText(path);
    let items: unknown;
    try {
      items = JSON.parse(text);
    } catch (err) {
      const message = errorMessage(err);
      const pos = /position (\d+)/.exec(message);
      const line = pos ? lineOf(text, Number(pos[1])) : badArrayLine(text);
      throw hubRecordError(path, line, `malformed JSON array (${message.split('\n')[0]})`, err);
    }
    if (!Array.isArray(items)) throw hubRecordError(path, 1, 'expected a JSON array of model records');
    items.forEach((item, i) => onRecord(item, i + 1));
    return items.length;
  }
  if (!head.startsWith('{'))
    throw hubRecordError(path, 1, 'not JSON: expected JSONL records ({...} per line) or a JSON array');
  const raw = createReadStream(path);
  const stream = isGzipPath(path) ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (err) => stream.destroy(err));
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      let rec: unknown;
      try {
        rec = JSON.parse(line);
      } catch (err) {
        throw hubRecordError(path, n, `malformed JSON (${errorMessage(err)})`, err);
      }
      records++;
      onRecord(rec, n);
    }
  } catch (err) {
    if (err instanceof InputError) {
      raw.destroy();
      throw err;
    }
    throw fileReadError(path, err);
  }
  return records;
}

/**
 * The snapshot moment of a model-tree dump, from a `_summary.csv` beside it (columns
 * `base_model,scraped_at,…`, scraped_at `YYYYMMDD_HHMMSS` UTC), matched by the file name
 * `org__name.jsonl[.gz]`. Undefined when there is none.
 */
export function summarySnapshot(path: string): Date | undefined {
  const summary = join(dirname(path), '_summary.csv');
  if (!existsSync(summary)) return undefined;
  const [header, ...rows] = readFileSync(summary, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim());
  const cols = (header ?? '').split(',');
  const bi = cols.indexOf('base_model');
  const si = cols.indexOf('scraped_at');
  if (bi < 0 || si < 0) return undefined;
  const fromName = basename(path)
    .replace(/\.jsonl?(\.gz)?$/i, '')
    .replace('__', '/');
  for (const r of rows) {
    const f = r.split(',');
    if (f[bi] !== fromName) continue;
    const m = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/.exec(f[si] ?? '');
    if (m) return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  }
  return undefined;
}
