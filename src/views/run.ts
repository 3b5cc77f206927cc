// Runs a view by name: what the library's `view()`, the dashboard and the MCP server call.
import type { Store } from '../store/store.js';
import { VIEWS, type ViewModel, type ViewName, type ViewRequestOf } from './registry.js';

export async function runNamedView<K extends ViewName>(
  name: K,
  store: Store,
  request: ViewRequestOf<K>,
): Promise<ViewModel<K>> {
  const v = VIEWS[name];
  return v.compute(await v.load(store, request), request);
}
