// The organisation → developer-region map: its regions, its file format (`hf_org,region,notes`,
// the shipped data/catalog/organization_regions.csv and a user's own) and its parser. Pure: the
// catalog (config/org-regions.ts) reads the shipped file, imports read a user's.
import { csvTable } from './csv.js';
import { InputError } from './errors.js';
import { normalizeSubjectId } from './subject.js';

export const REGIONS = ['us', 'china', 'eu', 'other', 'unknown'] as const;
export type Region = (typeof REGIONS)[number];
/** Fact name on `hf-org` subjects. */
export const REGION_FACT = 'region';

export const REGION_COLUMNS = ['hf_org', 'region', 'notes'] as const;

export interface OrgRegion {
  readonly org: string;
  readonly region: Region;
  readonly notes: string;
}

/** `hf_org,region,notes`; a bad organisation or an unknown region is an InputError naming the line. */
export function parseOrganizationRegions(text: string, path: string): OrgRegion[] {
  return csvTable(text, path, REGION_COLUMNS).map(({ line, cells }) => {
    const org = normalizeSubjectId('hf-org', cells[0] ?? '');
    const region = (cells[1] ?? '').trim().toLowerCase();
    if (org === undefined)
      throw new InputError(`${path}: line ${line}: "${cells[0] ?? ''}" is not a Hub organisation`, {
        hint: 'fix that line; nothing was imported',
      });
    if (!(REGIONS as readonly string[]).includes(region)) {
      throw new InputError(`${path}: line ${line}: unknown region "${cells[1] ?? ''}"`, {
        hint: `use one of: ${REGIONS.join(', ')}; nothing was imported`,
      });
    }
    return { org, region: region as Region, notes: (cells[2] ?? '').trim() };
  });
}

/** One organisation's region, as a map applied at query time carries it. */
export interface OrgRegionPair {
  readonly org: string;
  readonly region: string;
}

/**
 * The maps applied when Hub figures are attributed, lowest precedence first after the stored
 * copies of the shipped map: the shipped catalog as it is now, then (above every stored user
 * map) kept.yaml's `organizations:`.
 */
export interface RegionMaps {
  readonly shipped: readonly OrgRegionPair[];
  readonly configured: readonly OrgRegionPair[];
}
