// The ecosystem aggregation contract: what the store is asked (the classification rules, as data
// from signals/ecosystem/classes.ts) and the aggregated rows it returns. Heavy per-model work runs
// in the store's engine; the pure signals turn these rows into shares and concentration figures.
import type { RegionMaps } from './org-regions.js';

/** A model family, recognised by a regular expression (RE2 and JS compatible) over the lower-cased model name. */
export interface FamilyRule {
  readonly family: string;
  readonly pattern: string;
}

/** A size class by total parameters, `min <= p < max` (max null: no upper bound). */
export interface SizeClassRule {
  readonly name: string;
  readonly min: number;
  readonly max: number | null;
}

export interface HubAggregateQuery {
  /** The snapshots to aggregate, as UTC days (a window end anywhere in the day counts); omitted: every one stored. */
  readonly snapshots?: readonly Date[];
  readonly families: readonly FamilyRule[];
  readonly sizeClasses: readonly SizeClassRule[];
  /** Licence ids (lower case, Hub spelling) counted as open; any other known licence is restricted. */
  readonly openLicences: readonly string[];
  /** Size from the model name when no count is stored: `<n>x<m>b` (experts) and `<n>b` / `<n>m`. */
  readonly nameSizePattern: string;
  readonly nameMoePattern: string;
  /**
   * The shipped catalog's source: its parameter counts win over Hub ones, and any other region
   * map (the user's) wins over its regions, whatever the dates.
   */
  readonly catalogSource: string;
  /** Models at or under this many parameters count as edge-capable. */
  readonly edgeMaxParameters: number;
  /** The N of the top-N shares, e.g. [1, 10, 100]. */
  readonly topN: readonly number[];
  /** How many organisations to list per snapshot. */
  readonly topOrgs: number;
  /** Relation names (model → base model) that make a model a derivative: its weights are its base's. */
  readonly baseRelations: readonly string[];
  /** The snapshot whose family table is wanted. */
  readonly familySnapshot?: Date;
  /**
   * Organisation → region maps applied at query time over the stored ones: the shipped map
   * above stored copies of it, kept.yaml's above everything stored (domain/org-regions.ts).
   */
  readonly regionMaps?: RegionMaps;
  /**
   * A model with this fact set to anything but `notGatedValues` is gated: its 30-day count of 0
   * is not a measurement and is left out as unknown (domain/hub-counts.ts).
   */
  readonly gated?: { readonly fact: string; readonly notGatedValues: readonly string[] };
}

/** One cell of the snapshot × region × family × size × licence cube. */
export interface HubCell {
  /** The snapshot's UTC day (midnight). */
  readonly snapshot: Date;
  readonly region: string;
  readonly family: string;
  readonly sizeClass: string;
  readonly licenceClass: string;
  readonly models: number;
  readonly zeroModels: number;
  readonly downloads: number;
}

/**
 * Sufficient statistics of a distribution of downloads over units (models or organisations),
 * enough for HHI, Gini and top-N shares without shipping every value.
 */
export interface DistributionStats {
  readonly n: number;
  readonly total: number;
  readonly sumSquares: number;
  /** Σ i·x(i) over the values sorted ascending, i from 1. */
  readonly rankWeightedSum: number;
  readonly zeros: number;
  /** Sum of the N largest values, by N. */
  readonly topSums: Readonly<Record<string, number>>;
}

export interface HubConcentrationRow extends DistributionStats {
  readonly snapshot: Date;
  readonly level: 'model' | 'org';
}

export interface HubOrgRow {
  readonly snapshot: Date;
  readonly org: string;
  readonly region: string;
  readonly models: number;
  readonly downloads: number;
}

export interface HubFamilyRow {
  readonly family: string;
  readonly models: number;
  readonly downloads: number;
  readonly orgs: number;
  readonly topOrgs: readonly string[];
  readonly minParameters: number | null;
  readonly maxParameters: number | null;
  readonly sizeKnown: number;
  readonly edgeModels: number;
  /** Models recognised through their base model's name rather than their own. */
  readonly viaBaseModel: number;
  readonly licences: readonly { readonly licence: string; readonly models: number }[];
  readonly libraries: readonly { readonly library: string; readonly models: number }[];
}

/** How a model's attributes were known, per snapshot: coverage of the attribution. */
export interface HubCoverageRow {
  readonly snapshot: Date;
  readonly attribute: 'region' | 'size' | 'licence' | 'family';
  /** region: map | map-unknown | unmapped; size: catalog | hub | name | unknown; licence: known | unknown; family: name | base-model | none. */
  readonly basis: string;
  readonly models: number;
  readonly downloads: number;
}

/** Downloads between consecutive snapshots from differences of the all-time totals, by region. */
export interface HubDifferencedRow {
  readonly from: Date;
  readonly to: Date;
  readonly region: string;
  readonly models: number;
  readonly downloads: number;
  /** Models whose all-time total went down (excluded from `downloads`). */
  readonly decreased: number;
}

/**
 * Downloads by the region of whoever made the weights: a derivative (fine-tune, adapter,
 * quantization, merge) counts for its base model's organisation, up to two hops back.
 */
export interface HubWeightsRow {
  readonly snapshot: Date;
  readonly region: string;
  /** own: not a known derivative; base-model: attributed through the base model. */
  readonly basis: 'own' | 'base-model';
  readonly models: number;
  readonly downloads: number;
}

export interface HubAggregates {
  readonly cells: readonly HubCell[];
  readonly concentration: readonly HubConcentrationRow[];
  readonly topOrgs: readonly HubOrgRow[];
  readonly families: readonly HubFamilyRow[];
  readonly coverage: readonly HubCoverageRow[];
  readonly differenced: readonly HubDifferencedRow[];
  readonly weights: readonly HubWeightsRow[];
}
