// The profile's download sentence: a spike is named by the month it covers and by its window's end,
// the date the project page's chart marks (a reader sees both without a second convention to learn).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { downloadSentence } from './compute.js';
import type { ProfileDownloads } from './model.js';

/** Only the fields the sentence reads; the rest of the view model is not needed here. */
function downloads(spikes: readonly { month: string; windowEnd?: string }[]): ProfileDownloads {
  const months = [
    { month: '2026-01', value: 15_500_000, windowEnd: '2026-02-01' },
    { month: '2026-02', value: 2_920_000, windowEnd: '2026-03-01' },
    { month: '2026-03', value: 36_000_000, windowEnd: '2026-04-01' },
  ];
  return {
    subject: 'pypi:sglang',
    latest: { value: 36_000_000, windowStart: '2026-03-02', windowEnd: '2026-04-01' },
    trend: {
      growth: 2.84,
      shape: 'spike-and-decay',
      months: months.filter((m) => spikes.some((s) => s.month === m.month && s.windowEnd !== 'none')),
      spikes: spikes.map((s) => ({ month: s.month })),
    },
  } as unknown as ProfileDownloads;
}

test('two spikes: their months and the ends of their windows, in order', () => {
  const s = downloadSentence('SGLang', downloads([{ month: '2026-01' }, { month: '2026-03' }]));
  assert.match(s, /; 2 spikes \(2026-01, 2026-03: the windows ending 2026-02-01, 2026-04-01\)\.$/);
});

test('one spike: singular words', () => {
  const s = downloadSentence('SGLang', downloads([{ month: '2026-03' }]));
  assert.match(s, /; 1 spike \(2026-03: the window ending 2026-04-01\)\.$/);
});

test('a spike whose month is not among the judged months keeps its month alone', () => {
  const s = downloadSentence('SGLang', downloads([{ month: '2026-01', windowEnd: 'none' }]));
  assert.match(s, /; 1 spike \(2026-01\)\.$/);
});

test('no spike: no spike clause', () => {
  assert.doesNotMatch(downloadSentence('SGLang', downloads([])), /spike \(|spikes \(/);
});
