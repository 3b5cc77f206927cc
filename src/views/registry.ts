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

/** Each view's request and model types, by view name. */
export interface ViewTypes {
  trend: { request: TrendRequest; model: TrendView };
  profile: { request: ProfileRequest; model: ProfileView };
  verdict: { request: VerdictRequest; model: VerdictView };
  compare: { request: CompareRequest; model: CompareView };
  overview: { request: OverviewRequest; model: OverviewView };
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
};

export const VIEW_NAMES = Object.keys(VIEWS) as ViewName[];

/** The zod schema of a view's model (docs/schemas/<name>.schema.json is generated from it). */
export function viewSchema<K extends ViewName>(name: K): z.ZodType<ViewModel<K>> {
  return VIEWS[name].schema;
}
