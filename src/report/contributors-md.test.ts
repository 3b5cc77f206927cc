// Golden markdown for `kept contributors` (test/fixtures/contributors/contributors.md; a mismatch
// writes contributors-changed.md beside it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGolden } from '../../test/helpers/golden.js';
import type { CommitRecord, ContributorReport } from '../domain/contributors.js';
import { computeContributorBreadth } from '../signals/contributors.js';
import { renderContributorsMarkdown } from './contributors-md.js';

function commits(): CommitRecord[] {
  const out: CommitRecord[] = [];
  const add = (n: number, name: string, email: string, date: string, co: [string, string][] = []): void => {
    for (let i = 0; i < n; i++) {
      const t = Date.parse(`${date}T12:00:00Z`) + i * 3_600_000;
      out.push({
        sha: `${out.length}`,
        parents: 1,
        author: { name, email },
        authoredAt: t,
        committedAt: t,
        coAuthors: co.map(([a, b]) => ({ name: a, email: b })),
      });
    }
  };
  add(20, 'Maintainer | One', 'm1@gmail.com', '2024-02-01');
  add(12, 'Maintainer Two', 'm2@huggingface.co', '2025-08-01');
  add(6, 'Intel Dev', 'dev@intel.com', '2025-10-01', [['Pair', 'pair@intel.com']]);
  add(4, 'Van | Ity', 'me@vanity.dev', '2025-11-01');
  add(3, 'dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com', '2025-12-01');
  add(2, 'Drive-by', '7+driveby@users.noreply.github.com', '2025-12-15');
  return out;
}

test('contributors markdown matches the golden file', () => {
  const breadth = computeContributorBreadth(commits(), { asOf: new Date('2026-01-01T00:00:00Z') });
  const report: ContributorReport = {
    ...breadth,
    source: {
      kind: 'git',
      path: '/src/example',
      head: 'a'.repeat(40),
      since: null,
      until: null,
      merges: false,
      mailmap: true,
      project: 'example',
    },
  };
  const md = renderContributorsMarkdown(report);
  assertGolden('contributors', 'contributors.md', md);
  assert.match(md, /\*\*unattributed share\*\* \| \*\*52%\*\*/);
});
