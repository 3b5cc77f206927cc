// Shared by the fuzz tests: bad input must get a KeptError with a one-line message, or a value.
import assert from 'node:assert/strict';
import { KeptError } from '../../src/domain/errors.js';

/** Runs `fn`; a KeptError with a one-line message is an acceptable answer to bad input. */
export function cleanly(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof KeptError)) throw err;
    assert.ok(err.message.length > 0 && !err.message.includes('\n'), `multi-line error: ${err.message}`);
  }
}
