// Each view's document builder, by view name: what the CLI, the dashboard and the library render.
import type { ViewModel, ViewName } from '../../views/registry.js';
import type { ReportDocument } from '../document.js';
import { catalogDocument } from './catalog.js';
import { contributorsDocument } from './contributors.js';
import { doctorDocument } from './doctor.js';
import { ecosystemDocument } from './ecosystem.js';
import { fanoutOrgDocument } from './fanout-org.js';
import { fanoutDocument } from './fanout.js';
import { gapDocument } from './gap.js';
import { growthDocument } from './growth.js';
import { linkDocument } from './link.js';
import { topDocument } from './top.js';
import { trendDocument } from './trend.js';
import { profileDocument } from './profile.js';
import { verdictDocument } from './verdict.js';
import { compareDocument } from './compare.js';
import { overviewDocument } from './overview.js';
import { digestDocument } from './digest.js';

const DOCUMENTS: { readonly [K in ViewName]: (model: ViewModel<K>) => ReportDocument } = {
  trend: trendDocument,
  profile: profileDocument,
  verdict: verdictDocument,
  compare: compareDocument,
  overview: overviewDocument,
  top: topDocument,
  growth: growthDocument,
  fanout: fanoutDocument,
  'fanout-org': fanoutOrgDocument,
  contributors: contributorsDocument,
  ecosystem: ecosystemDocument,
  catalog: catalogDocument,
  doctor: doctorDocument,
  link: linkDocument,
  gap: gapDocument,
  digest: digestDocument,
};

/** The document of a view's model: its layout in sections, tables, charts and notes. */
export function viewDocument<K extends ViewName>(name: K, model: ViewModel<K>): ReportDocument {
  return DOCUMENTS[name](model);
}
