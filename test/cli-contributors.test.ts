// Issue 5's "must show" for contributor breadth: `kept contributors` on real repositories rebuilt
// with ../shared/tools/replay-git-history from the ollama, peft and text-generation-inference
// exports, checked against counts made here from git's own output (rev-list, shortlog).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContributorReport } from '../src/domain/contributors.js';
import { contributorsViewSchema } from '../src/views/contributors/model.js';
import { computeContributorsView } from '../src/views/contributors/compute.js';
import { FREEMAIL_DOMAINS, KNOWN_ORGANIZATIONS } from '../src/signals/affiliation.js';
import { BOT_ACCOUNTS, isBotName } from '../src/domain/bots.js';
import { judgeMultiOrganization } from '../src/signals/contributors.js';
import { collectGithubContributors, collectRepositoryContributors } from '../src/ingest/contributors.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { startFakeUpstream } from './helpers/fake-upstream.js';
import { loadRecordings, replayFetch } from './helpers/recorded-http.js';
import { simpleHttpClient } from './helpers/simple-http.js';
import { runCli } from './helpers/run-cli.js';
import { SHARED_DATA, tempDir } from './helpers/tmp.js';

const TOOL = SHARED_DATA ? join(SHARED_DATA, '..', 'tools', 'replay-git-history') : '';
const EXPORTS = ['ollama', 'peft', 'text-generation-inference'] as const;
const hasBin = (bin: string, arg = '--version'): boolean => spawnSync(bin, [arg], { encoding: 'utf8' }).status === 0;
const SKIP: string | false =
  !SHARED_DATA || !existsSync(TOOL)
    ? 'needs ../shared/data/git-history and ../shared/tools/replay-git-history (put ../shared beside the checkout or set KEPT_SHARED_DATA)'
    : !hasBin('git')
      ? 'needs git (apt-get install git)'
      : !hasBin('python3')
        ? 'needs python3 for replay-git-history (apt-get install python3)'
        : false;
const AS_OF = '2026-09-01';

const repos = new Map<string, string>();
function repo(name: string): string {
  let dir = repos.get(name);
  if (!dir) {
    dir = join(tempDir('kept-git-'), name);
    execFileSync('python3', [TOOL, join(SHARED_DATA ?? '', 'git-history', `${name}.tsv.gz`), dir], {
      encoding: 'utf8',
    });
    repos.set(name, dir);
  }
  return dir;
}

const git = (dir: string, args: string[]): string =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });

// ---- the independent count: git's shortlog, merged and attributed here -------------------------

function botIdent(name: string, email: string): boolean {
  const n = name.toLowerCase();
  const e = email.toLowerCase();
  const login = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(e)?.[1];
  return isBotName(n) || e.includes('[bot]@') || BOT_ACCOUNTS.has(e) || (login !== undefined && isBotName(login));
}

interface Expected {
  contributions: number;
  people: number;
  bus: number | null;
  elephant: number | null;
  unattributed: number;
  topOrg: string | undefined;
}

function half(values: number[]): number | null {
  const v = [...values].sort((a, b) => b - a);
  const total = v.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let acc = 0;
  for (let i = 0; i < v.length; i++) if ((acc += v[i]!) * 2 >= total) return i + 1;
  return v.length;
}

function expectedFromShortlog(dir: string, range: string[] = []): Expected {
  const out = git(dir, [
    'shortlog',
    '-sne',
    '--no-merges',
    '--group=author',
    '--group=trailer:co-authored-by',
    ...range,
    'HEAD',
  ]);
  const rows = out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const m = /^\s*(\d+)\t(.*?)\s*<([^>]*)>$/.exec(l) ?? /^\s*(\d+)\t(.*)$/.exec(l);
      return { n: Number(m?.[1]), name: m?.[2] ?? '', email: (m?.[3] ?? '').toLowerCase() };
    })
    .filter((r) => !botIdent(r.name, r.email));
  // People: union of entries sharing an address, a name or a GitHub login.
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const login = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(r.email)?.[1];
    for (const k of [r.email && `e:${r.email}`, r.name && `n:${r.name.toLowerCase()}`, login && `g:${login}`]) {
      if (!k) continue;
      const j = seen.get(k);
      if (j === undefined) seen.set(k, i);
      else parent[find(i)] = find(j);
    }
  });
  const perPerson = new Map<number, number>();
  rows.forEach((r, i) => perPerson.set(find(i), (perPerson.get(find(i)) ?? 0) + r.n));
  // Organisations: the known company domains, else a domain more than one person used (or a
  // university); free-mail, noreply and machine-local addresses are nobody's.
  const known = new Map<string, string>();
  for (const k of KNOWN_ORGANIZATIONS) for (const d of k.domains) known.set(d, k.name);
  const base = (domain: string): string => {
    const parts = domain.split('.');
    const cc =
      parts.length > 2 && /^(co|com|ac|edu|org|net|gov|ne|or|go)$/.test(parts.at(-2)!) && parts.at(-1)!.length === 2;
    return parts.slice(cc ? -3 : -2).join('.');
  };
  const domainOf = (email: string): string | null => {
    const d = email.split('@')[1] ?? '';
    if (
      !d.includes('.') ||
      /(^|\.)(localhost|local|localdomain|lan|internal|home)$/.test(d) ||
      d === 'users.noreply.github.com'
    )
      return null;
    return FREEMAIL_DOMAINS.has(d) || FREEMAIL_DOMAINS.has(base(d)) ? null : base(d);
  };
  const domainPeople = new Map<string, Set<number>>();
  rows.forEach((r, i) => {
    const d = domainOf(r.email);
    if (d) domainPeople.set(d, (domainPeople.get(d) ?? new Set()).add(find(i)));
  });
  const orgs = new Map<string, number>();
  for (const r of rows) {
    const d = domainOf(r.email);
    if (!d) continue;
    const org =
      known.get(d) ??
      ((domainPeople.get(d)?.size ?? 0) > 1 || /\.(edu|ac\.[a-z]{2}|edu\.[a-z]{2})$/.test(d) ? d : undefined);
    if (org) orgs.set(org, (orgs.get(org) ?? 0) + r.n);
  }
  const contributions = rows.reduce((a, r) => a + r.n, 0);
  const attributed = [...orgs.values()].reduce((a, b) => a + b, 0);
  return {
    contributions,
    people: perPerson.size,
    bus: half([...perPerson.values()]),
    elephant: half([...orgs.values()]),
    unattributed: (contributions - attributed) / contributions,
    topOrg: [...orgs.entries()].sort((a, b) => b[1] - a[1])[0]?.[0],
  };
}

function botCommitCount(dir: string, range: string[] = []): number {
  return git(dir, ['log', '--no-merges', '--format=%aN%x00%aE', ...range, 'HEAD'])
    .split('\n')
    .filter(Boolean)
    .filter((l) => {
      const [n, e] = l.split('\0');
      return botIdent(n ?? '', e ?? '');
    }).length;
}

async function contributors(args: string[], db: string): Promise<ContributorReport> {
  const r = await runCli(['--db', db, 'contributors', ...args, '--json']);
  assert.equal(r.code, 0, r.stderr);
  // The output follows docs/schemas/contributors.schema.json (strictly: no undeclared keys).
  contributorsViewSchema.strict().parse(JSON.parse(r.stdout));
  return JSON.parse(r.stdout) as ContributorReport;
}

for (const name of EXPORTS) {
  test(`kept contributors on the real ${name} history agrees with git's own counts`, { skip: SKIP }, async () => {
    const dir = repo(name);
    const db = join(tempDir(), 'k.duckdb');
    const r = await contributors([dir, '--as-of', AS_OF], db);
    const all = r.windows.find((w) => w.window === 'all')!;
    const nonMerge = Number(git(dir, ['rev-list', '--count', '--no-merges', 'HEAD']).trim());
    assert.equal(r.skipped.afterAsOf, 0);
    assert.equal(all.commits + all.bots.commits, nonMerge);
    assert.equal(all.bots.commits, botCommitCount(dir));

    const want = expectedFromShortlog(dir);
    assert.equal(all.contributions, want.contributions, 'contributions = shortlog author + co-author credits');
    assert.equal(all.contributors, want.people);
    assert.equal(all.busFactor, want.bus);
    assert.equal(all.elephantFactor, want.elephant);
    assert.equal(all.organizations[0]?.name, want.topOrg);
    assert.ok(
      Math.abs((all.unattributedShare ?? -1) - want.unattributed) < 1e-12,
      `unattributed ${all.unattributedShare} vs ${want.unattributed}`,
    );

    // The 12-month window is the same count as git's own --since.
    const w12 = r.windows.find((w) => w.window === '12m')!;
    const since = ['--since', w12.start!];
    assert.equal(
      w12.commits + w12.bots.commits,
      Number(git(dir, ['rev-list', '--count', '--no-merges', ...since, 'HEAD']).trim()),
    );
    const want12 = expectedFromShortlog(dir, since);
    assert.equal(w12.contributions, want12.contributions);
    assert.equal(w12.busFactor, want12.bus);
    assert.equal(w12.elephantFactor, want12.elephant);

    // Stored: one observation per figure and window, origin = path @ HEAD.
    const head = git(dir, ['rev-parse', 'HEAD']).trim();
    assert.equal(r.source.head, head);
    const store = await DuckDbStore.open(db, { readOnly: true });
    try {
      const obs = await store.observations({ subjects: [{ kind: 'git', id: r.source.path }], metrics: ['bus_factor'] });
      assert.deepEqual(
        obs.map((o) => [o.dims.window, o.value, o.origin]).sort(),
        r.windows
          .filter((w) => w.busFactor !== null)
          .map((w) => [w.window, w.busFactor, `${r.source.path}@${head}`])
          .sort(),
      );
    } finally {
      await store.close();
    }
  });
}

test(
  'the real figures, pinned: ollama is one company and many personal addresses; TGI is Hugging Face',
  { skip: SKIP },
  async () => {
    const db = join(tempDir(), 'k.duckdb');
    const ollama = await contributors([repo('ollama'), '--as-of', AS_OF], db);
    const o = ollama.windows[0]!;
    assert.deepEqual([o.commits, o.bots.commits, o.organizations[0]?.name, o.elephantFactor], [4869, 0, 'Ollama', 1]);
    assert.ok((o.unattributedShare ?? 0) > 0.75, 'most ollama contributions come from personal addresses');
    // One visible company and three quarters unattributed: the checklist point cannot be judged.
    const multi = judgeMultiOrganization(ollama);
    assert.equal(multi.verdict, 'unknown');
    assert.equal(multi.organizations, 1);
    const tgi = await contributors([repo('text-generation-inference'), '--as-of', AS_OF, '--project', 'tgi'], db);
    assert.equal(tgi.windows[0]?.organizations[0]?.name, 'Hugging Face');
    assert.equal(tgi.source.project, 'tgi');
    const peft = await contributors([repo('peft'), '--as-of', AS_OF], db);
    assert.ok((peft.windows[0]?.bots.commits ?? 0) >= 12, 'dependabot commits are counted apart');
    // A project analysed before is read back from the store.
    const back = await runCli(['--db', db, 'contributors', 'tgi', '--json']);
    assert.equal(back.code, 0, back.stderr);
    assert.equal((JSON.parse(back.stdout) as ContributorReport).source.head, tgi.source.head);
  },
);

test("--since and --until are git's own: same commit count as rev-list", { skip: SKIP }, async () => {
  const dir = repo('peft');
  const db = join(tempDir(), 'k.duckdb');
  const r = await contributors([dir, '--since', '2024-01-01', '--until', '2025-01-01', '--no-store'], db);
  const n = Number(
    git(dir, [
      'rev-list',
      '--count',
      '--no-merges',
      '--since=2024-01-01T00:00:00.000Z',
      '--until=2025-01-01T00:00:00.000Z',
      'HEAD',
    ]).trim(),
  );
  assert.equal(r.windows[0]!.commits + r.windows[0]!.bots.commits, n);
  assert.equal(r.asOf, '2025-01-01T00:00:00.000Z');
  assert.ok(n > 100);
  assert.equal(existsSync(db), false, '--no-store opens no database');
});

test(
  'markdown output states the unattributed share; bad input is one line and a non-zero exit',
  { skip: SKIP },
  async () => {
    const dir = repo('ollama');
    const db = join(tempDir(), 'k.duckdb');
    const md = await runCli(['--db', db, 'contributors', dir, '--as-of', AS_OF]);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /\| window \| commits \(human\) \|[^\n]*\| unattributed share \|/);
    assert.match(md.stdout, /cannot be tied to an organisation/);
    const notRepo = await runCli(['--db', db, 'contributors', tempDir()]);
    assert.equal(notRepo.code, 3);
    assert.match(notRepo.stderr, /^kept: error: .*not a git repository\n {2}give the path/);
    const unknown = await runCli(['--db', db, 'contributors', 'no-such-thing']);
    assert.equal(unknown.code, 5);
    const badAff = join(tempDir(), 'aff.txt');
    writeFileSync(badAff, 'huggingface.co Hugging Face\nonlyonefield\n');
    const aff = await runCli(['--db', db, 'contributors', dir, '--affiliations', badAff]);
    assert.equal(aff.code, 3);
    assert.match(aff.stderr, /line 2: expected/);
    const noGit = await runCli(['--db', db, 'contributors', dir], { KEPT_GIT: '/nonexistent/git' });
    assert.equal(noGit.code, 3);
    assert.match(noGit.stderr, /git not found/);
  },
);

test('the GitHub API path gives the same figures as git log of the same history', { skip: SKIP }, async () => {
  const since = new Date('2026-06-01T00:00:00Z');
  const until = new Date('2026-08-22T00:00:00Z');
  const fromGit = await collectRepositoryContributors(repo('peft'), { since, until, asOf: until });
  const fetchFn = replayFetch(
    loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'github', 'peft-commits')),
  );
  const fromApi = await collectGithubContributors(simpleHttpClient(fetchFn), 'huggingface/peft', {
    since,
    until,
    asOf: until,
    projects: [{ id: 'peft', name: 'PEFT', category: 'framework', github: 'huggingface/peft' }],
  });
  assert.equal(fetchFn.log.requests.length, 2);
  const { source: _gitSource, ...gitFigures } = fromGit;
  const { source: apiSource, ...apiFigures } = fromApi;
  assert.deepEqual(apiFigures, gitFigures);
  assert.equal(apiSource.kind, 'github');
  assert.equal(apiSource.project, 'peft');
  // The replayed repository has new commit ids; the API lists the originals (the export's).
  assert.equal(apiSource.head, '5d602fdbff04c33c1c4de55cda9d4ae1d7cb7e40', 'the newest commit listed');
  const w = fromApi.windows[0]!;
  assert.equal(
    w.commits + w.bots.commits,
    Number(
      git(repo('peft'), [
        'rev-list',
        '--count',
        '--no-merges',
        `--since=${since.toISOString()}`,
        `--until=${until.toISOString()}`,
        'HEAD',
      ]).trim(),
    ),
  );
  assert.ok(w.bots.commits > 0);
  contributorsViewSchema.strict().parse(JSON.parse(JSON.stringify(computeContributorsView(fromApi))));
});

test(
  'the origin remote names the catalog project, and the project reads the stored analysis back',
  { skip: SKIP },
  async () => {
    const dir = join(tempDir('kept-remote-'), 'peft');
    execFileSync('git', ['clone', '-q', repo('peft'), dir]);
    git(dir, ['remote', 'set-url', 'origin', 'git@github.com:huggingface/peft.git']);
    const db = join(tempDir(), 'k.duckdb');
    const r = await contributors([dir, '--as-of', AS_OF], db);
    assert.equal(r.source.project, 'peft');
    const back = await runCli(['--db', db, 'contributors', 'peft']);
    assert.equal(back.code, 0, back.stderr);
    assert.match(back.stdout, /^# Contributor breadth: peft/);
    const store = await DuckDbStore.open(db, { readOnly: true });
    try {
      const obs = await store.observations({
        subjects: [{ kind: 'project', id: 'peft' }],
        metrics: ['commits'],
        dims: 'window=all',
      });
      assert.deepEqual(
        obs.map((o) => o.value),
        [r.windows[0]!.commits],
      );
    } finally {
      await store.close();
    }
  },
);

test('kept contributors PROJECT --github reads the commits from the API (a local fake serving the recordings)', async () => {
  const up = await startFakeUpstream({
    recordings: loadRecordings(join(process.cwd(), 'test', 'fixtures', 'http', 'github', 'peft-commits')),
  });
  try {
    const db = join(tempDir(), 'k.duckdb');
    const r = await runCli(
      ['--db', db, 'contributors', 'peft', '--github', '--since', '2026-06-01', '--until', '2026-08-22', '--json'],
      { GITHUB_API_URL: up.url },
    );
    assert.equal(r.code, 0, r.stderr);
    const report = contributorsViewSchema.strict().parse(JSON.parse(r.stdout));
    assert.equal(report.source.kind, 'github');
    assert.equal(report.source.path, 'huggingface/peft');
    assert.equal(report.source.project, 'peft');
    // All 152 listed commits are non-merge (peft squash-merges): humans plus bots.
    const all = report.windows[0]!;
    assert.equal(all.commits + all.bots.commits, 152);
    assert.ok(all.bots.commits > 0);
    assert.match(r.stderr, /GITHUB_TOKEN is not set/);
    assert.equal(up.fake.stats.requests, 2);
    const back = await runCli(['--db', db, 'contributors', 'peft', '--json']);
    assert.equal((JSON.parse(back.stdout) as ContributorReport).source.kind, 'github');
  } finally {
    await up.close();
  }
});
