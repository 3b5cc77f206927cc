// Dashboard pages that each show one view: `/<segment>/<arg>` (or `/<segment>` for a view without
// an argument) renders the view's document as HTML, and `/api/<segment>/<arg>.json`
// (`/api/<segment>.json`) serves its model, the same JSON as `kept <view> --json`.
// Adding a page for a view is one entry in VIEW_PAGES.
import { CATALOG, CATALOG_VERSION } from '../config/catalog.js';
import { resolveGapFamilies, type GapFamilies } from '../config/gap-families.js';
import { NotFoundError } from '../domain/errors.js';
import { resolveProjects } from '../config/resolve.js';
import type { Project } from '../domain/project.js';
import { formatSubject, parseSubject, type Subject } from '../domain/subject.js';
import type { ReportDocument } from '../report/document.js';
import { gapEcosystemSection } from '../report/views/gap.js';
import { viewDocument } from '../report/views/index.js';
import type { Store } from '../store/store.js';
import type { ViewName, ViewRequestOf } from '../views/registry.js';
import { runNamedView } from '../views/run.js';
import { TOP_KINDS, type TopKind } from '../views/top/model.js';
import { BadRequest } from './bad-request.js';

/** What a page's request is made from besides its path argument. */
export interface PageContext {
  /** The date asked for (kept serve --as-of); absent, each view judges at the end of the latest data it reads. */
  readonly asOf?: Date | undefined;
  readonly today: Date;
  /** The projects the dashboard serves (built-in catalog plus kept.yaml); default the built-in catalog. */
  readonly projects?: readonly Project[];
  /** The deployment gap's families (catalog plus kept.yaml's gap:); default the catalog's. */
  readonly gapFamilies?: GapFamilies;
  /** kept.yaml's `organizations:` (Hub organisation → region), applied by the ecosystem page. */
  readonly organizations?: Readonly<Record<string, string>>;
}

export interface ViewPage {
  /** The first path segment: /<segment>/<arg>, or /<segment> when the page takes no argument. */
  readonly segment: string;
  readonly view: ViewName;
  /** Whether the path carries an argument after the segment. */
  readonly argument: 'required' | 'none';
  /** Runs the view for a (percent-decoded) path argument ('' when the page takes none). */
  run(store: Store, arg: string, ctx: PageContext): Promise<{ readonly model: unknown; readonly doc: ReportDocument }>;
}

/** The deepest model tree a dashboard page walks (the CLI's default). */
const FANOUT_DEPTH = 8;

function page<K extends ViewName>(
  segment: string,
  view: K,
  argument: ViewPage['argument'],
  request: (arg: string, ctx: PageContext) => ViewRequestOf<K>,
): ViewPage {
  return {
    segment,
    view,
    argument,
    run: async (store, arg, ctx) => {
      const model = await runNamedView(view, store, request(arg, ctx));
      return { model, doc: viewDocument(view, model) };
    },
  };
}

function subjectArg(arg: string): Subject {
  const s = parseSubject(arg);
  if ('error' in s) throw new BadRequest(400, s.error);
  return s;
}

function hubModelArg(arg: string): Subject {
  const s = subjectArg(arg.includes(':') ? arg : `hf:${arg}`);
  if (s.kind !== 'hf') throw new BadRequest(400, `${formatSubject(s)} is not a Hub model (write hf:org/model)`);
  return s;
}

function gapRequest(ctx: PageContext): ViewRequestOf<'gap'> {
  return { families: ctx.gapFamilies ?? resolveGapFamilies(undefined), asOf: ctx.asOf, today: ctx.today };
}

export const VIEW_PAGES: readonly ViewPage[] = [
  page('trend', 'trend', 'required', (arg, ctx) => ({ subject: subjectArg(arg), asOf: ctx.asOf, today: ctx.today })),
  page('growth', 'growth', 'required', (arg, ctx) => ({ subjects: [subjectArg(arg)], today: ctx.today })),
  page('top', 'top', 'required', (arg, ctx) => {
    if (!(TOP_KINDS as readonly string[]).includes(arg))
      throw new BadRequest(400, `top takes one of ${TOP_KINDS.join(', ')}, e.g. /top/pypi`);
    return { kind: arg as TopKind, limit: 20, today: ctx.today };
  }),
  page('fanout', 'fanout', 'required', (arg, ctx) => ({
    base: hubModelArg(arg),
    asOf: ctx.asOf,
    today: ctx.today,
    depth: FANOUT_DEPTH,
  })),
  page('fanout-org', 'fanout-org', 'required', (arg, ctx) => {
    if (!/^[\w.-]+$/.test(arg)) throw new BadRequest(400, 'a Hub organisation is letters, digits, "-", "_" and "."');
    return { org: arg, asOf: ctx.asOf, today: ctx.today, depth: FANOUT_DEPTH };
  }),
  page('contributors', 'contributors', 'required', (arg, ctx) => ({
    subject: subjectArg(`project:${arg.toLowerCase()}`),
    today: ctx.today,
  })),
  {
    segment: 'ecosystem',
    view: 'ecosystem',
    argument: 'none',
    run: async (store, _arg, ctx) => {
      const model = await runNamedView('ecosystem', store, {
        asOf: ctx.asOf,
        today: ctx.today,
        windowMonths: 12,
        ...(ctx.organizations ? { organizations: ctx.organizations } : {}),
      });
      const doc = viewDocument('ecosystem', model);
      // The deployment gap's sentences and latest ratio ride along, linking to /gap; a store
      // without the families' downloads simply has no such section.
      const gap = await runNamedView('gap', store, gapRequest(ctx)).catch((err: unknown) => {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      });
      return { model, doc: gap ? { ...doc, sections: [...doc.sections, gapEcosystemSection(gap, '/gap')] } : doc };
    },
  },
  page('gap', 'gap', 'none', (_arg, ctx) => gapRequest(ctx)),
  page('catalog', 'catalog', 'none', (_arg, ctx) => ({
    projects: ctx.projects ?? resolveProjects(CATALOG, { projects: [] }),
    version: CATALOG_VERSION,
    configPath: null,
    asOf: ctx.asOf,
    today: ctx.today,
  })),
];
