// The read side's contract. A view answers one question a user asks (is vllm used? how does
// sglang trend? what does the Hub look like?) in two steps: `load` reads the store (the only I/O)
// into the view's inputs, and `compute` turns inputs and the request into the view's model, a
// plain JSON-safe value checked by the view's zod schema. Faces (CLI, dashboard, MCP, library)
// call a view and render its model; they never compute figures or assemble sentences of their own.
import type { z } from 'zod';
import type { Store } from '../store/store.js';

/** What every view request carries: the date to judge at and the caller's clock. */
export interface ViewRequest {
  /** Judge as of this date; when absent the view picks its default (see each view's load). */
  readonly asOf?: Date | undefined;
  /** Today, from the caller's clock (views never read the clock themselves). */
  readonly today: Date;
}

export interface View<Request extends ViewRequest, Inputs, Model> {
  /** The view's name: its CLI command, its dashboard route and its schema file (docs/schemas/<name>.schema.json). */
  readonly name: string;
  /** The model's schema; `schema` in the model is its id, kept.<name>/vN. */
  readonly schema: z.ZodType<Model>;
  /** Store → inputs. Throws a KeptError (not found, with suggestions) when the subject is unknown. */
  load(store: Store, request: Request): Promise<Inputs>;
  /** Inputs + request → model. Pure: no store, no network, no clock. */
  compute(inputs: Inputs, request: Request): Model;
}

/** Loads and computes one view. */
export async function runView<Request extends ViewRequest, Inputs, Model>(
  view: View<Request, Inputs, Model>,
  store: Store,
  request: Request,
): Promise<Model> {
  return view.compute(await view.load(store, request), request);
}
