// A demo database built by the real pipeline (runDemo over the committed data/demo files) in a
// temporary directory, shared by the tests of one file.
import { join } from 'node:path';
import { runDemo, type DemoResult } from '../../src/ingest/demo.js';
import { tempDir } from './tmp.js';

let built: Promise<DemoResult> | undefined;

/** Builds (once per process) the demo database; `now` is fixed so every output is reproducible. */
export function demoStore(): Promise<DemoResult> {
  built ??= runDemo({
    dbPath: join(tempDir('kept-demo-'), 'demo.duckdb'),
    now: new Date('2026-04-15T00:00:00Z'),
  });
  return built;
}
