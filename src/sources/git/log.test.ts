import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommitRecord } from '../../domain/contributors.js';
import { KeptError } from '../../domain/errors.js';
import { tempDir } from '../../../test/helpers/tmp.js';
import { GitLogParser, resolveRepository, streamGitLog } from './log.js';
import { parseMailmap } from './mailmap.js';

function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, ...env },
  });
}

function commit(cwd: string, name: string, email: string, date: string, message: string): void {
  git(cwd, ['commit', '-q', '--allow-empty', '-m', message], {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
    GIT_COMMITTER_DATE: date,
  });
}

async function collect(repo: string, opts: Parameters<typeof streamGitLog>[1] = {}): Promise<CommitRecord[]> {
  const out: CommitRecord[] = [];
  for await (const c of streamGitLog(repo, opts)) out.push(c);
  return out;
}

function smallRepo(): string {
  const dir = tempDir();
  git(dir, ['init', '-q', '-b', 'main']);
  commit(dir, 'Zoë "Z" Ünïcødé', 'ZOE@Example.COM', '2025-01-01T10:00:00Z', 'first');
  commit(
    dir,
    'Old Name',
    'old@corp.example',
    '2025-02-01T10:00:00Z',
    'second\n\nbody line\n\nCo-authored-by: Pair One <pair@corp.example>\nco-authored-by: Old Name <old@corp.example>\nCo-authored-by: no-brackets',
  );
  git(dir, ['checkout', '-q', '-b', 'side']);
  commit(dir, 'Side', '12345+side-login@users.noreply.github.com', '2025-03-01T10:00:00Z', 'side work');
  git(dir, ['checkout', '-q', 'main']);
  commit(dir, 'dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com', '2025-03-02T10:00:00Z', 'bump');
  git(dir, ['merge', '-q', '--no-ff', '-m', 'merge side', 'side'], {
    GIT_AUTHOR_NAME: 'M',
    GIT_AUTHOR_EMAIL: 'm@x.org',
    GIT_COMMITTER_NAME: 'M',
    GIT_COMMITTER_EMAIL: 'm@x.org',
    GIT_AUTHOR_DATE: '2025-03-03T10:00:00Z',
    GIT_COMMITTER_DATE: '2025-03-03T10:00:00Z',
  });
  return dir;
}

test('streams commits with odd names, co-author trailers, and skips merges by default', async () => {
  const dir = smallRepo();
  const commits = await collect(dir);
  assert.equal(commits.length, Number(git(dir, ['rev-list', '--count', '--no-merges', 'HEAD']).trim()));
  assert.equal(commits.length, 4);
  const first = commits.find((c) => c.author.email === 'ZOE@Example.COM');
  assert.equal(first?.author.name, 'Zoë "Z" Ünïcødé');
  assert.equal(first?.parents, 0);
  assert.equal(first?.committedAt, Date.parse('2025-01-01T10:00:00Z'));
  const second = commits.find((c) => c.author.name === 'Old Name');
  assert.deepEqual(second?.coAuthors, [
    { name: 'Pair One', email: 'pair@corp.example' },
    { name: 'Old Name', email: 'old@corp.example' },
    { name: 'no-brackets', email: '' },
  ]);
  const withMerges = await collect(dir, { noMerges: false });
  assert.equal(withMerges.length, 5);
  assert.equal(withMerges.find((c) => c.author.name === 'M')?.parents, 2);
  const since = await collect(dir, { since: new Date('2025-02-15T00:00:00Z') });
  assert.deepEqual(since.map((c) => c.author.name).sort(), ['Side', 'dependabot[bot]']);
});

test('the .mailmap maps authors (by git) and co-authors (by kept) alike', async () => {
  const dir = smallRepo();
  writeFileSync(
    join(dir, '.mailmap'),
    '# people\nNew Name <new@corp.example> <old@corp.example>\nPair Proper <pair@corp.example>\n',
  );
  const commits = await collect(dir);
  const second = commits.find((c) => c.coAuthors.length > 0);
  assert.deepEqual(second?.author, { name: 'New Name', email: 'new@corp.example' });
  assert.deepEqual(second?.coAuthors.slice(0, 2), [
    { name: 'Pair Proper', email: 'pair@corp.example' },
    { name: 'New Name', email: 'new@corp.example' },
  ]);
  const raw = await collect(dir, { useMailmap: false });
  assert.equal(raw.find((c) => c.coAuthors.length > 0)?.author.name, 'Old Name');
});

test('mailmap: name-and-email entries win over email-only ones, case-insensitively', () => {
  const mm = parseMailmap('A <a@x> <old@x>\nB <b@x> Bee <OLD@x>\n\n<only@x> <e@x>\nbad line\n');
  assert.deepEqual(mm.map({ name: 'whoever', email: 'old@x' }), { name: 'A', email: 'a@x' });
  assert.deepEqual(mm.map({ name: 'bee', email: 'old@X' }), { name: 'B', email: 'b@x' });
  assert.deepEqual(mm.map({ name: 'E', email: 'e@x' }), { name: 'E', email: 'only@x' });
  assert.deepEqual(mm.map({ name: 'n', email: 'none@x' }), { name: 'n', email: 'none@x' });
});

test('the parser is indifferent to where chunks split, even inside a multi-byte character', () => {
  const rec = (sha: string, name: string): string =>
    [sha, 'p1 p2', name, 'e@x', '100', '200', 'A <a@x>\x1fB <b@x>'].map((f) => `${f}\x00`).join('');
  const bytes = Buffer.from(rec('s1', 'Zoë') + rec('s2', '名前'));
  for (let cut = 1; cut < bytes.length; cut++) {
    const p = new GitLogParser();
    const out: CommitRecord[] = [];
    p.push(bytes.subarray(0, cut), out);
    p.push(bytes.subarray(cut), out);
    p.end(out);
    assert.deepEqual(
      out.map((c) => [c.sha, c.author.name, c.parents, c.coAuthors.length, c.committedAt]),
      [
        ['s1', 'Zoë', 2, 2, 200_000],
        ['s2', '名前', 2, 2, 200_000],
      ],
    );
  }
  const cut = new GitLogParser();
  cut.push(Buffer.from('s1\0p\0name'), []);
  assert.throws(() => cut.end([]), /ended inside a commit/);
});

test('not a repository, an empty repository and a missing git are one clear InputError each', async () => {
  const plain = tempDir();
  await assert.rejects(
    collect(plain),
    (e: unknown) => e instanceof KeptError && /not a git repository/.test(e.message) && !e.message.includes('\n'),
  );
  await assert.rejects(resolveRepository(plain), /not a git repository/);
  await assert.rejects(resolveRepository(join(plain, 'nope')), /no such directory/);
  const empty = tempDir();
  git(empty, ['init', '-q']);
  await assert.rejects(resolveRepository(empty), /has no commits/);
  await assert.rejects(collect(empty), /does not have any commits|unknown revision|bad revision/);
  await assert.rejects(collect(smallRepo(), { git: '/nonexistent/git' }), /git not found/);
  await assert.rejects(resolveRepository(smallRepo(), '/nonexistent/git'), /git not found/);
});

test('stopping early ends git and resolveRepository names HEAD', async () => {
  const dir = smallRepo();
  let n = 0;
  for await (const _ of streamGitLog(dir)) if (++n === 1) break;
  assert.equal(n, 1);
  const r = await resolveRepository(dir);
  assert.equal(r.head, git(dir, ['rev-parse', 'HEAD']).trim());
});
