// The one way a failed file read is reported: a missing, unreadable or directory path says so, and
// anything else is a truncated or corrupt file (a cut-off gzip, a broken archive), with its cause.
import { InputError, errorMessage } from '../domain/errors.js';

export interface CorruptFile {
  /** What is wrong, e.g. "the archive is truncated or not valid". */
  readonly what: string;
  readonly hint: string;
}

const TRUNCATED_GZIP: CorruptFile = {
  what: 'the file is truncated or not valid gzip',
  hint: 'download the file again; nothing was imported',
};

export function fileReadError(path: string, err: unknown, corrupt: CorruptFile = TRUNCATED_GZIP): InputError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new InputError(`${path}: no such file`, { hint: 'check the path', cause: err });
  if (code === 'EACCES')
    return new InputError(`${path}: permission denied`, { hint: 'check the file permissions', cause: err });
  if (code === 'EISDIR')
    return new InputError(`${path}: is a directory, not a file`, { hint: 'pass a file', cause: err });
  return new InputError(`${path}: ${corrupt.what} (${errorMessage(err)})`, { hint: corrupt.hint, cause: err });
}
