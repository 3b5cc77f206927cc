// A small contributor history with every case the report must show (free-mail, a company domain,
// co-authors, a personal domain, a bot, GitHub noreply), and its report as `kept contributors`
// stores it: the fixture of the contributors view's golden files.
import type { CommitRecord, ContributorReport } from '../../src/domain/contributors.js';
import { computeContributorBreadth } from '../../src/signals/contributors.js';

export function fixtureCommits(): CommitRecord[] {
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

/** The fixture's report as of 2026-01-01, as read from a clone of project `example`. */
export function fixtureContributorReport(): ContributorReport {
  const breadth = computeContributorBreadth(fixtureCommits(), { asOf: new Date('2026-01-01T00:00:00Z') });
  return {
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
}
