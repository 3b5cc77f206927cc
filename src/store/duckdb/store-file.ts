// What can be wrong with a DuckDB store file, in the user's words: not a DuckDB file at all (a
// SQLite file, a gzip, text), a DuckDB file cut short, damaged blocks, a database another program
// made, or a file locked by another process (the dashboard, another kept command). Checked before
// DuckDB opens the file where the bytes tell, and read from DuckDB's errors where they do not.
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { StoreError, errorMessage } from '../../domain/errors.js';

/** DuckDB's file layout: a main header, two database headers, then fixed-size blocks. */
const HEADER_BYTES = 4096;
const MAGIC = 'DUCK';
const MAGIC_OFFSET = 8;

const DAMAGED_HINT = (path: string): string =>
  `kept leaves it as it is: restore it from a backup, or rebuild it in a new file (kept demo, kept import or kept collect with --db NEW), then remove ${basename(path)}`;

/** What the first bytes of a file that is not a DuckDB database say it is. */
function foreignFormat(head: Buffer): string {
  const text = head.toString('latin1');
  if (text.startsWith('SQLite format 3\u0000')) return 'a SQLite database';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'a gzip file';
  if (text.startsWith('PAR1')) return 'a Parquet file';
  if (text.startsWith('PK\u0003\u0004')) return 'a zip file';
  // eslint-disable-next-line no-control-regex -- a text file has no control characters but tab and newlines
  if (head.length > 0 && !/[\u0000-\u0008\u000e-\u001f]/.test(text)) return 'a text file';
  return 'not a database kept can read';
}

/** The active database header's block count and block size, when they look sane. */
function blockLayout(fd: number): { blockCount: number; blockSize: number } | undefined {
  let best: { iteration: bigint; blockCount: bigint; blockSize: bigint } | undefined;
  for (const at of [HEADER_BYTES, 2 * HEADER_BYTES]) {
    const b = Buffer.alloc(48);
    if (readSync(fd, b, 0, b.length, at) < b.length) return undefined;
    // checksum, iteration, meta block, free list, block count, block allocation size (little-endian u64s)
    const iteration = b.readBigUInt64LE(8);
    if (!best || iteration > best.iteration)
      best = { iteration, blockCount: b.readBigUInt64LE(32), blockSize: b.readBigUInt64LE(40) };
  }
  if (!best) return undefined;
  const size = Number(best.blockSize);
  const count = Number(best.blockCount);
  const powerOfTwo = size >= 16_384 && size <= 1 << 30 && (size & (size - 1)) === 0;
  return powerOfTwo && Number.isSafeInteger(count) && count < 2 ** 32
    ? { blockCount: count, blockSize: size }
    : undefined;
}

/**
 * Refuses, before DuckDB opens it, a file that is not a DuckDB database (so DuckDB never guesses a
 * format and reaches for an extension) and a DuckDB file shorter than its own header says. A
 * missing file is fine: DuckDB creates it.
 */
export function checkStoreFile(path: string): void {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory())
      throw new StoreError(`${path} is a directory, not a database file`, {
        hint: 'pass --db with a file path, e.g. --db kept.duckdb',
      });
    size = st.size;
  } catch (err) {
    if (err instanceof StoreError) throw err;
    return; // missing (or unreadable: DuckDB's own error says which)
  }
  if (size === 0)
    throw new StoreError(`${path} is an empty file, not a kept database`, {
      hint: `kept creates its store itself: remove the empty file, or pass --db with a new path`,
    });
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return;
  }
  try {
    const head = Buffer.alloc(Math.min(size, 64));
    readSync(fd, head, 0, head.length, 0);
    if (head.length < MAGIC_OFFSET + 4 || head.toString('latin1', MAGIC_OFFSET, MAGIC_OFFSET + 4) !== MAGIC)
      throw new StoreError(`${path} is not a DuckDB database (it is ${foreignFormat(head)})`, {
        hint: 'kept reads only its own DuckDB stores: pass --db with a kept store, or a new path to create one',
      });
    if (size < 3 * HEADER_BYTES)
      throw new StoreError(`the database ${path} is damaged: the file ends inside its header (${size} bytes)`, {
        hint: DAMAGED_HINT(path),
      });
    const layout = blockLayout(fd);
    const expected = layout ? 3 * HEADER_BYTES + layout.blockCount * layout.blockSize : 0;
    // DuckDB writes whole blocks, and after a checkpoint it may trim free blocks off the end of the
    // file below its header's count: a shorter file ending on a block boundary can be sound, one
    // ending inside a block cannot.
    if (layout && size < expected && (size - 3 * HEADER_BYTES) % layout.blockSize !== 0)
      throw new StoreError(
        `the database ${path} is damaged: the file is cut short (${size.toLocaleString('en')} of ${expected.toLocaleString('en')} bytes)`,
        { hint: DAMAGED_HINT(path) },
      );
  } finally {
    closeSync(fd);
  }
}

// DuckDB's block checksum (src/common/checksum.cpp): 5381 xor'ed with each little-endian 64-bit
// word of the block after its 8-byte checksum, multiplied by this constant modulo 2^64. Every part
// of the file carries one: the main header, both database headers, every block, free ones included.
const CHECKSUM_SEED = 5381;
const MUL_LO = 0x1ce4e5b9;
const MUL_HI = 0xbf58476d;
/** Above this size a read-only open checks only the headers (a write checks every block). */
const FULL_CHECK_BYTES = 512 * 1024 * 1024;
const READ_CHUNK = 4 * 1024 * 1024;

/** The high 32 bits of the product of two unsigned 32-bit numbers. */
function mulHigh32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) >>> 0;
}

/** Whether the block in `buf` (its first 8 bytes the stored checksum) checks; an all-zero block is a hole. */
function blockChecks(buf: Buffer): boolean {
  let lo = CHECKSUM_SEED;
  let hi = 0;
  for (let i = 8; i + 8 <= buf.length; i += 8) {
    const wLo = buf.readUInt32LE(i);
    const wHi = buf.readUInt32LE(i + 4);
    lo = (lo ^ Math.imul(wLo, MUL_LO)) >>> 0;
    hi = (hi ^ ((mulHigh32(wLo, MUL_LO) + Math.imul(wLo, MUL_HI) + Math.imul(wHi, MUL_LO)) >>> 0)) >>> 0;
  }
  if (lo === buf.readUInt32LE(0) && hi === buf.readUInt32LE(4)) return true;
  // A file system may give back a freed block as a hole (zeros): nothing reads it.
  return buf.every((b) => b === 0);
}

/**
 * Checks every checksum of the file before kept reads a row: DuckDB checks a block only when a
 * statement reads it, so a damaged block would fail a command half-way (a write after part of
 * its work) or not at all for the commands that never read it. About 4 ms per MB; a read-only
 * open of a file over 512 MB checks its headers only.
 */
export function verifyStoreChecksums(path: string, options: { readOnly: boolean }): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return;
  }
  try {
    const size = fstatSync(fd).size;
    const bad = (where: string): StoreError =>
      new StoreError(`the database ${path} is damaged: ${where} fails its checksum`, { hint: DAMAGED_HINT(path) });
    const header = Buffer.alloc(HEADER_BYTES);
    for (const [i, name] of ['the main header', 'the first database header', 'the second database header'].entries()) {
      if (readSync(fd, header, 0, HEADER_BYTES, i * HEADER_BYTES) < HEADER_BYTES || !blockChecks(header))
        throw bad(name);
    }
    const layout = blockLayout(fd);
    if (!layout || (options.readOnly && size > FULL_CHECK_BYTES)) return;
    const perChunk = Math.max(1, Math.floor(READ_CHUNK / layout.blockSize));
    const chunk = Buffer.alloc(perChunk * layout.blockSize);
    // Blocks past the end of the file were free ones DuckDB trimmed (checkStoreFile refused a file
    // ending inside a block): only the blocks the file holds are read.
    const blocks = Math.min(layout.blockCount, Math.floor((size - 3 * HEADER_BYTES) / layout.blockSize));
    for (let first = 0; first < blocks; first += perChunk) {
      const n = Math.min(perChunk, blocks - first);
      const got = readSync(fd, chunk, 0, n * layout.blockSize, 3 * HEADER_BYTES + first * layout.blockSize);
      if (got < n * layout.blockSize)
        throw bad(`block ${first + Math.floor(got / layout.blockSize)} (the file is cut short)`);
      for (let k = 0; k < n; k++)
        if (!blockChecks(chunk.subarray(k * layout.blockSize, (k + 1) * layout.blockSize)))
          throw bad(`block ${first + k} of ${layout.blockCount}`);
    }
  } finally {
    closeSync(fd);
  }
}

/** Who holds the lock DuckDB names ("Conflicting lock is held in /usr/bin/node (PID 123)"). */
function lockHolder(message: string): { pid: number; command: string | undefined } | undefined {
  const m = /\(PID (\d+)\)/.exec(message);
  if (!m) return undefined;
  const pid = Number(m[1]);
  let command: string | undefined;
  try {
    // Linux names a process's arguments here; elsewhere the PID is all there is.
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\u0000').filter(Boolean).join(' ');
  } catch {
    command = undefined;
  }
  return { pid, command };
}

/** The kept command a process runs (`serve`, `import`…), when its arguments show it is kept. */
function keptCommand(command: string | undefined): string | undefined {
  if (!command || !/\bkept(\.js)?\b/.test(command)) return undefined;
  const words = command.split(' ');
  const at = words.findIndex((w) => /(^|\/)kept(\.js)?$/.test(w));
  if (at < 0) return undefined; // "kept" only in an argument (a path like /tmp/kept-x): not kept itself
  // The first word after the executable that is not an option or an option's value.
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('-')) {
      if (['--db', '--config'].includes(w)) i++;
      continue;
    }
    return w;
  }
  return undefined;
}

function lockedError(path: string, err: unknown, message: string): StoreError {
  const holder = lockHolder(message);
  const cmd = keptCommand(holder?.command);
  if (holder && cmd === 'serve')
    return new StoreError(`the database ${path} is in use by the kept dashboard (kept serve, PID ${holder.pid})`, {
      hint: `the dashboard holds the store while it runs: stop it (Ctrl-C where it runs, or kill ${holder.pid}), run this command, then start it again`,
      cause: err,
    });
  if (holder && cmd)
    return new StoreError(`the database ${path} is in use by another kept command (kept ${cmd}, PID ${holder.pid})`, {
      hint: 'wait for it to finish, or pass --db to use another database',
      cause: err,
    });
  return new StoreError(
    `the database ${path} is in use by another process${holder ? ` (PID ${holder.pid}${holder.command ? `: ${holder.command.slice(0, 80)}` : ''})` : ''}`,
    {
      hint: 'wait for the other program or kept command to finish (a running kept serve holds the store too), or pass --db to use another database',
      cause: err,
    },
  );
}

/** DuckDB's words for a file whose bytes are not what it wrote. */
const DAMAGED =
  /Corrupt database file|checksum|Serialization Error|Failed to deserialize|database file .* is not a valid/i;
const ENGINE_FAILED = /INTERNAL Error|FATAL Error|database has been invalidated/i;

/** A damaged-file error when DuckDB's message says the store's bytes are wrong; undefined otherwise. */
export function damagedStoreError(path: string, err: unknown): StoreError | undefined {
  const msg = errorMessage(err);
  const first = (msg.split('\n')[0] ?? msg).trim();
  const short = msg.includes('Could not read enough bytes') && msg.includes(path);
  if (DAMAGED.test(msg) || short)
    return new StoreError(
      `the database ${path} is damaged: ${short ? 'the file is cut short' : 'a block fails its checksum or cannot be read'} (${first.slice(0, 160)})`,
      { hint: DAMAGED_HINT(path), cause: err },
    );
  if (ENGINE_FAILED.test(msg))
    return new StoreError(`the database ${path} could not be read: ${first.slice(0, 160)}`, {
      hint: `run kept doctor --db ${path}; if the file was copied, cut or edited it is damaged: ${DAMAGED_HINT(path)}`,
      cause: err,
    });
  return undefined;
}

/** The StoreError for DuckDB failing to open the file at `path`. */
export function openStoreError(path: string, err: unknown, readOnly: boolean): StoreError {
  const msg = errorMessage(err);
  if (/Could not set lock|Conflicting lock/i.test(msg)) return lockedError(path, err, msg);
  const damaged = damagedStoreError(path, err);
  if (damaged) return damaged;
  if (/not a valid DuckDB database/i.test(msg))
    return new StoreError(`${path} is not a DuckDB database`, {
      hint: 'kept reads only its own DuckDB stores: pass --db with a kept store, or a new path to create one',
      cause: err,
    });
  if (/newer|older|version/i.test(msg) && /storage|database file/i.test(msg))
    return new StoreError(`the database ${path} was written by another DuckDB version: ${msg.split('\n')[0]}`, {
      hint: 'open it with the kept that wrote it, or pass --db to use another database',
      cause: err,
    });
  if (/permission denied|read-only file system|Cannot open file/i.test(msg))
    return new StoreError(`cannot open the database ${path}${readOnly ? '' : ' for writing'}: ${msg.split('\n')[0]}`, {
      hint: readOnly
        ? 'check the file permissions, or pass --db with another database'
        : 'pass --db with a path in a writable directory',
      cause: err,
    });
  return new StoreError(`cannot open the database ${path}: ${msg.split('\n')[0]}`, {
    hint: 'check that the file is a kept DuckDB database, or pass --db to use another',
    cause: err,
  });
}

/** A DuckDB database kept did not make: tables of its own and no schema_migrations. */
export function foreignStoreError(path: string, objects: readonly string[]): StoreError {
  const shown = objects.slice(0, 3).join(', ');
  return new StoreError(
    `${path} is a DuckDB database kept did not create (it holds ${shown}${objects.length > 3 ? ` and ${objects.length - 3} more` : ''})`,
    {
      hint: "kept leaves other programs' databases untouched: pass --db with a kept store, or a new path to create one",
    },
  );
}

/** A DuckDB database with nothing in it, opened for reading. */
export function emptyStoreError(path: string): StoreError {
  return new StoreError(`the database ${path} holds no kept data yet`, {
    hint: 'fill it with kept demo, kept import or kept collect, or pass --db with another database',
  });
}
