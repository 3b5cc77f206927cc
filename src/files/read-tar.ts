// Streams the entries of a (gzip) tar archive such as an `npm pack` tarball: ustar headers in
// 512-byte blocks, contents delivered as chunks, so a 92 MB member is never held whole.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { InputError } from '../domain/errors.js';
import { fileReadError } from './read-error.js';

export interface TarEntryHandler {
  /** Return false to skip the entry's content. */
  start(name: string, size: number): boolean;
  data(chunk: Buffer): void | Promise<void>;
  end(): void | Promise<void>;
}

function headerName(h: Buffer): string {
  const field = (off: number, len: number) => {
    const b = h.subarray(off, off + len);
    const z = b.indexOf(0);
    return b.subarray(0, z < 0 ? len : z).toString('utf8');
  };
  const prefix = field(345, 155);
  const name = field(0, 100);
  return prefix ? `${prefix}/${name}` : name;
}

export async function readTarEntries(path: string, handler: TarEntryHandler): Promise<void> {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = /\.(tgz|gz)$/i.test(path) ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (err) => stream.destroy(err));
  let buf: Buffer = Buffer.alloc(0);
  let remaining = 0; // content bytes left in the current entry
  let padding = 0;
  let active = false;
  let ended = false;
  try {
    for await (const chunk of stream) {
      buf = buf.length ? Buffer.concat([buf, chunk as Buffer]) : (chunk as Buffer);
      for (;;) {
        if (remaining > 0) {
          if (buf.length === 0) break;
          const n = Math.min(remaining, buf.length);
          if (active) await handler.data(buf.subarray(0, n));
          buf = buf.subarray(n);
          remaining -= n;
          if (remaining === 0 && active) await handler.end();
          continue;
        }
        if (padding > 0) {
          const n = Math.min(padding, buf.length);
          buf = buf.subarray(n);
          padding -= n;
          if (padding > 0) break;
          continue;
        }
        if (ended || buf.length < 512) break;
        const h = buf.subarray(0, 512);
        buf = buf.subarray(512);
        if (h.every((b) => b === 0)) {
          ended = true;
          break;
        }
        const size = parseInt(h.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim() || '0', 8);
        const type = String.fromCharCode(h[156] ?? 48);
        const name = headerName(h);
        active = (type === '0' || type === '\0') && handler.start(name, size);
        remaining = size;
        padding = (512 - (size % 512)) % 512;
        if (size === 0 && active) await handler.end();
      }
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw fileReadError(path, err, {
      what: 'the archive is truncated or not valid',
      hint: 'fetch it again (npm pack download-counts@VERSION); nothing was imported',
    });
  }
  if (remaining > 0)
    throw new InputError(`${path}: the archive ends inside an entry (truncated)`, {
      hint: 'fetch it again; nothing was imported',
    });
}
