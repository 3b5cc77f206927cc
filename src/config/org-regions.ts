// The organisation → developer-region map as part of the catalog: the shipped copy in
// data/catalog/organization_regions.csv (Interconnects-AI/tracked-models, see its NOTICE.md) and
// kept.yaml's `organizations:`, applied to every Hub figure at view time whatever was imported.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOrganizationRegions, type OrgRegion, type RegionMaps } from '../domain/org-regions.js';
import { shippedDataDir } from './paths.js';

let shipped: readonly OrgRegion[] | undefined;

/** The shipped map, read once (it ships with kept and does not change while it runs). */
export function shippedOrgRegions(): readonly OrgRegion[] {
  if (!shipped) {
    const path = join(shippedDataDir('catalog'), 'organization_regions.csv');
    shipped = parseOrganizationRegions(readFileSync(path, 'utf8'), path);
  }
  return shipped;
}

/** The shipped map and kept.yaml's `organizations:` (organisation → region), as the ecosystem applies them. */
export function regionMaps(configured: Readonly<Record<string, string>> = {}): RegionMaps {
  return {
    shipped: shippedOrgRegions().map((r) => ({ org: r.org, region: r.region })),
    configured: Object.entries(configured).map(([org, region]) => ({ org, region })),
  };
}
