// Every view kept answers, by name: its schema, its load and its compute. The library's `view()`,
// the dashboard's routes, the MCP tools and docs/schemas/ are all driven from this table.
import type { z } from 'zod';
import type { View, ViewRequest } from './view.js';
import { loadTrend, type TrendRequest } from './trend/load.js';
import { computeTrendView } from './trend/compute.js';
import { trendViewSchema, type TrendView } from './trend/model.js';
import { loadProfile, type ProfileRequest } from './profile/load.js';
import { computeProfile } from './profile/compute.js';
import { profileViewSchema, type ProfileView } from './profile/model.js';
import { loadVerdict, type VerdictRequest } from './verdict/load.js';
import { computeVerdictView } from './verdict/compute.js';
import { verdictViewSchema, type VerdictView } from './verdict/model.js';
import { loadCompare, type CompareRequest } from './compare/load.js';
import { computeCompare } from './compare/compute.js';
import { compareViewSchema, type CompareView } from './compare/model.js';
import { loadOverview, type OverviewRequest } from './overview/load.js';
import { computeOverview } from './overview/compute.js';
import { overviewViewSchema, type OverviewView } from './overview/model.js';
import { loadTop, type TopRequest } from './top/load.js';
import { computeTopView } from './top/compute.js';
import { topViewSchema, type TopView } from './top/model.js';
import { loadGrowth, type GrowthRequest } from './growth/load.js';
import { computeGrowthView } from './growth/compute.js';
import { growthViewSchema, type GrowthView } from './growth/model.js';
import { loadFanout, type FanoutRequest } from './fanout/load.js';
import { computeFanoutView } from './fanout/compute.js';
import { fanoutViewSchema, type FanoutView } from './fanout/model.js';
import { loadFanoutOrg, type FanoutOrgRequest } from './fanout-org/load.js';
import { computeFanoutOrgView } from './fanout-org/compute.js';
import { fanoutOrgViewSchema, type FanoutOrgView } from './fanout-org/model.js';
import { loadContributors, type ContributorsRequest } from './contributors/load.js';
import { computeContributorsView } from './contributors/compute.js';
import { contributorsViewSchema, type ContributorsView } from './contributors/model.js';
import { loadEcosystem, type EcosystemRequest } from './ecosystem/load.js';
import { computeEcosystemView } from './ecosystem/compute.js';
import { ecosystemViewSchema, type EcosystemView } from './ecosystem/model.js';
import { loadCatalog, type CatalogRequest } from './catalog/load.js';
import { computeCatalogView } from './catalog/compute.js';
import { catalogViewSchema, type CatalogView } from './catalog/model.js';
import { loadDoctor, type DoctorRequest } from './doctor/load.js';
import { computeDoctorView } from './doctor/compute.js';
import { doctorViewSchema, type DoctorView } from './doctor/model.js';
import { loadLink, type LinkRequest } from './link/load.js';
import { computeLinkView } from './link/compute.js';
import { linkViewSchema, type LinkView } from './link/model.js';
import { loadGap, type GapRequest } from './gap/load.js';
import { computeGapView } from './gap/compute.js';
import { gapViewSchema, type GapView } from './gap/model.js';
import { loadDigest, type DigestRequest } from './digest/load.js';
import { computeDigestView } from './digest/compute.js';
import { digestViewSchema, type DigestView } from './digest/model.js';

/** Each view's request and model types, by view name. */
export interface ViewTypes {
  trend: { request: TrendRequest; model: TrendView };
  profile: { request: ProfileRequest; model: ProfileView };
  verdict: { request: VerdictRequest; model: VerdictView };
  compare: { request: CompareRequest; model: CompareView };
  overview: { request: OverviewRequest; model: OverviewView };
  top: { request: TopRequest; model: TopView };
  growth: { request: GrowthRequest; model: GrowthView };
  fanout: { request: FanoutRequest; model: FanoutView };
  'fanout-org': { request: FanoutOrgRequest; model: FanoutOrgView };
  contributors: { request: ContributorsRequest; model: ContributorsView };
  ecosystem: { request: EcosystemRequest; model: EcosystemView };
  catalog: { request: CatalogRequest; model: CatalogView };
  doctor: { request: DoctorRequest; model: DoctorView };
  link: { request: LinkRequest; model: LinkView };
  gap: { request: GapRequest; model: GapView };
  digest: { request: DigestRequest; model: DigestView };
}

export type ViewName = keyof ViewTypes;
export type ViewModel<K extends ViewName> = ViewTypes[K]['model'];
export type ViewRequestOf<K extends ViewName> = ViewTypes[K]['request'];

type Registry = { readonly [K in ViewName]: View<ViewRequestOf<K>, unknown, ViewModel<K>> };

function view<R extends ViewRequest, I, M>(v: View<R, I, M>): View<R, unknown, M> {
  return v as View<R, unknown, M>;
}

export const VIEWS: Registry = {
  trend: view({ name: 'trend', schema: trendViewSchema, load: loadTrend, compute: computeTrendView }),
  profile: view({ name: 'profile', schema: profileViewSchema, load: loadProfile, compute: computeProfile }),
  verdict: view({ name: 'verdict', schema: verdictViewSchema, load: loadVerdict, compute: computeVerdictView }),
  compare: view({ name: 'compare', schema: compareViewSchema, load: loadCompare, compute: computeCompare }),
  overview: view({ name: 'overview', schema: overviewViewSchema, load: loadOverview, compute: computeOverview }),
  top: view({ name: 'top', schema: topViewSchema, load: loadTop, compute: computeTopView }),
  growth: view({ name: 'growth', schema: growthViewSchema, load: loadGrowth, compute: computeGrowthView }),
  fanout: view({ name: 'fanout', schema: fanoutViewSchema, load: loadFanout, compute: computeFanoutView }),
  'fanout-org': view({
    name: 'fanout-org',
    schema: fanoutOrgViewSchema,
    load: loadFanoutOrg,
    compute: computeFanoutOrgView,
  }),
  contributors: view({
    name: 'contributors',
    schema: contributorsViewSchema,
    load: loadContributors,
    compute: computeContributorsView,
  }),
  ecosystem: view({
    name: 'ecosystem',
    schema: ecosystemViewSchema,
    load: loadEcosystem,
    compute: computeEcosystemView,
  }),
  catalog: view({ name: 'catalog', schema: catalogViewSchema, load: loadCatalog, compute: computeCatalogView }),
  doctor: view({ name: 'doctor', schema: doctorViewSchema, load: loadDoctor, compute: computeDoctorView }),
  link: view({ name: 'link', schema: linkViewSchema, load: loadLink, compute: computeLinkView }),
  gap: view({ name: 'gap', schema: gapViewSchema, load: loadGap, compute: computeGapView }),
  digest: view({ name: 'digest', schema: digestViewSchema, load: loadDigest, compute: computeDigestView }),
};

export const VIEW_NAMES = Object.keys(VIEWS) as ViewName[];

/** The zod schema of a view's model (docs/schemas/<name>.schema.json is generated from it). */
export function viewSchema<K extends ViewName>(name: K): z.ZodType<ViewModel<K>> {
  return VIEWS[name].schema;
}
