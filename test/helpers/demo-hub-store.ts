// The demo database with everything `kept demo` bundles, Hub model trees included (the shared
// demoStore() holds the PyPI snapshots only): built once per process by the real pipeline, with
// the clock fixed, for the views that read Hub data (fanout, ecosystem) and their faces.
import { join } from 'node:path';
import { importDemoHfTrees } from '../../src/pipeline/demo-hf.js';
import { runDemo, type DemoResult } from '../../src/pipeline/demo.js';
import { tempDir } from './tmp.js';

let built: Promise<DemoResult> | undefined;

/** The full demo store (no project profiles computed: the views read the store). */
export function demoHubStore(): Promise<DemoResult> {
  built ??= runDemo({
    dbPath: join(tempDir('kept-demo-hub-'), 'demo.duckdb'),
    projects: [],
    now: new Date('2026-04-15T00:00:00Z'),
    extraSteps: [importDemoHfTrees],
  });
  return built;
}
