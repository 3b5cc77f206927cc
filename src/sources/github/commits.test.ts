import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CommitRecord } from '../../domain/contributors.js';
import { loadRecordings, replayFetch } from '../../../test/helpers/recorded-http.js';
import { simpleHttpClient } from '../../../test/helpers/simple-http.js';
import { collectCompanies, listRepositoryCommits, normalizeApiCommit, parseCoAuthorTrailers } from './commits.js';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'http', 'github');
const EP = { apiUrl: 'https://api.github.com', graphqlUrl: 'https://api.github.com/graphql' };

test('Co-authored-by trailers are read from the last paragraph only, any case', () => {
  assert.deepEqual(
    parseCoAuthorTrailers('subject\n\nCo-authored-by: A <a@x>\nco-authored-by:B <b@y>\nSigned-off-by: C <c@z>'),
    [
      { name: 'A', email: 'a@x' },
      { name: 'B', email: 'b@y' },
    ],
  );
  assert.deepEqual(parseCoAuthorTrailers('Co-authored-by: only a subject <a@x>'), []);
  assert.deepEqual(parseCoAuthorTrailers('s\n\nCo-authored-by: A <a@x>\n\nlater paragraph'), []);
  assert.deepEqual(parseCoAuthorTrailers('s\r\n\r\nCo-authored-by: A <a@x>\r\n'), [{ name: 'A', email: 'a@x' }]);
});

test('an API commit normalises to the record the git source yields', () => {
  const c = normalizeApiCommit({
    sha: 'abc',
    commit: {
      author: { name: 'N', email: 'n@x.org', date: '2026-06-01T10:00:00Z' },
      committer: { date: '2026-06-02T10:00:00Z' },
      message: 's\n\nCo-authored-by: P <p@x.org>',
    },
    author: { login: 'nlogin', id: 1, type: 'User' },
    parents: [{ sha: 'p1' }, { sha: 'p2' }],
  });
  assert.deepEqual(c, {
    sha: 'abc',
    parents: 2,
    author: { name: 'N', email: 'n@x.org', login: 'nlogin' },
    authoredAt: Date.parse('2026-06-01T10:00:00Z'),
    committedAt: Date.parse('2026-06-02T10:00:00Z'),
    coAuthors: [{ name: 'P', email: 'p@x.org' }],
  });
  assert.equal(normalizeApiCommit({ sha: 'x', commit: { author: { date: 'not a date' } } }), undefined);
  assert.equal(normalizeApiCommit({ commit: { author: { date: '2026-06-01T10:00:00Z' } } }), undefined);
});

test('commits are listed across Link-header pages, merges skipped', async () => {
  const f = replayFetch(loadRecordings(join(FIXTURES, 'peft-commits')));
  const http = simpleHttpClient(f);
  const since = new Date('2026-06-01T00:00:00Z');
  const until = new Date('2026-08-22T00:00:00Z');
  const all: CommitRecord[] = [];
  for await (const c of listRepositoryCommits(http, EP, 'huggingface/peft', { since, until, noMerges: false }))
    all.push(c);
  assert.equal(all.length, 152);
  assert.equal(f.log.requests.length, 2);
  assert.match(f.log.requests[1]?.url ?? '', /&page=2$/);
  assert.equal(f.log.requests[0]?.headers.accept, 'application/vnd.github+json');
  assert.ok(
    all.every((c, i) => i === 0 || c.committedAt <= all[i - 1]!.committedAt),
    'newest first',
  );
  assert.ok(all.some((c) => c.author.login === 'dependabot[bot]'));
  await assert.rejects(async () => {
    for await (const _ of listRepositoryCommits(http, EP, 'not a repo')) break;
  }, /not a GitHub owner\/repo/);
});

test('companies come from GET /users/{login}; a 404 or an empty company is left out', async () => {
  const http = simpleHttpClient(replayFetch(loadRecordings(join(FIXTURES, 'users'))));
  assert.deepEqual(await collectCompanies(http, EP, ['octocat', 'OctoCat', 'user-ghost00000', 'dependabot[bot]']), {
    octocat: 'GitHub',
  });
});
