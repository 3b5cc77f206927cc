// The GitHub collector's issue window: what a first, a repeated and a later run ask for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { issueWindow } from './github.js';

test('the issue window: 90 days first, the same URL again on the same day, changes since the last run after', () => {
  const asOf = new Date('2025-07-17T12:00:00Z');
  assert.equal(issueWindow(asOf, undefined, undefined).toISOString(), '2025-04-18T00:00:00.000Z');
  const cp = { since: '2025-04-18T00:00:00.000Z', walkedAt: '2025-07-17T08:00:00.000Z' };
  assert.equal(issueWindow(asOf, undefined, cp).toISOString(), cp.since);
  assert.equal(issueWindow(new Date('2025-07-19T06:00:00Z'), undefined, cp).toISOString(), '2025-07-16T00:00:00.000Z');
  assert.equal(issueWindow(asOf, new Date('2025-01-01T00:00:00Z'), cp).toISOString(), '2025-01-01T00:00:00.000Z');
});
