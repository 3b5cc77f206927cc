// Dashboard pages that each show one view: `/<segment>/<arg>` renders the view's document as HTML
// and `/api/<segment>/<arg>.json` serves its model, the same JSON as `kept <view> --json`.
// Adding a page for a view is one entry in VIEW_PAGES.
import { parseSubject } from '../domain/subject.js';
import type { ReportDocument } from '../report/document.js';
import { viewDocument } from '../report/views/index.js';
import type { Store } from '../store/store.js';
import type { ViewName, ViewRequestOf } from '../views/registry.js';
import { runNamedView } from '../views/run.js';
import { BadRequest } from './bad-request.js';

/** What a page's request is made from besides its path argument. */
export interface PageContext {
  readonly asOf: Date;
  readonly today: Date;
}

export interface ViewPage {
  /** The first path segment: /<segment>/<arg>. */
  readonly segment: string;
  readonly view: ViewName;
  /** Runs the view for a (percent-decoded) path argument. */
  run(store: Store, arg: string, ctx: PageContext): Promise<{ readonly model: unknown; readonly doc: ReportDocument }>;
}

function page<K extends ViewName>(
  segment: string,
  view: K,
  request: (arg: string, ctx: PageContext) => ViewRequestOf<K>,
): ViewPage {
  return {
    segment,
    view,
    run: async (store, arg, ctx) => {
      const model = await runNamedView(view, store, request(arg, ctx));
      return { model, doc: viewDocument(view, model) };
    },
  };
}

export const VIEW_PAGES: readonly ViewPage[] = [
  page('trend', 'trend', (arg, ctx) => {
    const subject = parseSubject(arg);
    if ('error' in subject) throw new BadRequest(400, subject.error);
    return { subject, asOf: ctx.asOf, today: ctx.today };
  }),
];
