// Reads a Hub model dump: JSONL (one /api/models record per line) or a JSON array of them, plain
// or gzip, into normalised models. Streams JSONL line by line; a bad line is an InputError naming
// the file and line, and a truncated gzip is an InputError too, so nothing partial is ever stored.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { InputError } from '../../domain/errors.js';
import { isGzipPath, readHead, readWholeText } from '../files/read-head.js';
import { normalizeModel, type NormalizedModel } from './normalize-model.js';

export const HF_DUMP_SOURCE = 'hf-dump';

export interface ModelDump {
  readonly models: NormalizedModel[];
  /** Records read (non-blank lines or array items). */
  readonly records: number;
  /** Records whose id repeated an earlier record's; the later one wins. */
  readonly duplicates: number;
}

function badRecord(path: string, line: number, what: string): InputError {
  return new InputError(`${path}:${line}: ${what}`, {
    hint: 'each line must be one JSON object from the Hub /api/models endpoint (fix or remove that line); nothing was imported',
  });
}

function gzipError(path: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(`${path}: no such file`, { hint: 'check the path' });
  if (code === 'EACCES') return new InputError(`${path}: permission denied`, { hint: 'check the file permissions' });
  return new InputError(`${path}: the file is truncated or not valid gzip (${(err as Error).message})`, {
    hint: 'download the file again; nothing was imported',
  });
}

/** Keeps the last record per model id, in first-seen order. */
class ModelCollector {
  private readonly byId = new Map<string, NormalizedModel>();
  records = 0;
  duplicates = 0;
  add(raw: unknown, observedAt: Date, path: string, line: number): void {
    this.records++;
    const r = normalizeModel(raw, observedAt);
    if ('error' in r) throw badRecord(path, line, r.error);
    if (this.byId.has(r.subject.id)) this.duplicates++;
    this.byId.set(r.subject.id, r);
  }
  result(): ModelDump {
    return { models: [...this.byId.values()], records: this.records, duplicates: this.duplicates };
  }
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

export async function readModelDump(path: string, observedAt: Date): Promise<ModelDump> {
  const head = (await readHead(path, 4096)).trimStart();
  if (head.length === 0)
    throw new InputError(`${path}: the file is empty`, {
      hint: 'pass a JSONL or JSON-array dump of Hub /api/models records',
    });
  const c = new ModelCollector();
  if (head.startsWith('[')) {
    const text = await readWholeText(path);
    let items: unknown;
    try {
      items = JSON.parse(text);
    } catch (err) {
      const pos = /position (\d+)/.exec((err as Error).message);
      const line = pos ? lineOf(text, Number(pos[1])) : badArrayLine(text);
      throw badRecord(path, line, `malformed JSON array (${(err as Error).message.split('\n')[0]})`);
    }
    if (!Array.isArray(items)) throw badRecord(path, 1, 'expected a JSON array of model records');
    items.forEach((item, i) => c.add(item, observedAt, path, i + 1));
    return c.result();
  }
  if (!head.startsWith('{'))
    throw badRecord(path, 1, 'not JSON: expected JSONL records ({...} per line) or a JSON array');
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
        throw badRecord(path, n, `malformed JSON (${(err as Error).message})`);
      }
      c.add(rec, observedAt, path, n);
    }
  } catch (err) {
    if (err instanceof InputError) {
      raw.destroy();
      throw err;
    }
    throw gzipError(path, err);
  }
  return c.result();
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
