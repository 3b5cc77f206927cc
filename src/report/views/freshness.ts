// How a document states its view's freshness: the as-of statement for the subtitle, and the
// staleness sentence as a warning note. Lays out; computes nothing. Pure.
import type { Freshness } from '../../views/shared/freshness.js';
import type { Block } from '../document.js';

/** "As of 2026-04-01, the latest data; today is 2026-12-07" */
export function asOfHeader(f: Freshness): string {
  return f.statement.charAt(0).toUpperCase() + f.statement.slice(1);
}

/** The staleness warning, when the data is stale. */
export function freshnessBlocks(f: Freshness): Block[] {
  return f.note ? [{ kind: 'note', tone: 'warning', text: f.note }] : [];
}
