// Each view's document builder, by view name: what the CLI, the dashboard and the library render.
import type { ViewModel, ViewName } from '../../views/registry.js';
import type { ReportDocument } from '../document.js';
import { trendDocument } from './trend.js';
import { profileDocument } from './profile.js';
import { verdictDocument } from './verdict.js';
import { compareDocument } from './compare.js';
import { overviewDocument } from './overview.js';

const DOCUMENTS: { readonly [K in ViewName]: (model: ViewModel<K>) => ReportDocument } = {
  trend: trendDocument,
  profile: profileDocument,
  verdict: verdictDocument,
  compare: compareDocument,
  overview: overviewDocument,
};

/** The document of a view's model: its layout in sections, tables, charts and notes. */
export function viewDocument<K extends ViewName>(name: K, model: ViewModel<K>): ReportDocument {
  return DOCUMENTS[name](model);
}
