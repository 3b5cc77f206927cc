// Reads the first bytes of a plain or gzip file, to sniff its format before a bulk load.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { InputError, errorMessage } from '../domain/errors.js';
import { fileReadError } from './read-error.js';

export function isGzipPath(path: string): boolean {
  return /\.gz$/i.test(path);
}

/** The first `maxBytes` of the (decompressed) file as UTF-8. */
export async function readHead(path: string, maxBytes = 64 * 1024): Promise<string> {
  const raw = createReadStream(path);
  const stream = isGzipPath(path) ? raw.pipe(createGunzip()) : raw;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      raw.on('error', reject);
      stream.on('error', reject);
      stream.on('data', (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        if (size >= maxBytes) {
          raw.destroy();
          resolve();
        }
      });
      stream.on('end', () => resolve());
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw fileReadError(path, err);
    // Past the first bytes a damaged gzip is the bulk load's to report; the head is still usable.
    if (size === 0)
      throw new InputError(`${path}: not a valid gzip file (${errorMessage(err)})`, {
        hint: 'download the file again',
        cause: err,
      });
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

/** Reads a whole (plain or gzip) file; a truncated gzip is an InputError. */
export async function readWholeText(path: string): Promise<string> {
  const raw = createReadStream(path);
  const stream = isGzipPath(path) ? raw.pipe(createGunzip()) : raw;
  const chunks: Buffer[] = [];
  try {
    for await (const c of stream) chunks.push(c as Buffer);
  } catch (err) {
    throw fileReadError(path, err);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Decompresses a whole gzip file to check its trailer (CRC and length). DuckDB's reader accepts a
 * truncated gzip up to its last full line, so a bulk load verifies with this before committing.
 */
export async function verifyGzip(path: string): Promise<void> {
  // 1 MiB reads and output chunks: a third of the time of the 64/16 KiB defaults.
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  try {
    for await (const _chunk of createReadStream(path, { highWaterMark: 1 << 20 }).pipe(gunzip)) {
      // discard: only the decoder's verdict matters
    }
  } catch (err) {
    throw fileReadError(path, err);
  }
}
