// Every view kept answers, by name: its schema, its load and its compute. The library's `view()`,
// the dashboard's routes, the MCP tools and docs/schemas/ are all driven from this table.
import type { z } from 'zod';
import type { View, ViewRequest } from './view.js';
import { loadTrend, type TrendRequest } from './trend/load.js';
import { computeTrendView } from './trend/compute.js';
import { trendViewSchema, type TrendView } from './trend/model.js';

/** Each view's request and model types, by view name. */
export interface ViewTypes {
  trend: { request: TrendRequest; model: TrendView };
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
};

export const VIEW_NAMES = Object.keys(VIEWS) as ViewName[];

/** The zod schema of a view's model (docs/schemas/<name>.schema.json is generated from it). */
export function viewSchema<K extends ViewName>(name: K): z.ZodType<ViewModel<K>> {
  return VIEWS[name].schema;
}
