// A bulk load's reader error, the same words on both engines: a truncated or invalid gzip, a file
// that cannot be read, or a parse error with its line when the engine names one.
import { InputError, errorMessage } from '../../domain/errors.js';

export interface ReaderErrors {
  /** The 1-based line of the file a parse error names, when it names one. */
  line(message: string): number | undefined;
  /** Messages that mean the file could not be opened or read at all. */
  readonly unreadable: RegExp;
  /** The engine's own prefix of the first line, dropped from the reason. */
  readonly prefix: RegExp;
}

// Both engines name gzip, inflate or zlib when a gzip stream is damaged. The narrower of the two
// patterns the backends had: a parse error wrongly called a damaged download misleads, where a
// damaged download reported as a parse error still shows the engine's own words.
const DAMAGED_GZIP = /gzip|inflate|zlib|compressed|decompress/i;

export function bulkReadError(path: string, err: unknown, engine: ReaderErrors): InputError {
  const msg = errorMessage(err);
  const first = (msg.split('\n')[0] ?? msg).replace(/, e\.what\(\) = DB::Exception$/, '');
  if (DAMAGED_GZIP.test(msg))
    return new InputError(`${path}: the file is truncated or not valid gzip (${first})`, {
      hint: 'download the file again; nothing was imported',
      cause: err,
    });
  if (engine.unreadable.test(msg))
    return new InputError(`${path}: cannot read the file`, { hint: 'check the path', cause: err });
  const line = engine.line(msg);
  return new InputError(
    `${path}${line === undefined ? '' : `: line ${line}`}: cannot parse the file (${first.replace(engine.prefix, '')})`,
    { hint: 'check the file format; nothing was imported', cause: err },
  );
}
