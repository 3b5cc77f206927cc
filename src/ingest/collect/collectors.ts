// The registry of live collectors. A collector measures one upstream for one project; `kept collect`
// runs every collector that applies to each project. Adding a source is one line in collectors().
import type { Upstreams } from '../../http/upstreams.js';
import { githubCollector } from './github.js';
import { hubCollector } from './hub.js';
import {
  REGISTRY_DEFAULTS,
  REGISTRY_VARIABLES,
  registriesCollector,
  registryBaseUrls,
  type RegistryBaseUrls,
} from './registries.js';
import type { Collector } from './contract.js';

/** Every collector, for a run whose environment is `env` (registry mirrors: KEPT_*_URL). */
export function collectors(env: NodeJS.ProcessEnv): readonly Collector[] {
  return [githubCollector, hubCollector, registriesCollector(registryBaseUrls(env))];
}

/**
 * Which environment variables set the base URL each host is reached at (several when they point at
 * one host), so a host that failed is named with the variable to check.
 */
export function hostVariables(env: NodeJS.ProcessEnv, upstreams: Upstreams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (url: string, name: string): void => {
    let host: string;
    try {
      host = new URL(url).host;
    } catch {
      return;
    }
    const names = (out[host] ??= []);
    if (!names.includes(name)) names.push(name);
  };
  add(upstreams.github.apiUrl, 'GITHUB_API_URL');
  add(upstreams.hf.endpoint, 'HF_ENDPOINT');
  const set = registryBaseUrls(env);
  for (const key of Object.keys(REGISTRY_VARIABLES) as (keyof RegistryBaseUrls)[])
    add(set[key] ?? REGISTRY_DEFAULTS[key], REGISTRY_VARIABLES[key]);
  return out;
}
