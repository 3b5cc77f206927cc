// The demo's PyPI steps: the monthly download snapshots of the catalog's packages
// (data/demo/pypi-top-catalog.csv.gz) and a CDN log sample (data/demo/pypi-linehaul/) whose
// downloads kept splits into human, CI, mirror and bot, so one profile shows the noise split.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoStep } from './demo.js';
import { importPypiLogs } from './import/pypi-downloads.js';
import { importPypiTop } from './import/pypi-top.js';
import type { Store } from '../store/store.js';

export async function importDemoPypiTop(store: Store, dataDir: string, now: Date): Promise<DemoStep[]> {
  const r = await importPypiTop(store, join(dataDir, 'pypi-top-catalog.csv.gz'), { fetchedAt: now });
  return [
    {
      what: 'PyPI monthly downloads (30-day windows) of the catalog packages',
      file: 'data/demo/pypi-top-catalog.csv.gz',
      origin: 'hugovk/top-pypi-packages history, 2018-02 to 2026-04',
      rows: r.offered,
      added: r.added,
    },
  ];
}

export async function importDemoPypiLogs(store: Store, dataDir: string, now: Date): Promise<DemoStep[]> {
  const dir = join(dataDir, 'pypi-linehaul');
  const steps: DemoStep[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.log.gz'))
    .sort()) {
    const r = await importPypiLogs(store, join(dir, f), { fetchedAt: now, workers: 0 });
    const c = r.byCategory;
    steps.push({
      what: `PyPI CDN log lines of ${f.replace(/-sample\.log\.gz$/, '')} (${r.days.join(', ')}): ${r.downloads} downloads split human ${c.human}, CI ${c.ci}, mirror ${c.mirror}, bot ${c.bot}`,
      file: `data/demo/pypi-linehaul/${f}`,
      origin: 'pypi/linehaul-cloud-function test fixtures, Apache-2.0; real lines, project field rewritten',
      rows: r.lines,
      added: r.added,
    });
  }
  return steps;
}
