// Streams the lines of a plain or gzip file in batches (one batch per decoded chunk), so a
// multi-gigabyte log is read in constant memory. A truncated or corrupt gzip is an InputError.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { InputError } from '../../domain/errors.js';
import { isGzipPath } from './read-head.js';

export async function* readLineBatches(path: string, highWaterMark = 1 << 20): AsyncGenerator<string[]> {
  const raw = createReadStream(path, { highWaterMark });
  const stream = isGzipPath(path) ? raw.pipe(createGunzip({ chunkSize: 256 * 1024 })) : raw;
  raw.on('error', (err) => stream.destroy(err));
  // Decoding up to the last newline byte is safe: 0x0A never occurs inside a UTF-8 sequence.
  let rest: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of stream) {
      const buf = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
      const nl = buf.lastIndexOf(10);
      if (nl < 0) {
        rest = buf;
        continue;
      }
      rest = buf.subarray(nl + 1);
      yield buf.toString('utf8', 0, nl).split('\n');
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: no such file`, { hint: 'check the path' });
    if (code === 'EACCES') throw new InputError(`${path}: permission denied`, { hint: 'check the file permissions' });
    if (code === 'EISDIR') throw new InputError(`${path}: is a directory, not a file`, { hint: 'pass a file' });
    throw new InputError(`${path}: the file is truncated or not valid gzip (${(err as Error).message})`, { hint: 'download the file again; nothing was imported' });
  }
  if (rest.length) yield [rest.toString('utf8')];
}
