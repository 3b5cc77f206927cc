// The registry of live collectors. A collector measures one upstream for one project; `kept collect`
// runs every collector that applies to each project. Adding a source is one line in collectors().
import { githubCollector } from './github.js';
import { hubCollector } from './hub.js';
import { registriesCollector, registryBaseUrls } from './registries.js';
import type { Collector } from './contract.js';

/** Every collector, for a run whose environment is `env` (registry mirrors: KEPT_*_URL). */
export function collectors(env: NodeJS.ProcessEnv): readonly Collector[] {
  return [githubCollector, hubCollector, registriesCollector(registryBaseUrls(env))];
}
